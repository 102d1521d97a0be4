import { fireEvent, screen, waitFor } from "@testing-library/react";
import { useEffect, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { renderApp } from "../test/render";
import { CANDIDACY_ID, checkData, mockEditor } from "./testData";

// The consortium's sections are another area's: stand-ins with their agreed root ids, the
// partners' one showing it only after loading (as a section with its own query would).
vi.mock("./consortium/PartnersSection", () => ({
  PartnersSection: ({ candidacyId, editable }: { candidacyId: string; editable: boolean }) => {
    const [loaded, setLoaded] = useState(false);
    useEffect(() => {
      const timer = setTimeout(() => setLoaded(true), 200);
      return () => clearTimeout(timer);
    }, []);
    return loaded ? (
      <section id="partners" aria-label="Partenaires (bouchon)">
        {candidacyId} {String(editable)}
      </section>
    ) : null;
  },
}));
vi.mock("./consortium/BudgetSection", () => ({
  BudgetSection: ({ candidacyId, editable }: { candidacyId: string; editable: boolean }) => (
    <section id="budget" aria-label="Budget (bouchon)">
      <input aria-label="Montant" /> {candidacyId} {String(editable)}
    </section>
  ),
}));

describe("the consortium's sections in the editor", () => {
  it("are mounted with the candidacy and who may edit them", async () => {
    mockEditor();
    await renderApp(`/candidacies/${CANDIDACY_ID}/budget`);
    expect((await screen.findByRole("region", { name: "Budget (bouchon)" })).textContent).toBe(
      ` ${CANDIDACY_ID} true`,
    );
  });

  it("a problem's link lands on the partners' section once it has loaded, with the focus", async () => {
    mockEditor({ check: checkData([{ field: "partners", code: "PARTNER_COUNT" }]) });
    await renderApp(`/candidacies/${CANDIDACY_ID}/submit`);
    fireEvent.click(await screen.findByRole("link", { name: "Le nombre de partenaires n’est pas dans les bornes de l’appel" }));

    const section = await screen.findByRole("region", { name: "Partenaires (bouchon)" });
    await waitFor(() => expect(document.activeElement).toBe(section));
  });

  it("a problem's link lands on the budget's first field", async () => {
    mockEditor({ check: checkData([{ field: "budget", code: "BUDGET_MISSING" }]) });
    await renderApp(`/candidacies/${CANDIDACY_ID}/submit`);
    fireEvent.click(await screen.findByRole("link", { name: "Saisissez au moins une ligne de budget" }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Montant")));
  });
});
