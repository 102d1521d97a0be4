import type { Page } from "@playwright/test";
import { LANGUAGES, expect, expectAccessible, test, type Language } from "./support/fixtures";
import { startingWith, words, type Words } from "./support/words";

const PASSWORD = "demo-password-2026";

/** Signs in through the form, in the page's language, then lands on `next`. */
async function signIn(page: Page, w: Words, email: string, next: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  const main = page.getByRole("main");
  await main.getByLabel(w("signIn.email")).fill(email);
  await main.getByLabel(w("signIn.password"), { exact: true }).fill(PASSWORD);
  await main.getByRole("button", { name: w("signIn.submit") }).click();
  await expect(page).toHaveURL(new RegExp(`${next}$`));
}

/** The editors of a call's structure, each checked with axe once the call is published. */
const STRUCTURE_SECTIONS = ["form", "grid", "eligibility", "funders"] as const;

for (const language of LANGUAGES) {
  test.describe(`a programme manager runs a call (${language})`, () => {
    test.use({ language });

    test("creates a call from a template, translates it, publishes it; the public list shows it", async ({ page }) => {
      test.setTimeout(180_000); // a long path: a dozen pages, each checked with axe
      const w = words(language);
      const m = (key: string, values?: Record<string, string | number>) => w(`manageCalls:${key}`, values);
      // A reference of its own: specs share one server and may run in any order.
      const reference = `E2E-CALLS-${language.toUpperCase()}-${Date.now().toString(36).toUpperCase()}`;
      const titles: Record<Language, string> = {
        fr: `Appel de bout en bout ${reference}`,
        en: `End-to-end call ${reference}`,
        de: `End-to-End-Aufruf ${reference}`,
      };
      await signIn(page, w, "manager@demo.aap.example", "/manage/calls");
      const main = page.getByRole("main");
      await expect(main.getByRole("heading", { level: 1, name: m("list.title") })).toBeVisible();
      await expect(main.getByRole("table")).toBeVisible();
      await expectAccessible(page);

      await main.getByRole("link", { name: m("list.create") }).click();
      await expect(main.getByRole("heading", { level: 1, name: m("new.title") })).toBeVisible();
      const template = m("templates.impact-study");
      await main.getByLabel(m("new.template"), { exact: true }).selectOption({ label: template });
      await main.getByRole("button", { name: m("new.useTemplate") }).click();
      await expect(main.getByText(m("new.templateApplied", { name: template }))).toBeVisible();
      await main.getByLabel(startingWith(m("fields.reference"))).fill(reference);
      await main.getByRole("group", { name: m("fields.title"), exact: true }).getByLabel(m("languages.fr")).fill(titles.fr);
      await expectAccessible(page);

      // Keyboard-friendly form builder: a question added, moved up, then removed.
      const question = (position: number) => m("questions.item", { position });
      await main.getByRole("button", { name: m("questions.add") }).click();
      await expect(main.getByRole("heading", { name: question(6) })).toBeVisible();
      await expect(main.getByLabel(m("questions.key")).last()).toBeFocused();
      await main.getByRole("button", { name: m("list_editing.moveUp", { name: question(6) }) }).click();
      await expect(main.getByText(m("list_editing.moved", { name: m("questions.name"), position: 6, to: 5 }))).toBeVisible();
      await main.getByRole("button", { name: m("list_editing.remove", { name: question(5) }) }).click();
      await expect(main.getByRole("heading", { name: question(6) })).toHaveCount(0);

      await main.getByRole("button", { name: m("new.create") }).click();
      await expect(page).toHaveURL(/\/manage\/calls\/[^/]+$/);
      // Only the French title exists yet: every language shows it.
      await expect(main.getByRole("heading", { level: 1, name: titles.fr })).toBeVisible();
      const sections = main.getByRole("navigation", { name: m("sections.nav") });
      await expect(sections.getByRole("link", { name: m("sections.general"), exact: true })).toHaveAttribute("aria-current", "page");
      await expectAccessible(page);

      await sections.getByRole("link", { name: m("sections.translations"), exact: true }).click();
      const [english, german] = [m("languages.en"), m("languages.de")];
      await expect(main.getByText(m("translations.incomplete", { languages: `${english}, ${german}` }))).toBeVisible();
      await expectAccessible(page);
      const form = main.getByRole("form", { name: m("sections.translations") });
      const title = form.getByRole("group", { name: m("fields.title"), exact: true });
      const description = form.getByRole("group", { name: m("fields.description"), exact: true });
      await title.getByLabel(english).fill(titles.en);
      await title.getByLabel(german).fill(titles.de);
      await description.getByLabel(english).fill("An impact study call.");
      await description.getByLabel(german).fill("Ein Aufruf für Wirkungsstudien.");
      await form.getByRole("button", { name: m("save.save") }).click();
      await expect(main.getByText(m("save.saved"))).toBeVisible();
      await expect(main.getByText(m("translations.complete"))).toBeVisible();

      await sections.getByRole("link", { name: m("sections.status"), exact: true }).click();
      await expectAccessible(page);
      await main.getByRole("button", { name: m("lifecycle.action.PUBLISHED") }).click();
      await expect(main.getByText(m("lifecycle.confirm.PUBLISHED"))).toBeVisible();
      await expectAccessible(page);
      await main.getByRole("button", { name: m("lifecycle.confirmButton.PUBLISHED") }).click();
      await expect(main.getByText(m("lifecycle.done", { status: m("status.PUBLISHED") }))).toBeVisible();

      // Every editor of the manager's own call passes axe; the published call's deadline moves.
      for (const section of STRUCTURE_SECTIONS) {
        await sections.getByRole("link", { name: m(`sections.${section}`), exact: true }).click();
        await expect(main.getByRole("heading", { level: 2, name: m(`sections.${section}`), exact: true })).toBeVisible();
        await expectAccessible(page);
      }
      await sections.getByRole("link", { name: m("sections.deadline"), exact: true }).click();
      const deadline = main.getByLabel(startingWith(m("deadline.newDeadline")));
      const current = await deadline.inputValue();
      // A week later (the review deadline, 56 days after, stays ahead).
      const weekLater = new Date(Date.parse(`${current.slice(0, 16)}:00Z`) + 7 * 86_400_000).toISOString().slice(0, 16);
      await deadline.fill(weekLater);
      await main.getByLabel(startingWith(m("deadline.reason"))).fill("Report demandé par les établissements");
      await main.getByRole("button", { name: m("deadline.submit"), exact: true }).click();
      await expect(main.getByText(m("deadline.done"))).toBeVisible();
      await expectAccessible(page);

      // The public list names the call in the reader's language.
      await page.goto("/calls");
      await expect(page.getByRole("main").getByRole("link", { name: titles[language] })).toBeVisible();
    });
  });
}

