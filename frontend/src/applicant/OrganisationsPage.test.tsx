import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../i18n";
import { renderApp } from "../test/render";
import { fakeApi, operations, watchRawKeys } from "./test/api";
import { ERRORS, invalidInput, membershipsData, organisationData } from "./test/fixtures";

function change(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

const created = { createOrganisation: { __typename: "OrganisationPayload", organisation: { id: "T3JnOjk=", name: "CH Test" } } };

describe("my organisations", () => {
  const expectNoRawKey = watchRawKeys();

  it("lists the memberships with the role in each, and links to each organisation", async () => {
    fakeApi({ MyMemberships: membershipsData() });
    await renderApp("/my/organisations");

    const link = await screen.findByRole("link", { name: "Klinikum Nord" });
    expect(link.getAttribute("href")).toBe("/my/organisations/T3JnOjI=");
    const card = link.closest("li") as HTMLElement;
    expect(within(card).getByText("Établissement de santé · Allemagne")).toBeTruthy();
    expect(within(card).getByText("Votre rôle : Membre")).toBeTruthy();
    expect(screen.getByText("Votre rôle : Administrateur")).toBeTruthy();
    const nav = screen.getByRole("navigation", { name: "Mon espace" });
    expect(within(nav).getByRole("link", { name: "Mes organisations" }).getAttribute("aria-current")).toBe("page");
  });

  it("says when the user belongs to none", async () => {
    fakeApi({ MyMemberships: membershipsData([]) });
    await renderApp("/my/organisations");
    expect(await screen.findByText("Vous n’êtes membre d’aucune organisation.")).toBeTruthy();
  });

  it.each(LANGUAGES)("renders in %s with no raw key", async (language) => {
    fakeApi({ MyMemberships: membershipsData() });
    await renderApp("/my/organisations", language);
    await screen.findByRole("link", { name: "AP-HP" });
    expectNoRawKey();
  });
});

describe("registering an organisation", () => {
  const expectNoRawKey = watchRawKeys();

  it("sends a French establishment with its SIRET and FINESS, then goes back where it was asked", async () => {
    const calls = fakeApi({
      CreateOrganisation: created,
      CallToApply: { call: null },
      MyMemberships: membershipsData(),
    });
    await renderApp(`/my/organisations/new?next=${encodeURIComponent("/my/candidacies/new?call=Q2FsbDoy")}`);
    change("Nom de l’organisation", (await screen.findByLabelText("Nom de l’organisation")) && "CH Test");
    change(/^SIRET/, "26750045200011");
    change(/^Numéro FINESS/, "750712184");
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer l’organisation" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Déposer une candidature" })).toBeTruthy();
    expect(operations(calls, "CreateOrganisation")[0]?.variables).toEqual({
      input: {
        name: "CH Test",
        kind: "HEALTH_ESTABLISHMENT",
        country: "FR",
        siret: "26750045200011",
        finess: "750712184",
        registryId: null,
      },
    });
  });

  it("asks a registry id outside France, no SIRET, and opens the new organisation", async () => {
    const calls = fakeApi({ CreateOrganisation: created, Organisation: organisationData() });
    await renderApp("/my/organisations/new?next=https://evil.example/");
    change("Nom de l’organisation", (await screen.findByLabelText("Nom de l’organisation")) && "Klinikum Süd");
    change("Type d’organisation", "COMPANY");
    change("Pays", "DE");
    expect(screen.queryByLabelText(/^SIRET/)).toBeNull();
    change(/^Numéro d’immatriculation/, "HRB 12345");
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer l’organisation" }));

    expect(await screen.findByRole("heading", { level: 1, name: "AP-HP" })).toBeTruthy();
    expect(operations(calls, "CreateOrganisation")[0]?.variables.input).toMatchObject({
      kind: "COMPANY",
      country: "DE",
      siret: null,
      finess: null,
      registryId: "HRB 12345",
    });
  });

  it("shows each field's problem next to it, required and invalid told apart", async () => {
    fakeApi({
      CreateOrganisation: {
        createOrganisation: invalidInput(
          ["name", "INVALID"],
          ["siret", "INVALID_IDENTIFIER"],
          ["finess", "REQUIRED"],
          ["country", "COUNTRY"],
        ),
      },
    });
    await renderApp("/my/organisations/new");
    fireEvent.submit((await screen.findByLabelText("Nom de l’organisation")).closest("form") as HTMLFormElement);

    expect((await screen.findByRole("alert")).textContent).toContain("Corrigez les champs signalés ci-dessous.");
    expect(screen.getByText("Donnez un nom de 1 à 300 caractères.")).toBeTruthy();
    expect(screen.getByText("Ce SIRET n’est pas valide : vérifiez les 14 chiffres.")).toBeTruthy();
    expect(screen.getByText(/^Le numéro FINESS est obligatoire/)).toBeTruthy();
    expect(screen.getByText("Choisissez un pays dans la liste.")).toBeTruthy();
    expect(screen.getByLabelText(/^SIRET/).getAttribute("aria-invalid")).toBe("true");
  });

  it("shows a registry id that is required outside France", async () => {
    fakeApi({ CreateOrganisation: { createOrganisation: invalidInput(["registryId", "REQUIRED"]) } });
    await renderApp("/my/organisations/new");
    change("Pays", (await screen.findByLabelText("Pays")) && "BE");
    fireEvent.submit(screen.getByLabelText("Pays").closest("form") as HTMLFormElement);
    expect(await screen.findByText("Le numéro d’immatriculation est obligatoire hors de France.")).toBeTruthy();
  });

  it.each([
    ["AuthenticationRequiredError", "Votre session a expiré : reconnectez-vous puis recommencez."],
    ["PermissionDeniedError", "Vous ne pouvez pas enregistrer d’organisation avec ce compte."],
    ["NotFoundError", "L’élément demandé n’existe pas ou ne vous est pas accessible."],
  ] as const)("shows %s at the top of the form", async (typename, text) => {
    fakeApi({ CreateOrganisation: { createOrganisation: ERRORS[typename] } });
    await renderApp("/my/organisations/new");
    fireEvent.submit((await screen.findByLabelText("Nom de l’organisation")).closest("form") as HTMLFormElement);
    expect((await screen.findByRole("alert")).textContent).toBe(text);
  });

  it.each(LANGUAGES)("renders in %s with no raw key", async (language) => {
    fakeApi({ CreateOrganisation: { createOrganisation: invalidInput(["siret", "REQUIRED"], ["other", "X"]) } });
    await renderApp("/my/organisations/new", language);
    fireEvent.submit((await screen.findAllByRole("combobox"))[0]?.closest("form") as HTMLFormElement);
    await screen.findByRole("alert");
    expectNoRawKey();
  });
});

