import { describe, expect, it } from "vitest";
import { auditDiff, listChange, plainItem } from "./Audit";

describe("an audit entry in words", () => {
  const before = { attendance: [{ actor_id: "a", status: "present" }, { actor_id: "b", status: "present" }], version: 1, title: "AV" };
  const after = { attendance: [{ actor_id: "a", status: "present" }, { actor_id: "b", status: "excused" }, { actor_id: "c", status: "present" }], version: 2, title: "AV" };

  it("lists the fields that changed, not the version", () => {
    expect(auditDiff({ before, after }).map((d) => d.field)).toEqual(["attendance"]);
  });

  it("shows of a list only the items each side holds alone", () => {
    expect(listChange(before.attendance, after.attendance)).toEqual([{ actor_id: "b", status: "present" }]);
    expect(listChange(after.attendance, before.attendance)).toEqual([
      { actor_id: "b", status: "excused" }, { actor_id: "c", status: "present" },
    ]);
    // Only added: nothing on the before side; a mere reorder keeps the whole list.
    expect(listChange(["x"], ["x", "y"])).toEqual([]);
    expect(listChange(["y", "x"], ["x", "y"])).toEqual(["y", "x"]);
    expect(listChange("AV", "AV 2")).toBe("AV");
  });

  it("shows a stored list's items by their values, dates the Belgian way, never as JSON", () => {
    expect(plainItem({ title: "Haalbaarheidsnota", due_date: "2025-12-31", done_on: null })).toBe("Haalbaarheidsnota · 31/12/2025");
    expect(plainItem([{ title: "Opening", minutes: 10 }, { title: "Varia", minutes: null }])).toBe("Opening · 10, Varia");
    expect(plainItem("2024-02-29T10:00:00Z")).toBe("2024-02-29T10:00:00Z");
  });
});
