import { useState, type FormEvent } from "react";
import { api, unwrap, unwrapWithEtag } from "../../api/client";
import type { Objective, Pillar } from "../../api/types";
import { ApiError } from "../../api/problem";
import { changedFields, conflicts, mergeable, rebase, type FieldConflict } from "../../api/conflict";
import { useI18n } from "../../i18n/I18n";
import { fieldLabel } from "../../i18n/translate";
import { useAsync } from "../../lib/useAsync";
import { useSubmit } from "../../lib/useSubmit";
import { allPages, invalidate } from "../../lib/refdata";
import { guardedRowUpdate } from "../../lib/rowUpdate";
import { byPlanOrder, moveWrites, nextOrder } from "../../lib/planOrder";
import { ENUMS } from "../../api/enums.gen";
import { Empty, PageHead, Section, Skeleton } from "../../components/ui";
import { SelectField, TextArea, TextField } from "../../components/fields";
import { ProblemAlert } from "../../components/ProblemAlert";
import { ConflictDialog } from "../../components/ConflictDialog";
import { Dialog } from "../../components/Dialog";
import { useSession } from "../../auth/session";
import { mayManagePlan } from "../../auth/permissions";
import { AdminNav } from "./AdminNav";

type Kind = "pillar" | "objective";
type Framework = Pillar["framework"];
interface Plan { pillars: Pillar[]; objectives: Objective[] }
interface Draft { code: string; title: string; description: string; sort_order: string; pillar_id: string }
/** What the form dialog edits: a new or an existing pillar or objective. */
interface Editing { kind: Kind; record: Pillar | Objective | null; etag: string | null; framework: Framework; draft: Draft }

const FIELDS = ["code", "title", "description", "sort_order", "pillar_id"];
const bodyOf = (d: Draft, kind: Kind) => {
  const order = /^\s*\d+\s*$/.test(d.sort_order) ? Number(d.sort_order) : d.sort_order;
  const b: Record<string, unknown> = { code: d.code.trim(), title: d.title.trim(), description: d.description, sort_order: order };
  if (kind === "objective") b.pillar_id = d.pillar_id;
  return b;
};
const draftOf = (r: Pillar | Objective): Draft => ({
  code: r.code, title: r.title, description: r.description, sort_order: String(r.sort_order), pillar_id: "pillar_id" in r ? r.pillar_id : "",
});

const loadPlan = async (): Promise<Plan> => {
  const [pillars, objectives] = await Promise.all([
    allPages<Pillar>((cursor) => unwrap(api.GET("/api/v1/pillars", { params: { query: { limit: 500, cursor } } }))),
    allPages<Objective>((cursor) => unwrap(api.GET("/api/v1/objectives", { params: { query: { limit: 500, cursor } } }))),
  ]);
  return { pillars, objectives };
};

const readOne = async (kind: Kind, id: string): Promise<{ data: Pillar | Objective; etag: string | null }> =>
  kind === "pillar"
    ? unwrapWithEtag(api.GET("/api/v1/pillars/{record_id}", { params: { path: { record_id: id } } }))
    : unwrapWithEtag(api.GET("/api/v1/objectives/{record_id}", { params: { path: { record_id: id } } }));

const patchOne = (kind: Kind, id: string, etag: string | null, body: Record<string, unknown>) => {
  const params = { path: { record_id: id }, header: { "if-match": etag ?? undefined } };
  return kind === "pillar"
    ? unwrap(api.PATCH("/api/v1/pillars/{record_id}", { params, body }))
    : unwrap(api.PATCH("/api/v1/objectives/{record_id}", { params, body }));
};

