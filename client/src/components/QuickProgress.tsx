import { useEffect, useId, useState } from "react";
import { api, unwrapWithEtag } from "../api/client";
import type { Action, ActionStatus } from "../api/types";
import { conflicts, mergeable, type FieldConflict } from "../api/conflict";
import { useI18n } from "../i18n/I18n";
import { fieldLabel } from "../i18n/translate";
import { actionStatusChoices } from "../lib/lifecycle";
import { useSubmit } from "../lib/useSubmit";
import { todayIso } from "../i18n/format";
import { ConflictDialog } from "./ConflictDialog";
import { ProblemAlert } from "./ProblemAlert";

interface Base { action: Action; etag: string | null }

/**
 * The common task in place: progress, status and "next milestone reached", saved with
 * If-Match; a 412 opens the conflict dialog. Shown only when the record's `allowed` lists the
 * fields (the caller decides with editScope).
 */
export function QuickProgress({ action, fields, onSaved, compact = false }: {
  action: Action; fields: "all" | readonly string[]; onSaved: (a: Action) => void;
  /** In a list row: no heading of its own (the row names the action). */
  compact?: boolean;
}) {
  const { t, te, lang } = useI18n();
  const uid = useId();
  // What the last save changed, as it was before: "undo" writes it back (with If-Match).
  const [undo, setUndo] = useState<Record<string, unknown> | null>(null);
  const [base, setBase] = useState<Base | null>(null);
  const [progress, setProgress] = useState(String(action.progress));
  const [status, setStatus] = useState<ActionStatus>(action.status);
  const [reached, setReached] = useState(false);
  const [saved, setSaved] = useState<"saved" | "undone" | null>(null);
  const may = (f: string) => fields === "all" || fields.includes(f);
  // The version to write against, with its ETag (the page's read carries none).
  useEffect(() => {
    let live = true;
    void unwrapWithEtag(api.GET("/api/v1/actions/{record_id}", { params: { path: { record_id: action.id } } }))
      .then((b) => live && setBase({ action: b.data, etag: b.etag }))
      .catch(() => live && setBase({ action, etag: null }));
    return () => void (live = false);
  }, [action.id, action.version]);
  const next = [...(base?.action ?? action).milestones].sort((x, y) => x.due_date.localeCompare(y.due_date)).findIndex((m) => !m.done_on);

  const patchOf = (from: Action): Record<string, unknown> => {
    const patch: Record<string, unknown> = {};
    const p = Number(progress);
    if (may("progress") && p !== from.progress) patch.progress = p;
    if (may("status") && status !== from.status) patch.status = status;
    if (may("milestones") && reached) {
      const sorted = [...from.milestones].sort((x, y) => x.due_date.localeCompare(y.due_date));
      const i = sorted.findIndex((m) => !m.done_on);
      if (i >= 0) patch.milestones = sorted.map((m, j) => (j === i ? { ...m, done_on: todayIso() } : m));
    }
    return patch;
  };
  // `mine`: the person's change as first made (kept when it is re-applied to a newer version).
  const saving = useSubmit<[Base, Record<string, unknown>?], { list: FieldConflict[]; theirs: Base }>(async (from, mine) => {
    setSaved(null);
    const patch = mine ?? patchOf(from.action);
    if (Object.keys(patch).length === 0) return;
    const { data, etag } = await unwrapWithEtag(api.PATCH("/api/v1/actions/{record_id}", {
      params: { path: { record_id: from.action.id }, header: { "if-match": from.etag ?? undefined } },
      body: patch,
    }));
    const undoing = undo !== null && patch === undo;
    setUndo(undoing ? null : Object.fromEntries(Object.keys(patch).map((k) => [k, (from.action as unknown as Record<string, unknown>)[k]])));
    setBase({ action: data, etag });
    setProgress(String(data.progress));
    setStatus(data.status);
    setReached(false);
    setSaved(undoing ? "undone" : "saved");
    onSaved(data);
  }, {
    onConflict: async (_err, from) => {
      const fresh = await unwrapWithEtag(api.GET("/api/v1/actions/{record_id}", { params: { path: { record_id: from.action.id } } }));
      const theirs = { action: fresh.data, etag: fresh.etag };
      return { list: conflicts(from.action as unknown as Record<string, unknown>, fresh.data as unknown as Record<string, unknown>, patchOf(from.action)), theirs };
    },
    // Someone changed other fields: the same change, sent against their version.
    merge: (c, from, mine) => (mergeable(c.list) ? [c.theirs, mine ?? patchOf(from.action)] : null),
  });
  const { busy, error, errors, conflict } = saving;

  return (
    <form className="quick-edit" aria-label={compact ? t("action.quick_of", { code: action.code }) : t("action.quick_title")}
      onSubmit={(e) => { e.preventDefault(); if (base) { setUndo(null); void saving.run(base); } }}>
      {!compact && <h2>{t("action.quick_title")}</h2>}
      <div className="grid grid-3">
        {may("progress") && (
          <div className="field">
            <label htmlFor={`${uid}-progress`}>{t("action.progress_pct")}</label>
            <input id={`${uid}-progress`} type="number" min={0} max={100} value={progress} onChange={(e) => setProgress(e.target.value)}
              aria-invalid={errors.progress ? true : undefined} aria-describedby={errors.progress ? `${uid}-progress-error` : undefined} />
            {errors.progress && <p id={`${uid}-progress-error`} className="field-error">{errors.progress}</p>}
          </div>
        )}
        {may("status") && (
          <div className="field">
            <label htmlFor={`${uid}-status`}>{t("action.status")}</label>
            <select id={`${uid}-status`} value={status} onChange={(e) => setStatus(e.target.value as ActionStatus)}>
              {actionStatusChoices((base?.action ?? action).status).map((s) => <option key={s} value={s}>{te("action_status", s)}</option>)}
            </select>
          </div>
        )}
        {may("milestones") && next >= 0 && (
          <div className="field" style={{ alignSelf: "end" }}>
            <label><input type="checkbox" checked={reached} onChange={(e) => setReached(e.target.checked)} />{" "}
              {t("action.quick_reached", { title: [...(base?.action ?? action).milestones].sort((x, y) => x.due_date.localeCompare(y.due_date))[next]!.title })}</label>
          </div>
        )}
      </div>
      <ProblemAlert error={error} shownFields={["progress"]} />
      {saved && (
        <div className="alert alert-ok inline-actions">
          <p role="status">{saved === "undone" ? t("action.undone") : t("action.saved")}</p>
          {undo && base && (
            <button type="button" className="btn btn-secondary btn-small" disabled={busy}
              onClick={() => { const back = undo; void saving.run(base, back); }}>{t("action.undo")}</button>
          )}
        </div>
      )}
      <button className="btn" type="submit" disabled={busy || !base}>{t("common.save")}</button>
      <ConflictDialog
        open={conflict !== null}
        conflicts={conflict?.list ?? []}
        label={(f) => fieldLabel(lang, "action", f)}
        render={(f, v) => (v === null || v === undefined ? "—" : f === "status" ? te("action_status", String(v)) : Array.isArray(v) ? String(v.length) : String(v).slice(0, 120))}
        onReload={() => { if (conflict) { setBase(conflict.theirs); setProgress(String(conflict.theirs.action.progress)); setStatus(conflict.theirs.action.status); onSaved(conflict.theirs.action); } saving.clearConflict(); }}
        onKeep={() => { const c = conflict; saving.clearConflict(); if (c) { setBase(c.theirs); void saving.run(c.theirs); } }}
        byYou={saving.conflictByYou}
      />
    </form>
  );
}
