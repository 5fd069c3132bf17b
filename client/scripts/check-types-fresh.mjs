// Fails when src/api/schema.d.ts or src/api/enums.gen.ts is not what `npm run gen` makes of
// ../openapi/openapi.json, so an API change cannot land without regenerating the client's types.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderEnums } from "./gen-enums.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const contract = join(root, "../openapi/openapi.json");
const stale = [];
const dir = mkdtempSync(join(tmpdir(), "regie-types-"));
const fresh = join(dir, "schema.d.ts");
try {
  execFileSync(process.execPath, [join(root, "node_modules/openapi-typescript/bin/cli.js"), "../openapi/openapi.json", "-o", fresh], {
    cwd: root, stdio: ["ignore", "ignore", "inherit"],
  });
  if (readFileSync(fresh, "utf8") !== readFileSync(join(root, "src/api/schema.d.ts"), "utf8")) stale.push("client/src/api/schema.d.ts");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (renderEnums(JSON.parse(readFileSync(contract, "utf8"))) !== readFileSync(join(root, "src/api/enums.gen.ts"), "utf8")) {
  stale.push("client/src/api/enums.gen.ts");
}
if (stale.length) {
  console.error(`${stale.join(" and ")} out of date with openapi/openapi.json: run \`cd client && npm run gen\` and commit.`);
  process.exit(1);
}
console.log("client types and enums match openapi/openapi.json");
