import { defineConfig } from "@playwright/test";

// Driven by scripts/e2e.sh, which starts the real API on a fresh database and sets these.
const baseURL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8000";
const executablePath = process.env.E2E_CHROMIUM ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // The screenshots of docs/ are a separate run (SCREENSHOTS=1 scripts/e2e.sh), not part of the suite.
  testMatch: process.env.SCREENSHOTS ? "screenshots.spec.ts" : "*.spec.ts",
  testIgnore: process.env.SCREENSHOTS ? [] : ["**/screenshots.spec.ts"],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    locale: "nl-BE",
    timezoneId: "Europe/Brussels",
    acceptDownloads: true,
    // The API sends a strict CSP (script-src 'self'); the axe-core scan is injected as a script.
    bypassCSP: true,
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      // No browser download here: Debian's Chromium, with the network chatter it starts on its own switched off.
      args: [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--lang=nl-BE",
      ],
    },
  },
});
