import type { Page } from "@playwright/test";
import { signUpAndSignIn } from "./support/accounts";
import { expect, expectAccessible, test } from "./support/fixtures";

/** AP-HP's public identifiers (as in the demo): a valid SIRET and FINESS. */
const SIRET = "26750045200011";
const FINESS = "750712184";

/** Fills and sends the form the page shows for a French health establishment. */
async function registerOrganisation(page: Page, name: string, siret = SIRET) {
  const main = page.getByRole("main");
  await main.getByLabel("Nom de l’organisation").fill(name);
  await main.getByLabel("Type d’organisation").selectOption("HEALTH_ESTABLISHMENT");
  await main.getByLabel("Pays").selectOption("FR");
  await main.getByLabel(/^SIRET/).fill(siret);
  await main.getByLabel(/^Numéro FINESS/).fill(FINESS);
  await main.getByRole("button", { name: "Enregistrer l’organisation" }).click();
}

test.describe("the applicant's space (fr)", () => {
  test.use({ language: "fr" });

  test("a new user registers an organisation, applies to the open IMPACT-IA call from its page, and finds the candidacy in their space", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const account = await signUpAndSignIn(page, "Camille Martin");
    const main = page.getByRole("main");
    const nav = main.getByRole("navigation", { name: "Mon espace" });

    await page.goto("/my");
    await expect(page).toHaveURL(/\/my\/candidacies$/);
    await expect(page.getByRole("heading", { level: 1, name: "Mes candidatures" })).toBeVisible();
    await expect(main.getByRole("link", { name: "Voir les appels à projets ouverts" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Mes candidatures" })).toHaveAttribute("aria-current", "page");
    await expectAccessible(page);

    // The open call's page offers to apply; without an organisation, register one first.
    await page.goto("/calls");
    await main.getByRole("link", { name: /AAP Impact IA/ }).first().click();
    await main.getByRole("link", { name: "Déposer une candidature" }).click();
    await expect(page).toHaveURL(/\/my\/candidacies\/new\?call=/);
    await expect(page.getByRole("heading", { level: 1, name: "Déposer une candidature" })).toBeVisible();
    await expectAccessible(page);
    await main.getByRole("link", { name: "Enregistrer mon organisation" }).click();
    await expect(page).toHaveURL(/\/my\/organisations\/new\?next=/);
    await expectAccessible(page);

    // A wrong SIRET is refused next to its field.
    await registerOrganisation(page, "CH Camille", "26750045200012");
    await expect(main.getByText("Ce SIRET n’est pas valide : vérifiez les 14 chiffres.")).toBeVisible();
    await expect(main.getByLabel(/^SIRET/)).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await main.getByLabel(/^SIRET/).fill(SIRET);
    await main.getByRole("button", { name: "Enregistrer l’organisation" }).click();

    // Back to the candidacy form, the new organisation chosen.
    await expect(page).toHaveURL(/\/my\/candidacies\/new\?call=/);
    await expect(main.getByLabel(/^Organisation porteuse/)).toContainText("CH Camille");
    await main.getByLabel(/^Titre du projet/).fill("Triage des urgences assisté par IA");
    await main.getByLabel(/^Acronyme/).fill("TRIAGE-IA");
    await main.getByRole("button", { name: "Créer la candidature" }).click();
    await expect(page).toHaveURL(/^https?:\/\/[^/]+\/candidacies\/[^/?]+$/); // the editor's path
    const candidacyPath = new URL(page.url()).pathname;

    await page.goto("/my/candidacies");
    const card = main.getByRole("link", { name: "TRIAGE-IA — Triage des urgences assisté par IA" });
    await expect(card).toHaveAttribute("href", candidacyPath);
    await expect(main.getByText("Brouillon")).toBeVisible();
    await expect(main.getByText(/Porteur : CH Camille/)).toBeVisible();
    await expectAccessible(page);

    // The organisation, with its first member (the user, admin), and adding an unknown address.
    await nav.getByRole("link", { name: "Mes organisations" }).click();
    await expect(nav.getByRole("link", { name: "Mes organisations" })).toHaveAttribute("aria-current", "page");
    await expectAccessible(page);
    await main.getByRole("link", { name: "CH Camille" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "CH Camille" })).toBeVisible();
    await expect(main.getByText(`Camille Martin (${account.email}) : Administrateur`, { exact: false })).toBeVisible();
    await main.getByLabel(/^Adresse électronique/).fill("nobody.here@example.org");
    await main.getByRole("button", { name: "Ajouter", exact: true }).click();
    await expect(main.getByText(/^Aucun compte n’utilise cette adresse/)).toBeVisible();
    await expectAccessible(page);

    // Invitations: none yet; a mailed code that is not one is refused.
    await page.goto("/my/invitations");
    await expect(main.getByText("Aucune invitation en attente pour vos organisations.")).toBeVisible();
    await expectAccessible(page);
    await main.getByRole("link", { name: "Répondre avec le code" }).click();
    await main.getByLabel(/^Code d’invitation/).fill("not-a-code");
    await main.getByRole("button", { name: "Accepter" }).click();
    await main.getByRole("button", { name: "Oui, accepter" }).click();
    await expect(main.getByText(/^Ce code est inconnu/)).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe("the applicant's space (en)", () => {
  test.use({ language: "en" });

  test("lists the organisations and registers one abroad", async ({ page }) => {
    await signUpAndSignIn(page, "Jamie Smith");
    const main = page.getByRole("main");
    await page.goto("/my/organisations");
    await expect(page.getByRole("heading", { level: 1, name: "My organisations" })).toBeVisible();
    await expect(main.getByText("You are not a member of any organisation.")).toBeVisible();
    await expectAccessible(page);
    await main.getByRole("link", { name: "Register an organisation" }).click();
    await main.getByLabel("Name of the organisation").fill("Northern Health Trust");
    await main.getByLabel("Kind of organisation").selectOption("PUBLIC_BODY");
    await main.getByLabel("Country").selectOption("IE");
    await expect(main.getByLabel(/^SIRET/)).toHaveCount(0);
    await main.getByLabel(/^Registration number/).fill("IE 123456");
    await main.getByRole("button", { name: "Register the organisation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Northern Health Trust" })).toBeVisible();
    await expect(main.getByText("IE 123456")).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe("the applicant's space (de)", () => {
  test.use({ language: "de" });

  test("shows the invitations page and its navigation", async ({ page }) => {
    await signUpAndSignIn(page, "Jonas Weber");
    const main = page.getByRole("main");
    await page.goto("/my/invitations");
    await expect(page.getByRole("heading", { level: 1, name: "Einladungen" })).toBeVisible();
    await expect(main.getByRole("navigation", { name: "Mein Bereich" }).getByRole("link", { name: "Einladungen" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expectAccessible(page);
    await page.goto("/my/candidacies");
    await expect(page.getByRole("heading", { level: 1, name: "Meine Anträge" })).toBeVisible();
    await expectAccessible(page);
  });
});

test("the applicant's space fits a 320 px wide screen", async ({ page }) => {
  await signUpAndSignIn(page, "Lou Bernard");
  await page.setViewportSize({ width: 320, height: 640 });
  const main = page.getByRole("main");
  await page.goto("/my/organisations/new");
  await registerOrganisation(page, "Centre hospitalier de petite largeur");
  await expect(page.getByRole("heading", { level: 1, name: "Centre hospitalier de petite largeur" })).toBeVisible();
  for (const path of ["/my/candidacies", "/my/organisations", "/my/invitations"]) {
    await page.goto(path);
    await expect(main.getByRole("navigation", { name: "Mon espace" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  }
});

test("anonymous visitors are sent to sign in, then back", async ({ page }) => {
  await page.goto("/my/organisations");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fmy%2Forganisations$/);
});
