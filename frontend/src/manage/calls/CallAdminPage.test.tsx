import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AppLanguage } from "../../i18n";
import type { GraphQLCall } from "../../test/render";
import { mockGraphQL, renderApp } from "../../test/render";
import { anapManager, callsApi, DGOS, managedCall, manager, operationName, RAW_KEY, viewer } from "./testData";

const PATH = "/manage/calls/Q2FsbDo3";
const sent = (requests: GraphQLCall[], name: string) => requests.find((r) => operationName(r) === name)?.variables;

describe("a call's sub-pages", { timeout: 20_000 }, () => {
  it("marks the current section and flags the missing translations", async () => {
    mockGraphQL(callsApi(manager()));
    await renderApp(`${PATH}/translations`);

    const nav = await screen.findByRole("navigation", { name: "Sections de l'appel" });
    expect(within(nav).getByRole("link", { name: "Traductions" }).getAttribute("aria-current")).toBe("page");
    expect(within(nav).getByRole("link", { name: "Général" }).getAttribute("aria-current")).toBeNull();
    expect(screen.getByText("Traductions manquantes : Anglais, Allemand.")).toBeTruthy();
    expect(screen.getAllByText("Traduction manquante")).toHaveLength(4);
  });

  it("saves the translations with updateCall", async () => {
    const requests = mockGraphQL(
      callsApi(manager(), {
        UpdateCall: () => ({
          updateCall: {
            __typename: "CallPayload",
            call: managedCall({ titles: { fr: "AMI expérimentations", en: "AMI trials", de: "AMI Erprobungen" } }),
          },
        }),
      }),
    );
    await renderApp(`${PATH}/translations`);
    const form = await screen.findByRole("form", { name: "Traductions" });
    const title = within(within(form).getByRole("group", { name: "Titre" }));
    fireEvent.change(title.getByLabelText("Anglais"), { target: { value: "AMI trials" } });
    fireEvent.change(title.getByLabelText("Allemand"), { target: { value: "AMI Erprobungen" } });
    fireEvent.click(within(form).getByRole("button", { name: "Enregistrer" }));

    expect(await screen.findByText("Modifications enregistrées.")).toBeTruthy();
    expect(sent(requests, "UpdateCall")).toMatchObject({
      id: "Q2FsbDo3",
      input: { title: { fr: "AMI expérimentations", en: "AMI trials", de: "AMI Erprobungen" } },
    });
    expect(screen.getByText("AMI trials")).toBeTruthy();
  });

  it("shows CallStructureFrozenError when the form of an open call is changed", async () => {
    mockGraphQL(
      callsApi(
        manager(),
        { UpdateCall: () => ({ updateCall: { __typename: "CallStructureFrozenError", frozenFields: ["questions"] } }) },
        managedCall({ status: "OPEN" }),
      ),
    );
    await renderApp(`${PATH}/form`);
    fireEvent.click(await screen.findByRole("button", { name: "Enregistrer" }));

    expect(await screen.findByText(/L'appel est ouvert : sa structure/)).toBeTruthy();
  });

  it("shows an InvalidInputError of the grid on its field", async () => {
    mockGraphQL(
      callsApi(manager(), {
        UpdateCall: () => ({
          updateCall: { __typename: "InvalidInputError", fieldErrors: [{ field: "grid.criteria[0].step", code: "INVALID" }] },
        }),
      }),
    );
    await renderApp(`${PATH}/grid`);
    fireEvent.click(await screen.findByRole("button", { name: "Enregistrer" }));

    await screen.findByText("Corrigez les champs signalés :");
    expect(screen.getByLabelText(/^Pas/).getAttribute("aria-invalid")).toBe("true");
  });

  it("publishes after a confirmation, and lists what keeps a call from being published", async () => {
    let attempt = 0;
    const requests = mockGraphQL(
      callsApi(manager(), {
        PublishCall: () =>
          ++attempt === 1
            ? {
                publishCall: {
                  __typename: "InvalidInputError",
                  fieldErrors: [{ field: "funders", code: "CO_FUNDER_PENDING" }],
                },
              }
            : { publishCall: { __typename: "CallPayload", call: managedCall({ status: "PUBLISHED" }) } },
      }),
    );
    await renderApp(`${PATH}/status`);
    fireEvent.click(await screen.findByRole("button", { name: "Publier l'appel" }));
    expect(document.activeElement?.textContent).toContain("Publier l'appel ? Il deviendra public");
    fireEvent.click(screen.getByRole("button", { name: "Oui, publier" }));

    expect(await screen.findByText("Cofinanceurs : Un cofinanceur n'a pas encore accepté sa part.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Publier l'appel" }));
    fireEvent.click(screen.getByRole("button", { name: "Oui, publier" }));
    expect(await screen.findByText("L'appel est maintenant : Publié, à venir.")).toBeTruthy();
    expect(sent(requests, "PublishCall")).toEqual({ id: "Q2FsbDo3" });
  });

  it("cancels a step without sending it", async () => {
    const requests = mockGraphQL(callsApi(manager()));
    await renderApp(`${PATH}/status`);
    fireEvent.click(await screen.findByRole("button", { name: "Publier l'appel" }));
    fireEvent.click(screen.getByRole("button", { name: "Annuler" }));

    expect(screen.getByRole("button", { name: "Publier l'appel" })).toBeTruthy();
    expect(requests.some((r) => operationName(r) === "PublishCall")).toBe(false);
  });

  it.each([
    [{ __typename: "InvalidTransitionError", currentStatus: "OPEN", requestedStatus: "CLOSED" }, "Étape refusée : l'appel est « Ouvert », il ne peut pas passer à « Clos »."],
    [{ __typename: "NotFoundError" }, "Appel, programme ou financeur introuvable"],
    [{ __typename: "PermissionDeniedError" }, "Vous n'avez pas le droit de faire cette modification."],
    [{ __typename: "AuthenticationRequiredError" }, "Votre session a expiré : reconnectez-vous."],
  ])("shows the refusal of transitionCall %#", async (transitionCall, message) => {
    mockGraphQL(callsApi(manager(), { TransitionCall: () => ({ transitionCall }) }, managedCall({ status: "OPEN" })));
    await renderApp(`${PATH}/status`);
    fireEvent.click(await screen.findByRole("button", { name: "Clore l'appel" }));
    fireEvent.click(screen.getByRole("button", { name: "Oui, clore" }));

    expect(await screen.findByText(new RegExp(message.replace(/[()?]/g, ".")))).toBeTruthy();
  });

  it("extends the deadline with a reason, as an instant", async () => {
    const requests = mockGraphQL(
      callsApi(
        manager(),
        { ExtendCallDeadline: () => ({ extendCallDeadline: { __typename: "CallPayload", call: managedCall({ status: "OPEN" }) } }) },
        managedCall({ status: "OPEN" }),
      ),
    );
    await renderApp(`${PATH}/deadline`);
    const deadline = await screen.findByLabelText(/^Nouvelle date limite/);
    fireEvent.click(screen.getByRole("button", { name: "Prolonger" }));
    expect(await screen.findByText("Ce champ est obligatoire.")).toBeTruthy();

    fireEvent.change(deadline, { target: { value: "2027-08-15T23:59" } });
    fireEvent.change(screen.getByLabelText(/^Motif de la prolongation/), { target: { value: "Grève postale" } });
    fireEvent.click(screen.getByRole("button", { name: "Prolonger" }));

    expect(await screen.findByText("Date limite prolongée.")).toBeTruthy();
    expect(sent(requests, "ExtendCallDeadline")).toEqual({
      id: "Q2FsbDo3",
      deadlineAt: "2027-08-15T21:59:00.000Z",
      reason: "Grève postale",
    });
  });

  it.each([
    [{ __typename: "InvalidInputError", fieldErrors: [{ field: "deadlineAt", code: "NOT_LATER" }] }, "La nouvelle date limite doit être postérieure à l'actuelle."],
    [{ __typename: "InvalidTransitionError", currentStatus: "CLOSED", requestedStatus: "CLOSED" }, "Étape refusée : l'appel est « Clos »"],
  ])("shows the refusal of extendCallDeadline %#", async (extendCallDeadline, message) => {
    mockGraphQL(callsApi(manager(), { ExtendCallDeadline: () => ({ extendCallDeadline }) }, managedCall({ status: "OPEN" })));
    await renderApp(`${PATH}/deadline`);
    fireEvent.change(await screen.findByLabelText(/^Motif de la prolongation/), { target: { value: "Grève" } });
    fireEvent.change(screen.getByLabelText(/^Nouvelle date limite/), { target: { value: "2027-07-01T12:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Prolonger" }));

    expect((await screen.findAllByText(new RegExp(message))).length).toBeGreaterThan(0);
  });

  it("lets a co-funder's manager accept its share, and shows a refusal", async () => {
    let attempt = 0;
    const requests = mockGraphQL(
      callsApi(anapManager(), {
        RespondToCoFunding: () =>
          ++attempt === 1
            ? { respondToCoFunding: { __typename: "PermissionDeniedError" } }
            : { respondToCoFunding: { __typename: "CallPayload", call: managedCall() } },
      }),
    );
    await renderApp(`${PATH}/funders`);
    expect(await screen.findByText(/Lecture seule : votre financeur n'a pas accepté sa part/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Accepter la part" }));
    expect(await screen.findByText("Vous n'avez pas le droit de faire cette modification.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Accepter la part" }));

    expect(await screen.findByText("Réponse enregistrée.")).toBeTruthy();
    expect(sent(requests, "RespondToCoFunding")).toEqual({ callId: "Q2FsbDo3", funderId: "RnVuZGVyOjI=", accept: true });
  });

  it.each([
    ["NotFoundError", "Appel, programme ou financeur introuvable"],
    ["PermissionDeniedError", "Vous n'avez pas le droit de faire cette modification."],
    ["AuthenticationRequiredError", "Votre session a expiré : reconnectez-vous."],
  ])("shows %s of updateCall at the top of the section's form", async (typename, message) => {
    mockGraphQL(callsApi(manager(), { UpdateCall: () => ({ updateCall: { __typename: typename } }) }));
    await renderApp(`${PATH}/eligibility`);
    fireEvent.click(await screen.findByRole("button", { name: "Enregistrer" }));

    expect(await screen.findByText(new RegExp(message))).toBeTruthy();
  });

  it.each([
    [{ __typename: "InvalidInputError", fieldErrors: [{ field: "funderId", code: "UNKNOWN" }] }, "Général : Élément introuvable."],
    [{ __typename: "NotFoundError" }, "Appel, programme ou financeur introuvable"],
    [{ __typename: "AuthenticationRequiredError" }, "Votre session a expiré : reconnectez-vous."],
  ])("shows the refusal of respondToCoFunding %#", async (respondToCoFunding, message) => {
    mockGraphQL(callsApi(anapManager(), { RespondToCoFunding: () => ({ respondToCoFunding }) }));
    await renderApp(`${PATH}/funders`);
    fireEvent.click(await screen.findByRole("button", { name: "Refuser la part" }));

    expect(await screen.findByText(new RegExp(message))).toBeTruthy();
  });

  it.each(["", "translations", "form", "grid", "eligibility", "funders", "status", "deadline"])(
    "shows a funder viewer the section %j without any form, and says why",
    async (section) => {
      mockGraphQL(callsApi(viewer(), {}, managedCall({ status: "OPEN" })));
      await renderApp(section ? `${PATH}/${section}` : PATH, "en");

      expect(await screen.findByText(/Read only: you are a funder viewer/)).toBeTruthy();
      expect(screen.getAllByRole("heading", { level: 2 }).length).toBeGreaterThan(0);
      expect(document.querySelector("main form")).toBeNull();
      expect(within(screen.getByRole("main")).queryByRole("button")).toBeNull();
    },
  );

  it.each(["fr", "en", "de"] as AppLanguage[])("shows no raw key in %s, in every section", async (language) => {
    for (const section of ["", "translations", "form", "grid", "eligibility", "funders", "status", "deadline"]) {
      mockGraphQL(callsApi(manager(), {}, managedCall({ status: "OPEN", funders: [{ status: "ACCEPTED", respondedAt: "2027-01-02T10:00:00Z", share: { cents: 1, currency: "EUR" }, funder: DGOS }] })));
      const view = await renderApp(section ? `${PATH}/${section}` : PATH, language);
      await screen.findByRole("heading", { level: 2 });
      expect(document.body.textContent).not.toMatch(RAW_KEY);
      view.unmount();
    }
  });
});
