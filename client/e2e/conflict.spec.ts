import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { apiGet, expectNoA11yViolations, login, patchElsewhere } from "./helpers";

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
