// The gzipped size of the JavaScript that `/` loads before it can render: the entry chunk and
// the chunks it imports statically (Vite lists them as <script type="module"> and
// <link rel="modulepreload"> in dist/index.html). Fails above the budget for public pages.
// Chunks loaded later with import() are listed apart.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 150;
const dist = new URL("../dist/", import.meta.url).pathname;
const html = readFileSync(join(dist, "index.html"), "utf8");
const initial = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
].map((match) => match[1]);

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;
const row = (file) => `${gzipKb(file).toFixed(2).padStart(8)} kB  ${file}`;

const total = initial.reduce((sum, file) => sum + gzipKb(file), 0);
console.log("Initial JS of / (gzip -9):");
initial.forEach((file) => console.log(row(file)));
console.log(`${total.toFixed(2).padStart(8)} kB  total (budget ${BUDGET_KB} kB)`);

const lazy = readdirSync(join(dist, "assets"))
  .map((name) => `assets/${name}`)
  .filter((file) => file.endsWith(".js") && !initial.includes(file));
console.log("Loaded later with import():");
lazy.forEach((file) => console.log(row(file)));

if (total > BUDGET_KB) {
  console.error(`Over budget by ${(total - BUDGET_KB).toFixed(2)} kB.`);
  process.exit(1);
}
