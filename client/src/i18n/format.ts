/** Dates, numbers and money the Belgian way, in the chosen language. */

import { LOCALES, type Lang } from "./state";

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFmt(lang: Lang, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = "d" + lang + JSON.stringify(opts);
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], opts);
    cache.set(key, f);
  }
  return f;
}

function numFmt(lang: Lang, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = "n" + lang + JSON.stringify(opts);
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], opts);
    cache.set(key, f);
  }
  return f;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date (`2024-06-30`) is a day, not an instant: it is formatted in UTC so it never
 * shifts a day by the browser's time zone.
 */
export function parseDay(value: string): Date | null {
  const m = DATE_ONLY.exec(value);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function formatDate(value: string | null | undefined, lang: Lang, style: "short" | "long" = "short"): string {
  if (!value) return "";
  const day = parseDay(value);
  const opts: Intl.DateTimeFormatOptions =
    style === "long" ? { day: "numeric", month: "long", year: "numeric" } : { day: "2-digit", month: "2-digit", year: "numeric" };
  if (day) return dateFmt(lang, { ...opts, timeZone: "UTC" }).format(day);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return dateFmt(lang, { ...opts, timeZone: "Europe/Brussels" }).format(d);
}

/** An instant (UTC from the API) shown in Belgian local time. */
export function formatDateTime(value: string | null | undefined, lang: Lang): string {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return dateFmt(lang, {
    day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
    timeZone: "Europe/Brussels",
  }).format(d);
}

/** An instant as a log shows it, the same in every language: `dd/mm/jjjj HH:MM`, Brussels time. */
export function formatStamp(value: string | null | undefined): string {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Brussels", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} ${get("hour")}:${get("minute")}`;
}

export function formatTime(value: string | null | undefined, lang: Lang): string {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return dateFmt(lang, { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Brussels" }).format(d);
}

/** Decimals arrive as JSON strings ("71.7") to keep their precision; numbers are accepted too. */
export function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function formatNumber(value: string | number | null | undefined, lang: Lang, maxDigits = 2): string {
  const n = toNumber(value);
  if (n === null) return "";
  return numFmt(lang, { maximumFractionDigits: maxDigits }).format(n);
}

export function formatMoney(value: string | number | null | undefined, lang: Lang): string {
  const n = toNumber(value);
  if (n === null) return "";
  return numFmt(lang, { style: "currency", currency: "EUR" }).format(n);
}

/** A number with its unit; a `%` unit is glued the Belgian way (`28,8 %`). */
export function formatQuantity(value: string | number | null | undefined, unit: string | null | undefined, lang: Lang): string {
  const n = formatNumber(value, lang);
  if (!n) return "";
  return unit ? `${n}\u00a0${unit}` : n;
}

/** Today as YYYY-MM-DD in Belgium, the default for "active on" and measurement dates. */
export function todayIso(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
