/** The dashboard's figures, computed from plain lists so they can be tested. */

import type { ActionStatus, Geography, MvoTheme } from "../api/types";
import { ACTION_STATUSES, MVO_THEMES } from "./enums";

interface A {
  id: string;
  pillar_id: string;
  status: ActionStatus;
  progress: number;
  start_date: string;
  end_date: string;
  mvo_themes: MvoTheme[];
  accent_years: number[];
  wse_lr_code?: string | null;
}

export function runsIn(a: { start_date: string; end_date: string }, year: number): boolean {
  return a.start_date <= `${year}-12-31` && a.end_date >= `${year}-01-01`;
}

export interface PillarStats {
  total: number;
  byStatus: Record<ActionStatus, number>;
  /** Mean progress of the actions that are not cancelled; null without any. */
  meanProgress: number | null;
}

export function pillarStats(actions: A[], pillarId: string): PillarStats {
  const mine = actions.filter((a) => a.pillar_id === pillarId);
  const byStatus = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
  for (const a of mine) byStatus[a.status] += 1;
  const counted = mine.filter((a) => a.status !== "cancelled");
  const meanProgress = counted.length ? Math.round(counted.reduce((s, a) => s + a.progress, 0) / counted.length) : null;
  return { total: mine.length, byStatus, meanProgress };
}

/** Per MVO theme, the actions running in the year; those with the year as accent first. */
export function mvoImpulses<T extends A>(actions: T[], year: number): { theme: MvoTheme; actions: T[] }[] {
  return MVO_THEMES.map((theme) => ({
    theme,
    actions: actions
      .filter((a) => a.mvo_themes.includes(theme) && a.status !== "cancelled" && runsIn(a, year))
      .sort((x, y) => Number(y.accent_years.includes(year)) - Number(x.accent_years.includes(year))),
  }));
}

/** The Flemish framework asks at least one action per WSE-LR priority per year. */
export function wseCoverage(actions: A[], codes: string[], year: number): { code: string; count: number }[] {
  return codes.map((code) => ({
    code,
    count: actions.filter((a) => a.wse_lr_code === code && a.status !== "cancelled" && runsIn(a, year)).length,
  }));
}

/** The plan's years, and the current one when the plan has been extended past 2025. */
export function dashboardYears(now: Date = new Date()): number[] {
  const last = Math.max(2025, Math.min(now.getFullYear(), 2030));
  const out: number[] = [];
  for (let y = 2020; y <= last; y++) out.push(y);
  return out;
}


/**
 * The year the dashboard opens on: this year, unless the plan's actions all ended earlier
 * (the plan ran 2020–2025), then the last year they ran.
 */
export function suggestedYear(actions: { end_date: string }[], now: Date = new Date()): number {
  const thisYear = now.getFullYear();
  const last = actions.reduce((m, a) => Math.max(m, Number(a.end_date.slice(0, 4)) || 0), 0);
  return last >= 2020 ? Math.min(thisYear, last) : thisYear;
}

// Nearest first: a sort order of the UI (the values are checked against the contract's Geography).
const GEO_ORDER: readonly string[] = ["zuid_west_vlaanderen", "west_vlaanderen", "vlaanderen", "municipality"] satisfies Geography[];

/** Context indicators with the region's own first (Zuid-West-Vlaanderen, then wider). */
export function indicatorOrder<T extends { geography?: string | null; code: string }>(xs: T[]): T[] {
  const rank = (g: string | null | undefined) => {
    const i = GEO_ORDER.indexOf(g ?? "");
    return i < 0 ? GEO_ORDER.length : i;
  };
  return [...xs].sort((a, b) => rank(a.geography) - rank(b.geography) || a.code.localeCompare(b.code));
}
