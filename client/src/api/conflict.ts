/**
 * What a 412 means for the person editing: which fields someone else changed between the
 * version they opened and the version the server holds now, and how that meets their edit.
 */

export const META_FIELDS = new Set(["id", "created_at", "updated_at", "version", "progress_rollup"]);

export interface FieldConflict {
  field: string;
  /** The value when the person opened the form. */
  base: unknown;
  /** The value the server holds now. */
  theirs: unknown;
  /** The value in the person's form. */
  mine: unknown;
  /** Both sides changed this field (and not to the same value). */
  clash: boolean;
}

/** Deep equality for JSON values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    // Decimals may come back as "12.50" where the form holds 12.5.
    if ((typeof a === "number" || typeof a === "string") && (typeof b === "number" || typeof b === "string")) {
      const na = Number(a), nb = Number(b);
      return a !== "" && b !== "" && Number.isFinite(na) && Number.isFinite(nb) && na === nb
        && typeof a !== typeof b;
    }
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  }
  const ra = a as Record<string, unknown>, rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameJson(ra[k] ?? null, rb[k] ?? null)) return false;
  return true;
}

/** Fields changed on the server since `base`, with what the person has in `mine`. */
export function conflicts(
  base: Record<string, unknown>,
  theirs: Record<string, unknown>,
  mine: Record<string, unknown>,
): FieldConflict[] {
  const fields = new Set([...Object.keys(base), ...Object.keys(theirs)]);
  const out: FieldConflict[] = [];
  for (const field of fields) {
    if (META_FIELDS.has(field)) continue;
    const b = base[field] ?? null, t = theirs[field] ?? null;
    if (sameJson(b, t)) continue;
    const m = field in mine ? mine[field] ?? null : b;
    const mineChanged = !sameJson(m, b);
    out.push({ field, base: b, theirs: t, mine: m, clash: mineChanged && !sameJson(m, t) });
  }
  return out.sort((x, y) => x.field.localeCompare(y.field));
}

/** The merge-patch body: only the fields the person changed relative to what they opened. */
export function changedFields(base: Record<string, unknown>, mine: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(mine)) {
    if (META_FIELDS.has(k)) continue;
    if (!sameJson(base[k] ?? null, v ?? null)) out[k] = v;
  }
  return out;
}

/**
 * The form after a 412 when the person keeps their edit: the server's new version, with the
 * fields they changed (`changed`, the keys of their patch) taken from their draft.
 */
export function keepMine<D extends object>(theirs: D, draft: D, changed: string[]): D {
  const out = { ...theirs };
  for (const k of changed) if (k in draft) (out as Record<string, unknown>)[k] = (draft as Record<string, unknown>)[k];
  return out;
}

/**
 * A three-way merge after a 412, from `conflicts(base, theirs, mine)`: when no field was
 * changed on both sides (to different values), the person's edit applies cleanly on top of
 * the server's version, and the page re-submits it with the new ETag without asking. Only
 * the clashing fields are worth a dialog.
 */
export function mergeable(list: FieldConflict[]): boolean {
  return list.every((c) => !c.clash);
}

/** The fields a conflict dialog shows: those changed on both sides, else (nothing clashes,
 *  but the page asks anyway) every field that changed meanwhile. */
export function shownConflicts(list: FieldConflict[]): FieldConflict[] {
  const clashes = list.filter((c) => c.clash);
  return clashes.length > 0 ? clashes : list;
}

/**
 * The person's edit re-based on the server's version: `theirs` with the fields the person
 * changed relative to `base` (what the form started from). Sent as a patch against `theirs`,
 * it carries exactly the person's changes, never an old value over someone else's.
 */
export function rebase<T extends object>(base: T, theirs: T, mine: T): T {
  return { ...theirs, ...changedFields(base as Record<string, unknown>, mine as Record<string, unknown>) };
}
