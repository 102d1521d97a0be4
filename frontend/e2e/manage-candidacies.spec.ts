import { LANGUAGES, expect, expectAccessible, test, type Language } from "./support/fixtures";
import { DEMO, createOwnDraft, createScreenableCandidacy, daysAfter, signInAs } from "./support/manage";
import { escapeRegExp, startingWith, words, type Words } from "./support/words";

/**
 * The manager's candidacies: DGOS's programme manager filters the list (filters kept in the
 * address), opens a candidacy, screens a submitted one of a call the spec closes itself (in
 * German) and grants an individual extension on a draft the spec makes (in each language); a
 * funder viewer gets no action. The filter path (a call found by its search, a status, a reload,
 * the call filter removed) runs in each language; texts come from the locale files (words.ts).
 * Axe on every screen, one pass at 320 px.
 */

/** 18:00 as the interface writes a time in `language` (Intl, as src/i18n/format.ts), any space. */
function sixPm(language: Language): string {
  const time = new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", timeZone: "UTC" }).format(
    Date.UTC(2027, 0, 1, 18, 0),
  );
  return escapeRegExp(time).replace(/\s/g, "\\s");
}

/** A count's text in any plural form ("No candidacy matches...", "3 candidacies match..."), whatever the number. */
function anyCount(w: Words, key: string): RegExp {
  const forms = ["zero", "one", "other"].map((form) => w.pattern(`${key}_${form}`, { count: /[\d\s.,]+/ }).source);
  return new RegExp(forms.join("|"));
}

for (const language of LANGUAGES) {
  test.describe(`candidacies received (${language})`, () => {
    test.use({ language });

    test("the manager finds a call, filters the list, and the filters survive a reload", async ({ page }) => {
      const w = words(language);
      const m = (key: string, values?: Record<string, string | number>) => w(`manageCandidacies:${key}`, values);
      const own = await createOwnDraft(page, `Étude e2e : liste filtrée (${language})`);
      await signInAs(page, DEMO.manager);

      await page.goto("/manage/candidacies");
      await expect(page.getByRole("heading", { level: 1, name: m("list.title") })).toBeVisible();
      const listCount = anyCount(w, "manageCandidacies:list.count");
      await expect(page.getByRole("status").filter({ hasText: listCount })).toBeVisible();
      await expectAccessible(page);

      // The call: searched by its reference, chosen among the results with the keyboard.
      const search = page.getByRole("search", { name: m("filters.callSearch") });
      await search.getByRole("searchbox", { name: startingWith(m("filters.callSearch")) }).fill(own.callReference);
      await search.getByRole("button", { name: m("filters.callSubmit") }).click();
      const choose = page.getByRole("form", { name: m("filters.callChoose") });
      const radio = choose.getByRole("radio", { name: startingWith(`${own.callReference} — `) });
      const found = anyCount(w, "manageCandidacies:filters.callResults");
      await expect(page.getByRole("status").filter({ hasText: found })).toBeVisible();
      await expectAccessible(page);
      await radio.focus();
      await page.keyboard.press("Space");
      await expect(radio).toBeChecked();
      await page.keyboard.press("Tab");
      await expect(choose.getByRole("button", { name: m("filters.callApply") })).toBeFocused();
      await page.keyboard.press("Enter");

      await expect(page).toHaveURL(new RegExp(`call=${escapeRegExp(encodeURIComponent(own.callId))}`));
      const chosen = w.pattern("manageCandidacies:filters.chosenCall", { reference: own.callReference, title: /.+/ });
      await expect(page.getByRole("status").filter({ hasText: chosen })).toBeVisible();
      await expect(page.getByRole("button", { name: m("filters.clearCall") })).toBeFocused();

      await page.getByLabel(m("filters.status")).selectOption("DRAFT");
      await expect(page).toHaveURL(/status=DRAFT/);
      const table = page.getByRole("table", { name: m("list.caption") });
      await expect(table.getByRole("row").nth(1)).toContainText(m("status.DRAFT"));
      await page.reload();
      await expect(page.getByLabel(m("filters.status"))).toHaveValue("DRAFT");
      // A shared address names its call, read by id.
      await expect(page.getByRole("status").filter({ hasText: chosen })).toBeVisible();
      await expect(table.getByRole("cell", { name: m("status.SUBMITTED"), exact: true })).toHaveCount(0);
      await expectAccessible(page);

      // Removing the call filter keeps the others and gives the search back, focused.
      await page.getByRole("button", { name: m("filters.clearCall") }).click();
      await expect(page).toHaveURL(/\?status=DRAFT$/);
      await expect(search.getByRole("searchbox")).toBeFocused();
      await expect(page.getByRole("status").filter({ hasText: chosen })).toHaveCount(0);

      await table.getByRole("rowheader").getByRole("link").first().click();
      await expect(page).toHaveURL(/\/manage\/candidacies\/[^/?]+$/);
      await expect(page.getByRole("heading", { level: 2, name: m("review.summary") })).toBeVisible();
      await expectAccessible(page);
    });
  });
}

