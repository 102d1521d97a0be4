import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppLanguage } from "../../i18n";
import { CANDIDACY_ID, callsOf, consortiumFixture, failure, fakeConsortiumApi, loadSections, renderSection } from "./testing";
import type { ConsortiumCandidacy } from "./types";

let BudgetSection: Awaited<ReturnType<typeof loadSections>>["BudgetSection"];
beforeAll(async () => {
  ({ BudgetSection } = await loadSections());
});

const MISTRAL_AMOUNT = "Montant en euros, ligne 1 de Mistral AI";
/** A field's value, its spaces of any width as plain spaces (French groups with narrow ones). */
const amountOf = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value.replace(/\s/g, " ");
const change = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const save = () => fireEvent.click(screen.getByRole("button", { name: "Enregistrer le budget" }));
const savedVariables = (calls: ReturnType<typeof fakeConsortiumApi>) =>
  callsOf(calls, "SetCandidacyBudget").map((call) => call.variables);

/** The budget after another lead member saved it: Mistral AI's line is theirs now. */
function savedByAnother(): ConsortiumCandidacy {
  const fixture = consortiumFixture();
  return {
    ...fixture,
    budget: (fixture.budget ?? []).map((line) =>
      line.organisation?.id === "org-mistral" ? { ...line, label: "Leur ligne", amount: { cents: 9_000_000, currency: "EUR" } } : line,
    ),
    budgetToken: "token-2",
  };
}

/** A fake API over a candidacy another member may change (`server.current`). */
function changingServer(mutations: Record<string, unknown> = {}) {
  const server = { current: consortiumFixture() };
  const calls = fakeConsortiumApi(() => server.current, mutations);
  return { server, calls };
}

async function renderEditor(language: AppLanguage = "fr") {
  const rendered = await renderSection(<BudgetSection candidacyId={CANDIDACY_ID} editable />, language);
  await screen.findAllByRole("combobox");
  return rendered;
}

