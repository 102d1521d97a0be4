import type { Locator, Page } from "@playwright/test";
import {
  COMPLETE_ANSWERS,
  createApplicant,
  createCandidacy,
  createOpenCall,
  uploadThroughApi,
} from "./support/candidacies";
import { graphql } from "./support/api";
import { expect, expectAccessible, test, type Language } from "./support/fixtures";
import { blankPdf } from "./support/pdf";

/** The texts the path looks for, per language (the screens' own words). */
const TEXT: Record<
  Language,
  {
    api: "FR" | "EN" | "DE";
    submitNav: string;
    projectNav: string;
    partnersNav: string;
    budgetNav: string;
    answersNav: string;
    receiptNav: string;
    missingSummary: string;
    summary: RegExp;
    sites: RegExp;
    start: RegExp;
    classIIa: string;
    hospital: string;
    yes: string;
    protocol: RegExp;
    saved: RegExp;
    outOfRange: string;
    notPdf: string;
    uploaded: string;
    ready: string;
    submit: string;
    submitted: string;
    download: string;
    deadlineRefused: RegExp;
    readOnly: RegExp;
  }
> = {
  fr: {
    api: "FR",
    submitNav: "Vérifier et déposer",
    projectNav: "Projet",
    partnersNav: "Partenaires",
    budgetNav: "Budget",
    answersNav: "Réponses",
    receiptNav: "Accusés de réception",
    missingSummary: "Répondez à la question « Résumé »",
    summary: /^Résumé/,
    sites: /^Nombre de sites/,
    start: /^Démarrage prévu/,
    classIIa: "Classe IIa",
    hospital: "Hôpital",
    yes: "Oui",
    protocol: /^Protocole/,
    saved: /^Enregistré à/,
    outOfRange: "Valeur hors des bornes indiquées. Elle n’est pas enregistrée.",
    notPdf: "Fichier refusé",
    uploaded: "Fichier protocole.pdf envoyé.",
    ready: "Aucun problème détecté : la candidature peut être déposée.",
    submit: "Déposer la candidature",
    submitted: "Candidature déposée",
    download: "Télécharger l’accusé de réception de la version 1",
    deadlineRefused: /La date limite \(.+\) est passée : le serveur a refusé la demande\./,
    readOnly: /la candidature ne peut plus être modifiée/,
  },
  en: {
    api: "EN",
    submitNav: "Check and submit",
    projectNav: "Project",
    partnersNav: "Partners",
    budgetNav: "Budget",
    answersNav: "Answers",
    receiptNav: "Receipts",
    missingSummary: "Answer the question “Summary”",
    summary: /^Summary/,
    sites: /^Number of sites/,
    start: /^Planned start/,
    classIIa: "Class IIa",
    hospital: "Hospital",
    yes: "Yes",
    protocol: /^Protocol/,
    saved: /^Saved at/,
    outOfRange: "Value outside the bounds given. It is not saved.",
    notPdf: "File refused",
    uploaded: "File protocole.pdf uploaded.",
    ready: "No problem found: the application can be submitted.",
    submit: "Submit the application",
    submitted: "Application submitted",
    download: "Download the receipt of version 1",
    deadlineRefused: /The deadline \(.+\) has passed: the server refused the request\./,
    readOnly: /the application can no longer be changed/,
  },
  de: {
    api: "DE",
    submitNav: "Prüfen und einreichen",
    projectNav: "Projekt",
    partnersNav: "Partner",
    budgetNav: "Budget",
    answersNav: "Antworten",
    receiptNav: "Eingangsbestätigungen",
    missingSummary: "Beantworten Sie die Frage „Zusammenfassung“",
    summary: /^Zusammenfassung/,
    sites: /^Anzahl der Standorte/,
    start: /^Geplanter Beginn/,
    classIIa: "Klasse IIa",
    hospital: "Krankenhaus",
    yes: "Ja",
    protocol: /^Protokoll/,
    saved: /^Gespeichert um/,
    outOfRange: "Wert außerhalb der angegebenen Grenzen. Er ist nicht gespeichert.",
    notPdf: "Datei abgelehnt",
    uploaded: "Datei protocole.pdf hochgeladen.",
    ready: "Kein Problem gefunden: Die Bewerbung kann eingereicht werden.",
    submit: "Bewerbung einreichen",
    submitted: "Bewerbung eingereicht",
    download: "Eingangsbestätigung der Version 1 herunterladen",
    deadlineRefused: /Die Frist \(.+\) ist abgelaufen: Der Server hat die Anfrage abgelehnt\./,
    readOnly: /Die Bewerbung kann nicht mehr geändert werden/,
  },
};

