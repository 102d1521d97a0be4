import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsListData } from "../test/fixtures";
import { mockGraphQL, renderApp } from "../test/render";

describe("the page frame", () => {
  it("switches the language from the header, sets <html lang> and remembers the choice", async () => {
    const requests = mockGraphQL(() => callsListData());
    await renderApp("/calls", "fr");
    await screen.findByRole("heading", { level: 1, name: "Appels à projets" });

    // The header repeats its quick access items in the mobile menu: take the first.
    fireEvent.click(screen.getAllByRole("link", { name: /Deutsch/ })[0]!);

    expect(await screen.findByRole("heading", { level: 1, name: "Projektaufrufe" })).toBeTruthy();
    expect(document.documentElement.lang).toBe("de");
    expect(localStorage.getItem("aap.language")).toBe("de");
    // The titles are asked again in the new language.
    expect(requests.at(-1)?.variables).toMatchObject({ language: "DE" });
  });

  it("offers skip links to the content and the footer", async () => {
    mockGraphQL(() => callsListData());
    await renderApp("/calls", "en");

    expect(screen.getByRole("link", { name: "Content" }).getAttribute("href")).toBe("#main");
    expect(screen.getByRole("link", { name: "Footer" }).getAttribute("href")).toBe("#footer");
    expect(document.getElementById("main")?.tagName).toBe("MAIN");
  });
});
