import type {
  CallKind,
  CreateCallInput,
  GridInput,
  ManagedCallFieldsFragment,
  OrganisationKind,
  QuestionInput,
  QuestionKind,
  TimelineInput,
} from "../gql/graphql";
import { instantToZoned, zonedToInstant } from "../../i18n/zonedTime";
import { centsToInput, parseEuros } from "../../i18n/money";

/**
 * The call as its editor holds it: every field a string as typed (amounts in euros, dates in
 * the call's zone), turned into the API's input only when sent. `uid`s keep React's keys and
 * the focus stable while questions, choices and criteria move.
 */
export const LANGUAGES = ["fr", "en", "de"] as const;
export type Lang = (typeof LANGUAGES)[number];
export type Texts = Record<Lang, string>;

export interface ChoiceDraft {
  uid: string;
  value: string;
  label: Texts;
}

export interface QuestionDraft {
  uid: string;
  key: string;
  kind: QuestionKind;
  label: Texts;
  helpText: Texts;
  required: boolean;
  maxLength: string;
  minValue: string;
  maxValue: string;
  choices: ChoiceDraft[];
}

export interface CriterionDraft {
  uid: string;
  key: string;
  label: Texts;
  weight: string;
  scaleMin: string;
  scaleMax: string;
  step: string;
  threshold: string;
}

export interface FunderShareDraft {
  uid: string;
  funderId: string;
  share: string;
}

export interface CountryRuleDraft {
  uid: string;
  country: string;
  minPartners: string;
}

export interface TimelineDraft {
  timezone: string;
  /** "YYYY-MM-DDTHH:mm" in `timezone`. */
  opensAt: string;
  deadlineAt: string;
  reviewDeadlineAt: string;
  /** "YYYY-MM-DD". */
  decisionDate: string;
  projectStartDate: string;
}

export interface EligibilityDraft {
  requiredPartnerCountries: CountryRuleDraft[];
  allowedOrganisationKinds: OrganisationKind[];
  /** Comma-separated keys. */
  requiredDocumentKeys: string;
  minDurationMonths: string;
  maxDurationMonths: string;
  minPartners: string;
  maxPartners: string;
}

export interface GridDraft {
  criteria: CriterionDraft[];
  overallThreshold: string;
  expertsPerCandidacy: string;
  blindReview: boolean;
}

export interface CallDraft {
  programmeId: string;
  reference: string;
  kind: CallKind;
  title: Texts;
  description: Texts;
  /** Comma-separated theme codes. */
  themes: string;
  /** Euros as typed ("300 000", "1 250,50"). */
  budgetEnvelope: string;
  capPerCandidacy: string;
  funders: FunderShareDraft[];
  timeline: TimelineDraft;
  eligibility: EligibilityDraft;
  questions: QuestionDraft[];
  grid: GridDraft;
}

export const QUESTION_KINDS: readonly QuestionKind[] = [
  "TEXT",
  "NUMBER",
  "DATE",
  "CHOICE",
  "MULTI_CHOICE",
  "FILE",
  "YES_NO",
];
export const CALL_KINDS: readonly CallKind[] = ["AAP", "AMI", "JOINT"];
export { ORGANISATION_KINDS } from "../../api/enums";
/**
 * The zones the programmes use, offered first: metropolitan France and its neighbours, then
 * the French overseas departments and territories whose hospitals apply too.
 */
export const USUAL_TIME_ZONES = [
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Brussels",
  "Europe/Luxembourg",
  "UTC",
  "America/Guadeloupe",
  "America/Martinique",
  "America/Cayenne",
  "Indian/Reunion",
  "Indian/Mayotte",
  "America/Miquelon",
  "Pacific/Noumea",
  "Pacific/Tahiti",
  "Pacific/Wallis",
];

/**
 * Every zone a call may use, the usual ones first, then every other zone the browser knows
 * (the API accepts any IANA zone); `current` is kept even when the browser does not know it.
 */
export function timeZoneChoices(current: string): string[] {
  const others = Intl.supportedValuesOf("timeZone").filter((zone) => !USUAL_TIME_ZONES.includes(zone));
  const choices = [...USUAL_TIME_ZONES, ...others];
  return choices.includes(current) ? choices : [current, ...choices];
}

let uidCounter = 0;
export const newUid = () => `u${++uidCounter}`;

export const emptyTexts = (): Texts => ({ fr: "", en: "", de: "" });
export const texts = (value: Partial<Record<Lang, string | null>>): Texts => ({
  fr: value.fr ?? "",
  en: value.en ?? "",
  de: value.de ?? "",
});

export const emptyQuestion = (): QuestionDraft => ({
  uid: newUid(),
  key: "",
  kind: "TEXT",
  label: emptyTexts(),
  helpText: emptyTexts(),
  required: false,
  maxLength: "",
  minValue: "",
  maxValue: "",
  choices: [],
});

