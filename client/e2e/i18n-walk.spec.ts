import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { en } from "../src/i18n/en";
import { fr } from "../src/i18n/fr";
import { nl } from "../src/i18n/nl";
import { apiToken, MUNICIPALITY, PASSWORD, patchElsewhere, ROSE_ACTOR, USERS, type Who } from "./helpers";

/**
 * Every page of the SPA, as W13, a ROSE member and a municipality, in Dutch and in French: no
 * English may reach the reader. A dictionary check of what the page renders (text nodes, also
 * visually hidden ones, and aria-label, title, placeholder, alt): a text equal to an English
 * catalogue value that the language does not share, a text matching an English template, a
 * known English word, or a raw enum value (snake_case) fails the walk. Dataset text is Dutch
 * and allowed.
 */

type Lang = "nl" | "fr";
const CATALOGUE: Record<Lang, Record<string, string>> = { nl, fr };

// Words only English uses (not Dutch or French), matched as whole words.
const ENGLISH_WORDS = [
  "the", "and", "with", "not", "found", "loading", "save", "cancel", "delete", "edit", "search",
  "required", "should", "must", "invalid", "error", "please", "your", "you", "this", "which",
  "field", "value", "none", "yes", "previous", "next", "show", "hide", "back", "sign", "new",
  "add", "remove", "close", "unknown", "failed", "pending", "delivered", "created", "updated",
  "deleted", "changed", "planned", "progress", "done", "cancelled", "signalled", "answered",
  "excused", "upsert", "meetings", "agreement", "agreements", "users", "municipality",
  "municipalities", "body", "bodies", "before", "after", "from", "to", "for", "are", "can",
  "cannot", "may", "will", "been", "has", "have", "its", "there",
];
const ENGLISH = new RegExp(`(^|[^\\p{L}_])(${ENGLISH_WORDS.join("|")})(?=$|[^\\p{L}_])`, "iu");
// Names and codes that are the same in every language.
const ALLOWED = [
  /^Swagger UI$/, /^ReDoc$/, /^W13$/, /^ROSE$/, /^API$/, /^CSV$/, /^PDF$/, /^XLSX$/, /^HTML$/,
  /^JSON$/, /^iCalendar$/, /^Standard Webhooks$/, /^Webhooks?$/, /^OK$/, /^[A-Z]{2,}$/,
  // A record id, or its first digits as the audit trail shows them ("5add51" is no English).
  /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/, /^[0-9a-f]{8}$/,
];
// Raw enum values and field names: snake_case words.
const SNAKE = /(^|[^\p{L}\d_@./-])[a-z]+(_[a-z0-9]+)+(?=$|[^\p{L}\d_])/u;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

interface Template { re: RegExp; literal: string }

/** A catalogue template as a whole-text pattern: placeholders and plural forms match anything. */
function template(text: string): Template | null {
  const flat = text.replace(/\{\w+, plural, one \{([^}]*)\} other \{([^}]*)\}\}/g, "\u0000");
  if (!/\{\w+\}|\u0000/.test(flat)) return null;
  const parts = flat.split(/\{\w+\}|\u0000/);
  const letters = parts.join("").replace(/[^\p{L}]/gu, "");
  if (letters.length < 8) return null;
  // The longest fixed part: a cheap test before the regular expression.
  const literal = parts.reduce((a, b) => (b.length > a.length ? b : a), "");
  return { re: new RegExp(`^${parts.map(escapeRegex).join(".+?")}$`, "su"), literal };
}

function matches(templates: Template[], text: string): Template | undefined {
  return templates.find((t) => text.includes(t.literal) && t.re.test(text));
}

