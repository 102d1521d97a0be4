import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { meData } from "../test/fixtures";
import { mockGraphQL, renderApp } from "../test/render";

describe("a page that requires a session", () => {
  it("sends an anonymous visitor to sign in, to come back after", async () => {
    mockGraphQL(() => ({ me: null }));
    await renderApp("/account");

    expect(await screen.findByRole("heading", { level: 1, name: "Connexion" })).toBeTruthy();
    // The header's sign-in link keeps the way back too.
    const link = screen.getAllByRole("link", { name: "Se connecter" })[0]!;
    expect(link.getAttribute("href")).toBe("/sign-in?next=%2Faccount");
  });

  it("shows the signed-in user's account", async () => {
    mockGraphQL(() => meData());
    await renderApp("/account", "en");

    expect(await screen.findByRole("heading", { level: 1, name: "My account" })).toBeTruthy();
    expect(screen.getByText("applicant.aphp@demo.aap.example")).toBeTruthy();
    expect(screen.getByText("Français")).toBeTruthy();
    expect(screen.getByText("Expert")).toBeTruthy();
    expect(screen.getByText("AP-HP (administrator)")).toBeTruthy();
  });
});