export const emptyCriterion = (): CriterionDraft => ({
  uid: newUid(),
  key: "",
  label: emptyTexts(),
  weight: "1",
  scaleMin: "0",
  scaleMax: "5",
  step: "0.5",
  threshold: "",
});

export const emptyDraft = (): CallDraft => ({
  programmeId: "",
  reference: "",
  kind: "AAP",
  title: emptyTexts(),
  description: emptyTexts(),
  themes: "",
  budgetEnvelope: "",
  capPerCandidacy: "",
  funders: [],
  timeline: {
    timezone: "Europe/Paris",
    opensAt: "",
    deadlineAt: "",
    reviewDeadlineAt: "",
    decisionDate: "",
    projectStartDate: "",
  },
  eligibility: {
    requiredPartnerCountries: [],
    allowedOrganisationKinds: [],
    requiredDocumentKeys: "",
    minDurationMonths: "",
    maxDurationMonths: "",
    minPartners: "",
    maxPartners: "",
  },
  questions: [],
  grid: { criteria: [], overallThreshold: "", expertsPerCandidacy: "2", blindReview: false },
});

// --- amounts ------------------------------------------------------------------------------

// --- from the API -------------------------------------------------------------------------

type ManagedCall = ManagedCallFieldsFragment;

/** The editor's draft of an existing call (to edit it, or to copy its structure). */
export function draftFromCall(call: ManagedCall, language: string): CallDraft {
  const zone = call.timeline.timezone;
  return {
    programmeId: call.programme?.id ?? "",
    reference: call.reference,
    kind: call.kind,
    title: texts(call.titles),
    description: texts(call.descriptions),
    themes: call.themes.join(", "),
    budgetEnvelope: centsToInput(call.budgetEnvelope.cents, language),
    capPerCandidacy: call.capPerCandidacy ? centsToInput(call.capPerCandidacy.cents, language) : "",
    funders: call.funders
      .filter((row) => row.funder)
      .map((row) => ({ uid: newUid(), funderId: row.funder!.id, share: centsToInput(row.share.cents, language) })),
    timeline: {
      timezone: zone,
      opensAt: instantToZoned(call.timeline.opensAt, zone),
      deadlineAt: instantToZoned(call.timeline.deadlineAt, zone),
      reviewDeadlineAt: call.timeline.reviewDeadlineAt ? instantToZoned(call.timeline.reviewDeadlineAt, zone) : "",
      decisionDate: call.timeline.decisionDate ?? "",
      projectStartDate: call.timeline.projectStartDate ?? "",
    },
    ...structureFromCall(call),
  };
}

/** What "copy an existing call's structure" takes: its form, grid and eligibility rules. */
export function structureFromCall(call: ManagedCall): Pick<CallDraft, "questions" | "grid" | "eligibility"> {
  const rules = call.eligibility;
  const optional = (value: number | string | null) => (value === null ? "" : String(value));
  return {
    questions: call.questions.map((q) => ({
      uid: newUid(),
      key: q.key,
      kind: q.kind,
      label: texts(q.label),
      helpText: texts(q.helpText),
      required: q.required,
      maxLength: optional(q.maxLength),
      minValue: optional(q.minValue),
      maxValue: optional(q.maxValue),
      choices: q.choices.map((c) => ({ uid: newUid(), value: c.value, label: texts(c.label) })),
    })),
    grid: {
      overallThreshold: optional(call.grid.overallThreshold),
      expertsPerCandidacy: String(call.grid.expertsPerCandidacy),
      blindReview: call.grid.blindReview,
      criteria: call.grid.criteria.map((c) => ({
        uid: newUid(),
        key: c.key,
        label: texts(c.label),
        weight: c.weight,
        scaleMin: c.scaleMin,
        scaleMax: c.scaleMax,
        step: c.step,
        threshold: optional(c.threshold),
      })),
    },
    eligibility: {
      requiredPartnerCountries: rules.requiredPartnerCountries.map((r) => ({
        uid: newUid(),
        country: r.country,
        minPartners: String(r.minPartners),
      })),
      allowedOrganisationKinds: [...rules.allowedOrganisationKinds],
      requiredDocumentKeys: rules.requiredDocumentKeys.join(", "),
      minDurationMonths: optional(rules.minDurationMonths),
      maxDurationMonths: optional(rules.maxDurationMonths),
      minPartners: optional(rules.minPartners),
      maxPartners: optional(rules.maxPartners),
    },
  };
}

// --- to the API ---------------------------------------------------------------------------

/** Problems found before sending (an amount or a date the API could not read), by path. */
export type LocalProblems = Record<string, string>;

const textsInput = (value: Texts) => ({
  fr: value.fr.trim() || null,
  en: value.en.trim() || null,
  de: value.de.trim() || null,
});
const optionalString = (value: string) => (value.trim() === "" ? null : value.trim());
const optionalInt = (value: string) => (value.trim() === "" ? null : Number(value));
const list = (value: string) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * Reads an amount typed in euros the reader's way ("1 234,56", "1,234.56", "1.234,56"), or
 * notes `problems[path]` ("AMOUNT") when it is not one.
 */
