import { describe, expect, it } from "vitest";
import { actionLate, actionStatusChoices, dossierMoves, milestoneLate } from "./lifecycle";
import { chartGeometry, labelWidth, niceTicks } from "./chart";
import { dashboardYears, indicatorOrder, mvoImpulses, pillarStats, runsIn, suggestedYear, wseCoverage } from "./dashboard";
import { problemMessageKey } from "./problemText";
import { pickBody, restrict, toBody, toDraft } from "./actionForm";
import { localToUtc } from "./datetime";
import { guardedRowUpdate } from "./rowUpdate";
import { allPages } from "./refdata";
import { editScope, mayCreateAction, mayDo, mayUse, mayMeasure, ANONYMOUS, type Principal } from "../auth/permissions";
import { ApiError, IncompleteListError } from "../api/problem";
import type { Action } from "../api/types";

describe("life-cycles", () => {
  it("offers an action's current status and its allowed next ones only", () => {
    expect(actionStatusChoices("planned")).toEqual(["planned", "in_progress", "on_hold", "cancelled"]);
    expect(actionStatusChoices("done")).toEqual(["done", "in_progress"]);
  });

  it("offers a dossier's forward moves first", () => {
    expect(dossierMoves("on_agenda")).toEqual([
      { to: "signalled", forward: true }, { to: "closed", forward: true }, { to: "open", forward: false },
    ]);
    expect(dossierMoves("closed")).toEqual([{ to: "open", forward: false }]);
  });

  it("calls an action late past its end or an open milestone, unless done or cancelled", () => {
    const a = { status: "in_progress" as const, end_date: "2025-12-31", milestones: [{ due_date: "2024-03-01", done_on: null }] };
    expect(actionLate(a, "2024-06-01")).toBe(true);
    expect(actionLate({ ...a, milestones: [{ due_date: "2024-03-01", done_on: "2024-02-20" }] }, "2024-06-01")).toBe(false);
    expect(actionLate({ ...a, milestones: [] }, "2026-01-01")).toBe(true);
    expect(actionLate({ ...a, status: "done" }, "2026-01-01")).toBe(false);
    expect(milestoneLate({ due_date: "2024-06-01" }, "2024-06-01")).toBe(false);
  });
});

describe("chart geometry", () => {
  it("picks round ticks that cover the values", () => {
    expect(niceTicks(0, 81.3)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(0, 0.9)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(5, 5).length).toBeGreaterThan(1);
  });

  it("places points, baseline and target inside the plot", () => {
    const g = chartGeometry({
      points: [{ date: "2019-09-30", value: 81.3 }, { date: "2023-09-30", value: 84 }],
      baseline: { date: "2019-09-30", value: 81.3 }, target: { date: "2025-12-31", value: 85 },
    });
    for (const v of [81.3, 84, 85]) {
      expect(g.y(v)).toBeGreaterThanOrEqual(g.pad.top);
      expect(g.y(v)).toBeLessThanOrEqual(g.height - g.pad.bottom);
    }
    expect(g.x("2019-09-30")).toBeCloseTo(g.pad.left);
    expect(g.x("2025-12-31")).toBeCloseTo(g.width - g.pad.right);
    expect(g.path.startsWith("M")).toBe(true);
    expect(g.y(85)).toBeLessThan(g.y(81.3)); // higher values higher up
  });

  it("widens the left margin so large labels (inhabitants) fit beside the axis", () => {
    const fmt = (v: number) => new Intl.NumberFormat("nl-BE").format(v);
    const g = chartGeometry({ points: [{ date: "2019-01-01", value: 319114 }, { date: "2024-01-01", value: 331000 }] }, 600, 240, fmt);
    const widest = Math.max(...g.yTicks.map((v) => labelWidth(fmt(v))));
    expect(widest).toBeGreaterThan(56 - 6); // the fixed margin would have cut it
    expect(g.pad.left - 6).toBeGreaterThanOrEqual(widest);
    expect(chartGeometry({ points: [{ date: "2024-01-01", value: 3 }] }).pad.left).toBe(56);
  });

  it("copes with a single point and no marks", () => {
    const g = chartGeometry({ points: [{ date: "2024-01-01", value: 3 }] });
    expect(Number.isFinite(g.x("2024-01-01"))).toBe(true);
    expect(g.domain.min).toBe(0);
  });
});

