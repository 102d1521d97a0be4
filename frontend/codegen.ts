import type { CodegenConfig } from "@graphql-codegen/cli";

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
const config: CodegenConfig = {
  schema: "../graphql_schema/schema.graphql",
  // Tests write their own documents: they must not ship in the application's document map.
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*", "!src/**/*.test.{ts,tsx}", "!src/test/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
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
      },
    },
  },
};

export default config;
