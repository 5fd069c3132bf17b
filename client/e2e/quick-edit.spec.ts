import { expect, test } from "@playwright/test";
import { apiGet, apiToken, expectNoA11yViolations, login } from "./helpers";

interface Page<T> { items: T[]; next_cursor: string | null }
interface Action { id: string; code: string; progress: number; status: string; version: number }

async function anAction(request: Parameters<typeof apiGet>[0]): Promise<Action> {
  const list = await apiGet<Page<Action>>(request, "w13", "/api/v1/actions?sort=-end_date&limit=20");
  return list.items.find((a) => a.status === "in_progress" || a.status === "planned")!;
}

test.describe("quick edit of an action's progress", () => {
  test("W13 updates progress in place on the action's page (nl), and a write meanwhile opens the conflict dialog", async ({ page, request }) => {
    const a = await anAction(request);
    await login(page, "w13");
    await page.goto(`/actions/${a.id}`);
    const form = page.getByRole("form", { name: "Snel bijwerken" });
    const target = a.progress >= 90 ? a.progress - 7 : a.progress + 7;
    await form.getByLabel("Voortgang (%)").fill(String(target));
    await expectNoA11yViolations(page, "action page with quick edit");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await expect(form.getByRole("status")).toHaveText("De actie is opgeslagen.");
    await expect(page.getByRole("progressbar", { name: "Voortgang" }).first()).toHaveAttribute("aria-valuenow", String(target));
    expect((await apiGet<Action>(request, "w13", `/api/v1/actions/${a.id}`)).progress).toBe(target);

    // Someone else saves meanwhile: the next quick save meets a 412 and the dialog.
    const auth = { Authorization: `Bearer ${await apiToken(request, "w13")}` };
    const fresh = await request.get(`/api/v1/actions/${a.id}`, { headers: auth });
    const other = await request.patch(`/api/v1/actions/${a.id}`, { headers: { ...auth, "If-Match": fresh.headers()["etag"]! }, data: { progress: target === 50 ? 51 : 50 } });
    expect(other.status()).toBe(200);
    await form.getByLabel("Voortgang (%)").fill(String(target === 3 ? 4 : 3));
    await form.getByRole("button", { name: "Opslaan" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Intussen gewijzigd" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Nieuwe versie laden (mijn wijziging vervalt)" }).click();
    await expect(form.getByLabel("Voortgang (%)")).toHaveValue(String(target === 50 ? 51 : 50));
  });

  test("works in French too", async ({ page, request }) => {
    const a = await anAction(request);
    await login(page, "w13");
    await page.goto(`/actions/${a.id}`);
    await page.getByTestId("lang-switch").selectOption("fr");
    const form = page.getByRole("form", { name: "Mise à jour rapide" });
    const target = a.progress >= 90 ? a.progress - 3 : a.progress + 3;
    await form.getByLabel("Avancement (%)").fill(String(target));
    await form.getByRole("button", { name: "Enregistrer" }).click();
    await expect(form.getByRole("status")).toBeVisible();
    expect((await apiGet<Action>(request, "w13", `/api/v1/actions/${a.id}`)).progress).toBe(target);
  });

  test("is not offered to a municipality, and the server refuses its write", async ({ page, request }) => {
    const a = await anAction(request);
    await login(page, "gemeente");
    await page.goto(`/actions/${a.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(a.code);
    await expect(page.getByRole("form", { name: "Snel bijwerken" })).toHaveCount(0);
    await page.goto(`/actions?q=${encodeURIComponent(a.code)}`);
    await expect(page.getByTestId("actions-table")).toContainText(a.code);
    await expect(page.getByRole("button", { name: `Snel bijwerken: ${a.code}` })).toHaveCount(0);
    const auth = { Authorization: `Bearer ${await apiToken(request, "gemeente")}` };
    const etag = (await request.get(`/api/v1/actions/${a.id}`, { headers: auth })).headers()["etag"]!;
    const r = await request.patch(`/api/v1/actions/${a.id}`, { headers: { ...auth, "If-Match": etag }, data: { progress: 1 } });
    expect(r.status()).toBe(403);
  });

  test("W13 updates progress in place in the actions list, and undoes it", async ({ page, request }) => {
    const a = await anAction(request);
    await login(page, "w13");
    await page.goto(`/actions?q=${encodeURIComponent(a.code)}`);
    const table = page.getByTestId("actions-table");
    await table.getByRole("button", { name: `Snel bijwerken: ${a.code}` }).click();
    const form = table.getByRole("form", { name: `Snel bijwerken: ${a.code}` });
    const target = a.progress >= 90 ? a.progress - 9 : a.progress + 9;
    await form.getByLabel("Voortgang (%)").fill(String(target));
    await expectNoA11yViolations(page, "actions list with a quick edit open");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await expect(form.getByRole("status")).toHaveText("De actie is opgeslagen.");
    // The row shows the new progress without reading the list again.
    await expect(table.getByRole("progressbar", { name: `Voortgang van ${a.code}` })).toHaveAttribute("aria-valuenow", String(target));
    expect((await apiGet<Action>(request, "w13", `/api/v1/actions/${a.id}`)).progress).toBe(target);

    await form.getByRole("button", { name: "Ongedaan maken" }).click();
    await expect(form.getByRole("status")).toHaveText("De wijziging is ongedaan gemaakt.");
    await expect(form.getByLabel("Voortgang (%)")).toHaveValue(String(a.progress));
    expect((await apiGet<Action>(request, "w13", `/api/v1/actions/${a.id}`)).progress).toBe(a.progress);
  });

  test("in the list in French too", async ({ page, request }) => {
    const a = await anAction(request);
    await login(page, "w13");
    await page.getByTestId("lang-switch").selectOption("fr");
    await page.goto(`/actions?q=${encodeURIComponent(a.code)}`);
    await page.getByRole("button", { name: `Mise à jour rapide : ${a.code}` }).click();
    const form = page.getByRole("form", { name: `Mise à jour rapide : ${a.code}` });
    const target = a.progress >= 90 ? a.progress - 4 : a.progress + 4;
    await form.getByLabel("Avancement (%)").fill(String(target));
    await form.getByRole("button", { name: "Enregistrer" }).click();
    await expect(form.getByRole("status")).toHaveText("L’action a été enregistrée.");
    expect((await apiGet<Action>(request, "w13", `/api/v1/actions/${a.id}`)).progress).toBe(target);
  });
});
