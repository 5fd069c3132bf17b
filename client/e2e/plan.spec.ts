import { expect, test } from "@playwright/test";
import { apiGet, apiToken, expectNoA11yViolations, login, uniqueCode } from "./helpers";

interface List<T> { items: T[]; next_cursor: string | null }
interface Pillar { id: string; code: string; title: string; framework: string; sort_order: number }
interface Objective { id: string; code: string; title: string; pillar_id: string; sort_order: number }

const pillarsOf = async (request: Parameters<typeof apiGet>[0]) =>
  (await apiGet<List<Pillar>>(request, "w13", "/api/v1/pillars?limit=500")).items;

test.describe("the plan's structure, managed by W13", () => {
  test("creates, renames, reorders and deletes pillars and objectives; the 409 is told plainly", async ({ page, request }) => {
    // An action-plan pillar's code is a section number; unique per run.
    const code = `9.${Date.now() % 100000}`;
    await login(page, "w13");
    await page.goto("/admin");
    await page.getByRole("link", { name: "Planstructuur" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planstructuur: pijlers en doelstellingen");
    await expectNoA11yViolations(page, "plan structure");

    // A new pillar in the action plan: it goes after the last one.
    await page.getByRole("button", { name: "Pijler toevoegen" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Nieuwe pijler" });
    await dialog.getByRole("textbox", { name: "Code" }).fill("3.3 fout!");
    await dialog.getByRole("textbox", { name: "Titel" }).fill("Proefpijler");
    await dialog.getByRole("button", { name: "Opslaan" }).click();
    await expect(dialog.getByRole("textbox", { name: "Code" })).toHaveAttribute("aria-invalid", "true");
    await expectNoA11yViolations(page, "pillar form with a field error");
    await dialog.getByRole("textbox", { name: "Code" }).fill(code);
    await dialog.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${code} is toegevoegd.` })).toBeVisible();
    const pillar = (await pillarsOf(request)).find((p) => p.code === code)!;
    expect(pillar).toMatchObject({ title: "Proefpijler", framework: "actieplan" });

    // An objective under it.
    const card = page.getByTestId(`pillar-${code}`);
    await card.getByRole("button", { name: `Doelstelling toevoegen ${code}` }).click();
    const objDialog = page.getByRole("dialog", { name: "Nieuwe doelstelling" });
    await expect(objDialog.getByRole("combobox", { name: "Pijler" })).toHaveValue(pillar.id);
    await objDialog.getByRole("textbox", { name: "Code" }).fill(`${code}.1`);
    await objDialog.getByRole("textbox", { name: "Titel" }).fill("Proefdoelstelling");
    await objDialog.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${code}.1 is toegevoegd.` })).toBeVisible();
    await expect(card.getByTestId(`objective-${code}.1`)).toContainText("Proefdoelstelling");

    // Rename the pillar.
    await card.getByRole("button", { name: `Bewerken ${code} Proefpijler` }).click();
    const editDialog = page.getByRole("dialog", { name: `Pijler ${code} bewerken` });
    await editDialog.getByRole("textbox", { name: "Titel" }).fill("Proefpijler hernoemd");
    await editDialog.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${code} is opgeslagen.` })).toBeVisible();
    await expect(card).toContainText("Proefpijler hernoemd");

    // Move it up one place: it now comes before the pillar that was before it.
    const before = (await pillarsOf(request)).filter((p) => p.framework === "actieplan")
      .sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code, "nl", { numeric: true }));
    const at = before.findIndex((p) => p.id === pillar.id);
    const previous = before[at - 1]!;
    await card.getByRole("button", { name: `Omhoog ${code} Proefpijler hernoemd` }).click();
    await expect(page.getByRole("status").filter({ hasText: `${code} is verplaatst.` })).toBeVisible();
    const after = await pillarsOf(request);
    const mine = after.find((p) => p.id === pillar.id)!, theirs = after.find((p) => p.id === previous.id)!;
    expect(mine.sort_order).toBeLessThan(theirs.sort_order);
    const cards = page.locator('[data-testid^="pillar-"]');
    const codes = await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
    expect(codes.indexOf(`pillar-${code}`)).toBe(codes.indexOf(`pillar-${previous.code}`) - 1);

    // Deleting the pillar while an objective hangs under it: refused, said in Dutch.
    page.once("dialog", (d) => void d.accept());
    await card.getByRole("button", { name: `Verwijderen ${code} Proefpijler hernoemd` }).click();
    await expect(page.getByTestId("plan-blocked")).toHaveText(
      `Pijler ${code} kan niet verwijderd worden: er hangen nog doelstellingen of acties onder. Verplaats of verwijder die eerst.`);
    expect((await pillarsOf(request)).some((p) => p.id === pillar.id)).toBe(true);

    // The objective first, then the pillar.
    page.once("dialog", (d) => void d.accept());
    await card.getByRole("button", { name: `Verwijderen ${code}.1 Proefdoelstelling` }).click();
    await expect(page.getByRole("status").filter({ hasText: `${code}.1 is verwijderd.` })).toBeVisible();
    page.once("dialog", (d) => void d.accept());
    await page.getByTestId(`pillar-${code}`).getByRole("button", { name: `Verwijderen ${code} Proefpijler hernoemd` }).click();
    await expect(page.getByRole("status").filter({ hasText: `${code} is verwijderd.` })).toBeVisible();
    await expect(page.getByTestId(`pillar-${code}`)).toHaveCount(0);
    expect((await pillarsOf(request)).some((p) => p.id === pillar.id)).toBe(false);
  });

  test("an objective with actions under it cannot be deleted, told in Dutch", async ({ page, request }) => {
    const actions = await apiGet<List<{ objective_id: string | null }>>(request, "w13", "/api/v1/actions?limit=500");
    const used = actions.items.find((a) => a.objective_id)!.objective_id!;
    const objective = await apiGet<Objective>(request, "w13", `/api/v1/objectives/${used}`);
    await login(page, "w13");
    await page.goto("/admin/plan");
    page.once("dialog", (d) => void d.accept());
    await page.getByTestId(`objective-${objective.code}`).getByRole("button", { name: `Verwijderen ${objective.code} ${objective.title}` }).click();
    await expect(page.getByTestId("plan-blocked")).toHaveText(
      `Doelstelling ${objective.code} kan niet verwijderd worden: er hangen nog acties onder. Verplaats of verwijder die eerst.`);
    expect((await apiGet<Objective>(request, "w13", `/api/v1/objectives/${used}`)).id).toBe(used);
  });

  for (const who of ["rose", "gemeente"] as const) {
    test(`a ${who === "rose" ? "ROSE member" : "municipality"} cannot change the plan, in the SPA nor through the API`, async ({ page, request }) => {
      await login(page, who);
      await page.goto("/admin/plan");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Geen toegang");
      await expect(page.getByRole("button", { name: "Pijler toevoegen" })).toHaveCount(0);
      const pillar = (await pillarsOf(request))[0]!;
      const headers = { Authorization: `Bearer ${await apiToken(request, who)}` };
      expect((await request.post("/api/v1/pillars", { headers, data: { code: uniqueCode("X"), framework: "actieplan", title: "Nee" } })).status()).toBe(403);
      expect((await request.patch(`/api/v1/pillars/${pillar.id}`, { headers, data: { title: "Nee" } })).status()).toBe(403);
      expect((await request.delete(`/api/v1/pillars/${pillar.id}`, { headers })).status()).toBe(403);
      expect((await request.post("/api/v1/objectives", { headers, data: { pillar_id: pillar.id, code: uniqueCode("X"), title: "Nee" } })).status()).toBe(403);
    });
  }
});
