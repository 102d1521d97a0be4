import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney, formatRemaining, splitDuration } from "./format";

const plain = (text: string) => text.replace(/\s/g, " ");

describe("format", () => {
  it("shows an instant in the given zone", () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(plain(formatDateTime("2026-12-31T23:30:00Z", "fr", "Europe/Paris"))).toMatch(/^1 janvier 2027 .*00:30/);
  });

  it("keeps a calendar date's day whatever the machine's zone", () => {
    expect(formatDate("2027-06-30", "de")).toBe("30. Juni 2027");
  });

  it("formats cents as an amount in the reader's language", () => {
    expect(plain(formatMoney(123_456, "EUR", "fr"))).toBe("1 234,56 €");
    expect(formatMoney(500_000_000, "EUR", "en")).toBe("€5,000,000");
  });

  it("splits and words a duration", () => {
    expect(splitDuration(90_061_000)).toEqual({ days: 1, hours: 1, minutes: 1, seconds: 1 });
    expect(splitDuration(-5)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
    expect(plain(formatRemaining(125_000, "en"))).toBe("2 minutes and 5 seconds");
    expect(plain(formatRemaining(3 * 3_600_000 + 60_000, "de"))).toBe("3 Stunden und 1 Minute");
  });
});