export function cents(typed: string, path: string, problems: LocalProblems, language: string, optional = false): number | null {
  if (optional && typed.trim() === "") return null;
  const read = parseEuros(typed, language);
  if (read.ok) return read.cents;
  problems[path] = "AMOUNT";
  return null;
}

function instant(typed: string, zone: string, path: string, problems: LocalProblems): string | null {
  if (typed.trim() === "") return null;
  const value = zonedToInstant(typed, zone);
  if (value === null) problems[path] = "DATE";
  return value;
}

export function fundersInput(draft: CallDraft, problems: LocalProblems, language: string) {
  return draft.funders.map((row, i) => ({
    funderId: row.funderId,
    shareCents: cents(row.share, `funders[${i}].shareCents`, problems, language) ?? 0,
  }));
}

export function timelineInput(timeline: TimelineDraft, problems: LocalProblems): TimelineInput {
  const zone = timeline.timezone;
  const opensAt = instant(timeline.opensAt, zone, "timeline.opensAt", problems);
  const deadlineAt = instant(timeline.deadlineAt, zone, "timeline.deadlineAt", problems);
  if (opensAt === null) problems["timeline.opensAt"] ??= "REQUIRED";
  if (deadlineAt === null) problems["timeline.deadlineAt"] ??= "REQUIRED";
  return {
    timezone: zone,
    opensAt: opensAt ?? "",
    deadlineAt: deadlineAt ?? "",
    reviewDeadlineAt: instant(timeline.reviewDeadlineAt, zone, "timeline.reviewDeadlineAt", problems),
    decisionDate: optionalString(timeline.decisionDate),
    projectStartDate: optionalString(timeline.projectStartDate),
  };
}

export function eligibilityInput(rules: EligibilityDraft) {
  return {
    requiredPartnerCountries: rules.requiredPartnerCountries.map((r) => ({
      country: r.country.trim().toUpperCase(),
      minPartners: Number(r.minPartners || "1"),
    })),
    allowedOrganisationKinds: rules.allowedOrganisationKinds,
    requiredDocumentKeys: list(rules.requiredDocumentKeys),
    minDurationMonths: optionalInt(rules.minDurationMonths),
    maxDurationMonths: optionalInt(rules.maxDurationMonths),
    minPartners: optionalInt(rules.minPartners),
    maxPartners: optionalInt(rules.maxPartners),
  };
}

export function questionsInput(questions: QuestionDraft[]): QuestionInput[] {
  return questions.map((q) => ({
    key: q.key.trim(),
    kind: q.kind,
    label: textsInput(q.label),
    helpText: textsInput(q.helpText),
    required: q.required,
    maxLength: q.kind === "TEXT" ? optionalInt(q.maxLength) : null,
    minValue: q.kind === "NUMBER" ? optionalString(q.minValue) : null,
    maxValue: q.kind === "NUMBER" ? optionalString(q.maxValue) : null,
    choices: hasChoices(q.kind)
      ? q.choices.map((c) => ({ value: c.value.trim(), label: textsInput(c.label) }))
      : null,
  }));
}

export const hasChoices = (kind: QuestionKind) => kind === "CHOICE" || kind === "MULTI_CHOICE";

export function gridInput(grid: GridDraft): GridInput {
  return {
    criteria: grid.criteria.map((c) => ({
      key: c.key.trim(),
      label: textsInput(c.label),
      weight: c.weight.trim(),
      scaleMin: c.scaleMin.trim(),
      scaleMax: c.scaleMax.trim(),
      step: c.step.trim(),
      threshold: optionalString(c.threshold),
    })),
    overallThreshold: optionalString(grid.overallThreshold),
    expertsPerCandidacy: Number(grid.expertsPerCandidacy || "2"),
    blindReview: grid.blindReview,
  };
}

/** The whole call for `createCall`, with the problems found before sending. */
export function createInput(draft: CallDraft, language: string): { input: CreateCallInput; problems: LocalProblems } {
  const problems: LocalProblems = {};
  const input: CreateCallInput = {
    programmeId: draft.programmeId,
    reference: draft.reference.trim(),
    kind: draft.kind,
    title: textsInput(draft.title),
    description: textsInput(draft.description),
    themes: list(draft.themes),
    budgetEnvelopeCents: cents(draft.budgetEnvelope, "budgetEnvelopeCents", problems, language) ?? 0,
    capPerCandidacyCents: cents(draft.capPerCandidacy, "capPerCandidacyCents", problems, language, true),
    funders: fundersInput(draft, problems, language),
    timeline: timelineInput(draft.timeline, problems),
    eligibility: eligibilityInput(draft.eligibility),
    questions: questionsInput(draft.questions),
    grid: gridInput(draft.grid),
  };
  if (!draft.programmeId) problems.programmeId = "REQUIRED";
  return { input, problems };
}

export { textsInput };
