import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LANGUAGES, type AppLanguage } from "../i18n";
import { jsonResponse, mockFetch, mockGraphQL, renderApp } from "../test/render";
import { meData } from "../test/fixtures";
import { watchRawKeys } from "../test/rawKeys";
import fr from "./i18n/fr.json";
import { CANDIDACY_ID, checkData, editorData, mockEditor, sent } from "./testData";

const BASE = `/candidacies/${CANDIDACY_ID}`;

describe("the candidacy editor's frame", () => {
  it("names the candidacy, its call, status and deadline in the call's zone, counted down", async () => {
    mockEditor({ editor: editorData({ extendedDeadlineAt: "2027-04-07T10:00:00+00:00" }) });
    await renderApp(BASE);

    expect(await screen.findByRole("heading", { level: 1, name: "TRIAGE — Aide au tri des urgences" })).toBeTruthy();
    expect(screen.getByText("Brouillon")).toBeTruthy();
    expect(screen.getByRole("link", { name: "IA et parcours de soins" }).getAttribute("href")).toBe("/calls/Q2FsbDoy");
    expect(screen.getByText(/Date limite de dépôt : 31 mars 2027 à 12:00 UTC\+2/)).toBeTruthy();
    expect(screen.getByText(/Délai accordé à cette candidature : 7 avril 2027 à 12:00 UTC\+2/)).toBeTruthy();
    expect(screen.getByRole("timer").textContent).toMatch(/:\s30\sjours\set\s0\sheure$/); // by the server: 1 March 09:00, 59 min short of 30 d 1 h
    expect(document.title).toMatch(/^TRIAGE — /);
  });

  it.each([
    ["", "Projet"],
    ["/answers", "Réponses"],
    ["/partners", "Partenaires"],
    ["/budget", "Budget"],
    ["/submit", "Vérifier et déposer"],
    ["/receipt", "Accusés de réception"],
  ])("marks the current section (%s) in its navigation", async (section, name) => {
    mockEditor();
    await renderApp(`${BASE}${section}`);
    const nav = await screen.findByRole("navigation", { name: "Parties de la candidature" });
    const current = nav.querySelectorAll("[aria-current=page]");
    expect([...current].map((link) => link.textContent)).toEqual([name]);
    expect(current[0]!.getAttribute("href")).toBe(`${BASE}${section}`);
  });

  it("says a candidacy the user may not read is not found (the API says no more)", async () => {
    mockGraphQL(({ query }) => (query.includes("query Me") ? meData() : { serverTime: "2027-03-01T09:00:00+00:00", candidacy: null }));
    await renderApp(`${BASE}/answers`, "en");
    expect(await screen.findByRole("heading", { level: 1, name: "Application not found" })).toBeTruthy();
    expect(screen.getByText("This application does not exist, or you may not read it.")).toBeTruthy();
  });

  it("explains a failed request, with a way to try again", async () => {
    let fail = true;
    mockFetch(({ query }) => {
      if (query.includes("query Me")) return jsonResponse({ data: meData() });
      if (fail) return new Response("Bad gateway", { status: 502, headers: { "Content-Type": "text/plain" } });
      return jsonResponse({ data: query.includes("query SubmissionCheck") ? checkData() : editorData() });
    });
    await renderApp(BASE);
    expect(await screen.findByText("Le serveur a répondu avec une erreur (502).")).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Réessayer" }));
    expect(await screen.findByRole("heading", { level: 1, name: "TRIAGE — Aide au tri des urgences" })).toBeTruthy();
  });

  it("is not readable without a session: sends to sign in", async () => {
    mockGraphQL(() => ({ me: null }));
    await renderApp(`${BASE}/submit`);
    expect(await screen.findByRole("heading", { level: 1, name: "Connexion" })).toBeTruthy();
  });
});

