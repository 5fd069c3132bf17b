import { useEffect, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { api, unwrap, unwrapWithEtag } from "../api/client";
import type { Action, Indicator } from "../api/types";
import type { components } from "../api/schema";
import { changedFields, conflicts, keepMine, mergeable, rebase, type FieldConflict } from "../api/conflict";
import { useI18n } from "../i18n/I18n";
import { fieldLabel } from "../i18n/translate";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { allPages, byId, getMunicipalities, municipalityName } from "../lib/refdata";
import { GEOGRAPHIES, INDICATOR_KINDS, RUNGS } from "../lib/enums";
import { BLANK_INDICATOR, indicatorBody, indicatorDraft, measurementBody, measurementDraft, type IndicatorDraft, type MeasurementDraft } from "../lib/indicatorForm";
import { Empty, PageHead, Section, Skeleton } from "../components/ui";
import { CheckField, SelectField, TextArea, TextField } from "../components/fields";
import { ProblemAlert } from "../components/ProblemAlert";
import { ConflictDialog } from "../components/ConflictDialog";
import { IndicatorPanel } from "../components/IndicatorPanel";
import { useSession } from "../auth/session";
import { isW13, mayMeasure } from "../auth/permissions";

type S = components["schemas"];
type Measurement = S["MeasurementRead"];

const getActions = () => allPages<Action>((cursor) => unwrap(api.GET("/api/v1/actions", { params: { query: { limit: 500, cursor } } })));

const SHOWN = ["code", "name", "description", "unit", "kind", "action_id", "geography", "municipality", "rung",
  "baseline_value", "baseline_date", "target_value", "target_date", "public"];

/** The indicator's fields; which of action / geography shows follows the kind, as the server's rule. */
function IndicatorFields({ draft, set, errs, actions }: { draft: IndicatorDraft; set: (d: IndicatorDraft) => void; errs: Record<string, string>; actions: Action[] }) {
  const { t, te, lang } = useI18n();
  const munis = useAsync(getMunicipalities, []);
  const up = <K extends keyof IndicatorDraft>(k: K, v: IndicatorDraft[K]) => set({ ...draft, [k]: v });
  return (
    <>
      <div className="grid grid-2">
        <TextField name="code" label={t("indicator.code")} required value={draft.code} error={errs.code} onChange={(v) => up("code", v)} />
        <TextField name="name" label={t("indicator.name")} required value={draft.name} error={errs.name} onChange={(v) => up("name", v)} />
        <TextField name="unit" label={t("indicator.unit")} hint={t("indicator.unit_hint")} required value={draft.unit} error={errs.unit} onChange={(v) => up("unit", v)} />
        <SelectField name="kind" label={t("indicator.kind")} required value={draft.kind} error={errs.kind} onChange={(v) => up("kind", v as IndicatorDraft["kind"])}
          options={INDICATOR_KINDS.map((k) => ({ value: k, label: te("indicator_kind", k) }))} />
        {draft.kind === "action" ? (
          <SelectField name="action_id" label={t("indicator.action")} required value={draft.action_id} error={errs.action_id} emptyLabel={t("common.choose")}
            onChange={(v) => up("action_id", v)} options={actions.map((a) => ({ value: a.id, label: `${a.code} ${a.title}` }))} />
        ) : (
          <SelectField name="geography" label={t("indicator.geography")} required value={draft.geography} error={errs.geography} emptyLabel={t("common.choose")}
            onChange={(v) => up("geography", v)} options={GEOGRAPHIES.map((g) => ({ value: g, label: te("geography", g) }))} />
        )}
        {draft.kind === "context" && draft.geography === "municipality" && (
          <SelectField name="municipality" label={t("common.municipality")} required value={draft.municipality} error={errs.municipality} emptyLabel={t("common.choose")}
            onChange={(v) => up("municipality", v)} options={(munis.data ?? []).map((m) => ({ value: m.nis_code, label: municipalityName(m, lang) }))} />
        )}
        <SelectField name="rung" label={t("actor.rung")} value={draft.rung} error={errs.rung} emptyLabel={t("common.none")} onChange={(v) => up("rung", v)}
          options={RUNGS.map((r) => ({ value: String(r), label: `${r} – ${te("rung", String(r))}` }))} />
      </div>
      <TextArea name="description" label={t("common.description")} rows={3} value={draft.description} error={errs.description} onChange={(v) => up("description", v)} />
      <div className="grid grid-2">
        <TextField name="baseline_value" label={t("indicator.baseline_value")} inputMode="decimal" value={draft.baseline_value} error={errs.baseline_value} onChange={(v) => up("baseline_value", v)} />
        <TextField name="baseline_date" type="date" label={t("indicator.baseline_date")} value={draft.baseline_date} error={errs.baseline_date} onChange={(v) => up("baseline_date", v)} />
        <TextField name="target_value" label={t("indicator.target_value")} inputMode="decimal" value={draft.target_value} error={errs.target_value} onChange={(v) => up("target_value", v)} />
        <TextField name="target_date" type="date" label={t("indicator.target_date")} value={draft.target_date} error={errs.target_date} onChange={(v) => up("target_date", v)} />
      </div>
      <CheckField name="public" label={t("indicator.public")} checked={draft.public} error={errs.public} onChange={(v) => up("public", v)} />
    </>
  );
}

/** `/indicators`: every indicator the person may read, and (for W13) a form for a new one. */
export function IndicatorList() {
  const { t, te } = useI18n();
  const navigate = useNavigate();
  const { principal } = useSession();
  const w13 = isW13(principal);
  const list = useAsync(() => allPages<Indicator>((cursor) => unwrap(api.GET("/api/v1/indicators", { params: { query: { limit: 500, cursor } } }))), []);
  const actions = useAsync(getActions, []);
  const actionById = byId(actions.data);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState<IndicatorDraft>(BLANK_INDICATOR);
  const create = useSubmit(async () => {
    const created = await unwrap(api.POST("/api/v1/indicators", { body: indicatorBody(draft) as S["IndicatorCreate"] }));
    navigate(`/indicators/${created.id}`, { state: { flash: "created" } });
  }, { keepBusy: true });
  return (
    <>
      <PageHead title={t("indicator.title_many")}>
        {w13 && <button type="button" className="btn" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>{t("indicator.new")}</button>}
      </PageHead>
      {creating && (
        <form className="card" aria-label={t("indicator.new")} noValidate onSubmit={(e) => { e.preventDefault(); void create.run(); }}>
          <ProblemAlert error={create.error} shownFields={SHOWN} />
          <IndicatorFields draft={draft} set={setDraft} errs={create.errors} actions={actions.data ?? []} />
          <button type="submit" className="btn" disabled={create.busy}>{t("common.create")}</button>
        </form>
      )}
      {list.loading ? <Skeleton height="12rem" /> : (
        <>
          <ProblemAlert error={list.error} focus={false} />
          {(list.data ?? []).length === 0 ? <Empty>{t("indicator.none")}</Empty> : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t("indicator.title_many")}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("indicator.code")}</th><th scope="col">{t("indicator.name")}</th>
                    <th scope="col">{t("indicator.kind")}</th><th scope="col">{t("indicator.scope")}</th><th scope="col">{t("indicator.unit")}</th>
                  </tr>
                </thead>
                <tbody>
                  {(list.data ?? []).map((i) => (
                    <tr key={i.id}>
                      <td>{i.code}</td>
                      <td><Link to={`/indicators/${i.id}`}>{i.name}</Link></td>
                      <td>{te("indicator_kind", i.kind)}</td>
                      <td>{i.action_id ? actionById.get(i.action_id)?.code ?? "…" : te("geography", i.geography)}</td>
                      <td>{i.unit}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}

interface Loaded<T> {
  data: T;
  etag: string | null;
}

/** One measurement's row: shown, or corrected in place (read with its ETag, saved with If-Match), or deleted. */
function MeasurementRow({ indicator, m, canMeasure, onChanged }: { indicator: Indicator; m: Measurement; canMeasure: boolean; onChanged: (flash: string) => void }) {
  const { t, date, qty, lang } = useI18n();
  const [editing, setEditing] = useState<Loaded<Measurement> | null>(null);
  const [form, setForm] = useState<MeasurementDraft>({ date: "", value: "", data_source: "", note: "" });
  const path = { parent_id: indicator.id, record_id: m.id };
  const read = () => unwrapWithEtag(api.GET("/api/v1/indicators/{parent_id}/measurements/{record_id}", { params: { path } }));
  const open = useSubmit(async () => {
    const fresh = await read();
    setEditing(fresh);
    setForm(measurementDraft(fresh.data));
  });
  const baseOf = (from: Loaded<Measurement>) => measurementBody(measurementDraft(from.data));
  // The person's form against the version it started from (`from`): the patch is what they changed.
  const saving = useSubmit<[MeasurementDraft, Loaded<Measurement>], { list: FieldConflict[]; theirs: Loaded<Measurement> }>(async (mine, from) => {
    const patch = changedFields(baseOf(from), measurementBody(mine));
    if (Object.keys(patch).length > 0) {
      await unwrap(api.PATCH("/api/v1/indicators/{parent_id}/measurements/{record_id}", {
        params: { path, header: { "if-match": from.etag ?? undefined } },
        body: patch as S["MeasurementUpdate"],
      }));
    }
    setEditing(null);
    onChanged(t("indicator.measurement_corrected"));
  }, {
    onConflict: async (_e, mine, from) => {
      const fresh = await read();
      return { list: conflicts(baseOf(from), baseOf(fresh), measurementBody(mine)), theirs: fresh };
    },
    // Different fields on both sides: the person's changes on top of the new version, saved at once.
    merge: (c, mine, from) => (mergeable(c.list)
      ? [rebase(measurementDraft(from.data), measurementDraft(c.theirs.data), mine), c.theirs] : null),
  });
  const removing = useSubmit(async () => {
    if (!window.confirm(t("indicator.confirm_delete", { date: date(m.date) }))) return;
    await unwrap(api.DELETE("/api/v1/indicators/{parent_id}/measurements/{record_id}", { params: { path } }));
    onChanged(t("indicator.measurement_deleted"));
  });
  const errs = saving.errors;
  if (editing) {
    return (
      <tr>
        <td colSpan={5}>
          <form aria-label={t("indicator.correct_named", { date: date(m.date) })} noValidate onSubmit={(e) => { e.preventDefault(); void saving.run(form, editing); }}>
            <ProblemAlert error={saving.error} shownFields={["date", "value", "data_source", "note"]} />
            <div className="grid grid-2">
              <TextField name="date" type="date" label={t("common.date")} required value={form.date} error={errs.date} onChange={(v) => setForm({ ...form, date: v })} />
              <TextField name="value" label={`${t("chart.value")} (${indicator.unit})`} inputMode="decimal" required value={form.value} error={errs.value} onChange={(v) => setForm({ ...form, value: v })} />
              <TextField name="data_source" label={t("indicator.source")} required value={form.data_source} error={errs.data_source} onChange={(v) => setForm({ ...form, data_source: v })} />
              <TextField name="note" label={t("indicator.note")} value={form.note} error={errs.note} onChange={(v) => setForm({ ...form, note: v })} />
            </div>
            <div className="form-actions">
              <button type="submit" className="btn" disabled={saving.busy}>{t("common.save")}</button>
              <button type="button" className="btn btn-secondary" onClick={() => setEditing(null)}>{t("common.cancel")}</button>
            </div>
          </form>
          <ConflictDialog open={saving.conflict !== null} conflicts={saving.conflict?.list ?? []}
            label={(f) => (f === "value" ? t("chart.value") : f === "data_source" ? t("indicator.source") : fieldLabel(lang, "indicator", f))}
            render={(_f, v) => (v === null || v === undefined || v === "" ? "—" : String(v))}
            onReload={() => { const c = saving.conflict; saving.clearConflict(); if (c) { setEditing(c.theirs); setForm(measurementDraft(c.theirs.data)); } }}
            onKeep={() => {
              const c = saving.conflict;
              saving.clearConflict();
              if (!c) return;
              // The person's changes on top of what the server holds now; saving again confirms them.
              setForm(rebase(measurementDraft(editing.data), measurementDraft(c.theirs.data), form));
              setEditing(c.theirs);
            }} byYou={saving.conflictByYou} />
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <td>{date(m.date)}</td>
      <td>{qty(m.value, indicator.unit)}</td>
      <td>{m.data_source}</td>
      <td>{m.note}</td>
      {canMeasure && (
        <td>
          <div className="inline-actions">
            <button type="button" className="btn btn-small btn-secondary" disabled={open.busy} onClick={() => void open.run()}
              aria-label={t("indicator.correct_named", { date: date(m.date) })}>{t("indicator.correct")}</button>
            <button type="button" className="btn btn-small btn-danger" disabled={removing.busy} onClick={() => void removing.run()}
              aria-label={t("indicator.delete_named", { date: date(m.date) })}>{t("common.delete")}</button>
          </div>
          <ProblemAlert error={open.error ?? removing.error} focus={false} />
        </td>
      )}
    </tr>
  );
}

/** `/indicators/:id`: the chart, the measurements (add, correct, delete) and, for W13, the indicator's fields. */
export function IndicatorPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const { t, lang } = useI18n();
  const { principal } = useSession();
  const w13 = isW13(principal);
  const loaded = useAsync<Loaded<Indicator>>(() => unwrapWithEtag(api.GET("/api/v1/indicators/{record_id}", { params: { path: { record_id: id } } })), [id]);
  const actions = useAsync(getActions, []);
  const measurements = useAsync(() => allPages<Measurement>((cursor) =>
    unwrap(api.GET("/api/v1/indicators/{parent_id}/measurements", { params: { path: { parent_id: id }, query: { limit: 500, cursor } } }))), [id]);
  const [base, setBase] = useState<Loaded<Indicator> | null>(null);
  const [draft, setDraft] = useState<IndicatorDraft | null>(null);
  const [flash, setFlash] = useState<string | null>((location.state as { flash?: string } | null)?.flash === "created" ? t("indicator.created") : null);
  const [chartKey, setChartKey] = useState(0);
  useEffect(() => {
    if (loaded.data) {
      setBase(loaded.data);
      setDraft(indicatorDraft(loaded.data.data));
    }
  }, [loaded.data]);
  const saving = useSubmit<[Record<string, unknown>, Loaded<Indicator>], { list: FieldConflict[]; theirs: Loaded<Indicator> }>(async (patch, from) => {
    setFlash(null);
    const fresh = await unwrapWithEtag(api.PATCH("/api/v1/indicators/{record_id}", {
      params: { path: { record_id: id }, header: { "if-match": from.etag ?? undefined } }, body: patch as S["IndicatorUpdate"],
    }));
    setBase(fresh);
    setDraft(indicatorDraft(fresh.data));
    setChartKey((k) => k + 1);
    setFlash(t("indicator.updated"));
  }, {
    onConflict: async (_e, patch, from) => {
      const fresh = await unwrapWithEtag(api.GET("/api/v1/indicators/{record_id}", { params: { path: { record_id: id } } }));
      return { list: conflicts(indicatorBody(indicatorDraft(from.data)), indicatorBody(indicatorDraft(fresh.data)), patch), theirs: fresh };
    },
    // The patch holds only the person's changes: on another field's change it applies as it is.
    merge: (c, patch) => (mergeable(c.list) ? [patch, c.theirs] : null),
  });
  if (loaded.loading || (!draft && !loaded.error)) return <Skeleton height="24rem" />;
  if (loaded.error || !base || !draft) {
    return (<><PageHead title={t("indicator.title_one")} crumbs={[{ to: "/indicators", label: t("indicator.title_many") }]} /><ProblemAlert error={loaded.error} /></>);
  }
  const ind = base.data;
  const action = (actions.data ?? []).find((a) => a.id === ind.action_id) ?? null;
  const canMeasure = mayMeasure(principal, action, ind);
  const patchOf = (from: Indicator, d: IndicatorDraft) => changedFields(indicatorBody(indicatorDraft(from)), indicatorBody(d));
  const changed = (msg: string) => {
    setFlash(msg);
    measurements.reload();
    setChartKey((k) => k + 1);
  };
  const resolve = (choice: "reload" | "keep") => {
    const c = saving.conflict;
    if (!c) return;
    const mine = patchOf(ind, draft);
    const next = indicatorDraft(c.theirs.data);
    setDraft(choice === "reload" ? next : keepMine(next, draft, Object.keys(mine)));
    setBase(c.theirs);
    saving.clearConflict();
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void saving.run(patchOf(ind, draft), base);
  };
  return (
    <>
      <PageHead title={`${ind.code} · ${ind.name}`} crumbs={[{ to: "/indicators", label: t("indicator.title_many") }]} />
      {flash && <div className="alert alert-ok" role="status"><p>{flash}</p></div>}
      {action && <p className="meta">{t("indicator.action")}: <Link to={`/actions/${action.id}`}>{action.code} {action.title}</Link></p>}
      <IndicatorPanel key={chartKey} indicator={ind} canMeasure={canMeasure} headingLevel={2} onMeasured={() => measurements.reload()} />
      <Section title={t("indicator.measurements")}>
        <ProblemAlert error={measurements.error} focus={false} />
        {measurements.loading ? <Skeleton /> : (measurements.data ?? []).length === 0 ? <Empty>{t("indicator.no_measurements")}</Empty> : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t("indicator.measurements")}>
            <table data-testid="measurements">
              <thead>
                <tr>
                  <th scope="col">{t("common.date")}</th><th scope="col">{t("chart.value")}</th><th scope="col">{t("indicator.source")}</th>
                  <th scope="col">{t("indicator.note")}</th>{canMeasure && <th scope="col"><span className="visually-hidden">{t("common.actions")}</span></th>}
                </tr>
              </thead>
              <tbody>
                {[...(measurements.data ?? [])].sort((a, b) => b.date.localeCompare(a.date)).map((m) => (
                  <MeasurementRow key={`${m.id}-${m.version}`} indicator={ind} m={m} canMeasure={canMeasure} onChanged={changed} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      {w13 && (
        <Section title={t("indicator.edit")}>
          <ProblemAlert error={saving.error} shownFields={SHOWN} />
          <form onSubmit={save} noValidate aria-label={t("indicator.edit")}>
            <IndicatorFields draft={draft} set={setDraft} errs={saving.errors} actions={actions.data ?? []} />
            <button type="submit" className="btn" disabled={saving.busy} aria-busy={saving.busy}>{saving.busy ? t("common.saving") : t("common.save")}</button>
          </form>
        </Section>
      )}
      <ConflictDialog open={saving.conflict !== null} conflicts={saving.conflict?.list ?? []}
        label={(f) => fieldLabel(lang, "indicator", f)}
        render={(_f, v) => (v === null || v === undefined || v === "" ? "—" : String(v).slice(0, 120))}
        onReload={() => resolve("reload")} onKeep={() => resolve("keep")} byYou={saving.conflictByYou} />
    </>
  );
}

export default IndicatorList;
