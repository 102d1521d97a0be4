import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export const LANGUAGES = ["fr", "en", "de"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules axe checks (RGAA 4 follows WCAG 2.1 AA). */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** Fails with each violation's rule, help and elements, so the report says what to fix. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  // analyze() runs its last step in a blank page of the same context, opened then closed. A CI
  // run once left the tested page producing no frame after that (a click then waited 3 min for
  // "stable", which needs requestAnimationFrame): make it the active tab again, explicitly.
  await page.bringToFront();
  const found = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found, `axe on ${page.url()}`).toEqual([]);
}

/** `language`: the interface language a test runs in (set before the page's scripts run). */
export const test = base.extend<{ language: Language }>({
  language: ["fr", { option: true }],
  page: async ({ page, language }, use) => {
    await page.addInitScript((chosen) => {
      window.localStorage.setItem("aap.language", chosen);
    }, language);
    await use(page);
  },
});

export { expect };
