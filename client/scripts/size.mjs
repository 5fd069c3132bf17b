// The JavaScript a first visit loads (index.html's module script and what it preloads), gzipped.
// Fails above the budget of 200 kB.
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const BUDGET = 200 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const html = readFileSync(join(dist, "index.html"), "utf8");
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
let total = 0;
for (const f of initial) {
  const n = gz(f);
  total += n;
  console.log(`initial  ${f}  ${(n / 1024).toFixed(1)} kB gzip`);
}
const lazy = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js") && !initial.includes(`assets/${f}`));
const lazyTotal = lazy.reduce((s, f) => s + gz(`assets/${f}`), 0);
console.log(`initial JS total: ${(total / 1024).toFixed(1)} kB gzip (budget ${BUDGET / 1024} kB); ${lazy.length} lazy route chunks: ${(lazyTotal / 1024).toFixed(1)} kB gzip`);
if (total > BUDGET) {
  console.error("initial JavaScript is over budget");
  process.exit(1);
}
