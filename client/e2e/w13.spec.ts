import { expect, test } from "@playwright/test";
import { apiGet, expectNoA11yViolations, login, uniqueCode } from "./helpers";

interface Page<T> { items: T[]; next_cursor: string | null }
interface Action { id: string; code: string; status: string; progress: number; lead_actor_id: string | null }
interface Meeting { id: string; title: string; decisions: Array<{ id: string; text: string; action_id: string | null }> }

test.describe("W13, the coordinator", () => {
  test("edits an action's status and progress, and sees them after a reload", async ({ page, request }) => {
    const planned = await apiGet<Page<Action>>(request, "w13", "/api/v1/actions?status=planned&limit=1");
    const action = planned.items[0]!;
    await login(page, "w13");
    await page.goto(`/actions/${action.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(action.code);
    await page.getByRole("link", { name: "Bewerken" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Actie ${action.code} bewerken`);
    // Only the allowed next steps are offered.
    await expect(page.getByLabel("Status").locator("option")).toHaveText(["gepland", "lopend", "gepauzeerd", "geannuleerd"]);
    await page.getByLabel("Status").selectOption("in_progress");
    await page.getByLabel("Voortgang (%)").fill("15");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "De actie is opgeslagen." })).toBeVisible();
    await expect(page.locator("main .badge").first()).toHaveText("lopend");
    await page.reload();
    await expect(page.locator("main .badge").first()).toHaveText("lopend");
    await expect(page.getByRole("progressbar", { name: "Voortgang" })).toHaveAttribute("aria-valuenow", "15");
    const after = await apiGet<Action>(request, "w13", `/api/v1/actions/${action.id}`);
    expect(after).toMatchObject({ status: "in_progress", progress: 15 });
  });

  test("shows the API's validation errors at their fields", async ({ page }) => {
    await login(page, "w13");
    await page.goto("/actions/new");
    await page.getByRole("textbox", { name: "Code", exact: true }).fill(uniqueCode("T"));
    await page.getByLabel("Titel").fill("Proef met foute data");
    await page.getByLabel("Pijler").selectOption({ index: 1 });
    await page.getByLabel("Begindatum").fill("2024-06-01");
    await page.getByLabel("Einddatum").fill("2024-01-01");
    await page.getByRole("button", { name: "Opslaan" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("Niet alle gegevens zijn geldig.");
    const end = page.getByLabel("Einddatum");
    await expect(end).toHaveAttribute("aria-invalid", "true");
    const errId = (await end.getAttribute("aria-describedby"))!.split(" ").pop()!;
    await expect(page.locator(`[id="${errId}"]`)).toContainText("Mag niet vóór het begin liggen.");
    await expectNoA11yViolations(page, "action form with errors");
  });

  test("records a meeting decision and starts an action from it in one step", async ({ page, request }) => {
    const meetings = await apiGet<Page<Meeting>>(request, "w13", "/api/v1/meetings?upcoming=false&limit=1");
    const meeting = meetings.items[0]!;
    const code = uniqueCode("B");
    const text = `Het Actiegroep-overleg werkt een proefproject deelfietsen uit (${code}).`;
    await login(page, "w13");
    await page.goto(`/meetings/${meeting.id}`);
    await expect(page.getByRole("heading", { level: 1, name: meeting.title })).toBeVisible();
    await expectNoA11yViolations(page, "meeting page");
    await page.getByRole("textbox", { name: "Besluit", exact: true }).fill(text);
    await page.getByRole("button", { name: "Besluit toevoegen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Het besluit is toegevoegd." })).toBeVisible();
    const decision = page.getByTestId("decisions").getByRole("listitem").filter({ hasText: text });
    await expect(decision).toBeVisible();

    await decision.getByRole("button", { name: "Actie starten" }).click();
    const dialog = page.getByRole("alertdialog").or(page.getByRole("dialog"));
    await expect(dialog.getByRole("heading", { name: "Actie starten vanuit dit besluit" })).toBeVisible();
    await expectNoA11yViolations(page, "start-action dialog");
    await dialog.getByRole("textbox", { name: "Code", exact: true }).fill(code);
    await dialog.getByLabel("Titel").fill("Proefproject deelfietsen");
    await dialog.getByLabel("Pijler").selectOption({ index: 1 });
    await dialog.getByLabel("Begindatum").fill("2025-01-01");
    await dialog.getByLabel("Einddatum").fill("2025-12-31");
    await dialog.getByRole("button", { name: "Actie starten" }).click();

    await expect(page).toHaveURL(/\/actions\/[0-9a-f-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${code} · Proefproject deelfietsen`);
    await expect(page.getByRole("status").filter({ hasText: "gestart vanuit het besluit" })).toBeVisible();
    await expect(page.locator("main")).toContainText(text); // the decision's text became the description
    await expect(page.getByRole("link", { name: meeting.title })).toBeVisible(); // linked back to the meeting

    await page.goto(`/meetings/${meeting.id}`);
    await expect(page.getByTestId("decisions").getByRole("listitem").filter({ hasText: text }).getByRole("link", { name: "Opgevolgd door een actie" })).toBeVisible();
  });

  test("plans a new meeting of a body", async ({ page }) => {
    const title = `Actiegroep ROSE – proef ${uniqueCode("")}`;
    await login(page, "w13");
    await page.goto("/meetings");
    await page.getByRole("button", { name: "Nieuwe vergadering" }).click();
    const form = page.getByRole("form", { name: "Nieuwe vergadering" });
    await form.getByLabel("Orgaan").selectOption({ label: "Actiegroep ROSE" });
    await form.getByRole("textbox", { name: "Titel", exact: true }).fill(title);
    await form.getByLabel("Begin").fill("2030-03-12T10:00");
    await form.getByLabel("Einde").fill("2030-03-12T12:00");
    await form.getByLabel("Plaats").fill("W13, Kortrijk");
    await form.getByRole("button", { name: "Aanmaken" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    // Entered in Belgian time, shown in Belgian time (stored in UTC).
    await expect(page.locator("main")).toContainText("10:00 – 12:00");
    await page.goto("/meetings");
    await expect(page.getByTestId("meetings-upcoming")).toContainText(title);
  });

  test("queries all agreements active on a date and downloads them as CSV", async ({ page, request }) => {
    const api = await apiGet<Page<{ id: string; title: string }>>(request, "w13", "/api/v1/agreements?active_on=2024-06-30&limit=500");
    await login(page, "w13");
    await page.goto("/agreements");
    await page.getByLabel("Actief op").fill("2024-06-30");
    await page.getByRole("button", { name: "Tonen" }).click();
    await expect(page).toHaveURL(/active_on=2024-06-30/);
    await expect(page.getByTestId("agreements-table").locator("tbody tr")).toHaveCount(api.items.length);
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download als CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = await (await import("node:fs/promises")).readFile((await download.path())!, "utf8");
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toContain("Titel;Dienstverlener"); // people's CSV: headers in Dutch
    expect(lines.length - 1).toBe(api.items.length);
    await expect(page.getByRole("status").filter({ hasText: "is gedownload" })).toBeVisible();
    await expectNoA11yViolations(page, "agreements (W13)");
  });

  test("manages users and API clients; a client's secret is shown once", async ({ page }) => {
    await login(page, "w13");
    await page.goto("/admin/users");
    await expectNoA11yViolations(page, "admin users");
    const email = `${uniqueCode("gebruiker").toLowerCase()}@e2e.test`;
    await page.getByRole("button", { name: "Nieuwe gebruiker" }).click();
    const form = page.getByRole("form", { name: "Nieuwe gebruiker" });
    await form.getByLabel("E-mailadres").fill(email);
    await form.getByLabel("Naam").fill("Schepen van Werk (e2e)");
    await form.getByLabel("Rol").selectOption("municipality");
    await form.getByLabel("Gemeente").selectOption("34040");
    await form.getByLabel("Wachtwoord").fill("kort");
    await form.getByRole("button", { name: "Aanmaken" }).click();
    await expect(form.getByLabel("Wachtwoord")).toHaveAttribute("aria-invalid", "true");
    await form.getByLabel("Wachtwoord").fill("een-lang-genoeg-wachtwoord");
    await form.getByRole("button", { name: "Aanmaken" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Gebruiker ${email} is aangemaakt.` })).toBeVisible();
    await expect(page.getByTestId("users-table")).toContainText(email);

    await page.goto("/admin/clients");
    await page.getByRole("button", { name: "Nieuwe API-client" }).click();
    const cform = page.getByRole("form", { name: "Nieuwe API-client" });
    const name = `Zaaksysteem ${uniqueCode("Z")}`;
    await cform.getByLabel("Naam van het systeem").fill(name);
    await cform.getByLabel("Rol").selectOption("municipality");
    await cform.getByLabel("Gemeente").selectOption("34022");
    await cform.getByRole("button", { name: "Aanmaken" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("maar één keer getoond");
    await expect(dialog.getByTestId("secret")).toHaveText(/^\S{20,}$/);
    const secret = await dialog.getByTestId("secret").textContent();
    await expectNoA11yViolations(page, "client secret dialog");
    await dialog.getByRole("button", { name: "Ik heb het bewaard" }).click();
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    await expect(page.getByTestId("clients-table")).toContainText(name);
    await expect(page.locator("body")).not.toContainText(secret!);

    await page.goto("/admin/audit");
    await expect(page.getByTestId("audit-list").getByRole("listitem").first()).toBeVisible();
    await expectNoA11yViolations(page, "admin audit");
    await page.goto("/admin/webhooks");
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    const hook = `http://127.0.0.1:9/hooks/${uniqueCode("h").toLowerCase()}`;
    const wform = page.getByRole("form", { name: "Nieuw abonnement" });
    await wform.getByLabel("URL").fill(hook);
    await wform.getByLabel("acties", { exact: true }).check();
    await wform.getByRole("button", { name: "Abonneren" }).click();
    const wdialog = page.getByRole("alertdialog");
    await expect(wdialog.getByTestId("secret")).toHaveText(/^whsec_\S+$/);
    const signing = await wdialog.getByTestId("secret").textContent();
    await wdialog.getByRole("button", { name: "Ik heb het bewaard" }).click();
    const card = page.getByTestId("webhooks-list").getByRole("listitem").filter({ hasText: hook });
    await expect(card).toContainText("acties");
    await expect(page.locator("body")).not.toContainText(signing!);
    await expectNoA11yViolations(page, "admin webhooks");
    page.once("dialog", (d) => void d.accept());
    await card.getByRole("button", { name: /Verwijderen/ }).click();
    await expect(page.getByTestId("webhooks-list").getByRole("listitem").filter({ hasText: hook })).toHaveCount(0);
  });

  test("a conflict with existing data (409) is told plainly", async ({ page, request }) => {
    const existing = (await apiGet<Page<{ code: string }>>(request, "w13", "/api/v1/dossiers?limit=1")).items[0]!;
    await login(page, "w13");
    await page.goto("/dossiers/new");
    await page.getByRole("textbox", { name: "Code", exact: true }).fill(existing.code);
    await page.getByRole("textbox", { name: "Titel", exact: true }).fill("Dubbele code");
    await page.getByLabel("Thema").selectOption("overig");
    await page.getByLabel("Niveau").selectOption("lokaal");
    await page.getByRole("button", { name: "Dossier aankaarten" }).click();
    await expect(page.getByRole("alert")).toContainText("Dit botst met bestaande gegevens.");
    await expect(page.getByRole("alert")).toContainText("Er bestaat al een dossier met deze code."); // the server's own detail (in Dutch), beneath ours
    await expect(page).toHaveURL(/\/dossiers\/new$/);
  });

  test("every main page passes the accessibility scan", async ({ page, request }) => {
    const actions = await apiGet<Page<Action>>(request, "w13", "/api/v1/actions?limit=1");
    const dossiers = await apiGet<Page<{ id: string }>>(request, "w13", "/api/v1/dossiers?limit=1");
    await login(page, "w13");
    for (const [path, label] of [
      ["/dashboard", "dashboard"], ["/actions", "actions"], [`/actions/${actions.items[0]!.id}`, "action detail"],
      [`/actions/${actions.items[0]!.id}/edit`, "action edit"], ["/meetings", "meetings"], ["/dossiers", "dossier board"],
      [`/dossiers/${dossiers.items[0]!.id}`, "dossier page"], ["/dossiers/new", "new dossier"], ["/agreements", "agreements"],
      ["/admin/clients", "admin clients"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoA11yViolations(page, label);
    }
  });
});
