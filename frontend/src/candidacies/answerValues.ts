import type { Question } from "./model";

/**
 * An answer as its field holds it: text for TEXT, NUMBER (as typed) and DATE, the value for
 * CHOICE, the values for MULTI_CHOICE, true/false/null for YES_NO.
 */
export type FieldValue = string | readonly string[] | boolean | null;

/** The stored JSON answer as its field shows it. */
export function fieldValue(question: Pick<Question, "kind">, stored: unknown): FieldValue {
  switch (question.kind) {
    case "MULTI_CHOICE":
      return Array.isArray(stored) ? stored.filter((v): v is string => typeof v === "string") : [];
    case "YES_NO":
      return typeof stored === "boolean" ? stored : null;
    default:
      return stored == null ? "" : String(stored);
  }
}

/** What to send for a field's value: null clears the answer (empty text, nothing chosen). */
export function apiValue(value: FieldValue): unknown {
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (Array.isArray(value)) return value.length ? value : null;
  return value;
}
