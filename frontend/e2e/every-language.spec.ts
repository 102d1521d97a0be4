import type { Page } from "@playwright/test";
import { demoEmail, signInThroughApi } from "./support/api";
import { expect, expectAccessible, test } from "./support/fixtures";
import { createOwnDraft } from "./support/manage";

/**
 * Every signed-in screen read in English and German, each with one h1 and no accessibility
 * violation. The paths' own specs act on these screens (in French, and some in en or de); this
 * one reads each of them in the two other languages, on a draft of its own.
 */
const CALL_SECTIONS = ["", "/translations", "/form", "/grid", "/eligibility", "/funders", "/status", "/deadline"];
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

    test("the manager's calls and candidacies", async ({ page }) => {
      test.setTimeout(120_000);
      const own = await createOwnDraft(page, `E2E manager screens in ${language}`);
      await signInThroughApi(page.request, demoEmail("manager"));
      await expectScreen(page, "/manage/calls");
      await expectScreen(page, "/manage/calls/new");
      for (const section of CALL_SECTIONS) await expectScreen(page, `/manage/calls/${own.callId}${section}`);
      await expectScreen(page, "/manage/candidacies");
      await expectScreen(page, `/manage/candidacies/${own.id}`);
    });
  });
}
