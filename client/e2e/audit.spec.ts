import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiGet, apiToken, expectNoA11yViolations, login } from "./helpers";

interface List<T> { items: T[]; next_cursor: string | null }
interface Actor { id: string; name: string }
interface Meeting { id: string; title: string; attendance: Array<{ actor_id: string | null; status: string }> }

/** A new meeting whose attendance W13 then changes through the API (as the e2e W13 login). */
async function changedMeeting(request: APIRequestContext): Promise<{ meeting: Meeting; actor: Actor }> {
  const body = (await apiGet<List<{ id: string }>>(request, "w13", "/api/v1/bodies?limit=1")).items[0]!;
  const actor = (await apiGet<List<Actor>>(request, "w13", "/api/v1/actors?limit=1")).items[0]!;
  const auth = { Authorization: `Bearer ${await apiToken(request, "w13")}` };
  const made = await request.post("/api/v1/meetings", {
    headers: auth,
    data: { body_id: body.id, title: "Auditproef", starts_at: "2031-05-05T12:00:00Z", ends_at: "2031-05-05T13:00:00Z", attendance: [] },
  });
  expect(made.status()).toBe(201);
  const meeting = (await made.json()) as Meeting;
  const res = await request.patch(`/api/v1/meetings/${meeting.id}`, {
    headers: { ...auth, "If-Match": made.headers().etag! },
    data: { attendance: [{ actor_id: actor.id, status: "excused" }] },
  });
  expect(res.status()).toBe(200);
  return { meeting, actor };
}

test.describe("the audit trail", () => {
  test("W13 reads who changed what in words: names, labels, Belgian dates, attendance; the short id filters", async ({ page, request }) => {
    const { meeting, actor } = await changedMeeting(request);
    await login(page, "w13");
    await page.goto("/admin/audit");
    await page.getByLabel("Soort gegevens").selectOption({ label: "Vergadering" });
    const entry = page.getByTestId("audit-list").getByRole("listitem").first();
    await expect(entry).toContainText(`gewijzigd · Vergadering ${meeting.id.slice(0, 8)}`);
    // The person's name, not an id or an e-mail; the moment as dd/mm/jjjj HH:MM.
    await expect(entry).toContainText("Regisseur (e2e)");
    await expect(entry.locator("time")).toHaveText(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    await entry.getByText(/veld(en)? gewijzigd/).click();
    // What changed in the attendance: the one added, not the whole list again.
    const row = entry.getByRole("row").filter({ hasText: "Aanwezigheden" });
    await expect(row.getByRole("cell").first()).toHaveText("—");
    await expect(row.getByRole("cell").last()).toHaveText(`${actor.name}: verontschuldigd`);
    await expectNoA11yViolations(page, "audit trail with an entry open");

    // The short id the list shows finds the record's entries, typed or clicked.
    await page.getByLabel("Soort gegevens").selectOption("");
    await page.getByLabel("Id van het record").fill(meeting.id.slice(0, 8));
    await page.getByRole("button", { name: "Zoeken" }).click();
    const items = page.getByTestId("audit-list").getByRole("listitem");
    await expect(items.first()).toContainText(meeting.id.slice(0, 8));
    const codes = await items.locator("code").allTextContents();
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set([meeting.id.slice(0, 8)]));
  });

  test("in French: the resource and the field in French", async ({ page, request }) => {
    const { meeting, actor } = await changedMeeting(request);
    await login(page, "w13");
    await page.getByTestId("lang-switch").selectOption("fr");
    await page.goto("/admin/audit");
    await page.getByLabel("Id de l’enregistrement").fill(meeting.id.slice(0, 8));
    await page.getByRole("button", { name: "Rechercher" }).click();
    const entry = page.getByTestId("audit-list").getByRole("listitem").first();
    await expect(entry).toContainText(`Réunion ${meeting.id.slice(0, 8)}`);
    await entry.locator("summary").click();
    await expect(entry.getByRole("row").filter({ hasText: "Présences" })).toContainText(`${actor.name}: excusé`);
  });

  for (const who of ["rose", "gemeente"] as const) {
    test(`a ${who === "rose" ? "ROSE member" : "municipality"} has no audit trail, in the SPA nor through the API`, async ({ page, request }) => {
      await login(page, who);
      await page.goto("/admin/audit");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Geen toegang");
      const res = await request.get("/api/v1/audit?limit=1", { headers: { Authorization: `Bearer ${await apiToken(request, who)}` } });
      expect(res.status()).toBe(403);
    });
  }
});
