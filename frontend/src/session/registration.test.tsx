import { QueryClient } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { StrictMode } from "react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import { startI18n } from "../i18n";
import { callsListData } from "../test/fixtures";
import { mockGraphQL, renderApp, type GraphQLCall } from "../test/render";

/** A fake API, anonymous, answering `mutationName` with `result`. */
function fakeApi(mutationName: string, result: unknown) {
  return mockGraphQL(({ query }: GraphQLCall) => {
    if (query.includes("query Me")) return { me: null };
    if (query.includes(`mutation ${mutationName.charAt(0).toUpperCase()}${mutationName.slice(1)}(`)) {
      return { [mutationName]: result };
    }
    return callsListData();
  });
}

const mutationCalls = (requests: GraphQLCall[], name: string) =>
  requests.filter(({ query }) => query.includes(`mutation ${name}(`));

const TOO_MANY = {
  __typename: "TooManyAttemptsError",
  code: "TOO_MANY_ATTEMPTS",
  retryAt: "2026-12-03T19:30:00Z",
  retryAfterSeconds: 120,
};

function change(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function submit(label: string | RegExp) {
  fireEvent.submit(screen.getByLabelText(label).closest("form") as HTMLFormElement);
}

async function fillSignUp() {
  change("Nom complet", (await screen.findByLabelText("Nom complet")) && "Camille Martin");
  change("Adresse électronique", "camille@example.org");
  change(/^Mot de passe/, "a-long-password-2026");
  change(/^Langue des courriels/, "de");
  submit("Nom complet");
}

describe("the sign-up page", () => {
  it("labels its fields for autofill, states the minimum and defaults the language", async () => {
    fakeApi("signUp", { __typename: "MailSentPayload" });
    await renderApp("/sign-up", "en");

    const name = (await screen.findByLabelText("Full name")) as HTMLInputElement;
    const password = screen.getByLabelText(/^Password/) as HTMLInputElement;
    expect(name.autocomplete).toBe("name");
    expect([password.type, password.autocomplete, password.minLength]).toEqual(["password", "new-password", 12]);
    expect(screen.getByText("At least 12 characters.")).toBeTruthy();
    expect((screen.getByLabelText(/^Language of the emails/) as HTMLSelectElement).value).toBe("en");
    expect(screen.getByRole("heading", { level: 1, name: "Create an account" })).toBeTruthy();
  });

  it("sends the details and says to check the mailbox, not that the address is new", async () => {
    const requests = fakeApi("signUp", { __typename: "MailSentPayload", ok: true });
    await renderApp("/sign-up");
    await fillSignUp();

    expect(await screen.findByRole("heading", { level: 2, name: "Consultez votre messagerie" })).toBeTruthy();
    expect(screen.getByText(/Un courriel a été envoyé à camille@example.org/)).toBeTruthy();
    expect(mutationCalls(requests, "SignUp")[0]?.variables).toEqual({
      email: "camille@example.org",
      password: "a-long-password-2026",
      fullName: "Camille Martin",
      language: "DE",
    });
  });

  it("shows each invalid field under it and announces it", async () => {
    fakeApi("signUp", {
      __typename: "InvalidInputError",
      code: "INVALID_INPUT",
      fieldErrors: [
        { field: "password", code: "TOO_SHORT", message: "at least 12 characters are required" },
        { field: "email", code: "INVALID_EMAIL", message: "not a valid email address" },
      ],
    });
    await renderApp("/sign-up");
    await fillSignUp();

    expect((await screen.findByRole("alert")).textContent).toBe("Vérifiez les champs signalés.");
    expect(screen.getByText("Choisissez un mot de passe d’au moins 12 caractères.")).toBeTruthy();
    expect(screen.getByText("Saisissez une adresse électronique valide.")).toBeTruthy();
    expect(screen.getByLabelText(/^Mot de passe/).getAttribute("aria-invalid")).toBe("true");
  });

  it("announces too many attempts with when to retry", async () => {
    fakeApi("signUp", TOO_MANY);
    await renderApp("/sign-up");
    await fillSignUp();

    expect((await screen.findByRole("alert")).textContent).toMatch(/^Trop de tentatives .* 2 min/);
  });

  it("is linked from the sign-in page and the header, as is the forgotten password", async () => {
    fakeApi("signUp", {});
    await renderApp("/sign-in", "en");

    const main = await screen.findByRole("main");
    expect((await within(main).findByRole("link", { name: "Create an account" })).getAttribute("href")).toBe(
      "/sign-up",
    );
    const header = screen.getByRole("banner");
    expect(within(header).getAllByRole("link", { name: "Create an account" })[0]?.getAttribute("href")).toBe(
      "/sign-up",
    );
    expect(screen.getByRole("link", { name: "Forgot your password?" }).getAttribute("href")).toBe(
      "/forgot-password",
    );
  });
});

describe("the confirm-email page", () => {
  it("confirms the code of the link once and links to sign in", async () => {
    const requests = fakeApi("confirmSignUp", {
      __typename: "SignUpConfirmedPayload",
      user: { id: "VXNlcjox", email: "camille@example.org" },
    });
    await renderApp("/confirm-email#code=su_abc");

    expect(await screen.findByText("Votre compte est créé. Vous pouvez maintenant vous connecter.")).toBeTruthy();
    expect(within(screen.getByRole("main")).getByRole("link", { name: "Se connecter" }).getAttribute("href")).toBe("/sign-in");
    const calls = mutationCalls(requests, "ConfirmSignUp");
    expect(calls.map(({ variables }) => variables)).toEqual([{ code: "su_abc" }]);
  });

  it("sends a code once even when effects run twice (StrictMode, as in development)", async () => {
    const requests = fakeApi("confirmSignUp", {
      __typename: "SignUpConfirmedPayload",
      user: { id: "VXNlcjox", email: "camille@example.org" },
    });
    await startI18n("fr");
    render(
      <StrictMode>
        <MemoryRouter initialEntries={["/confirm-email#code=su_abc"]}>
          <App queryClient={new QueryClient()} />
        </MemoryRouter>
      </StrictMode>,
    );

    expect(await screen.findByText("Votre compte est créé. Vous pouvez maintenant vous connecter.")).toBeTruthy();
    expect(mutationCalls(requests, "ConfirmSignUp")).toHaveLength(1);
  });

  it("says a used or expired link is invalid and links to sign up again", async () => {
    fakeApi("confirmSignUp", { __typename: "InvalidCodeError", code: "INVALID_CODE", message: "" });
    await renderApp("/confirm-email#code=su_old");

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Ce lien n’est pas valide : il a peut-être expiré ou déjà servi.",
    );
    const again = screen.getByRole("link", { name: "Recommencer l’inscription" });
    expect(again.getAttribute("href")).toBe("/sign-up");
  });

  it("says so without calling the API when the link has no code", async () => {
    const requests = fakeApi("confirmSignUp", {});
    await renderApp("/confirm-email");

    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(mutationCalls(requests, "ConfirmSignUp")).toEqual([]);
  });
});