function englishOnly(lang: Lang) {
  const own = new Set(Object.values(CATALOGUE[lang]));
  const values = new Set(Object.values(en).filter((v) => !own.has(v) && !/\{\w+/.test(v) && /\p{L}{3}/u.test(v)));
  const ownTemplates = Object.values(CATALOGUE[lang]).map(template).filter((t): t is Template => t !== null);
  const templates = Object.entries(en)
    .filter(([k, v]) => v !== CATALOGUE[lang][k])
    .map(([, v]) => template(v))
    .filter((t): t is Template => t !== null);
  const seen = new Map<string, string | null>();
  const judge = (text: string): string | null => {
    if (ALLOWED.some((r) => r.test(text))) return null;
    if (values.has(text)) return "an English catalogue value";
    if (own.has(text) || matches(ownTemplates, text)) return null;
    const t = matches(templates, text);
    if (t) return `the English template ${t.re.source}`;
    if (SNAKE.test(text)) return "a raw enum value or field name";
    const word = ENGLISH.exec(text);
    if (word) return `the English word "${word[2]}"`;
    return null;
  };
  return (text: string): string | null => {
    if (!seen.has(text)) seen.set(text, judge(text));
    return seen.get(text)!;
  };
}

/** Everything the page says: text nodes (hidden ones too) and the attributes read aloud. */
async function rendered(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = new Set<string>([document.title]);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest("script, style, code")) continue;
      const text = (n.textContent ?? "").replace(/\s+/g, " ").trim();
      if (text) out.add(text);
    }
    for (const el of Array.from(document.querySelectorAll("[aria-label], [title], [placeholder], [alt]"))) {
      for (const name of ["aria-label", "title", "placeholder", "alt"]) {
        const v = el.getAttribute(name)?.trim();
        if (v) out.add(v);
      }
    }
    return Array.from(out);
  });
}

async function tokensFor(request: APIRequestContext, who: Who): Promise<string> {
  const res = await request.post("/api/v1/auth/token", { form: { grant_type: "password", username: USERS[who], password: PASSWORD } });
  expect(res.ok()).toBeTruthy();
  const body = (await res.json()) as { access_token: string; refresh_token: string; expires_in: number };
  return JSON.stringify({ accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: Date.now() + body.expires_in * 1000 });
}

/** Requests the page has under way: a page is read once it has settled (none for a moment). */
function trackRequests(page: Page): () => number {
  let inflight = 0;
  page.on("request", () => void (inflight += 1));
  page.on("requestfinished", () => void (inflight -= 1));
  page.on("requestfailed", () => void (inflight -= 1));
  return () => inflight;
}

/**
 * Open a page inside the SPA (client-side navigation: no reload, so the walk stays quick) and
 * wait until it shows its own content, nothing is loading and no request is under way.
 */
async function visit(page: Page, path: string, inflight: () => number): Promise<void> {
  const before = await page.evaluate((p) => {
    const text = document.querySelector("main")?.innerText ?? "";
    // The old page's elements are marked: a new page brings unmarked ones (or other words).
    for (const el of Array.from(document.querySelectorAll("main *"))) el.setAttribute("data-walked", "");
    window.history.pushState({}, "", p);
    window.dispatchEvent(new PopStateEvent("popstate"));
    return text;
  }, path);
  await page.waitForFunction(
    (old) => {
      const main = document.querySelector("main");
      const fresh = main !== null && (main.innerText !== old || main.querySelector("h1:not([data-walked])") !== null);
      return fresh && main.querySelector("h1") !== null && document.querySelector(".skeleton, [aria-busy='true']") === null;
    },
    before,
  );
  await expect.poll(inflight, { intervals: [25, 50, 100] }).toBe(0);
  await page.waitForFunction(() => document.querySelector(".skeleton, [aria-busy='true']") === null);
}

interface Item { id: string }
interface Page_ { items: Item[] }

