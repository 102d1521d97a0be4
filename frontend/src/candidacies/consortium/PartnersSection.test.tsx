import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { watchRawKeys } from "../../test/rawKeys";
import consortium from "./i18n/fr.json";
import { LANGUAGES } from "../../i18n";
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

let PartnersSection: Awaited<ReturnType<typeof loadSections>>["PartnersSection"];
beforeAll(async () => {
  ({ PartnersSection } = await loadSections());
});
const section = (editable = true) => <PartnersSection candidacyId={CANDIDACY_ID} editable={editable} />;

const change = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });
const row = (name: string) => screen.getByRole("row", { name: new RegExp(`^${name}`) });
const alerts = () => screen.queryAllByRole("alert").map((alert) => alert.textContent);

/** Searches "mis", picks Mistral AI... or Inria (Mistral AI is in the consortium already). */
async function searchAndPick() {
  change(await screen.findByRole("searchbox", { name: /^Rechercher une organisation/ }), "inr");
  fireEvent.submit(screen.getByRole("search"));
  expect(await screen.findByText("2 organisations trouvées.")).toBeTruthy();
  expect((screen.getByRole("radio", { name: /Mistral AI/ }) as HTMLInputElement).disabled).toBe(true);
  fireEvent.click(screen.getByRole("radio", { name: /Inria/ }));
  return screen.getByRole("form", { name: "Inviter l’organisation" });
}

async function invite(share = "1 500,50") {
  const form = await searchAndPick();
  change(within(form).getByLabelText(/^Part demandée/), share);
  fireEvent.submit(form);
  return form;
}

