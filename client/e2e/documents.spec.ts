import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { apiGet, apiToken, expectNoA11yViolations, PASSWORD, USERS, type Who } from "./helpers";

interface List<T> { items: T[]; next_cursor: string | null }
interface Meeting { id: string; title: string }
interface Action { id: string; code: string }
interface Doc { id: string; title: string; sha256: string; size: number; content_url: string }

/** Log in through the API (the login form is not the point here) and hand the SPA the session. */
async function loginByApi(page: Page, request: APIRequestContext, who: Who): Promise<void> {
  const res = await request.post("/api/v1/auth/token", { form: { grant_type: "password", username: USERS[who], password: PASSWORD } });
  expect(res.ok()).toBeTruthy();
  const token = (await res.json()) as { access_token: string; refresh_token?: string; expires_in: number };
  await page.goto("/");
  await page.evaluate((session) => localStorage.setItem("regie.session", session), JSON.stringify({
    accessToken: token.access_token, refreshToken: token.refresh_token ?? null, expiresAt: Date.now() + token.expires_in * 1000,
  }));
}

/** A PDF of some size (the server decides the type from these bytes, not from the name). */
function pdf(size: number): Buffer {
  const body = Buffer.alloc(size, 0x20);
  body.write("%PDF-1.7\n", 0);
  body.write("\n%%EOF\n", size - 7);
  return body;
}

test("W13 uploads a document to a meeting, downloads it and deletes it", async ({ page, request }) => {
  const meeting = (await apiGet<List<Meeting>>(request, "w13", "/api/v1/meetings?limit=1")).items[0]!;
  const content = pdf(3 * 1024 * 1024);
  await loginByApi(page, request, "w13");
  await page.goto(`/meetings/${meeting.id}`);
  await expect(page.getByRole("heading", { level: 1, name: meeting.title })).toBeVisible();
  const form = page.getByRole("form", { name: "Document toevoegen" });
  await form.getByLabel("Bestand").setInputFiles({ name: "Verslag – ondertekend.pdf", mimeType: "application/pdf", buffer: content });
  await form.getByLabel("Soort").selectOption("minutes");
  await form.getByLabel("Titel van het document").fill("Getekend verslag");
  await expectNoA11yViolations(page, "meeting documents");
  await form.getByRole("button", { name: "Uploaden" }).click();
  await expect(page.getByRole("status").filter({ hasText: "‘Getekend verslag’ is toegevoegd." })).toBeVisible();
  const item = page.getByTestId("documents").getByRole("listitem").filter({ hasText: "Getekend verslag" });
  await expect(item).toContainText("verslag · Verslag – ondertekend.pdf · 3 MB");

  const stored = (await apiGet<List<Doc>>(request, "w13", `/api/v1/meetings/${meeting.id}/documents`)).items.find((d) => d.title === "Getekend verslag")!;
  expect(stored.size).toBe(content.length);
  const downloading = page.waitForEvent("download");
  await item.getByRole("button", { name: "‘Getekend verslag’ downloaden" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Verslag – ondertekend.pdf");
  expect((await readFile((await download.path())!)).equals(content)).toBeTruthy();

  page.once("dialog", (d) => void d.accept());
  await item.getByRole("button", { name: "‘Getekend verslag’ verwijderen" }).click();
  await expect(item).toHaveCount(0);
});

test("a municipality sees an action's documents but cannot upload", async ({ page, request }) => {
  const action = (await apiGet<List<Action>>(request, "w13", "/api/v1/actions?limit=1")).items[0]!;
  const w13 = { Authorization: `Bearer ${await apiToken(request, "w13")}` };
  const made = await request.post(`/api/v1/actions/${action.id}/documents?filename=eindrapport.pdf&kind=deliverable`, {
    headers: { ...w13, "Content-Type": "application/octet-stream" }, data: pdf(2000),
  });
  expect(made.status()).toBe(201);
  const doc = (await made.json()) as Doc;

  await loginByApi(page, request, "gemeente");
  await page.goto(`/actions/${action.id}`);
  await expect(page.getByTestId("documents")).toContainText("eindrapport.pdf");
  await expect(page.getByRole("form", { name: "Document toevoegen" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /verwijderen/ })).toHaveCount(0);
  await expectNoA11yViolations(page, "action documents (municipality)");
  // The server refuses it all the same.
  const gemeente = { Authorization: `Bearer ${await apiToken(request, "gemeente")}` };
  const refused = await request.post(`/api/v1/actions/${action.id}/documents?filename=ander.pdf`, {
    headers: { ...gemeente, "Content-Type": "application/octet-stream" }, data: pdf(2000),
  });
  expect(refused.status()).toBe(403);
  const gone = await request.delete(`/api/v1/actions/${action.id}/documents/${doc.id}`, { headers: gemeente });
  expect(gone.status()).toBe(403);
  await request.delete(`/api/v1/actions/${action.id}/documents/${doc.id}`, { headers: w13 });
});
