import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, USERS } from "./helpers";

// Swagger UI with its real Content-Security-Policy: a blocked script or style would break it here.
test.use({ bypassCSP: false });
// The whole document (every operation with its examples) is parsed in the page: give it time.
test.setTimeout(180_000);
const RENDERED = { timeout: 100_000 };

/** Every request that leaves this origin (data: and blob: URLs stay in the page). */
function watchOutside(page: Page, origin: string): { outside: string[]; cspErrors: string[] } {
  const outside: string[] = [];
  const cspErrors: string[] = [];
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (url.protocol.startsWith("http") && url.origin !== origin) outside.push(req.url());
  });
  page.on("console", (msg) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(msg.text())) cspErrors.push(msg.text());
  });
  return { outside, cspErrors };
}

test("Swagger UI: log in through Authorize (password flow) and run GET /me", async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? "").origin;
  const seen = watchOutside(page, origin);
  // A deep link opens GET /me (tags start collapsed).
  await page.goto("/docs#/auth/me_get");
  await expect(page.locator(".info .title")).toContainText("Regie sociale economie", RENDERED);

  await page.getByRole("button", { name: "Authorize" }).first().click();
  const dialog = page.locator(".dialog-ux .modal-ux");
  await expect(dialog).toBeVisible();
  const passwordFlow = dialog.locator(".auth-container").filter({ hasText: "password" }).first();
  await passwordFlow.locator("#oauth_username").fill(USERS.w13);
  await passwordFlow.locator("#oauth_password").fill(PASSWORD);
  await passwordFlow.locator("button.authorize").click();
  await expect(passwordFlow.locator("button", { hasText: "Logout" })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).first().click();

  const me = page.locator("#operations-auth-me_get");
  await me.getByRole("button", { name: "Try it out" }).click();
  await me.getByRole("button", { name: "Execute" }).click();
  const body = me.locator(".responses-wrapper .live-responses-table .response-col_description pre").first();
  await expect(body).toContainText('"role": "w13"');
  await expect(body).toContainText(USERS.w13);

  // The login survives a reload (persistAuthorization).
  await page.reload();
  await expect(page.locator(".auth-wrapper .authorize.locked")).toBeVisible(RENDERED);

  expect(seen.outside, "requests to outside hosts").toEqual([]);
  expect(seen.cspErrors, "CSP violations").toEqual([]);
});

test("ReDoc renders offline under its CSP", async ({ page, baseURL }) => {
  const seen = watchOutside(page, new URL(baseURL ?? "").origin);
  await page.goto("/redoc");
  await expect(page.getByRole("heading", { name: /Regie sociale economie/ }).first()).toBeVisible(RENDERED);
  await expect(page.getByText("Get an access token").first()).toBeAttached();
  expect(seen.outside, "requests to outside hosts").toEqual([]);
  expect(seen.cspErrors, "CSP violations").toEqual([]);
});