/** The plan's pillars and objectives: create, rename, reorder, delete (W13). */
export default function PlanStructure() {
  const { t, lang } = useI18n();
  const { principal } = useSession();
  const plan = useAsync(loadPlan, []);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [openError, setOpenError] = useState<unknown>(null);

  const changed = (message: string) => {
    // Other pages read pillars and objectives from the session's cache.
    invalidate("pillars");
    invalidate("objectives");
    plan.reload();
    setFlash(message);
  };

  const saving = useSubmit<[Editing], { list: FieldConflict[]; theirs: { data: Pillar | Objective; etag: string | null } }>(async (e) => {
    const body = bodyOf(e.draft, e.kind);
    if (!e.record) {
      if (e.kind === "pillar") await unwrap(api.POST("/api/v1/pillars", { body: { ...body, framework: e.framework } as never }));
      else await unwrap(api.POST("/api/v1/objectives", { body: body as never }));
    } else {
      const patch = changedFields(bodyOf(draftOf(e.record), e.kind), body);
      if (Object.keys(patch).length > 0) await patchOne(e.kind, e.record.id, e.etag, patch);
    }
    setEditing(null);
    changed(t(e.record ? "plan.saved" : "plan.created", { code: String(body.code) }));
  }, {
    onConflict: async (_err, e) => {
      if (!e.record) return null;
      const theirs = await readOne(e.kind, e.record.id);
      return { list: conflicts(bodyOf(draftOf(e.record), e.kind), bodyOf(draftOf(theirs.data), e.kind), bodyOf(e.draft, e.kind)), theirs };
    },
    // Different fields on both sides: the person's changes on top of the new version, and the
    // patch (built against that version) carries only those.
    merge: (c, e) => (mergeable(c.list) && e.record
      ? [{ ...e, record: c.theirs.data, etag: c.theirs.etag, draft: rebase(draftOf(e.record), draftOf(c.theirs.data), e.draft) }] : null),
  });

  const moving = useSubmit(async (kind: Kind, siblings: (Pillar | Objective)[], id: string, direction: -1 | 1) => {
    for (const w of moveWrites(siblings, id, direction)) {
      await guardedRowUpdate(w.item, () => readOne(kind, w.item.id), (etag) => patchOne(kind, w.item.id, etag, { sort_order: w.sort_order }));
    }
    const moved = siblings.find((s) => s.id === id);
    changed(t("plan.moved", { code: moved?.code ?? "" }));
  });

  const deleting = useSubmit(async (kind: Kind, record: Pillar | Objective) => {
    setBlocked(null);
    try {
      await guardedRowUpdate(record, () => readOne(kind, record.id), (etag) => {
        const params = { path: { record_id: record.id }, header: { "if-match": etag ?? undefined } };
        return (kind === "pillar"
          ? unwrap(api.DELETE("/api/v1/pillars/{record_id}", { params }))
          : unwrap(api.DELETE("/api/v1/objectives/{record_id}", { params }))).then(() => record);
      });
    } catch (err) {
      // A 409 here always means the same thing: something still hangs under it. Say so plainly.
      if (err instanceof ApiError && err.status === 409) {
        setBlocked(t(kind === "pillar" ? "plan.delete_blocked_pillar" : "plan.delete_blocked_objective", { code: record.code }));
        return;
      }
      throw err;
    }
    changed(t("plan.deleted", { code: record.code }));
  });

  if (!mayManagePlan(principal)) {
    return (<><PageHead title={t("plan.title")} /><div className="alert alert-warn" role="alert"><p>{t("problem.403")}</p></div></>);
  }
  const busy = moving.busy || deleting.busy || saving.busy;
  const open = async (kind: Kind, record: Pillar | Objective | null, framework: Framework, pillarId = "") => {
    setFlash(null);
    setBlocked(null);
    saving.clearConflict();
    if (!record) {
      const siblings = kind === "pillar"
        ? (plan.data?.pillars ?? []).filter((p) => p.framework === framework)
        : (plan.data?.objectives ?? []).filter((o) => o.pillar_id === pillarId);
      setEditing({ kind, record: null, etag: null, framework, draft: { code: "", title: "", description: "", sort_order: String(nextOrder(siblings)), pillar_id: pillarId } });
      return;
    }
    // The form starts from the record as the server holds it now, with its ETag for If-Match.
    setOpenError(null);
    try {
      const { data, etag } = await readOne(kind, record.id);
      setEditing({ kind, record: data, etag, framework, draft: draftOf(data) });
    } catch (err) {
      setOpenError(err);
    }
  };
  const resolve = (choice: "reload" | "keep") => {
    const c = saving.conflict;
    if (!c || !editing) return;
    const theirs = draftOf(c.theirs.data);
    const draft = choice === "reload" || !editing.record ? theirs : rebase(draftOf(editing.record), theirs, editing.draft);
    setEditing({ ...editing, record: c.theirs.data, etag: c.theirs.etag, draft });
    saving.clearConflict();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (editing) void saving.run(editing);
  };
  const up = (k: keyof Draft, v: string) => setEditing((e) => (e ? { ...e, draft: { ...e.draft, [k]: v } } : e));
  const errs = saving.errors;
  const pillars = plan.data?.pillars ?? [];
  const objectives = plan.data?.objectives ?? [];

  const row = (kind: Kind, r: Pillar | Objective, siblings: (Pillar | Objective)[], i: number, framework: Framework) => {
    const name = `${r.code} ${r.title}`;
    return (
      <div className="inline-actions" style={{ flexWrap: "wrap" }}>
        <span style={{ flex: "1 1 16rem" }}>{kind === "pillar" ? <strong>{r.code}</strong> : r.code} {r.title}</span>
        <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => void open(kind, r, framework)}>
          {t("plan.edit")}<span className="visually-hidden"> {name}</span>
        </button>
        <button type="button" className="btn btn-secondary btn-small" disabled={busy || i === 0} onClick={() => void moving.run(kind, siblings, r.id, -1)}>
          {t("plan.up")}<span className="visually-hidden"> {name}</span>
        </button>
        <button type="button" className="btn btn-secondary btn-small" disabled={busy || i === siblings.length - 1} onClick={() => void moving.run(kind, siblings, r.id, 1)}>
          {t("plan.down")}<span className="visually-hidden"> {name}</span>
        </button>
        <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => {
          if (window.confirm(t("plan.delete_confirm", { name }))) void deleting.run(kind, r);
        }}>
          {t("common.delete")}<span className="visually-hidden"> {name}</span>
        </button>
      </div>
    );
  };

  return (
    <>
      <PageHead title={t("plan.title")} />
      <AdminNav />
      <p className="lead">{t("plan.lead")}</p>
      <div role="status" aria-live="polite">{flash && <div className="alert alert-ok"><p>{flash}</p></div>}</div>
      {blocked && <div className="alert alert-warn" role="alert" data-testid="plan-blocked"><p>{blocked}</p></div>}
      <ProblemAlert error={moving.error ?? deleting.error ?? openError} />
      <ProblemAlert error={plan.error} />
      {plan.loading && !plan.data ? <Skeleton height="20rem" /> : ENUMS.Framework.map((fw) => {
        const group = byPlanOrder(pillars.filter((p) => p.framework === fw));
        return (
          <Section key={fw} title={t(`plan.framework_${fw}`)}
            actions={<button type="button" className="btn btn-small" disabled={busy} onClick={() => void open("pillar", null, fw)}>{t("plan.add_pillar")}</button>}>
            {group.length === 0 ? <Empty>{t("plan.no_pillars")}</Empty> : (
              <ol className="list-plain" aria-label={t(`plan.framework_${fw}`)}>
                {group.map((p, i) => {
                  const objs = byPlanOrder(objectives.filter((o) => o.pillar_id === p.id));
                  return (
                    <li key={p.id} className="card" style={{ marginBottom: ".5rem" }} data-testid={`pillar-${p.code}`}>
                      {row("pillar", p, group, i, fw)}
                      {objs.length > 0 && (
                        <ol className="list-plain" style={{ margin: ".5rem 0 0 1.5rem" }} aria-label={t("plan.objectives_of", { code: p.code })}>
                          {objs.map((o, k) => <li key={o.id} data-testid={`objective-${o.code}`}>{row("objective", o, objs, k, fw)}</li>)}
                        </ol>
                      )}
                      <button type="button" className="btn btn-secondary btn-small" style={{ marginTop: ".5rem" }} disabled={busy}
                        onClick={() => void open("objective", null, fw, p.id)}>
                        {t("plan.add_objective")}<span className="visually-hidden"> {p.code}</span>
                      </button>
                    </li>
                  );
                })}
              </ol>
            )}
          </Section>
        );
      })}
      <Dialog open={editing !== null} onClose={() => setEditing(null)}
        title={editing ? t(`plan.${editing.record ? "edit" : "new"}_${editing.kind}`, { code: editing.record?.code ?? "" }) : ""}>
        {editing && (
          <form onSubmit={submit} noValidate>
            <ProblemAlert error={saving.error} shownFields={FIELDS} />
            <div className="grid grid-2">
              <TextField name="code" label={t("plan.code")} hint={t(editing.kind === "pillar" ? "plan.code_hint_pillar" : "plan.code_hint_objective")} required
                value={editing.draft.code} error={errs.code} onChange={(v) => up("code", v)} />
              <TextField name="sort_order" type="number" min={0} max={100000} step={1} inputMode="numeric" label={t("plan.sort_order")} hint={t("plan.sort_order_hint")}
                value={editing.draft.sort_order} error={errs.sort_order} onChange={(v) => up("sort_order", v)} />
            </div>
            <TextField name="title" label={t("plan.title_field")} required value={editing.draft.title} error={errs.title} onChange={(v) => up("title", v)} />
            {editing.kind === "objective" && (
              <SelectField name="pillar_id" label={t("plan.pillar")} required value={editing.draft.pillar_id} error={errs.pillar_id}
                onChange={(v) => up("pillar_id", v)} options={byPlanOrder(pillars).map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))} />
            )}
            <TextArea name="description" label={t("common.description")} rows={3} value={editing.draft.description} error={errs.description} onChange={(v) => up("description", v)} />
            <div className="form-actions">
              <button type="submit" className="btn" disabled={saving.busy} aria-busy={saving.busy}>{saving.busy ? t("common.saving") : t("common.save")}</button>
              <button type="button" className="btn btn-secondary" onClick={() => setEditing(null)}>{t("common.cancel")}</button>
            </div>
          </form>
        )}
      </Dialog>
      <ConflictDialog
        open={saving.conflict !== null}
        conflicts={saving.conflict?.list ?? []}
        label={(f) => (f === "title" ? t("plan.title_field") : fieldLabel(lang, "plan", f))}
        render={(f, v) => (v === null || v === undefined || v === "" ? "—"
          : f === "pillar_id" ? pillars.find((p) => p.id === v)?.code ?? String(v) : String(v).slice(0, 160))}
        onReload={() => resolve("reload")}
        onKeep={() => resolve("keep")}
        byYou={saving.conflictByYou}
      />
    </>
  );
}