describe("an organisation's page", () => {
  const expectNoRawKey = watchRawKeys();

  async function addMember(email: string) {
    change(/^Adresse électronique/, (await screen.findByLabelText(/^Adresse électronique/)) && email);
    change("Rôle", "ADMIN");
    fireEvent.click(screen.getByRole("button", { name: "Ajouter" }));
  }

  it("shows its details and members, and adds a member (admins)", async () => {
    const calls = fakeApi({
      Organisation: organisationData(),
      AddOrganisationMember: { addOrganisationMember: { __typename: "MembershipPayload", role: "ADMIN" } },
    });
    await renderApp("/my/organisations/T3JnOjE=");

    expect(await screen.findByRole("heading", { level: 1, name: "AP-HP" })).toBeTruthy();
    expect(screen.getByText("26750045200011")).toBeTruthy();
    expect(screen.getByText("750712184")).toBeTruthy();
    expect(screen.getByText("Bruno Petit (bruno@aphp.example) : Membre, depuis le 20 novembre 2026")).toBeTruthy();
    await addMember("chloe@aphp.example");

    expect(await screen.findByRole("heading", { level: 2, name: "chloe@aphp.example est maintenant membre." })).toBeTruthy();
    expect(operations(calls, "AddOrganisationMember")[0]?.variables).toEqual({
      organisationId: "T3JnOjE=",
      email: "chloe@aphp.example",
      role: "ADMIN",
    });
    await waitFor(() => expect(operations(calls, "Organisation").length).toBe(2)); // the members again
  });

  it.each([
    ["AlreadyMemberError", "Cette personne est déjà membre de l’organisation."],
    ["PermissionDeniedError", "Seuls les administrateurs de l’organisation ajoutent des membres."],
    ["NotFoundError", "Cette organisation n’existe pas ou vous n’en êtes pas membre."],
    ["AuthenticationRequiredError", "Votre session a expiré : reconnectez-vous puis recommencez."],
  ] as const)("shows %s above the form", async (typename, text) => {
    fakeApi({ Organisation: organisationData(), AddOrganisationMember: { addOrganisationMember: ERRORS[typename] } });
    await renderApp("/my/organisations/T3JnOjE=");
    await addMember("chloe@aphp.example");
    expect((await screen.findByRole("alert")).textContent).toBe(text);
  });

  it("shows an address with no account next to the field", async () => {
    fakeApi({
      Organisation: organisationData(),
      AddOrganisationMember: { addOrganisationMember: invalidInput(["email", "UNKNOWN_USER"]) },
    });
    await renderApp("/my/organisations/T3JnOjE=");
    await addMember("nobody@example.org");
    expect(await screen.findByText(/^Aucun compte n’utilise cette adresse/)).toBeTruthy();
    expect(screen.getByLabelText(/^Adresse électronique/).getAttribute("aria-invalid")).toBe("true");
  });

  it("tells a plain member that only admins add members", async () => {
    fakeApi({ Organisation: { organisation: { ...organisationData().organisation!, id: "T3JnOjI=" } } });
    await renderApp("/my/organisations/T3JnOjI=");
    expect(await screen.findByText("Seuls les administrateurs de l’organisation ajoutent des membres.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Ajouter" })).toBeNull();
  });

  it("says when the organisation is not found", async () => {
    fakeApi({ Organisation: { organisation: null } });
    await renderApp("/my/organisations/T3JnOjk5");
    expect(await screen.findByRole("heading", { level: 1, name: "Organisation introuvable" })).toBeTruthy();
  });

  it.each(LANGUAGES)("renders in %s with no raw key", async (language) => {
    fakeApi({ Organisation: organisationData() });
    await renderApp("/my/organisations/T3JnOjE=", language);
    await screen.findByRole("heading", { level: 1, name: "AP-HP" });
    expectNoRawKey();
  });
});
