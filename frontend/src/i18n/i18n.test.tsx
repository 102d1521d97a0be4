import { screen } from "@testing-library/react";
import i18next from "i18next";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callPageData, callsListData, meData } from "../test/fixtures";
import { mockGraphQL, renderApp } from "../test/render";
import { LANGUAGES, resources, type AppLanguage } from ".";

type Tree = { [key: string]: string | Tree };

/** Every text of a resource tree, by its dotted key. */
function entries(tree: Tree, prefix = ""): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === "string" ? [[prefix + key, value]] : entries(value, `${prefix}${key}.`),
  );
}

const keys = (tree: Tree) => entries(tree).map(([key]) => key);

/** A key without its plural suffix: what a screen would show if the key were missing. */
const bare = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

/** Every message tree: the public one here and each area's `i18n/<language>.json`. */
const areaFiles = import.meta.glob<Tree>("../**/i18n/*.json", { eager: true, import: "default" });
const namespaces: Record<string, Partial<Record<AppLanguage, Tree>>> = {
  translation: Object.fromEntries(LANGUAGES.map((language) => [language, resources[language].translation])),
};
for (const [path, tree] of Object.entries(areaFiles)) {
  const match = /^\.\.\/(.+)\/i18n\/(\w+)\.json$/.exec(path);
  if (!match) continue;
  const [, area = "", language = ""] = match;
  if (area === "i18n" || !(LANGUAGES as readonly string[]).includes(language)) continue;
  (namespaces[area] ??= {})[language as AppLanguage] = tree;
}

describe.each(Object.keys(namespaces))("translations of %s", (namespace) => {
  const trees = namespaces[namespace] ?? {};
  const reference = keys(trees.fr ?? {}).sort();

  it.each(LANGUAGES)("%s has exactly the keys of fr", (language) => {
    expect(trees[language], `${namespace} has no ${language}.json`).toBeDefined();
    expect(keys(trees[language] ?? {}).sort()).toEqual(reference);
  });

  it.each(LANGUAGES)("%s has no empty text", (language) => {
    const empty = entries(trees[language] ?? {}).filter(([, text]) => !text.trim());
    expect(empty).toEqual([]);
  });
});

describe("screens", () => {
  const missing: string[] = [];
  const record = (_languages: readonly string[], _namespace: string, key: string) => missing.push(key);
  beforeEach(() => {
    missing.length = 0;
    i18next.options.saveMissing = true;
    i18next.on("missingKey", record);
  });
  afterEach(() => {
    i18next.off("missingKey", record);
    i18next.options.saveMissing = false;
  });

  const allKeys = [...new Set(keys(resources.fr.translation).map(bare))];

  /** Fails if the page shows a key instead of a text, or asked for a key that does not exist. */
  function expectNoRawKey() {
    const text = document.body.textContent ?? "";
    expect(allKeys.filter((key) => text.includes(key))).toEqual([]);
    expect(missing).toEqual([]);
  }

  const pages: Array<[string, string, string]> = [
    ["the list of calls", "/calls", "Open call"],
    ["a call", "/calls/Q2FsbDoy", "IA et parcours de soins"],
    ["an unknown path", "/nowhere", ""],
    ["the sign-in page", "/sign-in", ""],
    ["the account", "/account", "Alice Martin"],
    ["the accessibility statement", "/accessibility", ""],
  ];

  describe.each(LANGUAGES)("in %s", (language: AppLanguage) => {
    it.each(pages)("%s renders no raw key", async (_name, path, expected) => {
      mockGraphQL(({ query }) =>
        query.includes("query CallPage")
          ? callPageData("2027-03-01T00:00:00+00:00")
          : query.includes("query Me")
            ? path === "/account" // anonymous elsewhere: signed in, /sign-in would leave for /account
              ? meData()
              : { me: null }
            : callsListData(),
      );
      await renderApp(path, language);
      await screen.findByRole("heading", { level: 1 });
      if (expected) await screen.findAllByText(expected);
      expectNoRawKey();
    });
  });
});
