import { describe, expect, it } from "vitest";
import { zonedToInstant } from "./zonedTime";

describe("wall times in a call's zone", () => {
  it.each([
    ["2027-01-15T18:00", "Europe/Paris", "2027-01-15T17:00:00.000Z"], // winter, UTC+1
    ["2027-07-15T18:00", "Europe/Paris", "2027-07-15T16:00:00.000Z"], // summer, UTC+2
    ["2027-03-28T03:30", "Europe/Berlin", "2027-03-28T01:30:00.000Z"], // just after the change
    ["2027-07-15T18:00", "America/Cayenne", "2027-07-15T21:00:00.000Z"],
  ])("%s in %s is %s", (wall, zone, instant) => {
    expect(zonedToInstant(wall, zone)).toBe(instant);
  });

  it("refuses what is not a date and time", () => {
    expect(zonedToInstant("", "Europe/Paris")).toBeNull();
    expect(zonedToInstant("31/03/2027 18:00", "Europe/Paris")).toBeNull();
  });
});
