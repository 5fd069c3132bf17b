import { expect, test } from "@playwright/test";
import { apiGet, apiToken, expectNoA11yViolations, login, patchElsewhere, ROSE_ACTOR } from "./helpers";

interface List<T> { items: T[]; next_cursor: string | null }
interface Dossier { id: string; code: string; title: string; theme: string; level: string; evidence_summary: string; raised_by_id: string | null }

test.describe("a dossier edited after it was raised", () => {
  test("W13 changes title, theme, level and evidence; personal data in the evidence is refused at the field", async ({ page, request }) => {
    const dossier = (await apiGet<List<Dossier>>(request, "w13", "/api/v1/dossiers?limit=1")).items[0]!;
    const newTitle = `${dossier.title} (herwerkt)`;
    await login(page, "w13");
    await page.goto(`/dossiers/${dossier.id}`);
    await page.getByRole("button", { name: "Dossier bewerken" }).click();
    const form = page.getByRole("form", { name: "Dossier bewerken" });
    await expect(form.getByRole("textbox", { name: "Titel" })).toHaveValue(dossier.title);
    await form.getByRole("textbox", { name: "Titel" }).fill(newTitle);
    const theme = await form.getByRole("combobox", { name: "Thema" }).locator("option").evaluateAll(
      (os, cur) => (os as HTMLOptionElement[]).map((o) => o.value).find((v) => v && v !== cur)!, dossier.theme);
    const level = await form.getByRole("combobox", { name: "Niveau" }).locator("option").evaluateAll(
      (os, cur) => (os as HTMLOptionElement[]).map((o) => o.value).find((v) => v && v !== cur)!, dossier.level);
    await form.getByRole("combobox", { name: "Thema" }).selectOption(theme);
    await form.getByRole("combobox", { name: "Niveau" }).selectOption(level);
    const evidence = form.getByRole("textbox", { name: "Onderbouwing" });
    await evidence.fill("Drie doelgroepmedewerkers; contact via jan.peeters@example.org.");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await expect(evidence).toHaveAttribute("aria-invalid", "true");
    const errId = (await evidence.getAttribute("aria-describedby"))!.split(" ").pop()!;
    await expect(page.locator(`[id="${errId}"]`)).toContainText(/e-mail/i);
    expect((await apiGet<Dossier>(request, "w13", `/api/v1/dossiers/${dossier.id}`)).title).toBe(dossier.title);
    await expectNoA11yViolations(page, "dossier edit form with the evidence refused");

    await evidence.fill("Drie doelgroepmedewerkers verloren hun job door de nieuwe regeling (anoniem).");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Het dossier is opgeslagen." })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${dossier.code} · ${newTitle}`);
    expect(await apiGet<Dossier>(request, "w13", `/api/v1/dossiers/${dossier.id}`)).toMatchObject({
      title: newTitle, theme, level, evidence_summary: "Drie doelgroepmedewerkers verloren hun job door de nieuwe regeling (anoniem).",
    });
  });

  test("someone else saved another field of the dossier meanwhile: merged without asking", async ({ page, request }) => {
    const dossier = (await apiGet<List<Dossier>>(request, "w13", "/api/v1/dossiers?limit=2")).items[1]!;
    await login(page, "w13");
    await page.goto(`/dossiers/${dossier.id}`);
    await page.getByRole("button", { name: "Dossier bewerken" }).click();
    const form = page.getByRole("form", { name: "Dossier bewerken" });
    await expect(form.getByRole("textbox", { name: "Titel" })).toHaveValue(dossier.title);
    await patchElsewhere(request, "w13", `/api/v1/dossiers/${dossier.id}`, { title: `${dossier.title} (elders)` });
    await form.getByRole("textbox", { name: "Onderbouwing" }).fill("Aangevuld, anoniem.");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Het dossier is opgeslagen." })).toBeVisible();
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    expect(await apiGet<Dossier>(request, "w13", `/api/v1/dossiers/${dossier.id}`)).toMatchObject({
      title: `${dossier.title} (elders)`, evidence_summary: "Aangevuld, anoniem.",
    });
  });

  test("a ROSE member edits the title of a dossier its own organisation raised", async ({ page, request }) => {
    const headers = { Authorization: `Bearer ${await apiToken(request, "rose")}` };
    const code = `SIG-${Date.now() % 100000}`;
    const res = await request.post("/api/v1/dossiers", {
      headers, data: { code, title: "Vervoer naar de werkplek", theme: "mobiliteit", level: "vlaanderen", raised_by_id: ROSE_ACTOR, status: "open" },
    });
    expect(res.status(), await res.text()).toBe(201);
    const own = (await res.json()) as Dossier;
    await login(page, "rose");
    await page.goto(`/dossiers/${own.id}`);
    await page.getByRole("button", { name: "Dossier bewerken" }).click();
    const form = page.getByRole("form", { name: "Dossier bewerken" });
    await form.getByRole("textbox", { name: "Titel" }).fill("Vervoer naar de werkplek in de Westhoek");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Het dossier is opgeslagen." })).toBeVisible();
    expect((await apiGet<Dossier>(request, "w13", `/api/v1/dossiers/${own.id}`)).title).toBe("Vervoer naar de werkplek in de Westhoek");
  });

  test("a ROSE member cannot edit another organisation's dossier; a municipality cannot edit any", async ({ page, request }) => {
    const all = (await apiGet<List<Dossier>>(request, "w13", "/api/v1/dossiers?limit=500")).items;
    const other = all.find((d) => d.raised_by_id !== ROSE_ACTOR)!;
    await login(page, "rose");
    await page.goto(`/dossiers/${other.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(other.code);
    await expect(page.getByRole("button", { name: "Dossier bewerken" })).toHaveCount(0);
    const rose = { Authorization: `Bearer ${await apiToken(request, "rose")}` };
    expect((await request.patch(`/api/v1/dossiers/${other.id}`, { headers: rose, data: { title: "Nee" } })).status()).toBe(403);
    const gemeente = { Authorization: `Bearer ${await apiToken(request, "gemeente")}` };
    expect([403, 404]).toContain((await request.patch(`/api/v1/dossiers/${other.id}`, { headers: gemeente, data: { title: "Nee" } })).status());
    expect((await apiGet<Dossier>(request, "w13", `/api/v1/dossiers/${other.id}`)).title).toBe(other.title);
  });
});