test.describe("a programme manager's screens at 320 px (fr)", () => {
  test("the list and the form builder at 320 px wide", async ({ page }) => {
    const w = words("fr");
    await page.setViewportSize({ width: 320, height: 720 });
    const fitsTheWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await signIn(page, w, "manager@demo.aap.example", "/manage/calls");
    await expect(page.getByRole("main").getByRole("table")).toBeVisible();
    expect(await fitsTheWidth()).toBe(true);
    await expectAccessible(page);

    await page.goto("/manage/calls/new");
    const main = page.getByRole("main");
    await main.getByRole("button", { name: w("manageCalls:new.useTemplate") }).click();
    await expect(main.getByRole("heading", { name: w("manageCalls:questions.item", { position: 1 }) })).toBeVisible();
    expect(await fitsTheWidth()).toBe(true);
  });
});

test.describe("a funder viewer reads a call (en)", () => {
  test.use({ language: "en" });

  test("sees every section read-only, and why", async ({ page }) => {
    test.setTimeout(90_000);
    const w = words("en");
    const m = (key: string) => w(`manageCalls:${key}`);
    await signIn(page, w, "viewer@demo.aap.example", "/manage/calls");
    const main = page.getByRole("main");
    await expect(main.getByText(m("list.readOnly"))).toBeVisible();
    await expect(main.getByRole("link", { name: m("list.create") })).toHaveCount(0);
    await expectAccessible(page);

    await main.getByRole("table").getByRole("row").nth(1).getByRole("link").first().click();
    await expect(main.getByText(m("access.viewer"))).toBeVisible();
    for (const section of ["general", "translations", "form", "grid", "eligibility", "funders", "status", "deadline"]) {
      await main.getByRole("navigation", { name: m("sections.nav") }).getByRole("link", { name: m(`sections.${section}`), exact: true }).click();
      await expect(main.getByRole("heading", { level: 2, name: m(`sections.${section}`), exact: true })).toBeVisible();
      await expect(main.locator("form")).toHaveCount(0);
      await expectAccessible(page);
    }
  });
});
