// Fails when src/api/schema.d.ts is not what `npm run gen` makes of ../openapi/openapi.json,
// so an API change cannot land without regenerating the client's types.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const committed = join(root, "src/api/schema.d.ts");
const dir = mkdtempSync(join(tmpdir(), "regie-types-"));
const fresh = join(dir, "schema.d.ts");
try {
  execFileSync(process.execPath, [join(root, "node_modules/openapi-typescript/bin/cli.js"), "../openapi/openapi.json", "-o", fresh], {
    cwd: root, stdio: ["ignore", "ignore", "inherit"],
  });
  if (readFileSync(fresh, "utf8") !== readFileSync(committed, "utf8")) {
    console.error("client/src/api/schema.d.ts is out of date with openapi/openapi.json: run `cd client && npm run gen` and commit it.");
    process.exit(1);
  }
  console.log("client types match openapi/openapi.json");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