/** A deadline far enough that the demo's own open calls still come first in the public list. */
const FAR_AHEAD = () => new Date(Date.now() + 330 * 86_400_000);

/** Presses Tab (Shift+Tab with `backwards`) until `target` has the focus: the keyboard alone. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 60 } = {}) {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

/** The draft's saves have all answered (the polite status says when it was saved). */
async function expectSaved(page: Page, language: Language) {
  await expect(page.getByRole("status").filter({ hasText: TEXT[language].saved })).toBeVisible({ timeout: 10_000 });
}

for (const language of ["fr", "en", "de"] as const) {
  test.describe(`candidacy submission (${language})`, () => {
    test.use({ language });

    test("an applicant answers, uploads a file, submits before the deadline and downloads the receipt", async ({
      page,
      browser,
      baseURL,
    }) => {
      test.setTimeout(120_000);
      const text = TEXT[language];
      const callId = await createOpenCall(browser, baseURL!, FAR_AHEAD());
      const { organisationId } = await createApplicant(browser, baseURL!, page.request, text.api);
      const candidacyId = await createCandidacy(page.request, { callId, organisationId });
      const main = page.getByRole("main");

      // The check lists what is missing, each a link to its field.
      await page.goto(`/candidacies/${candidacyId}/submit`);
      await expect(page.getByRole("heading", { level: 1, name: "TRIAGE-E2E — Étude TRIAGE e2e" })).toBeVisible();
      await expect(page.getByRole("navigation", { name: /./ }).getByRole("link", { name: text.submitNav })).toHaveAttribute(
        "aria-current",
        "page",
      );
      await expectAccessible(page);
      await main.getByRole("link", { name: text.missingSummary }).click();
      await expect(page).toHaveURL(/\/answers#answer-summary$/);
      await expect(page.locator("#answer-summary")).toBeFocused();
      await expectAccessible(page);

      // Typed fields, saved as drafts.
      await main.getByLabel(text.summary).fill("Une étude avant/après dans deux services d’urgences.");
      await expectSaved(page, language);
      await main.getByLabel(text.sites).fill("50");
      await main.getByLabel(text.sites).blur();
      await expect(main.getByText(text.outOfRange)).toBeVisible();
      await main.getByLabel(text.sites).fill("3");
      await main.getByLabel(text.start).fill("2027-09-01");
      // The theme draws its own radio buttons and boxes over the inputs: a user clicks the labels.
      await main.getByText(text.classIIa, { exact: true }).click();
      await main.getByText(text.hospital, { exact: true }).click();
      await main.getByText(text.yes, { exact: true }).click();
      await expect(main.getByLabel(text.classIIa)).toBeChecked();
      await expect(main.getByLabel(text.yes, { exact: true })).toBeChecked();
      await expectSaved(page, language);

      // A file that is not a PDF is refused next to its field; a PDF is accepted and listed.
      const picker = main.getByLabel(text.protocol);
      await picker.setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a pdf at all") });
      await expect(main.getByRole("alert").filter({ hasText: text.notPdf })).toBeVisible();
      await picker.setInputFiles({ name: "protocole.pdf", mimeType: "application/pdf", buffer: blankPdf() });
      await expect(main.getByRole("status").filter({ hasText: text.uploaded })).toBeVisible();
      await expect(main.getByRole("link", { name: /protocole\.pdf/ })).toHaveAttribute("href", /./);
      await expectAccessible(page);

      // Reloaded, the answers are there (saved, not only in the page).
      await page.reload();
      await expect(main.getByLabel(text.sites)).toHaveValue("3");
      await expect(main.getByLabel(text.summary)).toHaveValue(/deux services/);

      // Check and submit; the receipt PDF follows once the worker has rendered it.
      await page.getByRole("link", { name: text.submitNav }).click();
      await expect(main.getByText(text.ready)).toBeVisible();
      await main.getByRole("button", { name: text.submit }).click();
      await expect(main.getByRole("heading", { name: text.submitted })).toBeVisible();
      const receipt = main.getByRole("link", { name: text.download });
      await expect(receipt).toBeVisible({ timeout: 45_000 });
      await expectAccessible(page);
      const response = await page.request.get((await receipt.getAttribute("href"))!);
      expect(response.ok()).toBe(true);
      expect(response.headers()["content-type"]).toContain("application/pdf");
      expect((await response.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

      await page.getByRole("link", { name: text.receiptNav }).click();
      await expect(main.getByRole("link", { name: text.download })).toBeVisible();
      await expectAccessible(page);

      // Every other section of the editor, for accessibility.
      for (const name of [text.projectNav, text.partnersNav, text.budgetNav]) {
        await page.getByRole("link", { name, exact: true }).click();
        await expect(page.getByRole("link", { name, exact: true })).toHaveAttribute("aria-current", "page");
        await expectAccessible(page);
      }
    });
  });
}

test.describe("candidacy submission after the deadline (en)", () => {
  test.use({ language: "en" });

  test("a submission sent once the deadline has passed is refused in the page, which turns read-only", async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const text = TEXT.en;
    // A call of its own whose deadline comes during the test (the server's clock decides).
    const deadline = new Date(Date.now() + 20_000);
    const callId = await createOpenCall(browser, baseURL!, deadline);
    const { organisationId } = await createApplicant(browser, baseURL!, page.request, text.api);
    const candidacyId = await createCandidacy(page.request, { callId, organisationId, answers: COMPLETE_ANSWERS });
    await uploadThroughApi(page.request, candidacyId, "protocol", blankPdf());
    const main = page.getByRole("main");

    await page.goto(`/candidacies/${candidacyId}/submit`);
    await expect(main.getByText(text.ready)).toBeVisible();
    await expect(page.getByRole("timer")).toBeVisible();
    await expectAccessible(page);

    // Wait for the deadline by the server's clock, the one that judges it.
    await expect
      .poll(async () => Date.parse((await graphql(page.request, "{ serverTime }")).serverTime), {
        timeout: 40_000,
        intervals: [1_000],
      })
      .toBeGreaterThan(deadline.getTime());
    await main.getByRole("button", { name: text.submit }).click();
    await expect(main.getByRole("alert").filter({ hasText: text.deadlineRefused })).toBeVisible();
    await expect(main.getByRole("heading", { name: text.submitted })).toHaveCount(0);
    await expectAccessible(page);

    // Read again: no field, a notice saying why, the answers and the file still there.
    await page.goto(`/candidacies/${candidacyId}/answers`);
    await expect(main.getByText(text.readOnly)).toBeVisible();
    await expect(main.getByRole("textbox")).toHaveCount(0);
    await expect(main.getByRole("button", { name: text.submit })).toHaveCount(0);
    await expect(main.getByText("Une étude avant/après dans deux services.")).toBeVisible();
    await expect(main.getByRole("link", { name: /protocol\.pdf/ })).toBeVisible();
    await expectAccessible(page);
  });
});

test("the answers page fits a 320 px wide screen, with no accessibility violation", async ({ page, browser, baseURL }) => {
  test.setTimeout(60_000);
  const callId = await createOpenCall(browser, baseURL!, FAR_AHEAD());
  const { organisationId } = await createApplicant(browser, baseURL!, page.request, "FR");
  const candidacyId = await createCandidacy(page.request, { callId, organisationId, answers: COMPLETE_ANSWERS });
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`/candidacies/${candidacyId}/answers`);
  await expect(page.getByRole("main").getByLabel(TEXT.fr.summary)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});

test.describe("candidacy submission with the keyboard alone (de)", () => {
  test.use({ language: "de" });

  test("from the check to the field to fix, then back to submit, with Tab and Enter only", async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const text = TEXT.de;
    const callId = await createOpenCall(browser, baseURL!, FAR_AHEAD());
    const { organisationId } = await createApplicant(browser, baseURL!, page.request, text.api);
    const answers = COMPLETE_ANSWERS.filter((answer) => answer.questionKey !== "summary");
    const candidacyId = await createCandidacy(page.request, { callId, organisationId, answers });
    await uploadThroughApi(page.request, candidacyId, "protocol", blankPdf());
    const main = page.getByRole("main");

    await page.goto(`/candidacies/${candidacyId}/submit`);
    await tabTo(page, main.getByRole("link", { name: text.missingSummary }));
    await page.keyboard.press("Enter");
    await expect(page.locator("#answer-summary")).toBeFocused();
    await page.keyboard.type("Eine Vorher-Nachher-Studie an zwei Standorten.");
    await page.keyboard.press("Tab"); // leaving the field saves it
    await expectSaved(page, "de");

    await tabTo(page, page.getByRole("link", { name: text.submitNav }), { backwards: true });
    await page.keyboard.press("Enter");
    await expect(main.getByText(text.ready)).toBeVisible();
    await tabTo(page, main.getByRole("button", { name: text.submit }));
    await page.keyboard.press("Enter");
    await expect(main.getByRole("heading", { name: text.submitted })).toBeVisible();
    await expectAccessible(page);
  });
});