test.describe("candidacies received, read only and narrow (fr)", () => {
  const w = words("fr");
  const m = (key: string, values?: Record<string, string | number>) => w(`manageCandidacies:${key}`, values);

  test("a funder viewer reads without any action", async ({ page }) => {
    await signInAs(page, DEMO.viewer);
    await page.goto("/manage/candidacies");
    await expect(page.getByRole("heading", { level: 1, name: m("list.title") })).toBeVisible();
    const listCount = anyCount(w, "manageCandidacies:list.count");
    await expect(page.getByRole("status").filter({ hasText: listCount })).toBeVisible();
    await expect(page.getByRole("button", { name: m("eligibility.submit") })).toHaveCount(0);
    await expect(page.getByRole("button", { name: m("extension.submit") })).toHaveCount(0);
    await expectAccessible(page);
  });

  test("at 320 px the table scrolls in its own labelled region, not the page, and the call search fits", async ({
    page,
  }) => {
    await createOwnDraft(page, "Étude e2e : écran étroit");
    await signInAs(page, DEMO.manager);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto("/manage/candidacies");

    const region = page.getByRole("region", { name: m("list.caption") });
    await expect(region).toBeVisible();
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await region.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

    // An empty search lists the calls, as radio buttons that wrap within the screen.
    const search = page.getByRole("search", { name: m("filters.callSearch") });
    await search.getByRole("searchbox").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("form", { name: m("filters.callChoose") }).getByRole("radio").first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page);
  });
});

for (const language of LANGUAGES) {
  test.describe(`an individual extension (${language})`, () => {
    test.use({ language });

    test("the manager screens a candidacy and grants it a late exception", async ({ page }) => {
      const w = words(language);
      const m = (key: string, values?: Record<string, string | number>) => w(`manageCandidacies:${key}`, values);
      const own = await createOwnDraft(page, `Étude e2e : délai individuel (${language})`);
      await signInAs(page, DEMO.manager);
      await page.goto(`/manage/candidacies/${own.id}`);
      await expect(page.getByRole("heading", { level: 1, name: m("review.untitled") })).toBeVisible();
      await expect(page.getByText(m("review.neverSubmitted"))).toBeVisible();
      await expectAccessible(page);

      // Eligibility: the API refuses to screen a draft, and the form says so where it is.
      const eligibility = page.getByRole("form", { name: m("eligibility.title") });
      await eligibility.getByText(m("eligibility.ELIGIBLE"), { exact: true }).click(); // the label, as a person clicks it
      await expect(eligibility.getByLabel(m("eligibility.ELIGIBLE"), { exact: true })).toBeChecked();
      await eligibility.getByRole("button", { name: m("eligibility.submit") }).click();
      await expect(eligibility.getByRole("alert")).toContainText(m("eligibility.errors.notEditable"));

      // A deadline before the call's own: refused next to the field.
      const extension = page.getByRole("form", { name: m("extension.title") });
      await expect(extension).toContainText(own.timezone);
      await extension.getByLabel(startingWith(m("extension.until"))).fill(daysAfter(own.deadlineLocal, -1));
      await extension.getByRole("button", { name: m("extension.submit") }).click();
      await expect(extension.getByText(m("extension.errors.untilNotLater"))).toBeVisible();
      await expectAccessible(page);

      // Two days after the call's deadline, at 18:00 on the call's clock (its zone's name follows).
      const evening = new RegExp(`.*${sixPm(language)}.*`);
      await extension.getByLabel(startingWith(m("extension.until"))).fill(daysAfter(own.deadlineLocal, 2));
      await extension.getByLabel(startingWith(m("extension.reason"))).fill("Panne du système d'information le dernier soir");
      await extension.getByRole("button", { name: m("extension.submit") }).click();
      await expect(extension.getByText(w.pattern("manageCandidacies:extension.granted", { until: evening }))).toBeVisible();
      const summary = page.getByRole("region", { name: m("review.summary"), exact: true });
      await expect(summary).toContainText(new RegExp(`${escapeRegExp(m("review.extension"))}\\s*\\S${evening.source}`));
      await expectAccessible(page);
    });
  });
}

