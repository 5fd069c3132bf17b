import { expect, test } from "@playwright/test";
import { apiGet, expectNoA11yViolations } from "./helpers";

test.describe("the public directory (no login)", () => {
  test("searches who offers what by text, kind, municipality, target group and rung", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Wie biedt wat" })).toBeVisible();
    const results = page.getByTestId("actor-results").getByRole("listitem").filter({ has: page.getByRole("heading") });
    await expect(results.first()).toBeVisible();
    const all = await results.count();
    expect(all).toBeGreaterThan(5);

    await page.getByLabel("Naam of aanbod").fill("fiets");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await expect(page).toHaveURL(/q=fiets/);
    await expect.poll(() => results.count()).toBeLessThan(all);
    await expect(results.first()).toContainText(/fiets/i);

    // Filters apply at once and live in the URL (shareable, survive a reload).
    await page.getByLabel("Naam of aanbod").fill("");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await page.getByLabel("Soort organisatie").selectOption("maatwerkbedrijf");
    await expect(page).toHaveURL(/kind=maatwerkbedrijf/);
    await expect.poll(() => results.count()).toBeLessThan(all);
    await expect(results.first()).toContainText("Maatwerkbedrijf");
    for (const card of await results.all()) await expect(card).toContainText("Maatwerkbedrijf");

    await page.getByLabel("Trede").selectOption("6");
    await expect(page).toHaveURL(/rung=6/);
    await page.reload();
    await expect(page.getByLabel("Trede")).toHaveValue("6");
    await expect(page.getByLabel("Soort organisatie")).toHaveValue("maatwerkbedrijf");

    await page.goto("/?target_group=jongeren&municipality=34022");
    await expect(results.first()).toBeVisible();
    for (const card of await results.all()) await expect(card).toContainText("jongeren");
  });

  test("shows an actor's page with its offer and places, without contact persons", async ({ page, request }) => {
    const page1 = await apiGet<{ items: Array<{ id: string; name: string; places: unknown[] }> }>(request, null, "/api/v1/actors?limit=100");
    const actor = page1.items.find((a) => a.places.length > 0)!;
    await page.goto("/");
    await page.getByRole("link", { name: actor.name }).click();
    await expect(page.getByRole("heading", { level: 1, name: actor.name })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Inschakelingskansen" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Inschakelingskansen" }).getByRole("row")).toHaveCount(actor.places.length + 1);
    await expect(page.getByRole("heading", { name: "Producten en diensten" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Contactpersonen" })).toHaveCount(0);
    await expectNoA11yViolations(page, "actor page");
  });

  test("switches language, formats the Belgian way, and remembers the choice", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await page.getByTestId("lang-switch").selectOption("fr");
    await expect(page.getByRole("heading", { level: 1, name: "Qui offre quoi" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("navigation", { name: "Menu principal" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Qui offre quoi" })).toBeVisible();
    await page.getByTestId("lang-switch").selectOption("en");
    await expect(page.getByRole("heading", { level: 1, name: "Who offers what" })).toBeVisible();
    await page.goto("/actions");
    await expect(page.getByRole("heading", { level: 1, name: "Actions" })).toBeVisible();
    // Dates stay day/month/year in Belgian English.
    await expect(page.getByTestId("actions-table")).toContainText(/\d{2}\/\d{2}\/20\d{2}/);
    await page.getByTestId("lang-switch").selectOption("nl");
    await expect(page.getByRole("heading", { level: 1, name: "Acties" })).toBeVisible();
  });

  test("anonymous visitors see only public navigation and published actions", async ({ page, request }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
    await expect(nav.getByRole("link")).toHaveText(["Wie biedt wat", "Acties"]);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByText("Meld je aan om deze pagina te zien.")).toBeVisible();

    // A record the public may not read: the server's 404 is told, not hidden.
    const all = await apiGet<{ items: Array<{ id: string; published: boolean }> }>(request, "w13", "/api/v1/actions?published=false&limit=5");
    if (all.items[0]) {
      await page.goto(`/actions/${all.items[0].id}`);
      await expect(page.getByRole("alert")).toContainText("Niet gevonden, of niet zichtbaar voor jou.");
    }
  });

  test("public pages pass the accessibility scan", async ({ page }) => {
    await page.goto("/");
    await expectNoA11yViolations(page, "directory");
    await page.goto("/actions");
    await expectNoA11yViolations(page, "actions (public)");
    await page.goto("/login");
    await expectNoA11yViolations(page, "login");
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Menu" })).toBeVisible();
    await page.getByRole("button", { name: "Menu" }).click();
    await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Acties" })).toBeVisible();
    await expectNoA11yViolations(page, "directory on a phone");
  });
});
