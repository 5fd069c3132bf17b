import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, unwrap, unwrapWithEtag } from "../api/client";
import type { Action, ActionCreate, ActionUpdate, Dossier } from "../api/types";
import { changedFields, conflicts, mergeable, rebase, type FieldConflict } from "../api/conflict";
import { useI18n } from "../i18n/I18n";
import type { MessageKey } from "../i18n/translate";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { allPages, byId, getActors, getObjectives, getPillars } from "../lib/refdata";
import { actionStatusChoices } from "../lib/lifecycle";
import { ACTION_STATUSES, MVO_THEMES, PLAN_YEARS } from "../lib/enums";
import { emptyDraft, pickBody, restrict, toBody, toDraft, type ActionBody, type ActionDraft } from "../lib/actionForm";
import { CheckField, CheckGroup, SelectField, TextArea, TextField } from "../components/fields";
import { PageHead, Skeleton } from "../components/ui";
import { ProblemAlert } from "../components/ProblemAlert";
import { ConflictDialog } from "../components/ConflictDialog";
import { useSession } from "../auth/session";
import { editScope, mayCreateAction, mayUse } from "../auth/permissions";

interface Loaded {
  action: Action;
  etag: string | null;
}

export default function ActionEdit() {
  const { id } = useParams();
  const creating = !id;
  const { t, te } = useI18n();
  const navigate = useNavigate();
  const { principal } = useSession();
  const pillars = useAsync(getPillars, []);
  const objectives = useAsync(getObjectives, []);
  const actors = useAsync(getActors, []);
  const dossiers = useAsync<Dossier[]>(
    () => (mayUse(principal, "dossiers") && principal.role === "w13"
      ? allPages<Dossier>((cursor) => unwrap(api.GET("/api/v1/dossiers", { params: { query: { limit: 500, cursor } } })))
      : Promise.resolve([])),
    [principal.role],
  );
  const loaded = useAsync<Loaded | null>(
    async () => {
      if (!id) return null;
      const { data, etag } = await unwrapWithEtag(api.GET("/api/v1/actions/{record_id}", { params: { path: { record_id: id } } }));
      return { action: data, etag };
    },
    [id],
  );

  const [draft, setDraft] = useState<ActionDraft>(emptyDraft());
  const [base, setBase] = useState<Loaded | null>(null);
  const [kept, setKept] = useState(false);

  useEffect(() => {
    if (loaded.data) {
      setBase(loaded.data);
      setDraft(toDraft(loaded.data.action));
    }
  }, [loaded.data]);

  const scope = creating ? (mayCreateAction(principal) ? "all" : null) : base ? editScope(base.action, Object.keys(pickBody(base.action))) : null;
  const up = <K extends keyof ActionDraft>(k: K, v: ActionDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const all = scope === "all";

  const actorById = byId(actors.data);
  const labelOf = (field: string) => {
    const key = `action.${field}` as MessageKey;
    return t(key);
  };
  const render = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (field === "status") return te("action_status", String(value));
    if (field === "lead_actor_id") return actorById.get(String(value))?.name ?? String(value);
    if (field === "partner_ids" && Array.isArray(value)) return value.map((v) => actorById.get(String(v))?.name ?? String(v)).join(", ") || "—";
    if (field === "mvo_themes" && Array.isArray(value)) return value.map((v) => te("mvo_theme", String(v))).join(", ") || "—";
    if (field === "milestones" && Array.isArray(value)) {
      return value.map((m: { title?: string; done_on?: string | null }) => `${m.title}${m.done_on ? " ✓" : ""}`).join("; ") || "—";
    }
    if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
    if (Array.isArray(value)) return value.join(", ") || "—";
    if (field === "pillar_id") return pillars.data?.find((p) => p.id === value)?.code ?? String(value);
    if (field === "objective_id") return objectives.data?.find((o) => o.id === value)?.code ?? String(value);
    return String(value);
  };

  // Every way out of a successful save leaves the page (keepBusy).
  const saving = useSubmit<[ActionBody, "all" | readonly string[], Loaded | null], { list: FieldConflict[]; theirs: Loaded }>(async (mine, scope, from) => {
    setKept(false);
    if (creating || !from) {
      const body = Object.fromEntries(Object.entries(mine).filter(([, v]) => v !== null)) as unknown as ActionCreate;
      const created = await unwrap(api.POST("/api/v1/actions", { body }));
      navigate(`/actions/${created.id}`, { state: { flash: "saved" } });
      return;
    }
    const patch = restrict(changedFields(pickBody(from.action), mine), scope);
    if (Object.keys(patch).length === 0) {
      navigate(`/actions/${from.action.id}`);
      return;
    }
    await unwrap(api.PATCH("/api/v1/actions/{record_id}", {
      params: { path: { record_id: from.action.id }, header: { "if-match": from.etag ?? undefined } },
      body: patch as ActionUpdate,
    }));
    navigate(`/actions/${from.action.id}`, { state: { flash: "saved" } });
  }, {
    keepBusy: true,
    // Someone saved meanwhile: fetch what the server holds now and show the difference.
    onConflict: async (_err, mine, scope, from) => {
      if (!from) return null;
      const { data, etag } = await unwrapWithEtag(api.GET("/api/v1/actions/{record_id}", { params: { path: { record_id: from.action.id } } }));
      return { list: conflicts(pickBody(from.action), pickBody(data), restrict(mine, scope) as ActionBody), theirs: { action: data, etag } };
    },
    // Different fields on both sides: my changes on top of their version, saved at once.
    merge: (c, mine, scope, from) => (mergeable(c.list) && from
      ? [rebase(pickBody(from.action), pickBody(c.theirs.action), restrict(mine, scope)) as ActionBody, scope, c.theirs]
      : null),
  });
  const { busy, error, errors: errs, conflict } = saving;
  const save = (e?: FormEvent) => {
    e?.preventDefault();
    // Only a person with a scope sees the form; on an existing action it is loaded by then.
    if (!scope || (!creating && !base)) return;
    void saving.run(toBody(draft), scope, base);
  };

  const resolve = (choice: "reload" | "keep") => {
    if (!conflict || !base) return;
    const theirs = conflict.theirs;
    if (choice === "reload") {
      setDraft(toDraft(theirs.action));
    } else {
      const mineChanges = restrict(changedFields(pickBody(base.action), toBody(draft)), scope ?? "all");
      setDraft(toDraft({ ...theirs.action, ...fromBody(mineChanges) }));
      setKept(true);
    }
    setBase(theirs);
    saving.clearConflict();
  };

  if (!creating && loaded.loading) return <Skeleton height="30rem" />;
  if (!creating && (loaded.error || !base)) {
    return (<><PageHead title={t("action.edit")} crumbs={[{ to: "/actions", label: t("nav.actions") }]} /><ProblemAlert error={loaded.error} /></>);
  }
  if (!scope) {
    return (
      <>
        <PageHead title={creating ? t("actions.new") : t("action.edit")} crumbs={[{ to: "/actions", label: t("nav.actions") }]} />
        <div className="alert alert-warn" role="alert"><p>{creating ? t("action.no_create_right") : t("action.no_edit_right")}</p></div>
      </>
    );
  }
  const title = creating ? t("actions.new") : t("action.edit_title", { code: base!.action.code });
  const plan = (pillars.data ?? []).filter((p) => p.framework === "actieplan");
  const kader = (pillars.data ?? []).filter((p) => p.framework === "vlaams_kader");
  const statusChoices = creating ? ACTION_STATUSES : actionStatusChoices(base!.action.status);
  const shown = all ? Object.keys(draft) : ["status", "progress", "milestones"];
  const crumbs = [{ to: "/actions", label: t("nav.actions") }, ...(base ? [{ to: `/actions/${base.action.id}`, label: base.action.code }] : [])];

  return (
    <>
      <PageHead title={title} crumbs={crumbs} />
      {!all && <div className="alert alert-info"><p>{t("action.rose_scope")}</p></div>}
      {kept && <div className="alert alert-info" role="status"><p>{t("conflict.kept")}</p></div>}
      <ProblemAlert error={error} shownFields={shown} />
      <form onSubmit={save} noValidate>
        {all && (
          <fieldset>
            <legend>{t("action.section_what")}</legend>
            <div className="grid grid-3">
              <TextField name="code" label={t("action.code")} required value={draft.code} error={errs.code} onChange={(v) => up("code", v)} />
              <TextField name="title" label={t("action.title")} required value={draft.title} error={errs.title} onChange={(v) => up("title", v)} className="span-2" />
            </div>
            <TextArea name="description" label={t("action.description")} value={draft.description} error={errs.description} onChange={(v) => up("description", v)} />
            <div className="grid grid-2">
              <SelectField name="pillar_id" label={t("action.pillar_id")} required value={draft.pillar_id} error={errs.pillar_id} emptyLabel={t("common.choose")}
                onChange={(v) => setDraft((d) => ({ ...d, pillar_id: v, objective_id: "" }))} options={plan.map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))} />
              <SelectField name="objective_id" label={t("action.objective_id")} value={draft.objective_id} error={errs.objective_id} emptyLabel={t("common.none")}
                onChange={(v) => up("objective_id", v)}
                options={(objectives.data ?? []).filter((o) => o.pillar_id === draft.pillar_id).map((o) => ({ value: o.id, label: `${o.code} ${o.title}` }))} />
              <SelectField name="wse_lr_code" label={t("action.wse_lr_code")} value={draft.wse_lr_code} error={errs.wse_lr_code} emptyLabel={t("common.none")}
                onChange={(v) => up("wse_lr_code", v)} options={kader.map((p) => ({ value: p.code, label: `${p.code} ${p.title}` }))} />
              <TextField name="bbc_code" label={t("action.bbc_code")} hint={t("action.bbc_hint")} value={draft.bbc_code} error={errs.bbc_code} onChange={(v) => up("bbc_code", v)} />
              <TextField name="w13_plan_codes" label={t("action.w13_plan_codes")} hint={t("action.w13_plan_hint")} value={draft.w13_plan_codes}
                error={errs.w13_plan_codes ?? Object.entries(errs).find(([k]) => k.startsWith("w13_plan_codes."))?.[1]} onChange={(v) => up("w13_plan_codes", v)} />
            </div>
          </fieldset>
        )}
        {all && (
          <fieldset>
            <legend>{t("action.section_who_when")}</legend>
            <div className="grid grid-2">
              <SelectField name="lead_actor_id" label={t("action.lead_actor_id")} value={draft.lead_actor_id} error={errs.lead_actor_id} emptyLabel={t("common.none")}
                onChange={(v) => up("lead_actor_id", v)} options={(actors.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
              <div />
              <TextField name="start_date" type="date" label={t("action.start_date")} required value={draft.start_date} error={errs.start_date} onChange={(v) => up("start_date", v)} />
              <TextField name="end_date" type="date" label={t("action.end_date")} required value={draft.end_date} error={errs.end_date} onChange={(v) => up("end_date", v)} />
            </div>
            <details>
              <summary>{t("action.partner_ids")} ({draft.partner_ids.length})</summary>
              <div style={{ maxHeight: "16rem", overflowY: "auto" }}>
                <CheckGroup legend={t("action.partner_ids")} name="partner_ids" value={draft.partner_ids} error={errs.partner_ids}
                  onChange={(v) => up("partner_ids", v)} options={(actors.data ?? []).filter((a) => a.id !== draft.lead_actor_id).map((a) => ({ value: a.id, label: a.name }))} />
              </div>
            </details>
            <div className="grid grid-2">
              <CheckGroup legend={t("action.accent_years")} name="accent_years" value={draft.accent_years.map(String)} error={errs.accent_years}
                onChange={(v) => up("accent_years", v.map(Number))} options={PLAN_YEARS.map((y) => ({ value: String(y), label: String(y) }))} />
              <CheckGroup legend={t("action.mvo_themes")} name="mvo_themes" value={draft.mvo_themes} error={errs.mvo_themes}
                onChange={(v) => up("mvo_themes", v as ActionDraft["mvo_themes"])} options={MVO_THEMES.map((m) => ({ value: m, label: te("mvo_theme", m) }))} />
            </div>
            <ProblemAlert error={dossiers.error} focus={false} />
            {(dossiers.data ?? []).length > 0 && (
              <details>
                <summary>{t("action.dossier_ids")} ({draft.dossier_ids.length})</summary>
                <CheckGroup legend={t("action.dossier_ids")} name="dossier_ids" value={draft.dossier_ids} error={errs.dossier_ids}
                  onChange={(v) => up("dossier_ids", v)} options={(dossiers.data ?? []).map((d) => ({ value: d.id, label: `${d.code} ${d.title}` }))} />
              </details>
            )}
          </fieldset>
        )}
        <fieldset>
          <legend>{t("action.section_progress")}</legend>
          <div className="grid grid-3">
            <SelectField name="status" label={t("action.status")} value={draft.status} error={errs.status} onChange={(v) => up("status", v as ActionDraft["status"])}
              options={statusChoices.map((s) => ({ value: s, label: te("action_status", s) }))} hint={t("action.status_hint")} />
            <TextField name="progress" type="number" min={0} max={100} step={1} inputMode="numeric" label={t("action.progress_pct")} value={draft.progress}
              error={errs.progress} onChange={(v) => up("progress", v)} hint={t("action.progress_hint")} />
            {all && <div className="field" style={{ alignSelf: "end" }}>
              <CheckField name="published" label={t("action.published")} checked={draft.published} error={errs.published} onChange={(v) => up("published", v)} />
            </div>}
          </div>
          <h3>{t("action.milestones")}</h3>
          {errs.milestones && <p className="field-error">{errs.milestones}</p>}
          {draft.milestones.length === 0 && <p className="empty">{t("action.no_milestones")}</p>}
          {draft.milestones.map((m, i) => (
            <div key={i} className="card" style={{ marginBottom: ".5rem" }} role="group" aria-label={t("action.milestone_n", { n: i + 1 })}>
              <div className="grid grid-3">
                <TextField name={`milestones.${i}.title`} label={t("action.milestone_title")} required value={m.title} error={errs[`milestones.${i}.title`]}
                  onChange={(v) => up("milestones", draft.milestones.map((x, j) => (j === i ? { ...x, title: v } : x)))} />
                <TextField name={`milestones.${i}.due_date`} type="date" label={t("action.due")} required value={m.due_date} error={errs[`milestones.${i}.due_date`]}
                  onChange={(v) => up("milestones", draft.milestones.map((x, j) => (j === i ? { ...x, due_date: v } : x)))} />
                <TextField name={`milestones.${i}.done_on`} type="date" label={t("action.done_on")} value={m.done_on} error={errs[`milestones.${i}.done_on`]}
                  onChange={(v) => up("milestones", draft.milestones.map((x, j) => (j === i ? { ...x, done_on: v } : x)))} />
              </div>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => up("milestones", draft.milestones.filter((_, j) => j !== i))}>
                {t("action.remove_milestone", { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" className="btn btn-secondary btn-small" onClick={() => up("milestones", [...draft.milestones, { title: "", due_date: "", done_on: "" }])}>
            {t("action.add_milestone")}
          </button>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn" disabled={busy} aria-busy={busy}>{busy ? t("common.saving") : t("common.save")}</button>
          <Link className="btn btn-secondary" to={base ? `/actions/${base.action.id}` : "/actions"}>{t("common.cancel")}</Link>
        </div>
      </form>
      <ConflictDialog
        open={conflict !== null}
        conflicts={conflict?.list ?? []}
        label={labelOf}
        render={render}
        onReload={() => resolve("reload")}
        onKeep={() => resolve("keep")}
        byYou={saving.conflictByYou}
      />
    </>
  );
}

/** Merge-patch fields back into record shape (for rebuilding the draft after "keep my edit"). */
function fromBody(b: Partial<ActionBody>): Partial<Action> {
  return b as unknown as Partial<Action>;
}
