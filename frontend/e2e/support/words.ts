import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Language } from "./fixtures";

/**
 * The interface's own words in a language, read from the application's locale files, so a path
 * written once runs in fr, en and de and a renamed or missing key fails the test loudly (the
 * application itself would fall back to French, which hides a gap).
 *
 *   const w = words("de");
 *   main.getByRole("button", { name: w("manageCalls:lifecycle.action.PUBLISHED") });
 *   main.getByText(w("manageCalls:list_editing.moveUp", { name: w("manageCalls:questions.item", { position: 6 }) }));
 *
 * Keys are i18next's: "namespace:dotted.key", the default namespace ("translation", src/i18n)
 * when there is no "namespace:". Supported, as the application's files use them: {{name}} and
 * {{count, number}} interpolation, and plural suffixes (_zero when count is 0, then the
 * language's Intl plural category) when `count` is given. Nothing else (no $t() nesting).
 */

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "src");
const DEFAULT_NAMESPACE = "translation";

export type Values = Record<string, string | number>;
/** Values for `pattern`: a RegExp stands for text the test does not know exactly (a date). */
export type PatternValues = Record<string, string | number | RegExp>;

export interface Words {
  /** The text the interface shows for `key` with `values`; throws if the key is missing. */
  (key: string, values?: Values): string;
  /** The same text as a RegExp (unanchored), a RegExp value inserted as a pattern. */
  pattern(key: string, values?: PatternValues): RegExp;
}

type Tree = { [key: string]: string | Tree };

/**
 * Each namespace's folder: src/i18n for the default one, and every area's `i18n/` folder,
 * named by the `NAMESPACE` its index.ts registers (the folder's name does not say it).
 */
function namespaceFolders(): Map<string, string> {
  const folders = new Map([[DEFAULT_NAMESPACE, join(SRC, "i18n")]]);
  for (const entry of readdirSync(SRC, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(join("i18n", "index.ts")) || entry === join("i18n", "index.ts")) continue;
    const source = readFileSync(join(SRC, entry), "utf8");
    const name = /export const NAMESPACE = "([^"]+)"/.exec(source)?.[1];
    if (!name) throw new Error(`words: no NAMESPACE in src/${entry}`);
    folders.set(name, dirname(join(SRC, entry)));
  }
  return folders;
}

let folders: Map<string, string> | undefined;
const trees = new Map<string, Tree>();

/** The parsed `<language>.json` of `namespace`, read once per run. */
function tree(language: Language, namespace: string): Tree {
  const cacheKey = `${language}:${namespace}`;
  let found = trees.get(cacheKey);
  if (!found) {
    folders ??= namespaceFolders();
    const folder = folders.get(namespace);
    if (!folder) throw new Error(`words: unknown namespace "${namespace}" (known: ${[...folders.keys()].join(", ")})`);
    found = JSON.parse(readFileSync(join(folder, `${language}.json`), "utf8")) as Tree;
    trees.set(cacheKey, found);
  }
  return found;
}

/** The string at a dotted path, or undefined (a missing key or a subtree). */
function lookup(root: Tree, path: string): string | undefined {
  let node: string | Tree | undefined = root;
  for (const part of path.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** The template for `key`, its plural form chosen as i18next does when `count` is a number. */
function template(language: Language, key: string, count: unknown): string {
  const [namespace, path] = key.includes(":") ? (key.split(":", 2) as [string, string]) : [DEFAULT_NAMESPACE, key];
  const root = tree(language, namespace);
  const candidates =
    typeof count === "number"
      ? [...(count === 0 ? [`${path}_zero`] : []), `${path}_${new Intl.PluralRules(language).select(count)}`, path]
      : [path];
  for (const candidate of candidates) {
    const text = lookup(root, candidate);
    if (text !== undefined) return text;
  }
  throw new Error(`words: no "${key}" in ${language} (looked for ${candidates.join(", ")})`);
}

type Part = string | RegExp;

/** The template's literal text and its values, in order; a missing value or unknown format throws. */
function interpolate(language: Language, key: string, values: PatternValues): Part[] {
  const text = template(language, key, values.count);
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(/\{\{\s*([\w.]+)\s*(?:,\s*(\w+)\s*)?\}\}/g)) {
    const [whole, name, format] = match as unknown as [string, string, string | undefined];
    if (!(name in values)) throw new Error(`words: "${key}" in ${language} needs a value for {{${name}}}`);
    const value = values[name]!;
    if (format !== undefined && format !== "number") throw new Error(`words: format "${format}" of "${key}" not supported`);
    parts.push(text.slice(last, match.index));
    if (value instanceof RegExp) parts.push(value);
    else if (format === "number" && typeof value === "number") parts.push(new Intl.NumberFormat(language).format(value));
    else parts.push(String(value));
    last = match.index + whole.length;
  }
  parts.push(text.slice(last));
  return parts;
}

/** `text` as a RegExp matching itself. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A RegExp for a text that starts with `text` (a label followed by its hint, say). */
export function startingWith(text: string): RegExp {
  return new RegExp(`^${escapeRegExp(text)}`);
}

/** The words of the interface in `language`. */
export function words(language: Language): Words {
  const w = (key: string, values: Values = {}) => interpolate(language, key, values).join("");
  w.pattern = (key: string, values: PatternValues = {}) =>
    new RegExp(
      interpolate(language, key, values)
        .map((part) => (part instanceof RegExp ? `(?:${part.source})` : escapeRegExp(part)))
        .join(""),
    );
  return w;
}
