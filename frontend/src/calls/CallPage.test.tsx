import { screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEADLINE, callPageData } from "../test/fixtures";
import { mockFetch, mockGraphQL, renderApp } from "../test/render";

const HOUR = 3_600_000;
/** Intl separates numbers and units with no-break spaces: compare with plain ones. */
const text = (element: HTMLElement) => element.textContent?.replace(/\s/g, " ");
const DAY = 24 * HOUR;

describe("a call's page", () => {
  beforeEach(() => {
    // The device's clock is years off: only Date is faked, timers run for real.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2020-01-01T00:00:00Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("counts down to the deadline from the server's time, not the device's", async () => {
    const serverTime = new Date(Date.parse(DEADLINE) - (2 * DAY + 3 * HOUR)).toISOString();
    const requests = mockGraphQL(() => callPageData(serverTime));
    await renderApp("/calls/Q2FsbDoy");

    expect(text(await screen.findByRole("timer"))).toBe("Temps restant avant la date limite : 2 jours et 3 heures");
    const callPage = requests.find(({ query }) => query.includes("query CallPage"));
    expect(callPage?.variables).toEqual({ id: "Q2FsbDoy", language: "FR" });
  });

  it("says when the deadline has passed by the server's clock", async () => {
    mockGraphQL(() => callPageData(new Date(Date.parse(DEADLINE) + 1_000).toISOString()));
    await renderApp("/calls/Q2FsbDoy", "en");

    expect(text(await screen.findByRole("timer"))).toBe("The deadline has passed.");
  });

  it("shows the timeline in the call's zone, the funding, eligibility and documents", async () => {
    mockGraphQL(() => callPageData(new Date(Date.parse(DEADLINE) - DAY).toISOString()));
    await renderApp("/calls/Q2FsbDoy", "en");

    const title = await screen.findByRole("heading", { level: 1, name: "IA et parcours de soins" });
    // Published in fr and de only: the English reader gets the French text, marked as such.
    expect(title.getAttribute("lang")).toBe("fr");
    const sections = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(sections).toEqual(["About this call", "Timeline", "Funding", "Eligibility", "Documents to provide"]);
    // The description's own headings sit under its section's h2.
    expect(screen.getByRole("heading", { level: 3, name: "Objectifs" })).toBeTruthy();
    expect(screen.getByText(/March 31, 2027.*12:00/)).toBeTruthy(); // 10:00 UTC in Paris (CEST)
    expect(screen.getByText("€5,000,000")).toBeTruthy();
    expect(screen.getByText("Germany: at least 1 partner")).toBeTruthy();
    expect(screen.getByText("From 12 months to 36 months")).toBeTruthy();
    expect(screen.getByText("Detailed budget (required)")).toBeTruthy();
  });

  it("announces a failure under the page's h1", async () => {
    mockFetch(() => new Response("Bad gateway", { status: 502 }));
    await renderApp("/calls/Q2FsbDoy", "fr");

    expect(await screen.findByRole("heading", { level: 1, name: "Une erreur est survenue" })).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toContain("Le serveur a répondu avec une erreur (502).");
    expect(screen.getByRole("button", { name: "Réessayer" })).toBeTruthy();
  });

  it("tells when the call does not exist", async () => {
    mockGraphQL(() => ({ serverTime: "2027-01-01T00:00:00+00:00", call: null }));
    await renderApp("/calls/nope", "de");

    expect(await screen.findByRole("heading", { level: 1, name: "Aufruf nicht gefunden" })).toBeTruthy();
  });
});
