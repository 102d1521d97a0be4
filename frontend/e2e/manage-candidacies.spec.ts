import { expect, expectAccessible, test } from "./support/fixtures";
import { DEMO, createOwnDraft, createScreenableCandidacy, daysAfter, signInAs } from "./support/manage";

/**
 * The manager's candidacies: DGOS's programme manager filters the list (filters kept in the
 * address), opens a candidacy, screens a submitted one of a call the spec closes itself and
 * grants an individual extension on a draft the spec makes; a funder viewer gets no action. Axe on every screen, one pass at 320 px,
 * one in English.
 */
test.describe("candidacies received (fr)", () => {
  test("the manager filters the list, and the filters survive a reload", async ({ page }) => {
    await createOwnDraft(page, "Étude e2e : liste filtrée");
    await signInAs(page, DEMO.manager);

    await page.goto("/manage/candidacies");
    await expect(page.getByRole("heading", { level: 1, name: "Candidatures reçues" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /correspondent? à ces filtres/ })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Statut").selectOption("DRAFT");
    await expect(page).toHaveURL(/status=DRAFT/);
    const table = page.getByRole("table", { name: "Candidatures, une par ligne" });
    await expect(table.getByRole("row").nth(1)).toContainText("Brouillon");
    await page.reload();
    await expect(page.getByLabel("Statut")).toHaveValue("DRAFT");
    await expect(table.getByRole("cell", { name: "Déposée", exact: true })).toHaveCount(0);
    await expectAccessible(page);

    await table.getByRole("rowheader").getByRole("link").first().click();
    await expect(page).toHaveURL(/\/manage\/candidacies\/[^/?]+$/);
    await expect(page.getByRole("heading", { level: 2, name: "Synthèse" })).toBeVisible();
    await expectAccessible(page);
  });

  test("the manager reads a submitted candidacy of a closed call and records its eligibility", async ({ page }) => {
    test.setTimeout(120_000); // the spec's own call must reach its deadline before it closes
    const own = await createScreenableCandidacy(page);
    await signInAs(page, DEMO.manager);

    await page.goto(`/manage/candidacies?call=${encodeURIComponent(own.callId)}&status=SUBMITTED`);
    const table = page.getByRole("table", { name: "Candidatures, une par ligne" });
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(page.getByRole("status").filter({ hasText: "1 candidature correspond à ces filtres." })).toBeVisible();
    await table.getByRole("rowheader").getByRole("link").click();

    await expect(page.getByRole("heading", { level: 1, name: "TRI-E2E — Tri aux urgences (e2e)" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Réponses de la version déposée" })).toContainText(own.summary);
    await expect(page.getByRole("region", { name: "Versions déposées" })).toContainText("Version 1 du");
    await expectAccessible(page);

    // Ineligible without a reason: the API's refusal under the field, then recorded.
    const eligibility = page.getByRole("form", { name: "Examen de l'éligibilité" });
    await eligibility.getByText("Inéligible", { exact: true }).click();
    await eligibility.getByRole("button", { name: "Enregistrer la décision" }).click();
    await expect(eligibility.getByText("Dites pourquoi la candidature est inéligible.")).toBeVisible();
    // The focus moves to the form's problems, so a screen reader reads them first.
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.querySelector("[role=alert]")))).toBe(true);
    await expectAccessible(page);
    await eligibility.getByLabel(/^Motif/).fill("Le dispositif n'est pas marqué CE.");
    await eligibility.getByRole("button", { name: "Enregistrer la décision" }).click();
    await expect(eligibility.getByText("Décision d'éligibilité enregistrée.")).toBeVisible();
    const summary = page.getByRole("region", { name: "Synthèse" });
    await expect(summary).toContainText("Inéligible");
    await expect(summary).toContainText("Motif : Le dispositif n'est pas marqué CE.");

    // Anap co-funds the call: its funder viewer reads the same candidacy, without any action.
    await signInAs(page, DEMO.viewer);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "TRI-E2E — Tri aux urgences (e2e)" })).toBeVisible();
    await expect(page.getByText("Vous consultez cette candidature en lecture seule.")).toBeVisible();
    await expect(page.getByRole("form")).toHaveCount(0);
    await expectAccessible(page);
  });

  test("the manager screens a candidacy and grants it a late exception", async ({ page }) => {
    const own = await createOwnDraft(page, "Étude e2e : délai individuel");
    await signInAs(page, DEMO.manager);
    await page.goto(`/manage/candidacies/${own.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Candidature pas encore déposée" })).toBeVisible();
    await expect(page.getByText(/pas encore été déposée/)).toBeVisible();
    await expectAccessible(page);

    // Eligibility: the API refuses to screen a draft, and the form says so where it is.
    const eligibility = page.getByRole("form", { name: "Examen de l'éligibilité" });
    await eligibility.getByText("Éligible", { exact: true }).click(); // the label, as a person clicks it
    await expect(eligibility.getByLabel("Éligible", { exact: true })).toBeChecked();
    await eligibility.getByRole("button", { name: "Enregistrer la décision" }).click();
    await expect(eligibility.getByRole("alert")).toContainText("Seule une candidature déposée peut être examinée.");

    // A deadline before the call's own: refused next to the field.
    const extension = page.getByRole("form", { name: "Délai individuel" });
    await expect(extension).toContainText(own.timezone);
    await extension.getByLabel(/^Nouvelle date limite/).fill(daysAfter(own.deadlineLocal, -1));
    await extension.getByRole("button", { name: "Accorder le délai" }).click();
    await expect(extension.getByText("La nouvelle date doit suivre la date limite de l'appel et l'instant présent.")).toBeVisible();
    await expectAccessible(page);

    // Two days after the call's deadline, at 18:00 on the call's clock.
    await extension.getByLabel(/^Nouvelle date limite/).fill(daysAfter(own.deadlineLocal, 2));
    await extension.getByLabel(/^Motif/).fill("Panne du système d'information le dernier soir");
    await extension.getByRole("button", { name: "Accorder le délai" }).click();
    await expect(extension.getByText(/Délai accordé jusqu'au .*18:00/)).toBeVisible();
    const summary = page.getByRole("region", { name: "Synthèse" });
    await expect(summary).toContainText(/Délai individuel\s*\S.*18:00/);
    await expectAccessible(page);
  });

  test("a funder viewer reads without any action", async ({ page }) => {
    await signInAs(page, DEMO.viewer);
    await page.goto("/manage/candidacies");
    await expect(page.getByRole("heading", { level: 1, name: "Candidatures reçues" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /à ces filtres/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Enregistrer la décision" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Accorder le délai" })).toHaveCount(0);
    await expectAccessible(page);
  });

  test("at 320 px the table scrolls in its own labelled region, not the page", async ({ page }) => {
    await createOwnDraft(page, "Étude e2e : écran étroit");
    await signInAs(page, DEMO.manager);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto("/manage/candidacies");

    const region = page.getByRole("region", { name: "Candidatures, une par ligne" });
    await expect(region).toBeVisible();
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await region.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expectAccessible(page);
  });
});

test.describe("candidacies received (en)", () => {
  test.use({ language: "en" });

  test("the manager reads the list and a candidacy in English", async ({ page }) => {
    const own = await createOwnDraft(page, "E2E study: in English");
    await signInAs(page, DEMO.manager);
    await page.goto(`/manage/candidacies?status=DRAFT`);
    await expect(page.getByRole("heading", { level: 1, name: "Candidacies received" })).toBeVisible();
    await expect(page.getByLabel("Status")).toHaveValue("DRAFT");
    await expect(page.getByRole("option", { name: /^Draft \(\d+\)$/ })).toBeAttached();
    await expectAccessible(page);

    await page.goto(`/manage/candidacies/${own.id}`);
    await expect(page.getByRole("heading", { level: 2, name: "Manager's actions" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Individual extension" })).toBeVisible();
    await expectAccessible(page);
  });
});
