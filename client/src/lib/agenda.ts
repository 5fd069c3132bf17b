/**
 * Editing a nested agenda (a meeting's agenda, a body's template) as plain data: every change
 * returns a new tree, so the editor stays a controlled input and the logic is tested without React.
 * An item is addressed by its path: indexes from the top level down (`[1, 0]` is the first
 * sub-item of the second item).
 */

export interface AgendaNode {
  title: string;
  description?: string;
  items?: AgendaNode[];
}

/** The server nests at most four levels (api/meetings/service.py AGENDA_MAX_DEPTH). */
export const AGENDA_MAX_DEPTH = 4;

/** Applies `change` to the list that holds the item at `path` (the item's siblings). */
function atParent(tree: AgendaNode[], path: number[], change: (siblings: AgendaNode[], index: number) => AgendaNode[]): AgendaNode[] {
  const [head, ...rest] = path;
  if (head === undefined) return tree;
  if (rest.length === 0) return change(tree, head);
  return tree.map((node, i) => (i === head ? { ...node, items: atParent(node.items ?? [], rest, change) } : node));
}

export function updateItem(tree: AgendaNode[], path: number[], patch: Partial<Pick<AgendaNode, "title" | "description">>): AgendaNode[] {
  return atParent(tree, path, (list, i) => list.map((n, j) => (j === i ? { ...n, ...patch } : n)));
}

export function removeItem(tree: AgendaNode[], path: number[]): AgendaNode[] {
  return atParent(tree, path, (list, i) => list.filter((_, j) => j !== i));
}

/** Moves the item one place up (-1) or down (+1) among its siblings; at an end nothing changes. */
export function moveItem(tree: AgendaNode[], path: number[], by: -1 | 1): AgendaNode[] {
  return atParent(tree, path, (list, i) => {
    const to = i + by;
    if (to < 0 || to >= list.length) return list;
    const out = [...list];
    [out[i], out[to]] = [out[to]!, out[i]!];
    return out;
  });
}

/** Appends an empty item to the top level (path `[]`) or as the last sub-item of the item at `path`. */
export function addItem(tree: AgendaNode[], path: number[]): AgendaNode[] {
  const fresh: AgendaNode = { title: "", description: "", items: [] };
  if (path.length === 0) return [...tree, fresh];
  return atParent(tree, path, (list, i) => list.map((n, j) => (j === i ? { ...n, items: [...(n.items ?? []), fresh] } : n)));
}

/** The agenda as the API takes it: every item with its description and sub-items spelled out. */
export function normaliseAgenda(tree: AgendaNode[]): { title: string; description: string; items: ReturnType<typeof normaliseAgenda> }[] {
  return tree.map((n) => ({ title: n.title, description: n.description ?? "", items: normaliseAgenda(n.items ?? []) }));
}
