/**
 * Amounts people type as decimal euros, read into integer cents without floats, in the way the
 * reader's language writes numbers: "1 234,56" (fr), "1,234.56" (en), "1.234,56" (de).
 */

/** The largest amount a browser reads exactly (the API refuses more, in cents). */
const MAX_SAFE_CENTS = BigInt(Number.MAX_SAFE_INTEGER);

export type ParsedAmount =
  | { ok: true; cents: number }
  | { ok: false; reason: "empty" | "format" | "tooLarge" };

interface Separators {
  decimal: string;
  /** Null when the language groups digits with a space (every space is then dropped). */
  group: string | null;
}

function separators(language: string): Separators {
  const parts = new Intl.NumberFormat(language).formatToParts(12345.6);
  const decimal = parts.find((part) => part.type === "decimal")?.value ?? ".";
  const group = parts.find((part) => part.type === "group")?.value ?? null;
  return { decimal, group: group === null || /\s/.test(group) ? null : group };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Reads "1 234,56" as 123456 cents. Spaces (of any width) and the euro sign are ignored; the
 * language's group separator is accepted only between groups of three digits, so "1.234" in
 * German is 1 234 euros and "1,5" in English is refused rather than guessed. Where digits are
 * grouped with spaces (French), a point is accepted as the decimal separator too.
 */
export function parseEuros(text: string, language: string): ParsedAmount {
  const compact = text.replace(/[\s€]/g, "");
  if (compact === "") return { ok: false, reason: "empty" };
  const { decimal, group } = separators(language);
  const decimals = group === null ? `[${escape(decimal)}.]` : escape(decimal);
  const grouped = group === null ? "" : `\\d{1,3}(?:${escape(group)}\\d{3})+|`;
  const match = new RegExp(`^(${grouped}\\d+)(?:${decimals}(\\d{1,2}))?$`).exec(compact);
  if (!match) return { ok: false, reason: "format" };
  const [, whole = "", fraction = ""] = match;
  const euros = BigInt(group === null ? whole : whole.split(group).join(""));
  const cents = euros * 100n + BigInt(fraction.padEnd(2, "0"));
  if (cents > MAX_SAFE_CENTS) return { ok: false, reason: "tooLarge" };
  return { ok: true, cents: Number(cents) };
}

/** Cents written back as the reader types them ("1 234,50"), for a field to edit. */
export function centsToInput(cents: number, language: string): string {
  const value = BigInt(cents);
  const euros = new Intl.NumberFormat(language, { useGrouping: true }).format(value / 100n);
  const rest = value % 100n;
  return rest === 0n ? euros : `${euros}${separators(language).decimal}${rest.toString().padStart(2, "0")}`;
}

/** An example of the format for the hint under amount fields. */
export function amountExample(language: string): string {
  return centsToInput(123456, language);
}
