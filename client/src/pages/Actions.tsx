import { Fragment, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client";
import type { Action, ActionSort, ActionStatus } from "../api/types";
import { useI18n } from "../i18n/I18n";
import { useAsync } from "../lib/useAsync";
import { usePaged } from "../lib/usePaged";
import { byId, getActors, getObjectives, getPillars } from "../lib/refdata";
import { actionLate } from "../lib/lifecycle";
import { ACTION_STATUSES, PLAN_YEARS } from "../lib/enums";
import { todayIso } from "../i18n/format";
import { Badge, Empty, MoreButton, PageHead, Progress, Skeleton } from "../components/ui";
import { SelectField, TextField } from "../components/fields";
import { ProblemAlert } from "../components/ProblemAlert";
import { useSession } from "../auth/session";
import { editScope, mayCreateAction } from "../auth/permissions";
import { QuickProgress } from "../components/QuickProgress";

/** What the quick edit changes; a row offers it when the record's `allowed` lists them. */
const QUICK_FIELDS = ["progress", "status", "milestones"];

const KEYS = ["q", "pillar", "objective", "status", "lead_actor", "year", "wse_lr_code", "late", "sort"] as const;

/** A column header that sorts the list on the server (the sort lives in the URL, `-` for
 * descending): a first click ascends, a second descends. */
function SortHeader({ column, label, sort, onSort }: { column: string; label: string; sort: string; onSort: (s: string) => void }) {
  const state = sort === column ? "ascending" : sort === `-${column}` ? "descending" : "none";
  return (
    <th scope="col" aria-sort={state}>
      <button type="button" className="sort" onClick={() => onSort(state === "ascending" ? `-${column}` : column)}>
        {label}<span aria-hidden="true">{state === "ascending" ? " ▲" : state === "descending" ? " ▼" : ""}</span>
      </button>
    </th>
  );
}

export default function Actions() {
  const { t, te, date } = useI18n();
  const { principal } = useSession();
  const [params, setParams] = useSearchParams();
  const v = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ""])) as Record<(typeof KEYS)[number], string>;
  const [text, setText] = useState(v.q);
  useEffect(() => setText(v.q), [v.q]);

  const pillars = useAsync(getPillars, []);
  const objectives = useAsync(getObjectives, []);
  const actors = useAsync(getActors, []);
  const pillarById = byId(pillars.data);
  const actorById = byId(actors.data);
  const plan = (pillars.data ?? []).filter((p) => p.framework === "actieplan");
  const kader = (pillars.data ?? []).filter((p) => p.framework === "vlaams_kader");
  const objectiveChoices = (objectives.data ?? []).filter((o) => !v.pillar || o.pillar_id === v.pillar);

  const query = {
    limit: 50,
    q: v.q || undefined,
    pillar: v.pillar || undefined,
    objective: v.objective || undefined,
    status: (v.status || undefined) as ActionStatus | undefined,
    lead_actor: v.lead_actor || undefined,
    year: v.year ? Number(v.year) : undefined,
    wse_lr_code: v.wse_lr_code || undefined,
    late: v.late === "true" ? true : undefined,
    sort: (v.sort || undefined) as ActionSort | undefined,
  };
  const list = usePaged<Action>(
    (cursor) => unwrap(api.GET("/api/v1/actions", { params: { query: { ...query, cursor } } })),
    [...KEYS.map((k) => v[k]), principal.role],
  );

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === "pillar") next.delete("objective");
    setParams(next, { replace: true });
  };
  // Rows saved in place since the page loaded (the list itself is not read again).
  const [savedRows, setSavedRows] = useState<Record<string, Action>>({});
  const [open, setOpen] = useState<string | null>(null);
  const items = list.items.map((a) => savedRows[a.id] ?? a);
  const quickOf = (a: Action) => {
    const scope = editScope(a, QUICK_FIELDS);
    return scope && (scope === "all" || scope.some((f) => QUICK_FIELDS.includes(f))) ? scope : null;
  };
  const anyQuick = items.some((a) => quickOf(a) !== null);
  const today = todayIso();

  return (
    <>
      <PageHead title={t("actions.title")}>
        {mayCreateAction(principal) && <Link className="btn" to="/actions/new">{t("actions.new")}</Link>}
      </PageHead>
      <form className="filters" role="search" aria-label={t("actions.filters")} onSubmit={(e) => { e.preventDefault(); set("q", text.trim()); }}>
        <div className="grid grid-4">
          <TextField name="q" type="search" label={t("common.search_text")} value={text} onChange={setText} />
          <SelectField name="pillar" label={t("action.pillar")} value={v.pillar} onChange={(x) => set("pillar", x)} emptyLabel={t("common.all")}
            options={plan.map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))} />
          <SelectField name="objective" label={t("action.objective")} value={v.objective} onChange={(x) => set("objective", x)} emptyLabel={t("common.all")}
            options={objectiveChoices.map((o) => ({ value: o.id, label: `${o.code} ${o.title}` }))} />
          <SelectField name="status" label={t("action.status")} value={v.status} onChange={(x) => set("status", x)} emptyLabel={t("common.all")}
            options={ACTION_STATUSES.map((s) => ({ value: s, label: te("action_status", s) }))} />
          <SelectField name="lead_actor" label={t("action.lead_actor")} value={v.lead_actor} onChange={(x) => set("lead_actor", x)} emptyLabel={t("common.all")}
            options={(actors.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
          <SelectField name="year" label={t("action.year")} value={v.year} onChange={(x) => set("year", x)} emptyLabel={t("common.all")}
            options={PLAN_YEARS.map((y) => ({ value: String(y), label: String(y) }))} />
          <SelectField name="wse_lr_code" label={t("action.wse_lr")} value={v.wse_lr_code} onChange={(x) => set("wse_lr_code", x)} emptyLabel={t("common.all")}
            options={kader.map((p) => ({ value: p.code, label: `${p.code} ${p.title}` }))} />
          <SelectField name="late" label={t("actions.late_filter")} value={v.late} onChange={(x) => set("late", x)} emptyLabel={t("common.all")}
            options={[{ value: "true", label: t("actions.late_only") }]} />
          <div className="field" style={{ alignSelf: "end" }}>
            <button className="btn" type="submit">{t("common.search")}</button>
          </div>
        </div>
      </form>
      <ProblemAlert error={list.error} />
      <p role="status" aria-live="polite" className="muted">
        {!list.loading && !list.error && t("actions.count", { count: items.length, more: list.hasMore ? "+" : "" })}
      </p>
      {list.loading ? <Skeleton height="24rem" /> : items.length === 0 ? <Empty>{t("actions.none")}</Empty> : (
        <div className="table-wrap">
          <table data-testid="actions-table">
            <caption className="visually-hidden">{t("actions.title")}</caption>
            <thead>
              <tr>
                <SortHeader column="code" label={t("action.code")} sort={v.sort} onSort={(s) => set("sort", s)} />
                <SortHeader column="title" label={t("action.title")} sort={v.sort} onSort={(s) => set("sort", s)} />
                <th scope="col">{t("action.pillar")}</th>
                <SortHeader column="status" label={t("action.status")} sort={v.sort} onSort={(s) => set("sort", s)} />
                <SortHeader column="progress" label={t("action.progress")} sort={v.sort} onSort={(s) => set("sort", s)} />
                <SortHeader column="lead" label={t("action.lead_actor")} sort={v.sort} onSort={(s) => set("sort", s)} />
                <SortHeader column="end_date" label={t("action.period")} sort={v.sort} onSort={(s) => set("sort", s)} />
                {anyQuick && <th scope="col"><span className="visually-hidden">{t("action.quick_col")}</span></th>}
              </tr>
            </thead>
            <tbody>
              {items.map((a) => {
                const quick = quickOf(a);
                return (
                <Fragment key={a.id}>
                <tr>
                  <td>{a.code}</td>
                  <td>
                    <Link to={`/actions/${a.id}`}>{a.title}</Link>
                    {actionLate(a, today) && <> <Badge kind="late">{t("action.late")}</Badge></>}
                  </td>
                  <td style={{ whiteSpace: "nowrap" }}>{pillarById.get(a.pillar_id)?.code ?? ""}{a.wse_lr_code && <div className="meta">{a.wse_lr_code}</div>}</td>
                  <td><Badge kind={a.status}>{te("action_status", a.status)}</Badge></td>
                  <td><Progress value={a.progress} label={t("action.progress_of", { code: a.code })} /></td>
                  <td>{a.lead_actor_id ? actorById.get(a.lead_actor_id)?.name ?? "…" : "—"}</td>
                  <td style={{ whiteSpace: "nowrap" }}>{date(a.start_date)} – {date(a.end_date)}</td>
                  {anyQuick && (
                    <td>
                      {quick && (
                        <button type="button" className="btn btn-secondary btn-small" aria-expanded={open === a.id}
                          aria-label={t("action.quick_of", { code: a.code })} onClick={() => setOpen(open === a.id ? null : a.id)}>
                          {t("action.quick_open")}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
                {quick && open === a.id && (
                  <tr>
                    <td colSpan={8}>
                      <QuickProgress action={a} fields={quick} compact onSaved={(x) => setSavedRows((r) => ({ ...r, [x.id]: x }))} />
                    </td>
                  </tr>
                )}
                </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ProblemAlert error={list.moreError} />
      {list.hasMore && !list.loading && <MoreButton onClick={list.loadMore} busy={list.busy} />}
    </>
  );
}