describe("dashboard figures", () => {
  const a = (over: Partial<Parameters<typeof pillarStats>[0][number]>) => ({
    id: Math.random().toString(), pillar_id: "p1", status: "in_progress" as const, progress: 50,
    start_date: "2020-01-01", end_date: "2025-12-31", mvo_themes: [], accent_years: [], wse_lr_code: null, ...over,
  });

  it("counts actions per status and averages progress, leaving cancelled ones out", () => {
    const s = pillarStats([a({ progress: 40 }), a({ status: "done", progress: 100 }), a({ status: "cancelled", progress: 0 }), a({ pillar_id: "p2" })], "p1");
    expect(s.total).toBe(3);
    expect(s.byStatus).toMatchObject({ in_progress: 1, done: 1, cancelled: 1, planned: 0 });
    expect(s.meanProgress).toBe(70);
    expect(pillarStats([], "p1").meanProgress).toBeNull();
  });

  it("shows per MVO theme the actions running in the year, accent years first", () => {
    const xs = [
      a({ id: "1", mvo_themes: ["mobiliteit"] }),
      a({ id: "2", mvo_themes: ["mobiliteit"], accent_years: [2023] }),
      a({ id: "3", mvo_themes: ["mobiliteit"], end_date: "2021-12-31" }),
    ];
    const mob = mvoImpulses(xs, 2023).find((x) => x.theme === "mobiliteit")!;
    expect(mob.actions.map((x) => x.id)).toEqual(["2", "1"]);
    expect(runsIn({ start_date: "2023-12-31", end_date: "2024-01-01" }, 2023)).toBe(true);
  });

  it("checks one action per WSE-LR priority per year", () => {
    const cov = wseCoverage([a({ wse_lr_code: "WSE-LR2" })], ["WSE-LR1", "WSE-LR2"], 2024);
    expect(cov).toEqual([{ code: "WSE-LR1", count: 0 }, { code: "WSE-LR2", count: 1 }]);
    expect(dashboardYears(new Date("2023-05-01"))).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
  });

  it("opens on this year, or on the plan's last year once the plan has ended", () => {
    const xs = [{ end_date: "2025-12-31" }, { end_date: "2023-06-30" }];
    expect(suggestedYear(xs, new Date("2024-03-01"))).toBe(2024);
    expect(suggestedYear(xs, new Date("2026-11-26"))).toBe(2025);
    expect(suggestedYear([], new Date("2026-11-26"))).toBe(2026);
  });

  it("lists the region's own indicators first", () => {
    const xs = [{ code: "B", geography: "vlaanderen" }, { code: "A", geography: "municipality" }, { code: "C", geography: "zuid_west_vlaanderen" }];
    expect(indicatorOrder(xs).map((x) => x.code)).toEqual(["C", "B", "A"]);
  });
});

describe("the action form", () => {
  const action = {
    id: "x", code: "A15", title: "Mobiliteit", description: "", pillar_id: "p", objective_id: null, wse_lr_code: "WSE-LR2",
    bbc_code: null, w13_plan_codes: ["OD2", "AP06"], lead_actor_id: "l", partner_ids: [], parent_id: null,
    start_date: "2020-01-01", end_date: "2025-12-31", accent_years: [2025, 2021], mvo_themes: ["mobiliteit"], status: "in_progress",
    progress: 75, progress_rollup: null, published: true, milestones: [{ title: "Overleg", due_date: "2024-06-30", done_on: null }],
    dossier_ids: [], created_at: "", updated_at: "", version: 2,
  } as unknown as Action;

  it("turns a record into a draft and back without changes", () => {
    const body = toBody(toDraft(action));
    expect(body).toMatchObject({ w13_plan_codes: ["OD2", "AP06"], objective_id: null, progress: 75, accent_years: [2021, 2025] });
    expect(pickBody(action)).toEqual(body);
  });

  it("sends a non-numeric progress as typed so the API's 422 lands at the field", () => {
    expect(toBody({ ...toDraft(action), progress: "veel" }).progress).toBe("veel");
    expect(toBody({ ...toDraft(action), progress: "" }).progress).toBeNull();
    expect(toBody({ ...toDraft(action), w13_plan_codes: "OD2,  AP06 " }).w13_plan_codes).toEqual(["OD2", "AP06"]);
  });

  it("lets a ROSE lead send only status, progress and milestones", () => {
    expect(restrict({ status: "done", progress: 100, title: "x" }, ["status", "progress", "milestones"])).toEqual({ status: "done", progress: 100 });
    expect(restrict({ title: "x" }, "all")).toEqual({ title: "x" });
  });
});

