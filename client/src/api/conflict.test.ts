import { describe, expect, it } from "vitest";
import { changedFields, conflicts, keepMine, mergeable, rebase, sameJson, shownConflicts } from "./conflict";

const base = { id: "1", version: 3, status: "planned", progress: 10, title: "Mobiliteit", milestones: [{ title: "A", due_date: "2024-01-01", done_on: null }] };

describe("what changed meanwhile", () => {
  it("lists only the fields the other person changed, not metadata", () => {
    const theirs = { ...base, version: 4, updated_at: "now", status: "in_progress" };
    const mine = { ...base, progress: 50 };
    expect(conflicts(base, theirs, mine)).toEqual([
      { field: "status", base: "planned", theirs: "in_progress", mine: "planned", clash: false },
    ]);
  });

  it("flags a clash when both changed the same field to different values", () => {
    const theirs = { ...base, status: "on_hold" };
    const mine = { ...base, status: "in_progress" };
    expect(conflicts(base, theirs, mine)[0]).toMatchObject({ field: "status", clash: true });
  });

  it("is no clash when both made the same change", () => {
    const theirs = { ...base, status: "in_progress" };
    expect(conflicts(base, theirs, { status: "in_progress" })[0]).toMatchObject({ clash: false });
  });

  it("compares nested lists by value", () => {
    const theirs = { ...base, milestones: [{ title: "A", due_date: "2024-01-01", done_on: "2024-01-02" }] };
    expect(conflicts(base, theirs, base).map((c) => c.field)).toEqual(["milestones"]);
    expect(conflicts(base, { ...base, milestones: [{ done_on: null, due_date: "2024-01-01", title: "A" }] }, base)).toEqual([]);
  });
});

describe("the patch to send", () => {
  it("holds only the fields changed since opening", () => {
    expect(changedFields(base, { ...base, progress: 60, status: "planned" })).toEqual({ progress: 60 });
  });

  it("treats a decimal string and the same number as equal", () => {
    expect(sameJson("12.50", 12.5)).toBe(true);
    expect(sameJson("12.5", "12.50")).toBe(false);
    expect(sameJson(null, undefined as unknown)).toBe(false);
  });
});

describe("keepMine", () => {
  it("takes the server's version and puts back only the fields the person changed", () => {
    const theirs = { title: "Nieuw", unit: "elders", rung: "" };
    const draft = { title: "Mijn titel", unit: "oud", rung: "4" };
    expect(keepMine(theirs, draft, ["title", "rung"])).toEqual({ title: "Mijn titel", unit: "elders", rung: "4" });
    expect(keepMine(theirs, draft, [])).toEqual(theirs);
  });
});

describe("the three-way merge after a 412", () => {
  it("merges when the two edits touch different fields, and the re-based edit carries only mine", () => {
    const theirs = { ...base, version: 4, title: "Mobiliteit en vervoer" };
    const mine = { ...base, progress: 50 };
    const list = conflicts(base, theirs, mine);
    expect(mergeable(list)).toBe(true);
    const again = rebase(base, theirs, mine);
    expect(again).toMatchObject({ title: "Mobiliteit en vervoer", progress: 50 });
    // Sent as a patch against their version: my field only, never my stale title over theirs.
    expect(changedFields(theirs, again)).toEqual({ progress: 50 });
  });

  it("does not merge a field changed on both sides, and the dialog shows only that one", () => {
    const theirs = { ...base, version: 4, title: "Mobiliteit en vervoer", progress: 30 };
    const mine = { ...base, progress: 50 };
    const list = conflicts(base, theirs, mine);
    expect(mergeable(list)).toBe(false);
    expect(shownConflicts(list).map((c) => c.field)).toEqual(["progress"]);
  });

  it("takes the same value on both sides as no clash", () => {
    const theirs = { ...base, version: 4, progress: 50 };
    expect(mergeable(conflicts(base, theirs, { ...base, progress: 50 }))).toBe(true);
    // Nothing clashes: a dialog (where a page asks anyway) lists what changed meanwhile.
    expect(shownConflicts(conflicts(base, theirs, base)).map((c) => c.field)).toEqual(["progress"]);
  });
});
