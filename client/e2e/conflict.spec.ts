import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { apiGet, apiToken, expectNoA11yViolations, login, patchElsewhere } from "./helpers";

interface List<T> { items: T[]; next_cursor: string | null }
interface Action { id: string; code: string; title: string; progress: number; status: string; version: number }

async function twoTabs(context: BrowserContext, action: Action): Promise<[Page, Page]> {
  const tab1 = await context.newPage();
  await login(tab1, "w13");
  // The session is shared with the second tab (same browser, same storage), as in real life.
  const tab2 = await context.newPage();
  for (const tab of [tab1, tab2]) {
    await tab.goto(`/actions/${action.id}/edit`);
    await expect(tab.getByRole("heading", { level: 1 })).toHaveText(`Actie ${action.code} bewerken`);
  }
  return [tab1, tab2];
}

test("two tabs editing different fields of an action: the second save merges without asking", async ({ context, request }) => {
  const action = (await apiGet<List<Action>>(request, "w13", "/api/v1/actions?status=in_progress&limit=1")).items[0]!;
  const [tab1, tab2] = await twoTabs(context, action);
  await tab1.getByRole("textbox", { name: "Titel", exact: true }).fill(`${action.title} (bijgewerkt)`);
  await tab1.getByRole("button", { name: "Opslaan" }).click();
  await expect(tab1.getByRole("status").filter({ hasText: "De actie is opgeslagen." })).toBeVisible();

  const mine = action.progress >= 90 ? action.progress - 10 : action.progress + 10;
  await tab2.getByLabel("Voortgang (%)").fill(String(mine));
  await tab2.getByRole("button", { name: "Opslaan" }).click();
  // No dialog: the title came from the other tab, the progress from this one, both kept.
  await expect(tab2.getByRole("status").filter({ hasText: "De actie is opgeslagen." })).toBeVisible();
  await expect(tab2.getByRole("alertdialog")).toHaveCount(0);
  const saved = await apiGet<Action>(request, "w13", `/api/v1/actions/${action.id}`);
  expect(saved).toMatchObject({ title: `${action.title} (bijgewerkt)`, progress: mine, version: action.version + 2 });
});

test("the same field changed in two tabs: the dialog says it was you, in another tab, and lets you keep or reload", async ({ context, request }) => {
  const action = (await apiGet<List<Action>>(request, "w13", "/api/v1/actions?status=in_progress&limit=1")).items[0]!;
  const [tab1, tab2] = await twoTabs(context, action);
  await tab1.getByLabel("Voortgang (%)").fill("33");
  await tab1.getByRole("button", { name: "Opslaan" }).click();
  await expect(tab1.getByRole("status").filter({ hasText: "De actie is opgeslagen." })).toBeVisible();

  await tab2.getByLabel("Voortgang (%)").fill("44");
  await tab2.getByRole("button", { name: "Opslaan" }).click();
  const dialog = tab2.getByRole("alertdialog");
  await expect(dialog.getByRole("heading", { name: "Intussen gewijzigd" })).toBeVisible();
  await expect(dialog).toContainText("Jij, in een ander tabblad, hebt dit opgeslagen");
  // Only the field changed on both sides is put to the person.
  await expect(dialog.getByRole("row").filter({ hasText: "Voortgang" })).toContainText("ook door jou gewijzigd");
  await expectNoA11yViolations(tab2, "412 conflict dialog");

  // Keep my edit: it goes on top of the new version, and the next save succeeds.
  await dialog.getByRole("button", { name: "Mijn wijziging behouden" }).click();
  await expect(tab2.getByRole("status").filter({ hasText: "Je wijziging staat nu bovenop de nieuwste versie." })).toBeVisible();
  await expect(tab2.getByLabel("Voortgang (%)")).toHaveValue("44");
  await tab2.getByRole("button", { name: "Opslaan" }).click();
  await expect(tab2.getByRole("status").filter({ hasText: "De actie is opgeslagen." })).toBeVisible();
  expect((await apiGet<Action>(request, "w13", `/api/v1/actions/${action.id}`)).progress).toBe(44);

  // A write through the API under the same login meets the same answer; reloading takes that
  // version and drops the edit in this tab.
  await tab2.goto(`/actions/${action.id}/edit`);
  await patchElsewhere(request, "w13", `/api/v1/actions/${action.id}`, { progress: 55 });
  await tab2.getByLabel("Voortgang (%)").fill("66");
  await tab2.getByRole("button", { name: "Opslaan" }).click();
  await expect(tab2.getByRole("alertdialog")).toContainText("Jij, in een ander tabblad");
  await tab2.getByRole("alertdialog").getByRole("button", { name: /Nieuwe versie laden/ }).click();
  await expect(tab2.getByLabel("Voortgang (%)")).toHaveValue("55");
});

test("in French the dialog says it was you, in another tab", async ({ context, request }) => {
  const action = (await apiGet<List<Action>>(request, "w13", "/api/v1/actions?status=planned&limit=1")).items[0]!;
  const [tab1, tab2] = await twoTabs(context, action);
  await tab2.getByTestId("lang-switch").selectOption("fr");
  await tab1.getByLabel("Voortgang (%)").fill("12");
  await tab1.getByRole("button", { name: "Opslaan" }).click();
  await expect(tab1.getByRole("status").filter({ hasText: "De actie is opgeslagen." })).toBeVisible();
  await tab2.getByLabel("Avancement (%)").fill("21");
  await tab2.getByRole("button", { name: "Enregistrer" }).click();
  const dialog = tab2.getByRole("alertdialog", { name: "Modifié entre-temps" });
  await expect(dialog).toContainText("Vous, dans un autre onglet, avez enregistré ceci");
  await expect(dialog.getByRole("row").filter({ hasText: "Avancement" })).toContainText("également modifié par vous");
});

