// The web pages' times for `aap bench web` (tests/benchmarks/web.py), apart from the test run:
// Chromium (playwright-core) against a server the bench started, the same measure as
// budgets.spec.ts (navigation to the page's content on screen, fonts included, caches warm as
// for a returning visitor), each page `--rounds` times; prints one JSON line with the medians.
//
//   node e2e/perf/measure-web.mjs --base-url http://127.0.0.1:8000 --email M --password P [--rounds 5]
//     [--first-page-rows 50]
import { chromium } from "playwright-core";
import { parseArgs } from "node:util";

const { values: options } = parseArgs({
  options: {
    "base-url": { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    rounds: { type: "string", default: "5" },
    // Rows the list's first page holds (50, or fewer when the manager has fewer candidacies).
    "first-page-rows": { type: "string", default: "50" },
  },
});
const baseURL = options["base-url"];
const rounds = Number(options.rounds);
const firstPageRows = Number(options["first-page-rows"]);
if (!baseURL || !options.email || !options.password || !(rounds >= 1) || !(firstPageRows >= 1)) {
  console.error(
    "usage: measure-web.mjs --base-url URL --email EMAIL --password PASSWORD [--rounds N] [--first-page-rows N]",
  );
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const visible = (locator) => locator.waitFor({ state: "visible", timeout: 30_000 });

/** Milliseconds from navigating to `path` until `shown()` resolves and fonts are ready. */
async function visiblyComplete(page, path, shown) {
  const started = performance.now();
  await page.goto(path, { waitUntil: "commit" });
  await shown();
  await page.evaluate(() => document.fonts.ready);
  return performance.now() - started;
}

/** A warm-up visit, then `rounds` timed ones: the median. */
async function measure(page, path, shown) {
  await visiblyComplete(page, path, shown);
  const times = [];
  for (let i = 0; i < rounds; i += 1) times.push(await visiblyComplete(page, path, shown));
  return { median_ms: Math.round(median(times)), all_ms: times.map(Math.round) };
}

const browser = await chromium.launch({ executablePath: process.env.AAP_CHROMIUM ?? "/usr/bin/chromium" });
try {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  // English, so the counts read with plain digits ("1,000 candidacies match these filters.").
  await context.addInitScript(() => window.localStorage.setItem("aap.language", "en"));
  const page = await context.newPage();

  const firstCall = () => page.getByRole("main").getByRole("listitem").first();
  const callsList = await measure(page, "/", () => visible(firstCall()));
  const href = await firstCall().getByRole("link").first().getAttribute("href");
  const callPage = await measure(page, href, () => visible(page.getByRole("timer")));

  // The manager's session: the same HttpOnly cookie the sign-in page gets.
  const login = await context.request.post("/graphql", {
    headers: { "X-Requested-With": "aap" },
    data: {
      query: `mutation($email: String!, $password: String!) {
        login(email: $email, password: $password, inCookie: true) { __typename } }`,
      variables: { email: options.email, password: options.password },
    },
  });
  const outcome = (await login.json()).data?.login?.__typename;
  if (outcome !== "LoginPayload") throw new Error(`the manager could not sign in: ${outcome}`);

  // Visibly complete: the total announced and the first page's last row on screen.
  const total = page.getByRole("status").filter({ hasText: /match these filters/ });
  const managerList = await measure(page, "/manage/candidacies", async () => {
    await visible(total);
    await visible(page.locator(`[data-row='${firstPageRows - 1}'] th a`));
  });
  const totalText = (await total.textContent()) ?? "";
  const shownRows = await page.locator("[data-row]").count();

  console.log(
    JSON.stringify({
      calls_list_ms: callsList.median_ms,
      call_page_ms: callPage.median_ms,
      manager_list_ms: managerList.median_ms,
      manager_list_total: Number(/([\d,]+) candidacies match/.exec(totalText)?.[1]?.replace(/,/g, "") ?? NaN),
      manager_list_rows: shownRows,
      rounds,
      samples: {
        calls_list_ms: callsList.all_ms,
        call_page_ms: callPage.all_ms,
        manager_list_ms: managerList.all_ms,
      },
    }),
  );
} finally {
  await browser.close();
}
