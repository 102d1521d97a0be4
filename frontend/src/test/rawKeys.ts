import i18next from "i18next";
import { afterEach, beforeEach, expect } from "vitest";

type Tree = { [key: string]: string | Tree };

/**
 * A message tree's keys as a screen shows them when their text is missing (plural suffixes
 * off); dotted ones only, which no real text contains ("title" could be a word).
 */
export function rawKeysOf(tree: object, prefix = ""): string[] {
  const keys = Object.entries(tree as Tree).flatMap(([key, value]): string[] =>
    typeof value === "string"
      ? [`${prefix}${key}`.replace(/_(zero|one|two|few|many|other)$/, "")]
      : rawKeysOf(value, `${prefix}${key}.`),
  );
  return [...new Set(keys)].filter((key) => key.includes("."));
}

/**
 * Watches i18next during each test of the enclosing `describe` (call it there: it registers
 * `beforeEach`/`afterEach`). The returned `expectNoRawKey()` fails when a screen asked for a key
 * that does not exist, in any namespace, or shows one of `trees`' keys instead of its text.
 */
export function watchRawKeys(...trees: object[]): () => void {
  const shown = trees.flatMap((tree) => rawKeysOf(tree));
  const missing: string[] = [];
  const record = (_languages: readonly string[], namespace: string, key: string) =>
    missing.push(`${namespace}:${key}`);
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
    expect(shown.filter((key) => text.includes(key))).toEqual([]);
    expect(missing).toEqual([]);
  };
}
