import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiGet, apiToken, expectNoA11yViolations, login, uniqueCode, type Who } from "./helpers";

interface List<T> { items: T[]; next_cursor: string | null }
interface Actor { id: string; name: string }
interface AgendaItem { title: string; description: string; items: AgendaItem[] }
interface Body { id: string; code: string; name: string; member_ids: string[]; agenda_template: AgendaItem[]; description: string }
interface Meeting {
  id: string; title: string; status: string; minutes: string | null; agenda: AgendaItem[];
  attendance: Array<{ actor_id: string | null; user_id: string | null; person: string | null; status: string }>; decisions: Array<{ id: string; text: string }>;
}
interface Me { subject: string }
/** The W13 login scripts/e2e.sh creates. */
const W13_NAME = "Regisseur (e2e)";
interface Indicator { id: string; code: string; name: string; unit: string; target_value: number | null; action_id: string | null }
interface Measurement { id: string; date: string; value: number; data_source: string }

async function send(request: APIRequestContext, who: Who, method: "post" | "patch" | "delete", url: string, data?: unknown, headers: Record<string, string> = {}) {
  return request[method](url, { headers: { Authorization: `Bearer ${await apiToken(request, who)}`, ...headers }, data });
}

async function firstActors(request: APIRequestContext, n: number): Promise<Actor[]> {
  return (await apiGet<List<Actor>>(request, "w13", `/api/v1/actors?limit=${n}`)).items;
}