describe("who sees what", () => {
  // `may` as /me answers it for each role (see tests/security/test_allowed.py).
  const rose: Principal = { role: "rose_member", actorId: "a1", municipality: null,
    may: { actions: ["read", "update"], measurements: ["create", "delete", "read", "update"] } };
  const muni: Principal = { role: "municipality", actorId: null, municipality: "34022", may: { actions: ["read"] } };
  const w13: Principal = { role: "w13", actorId: null, municipality: null,
    may: { actions: ["create", "delete", "read", "update"], measurements: ["create", "delete", "read", "update"] } };

  it("shows each role only the areas it may use", () => {
    expect(["directory", "actions"].every((x) => mayUse(ANONYMOUS, x as never))).toBe(true);
    expect(mayUse(ANONYMOUS, "dashboard")).toBe(false);
    expect(mayUse(muni, "meetings")).toBe(false);
    expect(mayUse(muni, "agreements")).toBe(true);
    expect(mayUse(rose, "admin")).toBe(false);
    expect(mayUse(w13, "admin")).toBe(true);
  });

  it("offers exactly what the record's allowed says, copying no rule", () => {
    const progress = { allowed: { update: true, delete: false, fields: ["milestones", "progress", "status"] } };
    const everything = { allowed: { update: true, delete: true, fields: ["code", "milestones", "progress", "status", "title"] } };
    const none = { allowed: { update: false, delete: false, fields: [] } };
    const form = ["code", "title", "status", "progress", "milestones"];
    expect(editScope(progress, form)).toEqual(["milestones", "progress", "status"]);
    expect(editScope(everything, form)).toBe("all");
    expect(editScope(none, form)).toBeNull();
    expect(editScope({}, form)).toBeNull();
    expect(editScope(progress)).toBe("all"); // no form given: only "may edit at all" is asked
    expect(mayMeasure(rose, progress)).toBe(true); // lead or partner alike: the server decides
    expect(mayMeasure(rose, none)).toBe(false);
    expect(mayMeasure(muni, everything)).toBe(false); // the role may not create measurements
    expect(mayMeasure(rose, null)).toBe(false);
    expect(mayMeasure(w13, null, everything)).toBe(true); // a context indicator W13 may edit
    expect(mayMeasure(rose, null, none)).toBe(false);
    expect(mayCreateAction(w13)).toBe(true);
    expect(mayCreateAction(rose)).toBe(false);
    expect(mayDo(ANONYMOUS, "actions", "read")).toBe(false);
  });
});

describe("helpers", () => {
  it("has a plain sentence for every refusal the API gives", () => {
    expect(problemMessageKey(403)).toBe("problem.403");
    expect(problemMessageKey(409)).toBe("problem.409");
    expect(problemMessageKey(412)).toBe("problem.412");
    expect(problemMessageKey(503)).toBe("problem.500");
    expect(problemMessageKey(418)).toBe("problem.unknown");
  });

  it("converts Brussels wall-clock time to UTC, summer and winter", () => {
    expect(localToUtc("2024-06-11T14:00")).toBe("2024-06-11T12:00:00.000Z");
    expect(localToUtc("2024-12-11T14:00")).toBe("2024-12-11T13:00:00.000Z");
    expect(localToUtc("")).toBeNull();
  });

  it("refuses a row write when the record changed since the list was read", async () => {
    const seen = { version: 2 };
    let wrote = false;
    await expect(guardedRowUpdate(seen, async () => ({ data: { version: 3 }, etag: '"x-3"' }), async () => { wrote = true; return seen; }))
      .rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.status === 412);
    expect(wrote).toBe(false);
    let etag: string | null = null;
    await guardedRowUpdate(seen, async () => ({ data: { version: 2 }, etag: '"x-2"' }), async (e) => { etag = e; return seen; });
    expect(etag).toBe('"x-2"');
  });

  it("follows keyset pages to the end", async () => {
    const pages: Record<string, { items: number[]; next_cursor: string | null }> = {
      start: { items: [1, 2], next_cursor: "c2" }, c2: { items: [3], next_cursor: null },
    };
    const cursors: Array<string | undefined> = [];
    const all = await allPages<number>(async (c) => { cursors.push(c); return pages[c ?? "start"]!; });
    expect(all).toEqual([1, 2, 3]);
    expect(cursors).toEqual([undefined, "c2"]);
  });

  it("follows a long list past where it used to stop (20 pages of 500: 10,000 rows)", async () => {
    const pageCount = 25, size = 500;
    const all = await allPages<number>(async (c) => {
      const n = c === undefined ? 0 : Number(c);
      const items = Array.from({ length: size }, (_, i) => n * size + i);
      return { items, next_cursor: n + 1 < pageCount ? String(n + 1) : null };
    });
    expect(all).toHaveLength(pageCount * size);
    expect(all.at(-1)).toBe(pageCount * size - 1);
  });

  it("says so instead of stopping quietly when a cursor comes back or the list has no end", async () => {
    let calls = 0;
    const looping = allPages<number>(async (c) => {
      calls += 1;
      return { items: [1], next_cursor: c === "a" ? "b" : "a" };
    });
    await expect(looping).rejects.toSatisfy((e: unknown) => e instanceof IncompleteListError && e.loaded === 3);
    expect(calls).toBe(3);

    let n = 0;
    const endless = allPages<number>(async () => ({ items: [n], next_cursor: `c${++n}` }), 4);
    await expect(endless).rejects.toSatisfy((e: unknown) => e instanceof IncompleteListError && e.loaded === 4);
  });
});