test.describe("eligibility screening (de)", () => {
  test.use({ language: "de" });

  test("the manager reads a submitted candidacy of a closed call and records its eligibility", async ({ page }) => {
    test.setTimeout(120_000); // the spec's own call must reach its deadline before it closes
    const w = words("de");
    const m = (key: string, values?: Record<string, string | number>) => w(`manageCandidacies:${key}`, values);
    const own = await createScreenableCandidacy(page);
    await signInAs(page, DEMO.manager);

    await page.goto(`/manage/candidacies?call=${encodeURIComponent(own.callId)}&status=SUBMITTED`);
    const table = page.getByRole("table", { name: m("list.caption") });
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(page.getByRole("status").filter({ hasText: m("list.count", { count: 1 }) })).toBeVisible();
    await table.getByRole("rowheader").getByRole("link").click();

    await expect(page.getByRole("heading", { level: 1, name: "TRI-E2E — Tri aux urgences (e2e)" })).toBeVisible();
    await expect(page.getByRole("region", { name: m("review.answers") })).toContainText(own.summary);
    await expect(page.getByRole("region", { name: m("review.versions") })).toContainText(
      w.pattern("manageCandidacies:list.version", { number: 1, at: /.+/ }),
    );
    await expectAccessible(page);

    // Ineligible without a reason: the API's refusal under the field, then recorded.
    const eligibility = page.getByRole("form", { name: m("eligibility.title") });
    await eligibility.getByText(m("eligibility.INELIGIBLE"), { exact: true }).click();
    await eligibility.getByRole("button", { name: m("eligibility.submit") }).click();
    await expect(eligibility.getByText(m("eligibility.errors.reasonRequired"))).toBeVisible();
    // The focus moves to the form's problems, so a screen reader reads them first.
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.querySelector("[role=alert]")))).toBe(true);
    await expectAccessible(page);
    const reason = "Das Produkt trägt keine CE-Kennzeichnung.";
    await eligibility.getByLabel(startingWith(m("eligibility.reason"))).fill(reason);
    await eligibility.getByRole("button", { name: m("eligibility.submit") }).click();
    await expect(eligibility.getByText(m("eligibility.recorded"))).toBeVisible();
    const summary = page.getByRole("region", { name: m("review.summary"), exact: true });
    await expect(summary).toContainText(m("eligibility.INELIGIBLE"));
    await expect(summary).toContainText(m("review.because", { reason }));

    // Anap co-funds the call: its funder viewer reads the same candidacy, without any action.
    await signInAs(page, DEMO.viewer);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "TRI-E2E — Tri aux urgences (e2e)" })).toBeVisible();
    await expect(page.getByText(m("review.readOnly"))).toBeVisible();
    await expect(page.getByRole("form")).toHaveCount(0);
    await expectAccessible(page);
  });
});

test.describe("a candidacy read in English", () => {
  test.use({ language: "en" });

  test("the manager reads the list and a candidacy in English", async ({ page }) => {
    const w = words("en");
    const m = (key: string, values?: Record<string, string | number>) => w(`manageCandidacies:${key}`, values);
    const own = await createOwnDraft(page, "E2E study: in English");
    await signInAs(page, DEMO.manager);
    await page.goto(`/manage/candidacies?status=DRAFT`);
    await expect(page.getByRole("heading", { level: 1, name: m("list.title") })).toBeVisible();
    await expect(page.getByLabel(m("filters.status"))).toHaveValue("DRAFT");
    const draftCount = w.pattern("manageCandidacies:filters.withCount", { label: m("status.DRAFT"), count: /\d+/ });
    await expect(page.getByRole("option", { name: new RegExp(`^${draftCount.source}$`) })).toBeAttached();
    await expectAccessible(page);

    await page.goto(`/manage/candidacies/${own.id}`);
    await expect(page.getByRole("heading", { level: 2, name: m("review.actions") })).toBeVisible();
    await expect(page.getByRole("form", { name: m("extension.title") })).toBeVisible();
    await expectAccessible(page);
  });
});
