import { describe, expect, it } from "vitest";
import { contentLanguage, localized, openFirst } from "./model";

describe("calls model", () => {
  it("puts open calls first and keeps the order within each group", () => {
    const calls = [
      { id: 1, isOpenNow: false },
      { id: 2, isOpenNow: true },
      { id: 3, isOpenNow: false },
      { id: 4, isOpenNow: true },
    ];
    expect(openFirst(calls).map((call) => call.id)).toEqual([2, 4, 1, 3]);
  });

  it("tells the language a call's text comes in, as the API falls back", () => {
    expect(contentLanguage(["FR", "DE"], "de")).toBe("de");
    expect(contentLanguage(["FR", "DE"], "en")).toBe("fr");
    expect(contentLanguage(["DE"], "en")).toBe("de");
  });

  it("reads a localized text in the reader's language, else fr, en, de", () => {
    expect(localized({ fr: "Budget", en: null, de: "Finanzplan" }, "de")).toBe("Finanzplan");
    expect(localized({ fr: null, en: "Budget", de: null }, "de")).toBe("Budget");
  });
});
