import { expect, test } from "@playwright/test";
import { apiGet, expectNoA11yViolations, login } from "./helpers";

type Meeting = { id: string; status: string; title: string };
type Invitation = { recipients: unknown[]; invited_at: string | null };

test("W13 sends a meeting's invitation and sees each message delivered as an .eml file", async ({ page, request }) => {
  // A meeting still to come, whose body has people to invite, not invited yet.
  const meetings = await apiGet<{ items: Meeting[] }>(request, "w13", "/api/v1/meetings?limit=100");
  let meeting: Meeting | undefined;
  let invitation: Invitation | undefined;
  for (const m of meetings.items.filter((x) => x.status !== "cancelled")) {
    invitation = await apiGet<Invitation>(request, "w13", `/api/v1/meetings/${m.id}/invitation`);
    if (invitation.recipients.length > 0 && !invitation.invited_at) { meeting = m; break; }
  }
  expect(meeting, "a seeded meeting with invitees").toBeTruthy();
  const count = invitation!.recipients.length;

  await login(page, "w13");
  await page.goto(`/meetings/${meeting!.id}`);
  const panel = page.getByTestId("meeting-mail");
  await expect(panel.getByTestId("invitation-state")).toHaveText("De uitnodiging is nog niet verstuurd.");
  await panel.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(panel.getByText(`${count} berichten klaargezet.`)).toBeVisible();
  await expect(panel.getByTestId("invitation-state")).toContainText("(versie 0)");
  // The worker of the running service writes them as .eml files; the list shows each one sent.
  await expect(async () => {
    await page.reload();
    const rows = page.getByTestId("meeting-mail").getByTestId("message-row");
    await expect(rows).toHaveCount(count, { timeout: 2000 });
    await expect(rows.filter({ hasText: "verstuurd" })).toHaveCount(count, { timeout: 2000 });
  }).toPass({ timeout: 20000 });
  const first = page.getByTestId("meeting-mail").getByTestId("message-row").first();
  await expect(first).toContainText("uitnodiging");
  await expect(first.locator("code")).toContainText(".eml");
  await expectNoA11yViolations(page, "meeting with its e-mail panel");

  await page.goto("/admin/mail");
  await expect(page.getByRole("heading", { name: "E-mail", level: 1 })).toBeVisible();
  await expect(page.getByTestId("message-row").filter({ hasText: meeting!.title }).first()).toBeVisible();
  await expectNoA11yViolations(page, "e-mail messages (W13)");

  // Each person chooses what they get: the profile page (the e-mails' footer links to it).
  await page.getByTestId("who").click(); // the name in the header opens the profile
  const digest = page.getByLabel("Wekelijks overzicht van mijlpalen en dossiers");
  await expect(digest).toBeChecked();
  await digest.uncheck();
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Je voorkeuren zijn opgeslagen.")).toBeVisible();
  const prefs = await apiGet<{ digest: boolean; invitations: boolean }>(request, "w13", "/api/v1/me/mail-preferences");
  expect(prefs).toMatchObject({ digest: false, invitations: true });
  await expectNoA11yViolations(page, "profile with mail preferences");
});
