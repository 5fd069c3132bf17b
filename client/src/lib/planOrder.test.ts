import { describe, expect, it } from "vitest";
import { byPlanOrder, moveWrites, nextOrder } from "./planOrder";

const p = (id: string, code: string, sort_order: number) => ({ id, code, sort_order });

describe("the plan's order", () => {
  it("orders by sort_order, then by code as people count", () => {
    expect(byPlanOrder([p("a", "3.10", 0), p("b", "3.2", 0), p("c", "1", 5)]).map((x) => x.id)).toEqual(["b", "a", "c"]);
  });

  it("moves an item up by renumbering only what changes", () => {
    const list = [p("a", "1", 10), p("b", "2", 20), p("c", "3", 30)];
    expect(moveWrites(list, "c", -1).map((w) => [w.item.id, w.sort_order])).toEqual([["c", 20], ["b", 30]]);
    expect(moveWrites(list, "a", 1).map((w) => [w.item.id, w.sort_order])).toEqual([["b", 10], ["a", 20]]);
  });

  it("gives equal orders (the seed's zeros) distinct numbers on the first move", () => {
    const list = [p("a", "1", 0), p("b", "2", 0), p("c", "3", 0)];
    expect(moveWrites(list, "b", -1).map((w) => [w.item.id, w.sort_order])).toEqual([["b", 10], ["a", 20], ["c", 30]]);
  });

  it("does nothing past either end, or for an unknown item", () => {
    const list = [p("a", "1", 10), p("b", "2", 20)];
    expect(moveWrites(list, "a", -1)).toEqual([]);
    expect(moveWrites(list, "b", 1)).toEqual([]);
    expect(moveWrites(list, "x", 1)).toEqual([]);
  });

  it("places a new item after the last", () => {
    expect(nextOrder([p("a", "1", 10), p("b", "2", 40)])).toBe(50);
    expect(nextOrder([])).toBe(10);
  });
});