describe("the project page", () => {
  it("saves the title, acronym and duration", async () => {
    const operations = mockEditor({}, () => ({
      updateCandidacy: {
        __typename: "CandidacyPayload",
        candidacy: { id: CANDIDACY_ID, title: "Nouveau titre", acronym: "TRIAGE", durationMonths: 30, hasUnsubmittedChanges: true },
      },
    }));
    await renderApp(BASE);
    const title = (await screen.findByLabelText("Titre du projet")) as HTMLInputElement;
    expect(title.id).toBe("project-title");
    fireEvent.change(title, { target: { value: "Nouveau titre" } });
    fireEvent.change(screen.getByLabelText(/^Durée \(en mois\)/), { target: { value: "30" } });
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));

    expect(await screen.findByRole("heading", { name: "Projet enregistré" })).toBeTruthy();
    expect(sent(operations, "mutation UpdateCandidacy")[0]!.variables).toEqual({
      id: CANDIDACY_ID,
      title: "Nouveau titre",
      acronym: "TRIAGE",
      durationMonths: 30,
    });
  });

  it("clears the duration when its field is emptied (an explicit null)", async () => {
    const operations = mockEditor({}, () => ({
      updateCandidacy: {
        __typename: "CandidacyPayload",
        candidacy: { id: CANDIDACY_ID, title: "Aide au tri des urgences", acronym: "TRIAGE", durationMonths: null, hasUnsubmittedChanges: true },
      },
    }));
    await renderApp(BASE);
    fireEvent.change(await screen.findByLabelText(/^Durée \(en mois\)/), { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));

    expect(await screen.findByRole("heading", { name: "Projet enregistré" })).toBeTruthy();
    expect(sent(operations, "mutation UpdateCandidacy")[0]!.variables).toHaveProperty("durationMonths", null);
  });

  it("shows a refused value under its field", async () => {
    mockEditor({}, () => ({
      updateCandidacy: {
        __typename: "InvalidInputError",
        code: "INVALID_INPUT",
        message: "invalid",
        fieldErrors: [{ field: "durationMonths", code: "OUT_OF_RANGE", message: "in English" }],
      },
    }));
    await renderApp(BASE);
    fireEvent.click(await screen.findByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText("Donnez une durée en mois entiers, dans les bornes de l’appel.")).toBeTruthy();
    expect(screen.getByLabelText(/^Durée/).getAttribute("aria-invalid")).toBe("true");
  });

  it("asks for whole months before sending", async () => {
    const operations = mockEditor();
    await renderApp(BASE);
    fireEvent.change(await screen.findByLabelText(/^Durée/), { target: { value: "12.5" } });
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText("Donnez une durée en mois entiers, dans les bornes de l’appel.")).toBeTruthy();
    expect(sent(operations, "mutation UpdateCandidacy")).toHaveLength(0);
  });

  it("shows the project to read once the call is closed, without fields or withdrawal", async () => {
    mockEditor({ check: checkData([{ field: "call", code: "CALL_NOT_OPEN" }]) });
    await renderApp(BASE);
    expect(await screen.findByText(/L’appel n’accepte pas de candidature en ce moment/)).toBeTruthy();
    expect(screen.getByText("Aide au tri des urgences")).toBeTruthy();
    expect(screen.getByText("24 mois")).toBeTruthy();
    expect(screen.getByRole("main").querySelector("input")).toBeNull();
    expect(screen.queryByRole("button", { name: "Retirer la candidature…" })).toBeNull();
  });

  it("is read-only once withdrawn, and says so", async () => {
    mockEditor({
      editor: editorData({ status: "WITHDRAWN" }),
      check: checkData([{ field: "status", code: "CANDIDACY_NOT_EDITABLE" }]),
    });
    await renderApp(BASE);
    expect(await screen.findByText(/Statut de la candidature : Retirée\. Elle ne peut plus être modifiée\./)).toBeTruthy();
    expect(screen.getByRole("main").querySelector("input")).toBeNull();
  });

  it("withdraws only once confirmed", async () => {
    const operations = mockEditor({}, () => ({
      withdrawCandidacy: { __typename: "CandidacyPayload", candidacy: { id: CANDIDACY_ID, status: "WITHDRAWN" } },
    }));
    await renderApp(BASE);
    fireEvent.click(await screen.findByRole("button", { name: "Retirer la candidature…" }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Retirer vraiment cette candidature ?"));
    fireEvent.click(screen.getByRole("button", { name: "Annuler" }));
    expect(sent(operations, "mutation WithdrawCandidacy")).toHaveLength(0);

    fireEvent.click(screen.getByRole("button", { name: "Retirer la candidature…" }));
    fireEvent.click(screen.getByRole("button", { name: "Oui, retirer la candidature" }));
    await waitFor(() => expect(sent(operations, "mutation WithdrawCandidacy")).toHaveLength(1));
  });

  it("says why a withdrawal is refused", async () => {
    mockEditor({}, () => ({
      withdrawCandidacy: {
        __typename: "DeadlinePassedError",
        code: "DEADLINE_PASSED",
        message: "in English",
        deadlineAt: "2027-03-31T10:00:00+00:00",
        deadlineLocal: "2027-03-31T12:00:00+02:00",
        serverTime: "2027-03-31T10:00:02+00:00",
      },
    }));
    await renderApp(BASE, "en");
    fireEvent.click(await screen.findByRole("button", { name: "Withdraw the application…" }));
    fireEvent.click(screen.getByRole("button", { name: "Yes, withdraw the application" }));
    const message = await screen.findByText(/The deadline \(March 31, 2027 at 12:00 PM GMT\+2\) has passed/);
    expect(message.closest("[role=alert]")).toBeTruthy();
  });
});

describe("the editor's texts", () => {
  const expectNoRawKey = watchRawKeys(fr);


  describe.each(LANGUAGES)("in %s", (language: AppLanguage) => {
    it.each(["", "/answers", "/submit", "/receipt"])("the section %s shows no raw key", async (section) => {
      mockEditor({
        check: checkData([
          { field: "answers.summary", code: "MISSING_ANSWER" },
          { field: "budget", code: "BUDGET_MISSING" },
        ]),
        editor: editorData({ versions: [{ number: 1, sha256: "ab".repeat(32), submittedAt: "2027-03-01T09:00:00+00:00", receiptUrl: "/r/1" }] }),
      });
      await renderApp(`${BASE}${section}`, language);
      await screen.findAllByRole("heading", { level: 2 });
      expectNoRawKey();
    });
  });
});
