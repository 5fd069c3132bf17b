import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { apiGet, expectNoA11yViolations, login, MUNICIPALITY } from "./helpers";

interface Page<T> { items: T[]; next_cursor: string | null }
interface Agreement { id: string; title: string; municipalities: string[] }

test.describe("a municipality", () => {
  test("sees only what it may use", async ({ page }) => {
    await login(page, "gemeente");
    const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
    await expect(nav.getByRole("link")).toHaveText(["Overzicht", "Wie biedt wat", "Acties", "Indicatoren", "Overeenkomsten"]);
    await expectNoA11yViolations(page, "dashboard (municipality)");
    await page.goto("/dossiers");
    await expect(page.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();
  });

  test("queries its agreements active on a date and downloads the CSV", async ({ page, request }) => {
    const expected = await apiGet<Page<Agreement>>(request, "gemeente", `/api/v1/agreements?municipality=${MUNICIPALITY}&active_on=2024-06-30&limit=500`);
    expect(expected.items.length).toBeGreaterThan(0);
    await login(page, "gemeente");
    await page.getByRole("link", { name: "Overeenkomsten" }).click();
    await expect(page.getByText("De overeenkomsten van Kortrijk.")).toBeVisible();
    // The municipality is fixed to its own: no choice offered.
    await expect(page.getByLabel("Gemeente")).toHaveCount(0);
    await page.getByLabel("Actief op").fill("2024-06-30");
    await page.getByRole("button", { name: "Tonen" }).click();
    const rows = page.getByTestId("agreements-table").locator("tbody tr");
    await expect(rows).toHaveCount(expected.items.length);
    for (const a of expected.items) await expect(page.getByTestId("agreements-table")).toContainText(a.title);
    await expectNoA11yViolations(page, "agreements (municipality)");

    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download als CSV" }).click();
    const download = await downloading;
    const csv = (await readFile((await download.path())!, "utf8")).trim().split(/\r?\n/);
    expect(csv.length - 1).toBe(expected.items.length);
    // A CSV for people: Dutch headers, municipalities by name (the API's CSV keeps field names).
    expect(csv[0]).toBe("Titel;Dienstverlener;Ondernemingsnummer;Gemeenten;Regime;Dienst;Doelgroep;Begindatum;Einddatum;Compensatie per jaar (EUR);Volume;Eenheid van het volume;Datum raadsbesluit");
    for (const line of csv.slice(1)) expect(line).toContain("Kortrijk");

    // Another date, other answer: an agreement that ended is no longer listed.
    await page.getByLabel("Actief op").fill("2019-01-01");
    await page.getByRole("button", { name: "Tonen" }).click();
    const old = await apiGet<Page<Agreement>>(request, "gemeente", `/api/v1/agreements?municipality=${MUNICIPALITY}&active_on=2019-01-01&limit=500`);
    await expect(rows).toHaveCount(old.items.length);
  });

  test("opens on its current and most recent agreements, with the date filter one click away", async ({ page, request }) => {
    const recent = await apiGet<Page<Agreement & { end_date: string }>>(request, "gemeente", `/api/v1/agreements?municipality=${MUNICIPALITY}&sort=-end_date&limit=50`);
    expect(recent.items.length).toBeGreaterThan(0);
    await login(page, "gemeente");
    await page.getByRole("link", { name: "Overeenkomsten" }).click();
    await expect(page.getByText("lopende en meest recente eerst")).toBeVisible();
    const rows = page.getByTestId("agreements-table").locator("tbody tr");
    await expect(rows).toHaveCount(recent.items.length);
    // The one that ends last comes first, ended or not, each marked with where it stands.
    await expect(rows.first()).toContainText(recent.items[0]!.title);
    await expect(rows.first().locator(".badge")).toHaveText(/^(loopt|afgelopen|start later)$/);
    await expectNoA11yViolations(page, "agreements, current and most recent (municipality)");
    await page.getByRole("button", { name: "Actief vandaag" }).click();
    await expect(page).toHaveURL(/active_on=\d{4}-\d\d-\d\d/);
    await expect(page.getByText(/actief op /)).toBeVisible();
    await page.getByRole("button", { name: "Huidige en recente" }).click();
    await expect(page).not.toHaveURL(/active_on/);
    await expect(rows).toHaveCount(recent.items.length);
  });
});