/** A body set up through the API, with two members and a two-item agenda template. */
async function bodyWithTemplate(request: APIRequestContext): Promise<Body> {
  const [a, b] = await firstActors(request, 2);
  const res = await send(request, "w13", "post", "/api/v1/bodies", {
    code: uniqueCode("wg-").toLowerCase(), name: `Werkgroep proef ${uniqueCode("")}`, kind: "workgroup", member_ids: [a!.id, b!.id],
    agenda_template: [
      { title: "Verwelkoming", description: "", items: [] },
      { title: "Stand van zaken", description: "", items: [{ title: "Trajecten", description: "", items: [] }] },
    ],
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as Body;
}

test.describe("W13 manages bodies", () => {
  test("creates a body with members and an agenda template, then edits it", async ({ page, request }) => {
    const [a, b] = await firstActors(request, 2);
    const code = uniqueCode("ag-").toLowerCase();
    await login(page, "w13");
    await page.goto("/bodies");
    await expect(page.getByRole("heading", { level: 1, name: "Organen" })).toBeVisible();
    await page.getByRole("button", { name: "Nieuw orgaan" }).click();
    const form = page.getByRole("form", { name: "Nieuw orgaan" });
    // Validation at the field: the server's refusal lands beside the empty name.
    await form.getByLabel("Code").fill(code);
    await form.getByRole("button", { name: "Aanmaken" }).click();
    await expect(form.getByLabel("Naam")).toHaveAttribute("aria-invalid", "true");
    await form.getByLabel("Naam").fill(`Actiegroep ${code}`);
    await form.getByLabel("Soort").selectOption("action_group");
    await form.getByLabel("Lid toevoegen").selectOption(a!.id);
    await form.getByRole("button", { name: "Toevoegen", exact: true }).click();
    await form.getByLabel("Lid toevoegen").selectOption(b!.id);
    await form.getByRole("button", { name: "Toevoegen", exact: true }).click();
    await expect(form.getByTestId("members").getByRole("listitem")).toHaveCount(2);
    await form.getByRole("button", { name: `${b!.name} weghalen als lid` }).click();
    await form.getByRole("button", { name: "Agendapunt toevoegen" }).click();
    await form.getByRole("textbox", { name: "Punt 1", exact: true }).fill("Goedkeuring verslag");
    await form.getByRole("button", { name: "Agendapunt toevoegen" }).click();
    await form.getByRole("textbox", { name: "Punt 2", exact: true }).fill("Rondvraag");
    await form.getByRole("button", { name: "Aanmaken" }).click();

    await expect(page).toHaveURL(/\/bodies\/[0-9a-f-]+$/);
    await expect(page.getByRole("status").filter({ hasText: "Het orgaan is aangemaakt." })).toBeVisible();
    await expectNoA11yViolations(page, "body edit page");
    const id = page.url().split("/").pop()!;
    let saved = await apiGet<Body>(request, "w13", `/api/v1/bodies/${id}`);
    expect(saved).toMatchObject({ code, kind: "action_group", member_ids: [a!.id] });
    expect(saved.agenda_template.map((x) => x.title)).toEqual(["Goedkeuring verslag", "Rondvraag"]);

    await page.getByLabel("Herhaling").fill("FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU");
    await page.getByRole("button", { name: "Punt 2 omhoog" }).click();
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Het orgaan is opgeslagen." })).toBeVisible();
    saved = await apiGet<Body>(request, "w13", `/api/v1/bodies/${id}`);
    expect(saved.agenda_template.map((x) => x.title)).toEqual(["Rondvraag", "Goedkeuring verslag"]);
    expect(saved).toMatchObject({ recurrence: "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU" });
  });

  test("a body saved meanwhile elsewhere, another field: my edit is saved on top without asking", async ({ page, request }) => {
    const body = await bodyWithTemplate(request);
    await login(page, "w13");
    await page.goto(`/bodies/${body.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(body.name);
    const other = await send(request, "w13", "patch", `/api/v1/bodies/${body.id}`, { description: "Elders gewijzigd" });
    expect(other.status()).toBe(200);
    await page.getByLabel("Naam").fill(`${body.name} (hernoemd)`);
    await page.getByRole("button", { name: "Opslaan" }).click();
    // A three-way merge: the description from elsewhere, the name from here; no dialog.
    await expect(page.getByRole("status").filter({ hasText: "Het orgaan is opgeslagen." })).toBeVisible();
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    const saved = await apiGet<Body>(request, "w13", `/api/v1/bodies/${body.id}`);
    expect(saved).toMatchObject({ name: `${body.name} (hernoemd)`, description: "Elders gewijzigd" });
  });
});

const WORDS = {
  nl: {
    newMeeting: "Nieuwe vergadering", body: "Orgaan", title: "Titel", starts: "Begin", ends: "Einde", create: "Aanmaken",
    item: (n: string) => `Punt ${n}`, up: (n: string) => `Punt ${n} omhoog`, remove: (n: string) => `Punt ${n} weghalen`, addItem: "Agendapunt toevoegen",
    saveAgenda: "Agenda opslaan", agendaSaved: "De agenda is opgeslagen.", addAttendee: "Deelnemer toevoegen", add: "Toevoegen",
    presenceOf: (n: string) => `Aanwezigheid van ${n}`, removeAttendee: (n: string) => `${n} weghalen uit de aanwezigheden`,
    attendanceSaved: "De aanwezigheid is opgeslagen.", status: "Status", saveStatus: "Status opslaan", statusSaved: "De status is opgeslagen.",
    held: "gehouden", minutes: "Verslag", save: "Opslaan", minutesSaved: "Het verslag is opgeslagen.", decision: "Besluit",
    addDecision: "Besluit toevoegen", decisionAdded: "Het besluit is toegevoegd.", removeDecision: "Besluit weghalen", decisionRemoved: "Het besluit is weggehaald.",
    attendee: "Deelnemer",
  },
  fr: {
    newMeeting: "Nouvelle réunion", body: "Organe", title: "Titre", starts: "Début", ends: "Fin", create: "Créer",
    item: (n: string) => `Point ${n}`, up: (n: string) => `Monter le point ${n}`, remove: (n: string) => `Retirer le point ${n}`, addItem: "Ajouter un point",
    saveAgenda: "Enregistrer l’ordre du jour", agendaSaved: "L’ordre du jour a été enregistré.", addAttendee: "Ajouter un participant", add: "Ajouter",
    presenceOf: (n: string) => `Présence de ${n}`, removeAttendee: (n: string) => `Retirer ${n} des présences`,
    attendanceSaved: "La présence a été enregistrée.", status: "Statut", saveStatus: "Enregistrer le statut", statusSaved: "Le statut a été enregistré.",
    held: "tenue", minutes: "Procès-verbal", save: "Enregistrer", minutesSaved: "Le procès-verbal a été enregistré.", decision: "Décision",
    addDecision: "Ajouter une décision", decisionAdded: "La décision a été ajoutée.", removeDecision: "Retirer la décision", decisionRemoved: "La décision a été retirée.",
    attendee: "Participant",
  },
} as const;

async function meetingFlow(page: Page, request: APIRequestContext, lang: keyof typeof WORDS) {
  const w = WORDS[lang];
  const body = await bodyWithTemplate(request);
  const actors = await firstActors(request, 3);
  const guest = actors[2]!;
  const title = `Overleg ${uniqueCode("M")}`;
  // People attend too: a contact person of the guest organisation, and W13's own coordinator.
  const contact = `Contact ${uniqueCode("")} (fictief)`;
  const known = (await apiGet<{ contact_persons: unknown[] }>(request, "w13", `/api/v1/actors/${guest.id}`)).contact_persons;
  expect((await send(request, "w13", "patch", `/api/v1/actors/${guest.id}`, { contact_persons: [...known, { name: contact }] })).status()).toBe(200);
  const me = { id: (await apiGet<Me>(request, "w13", "/api/v1/me")).subject!, name: W13_NAME };
  await login(page, "w13");
  if (lang !== "nl") await page.getByTestId("lang-switch").selectOption(lang);
  await page.goto("/meetings");
  await page.getByRole("button", { name: w.newMeeting }).click();
  const form = page.getByRole("form", { name: w.newMeeting });
  await form.getByLabel(w.body).selectOption(body.id);
  // The body's template is filled in, to adjust before the meeting exists.
  await expect(form.getByRole("textbox", { name: w.item("1"), exact: true })).toHaveValue("Verwelkoming");
  await expect(form.getByRole("textbox", { name: w.item("2.1"), exact: true })).toHaveValue("Trajecten");
  await form.getByRole("button", { name: w.addItem }).click();
  await form.getByRole("textbox", { name: w.item("3"), exact: true }).fill("Varia");
  await form.getByRole("textbox", { name: w.title, exact: true }).fill(title);
  await form.getByLabel(w.starts).fill("2031-03-10T14:00");
  await form.getByLabel(w.ends).fill("2031-03-10T16:00");
  await form.getByRole("button", { name: w.create }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const id = page.url().split("/").pop()!;
  let m = await apiGet<Meeting>(request, "w13", `/api/v1/meetings/${id}`);
  expect(m.agenda.map((x) => x.title)).toEqual(["Verwelkoming", "Stand van zaken", "Varia"]);

  // Agenda: reorder, remove, save.
  await page.getByRole("button", { name: w.up("3") }).click();
  await page.getByRole("button", { name: w.remove("1"), exact: true }).click();
  await page.getByRole("button", { name: w.saveAgenda }).click();
  await expect(page.getByRole("status").filter({ hasText: w.agendaSaved })).toBeVisible();
  m = await apiGet<Meeting>(request, "w13", `/api/v1/meetings/${id}`);
  expect(m.agenda.map((x) => x.title)).toEqual(["Varia", "Stand van zaken"]);
  expect(m.agenda[1]!.items.map((x) => x.title)).toEqual(["Trajecten"]);
  if (lang === "nl") await expectNoA11yViolations(page, "meeting with the agenda editor");

  // Attendees: an organisation, one of its contact persons and a user; mark one excused, remove.
  const adding = page.getByRole("combobox", { name: w.addAttendee });
  await adding.selectOption(`a|${guest.id}`);
  await page.getByRole("button", { name: w.add, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: w.attendanceSaved })).toBeVisible();
  await adding.selectOption({ label: `${contact} · ${guest.name}` });
  await page.getByRole("button", { name: w.add, exact: true }).click();
  await expect(page.getByRole("row").filter({ hasText: contact })).toBeVisible();
  await adding.selectOption(`u|${me.id}`);
  await page.getByRole("button", { name: w.add, exact: true }).click();
  await expect(page.getByRole("columnheader", { name: w.attendee })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: me.name })).toBeVisible();
  await page.getByLabel(w.presenceOf(`${contact} (${guest.name})`)).selectOption("excused");
  await expect.poll(async () => (await apiGet<Meeting>(request, "w13", `/api/v1/meetings/${id}`)).attendance).toEqual([
    { actor_id: guest.id, user_id: null, person: null, status: "present" },
    { actor_id: guest.id, user_id: null, person: contact, status: "excused" },
    { actor_id: null, user_id: me.id, person: me.name, status: "present" },
  ]);
  if (lang === "nl") await expectNoA11yViolations(page, "meeting with people attending");
  for (const name of [guest.name, `${contact} (${guest.name})`, me.name]) {
    await page.getByRole("button", { name: w.removeAttendee(name) }).click();
    await expect(page.getByRole("button", { name: w.removeAttendee(name) })).toHaveCount(0);
  }
  await expect.poll(async () => (await apiGet<Meeting>(request, "w13", `/api/v1/meetings/${id}`)).attendance).toEqual([]);

  // Status, minutes, a decision added and removed.
  await page.getByRole("combobox", { name: w.status, exact: true }).selectOption("held");
  await page.getByRole("button", { name: w.saveStatus }).click();
  await expect(page.getByRole("status").filter({ hasText: w.statusSaved })).toBeVisible();
  await expect(page.locator("main .badge").first()).toHaveText(w.held);
  await page.getByRole("textbox", { name: w.minutes }).fill("Iedereen was tevreden.");
  await page.getByRole("button", { name: w.save, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: w.minutesSaved })).toBeVisible();
  await page.getByRole("textbox", { name: w.decision, exact: true }).fill("We starten een proef.");
  await page.getByRole("button", { name: w.addDecision }).click();
  await expect(page.getByRole("status").filter({ hasText: w.decisionAdded })).toBeVisible();
  m = await apiGet<Meeting>(request, "w13", `/api/v1/meetings/${id}`);
  expect(m).toMatchObject({ status: "held", minutes: "Iedereen was tevreden." });
  expect(m.decisions.map((d) => d.text)).toEqual(["We starten een proef."]);
  if (lang === "nl") {
    // Follow-up: the decision linked to an existing dossier.
    const dossier = (await apiGet<List<{ id: string }>>(request, "w13", "/api/v1/dossiers?limit=1")).items[0]!;
    await page.getByText("Opvolging", { exact: true }).click();
    const follow = page.getByRole("form", { name: /Opvolging van het besluit/ });
    await follow.getByLabel("Signaaldossier").selectOption(dossier.id);
    await follow.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "De opvolging is opgeslagen." })).toBeVisible();
    expect((await apiGet<Meeting & { decisions: Array<{ dossier_id: string | null }> }>(request, "w13", `/api/v1/meetings/${id}`)).decisions[0]!.dossier_id).toBe(dossier.id);
  }
  await page.getByRole("button", { name: new RegExp(w.removeDecision) }).click();
  await expect(page.getByRole("status").filter({ hasText: w.decisionRemoved })).toBeVisible();
  expect((await apiGet<Meeting>(request, "w13", `/api/v1/meetings/${id}`)).decisions).toEqual([]);
}

test.describe("W13 runs a meeting", () => {
  test("in Dutch: template, agenda, attendees, status, minutes, decisions", async ({ page, request }) => {
    await meetingFlow(page, request, "nl");
  });
  test("in French, the same", async ({ page, request }) => {
    await meetingFlow(page, request, "fr");
  });
});

test.describe("W13 manages indicators", () => {
  test("creates and edits an indicator; adds, corrects and deletes measurements", async ({ page, request }) => {
    const code = uniqueCode("CTX-");
    await login(page, "w13");
    await page.goto("/indicators");
    await expect(page.getByRole("heading", { level: 1, name: "Indicatoren" })).toBeVisible();
    await expectNoA11yViolations(page, "indicator list");
    await page.getByRole("button", { name: "Nieuwe indicator" }).click();
    const form = page.getByRole("form", { name: "Nieuwe indicator" });
    await form.getByLabel("Code").fill(code);
    await form.getByLabel("Naam").fill("Werkzoekenden in de proefregio");
    await form.getByLabel("Eenheid").fill("personen");
    await form.getByLabel("Soort").selectOption("context");
    await form.getByLabel("Gebied").selectOption("municipality");
    await form.getByLabel("Nulmeting", { exact: true }).fill("1200");
    await form.getByLabel("Datum nulmeting").fill("2020-01-01");
    await form.getByLabel("Streefwaarde").fill("1000");
    // A target date before the baseline is refused at its field; no municipality either.
    await form.getByLabel("Streefdatum").fill("2019-01-01");
    await form.getByRole("button", { name: "Aanmaken" }).click();
    await expect(form.getByLabel("Streefdatum")).toHaveAttribute("aria-invalid", "true");
    await form.getByLabel("Streefdatum").fill("2025-12-31");
    await form.getByLabel("Gemeente").selectOption("34022");
    await form.getByRole("button", { name: "Aanmaken" }).click();
    await expect(page.getByRole("status").filter({ hasText: "De indicator is aangemaakt." })).toBeVisible();
    const id = page.url().split("/").pop()!;
    expect(await apiGet<Indicator>(request, "w13", `/api/v1/indicators/${id}`)).toMatchObject({ code, unit: "personen", target_value: 1000 });

    // Edit: the target, with a Belgian decimal comma.
    const edit = page.getByRole("form", { name: "Indicator bewerken" });
    await edit.getByLabel("Streefwaarde").fill("950,5");
    await edit.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "De indicator is opgeslagen." })).toBeVisible();
    expect((await apiGet<Indicator>(request, "w13", `/api/v1/indicators/${id}`)).target_value).toBe(950.5);

    // Measurements: add, correct, delete.
    await page.getByRole("button", { name: "Meting toevoegen" }).click();
    const add = page.getByRole("form", { name: /Meting toevoegen voor/ });
    await add.getByLabel("Datum").fill("2024-06-30");
    await add.getByLabel(/Waarde/).fill("1100");
    await add.getByLabel("Bron").fill("Arvastat, juni 2024");
    await add.getByRole("button", { name: "Opslaan" }).click();
    const table = page.getByTestId("measurements");
    await expect(table.getByRole("row").filter({ hasText: "Arvastat" })).toBeVisible();
    await expectNoA11yViolations(page, "indicator page");
    await table.getByRole("button", { name: "Meting van 30/06/2024 corrigeren" }).click();
    const fix = page.getByRole("form", { name: "Meting van 30/06/2024 corrigeren" });
    await fix.getByLabel(/Waarde/).fill("1080");
    await fix.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "De meting is gecorrigeerd." })).toBeVisible();
    let ms = (await apiGet<List<Measurement>>(request, "w13", `/api/v1/indicators/${id}/measurements`)).items;
    expect(ms.map((x) => x.value)).toEqual([1080]);
    page.once("dialog", (d) => void d.accept());
    await table.getByRole("button", { name: "Meting van 30/06/2024 verwijderen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "De meting is verwijderd." })).toBeVisible();
    ms = (await apiGet<List<Measurement>>(request, "w13", `/api/v1/indicators/${id}/measurements`)).items;
    expect(ms).toEqual([]);
  });

  test("an indicator saved meanwhile: another field merges without asking, the same field opens the 412 dialog", async ({ page, request }) => {
    const ind = (await apiGet<List<Indicator>>(request, "w13", "/api/v1/indicators?kind=context&limit=1")).items[0]!;
    await login(page, "w13");
    await page.goto(`/indicators/${ind.id}`);
    const edit = page.getByRole("form", { name: "Indicator bewerken" });
    await expect(edit.getByLabel("Naam")).toHaveValue(ind.name);
    expect((await send(request, "w13", "patch", `/api/v1/indicators/${ind.id}`, { unit: `${ind.unit} (elders)` })).status()).toBe(200);
    await edit.getByLabel("Naam").fill(`${ind.name} (hier)`);
    await edit.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "De indicator is opgeslagen." })).toBeVisible();
    await expect(edit.getByLabel("Eenheid")).toHaveValue(`${ind.unit} (elders)`);
    expect(await apiGet<Indicator>(request, "w13", `/api/v1/indicators/${ind.id}`)).toMatchObject({ name: `${ind.name} (hier)`, unit: `${ind.unit} (elders)` });

    // The same field on both sides: the person decides.
    expect((await send(request, "w13", "patch", `/api/v1/indicators/${ind.id}`, { name: `${ind.name} (elders)` })).status()).toBe(200);
    await edit.getByLabel("Naam").fill(`${ind.name} (weer hier)`);
    await edit.getByRole("button", { name: "Opslaan" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog.getByRole("row").filter({ hasText: "Naam" })).toContainText(`${ind.name} (elders)`);
    await dialog.getByRole("button", { name: /Nieuwe versie laden/ }).click();
    await expect(edit.getByLabel("Naam")).toHaveValue(`${ind.name} (elders)`);
  });
});

test.describe("other roles cannot manage bodies, meetings or indicators", () => {
  test("the SPA offers them no editing, and the API refuses what they try", async ({ page, request }) => {
    const body = await bodyWithTemplate(request);
    const meeting = (await apiGet<List<Meeting>>(request, "w13", "/api/v1/meetings?limit=1")).items[0]!;
    const ind = (await apiGet<List<Indicator>>(request, "w13", "/api/v1/indicators?kind=context&limit=1")).items[0]!;
    for (const who of ["rose", "gemeente"] as const) {
      expect((await send(request, who, "post", "/api/v1/bodies", { code: uniqueCode("x-").toLowerCase(), name: "Niet van mij", kind: "workgroup" })).status()).toBe(403);
      expect((await send(request, who, "patch", `/api/v1/bodies/${body.id}`, { name: "Overgenomen" })).status()).toBe(403);
      expect([403, 404]).toContain((await send(request, who, "patch", `/api/v1/meetings/${meeting.id}`, { minutes: "Niet van mij" })).status());
      expect((await send(request, who, "post", "/api/v1/indicators", { code: uniqueCode("X"), name: "x", unit: "x", kind: "context", geography: "vlaanderen" })).status()).toBe(403);
      expect((await send(request, who, "patch", `/api/v1/indicators/${ind.id}`, { name: "Overgenomen" })).status()).toBe(403);
      expect((await send(request, who, "post", `/api/v1/indicators/${ind.id}/measurements`, { date: "2024-01-01", value: 1, data_source: "x" })).status()).toBe(403);
    }
    expect((await apiGet<Body>(request, "w13", `/api/v1/bodies/${body.id}`)).name).toBe(body.name);

    await login(page, "rose");
    await page.goto("/bodies");
    await expect(page.getByRole("heading", { level: 1, name: "Organen" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Nieuw orgaan" })).toHaveCount(0);
    await page.goto(`/bodies/${body.id}`);
    await expect(page.getByRole("heading", { level: 1, name: body.name })).toBeVisible();
    await expect(page.getByRole("button", { name: "Opslaan" })).toHaveCount(0);
    await page.goto(`/indicators/${ind.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(ind.code);
    await expect(page.getByRole("form", { name: "Indicator bewerken" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Meting toevoegen" })).toHaveCount(0);
    await page.goto("/indicators");
    await expect(page.getByRole("button", { name: "Nieuwe indicator" })).toHaveCount(0);

    await login(page, "gemeente");
    await page.goto(`/indicators/${ind.id}`);
    await expect(page.getByRole("form", { name: "Indicator bewerken" })).toHaveCount(0);
  });
});