/** A request with W13's token: the test's own records, made and removed through the API. */
async function asW13(request: APIRequestContext, method: "post" | "delete", url: string, data?: Record<string, unknown>) {
  const headers = { Authorization: `Bearer ${await apiToken(request, "w13")}` };
  const res = await request[method](url, { headers, data });
  expect(res.ok(), `${method} ${url} → ${res.status()}`).toBeTruthy();
  return res.status() === 204 ? null : ((await res.json()) as { id: string });
}

test("the plan structure: a pillar saved meanwhile merges another field without asking; the same field opens the dialog", async ({ page, request }) => {
  const code = `8.${Date.now() % 100000}`;
  const pillar = (await asW13(request, "post", "/api/v1/pillars", { code, framework: "actieplan", title: "Proefpijler" }))!;
  await login(page, "w13");
  await page.goto("/admin/plan");
  const edit = async (title: string) => {
    await page.getByTestId(`pillar-${code}`).getByRole("button", { name: `Bewerken ${code} ${title}` }).click();
    const dialog = page.getByRole("dialog", { name: `Pijler ${code} bewerken` });
    await expect(dialog.getByRole("textbox", { name: "Titel" })).toHaveValue(title);
    return dialog;
  };

  // Another field: the description changed elsewhere, the title here; both are kept, no dialog.
  let dialog = await edit("Proefpijler");
  await patchElsewhere(request, "w13", `/api/v1/pillars/${pillar.id}`, { description: "Elders aangepast." });
  await dialog.getByRole("textbox", { name: "Titel" }).fill("Proefpijler hernoemd");
  await dialog.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${code} is opgeslagen.` })).toBeVisible();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  expect(await apiGet<{ title: string; description: string }>(request, "w13", `/api/v1/pillars/${pillar.id}`))
    .toMatchObject({ title: "Proefpijler hernoemd", description: "Elders aangepast." });

  // The same field: only the title is put to the person, and reloading takes the other version.
  dialog = await edit("Proefpijler hernoemd");
  await patchElsewhere(request, "w13", `/api/v1/pillars/${pillar.id}`, { title: "Elders hernoemd" });
  await dialog.getByRole("textbox", { name: "Titel" }).fill("Hier hernoemd");
  await dialog.getByRole("button", { name: "Opslaan" }).click();
  const conflict = page.getByRole("alertdialog");
  await expect(conflict).toContainText("Jij, in een ander tabblad");
  await expect(conflict.getByRole("row").filter({ hasText: "Titel" })).toContainText("Elders hernoemd");
  await expect(conflict.getByRole("row").filter({ hasText: "Omschrijving" })).toHaveCount(0);
  await conflict.getByRole("button", { name: /Nieuwe versie laden/ }).click();
  await expect(dialog.getByRole("textbox", { name: "Titel" })).toHaveValue("Elders hernoemd");
  await dialog.getByRole("button", { name: "Annuleren" }).click();
  await asW13(request, "delete", `/api/v1/pillars/${pillar.id}`);
});

test("a measurement corrected meanwhile merges another field without asking; the same field opens the dialog", async ({ page, request }) => {
  const ind = (await apiGet<List<{ id: string }>>(request, "w13", "/api/v1/indicators?kind=context&limit=1")).items[0]!;
  // A date of its own (one measurement per indicator and date).
  const day = new Date(Date.UTC(2001, 0, 1) + (Date.now() % 3000) * 86_400_000).toISOString().slice(0, 10);
  const shown = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
  const m = (await asW13(request, "post", `/api/v1/indicators/${ind.id}/measurements`, { date: day, value: 100, data_source: "Arvastat" }))!;
  const url = `/api/v1/indicators/${ind.id}/measurements/${m.id}`;
  await login(page, "w13");
  await page.goto(`/indicators/${ind.id}`);
  const table = page.getByTestId("measurements");
  const correct = async () => {
    await table.getByRole("button", { name: `Meting van ${shown} corrigeren` }).click();
    return page.getByRole("form", { name: `Meting van ${shown} corrigeren` });
  };

  // Another field: the source changed elsewhere, the value here; both are kept, no dialog.
  let form = await correct();
  await expect(form.getByLabel(/Waarde/)).toHaveValue("100");
  await patchElsewhere(request, "w13", url, { data_source: "Statbel" });
  await form.getByLabel(/Waarde/).fill("110,5");
  await form.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "De meting is gecorrigeerd." })).toBeVisible();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  expect(await apiGet<{ value: number; data_source: string }>(request, "w13", url)).toMatchObject({ value: 110.5, data_source: "Statbel" });

  // The same field: only the value is put to the person, and reloading takes the other version.
  form = await correct();
  await expect(form.getByLabel(/Waarde/)).toHaveValue("110.5");
  await patchElsewhere(request, "w13", url, { value: 120 });
  await form.getByLabel(/Waarde/).fill("130");
  await form.getByRole("button", { name: "Opslaan" }).click();
  const conflict = page.getByRole("alertdialog");
  await expect(conflict.getByRole("row").filter({ hasText: "Waarde" })).toContainText("120");
  await expect(conflict.getByRole("row").filter({ hasText: "Bron" })).toHaveCount(0);
  await conflict.getByRole("button", { name: /Nieuwe versie laden/ }).click();
  await expect(form.getByLabel(/Waarde/)).toHaveValue("120");
  await form.getByRole("button", { name: "Annuleren" }).click();
  await asW13(request, "delete", url);
});
