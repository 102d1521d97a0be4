import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatMoney } from "../../i18n/format";
import { Button, ErrorAlert, SuccessAlert } from "../../ui";
import { CellSelect, CellTextInput, ScrollTable } from "../../ui/editing";
import { problemsAt, problemsOf } from "./errors";
import { useSetCandidacyPartners, useSetPartnerCanEdit, useWithdrawPartnerInvitation } from "./hooks";
import { centsToInput, parseEuros, type ParsedAmount } from "../../i18n/money";
import { PARTNER_ROLES, type ConsortiumCandidacy, type ConsortiumPartner } from "./types";
import { useActionError } from "./useActionError";
import { useAmountError } from "./useAmountError";

interface Edit {
  role?: ConsortiumPartner["role"];
  share?: string;
}

/**
 * The organisations of the consortium. For the lead's members (`manage`), a form over the
 * table sets every role and requested share at once (setCandidacyPartners), and each row has
 * its own actions (allow editing, withdraw); each failure shows in the row it concerns.
 */
export function PartnersTable({ candidacy, manage }: { candidacy: ConsortiumCandidacy; manage: boolean }) {
  const { t, i18n } = useTranslation("consortium");
  const amountError = useAmountError();
  const partners = (candidacy.partners ?? []).filter((partner) => partner.organisation !== null);
  const setPartners = useSetCandidacyPartners(candidacy.id);
  const actionErrorOf = useActionError(candidacy.id, "consortium");
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [parsed, setParsed] = useState<Record<string, ParsedAmount>>({});
  /** The partners in the order sent, to find the row of the API's `partners[i]` problems. */
  const [sentIds, setSentIds] = useState<string[]>([]);
  const result = setPartners.isPending ? undefined : setPartners.data;
  const problems = problemsOf(result);
  const actionError = actionErrorOf(result);
  const unplaced = problems.some((problem) => !/^partners(\[\d+\]\.(role|requestedShareCents))?$/.test(problem.field));

  const roleOf = (partner: ConsortiumPartner) => edits[partner.id]?.role ?? partner.role;
  const shareOf = (partner: ConsortiumPartner) =>
    edits[partner.id]?.share ?? centsToInput(partner.requestedShare.cents, i18n.language);
  const edit = (id: string, change: Edit) => {
    setEdits((all) => ({ ...all, [id]: { ...all[id], ...change } }));
    if (change.share !== undefined) setParsed(({ [id]: _changed, ...others }) => others);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const amounts = Object.fromEntries(partners.map((p) => [p.id, parseEuros(shareOf(p), i18n.language)]));
    setParsed(amounts);
    if (setPartners.isPending || Object.values(amounts).some((amount) => !amount.ok)) return;
    setSentIds(partners.map((partner) => partner.id));
    setPartners.mutate(
      {
        id: candidacy.id,
        partners: partners.map((partner) => ({
          organisationId: partner.organisation?.id ?? "",
          role: roleOf(partner),
          requestedShareCents: (amounts[partner.id] as { cents: number }).cents,
        })),
      },
      { onSuccess: (answer) => answer.__typename === "CandidacyPayload" && setEdits({}) },
    );
  };

  const table = (
    <ScrollTable caption={t("partners.caption")}>
      <thead>
        <tr>
          <th scope="col">{t("partners.organisation")}</th>
          <th scope="col">{t("partners.role")}</th>
          <th scope="col">{t("partners.status")}</th>
          <th scope="col">{t("partners.share")}</th>
          <th scope="col">{t("partners.canEdit")}</th>
          {manage && <th scope="col">{t("partners.actions")}</th>}
        </tr>
      </thead>
      <tbody>
        {partners.map((partner) => {
          const index = sentIds.indexOf(partner.id);
          const name = partner.organisation?.name ?? "";
          const isLead = partner.role === "LEAD";
          const shareProblem = parsed[partner.id];
          return (
            <tr key={partner.id}>
              <th scope="row">{name}</th>
              <td>
                {manage && !isLead ? (
                  <CellSelect
                    label={t("partners.roleOf", { name })}
                    value={roleOf(partner)}
                    onChange={(role) => edit(partner.id, { role: role as ConsortiumPartner["role"] })}
                    options={PARTNER_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                    error={problemsAt(t, problems, `partners[${index}].role`)}
                  />
                ) : (
                  t(`roles.${partner.role}`)
                )}
              </td>
              <td>{t(`statuses.${partner.status}`)}</td>
              <td>
                {manage ? (
                  <CellTextInput
                    label={t("partners.shareOf", { name })}
                    inputMode="decimal"
                    value={shareOf(partner)}
                    onChange={(share) => edit(partner.id, { share })}
                    error={
                      (shareProblem && !shareProblem.ok ? amountError(shareProblem.reason) : undefined) ??
                      problemsAt(t, problems, `partners[${index}].requestedShareCents`)
                    }
                  />
                ) : (
                  formatMoney(partner.requestedShare.cents, partner.requestedShare.currency, i18n.language)
                )}
              </td>
              <td>
                {isLead
                  ? t("partners.canEditLead")
                  : partner.canEdit
                    ? t("partners.canEditYes")
                    : t("partners.canEditNo")}
              </td>
              {manage && <td>{!isLead && <PartnerActions candidacyId={candidacy.id} partner={partner} />}</td>}
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );

  if (!manage) return table;
  return (
    <form onSubmit={submit} aria-label={t("partners.caption")}>
      {actionError && <ErrorAlert description={actionError} />}
      {Object.values(parsed).some((amount) => !amount.ok) && <ErrorAlert description={t("fixAmounts")} />}
      {!actionError && problems.length > 0 && (
        <ErrorAlert description={unplaced ? t("errors.invalid") : t("errors.checkFields")} />
      )}
      {problemsAt(t, problems, "partners") && <ErrorAlert description={problemsAt(t, problems, "partners") ?? ""} />}
      <SuccessAlert title={result?.__typename === "CandidacyPayload" ? t("partners.saved") : undefined} />
      {table}
      <p className="fr-text--sm">{t("partners.sharesNote")}</p>
      <div className="fr-mb-6w">
        <Button type="submit">{setPartners.isPending ? t("partners.saving") : t("partners.save")}</Button>
      </div>
    </form>
  );
}

/** A partner's own actions, with their failures next to them. */
function PartnerActions({ candidacyId, partner }: { candidacyId: string; partner: ConsortiumPartner }) {
  const { t } = useTranslation("consortium");
  const withdraw = useWithdrawPartnerInvitation(candidacyId);
  const canEdit = useSetPartnerCanEdit(candidacyId);
  const actionErrorOf = useActionError(candidacyId, "consortium");
  const name = partner.organisation?.name ?? "";
  const failed = [withdraw, canEdit]
    .map((mutation) => (mutation.isPending ? undefined : mutation.data))
    .find((result) => result !== undefined && !result.__typename.endsWith("Payload"));
  const error =
    actionErrorOf(failed) ??
    (failed ? (problemsAt(t, problemsOf(failed), "id") ?? t("errors.invalid")) : undefined);
  return (
    <>
      {error && <ErrorAlert description={error} />}
      {partner.status !== "DECLINED" && (
        <Button
          priority="secondary"
          disabled={canEdit.isPending}
          onClick={() => canEdit.mutate({ id: partner.id, canEdit: !partner.canEdit })}
        >
          {partner.canEdit ? t("partners.stopEdit", { name }) : t("partners.allowEdit", { name })}
        </Button>
      )}
      <Button priority="tertiary" disabled={withdraw.isPending} onClick={() => withdraw.mutate({ id: partner.id })}>
        {partner.status === "ACCEPTED" ? t("partners.remove", { name }) : t("partners.withdraw", { name })}
      </Button>
    </>
  );
}
