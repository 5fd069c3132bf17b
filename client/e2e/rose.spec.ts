import { expect, test } from "@playwright/test";
import { apiGet, apiToken, expectNoA11yViolations, login, ROSE_ACTOR, uniqueCode } from "./helpers";

interface Page<T> { items: T[]; next_cursor: string | null }
interface Allowed { update: boolean; delete: boolean; fields: string[] }
interface Action { id: string; code: string; status: string; progress: number; lead_actor_id: string | null; partner_ids: string[]; allowed: Allowed }

test.describe("a ROSE member", () => {
  test("sees the navigation of its role and is refused the administration", async ({ page }) => {
    await login(page, "rose");
    const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
    await expect(nav.getByRole("link")).toHaveText(["Overzicht", "Wie biedt wat", "Acties", "Indicatoren", "Vergaderingen", "Signaaldossiers", "Overeenkomsten", "Mijn organisatie"]);
    await expectNoA11yViolations(page, "dashboard (ROSE)");
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();
  });

  test("updates the progress of an action its organisation leads, and nothing else", async ({ page, request }) => {
    const led = await apiGet<Page<Action>>(request, "rose", `/api/v1/actions?lead_actor=${ROSE_ACTOR}&limit=5`);
    const own = led.items[0]!;
    const other = (await apiGet<Page<Action>>(request, "rose", "/api/v1/actions?limit=50")).items.find((a) => a.lead_actor_id !== ROSE_ACTOR && !a.partner_ids.includes(ROSE_ACTOR))!;
    expect(other.allowed).toEqual({ update: false, delete: false, fields: [] });
    await login(page, "rose");

    await page.goto(`/actions/${other.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(other.code);
    await expect(page.getByRole("link", { name: "Bewerken" })).toHaveCount(0);

    await page.goto(`/actions/${own.id}`);
    await page.getByRole("link", { name: "Bewerken" }).click();
    await expect(page.getByText("Als trekker of partner wijzig je de status, de voortgang en de mijlpalen.")).toBeVisible();
    await expect(page.getByLabel("Titel")).toHaveCount(0);
    const progress = own.progress >= 95 ? own.progress - 5 : own.progress + 5;
    await page.getByLabel("Voortgang (%)").fill(String(progress));
    await page.getByRole("button", { name: "Mijlpaal toevoegen" }).click();
    await page.getByRole("group", { name: /Mijlpaal \d+/ }).last().getByLabel("Mijlpaal").fill("Evaluatie met de gemeente");
    await page.getByRole("group", { name: /Mijlpaal \d+/ }).last().getByLabel("Tegen").fill("2025-11-30");
    await expectNoA11yViolations(page, "action edit (ROSE)");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "De actie is opgeslagen." })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("progressbar", { name: "Voortgang" })).toHaveAttribute("aria-valuenow", String(progress));
    await expect(page.getByTestId("milestones")).toContainText("Evaluatie met de gemeente");
  });

  test("updates the progress of an action its organisation is a partner in, as the API allows", async ({ page, request }) => {
    // An action led by another organisation with the ROSE member's as partner, made by W13.
    const token = await apiToken(request, "w13");
    const auth = { Authorization: `Bearer ${token}` };
    const pillars = await apiGet<Page<{ id: string; framework: string }>>(request, "w13", "/api/v1/pillars?limit=100");
    const pillar = pillars.items.find((p) => p.framework === "actieplan")!;
    const actors = await apiGet<Page<{ id: string }>>(request, "w13", "/api/v1/actors?limit=5");
    const lead = actors.items.find((a) => a.id !== ROSE_ACTOR)!;
    const code = uniqueCode("P");
    const made = await request.post("/api/v1/actions", { headers: auth, data: {
      code, title: "Gedeelde actie met partner", pillar_id: pillar.id, start_date: "2025-01-01",
      end_date: "2026-12-31", lead_actor_id: lead.id, partner_ids: [ROSE_ACTOR], progress: 10 } });
    expect(made.status()).toBe(201);
    const action = (await made.json()) as Action;
    const seen = await apiGet<Action>(request, "rose", `/api/v1/actions/${action.id}`);
    expect(seen.allowed).toEqual({ update: true, delete: false, fields: ["milestones", "progress", "status"] });

    await login(page, "rose");
    await page.goto(`/actions/${action.id}`);
    await page.getByRole("link", { name: "Bewerken" }).click();
    await expect(page.getByText("Als trekker of partner wijzig je de status, de voortgang en de mijlpalen.")).toBeVisible();
    await expect(page.getByLabel("Titel")).toHaveCount(0);
    await page.getByLabel("Voortgang (%)").fill("35");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "De actie is opgeslagen." })).toBeVisible();
    expect((await apiGet<Action>(request, "w13", `/api/v1/actions/${action.id}`)).progress).toBe(35);

    // What the UI does not offer, the server refuses too: the title of the same action.
    const rose = { Authorization: `Bearer ${await apiToken(request, "rose")}` };
    const etag = (await request.get(`/api/v1/actions/${action.id}`, { headers: rose })).headers()["etag"]!;
    const refused = await request.patch(`/api/v1/actions/${action.id}`, { headers: { ...rose, "If-Match": etag }, data: { title: "Andere titel" } });
    expect(refused.status()).toBe(403);
  });

  test("starts its dashboard with its own actions, dossiers and next meetings", async ({ page, request }) => {
    const mine = await apiGet<Page<Action>>(request, "rose", `/api/v1/actions?actor=${ROSE_ACTOR}&sort=end_date&limit=8`);
    await login(page, "rose");
    await page.goto("/dashboard");
    const work = page.getByTestId("my-work");
    await expect(work.getByRole("heading", { level: 2, name: "Mijn acties" })).toBeVisible();
    await expect(work.getByRole("heading", { level: 2, name: "Mijn dossiers" })).toBeVisible();
    await expect(work.getByRole("heading", { level: 2, name: "Volgende vergaderingen van mijn organen" })).toBeVisible();
    if (mine.items.length > 0) await expect(work.getByRole("link", { name: new RegExp(`^${mine.items[0]!.code} · `) })).toBeVisible();
    await expectNoA11yViolations(page, "dashboard with my work (ROSE)");
  });

  test("raises a dossier and moves it along its life-cycle", async ({ page }) => {
    const code = uniqueCode("SIG-");
    await login(page, "rose");
    await page.goto("/dossiers");
    await expectNoA11yViolations(page, "dossier board (ROSE)");
    await page.getByRole("link", { name: "Nieuw dossier" }).click();
    await page.getByRole("textbox", { name: "Code", exact: true }).fill(code);
    await page.getByRole("textbox", { name: "Titel", exact: true }).fill("Wachttijden voor indicering bij VDAB");
    await page.getByLabel("Thema").selectOption("indicering_toeleiding");
    await page.getByLabel("Niveau").selectOption("vdab");
    await page.getByLabel("Onderbouwing").fill("Vier organisaties melden wachttijden van meer dan drie maanden voor een indicering.");
    await page.getByRole("button", { name: "Dossier aankaarten" }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${code} · Wachttijden voor indicering bij VDAB`);
    await expect(page.getByRole("status").filter({ hasText: "Het dossier is aangemaakt." })).toBeVisible();
    await expect(page.locator("main .badge").first()).toHaveText("open");
    await page.getByRole("button", { name: "Naar ‘geagendeerd’" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Het dossier staat nu op ‘geagendeerd’." })).toBeVisible();
    await expect(page.locator("main .badge").first()).toHaveText("geagendeerd");
    await expect(page.getByTestId("timeline")).toContainText("statuswijziging");
    // The status change the API recorded ("Status: open → on_agenda") reads with the statuses' labels.
    await expect(page.getByTestId("timeline")).toContainText("Status gewijzigd: open → geagendeerd");

    await page.getByLabel("Wat gebeurde er?").fill("Besproken op de Actiegroep; VDAB krijgt een nota.");
    await page.getByRole("button", { name: "Gebeurtenis toevoegen" }).click();
    await expect(page.getByTestId("timeline")).toContainText("VDAB krijgt een nota");
    await page.getByRole("button", { name: "Naar ‘gesignaleerd’" }).click();
    await expect(page.locator("main .badge").first()).toHaveText("gesignaleerd");
    await expectNoA11yViolations(page, "dossier page (ROSE)");

    await page.goto("/dossiers");
    await expect(page.locator('[data-status="signalled"]')).toContainText(code);
  });

  test("keeps its own organisation's profile and offer up to date", async ({ page, request }) => {
    const product = `Fietsherstel aan huis ${uniqueCode("")}`;
    await login(page, "rose");
    await page.getByRole("link", { name: "Mijn organisatie" }).click();
    await expect(page).toHaveURL(new RegExp(`/actors/${ROSE_ACTOR}$`));
    await page.getByRole("link", { name: "Bewerken" }).click();
    await expect(page.getByText("Je beheert het profiel en het aanbod van je eigen organisatie.")).toBeVisible();
    await expect(page.getByLabel("Soort organisatie")).toHaveCount(0); // W13's field

    // A negative count is refused by the API, and the message lands at that very field.
    await page.getByRole("button", { name: "Inschakelingskans toevoegen" }).click();
    const place = page.getByRole("group", { name: /^Inschakelingskansen \d+$/ }).last();
    await place.getByLabel("Omschrijving").fill("Fietsmecanicien in opleiding");
    await place.getByLabel("Aantal").fill("-3");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(place.getByLabel("Aantal")).toHaveAttribute("aria-invalid", "true");
    await place.getByLabel("Aantal").fill("2");

    await page.getByRole("button", { name: "Product of dienst toevoegen" }).click();
    const good = page.getByRole("group", { name: /^Producten en diensten \d+$/ }).last();
    await good.getByLabel("Product of dienst").fill(product);
    await expectNoA11yViolations(page, "actor edit (ROSE)");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Het profiel is opgeslagen." })).toBeVisible();
    await expect(page.locator("main")).toContainText(product);
    await expect(page.locator("main")).toContainText("Fietsmecanicien in opleiding");
    // The public directory shows it too.
    const pub = await apiGet<{ goods_services: Array<{ name: string }> }>(request, null, `/api/v1/actors/${ROSE_ACTOR}`);
    expect(pub.goods_services.map((g) => g.name)).toContain(product);

    // Another organisation's profile offers no edit.
    const others = await apiGet<{ items: Array<{ id: string }> }>(request, null, "/api/v1/actors?limit=5");
    await page.goto(`/actors/${others.items.find((a) => a.id !== ROSE_ACTOR)!.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Bewerken" })).toHaveCount(0);
  });

  test("a refused anonymous text is shown at its field", async ({ page }) => {
    await login(page, "rose");
    await page.goto("/dossiers/new");
    await page.getByRole("textbox", { name: "Code", exact: true }).fill(uniqueCode("SIG-"));
    await page.getByRole("textbox", { name: "Titel", exact: true }).fill("Persoonsgegevens horen hier niet");
    await page.getByLabel("Thema").selectOption("overig");
    await page.getByLabel("Niveau").selectOption("lokaal");
    await page.getByLabel("Onderbouwing").fill("Contact: jan.peeters@example.org of 0470 12 34 56.");
    await page.getByRole("button", { name: "Dossier aankaarten" }).click();
    await expect(page.getByLabel("Onderbouwing")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/dossiers\/new$/);
  });

  test("a refusal by the server (403) after the lead changed meanwhile is shown, not swallowed", async ({ page, request }) => {
    const w13 = await apiToken(request, "w13");
    const own = (await apiGet<Page<Action>>(request, "rose", `/api/v1/actions?lead_actor=${ROSE_ACTOR}&limit=1`)).items[0]!;
    await login(page, "rose");
    await page.goto(`/actions/${own.id}/edit`);
    await expect(page.getByLabel("Voortgang (%)")).toBeVisible();
    // Meanwhile W13 hands the action to another lead.
    const res = await request.get(`/api/v1/actions/${own.id}`, { headers: { Authorization: `Bearer ${w13}` } });
    const other = (await apiGet<Page<{ id: string }>>(request, null, "/api/v1/actors?limit=5")).items.find((a) => a.id !== ROSE_ACTOR)!;
    const moved = await request.patch(`/api/v1/actions/${own.id}`, {
      headers: { Authorization: `Bearer ${w13}`, "If-Match": res.headers().etag! }, data: { lead_actor_id: other.id },
    });
    expect(moved.ok()).toBeTruthy();
    try {
      await page.getByLabel("Voortgang (%)").fill("12");
      await page.getByRole("button", { name: "Opslaan" }).click();
      // The server judges the right before the version: a plain 403, with its own detail.
      await expect(page.getByRole("alert")).toContainText("Je rol mag dit niet doen.");
      await expect(page.getByRole("alert")).toContainText("U mag dit gegeven (actie) niet wijzigen.");
      await expect(page.getByLabel("Voortgang (%)")).toHaveValue("12"); // the person's input stays
      const after = await apiGet<Action>(request, "w13", `/api/v1/actions/${own.id}`);
      expect(after.progress).toBe(own.progress); // a refused write changed nothing
    } finally {
      const cur = await request.get(`/api/v1/actions/${own.id}`, { headers: { Authorization: `Bearer ${w13}` } });
      await request.patch(`/api/v1/actions/${own.id}`, {
        headers: { Authorization: `Bearer ${w13}`, "If-Match": cur.headers().etag! }, data: { lead_actor_id: ROSE_ACTOR },
      });
    }
  });
});
