import type { CallKind, OrganisationKind, QuestionKind } from "../gql/graphql";
import {
  emptyDraft,
  emptyTexts,
  newUid,
  type CallDraft,
  type QuestionDraft,
  type Texts,
  type TimelineDraft,
} from "./model";

/**
 * Built-in starting points for the platform's programmes: a template fills the editor, the
 * manager then changes what differs. Texts are French only: the translations sub-page flags the
 * English and German ones still to write. Dates are relative to the day the editor opens.
 */
export type TemplateId = "impact-study" | "franco-german" | "ami";

interface QuestionTemplate {
  key: string;
  kind: QuestionKind;
  label: string;
  help?: string;
  required?: boolean;
  maxLength?: number;
  minValue?: string;
  choices?: { value: string; label: string }[];
}

interface CriterionTemplate {
  key: string;
  label: string;
  weight: string;
  threshold?: string;
}

export interface CallTemplate {
  id: TemplateId;
  /** The programme (by code) it is made for: offered only when the user may use it. */
  programmeCode: string;
  kind: CallKind;
  referencePrefix: string;
  title: string;
  description: string;
  themes: string[];
  budgetEuros: number;
  capEuros?: number;
  /** Funders by code with their share in euros; the first is the programme's own funder. */
  shares: { funderCode: string; euros: number }[];
  timeline: (today: Date) => TimelineDraft;
  organisationKinds: OrganisationKind[];
  partnerCountries: { country: string; minPartners: number }[];
  documentKeys: string[];
  durationMonths: [number, number];
  questions: QuestionTemplate[];
  criteria: CriterionTemplate[];
  overallThreshold: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const day = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
const addDays = (date: Date, days: number) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
const firstOfNextMonth = (date: Date) => new Date(date.getFullYear(), date.getMonth() + 1, 1);

/** The next 31 July still ahead (this year's, or next year's once it has passed). */
function nextJuly31(today: Date): Date {
  const thisYear = new Date(today.getFullYear(), 6, 31);
  return today < thisYear ? thisYear : new Date(today.getFullYear() + 1, 6, 31);
}

function relativeTimeline(today: Date, zone: string, weeksOpen: number): TimelineDraft {
  const opens = addDays(today, 1);
  const deadline = addDays(opens, weeksOpen * 7);
  const decision = addDays(deadline, 75);
  return {
    timezone: zone,
    opensAt: `${day(opens)}T00:00`,
    deadlineAt: `${day(deadline)}T23:59`,
    reviewDeadlineAt: `${day(addDays(deadline, 56))}T23:59`,
    decisionDate: day(decision),
    projectStartDate: day(firstOfNextMonth(decision)),
  };
}

const summaryQuestion: QuestionTemplate = {
  key: "summary",
  kind: "TEXT",
  label: "Résumé du projet",
  help: "Objectifs, méthode et résultats attendus.",
  required: true,
  maxLength: 3000,
};

export const TEMPLATES: readonly CallTemplate[] = [
  {
    id: "impact-study",
    programmeCode: "IMPACT-IA",
    kind: "AAP",
    referencePrefix: "IMPACT-IA",
    title: "AAP Impact IA : études d'impact des dispositifs médicaux d'IA",
    description:
      "**Impact IA** finance des études d'impact en vie réelle de dispositifs médicaux d'IA.\n\n## Projets attendus\n- un dispositif médical d'IA marqué CE ;\n- un protocole défini à l'avance.",
    themes: ["clinical-decision-support"],
    budgetEuros: 15_000_000,
    capEuros: 300_000,
    shares: [{ funderCode: "DGOS", euros: 15_000_000 }],
    timeline: (today) => relativeTimeline(today, "Europe/Paris", 6),
    organisationKinds: ["HEALTH_ESTABLISHMENT", "MEDICO_SOCIAL_ESTABLISHMENT", "ACADEMIC_LAB", "COMPANY"],
    partnerCountries: [{ country: "FR", minPartners: 1 }],
    documentKeys: ["protocol", "budget"],
    durationMonths: [12, 36],
    questions: [
      summaryQuestion,
      { key: "device", kind: "TEXT", label: "Dispositif évalué (nom, fabricant)", required: true, maxLength: 300 },
      {
        key: "setting",
        kind: "CHOICE",
        label: "Cadre de l'étude",
        required: true,
        choices: [
          { value: "hospital", label: "Établissement de santé" },
          { value: "primary-care", label: "Soins primaires" },
        ],
      },
      { key: "protocol", kind: "FILE", label: "Protocole de l'étude", required: true },
      { key: "budget", kind: "FILE", label: "Budget prévisionnel", required: true },
    ],
    criteria: [
      { key: "relevance", label: "Pertinence", weight: "2", threshold: "2.5" },
      { key: "method", label: "Qualité méthodologique", weight: "2" },
      { key: "feasibility", label: "Faisabilité", weight: "1" },
    ],
    overallThreshold: "3",
  },
  {
    id: "franco-german",
    programmeCode: "FR-DE-IA-SANTE",
    kind: "JOINT",
    referencePrefix: "FR-DE-IA",
    title: "Appel conjoint franco-allemand : IA en santé",
    description:
      "Un appel conjoint de la DGOS et du BMG : chaque consortium réunit au moins un partenaire établi en France et un en Allemagne.",
    themes: ["clinical-decision-support"],
    budgetEuros: 8_000_000,
    capEuros: 800_000,
    shares: [
      { funderCode: "DGOS", euros: 4_000_000 },
      { funderCode: "BMG", euros: 4_000_000 },
    ],
    timeline: (today) => relativeTimeline(today, "Europe/Berlin", 10),
    organisationKinds: ["HEALTH_ESTABLISHMENT", "ACADEMIC_LAB", "COMPANY"],
    partnerCountries: [
      { country: "FR", minPartners: 1 },
      { country: "DE", minPartners: 1 },
    ],
    documentKeys: ["consortium_agreement"],
    durationMonths: [24, 36],
    questions: [
      summaryQuestion,
      { key: "consortium", kind: "TEXT", label: "Rôle de chaque partenaire", required: true, maxLength: 2000 },
      { key: "consortium_agreement", kind: "FILE", label: "Accord de consortium", required: true },
    ],
    criteria: [
      { key: "excellence", label: "Excellence scientifique", weight: "2", threshold: "3" },
      { key: "cooperation", label: "Valeur de la coopération franco-allemande", weight: "2" },
      { key: "impact", label: "Impact", weight: "1" },
    ],
    overallThreshold: "3",
  },
  {
    id: "ami",
    programmeCode: "AMI-IA-ETS",
    kind: "AMI",
    referencePrefix: "AMI-IA-ETS",
    title: "AMI DGOS/Anap : expérimentations d'IA en établissement",
    description:
      "Appel à manifestation d'intérêt de la DGOS et de l'Anap.\n\n## Calendrier\n- candidatures jusqu'au 31 juillet à 23 h 59 (heure de Paris) ;\n- démarrage des expérimentations le 1er septembre.",
    themes: [],
    budgetEuros: 2_000_000,
    capEuros: 150_000,
    shares: [
      { funderCode: "DGOS", euros: 1_500_000 },
      { funderCode: "ANAP", euros: 500_000 },
    ],
    timeline: (today) => {
      const deadline = nextJuly31(today);
      const year = deadline.getFullYear();
      return {
        timezone: "Europe/Paris",
        opensAt: `${day(addDays(today, 1))}T00:00`,
        deadlineAt: `${year}-07-31T23:59`,
        reviewDeadlineAt: `${year}-08-15T23:59`,
        decisionDate: `${year}-08-22`,
        projectStartDate: `${year}-09-01`,
      };
    },
    organisationKinds: ["HEALTH_ESTABLISHMENT", "MEDICO_SOCIAL_ESTABLISHMENT"],
    partnerCountries: [],
    documentKeys: ["application_form", "budget"],
    durationMonths: [6, 18],
    questions: [
      { key: "use_case", kind: "TEXT", label: "Cas d'usage", required: true, maxLength: 2000 },
      { key: "go_live", kind: "DATE", label: "Mise en service prévue", required: true },
      { key: "requested_eur", kind: "NUMBER", label: "Montant demandé (€)", required: true, minValue: "1" },
      { key: "application_form", kind: "FILE", label: "Dossier de candidature", required: true },
      { key: "budget", kind: "FILE", label: "Budget prévisionnel", required: true },
    ],
    criteria: [
      { key: "maturity", label: "Maturité", weight: "2", threshold: "2.5" },
      { key: "relevance", label: "Pertinence", weight: "2" },
      { key: "governance", label: "Gouvernance", weight: "1" },
    ],
    overallThreshold: "2.5",
  },
];

const fr = (text: string): Texts => ({ ...emptyTexts(), fr: text });

function question(q: QuestionTemplate): QuestionDraft {
  return {
    uid: newUid(),
    key: q.key,
    kind: q.kind,
    label: fr(q.label),
    helpText: fr(q.help ?? ""),
    required: q.required ?? false,
    maxLength: q.maxLength === undefined ? "" : String(q.maxLength),
    minValue: q.minValue ?? "",
    maxValue: "",
    choices: (q.choices ?? []).map((c) => ({ uid: newUid(), value: c.value, label: fr(c.label) })),
  };
}

export interface Catalogue {
  programmes: readonly { id: string; code: string }[];
  funders: readonly { id: string; code: string }[];
}

/** The editor's draft from `template`, its programme and funders named by their ids. */
export function draftFromTemplate(template: CallTemplate, catalogue: Catalogue, today: Date): CallDraft {
  const funderId = (code: string) => catalogue.funders.find((f) => f.code === code)?.id ?? "";
  return {
    ...emptyDraft(),
    programmeId: catalogue.programmes.find((p) => p.code === template.programmeCode)?.id ?? "",
    reference: `${template.referencePrefix}-${template.timeline(today).deadlineAt.slice(0, 4)}`,
    kind: template.kind,
    title: fr(template.title),
    description: fr(template.description),
    themes: template.themes.join(", "),
    budgetEnvelope: String(template.budgetEuros),
    capPerCandidacy: template.capEuros === undefined ? "" : String(template.capEuros),
    funders: template.shares.map((s) => ({ uid: newUid(), funderId: funderId(s.funderCode), share: String(s.euros) })),
    timeline: template.timeline(today),
    eligibility: {
      requiredPartnerCountries: template.partnerCountries.map((r) => ({
        uid: newUid(),
        country: r.country,
        minPartners: String(r.minPartners),
      })),
      allowedOrganisationKinds: [...template.organisationKinds],
      requiredDocumentKeys: template.documentKeys.join(", "),
      minDurationMonths: String(template.durationMonths[0]),
      maxDurationMonths: String(template.durationMonths[1]),
      minPartners: "",
      maxPartners: "",
    },
    questions: template.questions.map(question),
    grid: {
      criteria: template.criteria.map((c) => ({
        uid: newUid(),
        key: c.key,
        label: fr(c.label),
        weight: c.weight,
        scaleMin: "0",
        scaleMax: "5",
        step: "0.5",
        threshold: c.threshold ?? "",
      })),
      overallThreshold: template.overallThreshold,
      expertsPerCandidacy: "2",
      blindReview: false,
    },
  };
}
