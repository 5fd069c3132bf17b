/** Ordering the plan's pillars and objectives by their `sort_order`, and moving one up or down. */

export interface Ordered {
  id: string;
  code: string;
  sort_order: number;
}

/** The order the plan shows: by sort_order, then by code the way people count (3.2 before 3.10). */
export function byPlanOrder<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code, "nl", { numeric: true }));
}

/** Steps between positions, so one item can later be put between two without renumbering all. */
export const ORDER_STEP = 10;

/**
 * The writes that move `id` one place up (-1) or down (+1) among its siblings: the siblings
 * are numbered 10, 20, 30… in their new order and only those whose number changes are sent.
 * Empty when the item is already first (up) or last (down).
 */
export function moveWrites<T extends Ordered>(siblings: readonly T[], id: string, direction: -1 | 1): { item: T; sort_order: number }[] {
  const list = byPlanOrder(siblings);
  const i = list.findIndex((x) => x.id === id);
  const j = i + direction;
  if (i < 0 || j < 0 || j >= list.length) return [];
  [list[i], list[j]] = [list[j]!, list[i]!];
  return list
    .map((item, k) => ({ item, sort_order: (k + 1) * ORDER_STEP }))
    .filter((w) => w.item.sort_order !== w.sort_order);
}

/** The sort_order for a new item: after the last sibling. */
export function nextOrder(siblings: readonly Ordered[]): number {
  return siblings.reduce((m, x) => Math.max(m, x.sort_order), 0) + ORDER_STEP;
}
