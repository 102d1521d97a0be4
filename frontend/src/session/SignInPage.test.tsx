import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AppLanguage } from "../i18n";
import { callsListData, meData } from "../test/fixtures";
import { mockGraphQL, renderApp, type GraphQLCall } from "../test/render";

const PASSWORD = "demo-password-2026";

/** A fake API with one account: `login` sets the session that `me` then returns. */
function fakeApi(login: (variables: Record<string, unknown>) => unknown = defaultLogin) {
  let signedIn = false;
  const requests = mockGraphQL(({ query, variables }: GraphQLCall) => {
    if (query.includes("mutation Login")) {
      const result = login(variables) as { __typename: string };
      signedIn = result.__typename === "LoginPayload";
      return { login: result };
    }
    if (query.includes("mutation Logout")) {
      signedIn = false;
      return { logout: { __typename: "LogoutPayload" } };
    }
    if (query.includes("query Me")) return signedIn ? meData() : { me: null };
    return callsListData();
  });
  return requests;
}

function defaultLogin(variables: Record<string, unknown>) {
  return variables.password === PASSWORD
    ? { __typename: "LoginPayload" }
    : { __typename: "InvalidCredentialsError", code: "INVALID_CREDENTIALS" };
}

const LABELS: Record<AppLanguage, { email: string; password: string; submit: string }> = {
  fr: { email: "Adresse électronique", password: "Mot de passe", submit: "Se connecter" },
  en: { email: "Email address", password: "Password", submit: "Sign in" },
  de: { email: "E-Mail-Adresse", password: "Passwort", submit: "Anmelden" },
};

async function signIn(password: string, language: AppLanguage = "fr") {
  const labels = LABELS[language];
  fireEvent.change(await screen.findByLabelText(labels.email), {
    target: { value: "applicant.aphp@demo.aap.example" },
  });
  fireEvent.change(screen.getByLabelText(labels.password), { target: { value: password } });
  const form = screen.getByLabelText(labels.email).closest("form");
  fireEvent.submit(form as HTMLFormElement);
}

describe("the sign-in page", () => {
  it("labels its fields for the browser's autofill and requires them", async () => {
    fakeApi();
    await renderApp("/sign-in");

    const email = (await screen.findByLabelText("Adresse électronique")) as HTMLInputElement;
    const password = screen.getByLabelText("Mot de passe") as HTMLInputElement;
    expect([email.type, email.autocomplete, email.required]).toEqual(["email", "email", true]);
    expect([password.type, password.autocomplete, password.required]).toEqual([
      "password",
      "current-password",
      true,
    ]);
    expect(screen.getByRole("heading", { level: 1, name: "Connexion" })).toBeTruthy();
  });

  it.each<[AppLanguage, string]>([
    ["fr", "Adresse électronique ou mot de passe incorrect."],
    ["en", "Email address or password incorrect."],
    ["de", "E-Mail-Adresse oder Passwort ist falsch."],
  ])("announces wrong credentials in %s", async (language, message) => {
    const requests = fakeApi();
    await renderApp("/sign-in", language);
    await signIn("wrong", language);

    expect((await screen.findByRole("alert")).textContent).toBe(message);
    const login = requests.find(({ query }) => query.includes("mutation Login"));
    expect(login?.query).toContain("inCookie: true");
    expect(login?.variables).toEqual({ email: "applicant.aphp@demo.aap.example", password: "wrong" });
  });

  it("says when to try again after too many attempts", async () => {
    fakeApi(() => ({
      __typename: "TooManyAttemptsError",
      retryAt: "2027-01-01T10:05:00+00:00",
      retryAfterSeconds: 300,
    }));
    await renderApp("/sign-in", "en");
    await signIn("wrong", "en");

    expect((await screen.findByRole("alert")).textContent).toMatch(
      /^Too many sign-in attempts from this address\. Try again in 5 minutes and 0 seconds \(from .*2027.*\)\.$/,
    );
  });

  it("shows a field's problem under the field, and announces the form's", async () => {
    fakeApi(() => ({
      __typename: "InvalidInputError",
      fieldErrors: [{ field: "email", code: "INVALID_EMAIL", message: "Not an email address." }],
    }));
    await renderApp("/sign-in");
    await signIn("whatever");

    expect((await screen.findByRole("alert")).textContent).toBe("Vérifiez les champs signalés.");
    const email = screen.getByLabelText("Adresse électronique");
    expect(email.getAttribute("aria-invalid")).toBe("true");
    const describedBy = email.getAttribute("aria-describedby") ?? "";
    const messages = describedBy.split(" ").map((id) => document.getElementById(id)?.textContent ?? "");
    expect(messages.join(" ")).toContain("Saisissez une adresse électronique valide.");
  });

  it("goes back to the page named by next= once signed in", async () => {
    fakeApi();
    await renderApp("/sign-in?next=%2Fcalls");
    await signIn(PASSWORD);

    expect(await screen.findByRole("heading", { level: 1, name: "Appels à projets" })).toBeTruthy();
    // The header now shows who is signed in.
    expect(screen.getAllByRole("link", { name: "Alice Martin" }).length).toBeGreaterThan(0);
  });

  it.each(["https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example"])(
    "refuses next=%s and goes to the account",
    async (next) => {
      fakeApi();
      await renderApp(`/sign-in?next=${next}`);
      await signIn(PASSWORD);

      expect(await screen.findByRole("heading", { level: 1, name: "Mon compte" })).toBeTruthy();
    },
  );

  it("signs out from the header and goes home", async () => {
    const requests = fakeApi();
    await renderApp("/sign-in");
    await signIn(PASSWORD);
    await screen.findByRole("heading", { level: 1, name: "Mon compte" });

    fireEvent.click(screen.getAllByRole("button", { name: "Se déconnecter" })[0]!);

    expect(await screen.findByRole("heading", { level: 1, name: "Appels à projets" })).toBeTruthy();
    expect((await screen.findAllByRole("link", { name: "Se connecter" })).length).toBeGreaterThan(0);
    expect(requests.some(({ query }) => query.includes("mutation Logout"))).toBe(true);
  });
});

describe("signing out", () => {
  it("says so when the server cannot be reached, and keeps the session shown", async () => {
    let reachable = true;
    mockGraphQL(({ query }) => {
      if (query.includes("mutation Logout") && !reachable) throw new TypeError("Failed to fetch");
      return query.includes("query Me") ? meData() : callsListData();
    });
    await renderApp("/calls", "en");
    const signOut = await screen.findAllByRole("button", { name: "Sign out" });
    reachable = false;
    fireEvent.click(signOut[0]!);

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Signing out failed: the server does not answer. Try again.",
    );
    expect(screen.getAllByRole("link", { name: "Alice Martin" }).length).toBeGreaterThan(0);
  });
});
