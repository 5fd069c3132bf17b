/** Geometry of an indicator chart, kept pure so it can be tested without a browser. */

export interface Pt {
  date: string;
  value: number;
}

export interface ChartInput {
  points: Pt[];
  baseline?: { date: string | null; value: number | null } | null;
  target?: { date: string | null; value: number | null } | null;
}

export interface ChartGeometry {
  width: number;
  height: number;
  pad: { top: number; right: number; bottom: number; left: number };
  x: (date: string) => number;
  y: (value: number) => number;
  yTicks: number[];
  xTicks: string[];
  path: string;
  domain: { min: number; max: number };
}

const day = (d: string) => Date.parse(d.length === 10 ? d + "T00:00:00Z" : d);

/** Round tick steps (1, 2, 2.5, 5 × 10ⁿ) covering [min, max] with about `count` ticks. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const start = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks[ticks.length - 1]! + step).toFixed(10)));
  return ticks;
}

/**
 * Width of a y-axis label in the chart's units, on the safe side: 13px text, where digits are
 * up to 0.65 em wide (DejaVu Sans, Debian's default), separators about a third of that.
 */
export function labelWidth(label: string): number {
  return [...label].reduce((w, ch) => w + (/[0-9]/.test(ch) ? 8.5 : /[.,\s]/.test(ch) ? 4.5 : 9), 0);
}

/**
 * `yLabel` formats a tick as the chart shows it: the left margin grows to the longest label,
 * so large values ("Inwoners": 310.000) are never cut off at the chart's edge.
 */
export function chartGeometry(input: ChartInput, width = 600, height = 240, yLabel: (v: number) => string = String): ChartGeometry {
  const pad = { top: 12, right: 16, bottom: 28, left: 56 };
  const pts = [...input.points].sort((a, b) => day(a.date) - day(b.date));
  const dates = pts.map((p) => p.date);
  const values = pts.map((p) => p.value);
  for (const mark of [input.baseline, input.target]) {
    if (mark?.date) dates.push(mark.date);
    if (mark?.value !== null && mark?.value !== undefined) values.push(mark.value);
  }
  const times = dates.map(day).filter(Number.isFinite);
  let t0 = times.length ? Math.min(...times) : 0;
  let t1 = times.length ? Math.max(...times) : 1;
  if (t0 === t1) {
    t0 -= 180 * 86400e3;
    t1 += 180 * 86400e3;
  }
  const lo = values.length ? Math.min(0, ...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  const yTicks = niceTicks(lo, hi === lo ? lo + 1 : hi);
  const min = yTicks[0] ?? lo, max = yTicks[yTicks.length - 1] ?? hi;
  // 6 between label and axis, 6 spare at the edge.
  pad.left = Math.max(pad.left, Math.ceil(Math.max(0, ...yTicks.map((v) => labelWidth(yLabel(v)))) + 12));
  const iw = width - pad.left - pad.right, ih = height - pad.top - pad.bottom;
  const x = (d: string) => pad.left + ((day(d) - t0) / (t1 - t0)) * iw;
  const y = (v: number) => pad.top + ih - ((v - min) / (max - min || 1)) * ih;
  const path = pts.map((p, i) => `${i ? "L" : "M"}${x(p.date).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const y0 = new Date(t0).getUTCFullYear(), y1 = new Date(t1).getUTCFullYear();
  const every = Math.max(1, Math.ceil((y1 - y0 + 1) / 6));
  const xTicks: string[] = [];
  for (let yr = y0; yr <= y1 + 1; yr += every) {
    const d = `${yr}-01-01`;
    if (day(d) >= t0 && day(d) <= t1) xTicks.push(d);
  }
  return { width, height, pad, x, y, yTicks, xTicks, path, domain: { min, max } };
}
