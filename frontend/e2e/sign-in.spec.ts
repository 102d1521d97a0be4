import type { Page } from "@playwright/test";
import { expect, expectAccessible, LANGUAGES, test, type Language } from "./support/fixtures";

const PASSWORD = "demo-password-2026";

/** A demo applicant per language (failed attempts are throttled per email: spread them). */
const APPLICANT: Record<Language, { email: string; name: string; organisation: string }> = {
  fr: {
    email: "applicant.aphp@demo.aap.example",
    name: "Dr Thomas Petit",
    organisation: "Assistance Publique – Hôpitaux de Paris (AP-HP)",
  },
  en: { email: "applicant.startup@demo.aap.example", name: "Léa Garnier", organisation: "Mistral AI" },
  de: {
    email: "applicant.charite@demo.aap.example",
    name: "Dr. Anna Becker",
    organisation: "Charité – Universitätsmedizin Berlin",
  },
};

const TEXT: Record<
  Language,
  { email: string; password: string; submit: string; signOut: string; wrong: string; account: string }
> = {
  fr: {
    email: "Adresse électronique",
    password: "Mot de passe",
    submit: "Se connecter",
    signOut: "Se déconnecter",
    wrong: "Adresse électronique ou mot de passe incorrect.",
    account: "Mon compte",
  },
  en: {
    email: "Email address",
    password: "Password",
    submit: "Sign in",
    signOut: "Sign out",
    wrong: "Email address or password incorrect.",
    account: "My account",
  },
  de: {
    email: "E-Mail-Adresse",
    password: "Passwort",
    submit: "Anmelden",
    signOut: "Abmelden",
    wrong: "E-Mail-Adresse oder Passwort ist falsch.",
    account: "Mein Konto",
  },
};

async function fillSignIn(page: Page, language: Language, email: string, password: string) {
  const main = page.getByRole("main");
  await main.getByLabel(TEXT[language].email).fill(email);
  await main.getByLabel(TEXT[language].password).fill(password);
  await main.getByRole("button", { name: TEXT[language].submit }).click();
}

for (const language of LANGUAGES) {
  test.describe(`sign in (${language})`, () => {
    test.use({ language });

    test("a wrong password is refused, then the applicant signs in, sees the account, signs out", async ({
      page,
    }) => {
      const applicant = APPLICANT[language];
      const text = TEXT[language];
      await page.goto("/");
      await page.getByRole("banner").getByRole("link", { name: text.submit }).click();
      await expect(page).toHaveURL(/\/sign-in$/);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page);

      await fillSignIn(page, language, applicant.email, "not-the-password");
      await expect(page.getByRole("alert")).toHaveText(text.wrong);
      await expectAccessible(page);

      await fillSignIn(page, language, applicant.email, PASSWORD);
      await expect(page).toHaveURL(/\/account$/);
      const main = page.getByRole("main");
      await expect(main.getByRole("heading", { level: 1, name: text.account })).toBeVisible();
      await expect(main.getByText(applicant.email)).toBeVisible();
      await expect(main.getByText(applicant.organisation, { exact: false })).toBeVisible();
      const banner = page.getByRole("banner");
      await expect(banner.getByRole("link", { name: applicant.name })).toBeVisible();
      await expectAccessible(page);

      await banner.getByRole("button", { name: text.signOut }).click();
      await expect(page).toHaveURL(/\/$/);
      await expect(banner.getByRole("link", { name: text.submit })).toBeVisible();
      await expectAccessible(page);

      // The session is gone on the server too: the account asks to sign in again.
      await page.goto("/account");
      await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/);
    });
  });
}

test("keyboard only: an anonymous visit to the account signs in with Tab and Enter, then comes back", async ({
  page,
}) => {
  const text = TEXT.fr;
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/);
  const email = page.getByRole("main").getByLabel(text.email);
  await expect(email).toBeVisible();
  await expectAccessible(page);

  for (let presses = 0; presses < 40 && !(await email.evaluate((el) => el === document.activeElement)); presses++) {
    await page.keyboard.press("Tab");
  }
  await expect(email).toBeFocused();
  await page.keyboard.type("clinician.aphp@demo.aap.example");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("main").getByLabel(text.password)).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: text.account })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Inès Roux" })).toBeVisible();
  await expectAccessible(page);
});
