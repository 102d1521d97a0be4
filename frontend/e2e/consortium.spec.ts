import { graphql, signInThroughApi } from "./support/api";
import { createDraftCandidacy } from "./support/consortium";
import { expect, expectAccessible, test } from "./support/fixtures";

const LEAD = "Assistance Publique – Hôpitaux de Paris (AP-HP)";
const PARTNER = "Mistral AI";

test.describe("the consortium and budget of a draft candidacy (fr)", () => {
  test("invite a partner found by search, then budget both and read the totals", async ({ page }) => {
    test.setTimeout(90_000); // one long path (two screens, five axe runs) on a shared, busy machine
    await page.goto("/");
    await signInThroughApi(page.request, "applicant.aphp@demo.aap.example");
    const id = await createDraftCandidacy(page, {
      callReference: "IMPACT-IA",
      organisationName: LEAD,
      title: `Consortium e2e ${Date.now()}`,
    });

    await page.goto(`/candidacies/${id}/partners`);
    const partners = page.locator("#partners");
    await expect(partners.getByRole("heading", { level: 2, name: "Consortium" })).toBeVisible();
    await expect(partners.getByRole("row", { name: new RegExp(LEAD.replace(/[()]/g, "\\$&")) })).toBeVisible();
    await expectAccessible(page);

    // The search works with the keyboard: type, Enter, the count is announced, Space picks.
    await partners.getByRole("searchbox", { name: /^Rechercher une organisation/ }).fill("Mistral");
    await page.keyboard.press("Enter");
    await expect(partners.getByRole("status").filter({ hasText: "1 organisation trouvée." })).toBeVisible();
    await partners.getByRole("radio", { name: PARTNER }).focus();
    await page.keyboard.press("Space");
    await expect(partners.getByRole("radio", { name: PARTNER })).toBeChecked();
    const inviteForm = partners.getByRole("form", { name: "Inviter l’organisation" });
    await inviteForm.getByLabel(/^Part demandée/).fill("100 000");
    await inviteForm.getByRole("button", { name: "Inviter l’organisation" }).click();
    await expect(partners.getByText(`${PARTNER} est invitée`)).toBeVisible();
    const invited = partners.getByRole("row", { name: new RegExp(PARTNER) });
    await expect(invited).toContainText("Invitation en attente");
    await expect(invited).toContainText("Partenaire");
    await expectAccessible(page);

    await page.goto(`/candidacies/${id}/budget`);
    const budget = page.locator("#budget");
    await expect(budget.getByRole("heading", { level: 2, name: "Budget" })).toBeVisible();
    await budget.getByRole("button", { name: `Ajouter une ligne pour ${LEAD}` }).click();
    await budget.getByLabel(`Montant en euros, ligne 1 de ${LEAD}`).fill("150 000,50");
    await budget.getByRole("button", { name: `Ajouter une ligne pour ${PARTNER}` }).click();
    await budget.getByLabel(`Catégorie, ligne 1 de ${PARTNER}`).selectOption({ label: "Équipement" });
    // An amount written the English way is refused in French, in its cell, before any request.
    await budget.getByLabel(`Montant en euros, ligne 1 de ${PARTNER}`).fill("100,000.00");
    await budget.getByRole("button", { name: "Enregistrer le budget" }).click();
    await expect(budget.getByRole("alert")).toHaveText("Corrigez les montants signalés avant d’enregistrer.");
    await expect(budget.getByLabel(`Montant en euros, ligne 1 de ${PARTNER}`)).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await budget.getByLabel(`Montant en euros, ligne 1 de ${PARTNER}`).fill("100000");
    // Narrow no-break spaces group the thousands in French.
    const euros = (text: string) => new RegExp(text.replace(/ /g, "\\s"));
    await expect(budget.getByTestId("budget-grand-total")).toHaveText(euros("250 000,50 €"));
    const totals = budget.getByRole("region", { name: "Totaux par catégorie" });
    await expect(totals.getByRole("row", { name: /Équipement/ })).toContainText(euros("100 000 €"));
    await expect(budget.getByText(euros("Plafond par candidature : 300 000 €"))).toBeVisible();
    await budget.getByRole("button", { name: "Enregistrer le budget" }).click();
    await expect(budget.getByText("Budget enregistré.")).toBeVisible();
    await expectAccessible(page);

    // Saved: read again from the server.
    await page.reload();
    await expect(page.locator("#budget").getByTestId("budget-grand-total")).toHaveText(euros("250 000,50 €"));

    // At 320 px the tables scroll inside their own focusable, named region: the page does not.
    await page.setViewportSize({ width: 320, height: 800 });
    const region = page.getByRole("region", { name: `Budget de ${LEAD}` });
    await region.focus();
    await expect(region).toBeFocused();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page);

    await page.goto(`/candidacies/${id}/partners`);
    await page.getByRole("region", { name: "Organisations du consortium" }).focus();
    await expect(page.getByRole("region", { name: "Organisations du consortium" })).toBeFocused();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page);
  });

  test("a budget saved meanwhile by another member is not overwritten: the editor says so and loads it", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto("/");
    await signInThroughApi(page.request, "applicant.aphp@demo.aap.example");
    const id = await createDraftCandidacy(page, {
      callReference: "IMPACT-IA",
      organisationName: LEAD,
      title: `Budget concurrent e2e ${Date.now()}`,
    });
    await page.goto(`/candidacies/${id}/budget`);
    const budget = page.locator("#budget");
    await budget.getByRole("button", { name: `Ajouter une ligne pour ${LEAD}` }).click();
    await budget.getByLabel(`Montant en euros, ligne 1 de ${LEAD}`).fill("1 000");

    // Another member saves the budget meanwhile (an API client sending no token).
    const { candidacy } = await graphql<{ candidacy: { leadOrganisation: { id: string } } }>(
      page.request,
      "query ($id: ID!) { candidacy(id: $id) { leadOrganisation { id } } }",
      { id },
    );
    const saved = await graphql<{ setCandidacyBudget: { __typename: string } }>(
      page.request,
      `mutation ($id: ID!, $lines: [BudgetLineInput!]!) {
        setCandidacyBudget(id: $id, lines: $lines) { __typename }
      }`,
      { id, lines: [{ organisationId: candidacy.leadOrganisation.id, category: "STAFF", label: "Leur ligne", amountCents: 4_200_000 }] },
    );
    expect(saved.setCandidacyBudget.__typename).toBe("CandidacyPayload");

    await budget.getByRole("button", { name: "Enregistrer le budget" }).click();
    await expect(budget.getByRole("alert")).toContainText("Le budget a changé depuis que vous l’avez ouvert");
    await expect(budget.getByRole("alert")).toBeVisible();
    await expect(budget.getByLabel(`Montant en euros, ligne 1 de ${LEAD}`)).toHaveValue("1 000");
    await expectAccessible(page);

    await budget.getByRole("button", { name: /^Charger le budget actuel/ }).click();
    await expect(budget.getByLabel(`Libellé, ligne 1 de ${LEAD}`)).toHaveValue("Leur ligne");
    await expect(budget.getByRole("status").filter({ hasText: "Le budget actuel est chargé." })).toBeVisible();
    await expect(page.locator("#budget-reloaded")).toBeFocused(); // where the button was, gone
    await expect(budget.getByRole("alert")).toHaveCount(0);
    await budget.getByLabel(`Montant en euros, ligne 1 de ${LEAD}`).fill("50 000");
    await budget.getByRole("button", { name: "Enregistrer le budget" }).click();
    await expect(budget.getByText("Budget enregistré.")).toBeVisible();
    await expectAccessible(page);
  });
});
