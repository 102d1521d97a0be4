import { expect, test } from "../support/fixtures";

/**
 * Performance budgets, apart from the test run (timings never go in the test suite): run with
 * `npm run e2e:perf`. Each measure prints one JSON line: the time from navigation to the
 * page's content on screen (the list's first call; a call's countdown), fonts and styles
 * included, caches warm as for a returning visitor.
 */
const BUDGET_MS = 1_000;

test("the list of calls and a call's page are visibly complete within a second", async ({
  page,
}) => {
  const firstCall = page.getByRole("main").getByRole("listitem").first();
  await page.goto("/");
  await expect(firstCall).toBeVisible();
  const href = (await firstCall.getByRole("link").first().getAttribute("href")) ?? "/";

  const pages = [
    { path: "/", content: firstCall },
    { path: href, content: page.getByRole("timer") },
  ];
  for (const { path, content } of pages) {
    const started = Date.now();
    await page.goto(path, { waitUntil: "commit" });
    await expect(content).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    const elapsed = Date.now() - started;
    console.log(JSON.stringify({ path, visibly_complete_ms: elapsed, budget_ms: BUDGET_MS }));
    expect(elapsed, `${path} visibly complete`).toBeLessThan(BUDGET_MS);
  }
});
