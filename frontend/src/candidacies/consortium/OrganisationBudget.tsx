import { useTranslation } from "react-i18next";
import { Button, Notice } from "../../ui";
import { CellSelect, CellTextInput, ScrollTable } from "../../ui/editing";
import type { Category, DraftLine } from "./budget";
import type { ParsedAmount } from "../../i18n/money";
import { BUDGET_CATEGORIES } from "./types";
import { useAmountError } from "./useAmountError";

/** An organisation of the consortium, as the budget shows it. */
export interface BudgetOrganisation {
  id: string;
  name: string;
  share: { cents: number };
  /** It declined its invitation: its lines are kept, read-only, until it is removed. */
  declined: boolean;
}

export interface OrganisationBudgetProps {
  organisation: BudgetOrganisation;
  lines: readonly DraftLine[];
  amounts: Map<number, ParsedAmount>;
  subtotal: number;
  money: (cents: number) => string;
  editable: boolean;
  /** Once a save was tried: amounts that cannot be read say so in their cell. */
  showUnreadable: boolean;
  lineProblem: (key: number, field: string) => string | undefined;
  onChange: (key: number, patch: Partial<DraftLine>) => void;
  onRemove: (key: number) => void;
  onAdd: (organisationId: string) => void;
}

/** One organisation's lines, its subtotal against its requested share. */
export function OrganisationBudget(props: OrganisationBudgetProps) {
  const { organisation, lines, amounts, subtotal, money, editable } = props;
  const { t } = useTranslation("consortium");
  const name = organisation.name;
  return (
    <>
      <h3>{name}</h3>
      {organisation.declined && <Notice title={t("budget.declined", { name })} />}
      <p>{t("budget.requestedShare", { amount: money(organisation.share.cents) })}</p>
      <ScrollTable caption={t("budget.caption", { name })} captionHidden>
        <thead>
          <tr>
            <th scope="col">{t("budget.category")}</th>
            <th scope="col">{t("budget.label")}</th>
            <th scope="col">{t("budget.amount")}</th>
            {editable && <th scope="col">{t("budget.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {lines.length === 0 && (
            <tr>
              <td colSpan={editable ? 4 : 3}>{t("budget.noLines")}</td>
            </tr>
          )}
          {lines.map((line, index) =>
            editable ? (
              <EditableLine key={line.key} {...props} line={line} number={index + 1} />
            ) : (
              <tr key={line.key}>
                <td>{t(`categories.${line.category}`)}</td>
                <td>{line.label}</td>
                <td>{money(amountOf(amounts, line))}</td>
              </tr>
            ),
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              {t("budget.subtotal")}
            </th>
            <td>{money(subtotal)}</td>
            {editable && <td />}
          </tr>
        </tfoot>
      </ScrollTable>
      {subtotal !== organisation.share.cents && !organisation.declined && (
        <p className="fr-text--sm">
          {t("budget.shareMismatch", { name, total: money(subtotal), share: money(organisation.share.cents) })}
        </p>
      )}
      {editable && (
        <div className="fr-mb-6w">
          <Button priority="secondary" onClick={() => props.onAdd(organisation.id)}>
            {t("budget.addLine", { name })}
          </Button>
        </div>
      )}
    </>
  );
}

const amountOf = (amounts: Map<number, ParsedAmount>, line: DraftLine) => {
  const amount = amounts.get(line.key);
  return amount?.ok ? amount.cents : 0;
};

function EditableLine({
  organisation,
  line,
  number,
  amounts,
  showUnreadable,
  lineProblem,
  onChange,
  onRemove,
}: OrganisationBudgetProps & { line: DraftLine; number: number }) {
  const { t } = useTranslation("consortium");
  const amountError = useAmountError();
  const where = { line: number, name: organisation.name };
  const amount = amounts.get(line.key);
  const unreadable = showUnreadable && amount && !amount.ok ? amountError(amount.reason) : undefined;
  return (
    <tr>
      <td>
        <CellSelect
          label={t("budget.categoryOf", where)}
          value={line.category}
          onChange={(category) => onChange(line.key, { category: category as Category })}
          options={BUDGET_CATEGORIES.map((category) => ({ value: category, label: t(`categories.${category}`) }))}
          error={
            [lineProblem(line.key, "category"), lineProblem(line.key, "organisationId")].filter(Boolean).join(" ") ||
            undefined
          }
        />
      </td>
      <td>
        <CellTextInput
          label={t("budget.labelOf", where)}
          value={line.label}
          onChange={(label) => onChange(line.key, { label })}
          error={lineProblem(line.key, "label")}
        />
      </td>
      <td>
        <CellTextInput
          label={t("budget.amountOf", where)}
          inputMode="decimal"
          value={line.amount}
          onChange={(value) => onChange(line.key, { amount: value })}
          error={unreadable ?? lineProblem(line.key, "amountCents")}
        />
      </td>
      <td>
        <Button priority="tertiary" onClick={() => onRemove(line.key)}>
          {t("budget.removeLine", where)}
        </Button>
      </td>
    </tr>
  );
}
