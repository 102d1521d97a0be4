import type { SessionUser } from "../session/useSession";
import type { CandidacyEditorQuery, CandidacyStatus, SubmissionCheckQuery } from "./gql/graphql";

export type Candidacy = NonNullable<CandidacyEditorQuery["candidacy"]>;
export type Call = NonNullable<Candidacy["call"]>;
export type Question = Call["questions"][number];
export type Attachment = NonNullable<Candidacy["attachments"]>[number];
export type Version = Candidacy["versions"][number];
export type FieldProblem = NonNullable<SubmissionCheckQuery["submissionCheck"]>[number];

/** The editor's sub-pages (other areas link to these paths). */
export const SECTIONS = ["", "answers", "partners", "budget", "submit", "receipt"] as const;
export type Section = (typeof SECTIONS)[number];

/** Where a candidacy lives in the application. Its id goes in as the API gives it: a global id
 * is base64 of "Candidacy:<uuid>", whose letters never include "/" or "+", and "=" needs no
 * escaping in a path (escaped, the section links would not match the address they lead to). */
export function candidacyPath(candidacyId: string, section: Section = ""): string {
  return `/candidacies/${candidacyId}${section ? `/${section}` : ""}`;
}

/** The id of the field that answers question `key` (links from the submission check). */
export function answerFieldId(key: string): string {
  return `answer-${key}`;
}

/** The project page's fields, by the API's field names. */
export const PROJECT_FIELDS = ["title", "acronym", "durationMonths"] as const;
export type ProjectField = (typeof PROJECT_FIELDS)[number];

export function projectFieldId(field: ProjectField): string {
  return `project-${field}`;
}

/**
 * Where a problem's field (`answers.summary`, `attachments.protocol`, `partners`, `budget`,
 * `durationMonths`...) is fixed: the sub-page and the element's id. Null for a problem with no
 * field to fix (the deadline, the call, the status).
 */
export function problemTarget(field: string): { section: Section; id: string } | null {
  const [head = "", key = ""] = field.split(/[.[]/);
  if ((head === "answers" || head === "attachments") && key) return { section: "answers", id: answerFieldId(key) };
  if (head === "partners" || head === "emailInvitations") return { section: "partners", id: "partners" };
  if (head === "budget") return { section: "budget", id: "budget" };
  if ((PROJECT_FIELDS as readonly string[]).includes(head)) {
    return { section: "", id: projectFieldId(head as ProjectField) };
  }
  return null;
}

/** The fields of `submissionCheck` that say the candidacy takes no change now, whatever it holds. */
export const TIMING_FIELDS = ["deadline", "call", "status"] as const;

export type ReadOnlyReason =
  | { kind: "deadline" }
  | { kind: "callNotOpen" }
  | { kind: "status"; status: CandidacyStatus }
  | { kind: "notEditor" };

/**
 * What the signed-in user may do with the candidacy now. Editing rights follow the API's rule
 * (members of the lead organisation edit everything and alone submit or withdraw; members of an
 * accepted partner the lead lets edit change the content); whether it takes changes now is the
 * server's own verdict (`timing`, the timing problems of `submissionCheck`).
 */
export interface Access {
  /** May change the content now (project, answers, files, budget). */
  editContent: boolean;
  /** May change the consortium, submit and withdraw now. */
  lead: boolean;
  readOnly: ReadOnlyReason | null;
}

export function accessOf(
  candidacy: Candidacy,
  user: SessionUser,
  timing: readonly FieldProblem[] | null | undefined,
): Access {
  const mine = new Set(user.memberships.flatMap((m) => (m.organisation ? [m.organisation.id] : [])));
  const isLead = candidacy.leadOrganisation != null && mine.has(candidacy.leadOrganisation.id);
  const isEditingPartner = (candidacy.partners ?? []).some(
    (p) => p.status === "ACCEPTED" && p.canEdit && p.organisation != null && mine.has(p.organisation.id),
  );
  const reason = timingReason(candidacy, timing);
  if (!isLead && !isEditingPartner) return { editContent: false, lead: false, readOnly: reason ?? { kind: "notEditor" } };
  return { editContent: reason === null, lead: isLead && reason === null, readOnly: reason };
}

function timingReason(
  candidacy: Candidacy,
  timing: readonly FieldProblem[] | null | undefined,
): ReadOnlyReason | null {
  const problem = timing?.find((p) => (TIMING_FIELDS as readonly string[]).includes(p.field));
  if (!problem) return candidacy.status === "DRAFT" || candidacy.status === "SUBMITTED" ? null : { kind: "status", status: candidacy.status };
  if (problem.field === "deadline") return { kind: "deadline" };
  if (problem.field === "call") return { kind: "callNotOpen" };
  return { kind: "status", status: candidacy.status };
}

/** The stored answers by question key. */
export function answersByKey(candidacy: Candidacy): Record<string, unknown> {
  return Object.fromEntries((candidacy.answers ?? []).map((a) => [a.questionKey, a.value]));
}
