/** Between <input type="datetime-local"> (Belgian wall-clock time) and UTC instants. */

/** The UTC offset of Europe/Brussels at a given instant, in minutes (60 or 120). */
export function brusselsOffset(at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "Europe/Brussels", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
  }).formatToParts(at);
  const get = (k: string) => Number(parts.find((p) => p.type === k)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((asUtc - at.getTime()) / 60000);
}

/** "2024-06-11T14:00" in Brussels → "2024-06-11T12:00:00.000Z". Null for an empty or bad value. */
export function localToUtc(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const naive = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  // Two passes: the offset depends on the instant, which depends on the offset (DST edges).
  let t = naive - brusselsOffset(new Date(naive)) * 60000;
  t = naive - brusselsOffset(new Date(t)) * 60000;
  return new Date(t).toISOString();
}
