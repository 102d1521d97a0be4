import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { watchRawKeys } from "../../test/rawKeys";
import consortium from "./i18n/fr.json";
import { LANGUAGES, type AppLanguage } from "../../i18n";
import {
  ACTION_ERRORS,
  CANDIDACY_ID,
  callsOf,
  consortiumFixture,
  failure,
  fakeConsortiumApi,
  invalidInput,
  loadSections,
  renderSection,
} from "./testing";

let BudgetSection: Awaited<ReturnType<typeof loadSections>>["BudgetSection"];
beforeAll(async () => {
  ({ BudgetSection } = await loadSections());
});
const section = (editable = true) => <BudgetSection candidacyId={CANDIDACY_ID} editable={editable} />;

const change = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });
/** Spaces of any width (Intl groups French thousands with narrow no-break spaces). */
const text = (written: string) => new RegExp(written.replace(/ /g, "\\s"));
const grandTotal = () => screen.getByTestId("budget-grand-total").textContent ?? "";
const totalsRow = (category: string) =>
  within(screen.getByRole("region", { name: "Totaux par catégorie" })).getByRole("row", { name: new RegExp(category) });
const save = () => fireEvent.click(screen.getByRole("button", { name: "Enregistrer le budget" }));
const alerts = () => screen.queryAllByRole("alert").map((alert) => alert.textContent);

/** An empty budget, a line added for Mistral AI with `amount` typed, then saved. */
async function saveOneLine(amount: string, language: AppLanguage, labels: { add: string; amount: string; save: string }) {
  const calls = fakeConsortiumApi(consortiumFixture({ budget: [], budgetTotal: { cents: 0, currency: "EUR" } }));
  await renderSection(section(), language);
  fireEvent.click(await screen.findByRole("button", { name: labels.add }));
  change(screen.getByLabelText(labels.amount), amount);
  fireEvent.click(screen.getByRole("button", { name: labels.save }));
  await waitFor(() => expect(callsOf(calls, "SetCandidacyBudget")).toHaveLength(1));
  return callsOf(calls, "SetCandidacyBudget")[0]?.variables;
}

