import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end runs: Chromium (Debian's, `make chromium` installs it) against a real `aap dev`
 * (migrations, demo data, embedded Redis, a worker) serving the built application from
 * `dist/` on a fresh SQLite database (e2e/server.mjs). Paths go in `e2e/*.spec.ts`; helpers
 * (languages, accessibility, sign-in) in `e2e/support/`.
 */
const port = Number(process.env.AAP_E2E_PORT ?? 8765);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  // Budgets measure time: run apart (`npm run e2e:perf`), never in the test run.
  testIgnore: process.env.AAP_E2E_PERF ? [] : ["perf/**"],
  fullyParallel: false,
  workers: 1, // one server, one demo database: paths that change data run in order
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: process.env.AAP_CHROMIUM ?? "/usr/bin/chromium" },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node e2e/server.mjs",
    url: `${baseURL}/readyz`,
    timeout: 180_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGINT", timeout: 10_000 },
    stdout: "ignore",
    stderr: "pipe",
    env: { AAP_E2E_PORT: String(port) },
  },
});
