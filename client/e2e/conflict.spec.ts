import { expect, test } from "@playwright/test";
import { apiGet, expectNoA11yViolations, login } from "./helpers";

interface Page<T> { items: T[]; next_cursor: string | null }
interface Action { id: string; code: string; title: string; progress: number; status: string }

test("two tabs saving the same action: the second gets the 412 dialog, and can keep or reload", async ({ context, request }) => {
  const action = (await apiGet<Page<Action>>(request, "w13", "/api/v1/actions?status=in_progress&limit=1")).items[0]!;
  const tab1 = await context.newPage();
  await login(tab1, "w13");
  // The session is shared with the second tab (same browser, same storage), as in real life.
  const tab2 = await context.newPage();
  for (const tab of [tab1, tab2]) {
    await tab.goto(`/actions/${action.id}/edit`);
    await expect(tab.getByRole("heading", { level: 1 })).toHaveText(`Actie ${action.code} bewerken`);
  }

  await tab1.getByRole("textbox", { name: "Titel", exact: true }).fill(`${action.title} (bijgewerkt)`);
  await tab1.getByRole("button", { name: "Opslaan" }).click();
  await expect(tab1.getByRole("status").filter({ hasText: "De actie is opgeslagen." })).toBeVisible();

  const mine = action.progress >= 90 ? action.progress - 10 : action.progress + 10;
  await tab2.getByLabel("Voortgang (%)").fill(String(mine));
  await tab2.getByRole("button", { name: "Opslaan" }).click();
  const dialog = tab2.getByRole("alertdialog");
  await expect(dialog.getByRole("heading", { name: "Intussen gewijzigd" })).toBeVisible();
  const row = dialog.getByRole("row").filter({ hasText: "Titel" });
  await expect(row).toContainText(`${action.title} (bijgewerkt)`);
  await expectNoA11yViolations(tab2, "412 conflict dialog");

  // Keep my edit: it goes on top of the new version, and the next save succeeds.
  await dialog.getByRole("button", { name: "Mijn wijziging behouden" }).click();
  await expect(tab2.getByRole("status").filter({ hasText: "Je wijziging staat nu bovenop de nieuwste versie." })).toBeVisible();
  await expect(tab2.getByRole("textbox", { name: "Titel", exact: true })).toHaveValue(`${action.title} (bijgewerkt)`);
  await expect(tab2.getByLabel("Voortgang (%)")).toHaveValue(String(mine));
  await tab2.getByRole("button", { name: "Opslaan" }).click();
  await expect(tab2.getByRole("status").filter({ hasText: "De actie is opgeslagen." })).toBeVisible();
  const saved = await apiGet<Action>(request, "w13", `/api/v1/actions/${action.id}`);
  expect(saved).toMatchObject({ title: `${action.title} (bijgewerkt)`, progress: mine });

  // Again, now choosing to reload: the other tab's version wins and my change is dropped.
  await tab1.goto(`/actions/${action.id}/edit`);
  await tab2.goto(`/actions/${action.id}/edit`);
  await tab1.getByLabel("Voortgang (%)").fill("33");
  await tab1.getByRole("button", { name: "Opslaan" }).click();
  await expect(tab1.getByRole("status").filter({ hasText: "De actie is opgeslagen." })).toBeVisible();
  await tab2.getByLabel("Voortgang (%)").fill("44");
  await tab2.getByRole("button", { name: "Opslaan" }).click();
  await expect(tab2.getByRole("alertdialog").getByRole("row").filter({ hasText: "Voortgang" })).toContainText("ook door jou gewijzigd");
  await tab2.getByRole("alertdialog").getByRole("button", { name: /Nieuwe versie laden/ }).click();
  await expect(tab2.getByLabel("Voortgang (%)")).toHaveValue("33");
});
