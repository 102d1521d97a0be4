import { screen } from "@testing-library/react";
import { expect } from "vitest";
import { meData } from "../../test/fixtures";
import { watchRawKeys as watchAnyRawKeys } from "../../test/rawKeys";
import { mockGraphQL, type GraphQLCall } from "../../test/render";
import fr from "../i18n/fr.json";

/**
 * A fake API for the area's screens: `answers` maps an operation's name ("MyCandidacies",
 * "CreateCandidacy") to its `data`, or to a function of its variables; `me` is a signed-in
 * applicant unless given. Returns the operations received.
 */
export function fakeApi(
  answers: Record<string, unknown | ((variables: Record<string, unknown>) => unknown)>,
  me: unknown = meData(),
): GraphQLCall[] {
  return mockGraphQL(({ query, variables }) => {
    const name = /(?:query|mutation) (\w+)/.exec(query)?.[1] ?? "";
    if (name === "Me") return me;
    const answer = answers[name];
    if (answer === undefined) throw new Error(`unexpected operation ${name}`);
    return typeof answer === "function" ? (answer as (v: Record<string, unknown>) => unknown)(variables) : answer;
  });
}

/** The operations named `name` among `calls`. */
export const operations = (calls: GraphQLCall[], name: string) =>
  calls.filter(({ query }) => new RegExp(`(query|mutation) ${name}\\b`).test(query));

/**
 * `watchRawKeys` of src/test/rawKeys for the area's texts; its `expectNoRawKey()` also checks
 * the page has exactly one h1.
 */
export function watchRawKeys() {
  const expectNoRawKey = watchAnyRawKeys(fr);
  return () => {
    expectNoRawKey();
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
  };
}
