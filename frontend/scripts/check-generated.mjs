// Fails (exit 1) when `npm run codegen` changed a generated folder (src/gql and each area's
// gql/, see codegen.ts): the committed generated code is stale.
import { execFileSync } from "node:child_process";

const changes = execFileSync("git", ["status", "--porcelain", "--untracked-files=all", "--", "src"], {
  encoding: "utf8",
})
  .split("\n")
  .filter((line) => /(^|\/)gql\//.test(line.slice(3)))
  .join("\n");

if (changes) {
  console.error("Generated GraphQL code is stale: run `npm run codegen` and commit the result.\n" + changes);
  process.exit(1);
}
console.log("Generated GraphQL code is up to date with graphql_schema/schema.graphql.");
