import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../i18n";
import { renderApp } from "../test/render";
import { fakeApi, operations, watchRawKeys } from "./test/api";
import { candidaciesData, candidacy } from "./test/fixtures";

describe("my candidacies", () => {
  const expectNoRawKey = watchRawKeys();

  it("sends /my to the candidacies", async () => {
    fakeApi({ MyCandidacies: candidaciesData([]) });
    await renderApp("/my");
    expect(await screen.findByRole("heading", { level: 1, name: "Mes candidatures" })).toBeTruthy();
  });

  it("answers an unknown path of the area with the not-found page", async () => {
    fakeApi({});
    await renderApp("/my/nowhere");
    expect(await screen.findByRole("heading", { level: 1, name: "Page introuvable" })).toBeTruthy();
  });

  it("sends anonymous visitors to sign in, then back", async () => {
    fakeApi({}, { me: null });
    await renderApp("/my/candidacies");
    expect(await screen.findByRole("heading", { level: 1, name: "Connexion" })).toBeTruthy();
  });

  it("lists each candidacy with its call, status, deadline in the call's zone, last change and link", async () => {
    fakeApi({
      MyCandidacies: candidaciesData([
        candidacy({ id: "Q2FuZGlkYWN5OjE=" }),
        candidacy({ id: "Q2FuZGlkYWN5OjI=", acronym: null, title: "Autre projet", status: "SUBMITTED", hasUnsubmittedChanges: true }),
      ]),
    });
    await renderApp("/my/candidacies");

    const link = await screen.findByRole("link", { name: "PSA — Parcours de soins augmenté" });
    expect(link.getAttribute("href")).toBe("/candidacies/Q2FuZGlkYWN5OjE=");
    const card = link.closest("li") as HTMLElement;
    expect(within(card).getByText("Brouillon")).toBeTruthy();
    expect(within(card).getByText(/Appel : IA et parcours de soins · Porteur : AP-HP/)).toBeTruthy();
    expect(within(card).getByText("Date limite : 31 mars 2027 à 12:00 UTC+2")).toBeTruthy();
    expect(within(card).getByText(/Dernière modification : 1 février 2027 à 10:30/)).toBeTruthy();
    expect(screen.getByText("Déposée")).toBeTruthy();
    expect(screen.getByText("Modifiée depuis le dépôt")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe("2 candidatures");
    const nav = screen.getByRole("navigation", { name: "Mon espace" });
    expect(within(nav).getByRole("link", { name: "Mes candidatures" }).getAttribute("aria-current")).toBe("page");
    expect(within(nav).getByRole("link", { name: "Mes organisations" }).getAttribute("aria-current")).toBeNull();
  });

  it("points to the open calls when there is none", async () => {
    fakeApi({ MyCandidacies: candidaciesData([]) });
    await renderApp("/my/candidacies");
    const link = await screen.findByRole("link", { name: "Voir les appels à projets ouverts" });
    expect(link.getAttribute("href")).toBe("/calls");
  });

  it("pages through more than a page with the cursors, and back", async () => {
    const calls = fakeApi({
      MyCandidacies: (variables: Record<string, unknown>) =>
        variables.after
          ? candidaciesData([candidacy({ id: "Q2FuZGlkYWN5OjIx", acronym: "LAST" })], { totalCount: 21 })
          : candidaciesData([candidacy({ id: "Q2FuZGlkYWN5OjE=" })], { totalCount: 21, hasNextPage: true, endCursor: "c20" }),
    });
    await renderApp("/my/candidacies");

    expect(await screen.findByText("Page 1 sur 2")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Page suivante" }));
    expect(await screen.findByText("Page 2 sur 2")).toBeTruthy();
    expect(await screen.findByRole("link", { name: /^LAST/ })).toBeTruthy();
    expect(operations(calls, "MyCandidacies").map((call) => call.variables.after ?? null)).toEqual([null, "c20"]);
    fireEvent.click(screen.getByRole("button", { name: "Page précédente" }));
    expect(await screen.findByText("Page 1 sur 2")).toBeTruthy();
  });

  it.each(LANGUAGES)("renders in %s with no raw key", async (language) => {
    fakeApi({ MyCandidacies: candidaciesData([candidacy({ id: "Q2FuZGlkYWN5OjE=", status: "WITHDRAWN" })]) });
    await renderApp("/my/candidacies", language);
    await screen.findByRole("link", { name: "PSA — Parcours de soins augmenté" });
    expectNoRawKey();
  });
});
