import { expect, test, type Page } from "@playwright/test";
import { apiGet, apiToken, expectNoA11yViolations, login, patchElsewhere, uniqueCode } from "./helpers";

interface List<T> { items: T[]; next_cursor: string | null }
interface Agreement {
  id: string; title: string; service: string; regime: string; municipalities: string[]; start_date: string; end_date: string;
  compensation_amount: number | null; review_dates: string[]; volume: number | null; volume_unit: string | null;
  council_decision_date: string | null; council_decision_uri: string | null; territory: string; target_group: string;
  compensation_parameters: string;
}

async function findByTitle(request: Parameters<typeof apiGet>[0], title: string): Promise<Agreement | undefined> {
  const all = await apiGet<List<Agreement>>(request, "w13", "/api/v1/agreements?limit=500");
  return all.items.find((a) => a.title === title);
}

/** A field by its whole label; a required field's label ends in " *". */
function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\*)?$`));
}

/** The field's own error text (the element its aria-describedby points to last). */
async function fieldError(page: Page, label: string) {
  const input = field(page, label);
  await expect(input).toHaveAttribute("aria-invalid", "true");
  const errId = (await input.getAttribute("aria-describedby"))!.split(" ").pop()!;
  return page.locator(`[id="${errId}"]`);
}

test.describe("agreements managed by W13", () => {
  test("creates an agreement with every field, sees the domain's rules at their fields, edits, ends and deletes it", async ({ page, request }) => {
    const title = `Buurtgerichte zorg Kortrijk ${uniqueCode("")}`;
    await login(page, "w13");
    await page.goto("/agreements");
    await page.getByRole("link", { name: "Nieuwe overeenkomst" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nieuwe overeenkomst");
    await expectNoA11yViolations(page, "new agreement form");

    await field(page, "Titel").fill(title);
    await field(page, "Dienst").fill("Buurtgerichte zorg");
    await page.getByLabel("Dienstverlener").selectOption({ index: 1 });
    // LDE after 1 July 2023 is refused by the server: its message appears at the regime.
    await page.getByLabel("Regime").selectOption("lde");
    await expect(page.getByText("Sinds 1 juli 2023 geen nieuwe LDE-erkenningen")).toBeVisible();
    await page.getByLabel("Aard en duur van de openbaredienstverplichting").fill("Klusjesdienst aan huis voor kwetsbare inwoners, drie jaar.");
    await page.getByLabel("Doelgroep").fill("Senioren en personen met een beperking");
    await page.getByLabel("Grondgebied").fill("Kortrijk en deelgemeenten");
    await page.getByRole("checkbox", { name: "Kortrijk (34022)" }).check();
    await page.getByLabel("Begindatum").fill("2024-01-01");
    await page.getByLabel("Einddatum").fill("2026-12-31");
    await page.getByLabel("Datum raadsbesluit").fill("2023-11-20");
    await page.getByLabel("Link naar het raadsbesluit").fill("https://besluiten.kortrijk.be/2023/ozo-42");
    await page.getByRole("button", { name: "Controledatum toevoegen" }).click();
    // Two years after the end: outside the review window.
    await field(page, "Controle 1").fill("2028-12-31");
    await page.getByLabel("Compensatie per jaar (EUR)").fill("125.000,50");
    await field(page, "Volume").fill("1200");
    await page.getByLabel("Eenheid van het volume").selectOption("hours");
    await page.getByLabel("Parameters van de compensatie").fill("Loonkost per VTE min Vlaamse tussenkomst.");
    await page.getByRole("button", { name: "Opslaan" }).click();

    await expect(page.getByRole("alert").first()).toContainText("Niet alle gegevens zijn geldig.");
    await expect(await fieldError(page, "Regime")).toContainText(/LDE/);
    await expect(await fieldError(page, "Controle 1")).toContainText(/evaluatie.*jaar/i);
    expect(await findByTitle(request, title)).toBeUndefined();
    await expectNoA11yViolations(page, "agreement form with the server's field errors");

    await page.getByLabel("Regime").selectOption("individueel_maatwerk");
    await field(page, "Controle 1").fill("2025-06-30");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page).toHaveURL(/\/agreements$/);
    await expect(page.getByRole("status").filter({ hasText: `De overeenkomst ‘${title}’ is aangemaakt.` })).toBeVisible();
    const created = (await findByTitle(request, title))!;
    expect(created).toMatchObject({
      service: "Buurtgerichte zorg", regime: "individueel_maatwerk", municipalities: ["34022"], start_date: "2024-01-01",
      end_date: "2026-12-31", compensation_amount: 125000.5, review_dates: ["2025-06-30"], volume: 1200, volume_unit: "hours",
      council_decision_date: "2023-11-20", council_decision_uri: "https://besluiten.kortrijk.be/2023/ozo-42",
      territory: "Kortrijk en deelgemeenten", target_group: "Senioren en personen met een beperking",
    });

    // Edit from the list (the page opens on the current and most recent; a date narrows it).
    await page.getByLabel("Actief op").fill("2024-06-30");
    await page.getByRole("button", { name: "Tonen" }).click();
    await page.getByRole("link", { name: `Bewerken ${title}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`‘${title}’ bewerken`);
    await expect(page.getByLabel("Compensatie per jaar (EUR)")).toHaveValue("125000.5");
    await field(page, "Dienst").fill("Buurtgerichte zorg en klusjes");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: `De overeenkomst ‘${title}’ is opgeslagen.` })).toBeVisible();
    expect((await findByTitle(request, title))!.service).toBe("Buurtgerichte zorg en klusjes");

    // End it: the last day it applies.
    await page.goto(`/agreements/${created.id}/edit`);
    await expectNoA11yViolations(page, "agreement edit page");
    await page.getByLabel("Laatste dag").fill("2025-12-31");
    await page.getByRole("button", { name: "Beëindigen" }).click();
    await expect(page.getByRole("status").filter({ hasText: `De overeenkomst ‘${title}’ is beëindigd.` })).toBeVisible();
    expect((await findByTitle(request, title))!.end_date).toBe("2025-12-31");

    // Delete it, after confirming.
    await page.goto(`/agreements/${created.id}/edit`);
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Definitief verwijderen" }).click();
    await expect(page.getByRole("status").filter({ hasText: `De overeenkomst ‘${title}’ is verwijderd.` })).toBeVisible();
    expect(await findByTitle(request, title)).toBeUndefined();
  });

  test("someone else saved another field meanwhile: my edit is saved on top without asking", async ({ page, request }) => {
    const agreement = (await apiGet<List<Agreement>>(request, "w13", "/api/v1/agreements?limit=1")).items[0]!;
    await login(page, "w13");
    await page.goto(`/agreements/${agreement.id}/edit`);
    await expect(page.getByLabel("Grondgebied")).toHaveValue(agreement.territory);
    // Another system writes the agreement after the form was opened.
    await patchElsewhere(request, "w13", `/api/v1/agreements/${agreement.id}`, { territory: `${agreement.territory} (gewijzigd elders)` });
    await page.getByLabel("Doelgroep").fill("Langdurig werkzoekenden");
    await page.getByRole("button", { name: "Opslaan" }).click();
    // A three-way merge: the territory from elsewhere, the target group from here; no dialog.
    await expect(page.getByRole("status").filter({ hasText: "is opgeslagen." })).toBeVisible();
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    const after = await apiGet<Agreement>(request, "w13", `/api/v1/agreements/${agreement.id}`);
    expect(after).toMatchObject({ territory: `${agreement.territory} (gewijzigd elders)`, target_group: "Langdurig werkzoekenden" });
  });

  test("in French: creates an agreement", async ({ page, request }) => {
    const title = `Service de proximité ${uniqueCode("")}`;
    await login(page, "w13");
    await page.getByTestId("lang-switch").selectOption("fr");
    await page.goto("/agreements");
    await page.getByRole("link", { name: "Nouvelle convention" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nouvelle convention");
    await field(page, "Titre").fill(title);
    await field(page, "Service").fill("Soins de proximité");
    await page.getByLabel("Prestataire").selectOption({ index: 1 });
    await page.getByLabel("Régime").selectOption("transitional");
    await page.getByRole("checkbox", { name: /\(34022\)/ }).check();
    await page.getByLabel("Date de début").fill("2024-03-01");
    await page.getByLabel("Date de fin").fill("2025-02-28");
    await page.getByLabel("Compensation par an (EUR)").fill("veel");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByRole("alert").first()).toContainText("Certaines données ne sont pas valables.");
    await expect(page.getByLabel("Compensation par an (EUR)")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Compensation par an (EUR)").fill("48.000");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByRole("status").filter({ hasText: `La convention « ${title} » a été créée.` })).toBeVisible();
    expect(await findByTitle(request, title)).toMatchObject({ regime: "transitional", compensation_amount: 48000, municipalities: ["34022"] });
  });

  for (const who of ["rose", "gemeente"] as const) {
    test(`a ${who === "rose" ? "ROSE member" : "municipality"} is offered no agreement writes, and the API refuses them`, async ({ page, request }) => {
      const agreement = (await apiGet<List<Agreement>>(request, "w13", "/api/v1/agreements?municipality=34022&limit=1")).items[0]!;
      await login(page, who);
      await page.goto("/agreements");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("LDE/DAEB-overeenkomsten");
      await expect(page.getByRole("link", { name: "Nieuwe overeenkomst" })).toHaveCount(0);
      await expect(page.getByRole("link", { name: /^Bewerken / })).toHaveCount(0);
      await page.goto("/agreements/new");
      await expect(page.getByRole("alert")).toHaveText("Je rol mag geen overeenkomsten aanmaken.");
      await expect(page.getByRole("button", { name: "Opslaan" })).toHaveCount(0);

      const headers = { Authorization: `Bearer ${await apiToken(request, who)}` };
      const created = await request.post("/api/v1/agreements", {
        headers, data: { title: "Niet toegelaten", municipalities: ["34022"], provider_id: "00000000-0000-0000-0000-000000000000",
          service: "x", start_date: "2024-01-01", end_date: "2024-12-31", regime: "transitional" },
      });
      expect(created.status()).toBe(403);
      // Refused (403), or not even visible to this role (404): never written.
      const patched = await request.patch(`/api/v1/agreements/${agreement.id}`, { headers, data: { title: "Niet toegelaten" } });
      expect([403, 404]).toContain(patched.status());
      const deleted = await request.delete(`/api/v1/agreements/${agreement.id}`, { headers });
      expect([403, 404]).toContain(deleted.status());
      expect((await apiGet<Agreement>(request, "w13", `/api/v1/agreements/${agreement.id}`)).title).toBe(agreement.title);
    });
  }
});
