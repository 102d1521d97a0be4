import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ORGANISATION_KINDS } from "./enums";

const SCHEMA = readFileSync(join(import.meta.dirname, "../../../graphql_schema/schema.graphql"), "utf8");

/** An enum's values as the committed schema declares them. */
function schemaEnum(name: string): string[] {
  const body = new RegExp(`^enum ${name} \\{([^}]*)\\}`, "m").exec(SCHEMA)?.[1] ?? "";
  return body
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^[A-Z_]+$/.test(line));
}

describe("the enums screens offer", () => {
  it("offers every organisation kind of the schema, once", () => {
    expect([...ORGANISATION_KINDS].sort()).toEqual(schemaEnum("OrganisationKind").sort());
  });
});
