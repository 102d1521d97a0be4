import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../i18n";
import { meData } from "../test/fixtures";
import { renderApp } from "../test/render";
import { fakeApi, operations, watchRawKeys } from "./test/api";
import { ERRORS, invalidInput, invitation, invitationsData } from "./test/fixtures";

const accepted = {
  respondToPartnerInvitation: {
    __typename: "RespondToPartnerInvitationPayload",
    partner: { id: "Q2FuZGlkYWN5UGFydG5lcjo5", status: "ACCEPTED" },
    candidacy: { id: "Q2FuZGlkYWN5OjQ=" },
  },
};

async function answer(button: "Accepter" | "Décliner") {
  fireEvent.click(await screen.findByRole("button", { name: button }));
  const question = await screen.findByText(button === "Accepter" ? /^Accepter que AP-HP rejoigne/ : /^Décliner l’invitation/);
  await waitFor(() => expect(document.activeElement).toBe(question));
  fireEvent.click(screen.getByRole("button", { name: button === "Accepter" ? "Oui, accepter" : "Oui, décliner" }));
}

describe("partner invitations", () => {
  const expectNoRawKey = watchRawKeys();

  it("shows what the invitation asks, and accepts it after confirmation", async () => {
    let answered = false;
    const calls = fakeApi({
      MyPartnerInvitations: () => invitationsData(answered ? [] : [invitation()]),
      RespondToPartnerInvitation: () => ((answered = true), accepted),
    });
    await renderApp("/my/invitations");

    const item = (await screen.findByRole("heading", { level: 2, name: /TELECARD/ })).closest("article") as HTMLElement;
    expect(within(item).getByText("IA et parcours de soins (IMPACT-IA-2027)")).toBeTruthy();
    expect(within(item).getByText("CHU de Lille")).toBeTruthy();
    expect(within(item).getByText("AP-HP, comme partenaire")).toBeTruthy();
    expect(within(item).getByText("120 000 €")).toBeTruthy();
    expect(within(item).getByText("31 mars 2027 à 12:00 UTC+2 (fuseau de l’appel : Europe/Paris)")).toBeTruthy();
    await answer("Accepter");

    expect(await screen.findByRole("heading", { level: 2, name: /Invitation à « TELECARD — .* » acceptée\./ })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Ouvrir la candidature" }).getAttribute("href")).toBe("/candidacies/Q2FuZGlkYWN5OjQ=");
    expect(operations(calls, "RespondToPartnerInvitation")[0]?.variables).toEqual({
      id: "Q2FuZGlkYWN5UGFydG5lcjo5",
      accept: true,
    });
    expect(await screen.findByText("Aucune invitation en attente pour vos organisations.")).toBeTruthy();
  });

  it("declines only once confirmed, and can be cancelled", async () => {
    const calls = fakeApi({
      MyPartnerInvitations: invitationsData([invitation()]),
      RespondToPartnerInvitation: {
        respondToPartnerInvitation: { ...accepted.respondToPartnerInvitation, candidacy: null },
      },
    });
    await renderApp("/my/invitations");
    fireEvent.click(await screen.findByRole("button", { name: "Décliner" }));
    fireEvent.click(screen.getByRole("button", { name: "Annuler" }));
    expect(operations(calls, "RespondToPartnerInvitation")).toHaveLength(0);
    await answer("Décliner");
    expect(await screen.findByRole("heading", { level: 2, name: /déclinée\.$/ })).toBeTruthy();
    expect(operations(calls, "RespondToPartnerInvitation")[0]?.variables.accept).toBe(false);
  });

  it.each([
    ["DeadlinePassedError", /^La date limite est passée \(31 mars 2027 à 12:00 UTC\+2\)/],
    ["CallNotOpenError", /^Cet appel n’accepte pas de candidature/],
    ["CandidacyNotEditableError", /statut : Déposée/],
    ["NotFoundError", /^Cette invitation n’existe plus/],
    ["PermissionDeniedError", /^Seuls les administrateurs de AP-HP/],
    ["AuthenticationRequiredError", /^Votre session a expiré/],
  ] as const)("shows %s on the invitation", async (typename, text) => {
    fakeApi({
      MyPartnerInvitations: invitationsData([invitation()]),
      RespondToPartnerInvitation: { respondToPartnerInvitation: ERRORS[typename] },
    });
    await renderApp("/my/invitations");
    await answer("Accepter");
    expect((await screen.findByRole("alert")).textContent).toMatch(text);
  });

  it.each([
    ["fr", "America/New_York", "31 mars 2027 à 06:00 UTC−4 (fuseau de l’appel : America/New_York)"],
    ["en", "Asia/Tokyo", "March 31, 2027 at 07:00 PM GMT+9 (the call's time zone: Asia/Tokyo)"],
    ["de", "Europe/Berlin", "31. März 2027 um 12:00 MESZ (Zeitzone des Aufrufs: Europe/Berlin)"],
  ] as const)("shows the deadline in %s in the call's zone %s, named", async (language, timezone, text) => {
    const deadlineLocal = "2027-03-31T10:00:00+00:00"; // the instant; its offset does not matter
    fakeApi({ MyPartnerInvitations: invitationsData([invitation({ timezone, deadlineLocal })]) });
    await renderApp("/my/invitations", language);
    await screen.findByRole("heading", { level: 2, name: /TELECARD/ });
    expect(screen.getByText(text)).toBeTruthy();
  });

  it("shows an invitation answered meanwhile", async () => {
    fakeApi({
      MyPartnerInvitations: invitationsData([invitation()]),
      RespondToPartnerInvitation: { respondToPartnerInvitation: invalidInput(["id", "NOT_PENDING"]) },
    });
    await renderApp("/my/invitations");
    await answer("Accepter");
    expect((await screen.findByRole("alert")).textContent).toBe("Cette invitation a déjà reçu une réponse.");
  });

  it("lets a plain member read an invitation, not answer it", async () => {
    const me = meData();
    me.me!.memberships = [{ role: "MEMBER", organisation: { id: "T3JnOjE=", name: "AP-HP" } }];
    fakeApi({ MyPartnerInvitations: invitationsData([invitation()]) }, me);
    await renderApp("/my/invitations");
    expect(await screen.findByText("Seuls les administrateurs de AP-HP répondent à cette invitation.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Accepter" })).toBeNull();
  });

  it.each(LANGUAGES)("renders in %s with no raw key", async (language) => {
    fakeApi({ MyPartnerInvitations: invitationsData([invitation({ role: "SUBCONTRACTOR" })]) });
    await renderApp("/my/invitations", language);
    await screen.findByRole("heading", { level: 2, name: /TELECARD/ });
    expectNoRawKey();
  });
});

