import { fr as fullFr } from "@codegouvfr/react-dsfr/fr";
import { describe, expect, it } from "vitest";
import { fr } from "./dsfrFr";

describe("the slim DSFR fr helper", () => {
  it.each([false, true])("gives the DSFR's own theme colour (dark: %s)", (isDark) => {
    expect(fr.colors.getHex({ isDark }).decisions.background.default.grey.default).toBe(
      fullFr.colors.getHex({ isDark }).decisions.background.default.grey.default,
    );
  });

  it("keeps every helper but the colour tables", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(fullFr).sort());
    expect(fr.cx).toBe(fullFr.cx);
    expect(fr.breakpoints).toBe(fullFr.breakpoints);
    expect(fr.spacing).toBe(fullFr.spacing);
    expect(fr.typography).toBe(fullFr.typography);
  });
});