describe("the forgot-password page", () => {
  it("answers neutrally whether or not the address has an account", async () => {
    const requests = fakeApi("requestPasswordReset", { __typename: "MailSentPayload", ok: true });
    await renderApp("/forgot-password");
    fireEvent.change(await screen.findByLabelText("Adresse électronique"), {
      target: { value: "camille@example.org" },
    });
    submit("Adresse électronique");

    expect(await screen.findByText(/^Si un compte existe pour camille@example.org/)).toBeTruthy();
    expect(mutationCalls(requests, "RequestPasswordReset")[0]?.variables).toEqual({ email: "camille@example.org" });
  });

  it("announces too many attempts", async () => {
    fakeApi("requestPasswordReset", TOO_MANY);
    await renderApp("/forgot-password", "de");
    fireEvent.change(await screen.findByLabelText("E-Mail-Adresse"), { target: { value: "a@example.org" } });
    submit("E-Mail-Adresse");

    expect((await screen.findByRole("alert")).textContent).toMatch(/^Zu viele Versuche/);
  });
});

describe("the reset-password page", () => {
  async function typePasswords(first: string, second: string) {
    const [password] = await screen.findAllByLabelText(/^Nouveau mot de passe/);
    fireEvent.change(password as HTMLElement, { target: { value: first } });
    change("Nouveau mot de passe (confirmation)", second);
    submit("Nouveau mot de passe (confirmation)");
  }

  it("sets the new password with the link's code and links to sign in", async () => {
    const requests = fakeApi("resetPassword", {
      __typename: "PasswordResetPayload",
      user: { id: "VXNlcjox", email: "camille@example.org" },
    });
    await renderApp("/reset-password#code=pr_abc");
    await typePasswords("another-long-password", "another-long-password");

    expect(await screen.findByText(/^Votre mot de passe est changé/)).toBeTruthy();
    expect(within(screen.getByRole("main")).getByRole("link", { name: "Se connecter" })).toBeTruthy();
    expect(mutationCalls(requests, "ResetPassword")[0]?.variables).toEqual({
      code: "pr_abc",
      password: "another-long-password",
    });
  });

  it("announces passwords that differ, next to the second, without calling the API", async () => {
    const requests = fakeApi("resetPassword", {});
    await renderApp("/reset-password#code=pr_abc");
    await typePasswords("another-long-password", "another-long-passwort");

    expect((await screen.findByRole("alert")).textContent).toBe("Vérifiez les champs signalés.");
    expect(screen.getByText("Les deux mots de passe diffèrent.")).toBeTruthy();
    expect(screen.getByLabelText("Nouveau mot de passe (confirmation)").getAttribute("aria-invalid")).toBe("true");
    expect(mutationCalls(requests, "ResetPassword")).toEqual([]);
  });

  it("shows a too short password under its field", async () => {
    fakeApi("resetPassword", {
      __typename: "InvalidInputError",
      code: "INVALID_INPUT",
      fieldErrors: [{ field: "password", code: "TOO_SHORT", message: "" }],
    });
    await renderApp("/reset-password#code=pr_abc");
    await typePasswords("short", "short");

    expect(await screen.findByText("Choisissez un mot de passe d’au moins 12 caractères.")).toBeTruthy();
  });

  it("says a used or expired link is invalid and links to ask again", async () => {
    fakeApi("resetPassword", { __typename: "InvalidCodeError", code: "INVALID_CODE", message: "" });
    await renderApp("/reset-password#code=pr_old");
    await typePasswords("another-long-password", "another-long-password");

    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe(
        "Ce lien n’est pas valide : il a peut-être expiré ou déjà servi.",
      ),
    );
    expect(screen.getByRole("link", { name: "Demander un nouveau lien" }).getAttribute("href")).toBe(
      "/forgot-password",
    );
  });
});
