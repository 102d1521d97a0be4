import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { startI18n, type AppLanguage } from "../../i18n";
import { formatMoney } from "../../i18n/format";
import { CANDIDACY_ID, callsOf, consortiumFixture, fakeConsortiumApi, loadSections, renderSection } from "./testing";
import type { ConsortiumCandidacy } from "./types";

let BudgetSection: Awaited<ReturnType<typeof loadSections>>["BudgetSection"];
beforeAll(async () => {
  ({ BudgetSection } = await loadSections());
});

const euros = (cents: number) => ({ cents, currency: "EUR" });
const text = (written: string) => new RegExp(written.replace(/ /g, "\\s"));

/** The fixture with Charité having declined, its line still stored and counted by the server. */
function withCharitéDeclined(): ConsortiumCandidacy {
  const fixture = consortiumFixture();
  return {
    ...fixture,
    partners: (fixture.partners ?? []).map((partner) =>
      partner.id === "partner-charite" ? { ...partner, status: "DECLINED", respondedAt: "2026-11-05T10:00:00Z" } : partner,
    ),
    budget: [
      ...(fixture.budget ?? []),
      { category: "EQUIPMENT", label: "Séquenceur", amount: euros(500_001), organisation: { id: "org-charite" } },
    ],
    budgetTotal: euros(25_500_051), // as the server counts: every stored line
  };
}

const WORDS: Record<AppLanguage, { region: string; notice: RegExp; save: string; add: string }> = {
  fr: {
    region: "Budget de Charité",
    notice: /^Charité a décliné l’invitation\. Ses lignes sont conservées telles quelles et ne peuvent pas être modifiées/,
    save: "Enregistrer le budget",
    add: "Ajouter une ligne pour Charité",
  },
  en: {
    region: "Budget of Charité",
    notice: /^Charité declined the invitation\. Its lines are kept as they are and cannot be changed/,
    save: "Save the budget",
    add: "Add a line for Charité",
  },
  de: {
    region: "Budget von Charité",
    notice: /^Charité hat die Einladung abgelehnt\. Ihre Zeilen bleiben unverändert erhalten und können nicht bearbeitet werden/,
    save: "Budget speichern",
    add: "Eine Zeile für Charité hinzufügen",
  },
};

describe("the budget of an organisation that declined its invitation", () => {
  it.each(["fr", "en", "de"] as const)(
    "in %s, is shown with a notice, read-only, counted in the totals and sent back unchanged",
    async (language) => {
      const words = WORDS[language];
      const calls = fakeConsortiumApi(withCharitéDeclined());
      await renderSection(<BudgetSection candidacyId={CANDIDACY_ID} editable />, language);

      const region = await screen.findByRole("region", { name: words.region });
      expect(screen.getByText(words.notice)).toBeTruthy();
      expect(within(region).getByRole("row", { name: /Séquenceur/ }).textContent).toContain(
        formatMoney(500_001, "EUR", language),
      );
      expect(within(region).queryByRole("textbox")).toBeNull();
      expect(within(region).queryByRole("combobox")).toBeNull();
      expect(within(region).queryByRole("button")).toBeNull();
      expect(screen.queryByRole("button", { name: words.add })).toBeNull();
      // The editor's grand total is the server's: every stored line, the declined one's included.
      expect(screen.getByTestId("budget-grand-total").textContent).toBe(formatMoney(25_500_051, "EUR", language));

      fireEvent.click(screen.getByRole("button", { name: words.save }));

      await waitFor(() => expect(callsOf(calls, "SetCandidacyBudget")).toHaveLength(1));
      expect(callsOf(calls, "SetCandidacyBudget")[0]?.variables.lines).toEqual([
        { organisationId: "org-aphp", category: "STAFF", label: "Ingénieur", amountCents: 12_000_050 },
        { organisationId: "org-aphp", category: "EQUIPMENT", label: "", amountCents: 3_000_000 },
        { organisationId: "org-mistral", category: "STAFF", label: "", amountCents: 10_000_000 },
        { organisationId: "org-charite", category: "EQUIPMENT", label: "Séquenceur", amountCents: 500_001 },
      ]);
    },
  );

  it("is shown with its notice to readers who do not edit", async () => {
    fakeConsortiumApi(withCharitéDeclined());
    await renderSection(<BudgetSection candidacyId={CANDIDACY_ID} editable={false} />);

    const region = await screen.findByRole("region", { name: "Budget de Charité" });

    expect(screen.getByText(WORDS.fr.notice)).toBeTruthy();
    expect(within(region).getByRole("row", { name: /Séquenceur/ }).textContent).toMatch(text("5 000,01 €"));
  });

  it("keeps its lines exact when the reader changes language before saving", async () => {
    const calls = fakeConsortiumApi(withCharitéDeclined());
    await renderSection(<BudgetSection candidacyId={CANDIDACY_ID} editable />, "fr");
    await screen.findByRole("region", { name: "Budget de Charité" });
    await act(() => startI18n("en")); // the amounts were written "5 000,01", the French way

    fireEvent.click(await screen.findByRole("button", { name: "Save the budget" }));

    await waitFor(() => expect(callsOf(calls, "SetCandidacyBudget")).toHaveLength(1));
    const lines = callsOf(calls, "SetCandidacyBudget")[0]?.variables.lines as Array<{ amountCents: number }>;
    expect(lines.map((line) => line.amountCents)).toEqual([12_000_050, 3_000_000, 10_000_000, 500_001]);
  });
});
