import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve("axe-core/axe.min.js");

export const PASSWORD = process.env.E2E_PASSWORD ?? "";
export const ROSE_ACTOR = process.env.E2E_ROSE_ACTOR ?? "";
export const MUNICIPALITY = process.env.E2E_MUNICIPALITY ?? "34022";
export const USERS = {
  w13: "w13@e2e.test",
  rose: "rose@e2e.test",
  gemeente: "gemeente@e2e.test",
} as const;
export type Who = keyof typeof USERS;

/** Log in through the login form, as a person would, and wait for the dashboard. */
export async function login(page: Page, who: Who): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mailadres").fill(USERS[who]);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.locator("main").getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("who")).toContainText(USERS[who]);
}

/** A bearer token straight from the API, for setting up and checking data beside the UI. */
export async function apiToken(request: APIRequestContext, who: Who): Promise<string> {
  const res = await request.post("/api/v1/auth/token", { form: { grant_type: "password", username: USERS[who], password: PASSWORD } });
  expect(res.ok()).toBeTruthy();
  return (await res.json()).access_token as string;
}

export async function apiGet<T>(request: APIRequestContext, who: Who | null, url: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (who) headers.Authorization = `Bearer ${await apiToken(request, who)}`;
  const res = await request.get(url, { headers });
  expect(res.ok(), `${url} → ${res.status()}`).toBeTruthy();
  return (await res.json()) as T;
}

/**
 * WCAG 2.1 A/AA scan with axe-core, injected from node_modules (no CDN). Any violation fails
 * the test with the rule, the help text and the offending elements.
 */
export async function expectNoA11yViolations(page: Page, label: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await expect(page.locator('[role="status"] .visually-hidden', { hasText: /Laden|Loading|Chargement/ })).toHaveCount(0);
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  });
  expect(violations, `axe violations on ${label}:\n${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

export function uniqueCode(prefix: string): string {
  return `${prefix}${Date.now().toString(36).slice(-5).toUpperCase()}`;
}

/** Another client's write, as it would come from elsewhere: read the ETag, then PATCH with If-Match. */
export async function patchElsewhere(request: APIRequestContext, who: Who, url: string, data: Record<string, unknown>): Promise<void> {
  const headers = { Authorization: `Bearer ${await apiToken(request, who)}` };
  const read = await request.get(url, { headers });
  const res = await request.patch(url, { headers: { ...headers, "If-Match": read.headers().etag! }, data });
  expect(res.status(), `${url} → ${res.status()}`).toBe(200);
}
