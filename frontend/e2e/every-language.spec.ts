import type { Page } from "@playwright/test";
import { demoEmail, signInThroughApi } from "./support/api";
import { expect, expectAccessible, test } from "./support/fixtures";
import { createOwnDraft } from "./support/manage";

/**
 * Every signed-in screen read in English and German, each with one h1 and no accessibility
 * violation, on a draft of its own. The paths' own specs act on these screens, some in one
 * language only; the manager's calls are not read here, since their path (manage-calls.spec.ts)
 * goes through the list, the new call and every section in each language.
 */
const CANDIDACY_SECTIONS = ["", "/answers", "/partners", "/budget", "/submit", "/receipt"];

/** Waits for the screen to settle (its data loaded), then checks it. */
async function expectScreen(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1 }), path).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
  await expectAccessible(page);
}

for (const language of ["en", "de"] as const) {
  test.describe(`signed-in screens (${language})`, () => {
    test.use({ language });

    test("the applicant's space and candidacy editor", async ({ page }) => {
      test.setTimeout(120_000);
      const own = await createOwnDraft(page, `E2E screens in ${language}`);
      await signInThroughApi(page.request, demoEmail("applicant.charite"));
      for (const path of ["/my/candidacies", "/my/organisations", "/my/invitations"]) {
        await expectScreen(page, path);
      }
      for (const section of CANDIDACY_SECTIONS) await expectScreen(page, `/candidacies/${own.id}${section}`);
    });

    test("the manager's candidacies", async ({ page }) => {
      const own = await createOwnDraft(page, `E2E manager screens in ${language}`);
      await signInThroughApi(page.request, demoEmail("manager"));
      await expectScreen(page, "/manage/candidacies");
      await expectScreen(page, `/manage/candidacies/${own.id}`);
    });
  });
}
