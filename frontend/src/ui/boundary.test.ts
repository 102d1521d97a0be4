import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..");
const UI = join(SRC, "ui");
const THEME = ["@codegouvfr", "react-dsfr"].join("/"); // not spelled whole: this file is in src/ui anyway

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|jsx|css)$/.test(entry.name) ? [path] : [];
  });
}

describe("the theme boundary", () => {
  it("keeps @codegouvfr/react-dsfr inside src/ui", () => {
    const offenders = sourceFiles(SRC)
      .filter((path) => !path.startsWith(UI + "/"))
      .filter((path) => readFileSync(path, "utf8").includes(THEME))
      .map((path) => relative(SRC, path));
    expect(offenders).toEqual([]);
  });

  it("takes the fr helper from ./dsfrFr, never from the package's root", () => {
    // The root re-exports the full helper, colour tables included (~12 kB gzipped in the entry).
    const rootImport = new RegExp(`from "${THEME}"`);
    const offenders = sourceFiles(UI)
      .filter((path) => !path.endsWith(".test.ts"))
      .filter((path) => rootImport.test(readFileSync(path, "utf8")))
      .map((path) => relative(SRC, path));
    expect(offenders).toEqual([]);
  });

  it("finds the files it checks", () => {
    expect(sourceFiles(SRC).length).toBeGreaterThan(10);
  });
});
