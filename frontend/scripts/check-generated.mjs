// Fails (exit 1) when `npm run codegen` changed src/gql: the committed generated code is stale.
import { execFileSync } from "node:child_process";

const changes = execFileSync("git", ["status", "--porcelain", "--", "src/gql"], {
  encoding: "utf8",
}).trimEnd();

if (changes) {
  console.error("src/gql is stale: run `npm run codegen` and commit the result.\n" + changes);
  process.exit(1);
}
console.log("src/gql is up to date with graphql_schema/schema.graphql.");
