// The server the end-to-end runs talk to: `aap dev` (migrations, demo data, embedded Redis, a
// worker) serving ../dist, on a database and var folder of its own, made afresh each run so
// every run starts from the same demo.
import { spawn } from "node:child_process";
import { mkdirSync, openSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const root = resolve(frontend, "..");
const varDir = resolve(root, "var", "e2e");
rmSync(varDir, { recursive: true, force: true });
mkdirSync(varDir, { recursive: true });
const log = openSync(resolve(varDir, "server.log"), "w"); // read it when a path fails

const env = { ...process.env };
delete env.AAP_DATABASE_URL;
delete env.AAP_REDIS_URL; // an embedded redis-server in varDir
Object.assign(env, {
  AAP_ENVIRONMENT: "dev",
  AAP_HOST: "127.0.0.1",
  AAP_PORT: process.env.AAP_E2E_PORT ?? "8765",
  AAP_VAR_DIR: varDir,
  AAP_STORAGE_DIR: resolve(varDir, "storage"),
  AAP_DATABASE_URL: `sqlite+aiosqlite:///${resolve(varDir, "aap.sqlite3")}`,
  AAP_WEB_DIST_DIR: resolve(frontend, "dist"),
});

// In a process group of its own: a Ctrl-C (or Playwright stopping this script's group) must
// reach `aap dev` once, from here. A second SIGINT makes uvicorn skip the app's shutdown.
const server = spawn(resolve(root, ".venv", "bin", "aap"), ["dev"], {
  env,
  stdio: ["ignore", log, log],
  detached: true,
});
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.kill("SIGINT"); // aap dev stops its worker and Redis
  });
}
server.on("exit", (code) => process.exit(code ?? 0));
