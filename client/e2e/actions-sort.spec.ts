import { expect, test } from "@playwright/test";
import { apiGet, expectNoA11yViolations, login } from "./helpers";

interface Page<T> { items: T[]; next_cursor: string | null }
interface Action { id: string; code: string; progress: number }

test.describe("the actions list", () => {
  test("sorts on the server by a column header, the sort kept in the URL (W13, nl)", async ({ page, request }) => {
    const expected = await apiGet<Page<Action>>(request, "w13", "/api/v1/actions?sort=-progress&limit=5");
    await login(page, "w13");
    await page.goto("/actions");
    const table = page.getByTestId("actions-table");
    await table.getByRole("button", { name: "Voortgang" }).click();
    await expect(page).toHaveURL(/sort=progress/);
    await expect(table.getByRole("columnheader", { name: /Voortgang/ })).toHaveAttribute("aria-sort", "ascending");
    await table.getByRole("button", { name: /Voortgang/ }).click();
    await expect(page).toHaveURL(/sort=-progress/);
    await expect(table.getByRole("columnheader", { name: /Voortgang/ })).toHaveAttribute("aria-sort", "descending");
    // The rows come in the server's order: the first ones are those the API sorts first.
    await expect(table.locator("tbody tr td:first-child").first()).toHaveText(expected.items[0]!.code);
    await expectNoA11yViolations(page, "actions list sorted");
    // The sort survives a reload (it lives in the URL).
    await page.reload();
    await expect(page.getByTestId("actions-table").getByRole("columnheader", { name: /Voortgang/ })).toHaveAttribute("aria-sort", "descending");
  });

  test("sorts in French too, by lead", async ({ page, request }) => {
    const expected = await apiGet<Page<Action>>(request, "w13", "/api/v1/actions?sort=lead&limit=5");
    await login(page, "w13");
    await page.goto("/actions");
    await page.getByTestId("lang-switch").selectOption("fr");
    await expect(page.getByRole("heading", { level: 1, name: "Actions" })).toBeVisible();
    const table = page.getByTestId("actions-table");
    await table.getByRole("button", { name: "Pilote" }).click();
    await expect(page).toHaveURL(/sort=lead/);
    await expect(table.locator("tbody tr td:first-child").first()).toHaveText(expected.items[0]!.code);
  });

  test("refuses an unknown sort with a field error in the person's language", async ({ request }) => {
    const res = await request.get("/api/v1/actions?sort=budget", { headers: { "Accept-Language": "fr" } });
    expect(res.status()).toBe(422);
    const body = await res.json();
    expect(body.title).toBe("Saisie invalide");
    expect(body.errors[0].code).toBe("enum");
    expect(body.errors[0].msg).toMatch(/^Choisissez parmi/);
  });
});
