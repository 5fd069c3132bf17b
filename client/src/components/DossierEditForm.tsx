import { useState, type FormEvent } from "react";
import { api, unwrapWithEtag } from "../api/client";
import type { Dossier } from "../api/types";
import { changedFields, conflicts, mergeable, rebase, type FieldConflict } from "../api/conflict";
import { useI18n } from "../i18n/I18n";
import { fieldLabel } from "../i18n/translate";
import { useSubmit } from "../lib/useSubmit";
import { DOSSIER_LEVELS, DOSSIER_THEMES } from "../lib/enums";
import { SelectField, TextArea, TextField } from "./fields";
import { ProblemAlert } from "./ProblemAlert";
import { ConflictDialog } from "./ConflictDialog";

export interface LoadedDossier {
  dossier: Dossier;
  etag: string | null;
}

const FIELDS = ["title", "theme", "level", "evidence_summary"] as const;
type Draft = Record<(typeof FIELDS)[number], string>;
const draftOf = (d: Dossier): Draft => ({ title: d.title, theme: d.theme, level: d.level, evidence_summary: d.evidence_summary });

/**
 * Title, theme, level and the (anonymous) evidence of a dossier, saved with If-Match. The
 * server refuses personal data in the evidence; its message appears at the field.
 */
export function DossierEditForm({ current, onSaved, onCancel }: {
  current: LoadedDossier;
  onSaved: (next: LoadedDossier) => void;
  onCancel: () => void;
}) {
  const { t, te, lang } = useI18n();
  const [base, setBase] = useState(current);
  const [draft, setDraft] = useState<Draft>(draftOf(current.dossier));
  const [kept, setKept] = useState(false);
  const saving = useSubmit<[Draft, LoadedDossier], { list: FieldConflict[]; theirs: LoadedDossier }>(async (mine, from) => {
    const patch = changedFields(draftOf(from.dossier), mine);
    if (Object.keys(patch).length === 0) {
      onSaved(from);
      return;
    }
    const { data, etag } = await unwrapWithEtag(api.PATCH("/api/v1/dossiers/{record_id}", {
      params: { path: { record_id: from.dossier.id }, header: { "if-match": from.etag ?? undefined } },
      body: patch,
    }));
    onSaved({ dossier: data, etag });
  }, {
    onConflict: async (_err, mine, from) => {
      const { data, etag } = await unwrapWithEtag(api.GET("/api/v1/dossiers/{record_id}", { params: { path: { record_id: from.dossier.id } } }));
      return { list: conflicts(draftOf(from.dossier), draftOf(data), mine), theirs: { dossier: data, etag } };
    },
    // Different fields on both sides: my changes on top of their version, saved at once.
    merge: (c, mine, from) => (mergeable(c.list)
      ? [rebase(draftOf(from.dossier), draftOf(c.theirs.dossier), mine) as Draft, c.theirs] : null),
  });
  const { errors: errs, conflict } = saving;
  const up = (k: keyof Draft, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void saving.run(draft, base);
  };
  const resolve = (choice: "reload" | "keep") => {
    if (!conflict) return;
    const theirs = draftOf(conflict.theirs.dossier);
    if (choice === "reload") setDraft(theirs);
    else {
      const mine = changedFields(draftOf(base.dossier), draft) as Partial<Draft>;
      setDraft({ ...theirs, ...mine });
      setKept(true);
    }
    setBase(conflict.theirs);
    saving.clearConflict();
  };

  return (
    <form onSubmit={submit} noValidate className="card" aria-label={t("dossier.edit")} style={{ margin: "1rem 0" }}>
      <h2 style={{ marginTop: 0 }}>{t("dossier.edit")}</h2>
      {kept && <div className="alert alert-info" role="status"><p>{t("conflict.kept")}</p></div>}
      <ProblemAlert error={saving.error} shownFields={[...FIELDS]} />
      <TextField name="title" label={t("dossier.title")} required value={draft.title} error={errs.title} onChange={(v) => up("title", v)} />
      <div className="grid grid-2">
        <SelectField name="theme" label={t("dossier.theme")} required value={draft.theme} error={errs.theme}
          onChange={(v) => up("theme", v)} options={DOSSIER_THEMES.map((x) => ({ value: x, label: te("dossier_theme", x) }))} />
        <SelectField name="level" label={t("dossier.level")} required value={draft.level} error={errs.level}
          onChange={(v) => up("level", v)} options={DOSSIER_LEVELS.map((x) => ({ value: x, label: te("dossier_level", x) }))} />
      </div>
      <TextArea name="evidence_summary" label={t("dossier.evidence")} hint={t("dossier.evidence_hint")} rows={6} value={draft.evidence_summary}
        error={errs.evidence_summary} onChange={(v) => up("evidence_summary", v)} />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={saving.busy} aria-busy={saving.busy}>{saving.busy ? t("common.saving") : t("common.save")}</button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>{t("common.cancel")}</button>
      </div>
      <ConflictDialog
        open={conflict !== null}
        conflicts={conflict?.list ?? []}
        label={(f) => fieldLabel(lang, "dossier", f)}
        render={(f, v) => (v === null || v === undefined || v === "" ? "—"
          : f === "theme" ? te("dossier_theme", String(v)) : f === "level" ? te("dossier_level", String(v)) : String(v).slice(0, 160))}
        onReload={() => resolve("reload")}
        onKeep={() => resolve("keep")}
        byYou={saving.conflictByYou}
      />
    </form>
  );
}
