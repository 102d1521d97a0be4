import type { Page } from "@playwright/test";
import { expect, expectAccessible, LANGUAGES, test, type Language } from "./support/fixtures";
import { linkFromOutbox } from "./support/outbox";

const TEXT: Record<
  Language,
  {
    createAccount: string;
    title: string;
    fullName: string;
    email: string;
    password: RegExp;
    submit: string;
    sent: string;
  }
> = {
  fr: {
    createAccount: "Créer un compte",
    title: "Créer un compte",
    fullName: "Nom complet",
    email: "Adresse électronique",
    password: /^Mot de passe/,
    submit: "Créer mon compte",
    sent: "Consultez votre messagerie",
  },
  en: {
    createAccount: "Create an account",
    title: "Create an account",
    fullName: "Full name",
    email: "Email address",
    password: /^Password/,
    submit: "Create my account",
    sent: "Check your mailbox",
  },
  de: {
    createAccount: "Konto erstellen",
    title: "Konto erstellen",
    fullName: "Vollständiger Name",
    email: "E-Mail-Adresse",
    password: /^Passwort/,
    submit: "Mein Konto erstellen",
    sent: "Sehen Sie in Ihr Postfach",
  },
};

async function signIn(page: Page, email: string, password: string) {
  const main = page.getByRole("main");
  await main.getByLabel("Adresse électronique").fill(email);
  await main.getByLabel("Mot de passe", { exact: true }).fill(password);
  await main.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(main.getByText(email)).toBeVisible();
  await expectAccessible(page);
}

test.describe("sign up (fr)", () => {
  test.use({ language: "fr" });

  test("sign up, confirm from the mail, sign in; forget the password, reset it from the mail, sign in", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const text = TEXT.fr;
    const email = `new.applicant.${Date.now()}@example.org`;
    const password = "first-password-2026";
    const newPassword = "second-password-2026";
    const main = page.getByRole("main");

    await page.goto("/sign-in");
    await main.getByRole("link", { name: text.createAccount }).click();
    await expect(page).toHaveURL(/\/sign-up$/);
    await expect(page.getByRole("heading", { level: 1, name: text.title })).toBeVisible();
    await expectAccessible(page);

    // A short password: refused by the API, shown under its field (the browser's own check off).
    await main.locator("form").evaluate((form) => form.setAttribute("novalidate", ""));
    await main.getByLabel(text.fullName).fill("Camille Martin");
    await main.getByLabel(text.email).fill(email);
    await main.getByLabel(text.password).fill("short");
    await main.getByRole("button", { name: text.submit }).click();
    await expect(page.getByRole("alert").first()).toBeVisible();
    await expect(main.getByText("Choisissez un mot de passe d’au moins 12 caractères.")).toBeVisible();
    await expectAccessible(page);

    const asked = Date.now() - 1000;
    await main.getByLabel(text.password).fill(password);
    await main.getByRole("button", { name: text.submit }).click();
    await expect(main.getByRole("heading", { level: 2, name: text.sent })).toBeVisible();
    await expectAccessible(page);

    const confirmLink = await linkFromOutbox(email, "/confirm-email", asked);
    await page.goto(confirmLink);
    await expect(main.getByText("Votre compte est créé. Vous pouvez maintenant vous connecter.")).toBeVisible();
    await expect(page).toHaveURL(/\/confirm-email$/); // the code left the address bar
    await expectAccessible(page);

    await main.getByRole("link", { name: "Se connecter" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await signIn(page, email, password);
    await page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }).click();
    await expect(page).toHaveURL(/\/$/);

    // Forgotten password.
    await page.goto("/sign-in");
    await main.getByRole("link", { name: "Mot de passe oublié ?" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await expectAccessible(page);
    const resetAsked = Date.now() - 1000;
    await main.getByLabel("Adresse électronique").fill(email);
    await main.getByRole("button", { name: "Envoyer le lien" }).click();
    await expect(main.getByText(`Si un compte existe pour ${email}`, { exact: false })).toBeVisible();
    await expectAccessible(page);

    const resetLink = await linkFromOutbox(email, "/reset-password", resetAsked);
    await page.goto(resetLink);
    await expect(page).toHaveURL(/\/reset-password$/);
    await main.getByLabel(/^Nouveau mot de passe/).first().fill(newPassword);
    await main.getByLabel("Nouveau mot de passe (confirmation)").fill("not-the-same-password");
    await main.getByRole("button", { name: "Changer mon mot de passe" }).click();
    await expect(main.getByText("Les deux mots de passe diffèrent.")).toBeVisible();
    await expectAccessible(page);
    await main.getByLabel("Nouveau mot de passe (confirmation)").fill(newPassword);
    await main.getByRole("button", { name: "Changer mon mot de passe" }).click();
    await expect(main.getByText(/^Votre mot de passe est changé/)).toBeVisible();
    await expectAccessible(page);

    await main.getByRole("link", { name: "Se connecter" }).click();
    await signIn(page, email, newPassword);
  });
});

for (const language of LANGUAGES) {
  test.describe(`sign-up page (${language})`, () => {
    test.use({ language });

    test("renders its labelled form with no accessibility violation", async ({ page }) => {
      const text = TEXT[language];
      await page.goto("/sign-up");
      const main = page.getByRole("main");
      await expect(page.getByRole("heading", { level: 1, name: text.title })).toBeVisible();
      await expect(main.getByLabel(text.fullName)).toHaveAttribute("autocomplete", "name");
      await expect(main.getByLabel(text.password)).toHaveAttribute("autocomplete", "new-password");
      await expectAccessible(page);
    });
  });
}

test("the sign-up page fits a 320 px wide screen, with no accessibility violation", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { level: 1, name: TEXT.fr.title })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});