async function routes(request: APIRequestContext): Promise<Record<Who, string[]>> {
  const headers = { Authorization: `Bearer ${await apiToken(request, "w13")}` };
  const firstId = async (url: string): Promise<string> => {
    const res = await request.get(url, { headers });
    expect(res.ok(), url).toBeTruthy();
    const page = (await res.json()) as Page_;
    expect(page.items.length, url).toBeGreaterThan(0);
    return page.items[0]!.id;
  };
  const [actor, action, roseAction, meeting, body, indicator, dossier, agreement, muniAgreement] = [
    await firstId("/api/v1/actors?limit=1"),
    await firstId("/api/v1/actions?limit=1"),
    await firstId(`/api/v1/actions?lead_actor=${ROSE_ACTOR}&limit=1`),
    await firstId("/api/v1/meetings?limit=1"),
    await firstId("/api/v1/bodies?limit=1"),
    await firstId("/api/v1/indicators?limit=1"),
    await firstId("/api/v1/dossiers?limit=1"),
    await firstId("/api/v1/agreements?limit=1"),
    await firstId(`/api/v1/agreements?municipality=${MUNICIPALITY}&limit=1`),
  ];
  // The audit trail's first page holds updates with a before and an after (fields, enum values,
  // dates), so the walk reads its before/after tables in the person's language.
  const was = (await (await request.get(`/api/v1/actions/${action}`, { headers })).json()) as { status: string; progress: number };
  const changed = { status: was.status === "in_progress" ? "on_hold" : "in_progress", progress: was.progress >= 90 ? was.progress - 5 : was.progress + 5 };
  await patchElsewhere(request, "w13", `/api/v1/actions/${action}`, changed);
  await patchElsewhere(request, "w13", `/api/v1/actions/${action}`, { status: was.status, progress: was.progress });
  // A meeting's attendance too: the trail says who was present or excused, in words.
  type Attendee = { actor_id?: string | null; user_id?: string | null; person?: string | null; status: string };
  const attendance = ((await (await request.get(`/api/v1/meetings/${meeting}`, { headers })).json()) as { attendance: Attendee[] }).attendance
    .map(({ actor_id, user_id, person, status }) => ({ actor_id, user_id, person, status }));
  if (attendance.length > 0) {
    const flipped = attendance.map((a, i) => (i === 0 ? { ...a, status: a.status === "present" ? "excused" : "present" } : a));
    await patchElsewhere(request, "w13", `/api/v1/meetings/${meeting}`, { attendance: flipped });
    await patchElsewhere(request, "w13", `/api/v1/meetings/${meeting}`, { attendance });
  }
  const common = ["/", `/actors/${actor}`, "/dashboard", "/actions", `/actions/${action}`, "/indicators", `/indicators/${indicator}`, "/agreements", "/nowhere"];
  return {
    w13: [
      ...common, `/actors/${actor}/edit`, "/actions/new", `/actions/${action}/edit`, "/meetings", `/meetings/${meeting}`,
      "/bodies", `/bodies/${body}`, "/dossiers", "/dossiers/new", `/dossiers/${dossier}`, "/agreements/new",
      `/agreements/${agreement}/edit`, "/admin/users", "/admin/clients", "/admin/audit", "/admin/webhooks", "/admin/plan",
    ],
    rose: [...common, `/actions/${roseAction}`, `/actions/${roseAction}/edit`, `/actors/${ROSE_ACTOR}`, `/actors/${ROSE_ACTOR}/edit`, "/meetings", "/dossiers", `/dossiers/${dossier}`, "/actions/new"],
    gemeente: [...common, "/meetings", "/dossiers", `/agreements?municipality=${MUNICIPALITY}`, `/agreements/${muniAgreement}/edit`],
  };
}

for (const lang of ["nl", "fr"] as const) {
  test(`every page speaks ${lang} to every role`, async ({ browser, request }) => {
    const byWho = await routes(request);
    const check = englishOnly(lang);
    const found: string[] = [];
    for (const who of ["w13", "rose", "gemeente"] as const) {
      // A context of its own per role: its storage starts with this role's session and the language.
      const context = await browser.newContext();
      await context.addInitScript(([s, l]) => {
        if (!localStorage.getItem("regie.session")) localStorage.setItem("regie.session", s);
        localStorage.setItem("regie.lang", l);
      }, [await tokensFor(request, who), lang] as const);
      const page = await context.newPage();
      const inflight = trackRequests(page);
      await page.goto("/login");
      for (const path of byWho[who]) {
        await visit(page, path, inflight);
        if (path === "/dashboard") await expect(page.getByTestId("who")).toContainText(USERS[who]);
        if (path === "/admin/audit") {
          // Open every entry's before/after, as a person reading the trail does.
          const details = page.getByTestId("audit-list").locator("details");
          await expect(details.first()).toBeAttached();
          await details.evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
          await expect(page.getByTestId("audit-list").getByRole("cell").first()).toBeVisible();
        }
        const texts = await rendered(page);
        expect(texts.length, `${who} ${path} shows hardly anything`).toBeGreaterThan(8);
        for (const text of texts) {
          const why = check(text);
          if (why) found.push(`${who} ${path}: "${text}" (${why})`);
        }
      }
      await context.close();
    }
    expect([...new Set(found)], found.join("\n")).toEqual([]);
  });
}
