/** The action form's draft, and the way between it and the API's shape. */

import type { Action, ActionStatus, MvoTheme } from "../api/types";

export const ACTION_FIELDS = [
  "code", "title", "description", "pillar_id", "objective_id", "wse_lr_code", "bbc_code", "w13_plan_codes",
  "lead_actor_id", "partner_ids", "parent_id", "start_date", "end_date", "accent_years", "mvo_themes", "status",
  "progress", "published", "milestones", "dossier_ids",
] as const;
export type ActionField = (typeof ACTION_FIELDS)[number];

export interface MilestoneDraft {
  title: string;
  due_date: string;
  done_on: string;
}

export interface ActionDraft {
  code: string;
  title: string;
  description: string;
  pillar_id: string;
  objective_id: string;
  wse_lr_code: string;
  bbc_code: string;
  w13_plan_codes: string;
  lead_actor_id: string;
  partner_ids: string[];
  parent_id: string;
  start_date: string;
  end_date: string;
  accent_years: number[];
  mvo_themes: MvoTheme[];
  status: ActionStatus;
  progress: string;
  published: boolean;
  milestones: MilestoneDraft[];
  dossier_ids: string[];
}

export type ActionBody = Record<ActionField, unknown>;

export function emptyDraft(): ActionDraft {
  return {
    code: "", title: "", description: "", pillar_id: "", objective_id: "", wse_lr_code: "", bbc_code: "",
    w13_plan_codes: "", lead_actor_id: "", partner_ids: [], parent_id: "", start_date: "", end_date: "",
    accent_years: [], mvo_themes: [], status: "planned", progress: "0", published: false, milestones: [], dossier_ids: [],
  };
}

export function toDraft(a: Partial<Action>): ActionDraft {
  return {
    code: a.code ?? "",
    title: a.title ?? "",
    description: a.description ?? "",
    pillar_id: a.pillar_id ?? "",
    objective_id: a.objective_id ?? "",
    wse_lr_code: a.wse_lr_code ?? "",
    bbc_code: a.bbc_code ?? "",
    w13_plan_codes: (a.w13_plan_codes ?? []).join(", "),
    lead_actor_id: a.lead_actor_id ?? "",
    partner_ids: [...(a.partner_ids ?? [])],
    parent_id: a.parent_id ?? "",
    start_date: a.start_date ?? "",
    end_date: a.end_date ?? "",
    accent_years: [...(a.accent_years ?? [])],
    mvo_themes: [...(a.mvo_themes ?? [])],
    status: a.status ?? "planned",
    progress: a.progress === undefined || a.progress === null ? "" : String(a.progress),
    published: a.published ?? false,
    milestones: (a.milestones ?? []).map((m) => ({ title: m.title, due_date: m.due_date, done_on: m.done_on ?? "" })),
    dossier_ids: [...(a.dossier_ids ?? [])],
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

/**
 * The draft in the API's shape. Empty optional fields become null; a progress that is not a
 * whole number is sent as typed, so the API's 422 lands at the field instead of being guessed at.
 */
export function toBody(d: ActionDraft): ActionBody {
  const progress = /^\s*\d+\s*$/.test(d.progress) ? Number(d.progress) : d.progress.trim() === "" ? null : d.progress;
  return {
    code: d.code.trim(),
    title: d.title.trim(),
    description: d.description,
    pillar_id: orNull(d.pillar_id),
    objective_id: orNull(d.objective_id),
    wse_lr_code: orNull(d.wse_lr_code),
    bbc_code: orNull(d.bbc_code),
    w13_plan_codes: d.w13_plan_codes.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean),
    lead_actor_id: orNull(d.lead_actor_id),
    partner_ids: d.partner_ids,
    parent_id: orNull(d.parent_id),
    start_date: orNull(d.start_date),
    end_date: orNull(d.end_date),
    accent_years: [...d.accent_years].sort(),
    mvo_themes: d.mvo_themes,
    status: d.status,
    progress,
    published: d.published,
    milestones: d.milestones.map((m) => ({ title: m.title.trim(), due_date: orNull(m.due_date), done_on: orNull(m.done_on) })),
    dossier_ids: d.dossier_ids,
  };
}

/** The record's editable fields, as the API returns them (for diffs against the draft). */
export function pickBody(a: Action): ActionBody {
  return toBody(toDraft(a));
}

/** Only the fields this person may write (a ROSE member: status, progress, milestones). */
export function restrict<T extends Record<string, unknown>>(body: T, scope: "all" | readonly string[]): Partial<T> {
  if (scope === "all") return body;
  return Object.fromEntries(Object.entries(body).filter(([k]) => scope.includes(k))) as Partial<T>;
}
