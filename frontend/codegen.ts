import type { CodegenConfig } from "@graphql-codegen/cli";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Types every operation written with `graphql(...)` under src/ from the committed SDL (never a
 * live server). A document that names a field the schema lacks fails the run.
 *
 * Custom scalars, as graphql_schema/scalars.py serialises them:
 * - DateTime, Date: ISO 8601 strings.
 * - BigInt: a JSON *number* (cents, within Number.MAX_SAFE_INTEGER); the API also parses a
 *   string of digits on input.
 * - Decimal: a string (fixed-point, never a float).
 * - JSON: any JSON value.
 * - Upload: a file part of a multipart request.
 */
const scalarConfig = {
  documentMode: "string",
  enumsAsTypes: true,
  useTypeImports: true,
  strictScalars: true,
  scalars: {
    DateTime: "string",
    Date: "string",
    BigInt: { input: "number | string", output: "number" },
    Decimal: "string",
    JSON: "unknown",
    Upload: "File",
  },
} as const;

/**
 * Each area loaded on demand has its own generated folder (`<area>/gql/`), whose `graphql()`
 * knows that area's operations only: the entry chunk (public pages, session) carries none of
 * the applicant's or manager's documents. An area's files import `graphql` from its own folder.
 */
export const AREAS = ["src/applicant", "src/candidacies", "src/manage"];

// Tests write their own documents: they must not ship in the application's document map.
const notShipped = ["!src/**/gql/**/*", "!src/**/*.test.{ts,tsx}", "!src/test/**/*"];

/** Whether an area has written an operation yet (an area without one gets no folder). */
function hasDocuments(area: string): boolean {
  return readdirSync(area, { recursive: true, encoding: "utf8" }).some(
    (file) =>
      /\.tsx?$/.test(file) &&
      !/(^|\/)gql\//.test(file) &&
      !/\.test\.tsx?$/.test(file) &&
      readFileSync(join(area, file), "utf8").includes("graphql(`"),
  );
}

function target(documents: string[]) {
  return { preset: "client" as const, presetConfig: { fragmentMasking: false }, documents, config: scalarConfig };
}

const config: CodegenConfig = {
  schema: "../graphql_schema/schema.graphql",
  ignoreNoDocuments: true,
  generates: {
    "src/gql/": target(["src/**/*.{ts,tsx}", ...AREAS.map((area) => `!${area}/**/*`), ...notShipped]),
    ...Object.fromEntries(
      AREAS.filter(hasDocuments).map((area) => [`${area}/gql/`, target([`${area}/**/*.{ts,tsx}`, ...notShipped])]),
    ),
  },
};

export default config;