describe("the budget section", () => {
  it("shows the lines, subtotals, totals per category, grand total and cap, read-only", async () => {
    fakeConsortiumApi();
    await renderSection(section(false));
    expect(await screen.findByRole("region", { name: "Budget de AP-HP" })).toBeTruthy();
    expect(document.getElementById("budget")?.firstElementChild?.tagName).toBe("H2");
    const aphp = screen.getByRole("region", { name: "Budget de AP-HP" });
    expect(within(aphp).getByRole("row", { name: /Personnel/ }).textContent).toMatch(text("Ingénieur120 000,50 €"));
    expect(within(aphp).getByRole("row", { name: /Sous-total/ }).textContent).toMatch(text("150 000,50 €"));
    expect(screen.getByText(text("Les lignes de AP-HP totalisent 150 000,50 €, sa part demandée est de 150 000 €"))).toBeTruthy();
    const mistral = screen.getByRole("region", { name: "Budget de Mistral AI" });
    expect(within(mistral).getByRole("row", { name: /Sous-total/ }).textContent).toMatch(text("100 000 €"));
    expect(screen.queryByText(/Les lignes de Mistral AI/)).toBeNull(); // equal to its share
    expect(within(screen.getByRole("region", { name: "Budget de Charité" })).getByText("Aucune ligne.")).toBeTruthy();
    expect(totalsRow("Personnel").textContent).toMatch(text("220 000,50 €"));
    expect(totalsRow("Équipement").textContent).toMatch(text("30 000 €"));
    expect(grandTotal()).toMatch(text("250 000,50 €"));
    expect(screen.getByText(text("Plafond par candidature : 300 000 €."))).toBeTruthy();
    expect(screen.queryByText(/dépasse le plafond/)).toBeNull();
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.queryByRole("textbox")).toBeNull();
  });

  it("edits the lines, updates the totals as they are typed and saves them in exact cents", async () => {
    const calls = fakeConsortiumApi();
    await renderSection(section());
    change(await screen.findByLabelText("Montant en euros, ligne 2 de AP-HP"), "30 000,01");
    fireEvent.click(screen.getByRole("button", { name: "Supprimer la ligne 1 de AP-HP" }));
    fireEvent.click(screen.getByRole("button", { name: "Ajouter une ligne pour Charité" }));
    change(screen.getByLabelText("Catégorie, ligne 1 de Charité"), "INDIRECT_COSTS");
    change(screen.getByLabelText("Libellé, ligne 1 de Charité"), " Frais de gestion ");
    change(screen.getByLabelText("Montant en euros, ligne 1 de Charité"), "0,10");
    expect(grandTotal()).toMatch(text("130 000,11 €"));
    expect(totalsRow("Coûts indirects").textContent).toMatch(text("0,10 €"));
    save();
    expect(await screen.findByText("Budget enregistré.")).toBeTruthy();
    expect(callsOf(calls, "SetCandidacyBudget")[0]?.variables).toEqual({
      id: CANDIDACY_ID,
      expectedBudgetToken: "token-1",
      lines: [
        { organisationId: "org-aphp", category: "EQUIPMENT", label: "", amountCents: 3000001 },
        { organisationId: "org-mistral", category: "STAFF", label: "", amountCents: 10000000 },
        { organisationId: "org-charite", category: "INDIRECT_COSTS", label: "Frais de gestion", amountCents: 10 },
      ],
    });
  });

  it.each([
    ["fr", "1 234,56", { add: "Ajouter une ligne pour Mistral AI", amount: "Montant en euros, ligne 1 de Mistral AI", save: "Enregistrer le budget" }],
    ["en", "1,234.56", { add: "Add a line for Mistral AI", amount: "Amount in euros, line 1 of Mistral AI", save: "Save the budget" }],
    ["de", "1.234,56", { add: "Eine Zeile für Mistral AI hinzufügen", amount: "Betrag in Euro, Zeile 1 von Mistral AI", save: "Budget speichern" }],
  ] as const)("reads amounts as %s readers write them (%s)", async (language, amount, labels) => {
    const variables = await saveOneLine(amount, language, labels);
    expect(variables?.lines).toEqual([{ organisationId: "org-mistral", category: "STAFF", label: "", amountCents: 123456 }]);
  });

  it("flags an amount it cannot read in its cell and sends nothing", async () => {
    const calls = fakeConsortiumApi();
    await renderSection(section());
    const amount = await screen.findByLabelText("Montant en euros, ligne 1 de Mistral AI");
    change(amount, "1,234.56"); // English, in French
    save();
    expect(await screen.findByText(/Montant illisible/)).toBeTruthy();
    expect(amount.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(amount.getAttribute("aria-describedby") ?? "")?.textContent).toMatch(/Montant illisible/);
    expect(alerts()).toContain("Corrigez les montants signalés avant d’enregistrer.");
    expect(callsOf(calls, "SetCandidacyBudget")).toHaveLength(0);
  });

  it("flags a total over the call's cap", async () => {
    fakeConsortiumApi();
    await renderSection(section());
    change(await screen.findByLabelText("Montant en euros, ligne 1 de Mistral AI"), "200 000");
    expect(grandTotal()).toMatch(text("350 000,50 €"));
    expect(screen.getByText(text("Le total dépasse le plafond de 50 000,50 €."))).toBeTruthy();
  });

  it("says when the call sets no cap", async () => {
    fakeConsortiumApi(consortiumFixture({ call: { id: "Q2FsbDox", timeline: { timezone: "Europe/Paris" }, capPerCandidacy: null } }));
    await renderSection(section(false));
    expect(await screen.findByText("Cet appel ne fixe pas de plafond par candidature.")).toBeTruthy();
  });

  it("shows each problem of the API on the cell of the line it names", async () => {
    fakeConsortiumApi(consortiumFixture(), {
      setCandidacyBudget: invalidInput(
        ["lines[2].amountCents", "INVALID"],
        ["lines[0].label", "INVALID"],
        ["lines[1].organisationId", "NOT_PARTNER"],
        ["lines", "TOO_LARGE"],
      ),
    });
    await renderSection(section());
    await screen.findByLabelText("Montant en euros, ligne 1 de Mistral AI");
    save();
    expect(await screen.findByText("Le montant doit être supérieur à zéro.")).toBeTruthy();
    // lines[2] is the third line sent: Mistral AI's first.
    const amount = screen.getByLabelText("Montant en euros, ligne 1 de Mistral AI");
    expect(amount.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(amount.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
      "Le montant doit être supérieur à zéro.",
    );
    expect(screen.getByLabelText("Montant en euros, ligne 1 de AP-HP").getAttribute("aria-invalid")).toBeNull();
    expect(screen.getByLabelText("Libellé, ligne 1 de AP-HP").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("300 caractères au plus.")).toBeTruthy();
    expect(screen.getByLabelText("Catégorie, ligne 2 de AP-HP").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Cette organisation n’est plus dans le consortium.")).toBeTruthy();
    expect(screen.getByText("Ce montant est trop grand.")).toBeTruthy();
    expect(alerts()).toContain("Vérifiez les valeurs signalées.");
  });

  it.each(ACTION_ERRORS)("announces %s when saving", async (typename, fields, expected) => {
    fakeConsortiumApi(consortiumFixture(), { setCandidacyBudget: failure(typename, fields) });
    await renderSection(section());
    await screen.findByLabelText("Montant en euros, ligne 1 de Mistral AI");
    save();
    await waitFor(() => expect(alerts().some((alert) => expected.test(alert ?? ""))).toBe(true));
  });
});

describe("the budget section's texts", () => {
  const expectNoRawKey = watchRawKeys(consortium);

  it.each(LANGUAGES)("in %s, show no raw key", async (language) => {
    fakeConsortiumApi();
    await renderSection(section(), language);
    await screen.findAllByRole("combobox");
    expectNoRawKey();
  });
});
