/**
 * What the caller may use. Which areas a role sees is navigation; what it may do with a
 * resource comes from the API (`/me`'s `may`, each record's `allowed`), never from rules
 * written here. The server stays the judge: a refusal is still shown.
 */

import type { Role } from "../api/types";

export interface Principal {
  role: Role;
  actorId: string | null;
  municipality: string | null;
  /** Per resource, the verbs the caller may use at all (`/me`'s `may`). */
  may: Record<string, string[]>;
}

export const ANONYMOUS: Principal = { role: "anonymous", actorId: null, municipality: null, may: {} };

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

/** What a read says the caller may do with that record: the API's `allowed`, decided by its
 * permission table. The UI shows exactly this and copies no rule. */
export interface Allowed {
  update: boolean;
  delete: boolean;
  fields: string[];
}
type WithAllowed = { allowed?: Allowed | null } | null | undefined;

/** What the caller may do with a resource in general (`/me`'s `may`): create lives here. */
export function mayDo(p: Principal, resource: string, verb: "read" | "create" | "update" | "delete"): boolean {
  return (p.may[resource] ?? []).includes(verb);
}

/** null: may not edit; "all": every field of the form; otherwise the fields that may change. */
export function editScope(record: WithAllowed, formFields?: readonly string[]): "all" | readonly string[] | null {
  const allowed = record?.allowed;
  if (!allowed?.update) return null;
  if (!formFields || formFields.every((f) => allowed.fields.includes(f))) return "all";
  return allowed.fields;
}

export const mayUpdate = (record: WithAllowed): boolean => !!record?.allowed?.update;
export const mayDelete = (record: WithAllowed): boolean => !!record?.allowed?.delete;

export function mayCreateAction(p: Principal): boolean {
  return mayDo(p, "actions", "create");
}

/** Measurements of an action's indicators: the table grants them on the same records as the
 * action's own updates (W13 all, a ROSE member the actions its actor leads or is a partner
 * in), so the action's `allowed` decides, given the role may create measurements at all. */
export function mayMeasure(p: Principal, action: WithAllowed, indicator?: WithAllowed): boolean {
  if (!mayDo(p, "measurements", "create")) return false;
  // An indicator without an action (a context indicator) belongs to no one's own records: only
  // a grant on every record adds to it, the grant that may also edit the indicator itself.
  return action ? mayUpdate(action) : mayUpdate(indicator);
}

export function mayRaiseDossier(p: Principal): boolean {
  return mayDo(p, "dossiers", "create");
}

/** Meetings: a record's `allowed` when there is one, the role's right to create otherwise. */
export function mayEditMeeting(p: Principal, meeting?: WithAllowed): boolean {
  return meeting ? mayUpdate(meeting) : mayDo(p, "meetings", "create");
}

/** Agreements (create, edit, end, delete): whom the table lets create them; a record's own
 * `allowed` says the rest. */
export function mayManageAgreements(p: Principal): boolean {
  return mayDo(p, "agreements", "create");
}

/** The plan's pillars and objectives. */
export function mayManagePlan(p: Principal): boolean {
  return mayDo(p, "pillars", "create") && mayDo(p, "objectives", "create");
}

/** Documents of a meeting or an action: the table grants adding them on the same records as
 * the parent's own updates (W13 all; a ROSE member the actions its actor leads or is a partner
 * in, no meetings), so the parent's `allowed` decides, given the role may add such documents
 * at all. */
export function mayAddDocuments(p: Principal, resource: "meeting-documents" | "action-documents", parent: WithAllowed): boolean {
  return mayDo(p, resource, "create") && mayUpdate(parent);
}
