import { useTranslation } from "react-i18next";
import { Button } from "../../../ui";
import { CheckboxField, Fieldset } from "../../../ui/editing";
import {
  CALL_KINDS,

  newUid,
  ORGANISATION_KINDS,
  timeZoneChoices,
  type CallDraft,
  type EligibilityDraft,
  type FunderShareDraft,
  type TimelineDraft,
} from "../model";
import { ItemControls, ListAnnouncement } from "./ListControls";
import { useListEditing } from "./listEditing";
import { GroupProblem, PathInput, PathSelect } from "./PathInput";
import { TextsFields } from "./TextsFields";

type Programme = { id: string; name: string };
type Funder = { id: string; name: string };

/** Programme, reference and kind: set once, at creation. */
export function IdentityFields({
  value,
  onChange,
  programmes,
}: {
  value: Pick<CallDraft, "programmeId" | "reference" | "kind">;
  onChange: (v: Partial<CallDraft>) => void;
  programmes: readonly Programme[];
}) {
  const { t } = useTranslation("manageCalls");
  return (
    <>
      <PathSelect
        path="programmeId"
        label={t("fields.programme")}
        value={value.programmeId}
        onChange={(programmeId) => onChange({ programmeId })}
        options={[{ value: "", label: t("fields.chooseProgramme") }, ...programmes.map((p) => ({ value: p.id, label: p.name }))]}
      />
      <PathInput
        path="reference"
        label={t("fields.reference")}
        hint={t("fields.referenceHint")}
        value={value.reference}
        onChange={(reference) => onChange({ reference })}
        required
      />
      <PathSelect
        path="kind"
        label={t("fields.kind")}
        value={value.kind}
        onChange={(kind) => onChange({ kind: kind as CallDraft["kind"] })}
        options={CALL_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
      />
    </>
  );
}

/** Titles and descriptions in the three languages. */
export function TranslationFields({
  value,
  onChange,
}: {
  value: Pick<CallDraft, "title" | "description">;
  onChange: (v: Partial<CallDraft>) => void;
}) {
  const { t } = useTranslation("manageCalls");
  return (
    <>
      <TextsFields legend={t("fields.title")} path="title" value={value.title} onChange={(title) => onChange({ title })} />
      <TextsFields
        legend={t("fields.description")}
        path="description"
        value={value.description}
        onChange={(description) => onChange({ description })}
        multiline
      />
    </>
  );
}

/** Envelope, cap and themes. */
export function BudgetFields({
  value,
  onChange,
}: {
  value: Pick<CallDraft, "budgetEnvelope" | "capPerCandidacy" | "themes">;
  onChange: (v: Partial<CallDraft>) => void;
}) {
  const { t } = useTranslation("manageCalls");
  return (
    <>
      <PathInput
        path="budgetEnvelopeCents"
        type="decimal"
        label={t("fields.budgetEnvelope")}
        hint={t("fields.eurosHint")}
        value={value.budgetEnvelope}
        onChange={(budgetEnvelope) => onChange({ budgetEnvelope })}
      />
      <PathInput
        path="capPerCandidacyCents"
        type="decimal"
        label={t("fields.capPerCandidacy")}
        hint={t("fields.eurosHint")}
        value={value.capPerCandidacy}
        onChange={(capPerCandidacy) => onChange({ capPerCandidacy })}
      />
      <PathInput
        path="themes"
        label={t("fields.themes")}
        hint={t("fields.themesHint")}
        value={value.themes}
        onChange={(themes) => onChange({ themes })}
      />
    </>
  );
}

/** The funders' shares (the programme's funder first), in euros. */
export function FundersFields({
  value,
  onChange,
  funders,
}: {
  value: FunderShareDraft[];
  onChange: (v: FunderShareDraft[]) => void;
  funders: readonly Funder[];
}) {
  const { t } = useTranslation("manageCalls");
  const list = useListEditing(value, onChange, "share");
  return (
    <div>
      <GroupProblem path="funders" />
      <ol className="fr-raw-list">
        {value.map((row, index) => (
          <li key={row.uid} id={list.itemId(row.uid)}>
            <Fieldset legend={t("funders.item", { position: index + 1 })}>
              <PathSelect
                path={`funders[${index}].funderId`}
                label={t("funders.funder")}
                value={row.funderId}
                onChange={(funderId) => list.update(index, { ...row, funderId })}
                options={[{ value: "", label: t("funders.choose") }, ...funders.map((f) => ({ value: f.id, label: f.name }))]}
              />
              <PathInput
                path={`funders[${index}].shareCents`}
                type="decimal"
                label={t("funders.share")}
                hint={t("fields.eurosHint")}
                value={row.share}
                onChange={(share) => list.update(index, { ...row, share })}
              />
              <ItemControls
                idBase={list.itemId(row.uid)}
                name={t("funders.item", { position: index + 1 })}
                index={index}
                count={value.length}
                onMove={(delta) => list.move(index, delta)}
                onRemove={() => list.remove(index)}
              />
            </Fieldset>
          </li>
        ))}
      </ol>
      <span id={list.addId}>
        <Button priority="secondary" onClick={() => list.add({ uid: newUid(), funderId: "", share: "" })}>
          {t("funders.add")}
        </Button>
      </span>
      <ListAnnouncement announcement={list.announcement} itemName={t("funders.name")} />
    </div>
  );
}

/** Dates and times, read in the call's time zone. */
export function TimelineFields({ value, onChange }: { value: TimelineDraft; onChange: (v: TimelineDraft) => void }) {
  const { t } = useTranslation("manageCalls");
  const set = (key: keyof TimelineDraft) => (text: string) => onChange({ ...value, [key]: text });
  const zoneHint = t("timeline.inZone", { zone: value.timezone });
  return (
    <>
      <PathSelect
        path="timeline.timezone"
        label={t("timeline.timezone")}
        value={value.timezone}
        onChange={set("timezone")}
        options={timeZoneChoices(value.timezone).map((zone) => ({ value: zone, label: zone }))}
      />
      <PathInput path="timeline.opensAt" type="datetime-local" label={t("timeline.opensAt")} hint={zoneHint} value={value.opensAt} onChange={set("opensAt")} />
      <PathInput path="timeline.deadlineAt" type="datetime-local" label={t("timeline.deadlineAt")} hint={zoneHint} value={value.deadlineAt} onChange={set("deadlineAt")} />
      <PathInput
        path="timeline.reviewDeadlineAt"
        type="datetime-local"
        label={t("timeline.reviewDeadlineAt")}
        hint={zoneHint}
        value={value.reviewDeadlineAt}
        onChange={set("reviewDeadlineAt")}
      />
      <PathInput path="timeline.decisionDate" type="date" label={t("timeline.decisionDate")} value={value.decisionDate} onChange={set("decisionDate")} />
      <PathInput
        path="timeline.projectStartDate"
        type="date"
        label={t("timeline.projectStartDate")}
        value={value.projectStartDate}
        onChange={set("projectStartDate")}
      />
    </>
  );
}

/** Who may apply: organisation kinds, partner countries, durations, documents. */
export function EligibilityFields({ value, onChange }: { value: EligibilityDraft; onChange: (v: EligibilityDraft) => void }) {
  const { t } = useTranslation("manageCalls");
  const countries = useListEditing(
    value.requiredPartnerCountries,
    (requiredPartnerCountries) => onChange({ ...value, requiredPartnerCountries }),
    "country",
  );
  const set = (key: "requiredDocumentKeys" | "minDurationMonths" | "maxDurationMonths" | "minPartners" | "maxPartners") => (text: string) =>
    onChange({ ...value, [key]: text });
  return (
    <>
      <GroupProblem path="eligibility" />
      <CheckboxField
        legend={t("eligibility.organisationKinds")}
        options={ORGANISATION_KINDS.map((kind) => ({
          label: t(`organisationKinds.${kind}`),
          checked: value.allowedOrganisationKinds.includes(kind),
          onChange: (checked) =>
            onChange({
              ...value,
              allowedOrganisationKinds: checked
                ? [...value.allowedOrganisationKinds, kind]
                : value.allowedOrganisationKinds.filter((k) => k !== kind),
            }),
        }))}
      />
      <h3 className="fr-h6">{t("eligibility.countries")}</h3>
      <ol className="fr-raw-list">
        {value.requiredPartnerCountries.map((rule, index) => (
          <li key={rule.uid} id={countries.itemId(rule.uid)}>
            <Fieldset legend={t("eligibility.countryItem", { position: index + 1 })}>
              <PathInput
                path={`eligibility.requiredPartnerCountries[${index}].country`}
                label={t("eligibility.country")}
                hint={t("eligibility.countryHint")}
                value={rule.country}
                onChange={(country) => countries.update(index, { ...rule, country })}
              />
              <PathInput
                path={`eligibility.requiredPartnerCountries[${index}].minPartners`}
                type="integer"
                label={t("eligibility.countryMinPartners")}
                value={rule.minPartners}
                onChange={(minPartners) => countries.update(index, { ...rule, minPartners })}
              />
              <ItemControls
                idBase={countries.itemId(rule.uid)}
                name={t("eligibility.countryItem", { position: index + 1 })}
                index={index}
                count={value.requiredPartnerCountries.length}
                onMove={(delta) => countries.move(index, delta)}
                onRemove={() => countries.remove(index)}
              />
            </Fieldset>
          </li>
        ))}
      </ol>
      <span id={countries.addId}>
        <Button priority="secondary" onClick={() => countries.add({ uid: newUid(), country: "", minPartners: "1" })}>
          {t("eligibility.addCountry")}
        </Button>
      </span>
      <ListAnnouncement announcement={countries.announcement} itemName={t("eligibility.countryName")} />
      <PathInput path="eligibility.minPartners" type="integer" label={t("eligibility.minPartners")} value={value.minPartners} onChange={set("minPartners")} />
      <PathInput path="eligibility.maxPartners" type="integer" label={t("eligibility.maxPartners")} value={value.maxPartners} onChange={set("maxPartners")} />
      <PathInput
        path="eligibility.minDurationMonths"
        type="integer"
        label={t("eligibility.minDurationMonths")}
        value={value.minDurationMonths}
        onChange={set("minDurationMonths")}
      />
      <PathInput
        path="eligibility.maxDurationMonths"
        type="integer"
        label={t("eligibility.maxDurationMonths")}
        value={value.maxDurationMonths}
        onChange={set("maxDurationMonths")}
      />
      <PathInput
        path="eligibility.requiredDocumentKeys"
        label={t("eligibility.documents")}
        hint={t("eligibility.documentsHint")}
        value={value.requiredDocumentKeys}
        onChange={set("requiredDocumentKeys")}
      />
    </>
  );
}

