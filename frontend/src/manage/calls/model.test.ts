import { describe, expect, it } from "vitest";
import { instantToZoned, zonedToInstant } from "../../i18n/zonedTime";
import { cents, createInput, draftFromCall, timeZoneChoices } from "./model";
import { draftFromTemplate, TEMPLATES } from "./templates";
import { catalogue, managedCall } from "./testData";

describe("amounts typed in euros, the reader's way", () => {
  it.each([
    ["fr", "1 250,50", 125_050],
    ["fr", "1250.5", 125_050],
    ["en", "1,250.50", 125_050],
    ["de", "1.250,50", 125_050],
    ["de", "300.000 €", 30_000_000],
  ])("in %s reads %j as %i cents", (language, typed, expected) => {
    const problems = {};
    expect(cents(typed, "budgetEnvelopeCents", problems, language)).toBe(expected);
    expect(problems).toEqual({});
  });

  it.each([
    ["en", "1,5"],
    ["fr", "beaucoup"],
    ["de", "-3"],
  ])("in %s refuses %j, noting the field's problem", (language, typed) => {
    const problems = {};
    expect(cents(typed, "funders[0].shareCents", problems, language)).toBeNull();
    expect(problems).toEqual({ "funders[0].shareCents": "AMOUNT" });
  });
});

describe("the time zones a call may use", () => {
  it("offers the usual zones first, overseas France included, then every zone the browser knows", () => {
    const zones = timeZoneChoices("Europe/Paris");
    expect(zones.slice(0, 2)).toEqual(["Europe/Paris", "Europe/Berlin"]);
    expect(zones).toContain("Indian/Reunion");
    expect(zones).toContain("America/Cayenne");
    expect(zones).toContain("Asia/Tokyo");
    expect(new Set(zones).size).toBe(zones.length);
  });

  it("keeps a call's zone the browser does not list", () => {
    expect(timeZoneChoices("Etc/GMT-14")[0]).toBe("Etc/GMT-14");
  });
});

describe("dates in the call's time zone", () => {
  it("reads a Paris summer time and a Berlin winter time as UTC instants", () => {
    expect(zonedToInstant("2027-07-31T23:59", "Europe/Paris")).toBe("2027-07-31T21:59:00.000Z");
    expect(zonedToInstant("2027-01-15T12:00", "Europe/Berlin")).toBe("2027-01-15T11:00:00.000Z");
    expect(zonedToInstant("2027-07-31", "Europe/Paris")).toBeNull();
  });

  it("shows an instant on the zone's clock, both ways", () => {
    expect(instantToZoned("2027-07-31T21:59:00Z", "Europe/Paris")).toBe("2027-07-31T23:59");
    expect(instantToZoned("2027-03-28T00:59:59Z", "Europe/Paris")).toBe("2027-03-28T01:59:59");
  });
});

describe("templates", () => {
  const today = new Date(2026, 11, 3);
  const from = (id: string) =>
    draftFromTemplate(
      TEMPLATES.find((t) => t.id === id)!,
      { programmes: catalogue().programmes.edges.map((e) => e.node), funders: catalogue().funders.edges.map((e) => e.node) },
      today,
    );

  it("gives the AMI a 31 July deadline and a 1 September start, with the DGOS and Anap shares", () => {
    const draft = from("ami");
    expect(draft.timeline.deadlineAt).toBe("2027-07-31T23:59");
    expect(draft.timeline.projectStartDate).toBe("2027-09-01");
    expect(draft.programmeId).toBe("UHJvZzoz");
    const { input, problems } = createInput({ ...draft, reference: "AMI-X-2027" }, "fr");
    expect(problems).toEqual({});
    expect(input.funders).toEqual([
      { funderId: "RnVuZGVyOjE=", shareCents: 150_000_000 },
      { funderId: "RnVuZGVyOjI=", shareCents: 50_000_000 },
    ]);
    expect(input.budgetEnvelopeCents).toBe(200_000_000);
    expect(input.timeline.deadlineAt).toBe("2027-07-31T21:59:00.000Z");
  });

  it("gives the Franco-German joint call two funders' shares in Berlin time", () => {
    const draft = from("franco-german");
    expect(draft.kind).toBe("JOINT");
    expect(draft.timeline.timezone).toBe("Europe/Berlin");
    expect(draft.funders).toHaveLength(2);
  });
});

describe("an existing call in the editor", () => {
  it("comes back to the same input it was made from", () => {
    const { input, problems } = createInput(draftFromCall(managedCall(), "fr"), "fr");
    expect(problems).toEqual({});
    expect(input.budgetEnvelopeCents).toBe(200_000_000);
    expect(input.capPerCandidacyCents).toBe(15_000_000);
    expect(input.timeline.deadlineAt).toBe("2027-07-31T21:59:00.000Z");
    expect(input.questions[0]).toMatchObject({ key: "use_case", kind: "TEXT", maxLength: 2000, choices: null });
    expect(input.eligibility?.requiredPartnerCountries).toEqual([{ country: "FR", minPartners: 1 }]);
  });

  it("shows amounts the reader's way and reads them back, in each language", () => {
    for (const language of ["fr", "en", "de"]) {
      const draft = draftFromCall(managedCall(), language);
      expect(createInput(draft, language).input.budgetEnvelopeCents).toBe(200_000_000);
    }
    expect(draftFromCall(managedCall(), "en").budgetEnvelope).toBe("2,000,000");
    expect(draftFromCall(managedCall(), "de").budgetEnvelope).toBe("2.000.000");
  });

  it("finds an amount it cannot read before sending", () => {
    const { problems } = createInput({ ...draftFromCall(managedCall(), "fr"), budgetEnvelope: "beaucoup" }, "fr");
    expect(problems).toEqual({ budgetEnvelopeCents: "AMOUNT" });
  });
});
