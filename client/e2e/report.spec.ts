import { expect, test, type Page } from "@playwright/test";
import { readFile, stat } from "node:fs/promises";
import { apiToken, expectNoA11yViolations, login } from "./helpers";

// Text only W13's version carries: the minutes of the ROSE assembly of December 2024 (seed).
const MINUTES_2024 = "De vergadering keurt het vorige verslag goed";

interface Report {
  year: number;
  internal: boolean;
  bodies: Array<{ meetings: Array<{ minutes_excerpt: string | null }> }>;
  dossiers: Array<{ code: string; evidence_summary: string | null; events: unknown[] | null }>;
}

async function chooseYear(page: Page, year: number): Promise<void> {
  await page.getByLabel("Jaar", { exact: true }).selectOption(String(year));
  await expect(page.getByRole("heading", { level: 2, name: `Jaarverslag ${year}` })).toBeVisible();
}

async function downloadFrom(page: Page, button: string) {
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: button }).click();
  const download = await downloading;
  const path = (await download.path())!;
  return { name: download.suggestedFilename(), path, bytes: await readFile(path), size: (await stat(path)).size };
}

test.describe("the annual report on the dashboard", () => {
  test("W13 picks a year and downloads the PDF and the spreadsheet", async ({ page }) => {
    await login(page, "w13");
    // The plan ran 2020–2025: the dashboard offers those years and opens on the last one.
    const years = await page.getByLabel("Jaar", { exact: true }).locator("option").allTextContents();
    expect(years.slice(0, 6)).toEqual(["2020", "2021", "2022", "2023", "2024", "2025"]);
    await chooseYear(page, 2024);
    await expectNoA11yViolations(page, "dashboard with the annual report (W13)");

    const pdf = await downloadFrom(page, "Jaarverslag (PDF)");
    expect(pdf.name).toBe("jaarverslag-regie-2024-intern.pdf");
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.bytes.subarray(-1024).toString("latin1")).toContain("%%EOF");
    // Ten sections, charts and a contents page: tens of kilobytes, not a stub nor megabytes.
    expect(pdf.size).toBeGreaterThan(20_000);
    expect(pdf.size).toBeLessThan(5_000_000);
    await expect(page.getByRole("status").filter({ hasText: "jaarverslag-regie-2024-intern.pdf is gedownload." })).toBeVisible();
    await expect(page.getByRole("button", { name: "Jaarverslag (PDF)" })).toBeEnabled();

    // The version to share, as a spreadsheet (a zip: PK…).
    await page.getByLabel("Versie om te delen (zonder de interne notities van W13)").check();
    const xlsx = await downloadFrom(page, "Jaarverslag (Excel)");
    expect(xlsx.name).toBe("jaarverslag-regie-2024.xlsx");
    expect(xlsx.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  });

  test("shows progress while the report is being made", async ({ page }) => {
    await login(page, "w13");
    await chooseYear(page, 2023);
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route(/\/api\/v1\/reports\/annual\/2023\?/, async (route) => {
      await held;
      await route.continue();
    });
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Jaarverslag (HTML)" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Bezig met opmaken…" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Jaarverslag (PDF)" })).toBeDisabled();
    release();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("jaarverslag-regie-2023-intern.html");
    await expect(page.getByRole("status").filter({ hasText: "Bezig met opmaken…" })).toHaveCount(0);
  });

  test("says plainly when the server refuses the report", async ({ page }) => {
    await login(page, "w13");
    await page.route(/\/api\/v1\/reports\/annual\//, (route) => route.fulfill({
      status: 403,
      contentType: "application/problem+json",
      body: JSON.stringify({ type: "about:blank", title: "Forbidden", status: 403, detail: "Role may not read reports." }),
    }));
    let downloads = 0;
    page.on("download", () => void (downloads += 1));
    await page.getByRole("button", { name: "Jaarverslag (PDF)" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Je rol mag het jaarverslag niet opvragen." })).toBeVisible();
    expect(downloads).toBe(0);
  });

  test("a ROSE member gets the version without W13's internal notes", async ({ page, request }) => {
    await login(page, "rose");
    await chooseYear(page, 2024);
    await expect(page.getByText("Je krijgt de versie zonder de interne notities van W13.")).toBeVisible();
    await expect(page.getByLabel(/Versie om te delen/)).toHaveCount(0);
    const html = await downloadFrom(page, "Jaarverslag (HTML)");
    expect(html.name).toBe("jaarverslag-regie-2024.html");
    const text = html.bytes.toString("utf8");
    expect(text).toContain("Versie voor ROSE en de Vlaamse overheid");
    expect(text).toContain("SIG-03");
    expect(text).not.toContain(MINUTES_2024);
    expect(text).not.toContain("Interne versie");

    // The same in the JSON: W13's fields are there, and empty.
    const token = await apiToken(request, "rose");
    const res = await request.get("/api/v1/reports/annual/2024", { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } });
    expect(res.status()).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.internal).toBe(false);
    expect(report.bodies.flatMap((b) => b.meetings).length).toBeGreaterThan(0);
    expect(report.bodies.flatMap((b) => b.meetings).every((m) => m.minutes_excerpt === null)).toBe(true);
    expect(report.dossiers.length).toBeGreaterThan(0);
    expect(report.dossiers.every((d) => d.evidence_summary === null && d.events === null)).toBe(true);
    // Asking for the notes is refused.
    const notes = await request.get("/api/v1/reports/annual/2024?internal=true", { headers: { Authorization: `Bearer ${token}` } });
    expect(notes.status()).toBe(403);
  });

  test("a municipality is not offered the report, and the API refuses it", async ({ page, request }) => {
    await login(page, "gemeente");
    await expect(page.getByRole("heading", { level: 2, name: /Acties per pijler/ })).toBeVisible();
    await expect(page.getByTestId("report-buttons")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Jaarverslag/ })).toHaveCount(0);
    const token = await apiToken(request, "gemeente");
    const res = await request.get("/api/v1/reports/annual/2024?format=pdf", { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(403);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
  });
});
