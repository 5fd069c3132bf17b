import { expect, test, type Page } from "@playwright/test";
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { apiGet, apiToken, login } from "./helpers";

// Run by `SCREENSHOTS=1 scripts/e2e.sh`: the README's pictures of the main pages.
const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "screenshots");
const MAX_BYTES = 150 * 1024;

interface ListPage<T> { items: T[] }

async function shot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await expect(page.locator(".skeleton")).toHaveCount(0);
  const path = join(OUT, `${name}.png`);
  const { width, height } = page.viewportSize()!;
  // Dense pages make big PNGs: show a little less of them rather than blow the size budget.
  for (let h = height; ; h = Math.round(h * 0.9)) {
    await page.screenshot({ path, animations: "disabled", caret: "hide", clip: { x: 0, y: 0, width, height: h } });
    if (statSync(path).size <= MAX_BYTES || h < 400) break;
  }
  expect(statSync(path).size, `${name}.png must stay under 150 kB`).toBeLessThanOrEqual(MAX_BYTES);
}

test.use({ viewport: { width: 1024, height: 720 }, deviceScaleFactor: 1 });

test("screenshots of the main pages", async ({ page, context, request }) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await shot(page, "01-directory");
  const actors = await apiGet<ListPage<{ id: string; places: unknown[]; goods_services: unknown[] }>>(request, null, "/api/v1/actors?limit=100");
  const rich = actors.items.sort((a, b) => b.places.length + b.goods_services.length - (a.places.length + a.goods_services.length))[0]!;
  await page.goto(`/actors/${rich.id}`);
  await shot(page, "02-actor");

  await login(page, "w13");
  await shot(page, "03-dashboard");
  await page.goto("/actions");
  await shot(page, "04-actions");
  const withIndicators = await apiGet<ListPage<{ action_id: string | null }>>(request, "w13", "/api/v1/indicators?kind=action&limit=50");
  const actionId = withIndicators.items.find((i) => i.action_id)?.action_id
    ?? (await apiGet<ListPage<{ id: string }>>(request, "w13", "/api/v1/actions?limit=1")).items[0]!.id;
  await page.goto(`/actions/${actionId}`);
  await shot(page, "05-action");
  // The quick edit in place in the list.
  await page.goto("/actions?sort=-end_date");
  await page.getByTestId("actions-table").getByRole("button", { name: /^Snel bijwerken: / }).first().click();
  await expect(page.getByTestId("actions-table").getByRole("form")).toBeVisible();
  // Opening it scrolled the wide table to its last column: show the row from its start.
  await page.getByTestId("actions-table").evaluate((t) => { t.parentElement!.scrollLeft = 0; });
  await shot(page, "16-actions-quick-edit");

  // The 412 dialog, as the conflict test produces it.
  const tab2 = await context.newPage();
  await page.goto(`/actions/${actionId}/edit`);
  await tab2.goto(`/actions/${actionId}/edit`);
  await page.getByLabel("Voortgang (%)").fill("55");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "opgeslagen" })).toBeVisible();
  await tab2.getByLabel("Voortgang (%)").fill("60");
  await tab2.getByRole("button", { name: "Opslaan" }).click();
  await expect(tab2.getByRole("alertdialog")).toBeVisible();
  await shot(tab2, "06-conflict-412");
  await tab2.close();

  const meetings = await apiGet<ListPage<{ id: string; decisions: unknown[] }>>(request, "w13", "/api/v1/meetings?upcoming=false&limit=50");
  const busy = meetings.items.sort((a, b) => b.decisions.length - a.decisions.length)[0]!;
  // People attend too: a contact person of an organisation and W13's coordinator.
  const auth = { Authorization: `Bearer ${await apiToken(request, "w13")}` };
  const withContact = (await apiGet<ListPage<{ id: string; contact_persons: Array<{ name: string }> }>>(request, "w13", "/api/v1/actors?limit=200"))
    .items.find((a) => a.contact_persons.length > 0)!;
  const me = await apiGet<{ subject: string }>(request, "w13", "/api/v1/me");
  const read = await request.get(`/api/v1/meetings/${busy.id}`, { headers: auth });
  const attendance = [...((await read.json()) as { attendance: unknown[] }).attendance,
    { actor_id: withContact.id, person: withContact.contact_persons[0]!.name, status: "present" },
    { user_id: me.subject, status: "present" }];
  expect((await request.patch(`/api/v1/meetings/${busy.id}`, { headers: { ...auth, "If-Match": read.headers().etag! }, data: { attendance } })).status()).toBe(200);
  await page.goto(`/meetings/${busy.id}`);
  await shot(page, "07-meeting");
  // The audit trail: that change in words, the attendance added.
  await page.goto("/admin/audit");
  await page.getByTestId("audit-list").getByRole("listitem").first().locator("summary").click();
  await shot(page, "17-audit");
  await page.goto("/dossiers");
  await shot(page, "08-dossiers");
  const dossiers = await apiGet<ListPage<{ id: string }>>(request, "w13", "/api/v1/dossiers?status=signalled&limit=1");
  await page.goto(`/dossiers/${dossiers.items[0]!.id}`);
  await shot(page, "09-dossier");
  await page.goto("/admin/clients");
  await shot(page, "11-admin-clients");
  const bodies = await apiGet<ListPage<{ id: string; code: string }>>(request, "w13", "/api/v1/bodies?limit=50");
  await page.goto(`/bodies/${bodies.items.find((b) => b.code === "rose-av")?.id ?? bodies.items[0]!.id}`);
  await shot(page, "14-body");
  const indicators = await apiGet<ListPage<{ id: string; code: string }>>(request, "w13", "/api/v1/indicators?kind=context&limit=50");
  await page.goto(`/indicators/${indicators.items.find((i) => i.code === "CTX-INWONERS-ZWVL")?.id ?? indicators.items[0]!.id}`);
  await shot(page, "15-indicator");
  // W13's management pages of this round: the plan's structure, a new agreement, the e-mail
  // sent for a meeting, the profile with the calendar address and the mail preferences.
  await page.goto("/admin/plan");
  await shot(page, "18-plan-structure");
  await page.goto("/agreements/new");
  await shot(page, "19-agreement-form");
  expect((await request.post(`/api/v1/meetings/${busy.id}/invitation/send`, { headers: auth })).status()).toBe(202);
  await page.goto("/admin/mail");
  await shot(page, "20-mail");
  await page.goto("/profile");
  await shot(page, "21-profile");
  await page.getByRole("button", { name: "Afmelden" }).click();

  await login(page, "gemeente");
  // A municipality's first view: its current and most recent agreements.
  await page.goto("/agreements");
  await shot(page, "10-agreements");

  await page.getByTestId("lang-switch").selectOption("fr");
  await page.goto("/dashboard");
  await shot(page, "12-dashboard-fr");
  await page.getByTestId("lang-switch").selectOption("nl");

  await page.setViewportSize({ width: 390, height: 760 });
  await page.goto("/");
  await shot(page, "13-phone-directory");
});
