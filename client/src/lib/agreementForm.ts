/** The agreement form's draft (what the inputs hold) and the way between it and the API's shape. */

import type { Agreement } from "../api/types";
import type { components } from "../api/schema";

type Regime = components["schemas"]["Regime"];
type VolumeUnit = components["schemas"]["VolumeUnit"];

export const AGREEMENT_FIELDS = [
  "title", "municipalities", "provider_id", "regime", "service", "description", "target_group", "territory",
  "start_date", "end_date", "compensation_amount", "compensation_parameters", "review_dates",
  "council_decision_date", "council_decision_uri", "volume", "volume_unit",
] as const;
export type AgreementField = (typeof AGREEMENT_FIELDS)[number];
export type AgreementBody = Record<AgreementField, unknown>;

export interface AgreementDraft {
  title: string;
  municipalities: string[];
  provider_id: string;
  regime: Regime | "";
  service: string;
  description: string;
  target_group: string;
  territory: string;
  start_date: string;
  end_date: string;
  compensation_amount: string;
  compensation_parameters: string;
  review_dates: string[];
  council_decision_date: string;
  council_decision_uri: string;
  volume: string;
  volume_unit: VolumeUnit | "";
}

export function emptyAgreement(): AgreementDraft {
  return {
    title: "", municipalities: [], provider_id: "", regime: "", service: "", description: "", target_group: "",
    territory: "", start_date: "", end_date: "", compensation_amount: "", compensation_parameters: "", review_dates: [],
    council_decision_date: "", council_decision_uri: "", volume: "", volume_unit: "",
  };
}

const text = (v: number | string | null | undefined) => (v === null || v === undefined ? "" : String(v));

export function agreementDraft(a: Agreement): AgreementDraft {
  return {
    title: a.title,
    municipalities: [...a.municipalities],
    provider_id: a.provider_id,
    regime: a.regime,
    service: a.service,
    description: a.description,
    target_group: a.target_group,
    territory: a.territory,
    start_date: a.start_date,
    end_date: a.end_date,
    compensation_amount: text(a.compensation_amount),
    compensation_parameters: a.compensation_parameters,
    review_dates: [...a.review_dates],
    council_decision_date: a.council_decision_date ?? "",
    council_decision_uri: a.council_decision_uri ?? "",
    volume: text(a.volume),
    volume_unit: a.volume_unit ?? "",
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

/**
 * A decimal as typed in Dutch or French ("1.250,50", "130.000", "1250,5") or English
 * ("1250.50") into a number: a comma is the decimal sign, and dots before groups of exactly
 * three digits are thousands separators. What is not a number is sent as typed, so the API's
 * 422 lands at the field.
 */
export function parseDecimal(s: string): number | string | null {
  const v = s.trim().replace(/\s|€/g, "");
  if (v === "") return null;
  const thousands = /^[1-9]\d{0,2}(\.\d{3})+$/.test(v);
  const normalised = v.includes(",") || thousands ? v.replace(/\./g, "").replace(",", ".") : v;
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : s.trim();
}

export function agreementBody(d: AgreementDraft): AgreementBody {
  return {
    title: d.title.trim(),
    municipalities: d.municipalities,
    provider_id: orNull(d.provider_id),
    regime: d.regime === "" ? null : d.regime,
    service: d.service.trim(),
    description: d.description,
    target_group: d.target_group.trim(),
    territory: d.territory.trim(),
    start_date: orNull(d.start_date),
    end_date: orNull(d.end_date),
    compensation_amount: parseDecimal(d.compensation_amount),
    compensation_parameters: d.compensation_parameters,
    // Empty rows are left out; the server refuses duplicates and dates outside the window.
    review_dates: d.review_dates.map((r) => r.trim()).filter(Boolean),
    council_decision_date: orNull(d.council_decision_date),
    council_decision_uri: orNull(d.council_decision_uri),
    volume: parseDecimal(d.volume),
    volume_unit: d.volume_unit === "" ? null : d.volume_unit,
  };
}

/** The stored record's editable fields in the API's shape (for diffs against the draft). */
export function agreementPick(a: Agreement): AgreementBody {
  return agreementBody(agreementDraft(a));
}

/** The body of a create: fields left empty are not sent, so the server's defaults and required checks apply. */
export function createBody(b: AgreementBody): Record<string, unknown> {
  return Object.fromEntries(Object.entries(b).filter(([, v]) => v !== null));
}
