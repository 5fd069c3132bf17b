/** The indicator form's draft and the API body made from it (pure, so it is tested without React). */

import type { components } from "../api/schema";
import { toNumber } from "../i18n/format";

type S = components["schemas"];
type Indicator = S["IndicatorRead"];

export interface IndicatorDraft {
  code: string;
  name: string;
  description: string;
  unit: string;
  kind: S["IndicatorKind"];
  action_id: string;
  geography: string;
  municipality: string;
  rung: string;
  baseline_value: string;
  baseline_date: string;
  target_value: string;
  target_date: string;
  public: boolean;
}

export const BLANK_INDICATOR: IndicatorDraft = {
  code: "", name: "", description: "", unit: "", kind: "action", action_id: "", geography: "", municipality: "", rung: "",
  baseline_value: "", baseline_date: "", target_value: "", target_date: "", public: false,
};

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/**
 * A decimal as typed by a Belgian ("12,5" or "12.5"): a number, null when empty, or the text
 * itself when it is no number, so the server names the field that is wrong.
 */
export function decimalIn(v: string): number | string | null {
  const text = v.trim();
  if (text === "") return null;
  return toNumber(text.replace(",", ".")) ?? text;
}

export function indicatorDraft(i: Indicator): IndicatorDraft {
  return {
    code: i.code, name: i.name, description: i.description, unit: i.unit, kind: i.kind, action_id: str(i.action_id),
    geography: str(i.geography), municipality: str(i.municipality), rung: str(i.rung),
    baseline_value: str(i.baseline_value), baseline_date: str(i.baseline_date),
    target_value: str(i.target_value), target_date: str(i.target_date), public: i.public,
  };
}

/**
 * The body for create and update. An action indicator has an action and no geography, a
 * context indicator the reverse (the server's rule): the fields of the other kind are sent
 * as null, so switching kind in the form does not leave a value the server refuses.
 */
export function indicatorBody(d: IndicatorDraft) {
  const action = d.kind === "action";
  const geography = action ? null : (d.geography || null) as S["Geography"] | null;
  return {
    code: d.code.trim(), name: d.name.trim(), description: d.description, unit: d.unit.trim(), kind: d.kind,
    action_id: action ? d.action_id || null : null,
    geography,
    municipality: geography === "municipality" ? d.municipality || null : null,
    rung: d.rung ? Number(d.rung) : null,
    baseline_value: decimalIn(d.baseline_value), baseline_date: d.baseline_date || null,
    target_value: decimalIn(d.target_value), target_date: d.target_date || null,
    public: d.public,
  };
}

type Measurement = S["MeasurementRead"];

/** The correction form of one measurement, as typed. */
export interface MeasurementDraft {
  date: string;
  value: string;
  data_source: string;
  note: string;
}

export function measurementDraft(m: Measurement): MeasurementDraft {
  return { date: m.date, value: String(m.value), data_source: m.data_source, note: m.note ?? "" };
}

/**
 * A measurement's writable fields in the API's shape, from the form. A record as read goes
 * through `measurementDraft` first, so the version a correction starts from and the form
 * compare field by field: a patch carries only what the person changed, and a 412 merges
 * three ways.
 */
export function measurementBody(d: MeasurementDraft): Record<string, unknown> {
  return { date: d.date, value: decimalIn(d.value) ?? "", data_source: d.data_source, note: d.note || null };
}
