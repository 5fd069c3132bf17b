import { expect, test } from "@playwright/test";
import { expectNoA11yViolations } from "./helpers";

test.describe("failure screens a person understands", () => {
  test("a page whose code cannot be loaded reloads once, then says so in Dutch inside the layout", async ({ page }) => {
    let loads = 0;
    page.on("load", () => loads++);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // As after a deploy: the chunk the old page asks for is gone.
    await page.route(/\/assets\/Actions-[^/]*\.js$/, (route) => route.abort());
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Acties" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deze pagina kon niet geladen worden");
    await expect(page).toHaveURL(/\/actions$/);
    await expect(page.getByTestId("route-error")).toContainText("De pagina kon niet van de server gehaald worden");
    // The navigation stays, and "reload" is offered.
    await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Wie biedt wat" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Pagina herladen" })).toBeVisible();
    await expect(page.getByText("Unexpected Application Error")).toHaveCount(0);
    await expectNoA11yViolations(page, "route error screen");
    // It reloaded by itself once (the first load plus one), and not again.
    expect(loads).toBe(2);
    await page.waitForTimeout(1500);
    expect(loads).toBe(2);

    // The chunk is back: "reload" shows the page.
    await page.unroute(/\/assets\/Actions-[^/]*\.js$/);
    await page.getByRole("button", { name: "Pagina herladen" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Acties");
  });

  test("the route error screen is in French for a French reader", async ({ page }) => {
    await page.goto("/");
    await page.getByTestId("lang-switch").selectOption("fr");
    await page.route(/\/assets\/Actions-[^/]*\.js$/, (route) => route.abort());
    await page.getByRole("navigation").getByRole("link", { name: "Actions" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cette page n’a pas pu être chargée");
    await expect(page.getByRole("button", { name: "Recharger la page" })).toBeVisible();
    await page.getByTestId("lang-switch").selectOption("nl");
  });

  test("the connection banner clears by itself as soon as the server answers again", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    let probes = 0;
    const away = /\/api\/|\/healthz/;
    await page.route(away, (route) => {
      if (route.request().url().includes("/healthz")) probes++;
      return route.abort("connectionrefused");
    });
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Acties" }).click();
    const banner = page.getByText("Geen verbinding met de server — wijzigingen");
    await expect(banner).toBeVisible();
    // The page was only loading: it does not claim that nothing was saved.
    const alert = page.getByRole("alert").filter({ hasText: "Geen verbinding met de server." });
    await expect(alert).toBeVisible();
    await expect(alert).not.toContainText("niets opgeslagen");
    // While the banner shows, the SPA keeps asking /healthz.
    await expect.poll(() => probes, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect(banner).toBeVisible();
    await page.unroute(away);
    // No click, no new request by the person: the poll finds the server and the banner goes.
    await expect(banner).toHaveCount(0, { timeout: 10_000 });
  });
});
