import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiToken, expectNoA11yViolations, PASSWORD, ROSE_ACTOR, USERS, type Who } from "./helpers";

interface Body { id: string; code: string; member_ids: string[] }
interface Meeting { id: string; agenda: { title: string }[] }

/** Log in through the API (the login form is not the point here): the SPA finds the session. */
async function loginViaApi(page: Page, request: APIRequestContext, who: Who): Promise<void> {
  const res = await request.post("/api/v1/auth/token", { form: { grant_type: "password", username: USERS[who], password: PASSWORD } });
  expect(res.ok()).toBeTruthy();
  const tok = (await res.json()) as { access_token: string; refresh_token: string; expires_in: number };
  const session = { accessToken: tok.access_token, refreshToken: tok.refresh_token, expiresAt: Date.now() + tok.expires_in * 1000 };
  await page.addInitScript((s) => localStorage.setItem("regie.session", s), JSON.stringify(session));
}

/** A meeting of the ROSE assembly a month from now (the member's organisation sits in it). */
async function upcomingAssembly(request: APIRequestContext): Promise<Meeting> {
  const auth = { Authorization: `Bearer ${await apiToken(request, "w13")}` };
  const bodies = (await (await request.get("/api/v1/bodies?limit=100", { headers: auth })).json()) as { items: Body[] };
  const assembly = bodies.items.find((b) => b.code === "rose-av")!;
  expect(assembly.member_ids).toContain(ROSE_ACTOR);
  const start = new Date(Date.now() + 30 * 86_400_000);
  start.setUTCHours(13, 0, 0, 0);
  const end = new Date(start.getTime() + 2 * 3_600_000);
  const made = await request.post("/api/v1/meetings", { headers: auth, data: {
    body_id: assembly.id, title: "Algemene vergadering ROSE – e2e", starts_at: start.toISOString(), ends_at: end.toISOString(), location: "W13, Kortrijk",
  } });
  expect(made.status()).toBe(201);
  return (await made.json()) as Meeting;
}

test("a ROSE member proposes an agenda item; W13 accepts it onto the agenda", async ({ browser, page, request }) => {
  const meeting = await upcomingAssembly(request);
  await loginViaApi(page, request, "rose");
  await page.goto(`/meetings/${meeting.id}`);
  await page.getByRole("button", { name: "Stel een agendapunt voor" }).click();
  const form = page.getByRole("form", { name: "Stel een agendapunt voor" });
  await form.getByLabel("Titel").fill("Gedeelde aankoop van werkkledij");
  await form.getByLabel("Korte toelichting").fill("Samen bestellen drukt de kosten voor kleine leden.");
  await expectNoA11yViolations(page, "meeting with the proposal form (ROSE)");
  await form.getByRole("button", { name: "Stel een agendapunt voor" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Je voorstel is ingediend." })).toBeVisible();
  const mine = page.getByTestId("proposal").filter({ hasText: "Gedeelde aankoop van werkkledij" });
  await expect(mine).toContainText("voorgesteld");
  await expect(mine.getByText("Beslissen")).toHaveCount(0); // a member does not decide

  const w13 = await browser.newPage();
  await loginViaApi(w13, request, "w13");
  await w13.goto(`/meetings/${meeting.id}`);
  const item = w13.getByTestId("proposal").filter({ hasText: "Gedeelde aankoop van werkkledij" });
  await item.getByText("Beslissen").click();
  await item.getByLabel("Plaats op de agenda").fill("2");
  await expectNoA11yViolations(w13, "meeting with a proposal to decide (W13)");
  await item.getByRole("button", { name: "Aanvaarden" }).click();
  await expect(w13.getByRole("status").filter({ hasText: "Het punt staat op de agenda." })).toBeVisible();
  await expect(item).toContainText("Aanvaard als agendapunt 2");
  const auth = { Authorization: `Bearer ${await apiToken(request, "w13")}` };
  const after = (await (await request.get(`/api/v1/meetings/${meeting.id}`, { headers: auth })).json()) as Meeting;
  expect(after.agenda[1]!.title).toBe("Gedeelde aankoop van werkkledij");
  await w13.close();

  // The proposer sees the outcome, and the item on the agenda.
  await page.reload();
  await expect(mine).toContainText("Aanvaard als agendapunt 2");
  await expect(page.getByRole("region", { name: "Agenda", exact: true })).toContainText("Gedeelde aankoop van werkkledij");
});

test("a person makes a calendar address that answers without any header, and 404 once revoked", async ({ page, request, playwright }) => {
  const meeting = await upcomingAssembly(request);
  await loginViaApi(page, request, "rose");
  await page.goto("/meetings");
  await page.getByRole("link", { name: "Abonneer in je agenda" }).click();
  await expect(page).toHaveURL(/\/profile#calendar$/);
  await expect(page.getByTestId("calendar-state")).toHaveText("Je hebt nog geen agenda-adres.");
  await page.getByRole("button", { name: "Agenda-adres maken" }).click();
  const address = (await page.getByTestId("calendar-address").textContent())!;
  expect(address).toMatch(/\/api\/v1\/calendars\/[A-Za-z0-9_-]{40,}\.ics$/);
  await expectNoA11yViolations(page, "profile with a new calendar address");

  // A calendar app: a client of its own, no Authorization, no cookies.
  const app = await playwright.request.newContext();
  const feed = await app.get(address);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  const text = await feed.text();
  expect(text).toContain("BEGIN:VCALENDAR");
  expect(text).toContain(`UID:${meeting.id}@regie`);

  await page.getByRole("button", { name: "Adres intrekken" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Het adres is ingetrokken" })).toBeVisible();
  expect((await app.get(address)).status()).toBe(404);
  await app.dispose();
});
