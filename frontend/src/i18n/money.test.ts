import { describe, expect, it } from "vitest";
import { centsToInput, parseEuros } from "./money";

const cents = (text: string, language: string) => {
  const parsed = parseEuros(text, language);
  return parsed.ok ? parsed.cents : parsed.reason;
};

describe("amounts typed in euros", () => {
  it.each([
    ["fr", "1 234,56", 123456],
    ["fr", "1\u202f234,56", 123456],
    ["fr", "1\u00a0234,5 €", 123450],
    ["fr", "1234.56", 123456],
    ["fr", "0,07", 7],
    ["fr", "100 000", 10000000],
    ["en", "1,234.56", 123456],
    ["en", "1234.56", 123456],
    ["en", "1,234,567", 123456700],
    ["en", "€ 12.3", 1230],
    ["de", "1.234,56", 123456],
    ["de", "1234,56", 123456],
    ["de", "1.234", 123400],
    ["de", "1.234.567,89", 123456789],
  ])("in %s, %j is %i cents", (language, text, expected) => {
    expect(cents(text, language)).toBe(expected);
  });

  it.each([
    ["fr", "1.234"], // a German thousands point is not a French decimal: refused, not guessed
    ["fr", "12,345"],
    ["fr", "1,2,3"],
    ["en", "1,5"],
    ["en", "1.234,56"],
    ["de", "1,234.56"],
    ["de", "1.23,4"],
    ["fr", "-5"],
    ["fr", "12 €abc"],
    ["en", "1e5"],
  ])("in %s, %j is refused", (language, text) => {
    expect(cents(text, language)).toBe("format");
  });

  it("says an empty field is empty and an amount beyond what a browser reads exactly is too large", () => {
    expect(cents("  ", "fr")).toBe("empty");
    expect(cents("90 071 992 547 409,91", "fr")).toBe(Number.MAX_SAFE_INTEGER);
    expect(cents("90 071 992 547 409,92", "fr")).toBe("tooLarge");
  });

  it.each(["fr", "en", "de"])("writes cents back as %s readers type them, and reads them again", (language) => {
    for (const value of [0, 5, 100, 123456, 100000000, Number.MAX_SAFE_INTEGER]) {
      expect(cents(centsToInput(value, language), language)).toBe(value);
    }
  });

  it("groups thousands and keeps two decimals only when there are cents", () => {
    expect(centsToInput(123456, "en")).toBe("1,234.56");
    expect(centsToInput(123400, "de")).toBe("1.234");
    expect(centsToInput(123405, "fr")).toBe("1\u202f234,05");
  });
});