describe("the partners section", () => {
  it("shows the consortium read-only when it may not be edited", async () => {
    fakeConsortiumApi();
    await renderSection(section(false));
    expect(await screen.findByRole("heading", { level: 2, name: "Consortium" })).toBeTruthy();
    expect((await screen.findByRole("region", { name: "Organisations du consortium" })).tabIndex).toBe(0);
    expect(row("AP-HP").textContent).toContain("Chef de file");
    expect(row("Mistral AI").textContent).toMatch(/Partenaire.*Acceptée.*100\s000\s€.*Lecture seule/);
    expect(row("Charité").textContent).toMatch(/Sous-traitant.*Invitation en attente/);
    expect(row(/Labo Nord/.source).textContent).toContain("contact@labo.example");
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.queryByRole("textbox")).toBeNull();
    expect(screen.queryByRole("searchbox")).toBeNull();
    expect(document.getElementById("partners")?.firstElementChild?.tagName).toBe("H2");
  });

  it("tells members of a partner that only the lead changes the consortium", async () => {
    fakeConsortiumApi(consortiumFixture({ emailInvitations: null }));
    await renderSection(section());
    expect(await screen.findByText(/Seuls les membres de l’organisation cheffe de file/)).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.queryByText("Invitations envoyées par courriel")).toBeNull();
  });

  it("says when the candidacy cannot be read", async () => {
    fakeConsortiumApi(null);
    await renderSection(section());
    expect(await screen.findByText(/introuvable, ou vous n’avez pas le droit/)).toBeTruthy();
  });

  it("invites an organisation found by search, with its role and share in cents", async () => {
    const calls = fakeConsortiumApi(consortiumFixture(), {
      invitePartner: { __typename: "PartnerPayload" },
    });
    await renderSection(section());
    const form = await searchAndPick();
    change(within(form).getByLabelText(/^Rôle dans le projet/), "SUBCONTRACTOR");
    change(within(form).getByLabelText(/^Part demandée/), "1 500,50");
    fireEvent.submit(form);

    expect(await screen.findByText("Inria est invitée : ses administrateurs ont reçu un courriel.")).toBeTruthy();
    expect(callsOf(calls, "InvitePartner")[0]?.variables).toEqual({
      candidacyId: CANDIDACY_ID,
      organisationId: "org-inria",
      role: "SUBCONTRACTOR",
      requestedShareCents: 150050,
    });
    expect(callsOf(calls, "OrganisationSearch")[0]?.variables).toEqual({ query: "inr", first: 20 });
    await waitFor(() => expect(callsOf(calls, "Consortium")).toHaveLength(2)); // read again
  });

  it("asks for two characters before searching, and for a choice and a readable share", async () => {
    const calls = fakeConsortiumApi();
    await renderSection(section());
    change(await screen.findByRole("searchbox", { name: /^Rechercher une organisation/ }), "i");
    fireEvent.submit(screen.getByRole("search"));
    expect(await screen.findByText("Écrivez au moins 2 caractères.")).toBeTruthy();
    expect(callsOf(calls, "OrganisationSearch")).toHaveLength(0);

    change(screen.getByRole("searchbox", { name: /^Rechercher une organisation/ }), "inr");
    fireEvent.submit(screen.getByRole("search"));
    const form = await screen.findByRole("form", { name: "Inviter l’organisation" });
    change(within(form).getByLabelText(/^Part demandée/), "12,345");
    fireEvent.submit(form);
    expect(await screen.findByText("Choisissez une organisation dans les résultats.")).toBeTruthy();
    // The focus goes where the missing choice is said: the first organisation that can be chosen.
    expect(document.activeElement).toBe(within(form).getAllByRole("radio").find((radio) => !(radio as HTMLInputElement).disabled));
    expect(screen.getByText(/Montant illisible : écrivez-le en euros, par exemple 1\s234,56\./)).toBeTruthy();
    expect(callsOf(calls, "InvitePartner")).toHaveLength(0);
  });

  it("shows each invalid field of an invitation next to it", async () => {
    fakeConsortiumApi(consortiumFixture(), {
      invitePartner: invalidInput(
        ["organisationId", "ALREADY_INVITED"],
        ["role", "LEAD"],
        ["requestedShareCents", "INVALID"],
      ),
    });
    await renderSection(section());
    const form = await invite();
    expect(await within(form).findByText("Cette organisation est déjà invitée ou membre du consortium.")).toBeTruthy();
    expect(within(form).getByText("Seule l’organisation cheffe de file a le rôle de chef de file.")).toBeTruthy();
    const share = within(form).getByLabelText(/^Part demandée/);
    expect(share.getAttribute("aria-invalid")).toBe("true");
    expect(within(form).getByText("La part demandée ne peut pas être négative.")).toBeTruthy();
  });

  it.each(ACTION_ERRORS)("announces %s when inviting", async (typename, fields, text) => {
    fakeConsortiumApi(consortiumFixture(), { invitePartner: failure(typename, fields) });
    await renderSection(section());
    const form = await invite();
    expect(await within(form).findByRole("alert")).toBeTruthy();
    expect(within(form).getByRole("alert").textContent).toMatch(text);
  });

  it("invites by e-mail an organisation not on the platform", async () => {
    const calls = fakeConsortiumApi(consortiumFixture(), {
      inviteEmailPartner: { __typename: "EmailInvitationPayload" },
    });
    await renderSection(section());
    const form = await screen.findByRole("form", { name: /Inviter par courriel/ });
    change(within(form).getByLabelText(/^Adresse électronique du contact/), " lab@univ.example ");
    change(within(form).getByLabelText(/^Nom de l’organisation/), "Labo Sud");
    change(within(form).getByLabelText(/^Type d’organisation/), "ACADEMIC_LAB");
    change(within(form).getByLabelText(/^Pays/), "de");
    change(within(form).getByLabelText(/^Identifiant au registre/), "HRB 1234");
    change(within(form).getByLabelText(/^Part demandée/), "20 000");
    change(within(form).getByLabelText(/^Langue du courriel/), "de");
    fireEvent.submit(form);

    expect(await screen.findByText("Invitation envoyée à lab@univ.example.")).toBeTruthy();
    expect(callsOf(calls, "InviteEmailPartner")[0]?.variables).toEqual({
      candidacyId: CANDIDACY_ID,
      input: {
        email: "lab@univ.example",
        organisation: { name: "Labo Sud", kind: "ACADEMIC_LAB", country: "DE", siret: null, finess: null, registryId: "HRB 1234" },
        role: "PARTNER",
        requestedShareCents: 2000000,
        language: "DE",
      },
    });
  });

  it("shows each invalid field of an invitation by e-mail next to it", async () => {
    fakeConsortiumApi(consortiumFixture(), {
      inviteEmailPartner: invalidInput(
        ["email", "INVALID_EMAIL"],
        ["organisation.name", "INVALID"],
        ["organisation.country", "COUNTRY"],
        ["organisation.siret", "REQUIRED"],
        ["organisation.finess", "INVALID_IDENTIFIER"],
        ["role", "LEAD"],
        ["requestedShareCents", "INVALID"],
      ),
    });
    await renderSection(section());
    const form = await screen.findByRole("form", { name: /Inviter par courriel/ });
    change(within(form).getByLabelText(/^Part demandée/), "0");
    fireEvent.submit(form);
    expect(await within(form).findByText("Adresse électronique invalide.")).toBeTruthy();
    for (const text of [
      "Donnez un nom de 1 à 300 caractères.",
      "Donnez un code de pays ISO à deux lettres, par exemple FR.",
      "Obligatoire pour ce type d’organisation dans ce pays.",
      "Cet identifiant n’est pas valide.",
      "Seule l’organisation cheffe de file a le rôle de chef de file.",
      "La part demandée ne peut pas être négative.",
    ]) {
      expect(within(form).getByText(text)).toBeTruthy();
    }
    expect(within(form).getByRole("alert").textContent).toBe("Vérifiez les valeurs signalées.");
  });

  it("says an organisation already registered is invited by search", async () => {
    fakeConsortiumApi(consortiumFixture(), { inviteEmailPartner: invalidInput(["organisation", "ALREADY_REGISTERED"]) });
    await renderSection(section());
    const form = await screen.findByRole("form", { name: /Inviter par courriel/ });
    change(within(form).getByLabelText(/^Part demandée/), "0");
    fireEvent.submit(form);
    expect((await within(form).findByRole("alert")).textContent).toMatch(/invitez-la par la recherche/);
  });

  it.each(ACTION_ERRORS)("announces %s when inviting by e-mail", async (typename, fields, text) => {
    fakeConsortiumApi(consortiumFixture(), { inviteEmailPartner: failure(typename, fields) });
    await renderSection(section());
    const form = await screen.findByRole("form", { name: /Inviter par courriel/ });
    change(within(form).getByLabelText(/^Part demandée/), "0");
    fireEvent.submit(form);
    expect((await within(form).findByRole("alert")).textContent).toMatch(text);
  });

  it("withdraws an invitation and lets a partner edit, each failure in its row", async () => {
    const calls = fakeConsortiumApi(consortiumFixture(), {
      withdrawPartnerInvitation: failure("NotFoundError"),
      setPartnerCanEdit: { __typename: "PartnerPayload" },
    });
    await renderSection(section());
    fireEvent.click(await screen.findByRole("button", { name: "Retirer l’invitation de Charité" }));
    expect(await within(row("Charité")).findByRole("alert")).toBeTruthy();
    expect(within(row("Charité")).getByRole("alert").textContent).toMatch(/Introuvable/);
    expect(within(row("Mistral AI")).queryByRole("alert")).toBeNull();
    expect(callsOf(calls, "WithdrawPartnerInvitation")[0]?.variables).toEqual({ id: "partner-charite" });

    fireEvent.click(screen.getByRole("button", { name: "Autoriser Mistral AI à modifier le contenu" }));
    await waitFor(() =>
      expect(callsOf(calls, "SetPartnerCanEdit")[0]?.variables).toEqual({ id: "partner-mistral", canEdit: true }),
    );
    expect(screen.getByRole("button", { name: "Retirer Mistral AI du consortium" })).toBeTruthy();
  });

  it.each(ACTION_ERRORS)("shows %s next to the partner it concerns", async (typename, fields, text) => {
    fakeConsortiumApi(consortiumFixture(), { setPartnerCanEdit: failure(typename, fields) });
    await renderSection(section());
    fireEvent.click(await screen.findByRole("button", { name: "Autoriser Charité à modifier le contenu" }));
    expect((await within(row("Charité")).findByRole("alert")).textContent).toMatch(text);
  });

  it.each(ACTION_ERRORS)("shows %s next to the invitation it failed to withdraw", async (typename, fields, text) => {
    fakeConsortiumApi(consortiumFixture(), { withdrawPartnerInvitation: failure(typename, fields) });
    await renderSection(section());
    fireEvent.click(await screen.findByRole("button", { name: "Retirer l’invitation de Charité" }));
    expect((await within(row("Charité")).findByRole("alert")).textContent).toMatch(text);
  });

  it.each(ACTION_ERRORS)("shows %s next to the e-mail invitation it failed to withdraw", async (typename, fields, text) => {
    fakeConsortiumApi(consortiumFixture(), { withdrawEmailInvitation: failure(typename, fields) });
    await renderSection(section());
    fireEvent.click(await screen.findByRole("button", { name: "Retirer l’invitation envoyée à contact@labo.example" }));
    expect((await within(row("Labo Nord")).findByRole("alert")).textContent).toMatch(text);
  });

  it("withdraws an invitation by e-mail, and shows its failure next to it", async () => {
    const calls = fakeConsortiumApi(consortiumFixture(), {
      withdrawEmailInvitation: failure("PermissionDeniedError"),
    });
    await renderSection(section());
    fireEvent.click(await screen.findByRole("button", { name: "Retirer l’invitation envoyée à contact@labo.example" }));
    expect((await within(row("Labo Nord")).findByRole("alert")).textContent).toMatch(/Seuls les membres/);
    expect(callsOf(calls, "WithdrawEmailInvitation")[0]?.variables).toEqual({ id: "email-1" });
  });

  it("sets every role and share at once, in cents", async () => {
    const calls = fakeConsortiumApi();
    await renderSection(section());
    change(await screen.findByLabelText("Rôle de Charité"), "PARTNER");
    change(screen.getByLabelText("Part demandée par Charité"), "2 500,5");
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer les rôles et les parts" }));
    expect(await screen.findByText("Rôles et parts enregistrés.")).toBeTruthy();
    expect(callsOf(calls, "SetCandidacyPartners")[0]?.variables).toEqual({
      id: CANDIDACY_ID,
      partners: [
        { organisationId: "org-aphp", role: "LEAD", requestedShareCents: 15000000 },
        { organisationId: "org-mistral", role: "PARTNER", requestedShareCents: 10000000 },
        { organisationId: "org-charite", role: "PARTNER", requestedShareCents: 250050 },
      ],
    });
  });

  it("shows the problems of roles and shares in the row they concern", async () => {
    fakeConsortiumApi(consortiumFixture(), {
      setCandidacyPartners: invalidInput(["partners[2].requestedShareCents", "INVALID"], ["partners[1].role", "LEAD"]),
    });
    await renderSection(section());
    fireEvent.click(await screen.findByRole("button", { name: "Enregistrer les rôles et les parts" }));
    expect(await within(row("Charité")).findByText("La part demandée ne peut pas être négative.")).toBeTruthy();
    expect(within(row("Mistral AI")).getByText("Seule l’organisation cheffe de file a le rôle de chef de file.")).toBeTruthy();
    expect(screen.getByLabelText("Part demandée par Charité").getAttribute("aria-invalid")).toBe("true");
    expect(alerts()).toContain("Vérifiez les valeurs signalées.");
  });

  it("says when an organisation is listed twice", async () => {
    fakeConsortiumApi(consortiumFixture(), { setCandidacyPartners: invalidInput(["partners", "DUPLICATE"]) });
    await renderSection(section());
    fireEvent.click(await screen.findByRole("button", { name: "Enregistrer les rôles et les parts" }));
    await waitFor(() => expect(alerts()).toContain("Une organisation figure deux fois."));
  });

  it("refuses a share it cannot read without sending it", async () => {
    const calls = fakeConsortiumApi();
    await renderSection(section());
    change(await screen.findByLabelText("Part demandée par Mistral AI"), "1.234");
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer les rôles et les parts" }));
    expect(await within(row("Mistral AI")).findByText(/Montant illisible/)).toBeTruthy();
    expect(alerts()).toContain("Corrigez les montants signalés avant d’enregistrer.");
    expect(callsOf(calls, "SetCandidacyPartners")).toHaveLength(0);
  });

  it.each(ACTION_ERRORS)("announces %s when saving roles and shares", async (typename, fields, text) => {
    fakeConsortiumApi(consortiumFixture(), { setCandidacyPartners: failure(typename, fields) });
    await renderSection(section());
    fireEvent.click(await screen.findByRole("button", { name: "Enregistrer les rôles et les parts" }));
    await waitFor(() => expect(alerts().some((alert) => text.test(alert ?? ""))).toBe(true));
  });
});

describe("the partners section's texts", () => {
  const expectNoRawKey = watchRawKeys(consortium);

  it.each(LANGUAGES)("in %s, show no raw key", async (language) => {
    fakeConsortiumApi();
    await renderSection(section(), language);
    change(await screen.findByRole("searchbox"), "inr");
    fireEvent.submit(screen.getByRole("search"));
    await screen.findAllByRole("radio");
    expectNoRawKey();
  });
});
