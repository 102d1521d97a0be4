/** Dates, times and amounts in the reader's language, with Intl (no hand-made formats). */

/** An instant, in the call's time zone, with that zone's short name (e.g. "CET"). */
export function formatDateTime(iso: string, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: timeZone ? "short" : undefined,
  }).format(new Date(iso));
}

/** A calendar date ("2027-03-31"): no time zone applies, so it is read as UTC to keep its day. */
export function formatDate(isoDate: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** An amount of money in cents (the API's `Money`). */
export function formatMoney(cents: number, currency: string, language: string): string {
  return new Intl.NumberFormat(language, {
    style: "currency",
    currency,
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}

export function formatMonths(months: number, language: string): string {
  return new Intl.NumberFormat(language, { style: "unit", unit: "month", unitDisplay: "long" }).format(
    months,
  );
}

/** A country's name from its ISO 3166 code, or the code when Intl does not know it. */
export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames(language, { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A language's name from the API's `Language` enum ("FR"). */
export function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames(language, { type: "language" }).of(code.toLowerCase()) ?? code;
  } catch {
    return code;
  }
}

export interface Remaining {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Splits a non-negative duration in milliseconds into whole days, hours, minutes, seconds. */
export function splitDuration(ms: number): Remaining {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3_600),
    minutes: Math.floor((total % 3_600) / 60),
    seconds: total % 60,
  };
}

/**
 * "2 jours, 3 heures et 5 minutes": the largest units only (seconds under an hour), so the text
 * does not change every second for screen readers or the eye.
 */
export function formatRemaining(ms: number, language: string): string {
  const { days, hours, minutes, seconds } = splitDuration(ms);
  const unit = (value: number, name: "day" | "hour" | "minute" | "second") =>
    new Intl.NumberFormat(language, { style: "unit", unit: name, unitDisplay: "long" }).format(value);
  const parts =
    days > 0
      ? [unit(days, "day"), unit(hours, "hour")]
      : hours > 0
        ? [unit(hours, "hour"), unit(minutes, "minute")]
        : [unit(minutes, "minute"), unit(seconds, "second")];
  return new Intl.ListFormat(language, { style: "long", type: "conjunction" }).format(parts);
}