describe("the budget when another member saves it meanwhile", () => {
  it("sends the token of the lines it loaded", async () => {
    const { calls } = changingServer();
    await renderEditor();

    save();

    await waitFor(() => expect(savedVariables(calls)).toHaveLength(1));
    expect(savedVariables(calls)[0]?.expectedBudgetToken).toBe("token-1");
  });

  it("shows the other member's lines when read again with nothing unsaved here", async () => {
    const { server } = changingServer();
    const { queryClient } = await renderEditor();
    expect(amountOf(MISTRAL_AMOUNT)).toBe("100 000");

    server.current = savedByAnother();
    await act(() => queryClient.invalidateQueries());

    await waitFor(() => expect(amountOf(MISTRAL_AMOUNT)).toBe("90 000"));
    expect((screen.getByLabelText("Libellé, ligne 1 de Mistral AI") as HTMLInputElement).value).toBe("Leur ligne");
  });

  it("keeps unsaved lines when read again, and saves them over the token they were edited from", async () => {
    const { server, calls } = changingServer();
    const { queryClient } = await renderEditor();
    change(MISTRAL_AMOUNT, "123");

    // Their save, and the lead raising the call's cap meanwhile: a sign the new read is shown.
    const cap = { cents: 40_000_000, currency: "EUR" };
    server.current = { ...savedByAnother(), call: { id: "Q2FsbDox", timeline: { timezone: "Europe/Paris" }, capPerCandidacy: cap } };
    await act(() => queryClient.invalidateQueries());
    await screen.findByText(/Plafond par candidature : 400\s000\s€/);
    // Said before the save is tried: it would be refused.
    expect(screen.getByText(/^Le budget a changé depuis que vous l’avez ouvert .* sera refusé/)).toBeTruthy();
    expect(screen.getByRole("button", { name: /^Charger le budget actuel/ })).toBeTruthy();
    save();

    await waitFor(() => expect(savedVariables(calls)).toHaveLength(1));
    expect(amountOf(MISTRAL_AMOUNT)).toBe("123");
    expect(savedVariables(calls)[0]?.expectedBudgetToken).toBe("token-1");
  });

  it("after its own save, saves next over the token of what it saved", async () => {
    const saved = { __typename: "CandidacyPayload", candidacy: { id: CANDIDACY_ID, budgetToken: "token-2" } };
    const { server, calls } = changingServer({ setCandidacyBudget: saved });
    await renderEditor();
    change(MISTRAL_AMOUNT, "123");
    const fixture = consortiumFixture();
    server.current = {
      ...fixture,
      budget: (fixture.budget ?? []).map((line) =>
        line.organisation?.id === "org-mistral" ? { ...line, amount: { cents: 12_300, currency: "EUR" } } : line,
      ),
      budgetToken: "token-2",
    };

    save();
    expect(await screen.findByText("Budget enregistré.")).toBeTruthy();
    change(MISTRAL_AMOUNT, "456");
    save();

    await waitFor(() => expect(savedVariables(calls)).toHaveLength(2));
    expect(savedVariables(calls).map((variables) => variables.expectedBudgetToken)).toEqual(["token-1", "token-2"]);
  });

  it("says so on a conflict, keeps the unsaved lines, and loads the current budget only when asked", async () => {
    const { server, calls } = changingServer({ setCandidacyBudget: failure("EditConflictError") });
    await renderEditor();
    change(MISTRAL_AMOUNT, "123");
    server.current = savedByAnother();

    save();

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(
      "Le budget a changé depuis que vous l’avez ouvert (un autre membre l’a enregistré, ou le retrait d’un partenaire a supprimé ses lignes) : vos modifications n’ont pas été enregistrées",
    );
    // Keyboard users start from it: its button is the way out, at the top of a long form.
    await waitFor(() => expect(document.activeElement?.contains(alert)).toBe(true));
    expect(amountOf(MISTRAL_AMOUNT)).toBe("123");
    expect(screen.queryByText("Budget enregistré.")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: /^Charger le budget actuel/ }));

    await waitFor(() => expect(amountOf(MISTRAL_AMOUNT)).toBe("90 000"));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText("Le budget actuel est chargé.")).toBeTruthy();
    expect(document.activeElement?.textContent).toBe("Le budget actuel est chargé.");

    save();
    await waitFor(() => expect(savedVariables(calls)).toHaveLength(2));
    expect(savedVariables(calls)[1]?.expectedBudgetToken).toBe("token-2");
  });

  it("keeps the editor and the unsaved lines when the current budget cannot be read, and says so", async () => {
    const server = { unreachable: false, fixture: consortiumFixture() };
    fakeConsortiumApi(
      () => {
        if (server.unreachable) throw new TypeError("Failed to fetch");
        return server.fixture;
      },
      { setCandidacyBudget: failure("EditConflictError") },
    );
    await renderEditor();
    change(MISTRAL_AMOUNT, "123");
    save();
    await screen.findByRole("alert");

    server.unreachable = true;
    fireEvent.click(screen.getByRole("button", { name: /^Charger le budget actuel/ }));

    expect(await screen.findByText(/^Le budget actuel n’a pas pu être lu : vos lignes sont conservées/)).toBeTruthy();
    expect(amountOf(MISTRAL_AMOUNT)).toBe("123");
    expect(screen.getByRole("button", { name: /^Charger le budget actuel/ })).toBeTruthy();
  });

  it.each([
    ["en", "The budget changed since you opened it (another member saved it, or removing a partner deleted its lines)", "Save the budget", /^Load the current budget/],
    ["de", "Das Budget hat sich geändert, seit Sie es geöffnet haben (ein anderes Mitglied hat es gespeichert", "Budget speichern", /^Aktuelles Budget laden/],
  ] as const)("in %s, says so on a conflict and offers the current budget", async (language, message, saveLabel, load) => {
    changingServer({ setCandidacyBudget: failure("EditConflictError") });
    await renderEditor(language);

    fireEvent.click(screen.getByRole("button", { name: saveLabel }));

    expect((await screen.findByRole("alert")).textContent).toContain(message);
    expect(screen.getByRole("button", { name: load })).toBeTruthy();
  });
});
