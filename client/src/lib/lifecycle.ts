/** The life-cycles of the data model, so the UI offers only the moves the API accepts. */

import type { ActionStatus, DossierStatus } from "../api/types";
import { DOSSIER_STATUSES } from "./enums";

export const ACTION_TRANSITIONS: Record<ActionStatus, ActionStatus[]> = {
  planned: ["in_progress", "on_hold", "cancelled"],
  in_progress: ["on_hold", "done", "cancelled"],
  on_hold: ["in_progress", "cancelled"],
  done: ["in_progress"],
  cancelled: ["planned"],
};

/** The statuses a person may pick: the current one and its allowed next ones. */
export function actionStatusChoices(current: ActionStatus): ActionStatus[] {
  return [current, ...ACTION_TRANSITIONS[current]];
}

export const DOSSIER_TRANSITIONS: Record<DossierStatus, DossierStatus[]> = {
  open: ["on_agenda", "closed"],
  on_agenda: ["signalled", "open", "closed"],
  signalled: ["answered", "on_agenda", "closed"],
  answered: ["closed", "signalled"],
  closed: ["open"],
};

/** Forward moves first (the usual next step), then the moves back. */
export function dossierMoves(current: DossierStatus): { to: DossierStatus; forward: boolean }[] {
  const idx = DOSSIER_STATUSES.indexOf(current);
  return DOSSIER_TRANSITIONS[current]
    .map((to) => ({ to, forward: to === "closed" ? current !== "closed" : DOSSIER_STATUSES.indexOf(to) > idx }))
    .sort((a, b) => Number(b.forward) - Number(a.forward));
}

/** A milestone is late when it is not reached and its due date has passed. */
export function milestoneLate(m: { due_date: string; done_on?: string | null }, today: string): boolean {
  return !m.done_on && m.due_date < today;
}

/** An action is late when it is still running past its end date or past an open milestone. */
export function actionLate(
  a: { status: ActionStatus; end_date: string; milestones: { due_date: string; done_on?: string | null }[] },
  today: string,
): boolean {
  if (a.status === "done" || a.status === "cancelled") return false;
  return a.end_date < today || a.milestones.some((m) => milestoneLate(m, today));
}
