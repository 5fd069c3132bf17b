import { describe, expect, it } from "vitest";
import { addItem, moveItem, normaliseAgenda, removeItem, updateItem, type AgendaNode } from "./agenda";

const tree: AgendaNode[] = [
  { title: "Verwelkoming" },
  { title: "Dossiers", items: [{ title: "Contingentering" }, { title: "Mobiliteit" }] },
  { title: "Varia" },
];

describe("agenda editing", () => {
  it("moves items among their siblings, not past the ends", () => {
    expect(moveItem(tree, [2], -1).map((n) => n.title)).toEqual(["Verwelkoming", "Varia", "Dossiers"]);
    expect(moveItem(tree, [0], -1)).toEqual(tree);
    expect(moveItem(tree, [1, 0], 1)[1]!.items!.map((n) => n.title)).toEqual(["Mobiliteit", "Contingentering"]);
    expect(moveItem(tree, [1, 1], 1)[1]!.items!.map((n) => n.title)).toEqual(["Contingentering", "Mobiliteit"]);
  });

  it("adds at the top level or as a sub-item, and removes at any depth", () => {
    expect(addItem(tree, [])).toHaveLength(4);
    expect(addItem(tree, [0])[0]!.items).toEqual([{ title: "", description: "", items: [] }]);
    expect(removeItem(tree, [1, 0])[1]!.items!.map((n) => n.title)).toEqual(["Mobiliteit"]);
    expect(removeItem(tree, [0]).map((n) => n.title)).toEqual(["Dossiers", "Varia"]);
  });

  it("changes one item and leaves the original untouched", () => {
    const out = updateItem(tree, [1, 1], { title: "Doorstroom" });
    expect(out[1]!.items![1]!.title).toBe("Doorstroom");
    expect(tree[1]!.items![1]!.title).toBe("Mobiliteit");
  });

  it("spells out descriptions and sub-items for the API", () => {
    expect(normaliseAgenda([{ title: "A", items: [{ title: "B" }] }])).toEqual([
      { title: "A", description: "", items: [{ title: "B", description: "", items: [] }] },
    ]);
  });
});
