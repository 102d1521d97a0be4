import { expect, expectAccessible, LANGUAGES, test } from "./support/fixtures";

/** The public pages on the demo data, in each language. */
for (const language of LANGUAGES) {
  test.describe(`public pages (${language})`, () => {
    test.use({ language });

    test("the list of calls, open ones first, then a call's page with its countdown", async ({
      page,
    }) => {
      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", language);
      const calls = page.getByRole("main").getByRole("listitem");
      await expect(calls.first()).toBeVisible();
      await expectAccessible(page);

      await calls.first().getByRole("link").first().click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("timer")).toBeVisible();
      await expectAccessible(page);
    });

    test("an unknown path shows the application's not-found page", async ({ page }) => {
      await page.goto("/no/such/page");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page);
    });

    test("the footer links the accessibility statement", async ({ page }) => {
      await page.goto("/");
      await page.getByRole("contentinfo").getByRole("link", { name: /accessibilit|barrierefrei/i }).click();
      await expect(page).toHaveURL(/\/accessibility$/);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page);
    });
  });
}
