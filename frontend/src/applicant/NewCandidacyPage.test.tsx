import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../i18n";
import { callPageData } from "../test/fixtures";
import { mockGraphQL, renderApp } from "../test/render";
import { fakeApi, operations, watchRawKeys } from "./test/api";
import { callToApply, ERRORS, invalidInput, membershipsData } from "./test/fixtures";

const PATH = "/my/candidacies/new?call=Q2FsbDoy";

function change(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

async function fillAndSubmit() {
  change(/^Organisation porteuse/, (await screen.findByLabelText(/^Organisation porteuse/)) && "T3JnOjI=");
  change(/^Titre du projet/, "Parcours augmenté");
  change(/^Acronyme/, "PSA");
  fireEvent.click(screen.getByRole("button", { name: "Créer la candidature" }));
}

describe("a call's public page", () => {
  function serveCall(isOpenNow: boolean) {
    const data = callPageData("2027-03-01T00:00:00+00:00");
    mockGraphQL(({ query }) => (query.includes("query Me") ? { me: null } : { ...data, call: { ...data.call!, isOpenNow } }));
  }

  it("links an open call to starting a candidacy", async () => {
    serveCall(true);
    await renderApp("/calls/Q2FsbDoy", "en");
    const link = await screen.findByRole("link", { name: "Apply" });
    expect(link.getAttribute("href")).toBe("/my/candidacies/new?call=Q2FsbDoy");
  });

  it("offers no link when the call is not open", async () => {
    serveCall(false);
    await renderApp("/calls/Q2FsbDoy");
    await screen.findByRole("heading", { level: 1, name: "IA et parcours de soins" });
    expect(screen.queryByRole("link", { name: "Déposer une candidature" })).toBeNull();
  });
});

describe("starting a candidacy", () => {
  const expectNoRawKey = watchRawKeys();

  it("creates it for the chosen organisation and opens its editor", async () => {
    const calls = fakeApi({
      CallToApply: callToApply(),
      MyMemberships: membershipsData(),
      CreateCandidacy: { createCandidacy: { __typename: "CandidacyPayload", candidacy: { id: "Q2FuZGlkYWN5Ojc=" } } },
      MyCandidacies: { candidacies: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } },
    });
    await renderApp(PATH);
    expect(await screen.findByText(/Appel : IA et parcours de soins \(référence IMPACT-IA-2027\)/)).toBeTruthy();
    expect(screen.getByText(/Date limite : 31 mars 2027 à 12:00 UTC\+2/)).toBeTruthy();
    await fillAndSubmit();

    await waitFor(() => expect(window.document.title).toMatch(/^Candidature/));
    expect(operations(calls, "CreateCandidacy")[0]?.variables).toEqual({
      callId: "Q2FsbDoy",
      organisationId: "T3JnOjI=",
      title: "Parcours augmenté",
      acronym: "PSA",
    });
  });

  it.each([
    ["DeadlinePassedError", /La date limite est passée \(31 mars 2027 à 12:00 UTC\+2\)/],
    ["CallNotOpenError", "Cet appel n’accepte pas de candidature en ce moment."],
    ["CandidacyNotEditableError", "Cette candidature ne peut plus être modifiée (statut : Déposée)."],
    ["NotFoundError", "Cet appel n’existe pas ou n’est pas public."],
    ["PermissionDeniedError", "Vous ne pouvez pas déposer de candidature pour cette organisation."],
    ["AuthenticationRequiredError", "Votre session a expiré : reconnectez-vous puis recommencez."],
  ] as const)("shows %s in the page, announced and focused", async (typename, text) => {
    fakeApi({
      CallToApply: callToApply(),
      MyMemberships: membershipsData(),
      CreateCandidacy: { createCandidacy: ERRORS[typename] },
    });
    await renderApp(PATH);
    await fillAndSubmit();

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(text);
    await waitFor(() => expect(document.activeElement?.contains(alert)).toBe(true));
  });

  it("shows each invalid field under it", async () => {
    fakeApi({
      CallToApply: callToApply(),
      MyMemberships: membershipsData(),
      CreateCandidacy: {
        createCandidacy: invalidInput(["title", "TOO_LONG"], ["acronym", "TOO_LONG"], ["organisationId", "NOT_MEMBER"]),
      },
    });
    await renderApp(PATH);
    await fillAndSubmit();

    expect((await screen.findByRole("alert")).textContent).toContain("Corrigez les champs signalés ci-dessous.");
    expect(screen.getByText("Donnez un titre de 1 à 300 caractères.")).toBeTruthy();
    expect(screen.getByText("L’acronyme compte 40 caractères au plus.")).toBeTruthy();
    expect(screen.getByText(/^Vous ne pouvez candidater qu’au nom d’une organisation/)).toBeTruthy();
    expect(screen.getByLabelText(/^Titre du projet/).getAttribute("aria-invalid")).toBe("true");
  });

  it("sends a user with no organisation to register one first, then back here", async () => {
    fakeApi({ CallToApply: callToApply(), MyMemberships: membershipsData([]) });
    await renderApp(PATH);
    const link = await screen.findByRole("link", { name: "Enregistrer mon organisation" });
    expect(link.getAttribute("href")).toBe(
      `/my/organisations/new?next=${encodeURIComponent("/my/candidacies/new?call=Q2FsbDoy")}`,
    );
  });

  it("offers no form for a call that is not open, nor an unknown one", async () => {
    fakeApi({ CallToApply: callToApply(false), MyMemberships: membershipsData() });
    const { unmount } = await renderApp(PATH);
    expect(await screen.findByText("Cet appel n’accepte pas de candidature en ce moment.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Créer la candidature" })).toBeNull();
    unmount();

    fakeApi({ CallToApply: { call: null }, MyMemberships: membershipsData() });
    await renderApp(PATH);
    expect(await screen.findByText("Cet appel n’existe pas ou n’est pas public.")).toBeTruthy();
  });

  it.each(LANGUAGES)("renders in %s with no raw key", async (language) => {
    fakeApi({
      CallToApply: callToApply(),
      MyMemberships: membershipsData(),
      CreateCandidacy: { createCandidacy: invalidInput(["title", "REQUIRED"]) },
    });
    await renderApp(PATH, language);
    await screen.findByRole("combobox");
    fireEvent.submit(screen.getByRole("combobox").closest("form") as HTMLFormElement);
    await screen.findByRole("alert");
    expectNoRawKey();
  });
});
