import type { Tone } from "../../ui";
import type { CandidacyStatus, EligibilityDecision } from "../gql/graphql";

export const STATUS_TONE: Record<CandidacyStatus, Tone> = {
  DRAFT: "neutral",
  SUBMITTED: "success",
  WITHDRAWN: "warning",
  NOT_SUBMITTED: "error",
};

export const ELIGIBILITY_TONE: Record<EligibilityDecision, Tone> = {
  PENDING: "info",
  ELIGIBLE: "success",
  INELIGIBLE: "error",
};

/** A text of the API's `LocalizedText` in the reader's language, else French, English, German. */
export function localized(text: { fr: string | null; en: string | null; de: string | null }, language: string): string {
  const own = (text as Record<string, string | null>)[language];
  return own || text.fr || text.en || text.de || "";
}
