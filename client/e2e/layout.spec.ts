import { expect, test, type Page } from "@playwright/test";
import { login } from "./helpers";

/** Cumulative layout shift of the page so far (Chromium's Layout Instability API); "good" is below 0.1. */
async function cls(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean }>) {
        if (!e.hadRecentInput) total += e.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
    setTimeout(() => resolve(total), 500);
  }));
}

test.describe("pages appear without layout jumps", () => {
  test("the directory, on a desktop and on a phone", async ({ page }) => {
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    expect(await cls(page)).toBeLessThan(0.05);
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto("/?kind=maatwerkbedrijf");
    await page.waitForLoadState("networkidle");
    expect(await cls(page)).toBeLessThan(0.05);
  });

  test("the dashboard and an action", async ({ page }) => {
    await login(page, "w13");
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(await cls(page)).toBeLessThan(0.05);
    await page.goto("/actions");
    await page.getByTestId("actions-table").getByRole("link").first().click();
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(await cls(page)).toBeLessThan(0.05);
  });
});

test("works with the keyboard alone: skip link, menu, forms, dialogs", async ({ page }) => {
  await page.goto("/");
  const skip = page.getByRole("link", { name: "Naar de inhoud" });
  // The first Tab must reach the rendered page: pressed while the app was still starting, it
  // went nowhere (seen once in about ten runs).
  await expect(skip).toBeAttached();
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("Tab");
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  // Log in without a mouse.
  await page.goto("/login");
  await page.getByLabel("E-mailadres").focus();
  await page.keyboard.type("w13@e2e.test");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Wachtwoord")).toBeFocused();
  await page.keyboard.type(process.env.E2E_PASSWORD ?? "");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard$/);

  // After navigating, focus lands on the new page's heading, so screen readers announce it.
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Acties" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Acties" })).toBeFocused();

  // A modal dialog keeps focus inside and Escape closes it, returning focus.
  await page.goto("/admin/clients");
  await page.getByRole("button", { name: "Nieuwe API-client" }).click();
  const form = page.getByRole("form", { name: "Nieuwe API-client" });
  await form.getByLabel("Naam van het systeem").fill("Toetsenbordproef");
  await form.getByLabel("Rol").selectOption("w13");
  await form.getByRole("button", { name: "Aanmaken" }).press("Enter");
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
});
