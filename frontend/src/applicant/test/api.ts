import { screen } from "@testing-library/react";
import i18next from "i18next";
import { afterEach, beforeEach, expect } from "vitest";
import { meData } from "../../test/fixtures";
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

type Tree = { [key: string]: string | Tree };
const keysOf = (tree: Tree, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [prefix + key.replace(/_(one|other)$/, "")] : keysOf(value, `${prefix}${key}.`),
  );
const AREA_KEYS = [...new Set(keysOf(fr as Tree))].filter((key) => key.includes("."));

/**
 * Records i18next's missing keys while a test runs; `expectNoRawKey()` fails if the page shows
 * one of the area's keys instead of its text, or asked for a key that does not exist.
 */
export function watchRawKeys() {
  const missing: string[] = [];
  const record = (_languages: readonly string[], namespace: string, key: string) => missing.push(`${namespace}:${key}`);
  beforeEach(() => {
    missing.length = 0;
    i18next.options.saveMissing = true;
    i18next.on("missingKey", record);
  });
  afterEach(() => {
    i18next.off("missingKey", record);
    i18next.options.saveMissing = false;
  });
  return function expectNoRawKey() {
    const text = document.body.textContent ?? "";
    expect(AREA_KEYS.filter((key) => text.includes(key))).toEqual([]);
    expect(missing).toEqual([]);
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
  };
}
