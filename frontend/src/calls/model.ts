import type { CallStatus, Language } from "../gql/graphql";
import type { Tone } from "../ui";

/** Calls accepting candidacies now come first; the API's order is kept otherwise (stable sort). */
export function openFirst<T extends { isOpenNow: boolean }>(calls: readonly T[]): T[] {
  return [...calls].sort((a, b) => Number(b.isOpenNow) - Number(a.isOpenNow));
}

export const STATUS_TONE: Record<CallStatus, Tone> = {
  DRAFT: "warning",
  PUBLISHED: "new",
  OPEN: "success",
  CLOSED: "neutral",
  IN_EVALUATION: "info",
  DECIDED: "info",
  ARCHIVED: "neutral",
};

/** A `LocalizedText`'s value in the reader's language, else in fr, en, de (as the API does). */
export function localized(
  text: { fr?: string | null; en?: string | null; de?: string | null },
  language: string,
): string {
  const own = language === "fr" || language === "en" || language === "de" ? text[language] : null;
  return own || text.fr || text.en || text.de || "";
}

/**
 * The language the API answers a call's `title(language:)` or `descriptionHtml(language:)` in:
 * the reader's if the call is published in it, else its first of fr, en, de (the API's
 * fallback). Marks the text with `lang` so screen readers pronounce it right.
 */
export function contentLanguage(published: readonly Language[], reader: string): string {
  const wanted = [reader.toUpperCase(), "FR", "EN", "DE"];
  const found = wanted.find((language) => (published as readonly string[]).includes(language));
  return (found ?? reader).toLowerCase();
}
