import { describe, expect, it } from "vitest";
import type { Agreement } from "../api/types";
import { changedFields } from "../api/conflict";
import { errorUnder } from "../api/problem";
import { agreementBody, agreementDraft, agreementPick, createBody, emptyAgreement, parseDecimal } from "./agreementForm";

const stored: Agreement = {
  id: "a1", created_at: "2024-01-01T00:00:00Z", updated_at: "2024-01-01T00:00:00Z", version: 3,
  title: "Buurtwerk Kortrijk", municipalities: ["34022"], provider_id: "p1", provider_kbo: null, provider_name: null,
  service: "Buurtgerichte zorg", description: "", target_group: "", territory: "", start_date: "2024-01-01",
  end_date: "2026-12-31", compensation_amount: 125000.5, compensation_parameters: "", review_dates: ["2025-06-30"],
  council_decision_date: null, council_decision_uri: null, volume: null, volume_unit: null, regime: "individueel_maatwerk",
};

describe("the agreement form", () => {
  it("reads amounts the Belgian and the English way, and sends the rest as typed for the server to refuse", () => {
    expect(parseDecimal("125.000,50")).toBe(125000.5);
    expect(parseDecimal("1250,5")).toBe(1250.5);
    expect(parseDecimal("1250.50")).toBe(1250.5);
    expect(parseDecimal("€ 300")).toBe(300);
    expect(parseDecimal("130.000")).toBe(130000);
    expect(parseDecimal("0.500")).toBe(0.5);
    expect(parseDecimal("")).toBeNull();
    expect(parseDecimal("veel")).toBe("veel");
  });

  it("round-trips a stored agreement without inventing changes", () => {
    expect(changedFields(agreementPick(stored), agreementBody(agreementDraft(stored)))).toEqual({});
  });

  it("patches only what the person changed, and leaves out empty review rows", () => {
    const d = { ...agreementDraft(stored), end_date: "2025-12-31", review_dates: ["2025-06-30", ""], compensation_amount: "130.000" };
    expect(changedFields(agreementPick(stored), agreementBody(d))).toEqual({ end_date: "2025-12-31", compensation_amount: 130000 });
  });

  it("creates without the empty optional fields, so the server's own required checks speak", () => {
    const body = createBody(agreementBody({ ...emptyAgreement(), title: "X", regime: "lde" }));
    expect(body).not.toHaveProperty("provider_id");
    expect(body).not.toHaveProperty("start_date");
    expect(body).toMatchObject({ title: "X", regime: "lde", municipalities: [], review_dates: [] });
  });

  it("places a list item's error at its list", () => {
    expect(errorUnder({ "review_dates.1": "buiten venster" }, "review_dates")).toBe("buiten venster");
    expect(errorUnder({ municipalities: "minstens één" }, "municipalities")).toBe("minstens één");
    expect(errorUnder({ "review_dates_x": "nee" }, "review_dates")).toBeUndefined();
  });
});
