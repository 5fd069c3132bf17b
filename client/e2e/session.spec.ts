import { expect, test } from "@playwright/test";
import { apiGet, login } from "./helpers";

interface Page<T> { items: T[]; next_cursor: string | null }

const session = (page: import("@playwright/test").Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem("regie.session") ?? "null") as { accessToken: string; refreshToken: string; expiresAt: number } | null);

test.describe("the session", () => {
  test("survives a reload, refreshes an expiring token, and ends cleanly on logout", async ({ page, request }) => {
    await login(page, "w13");
    await page.reload();
    await expect(page.getByTestId("who")).toContainText("w13@e2e.test");

    // Make the access token look expired: the next request refreshes first (rotation).
    const before = (await session(page))!;
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem("regie.session")!);
      s.expiresAt = Date.now() - 1000;
      localStorage.setItem("regie.session", JSON.stringify(s));
    });
    await page.goto("/actions");
    await expect(page.getByTestId("actions-table")).toBeVisible();
    const after = (await session(page))!;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.expiresAt).toBeGreaterThan(Date.now());

    // A token the server no longer accepts: one 401, one refresh, one retry — invisible to the person.
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem("regie.session")!);
      s.accessToken = "not-a-valid-token";
      localStorage.setItem("regie.session", JSON.stringify(s));
    });
    await page.goto("/meetings");
    await expect(page.getByRole("heading", { level: 1, name: "Vergaderingen" })).toBeVisible();
    await expect(page.getByTestId("who")).toContainText("w13@e2e.test");
    await expect(page.getByRole("alert")).toHaveCount(0);

    const last = (await session(page))!;
    await page.goto("/admin/users");
    await page.getByRole("button", { name: "Afmelden" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByText("Je bent afgemeld.")).toBeVisible();
    expect(await session(page)).toBeNull();
    // Logout revoked the refresh token on the server too.
    const res = await request.post("/api/v1/auth/token", { form: { grant_type: "refresh_token", refresh_token: last.refreshToken } });
    expect(res.status()).toBe(401);

    // The next person on this computer starts on their own dashboard, not on the last page.
    await login(page, "gemeente");
  });

  test("tells the person when the session has expired", async ({ page }) => {
    await login(page, "rose");
    await page.evaluate(() => {
      localStorage.setItem("regie.session", JSON.stringify({ accessToken: "x", refreshToken: "revoked", expiresAt: Date.now() - 1000 }));
    });
    await page.goto("/dossiers");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByText("Je sessie is verlopen.")).toBeVisible();
  });

  test("wrong credentials are told plainly", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-mailadres").fill("w13@e2e.test");
    await page.getByLabel("Wachtwoord").fill("helemaal-fout-wachtwoord");
    await page.locator("main").getByRole("button", { name: "Aanmelden" }).click();
    await expect(page.getByRole("alert")).toHaveText("E-mailadres of wachtwoord klopt niet.");
  });

  test("network loss is told, not swallowed, and nothing is lost", async ({ page, context, request }) => {
    const action = (await apiGet<Page<{ id: string; code: string; progress: number }>>(request, "w13", "/api/v1/actions?status=in_progress&limit=1")).items[0]!;
    await login(page, "w13");
    await page.goto(`/actions/${action.id}/edit`);
    await expect(page.getByLabel("Voortgang (%)")).toBeVisible();
    await context.setOffline(true);
    await page.getByLabel("Voortgang (%)").fill("42");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("alert")).toContainText("Geen verbinding met de server.");
    await expect(page.getByText("Geen verbinding met de server — wijzigingen")).toBeVisible();
    await expect(page.getByLabel("Voortgang (%)")).toHaveValue("42");
    await context.setOffline(false);
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "De actie is opgeslagen." })).toBeVisible();
    await expect(page.getByText("Geen verbinding met de server — wijzigingen")).toHaveCount(0);
  });
});
