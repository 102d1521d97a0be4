import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./support/fixtures";

const PASSWORD = "demo-password-2026";

/** Signs in through the form, then lands on `next`. */
async function signIn(page: Page, email: string, next: string, labels: { email: string; password: string; submit: string }) {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  const main = page.getByRole("main");
  await main.getByLabel(labels.email).fill(email);
  await main.getByLabel(labels.password, { exact: true }).fill(PASSWORD);
  await main.getByRole("button", { name: labels.submit }).click();
  await expect(page).toHaveURL(new RegExp(`${next}$`));
}

const FR_SIGN_IN = { email: "Adresse électronique", password: "Mot de passe", submit: "Se connecter" };
const EN_SIGN_IN = { email: "Email address", password: "Password", submit: "Sign in" };

test.describe("a programme manager runs a call (fr)", () => {
  test("creates a call from a template, translates it, publishes it; the public list shows it", async ({ page }) => {
    test.setTimeout(180_000); // a long path: a dozen pages, each checked with axe
    // A reference of its own: specs share one server and may run in any order.
    const reference = `E2E-CALLS-${Date.now().toString(36).toUpperCase()}`;
    const title = `Appel de bout en bout ${reference}`;
    await signIn(page, "manager@demo.aap.example", "/manage/calls", FR_SIGN_IN);
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1, name: "Appels gérés" })).toBeVisible();
    await expect(main.getByRole("table")).toBeVisible();
    await expectAccessible(page);

    await main.getByRole("link", { name: "Créer un appel" }).click();
    await expect(main.getByRole("heading", { level: 1, name: "Créer un appel" })).toBeVisible();
    await main.getByLabel("Modèle").selectOption({ label: "AAP Impact IA : étude d'impact (DGOS)" });
    await main.getByRole("button", { name: "Partir de ce modèle" }).click();
    await expect(main.getByText(/Modèle appliqué/)).toBeVisible();
    await main.getByLabel("Référence").fill(reference);
    await main.getByRole("group", { name: "Titre", exact: true }).getByLabel("Français").fill(title);
    await expectAccessible(page);

    // Keyboard-friendly form builder: a question added, moved up, then removed.
    await main.getByRole("button", { name: "Ajouter une question" }).click();
    await expect(main.getByRole("heading", { name: "Question 6" })).toBeVisible();
    await expect(main.getByLabel("Clé de la question").last()).toBeFocused();
    await main.getByRole("button", { name: "Monter : Question 6" }).click();
    await expect(main.getByText("Déplacement : Question, de la position 6 à la position 5.")).toBeVisible();
    await main.getByRole("button", { name: "Retirer : Question 5" }).click();
    await expect(main.getByRole("heading", { name: "Question 6" })).toHaveCount(0);

    await main.getByRole("button", { name: "Créer l'appel (brouillon)" }).click();
    await expect(page).toHaveURL(/\/manage\/calls\/[^/]+$/);
    await expect(main.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(main.getByRole("navigation", { name: "Sections de l'appel" }).getByRole("link", { name: "Général" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expectAccessible(page);

    await main.getByRole("link", { name: "Traductions" }).click();
    await expect(main.getByText("Traductions manquantes : Anglais, Allemand.")).toBeVisible();
    await expectAccessible(page);
    const form = main.getByRole("form", { name: "Traductions" });
    await form.getByRole("group", { name: "Titre", exact: true }).getByLabel("Anglais").fill(`End-to-end call ${reference}`);
    await form.getByRole("group", { name: "Titre", exact: true }).getByLabel("Allemand").fill(`End-to-End-Aufruf ${reference}`);
    await form.getByRole("group", { name: "Description (Markdown)" }).getByLabel("Anglais").fill("An impact study call.");
    await form.getByRole("group", { name: "Description (Markdown)" }).getByLabel("Allemand").fill("Ein Aufruf für Wirkungsstudien.");
    await form.getByRole("button", { name: "Enregistrer" }).click();
    await expect(main.getByText("Modifications enregistrées.")).toBeVisible();
    await expect(main.getByText("Le titre et la description existent dans les trois langues.")).toBeVisible();

    await main.getByRole("link", { name: "Publication et statut" }).click();
    await expectAccessible(page);
    await main.getByRole("button", { name: "Publier l'appel" }).click();
    await expect(main.getByText(/Publier l'appel \? Il deviendra public/)).toBeVisible();
    await expectAccessible(page);
    await main.getByRole("button", { name: "Oui, publier" }).click();
    await expect(main.getByText("L'appel est maintenant : Publié, à venir.")).toBeVisible();

    // Every editor of the manager's own call passes axe; the published call's deadline moves.
    for (const section of ["Formulaire", "Grille d'évaluation", "Éligibilité", "Cofinanceurs"]) {
      await main.getByRole("navigation", { name: "Sections de l'appel" }).getByRole("link", { name: section }).click();
      await expect(main.getByRole("heading", { level: 2, name: section })).toBeVisible();
      await expectAccessible(page);
    }
    await main.getByRole("link", { name: "Prolongation" }).click();
    const deadline = main.getByLabel(/^Nouvelle date limite/);
    const current = await deadline.inputValue();
    // A week later (the review deadline, 56 days after, stays ahead).
    const weekLater = new Date(Date.parse(`${current.slice(0, 16)}:00Z`) + 7 * 86_400_000).toISOString().slice(0, 16);
    await deadline.fill(weekLater);
    await main.getByLabel(/^Motif de la prolongation/).fill("Report demandé par les établissements");
    await main.getByRole("button", { name: "Prolonger" }).click();
    await expect(main.getByText("Date limite prolongée.")).toBeVisible();
    await expectAccessible(page);

    await page.goto("/calls");
    await expect(page.getByRole("main").getByRole("link", { name: new RegExp(title) })).toBeVisible();
  });

  test("the list and the form builder at 320 px wide", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    const fitsTheWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await signIn(page, "manager@demo.aap.example", "/manage/calls", FR_SIGN_IN);
    await expect(page.getByRole("main").getByRole("table")).toBeVisible();
    expect(await fitsTheWidth()).toBe(true);
    await expectAccessible(page);

    await page.goto("/manage/calls/new");
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "Partir de ce modèle" }).click();
    await expect(main.getByRole("heading", { name: "Question 1" })).toBeVisible();
    expect(await fitsTheWidth()).toBe(true);
  });
});

test.describe("a funder viewer reads a call (en)", () => {
  test.use({ language: "en" });

  test("sees every section read-only, and why", async ({ page }) => {
    test.setTimeout(90_000);
    await signIn(page, "viewer@demo.aap.example", "/manage/calls", EN_SIGN_IN);
    const main = page.getByRole("main");
    await expect(main.getByText("You are reading your funder's calls: you cannot change them.")).toBeVisible();
    await expect(main.getByRole("link", { name: "Create a call" })).toHaveCount(0);
    await expectAccessible(page);

    await main.getByRole("table").getByRole("row").nth(1).getByRole("link").first().click();
    await expect(main.getByText(/Read only: you are a funder viewer/)).toBeVisible();
    for (const section of ["General", "Translations", "Form", "Evaluation grid", "Eligibility", "Co-funders", "Publication and status", "Extension"]) {
      await main.getByRole("navigation", { name: "Sections of the call" }).getByRole("link", { name: section }).click();
      await expect(main.getByRole("heading", { level: 2, name: section })).toBeVisible();
      await expect(main.locator("form")).toHaveCount(0);
      await expectAccessible(page);
    }
  });
});
