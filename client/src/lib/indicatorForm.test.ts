import { describe, expect, it } from "vitest";
import { BLANK_INDICATOR, decimalIn, indicatorBody, measurementBody, measurementDraft } from "./indicatorForm";
import { changedFields, conflicts, mergeable, rebase } from "../api/conflict";

describe("indicator form", () => {
  it("reads decimals with a comma or a point, and leaves non-numbers for the server to name", () => {
    expect(decimalIn("12,5")).toBe(12.5);
    expect(decimalIn(" 7.25 ")).toBe(7.25);
    expect(decimalIn("")).toBeNull();
    expect(decimalIn("veel")).toBe("veel");
  });

  it("sends only the fields of the chosen kind", () => {
    const action = indicatorBody({ ...BLANK_INDICATOR, kind: "action", action_id: "a1", geography: "vlaanderen", municipality: "34022" });
    expect(action).toMatchObject({ action_id: "a1", geography: null, municipality: null });
    const context = indicatorBody({ ...BLANK_INDICATOR, kind: "context", action_id: "a1", geography: "municipality", municipality: "34022" });
    expect(context).toMatchObject({ action_id: null, geography: "municipality", municipality: "34022" });
    const region = indicatorBody({ ...BLANK_INDICATOR, kind: "context", geography: "vlaanderen", municipality: "34022", rung: "4" });
    expect(region).toMatchObject({ geography: "vlaanderen", municipality: null, rung: 4 });
  });
});

describe("a measurement's correction", () => {
  const read = { id: "m1", created_at: "", updated_at: "", version: 1, indicator_id: "i1", date: "2024-12-31", value: 12.5, data_source: "Statbel", note: null };

  it("sends only the fields the person changed, a Belgian decimal as a number", () => {
    const base = measurementBody(measurementDraft(read));
    expect(base).toEqual({ date: "2024-12-31", value: 12.5, data_source: "Statbel", note: null });
    expect(changedFields(base, measurementBody({ ...measurementDraft(read), value: "12,5" }))).toEqual({});
    expect(changedFields(base, measurementBody({ ...measurementDraft(read), value: "13,25", note: "" }))).toEqual({ value: 13.25 });
  });

  it("merges a correction of the value with someone else's new source, and asks when both changed the value", () => {
    const from = measurementDraft(read);
    const theirs = measurementDraft({ ...read, version: 2, data_source: "VDAB" });
    const mine = { ...from, value: "14" };
    const list = conflicts(measurementBody(from), measurementBody(theirs), measurementBody(mine));
    expect(mergeable(list)).toBe(true);
    const merged = rebase(from, theirs, mine);
    expect(changedFields(measurementBody(theirs), measurementBody(merged))).toEqual({ value: 14 });

    const clash = conflicts(measurementBody(from), measurementBody({ ...theirs, value: "15" }), measurementBody(mine));
    expect(mergeable(clash)).toBe(false);
    expect(clash.filter((c) => c.clash).map((c) => c.field)).toEqual(["value"]);
  });
});
