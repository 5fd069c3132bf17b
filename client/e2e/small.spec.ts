import { expect, test } from "@playwright/test";
import { apiGet, login } from "./helpers";

interface List<T> { items: T[]; next_cursor: string | null }

/** WCAG relative luminance contrast of two CSS colours `rgb(r, g, b)`. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

test("/actions/new tells a role that may not create so, in nl, fr and en", async ({ page }) => {
  await login(page, "rose");
  await page.goto("/actions/new");
  await expect(page.getByRole("alert")).toHaveText("Je mag geen nieuwe acties aanmaken. Alleen W13 maakt acties aan.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nieuwe actie");
  await page.getByTestId("lang-switch").selectOption("fr");
  await expect(page.getByRole("alert")).toHaveText("Vous ne pouvez pas créer de nouvelles actions. Seul W13 crée des actions.");
  await page.getByTestId("lang-switch").selectOption("en");
  await expect(page.getByRole("alert")).toHaveText("You may not create new actions. Only W13 creates actions.");
  await page.getByTestId("lang-switch").selectOption("nl");
});

test("the focus ring on the dark header has at least 3:1 contrast", async ({ page }) => {
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  const link = page.locator(".site-header a").first();
  await link.focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Shift+Tab");
  const colours = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const header = document.querySelector(".site-header") as HTMLElement;
    return { inHeader: header.contains(el), outline: getComputedStyle(el).outlineColor, style: getComputedStyle(el).outlineStyle, bg: getComputedStyle(header).backgroundColor };
  });
  expect(colours.inHeader).toBe(true);
  expect(colours.style).not.toBe("none");
  expect(contrast(colours.outline, colours.bg)).toBeGreaterThanOrEqual(3);
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("/admin/users is no wider than the screen, and its table shows that it scrolls", async ({ page }) => {
    await login(page, "w13");
    await page.goto("/admin/users");
    const table = page.getByTestId("users-table");
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const wrap = page.locator(".table-wrap").filter({ has: table });
    const box = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, bg: getComputedStyle(el).backgroundImage }));
    expect(box.scroll).toBeGreaterThan(box.client); // it does scroll …
    expect(box.bg).toContain("radial-gradient"); // … and has the shade that says so
  });

  test("the directory's filters fold away, so results show on the first screen", async ({ page }) => {
    await page.goto("/");
    const first = page.getByTestId("actor-results").getByRole("listitem").first();
    await expect(first).toBeVisible();
    await expect(page.getByRole("combobox", { name: "Soort organisatie" })).toBeHidden();
    const top = await first.evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeLessThan(844);
    await page.getByText("Filters", { exact: true }).click();
    await expect(page.getByRole("combobox", { name: "Soort organisatie" })).toBeVisible();
  });
});

test.describe("the dashboard", () => {
  test("opens on the last year that has data, and its charts' axis labels are not cut off", async ({ page, request }) => {
    const actions = await apiGet<List<{ end_date: string }>>(request, "w13", "/api/v1/actions?limit=500");
    const lastEnd = Math.max(...actions.items.map((a) => Number(a.end_date.slice(0, 4))));
    const expected = Math.min(new Date().getFullYear(), lastEnd);
    await login(page, "w13");
    await expect(page.getByLabel("Jaar", { exact: true })).toHaveValue(String(expected));
    await page.getByRole("button", { name: /Alle \d+ indicatoren tonen/ }).click();
    const chart = page.locator("svg.chart").filter({ has: page.locator("title", { hasText: "Inwoners (Zuid-West-Vlaanderen)" }) });
    await expect(chart).toHaveCount(1);
    const clipped = await chart.evaluate((svg) => [...svg.querySelectorAll("text")]
      .map((t) => ({ text: t.textContent, x: (t as SVGTextElement).getBBox().x }))
      .filter((b) => b.x < 0));
    expect(clipped).toEqual([]);
  });
});
