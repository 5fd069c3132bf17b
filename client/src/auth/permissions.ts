/**
 * What each role may use, mirroring the API's permission table (api/core/permissions.py) so
 * the UI offers only what will work. The server stays the judge: a refusal is still shown.
 */

import type { Role } from "../api/types";

export interface Principal {
  role: Role;
  actorId: string | null;
  municipality: string | null;
}

export const ANONYMOUS: Principal = { role: "anonymous", actorId: null, municipality: null };

export type Area =
  | "directory" | "dashboard" | "actions" | "meetings" | "dossiers" | "agreements" | "reports" | "admin";

const AREAS: Record<Area, Role[]> = {
  directory: ["anonymous", "rose_member", "municipality", "w13"],
  actions: ["anonymous", "rose_member", "municipality", "w13"],
  dashboard: ["rose_member", "municipality", "w13"],
  meetings: ["rose_member", "w13"],
  dossiers: ["rose_member", "w13"],
  agreements: ["rose_member", "municipality", "w13"],
  // The annual report: W13 with its internal notes, ROSE members the version to share.
  reports: ["rose_member", "w13"],
  admin: ["w13"],
};

export function mayUse(p: Principal, area: Area): boolean {
  return AREAS[area].includes(p.role);
}

export const isW13 = (p: Principal) => p.role === "w13";

/** The fields a ROSE member may change on an action its actor leads. */
export const ACTION_PROGRESS_FIELDS = ["status", "progress", "milestones"] as const;

export function mayCreateAction(p: Principal): boolean {
  return isW13(p);
}

/** null: may not edit; "all": every field; otherwise the fields that may change. */
export function actionEditScope(p: Principal, action: { lead_actor_id?: string | null }):
  "all" | readonly string[] | null {
  if (isW13(p)) return "all";
  if (p.role === "rose_member" && p.actorId && action.lead_actor_id === p.actorId) return ACTION_PROGRESS_FIELDS;
  return null;
}

/** Measurements: W13 always; a ROSE member on indicators of actions its actor leads. */
export function mayMeasure(p: Principal, action: { lead_actor_id?: string | null } | null): boolean {
  if (isW13(p)) return true;
  return p.role === "rose_member" && !!p.actorId && !!action && action.lead_actor_id === p.actorId;
}

export function mayRaiseDossier(p: Principal): boolean {
  return p.role === "w13" || (p.role === "rose_member" && !!p.actorId);
}

/** ROSE members move and annotate the dossiers their actor raised; W13 any dossier. */
export function mayEditDossier(p: Principal, d: { raised_by_id?: string | null }): boolean {
  if (isW13(p)) return true;
  return p.role === "rose_member" && !!p.actorId && d.raised_by_id === p.actorId;
}

/** Agreements (create, edit, end, delete): W13 only; municipalities and ROSE members read. */
export function mayManageAgreements(p: Principal): boolean {
  return isW13(p);
}

/** The plan's pillars and objectives: W13 only. */
export function mayManagePlan(p: Principal): boolean {
  return isW13(p);
}

export function mayEditMeeting(p: Principal): boolean {
  return isW13(p);
}

export function mayEditActor(p: Principal, actorId: string): boolean {
  return isW13(p) || (p.role === "rose_member" && p.actorId === actorId);
}
