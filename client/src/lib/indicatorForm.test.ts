import { describe, expect, it } from "vitest";
import { BLANK_INDICATOR, decimalIn, indicatorBody } from "./indicatorForm";

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