describe("an invitation by e-mail", () => {
  const expectNoRawKey = watchRawKeys();
  const acceptedByEmail = {
    respondToEmailInvitation: {
      __typename: "RespondToEmailInvitationPayload",
      status: "ACCEPTED",
      organisation: { id: "T3JnOjEy", name: "Start-up Santé" },
      candidacy: { id: "Q2FuZGlkYWN5OjQ=" },
    },
  };

  async function answerWith(code: string | null, button: "Accepter" | "Décliner" = "Accepter") {
    const field = await screen.findByLabelText(/^Code d’invitation/);
    if (code !== null) fireEvent.change(field, { target: { value: code } });
    fireEvent.click(screen.getByRole("button", { name: button }));
    fireEvent.click(await screen.findByRole("button", { name: button === "Accepter" ? "Oui, accepter" : "Oui, décliner" }));
  }

  it("takes the code from the mailed link, and accepts", async () => {
    const calls = fakeApi({ RespondToEmailInvitation: acceptedByEmail });
    await renderApp("/my/invitations/email#code=aapi_secret-code");
    expect(((await screen.findByLabelText(/^Code d’invitation/)) as HTMLInputElement).value).toBe("aapi_secret-code");
    await answerWith(null);

    expect(await screen.findByRole("heading", { level: 2, name: /^Invitation acceptée/ })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Voir Start-up Santé" }).getAttribute("href")).toBe("/my/organisations/T3JnOjEy");
    expect(screen.getByRole("link", { name: "Ouvrir la candidature" }).getAttribute("href")).toBe("/candidacies/Q2FuZGlkYWN5OjQ=");
    expect(operations(calls, "RespondToEmailInvitation")[0]?.variables).toEqual({ token: "aapi_secret-code", accept: true });
  });

  it("declines with a typed code", async () => {
    fakeApi({
      RespondToEmailInvitation: {
        respondToEmailInvitation: { __typename: "RespondToEmailInvitationPayload", status: "DECLINED", organisation: null, candidacy: null },
      },
    });
    await renderApp("/my/invitations/email");
    await answerWith(" typed-code ", "Décliner");
    expect(await screen.findByRole("heading", { level: 2, name: "Invitation déclinée." })).toBeTruthy();
  });

  it.each([
    ["INVALID_OR_EXPIRED", /^Ce code est inconnu/],
    ["ALREADY_REGISTERED", /^Une organisation avec ces identifiants/],
  ])("shows a refused code (%s) next to the field", async (code, text) => {
    fakeApi({ RespondToEmailInvitation: { respondToEmailInvitation: invalidInput(["token", code]) } });
    await renderApp("/my/invitations/email");
    await answerWith("bad");
    expect(await screen.findByText(text)).toBeTruthy();
    expect(screen.getByLabelText(/^Code d’invitation/).getAttribute("aria-invalid")).toBe("true");
  });

  it.each([
    ["DeadlinePassedError", /^La date limite est passée/],
    ["CallNotOpenError", /^Cet appel n’accepte pas/],
    ["CandidacyNotEditableError", /statut : Déposée/],
    ["NotFoundError", /^Ce code est inconnu/],
    ["PermissionDeniedError", /^Ce code est inconnu/],
    ["AuthenticationRequiredError", /^Votre session a expiré/],
  ] as const)("shows %s at the top", async (typename, text) => {
    fakeApi({ RespondToEmailInvitation: { respondToEmailInvitation: ERRORS[typename] } });
    await renderApp("/my/invitations/email");
    await answerWith("code");
    expect((await screen.findByRole("alert")).textContent).toMatch(text);
  });

  it.each(LANGUAGES)("renders in %s with no raw key", async (language) => {
    fakeApi({ RespondToEmailInvitation: { respondToEmailInvitation: invalidInput(["token", "INVALID_OR_EXPIRED"]) } });
    await renderApp("/my/invitations/email", language);
    await screen.findByRole("textbox");
    expectNoRawKey();
  });
});
