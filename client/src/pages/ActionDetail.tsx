import { Link, useLocation, useParams } from "react-router";
import { api, unwrap } from "../api/client";
import type { Dossier, Meeting } from "../api/types";
import { useI18n } from "../i18n/I18n";
import { todayIso } from "../i18n/format";
import { useAsync } from "../lib/useAsync";
import { allPages, byId, getActors, getObjectives, getPillars } from "../lib/refdata";
import { actionLate, milestoneLate } from "../lib/lifecycle";
import { Badge, Empty, PageHead, Progress, Section, Skeleton } from "../components/ui";
import { ProblemAlert } from "../components/ProblemAlert";
import { IndicatorPanel } from "../components/IndicatorPanel";
import { useSession } from "../auth/session";
import { editScope, mayAddDocuments, mayMeasure, mayUse } from "../auth/permissions";
import { DocumentsPanel } from "../components/DocumentsPanel";
import { QuickProgress } from "../components/QuickProgress";

const QUICK_FIELDS = ["progress", "status", "milestones"];

export default function ActionDetail() {
  const { id = "" } = useParams();
  const { t, te, date } = useI18n();
  const { principal } = useSession();
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const action = useAsync(() => unwrap(api.GET("/api/v1/actions/{record_id}", { params: { path: { record_id: id } } })), [id, principal.role]);
  const pillars = useAsync(getPillars, []);
  const objectives = useAsync(getObjectives, []);
  const actors = useAsync(getActors, []);
  const indicators = useAsync(() => unwrap(api.GET("/api/v1/indicators", { params: { query: { action: id, limit: 50 } } })), [id, principal.role]);
  const subs = useAsync(() => unwrap(api.GET("/api/v1/actions", { params: { query: { parent: id, limit: 100 } } })), [id, principal.role]);
  const dossierIds = action.data?.dossier_ids ?? [];
  const dossiers = useAsync<Dossier[]>(
    () => (mayUse(principal, "dossiers") && dossierIds.length
      ? Promise.all(dossierIds.map((d) => unwrap(api.GET("/api/v1/dossiers/{record_id}", { params: { path: { record_id: d } } })).catch(() => null)))
        .then((xs) => xs.filter((x): x is Dossier => x !== null))
      : Promise.resolve([])),
    [dossierIds.join(","), principal.role],
  );
  const meetings = useAsync<Meeting[]>(
    () => (mayUse(principal, "meetings")
      ? allPages<Meeting>((cursor) => unwrap(api.GET("/api/v1/meetings", { params: { query: { limit: 500, cursor } } })))
        .then((ms) => ms.filter((m) => m.decisions.some((d) => d.action_id === id)))
      : Promise.resolve([])),
    [id, principal.role],
  );

  if (action.loading) return <Skeleton height="28rem" />;
  if (action.error || !action.data) {
    return (
      <>
        <PageHead title={t("action.title_one")} crumbs={[{ to: "/actions", label: t("nav.actions") }]} />
        <ProblemAlert error={action.error} />
      </>
    );
  }
  const a = action.data;
  const actorById = byId(actors.data);
  const pillar = pillars.data?.find((p) => p.id === a.pillar_id);
  const objective = objectives.data?.find((o) => o.id === a.objective_id);
  const kader = pillars.data?.find((p) => p.code === a.wse_lr_code);
  const scope = editScope(a);
  const quick = editScope(a, QUICK_FIELDS);
  const today = todayIso();
  const late = actionLate(a, today);
  const actorLink = (aid: string) => <Link to={`/actors/${aid}`}>{actorById.get(aid)?.name ?? "…"}</Link>;

  return (
    <>
      <PageHead title={`${a.code} · ${a.title}`} crumbs={[{ to: "/actions", label: t("nav.actions") }]}>
        {scope && <Link className="btn" to={`/actions/${a.id}/edit`}>{t("common.edit")}</Link>}
      </PageHead>
      <p>
        <Badge kind={a.status}>{te("action_status", a.status)}</Badge>{" "}
        {late && <Badge kind="late">{t("action.late")}</Badge>}{" "}
        {!a.published && <span className="tag">{t("action.unpublished")}</span>}
      </p>
      {flash && (
        <div className="alert alert-ok" role="status"><p>{flash === "started" ? t("action.started_from_decision") : t("action.saved")}</p></div>
      )}
      {quick && quick.length !== 0 && <QuickProgress action={a} fields={quick} onSaved={(x) => action.setData(x)} />}
      <div className="two-col">
        <div>
          {a.description && <p className="pre">{a.description}</p>}
          <Section title={t("action.milestones")}>
            {a.milestones.length === 0 ? <Empty>{t("action.no_milestones")}</Empty> : (
              <ol className="list-plain" data-testid="milestones">
                {[...a.milestones].sort((x, y) => x.due_date.localeCompare(y.due_date)).map((m, i) => (
                  <li key={i}>
                    <strong>{m.title}</strong>
                    <div className="meta">
                      {t("action.due")} {date(m.due_date)}
                      {m.done_on ? <> · <Badge kind="done">{t("action.reached_on", { date: date(m.done_on) })}</Badge></>
                        : milestoneLate(m, today) ? <> · <Badge kind="late">{t("action.late")}</Badge></> : null}
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </Section>
          <Section title={t("action.indicators")}>
            {indicators.loading ? <Skeleton height="14rem" /> : indicators.error ? <ProblemAlert error={indicators.error} focus={false} /> :
              indicators.data && indicators.data.items.length === 0 ? <Empty>{t("action.no_indicators")}</Empty> : (
                <div className={(indicators.data?.items.length ?? 0) > 1 ? "grid grid-2" : undefined}>
                  {indicators.data?.items.map((ind) => <IndicatorPanel key={ind.id} indicator={ind} canMeasure={mayMeasure(principal, a)} link={principal.role !== "anonymous"} />)}
                </div>
              )}
          </Section>
          <DocumentsPanel parent="actions" parentId={a.id} mayUpload={mayAddDocuments(principal, "action-documents", a)} />
          {subs.data && subs.data.items.length > 0 && (
            <Section title={t("action.sub_actions")}>
              <ul className="list-plain">
                {subs.data.items.map((s) => (
                  <li key={s.id}>
                    <Link to={`/actions/${s.id}`}>{s.code} · {s.title}</Link>{" "}
                    <Badge kind={s.status}>{te("action_status", s.status)}</Badge>
                    <Progress value={s.progress} label={t("action.progress_of", { code: s.code })} />
                  </li>
                ))}
              </ul>
            </Section>
          )}
          {mayUse(principal, "meetings") && (
            <Section title={t("action.meetings")}>
              {meetings.loading ? <Skeleton height="3rem" /> : meetings.error ? <ProblemAlert error={meetings.error} focus={false} /> : (meetings.data ?? []).length === 0 ? <Empty>{t("action.no_meetings")}</Empty> : (
                <ul className="list-plain">
                  {meetings.data!.map((m) => (
                    <li key={m.id}><Link to={`/meetings/${m.id}`}>{m.title}</Link> <span className="meta">{date(m.starts_at)}</span></li>
                  ))}
                </ul>
              )}
            </Section>
          )}
          {mayUse(principal, "dossiers") && (
            <Section title={t("action.dossiers")}>
              {dossiers.loading ? <Skeleton height="3rem" /> : (dossiers.data ?? []).length === 0 ? <Empty>{t("action.no_dossiers")}</Empty> : (
                <ul className="list-plain">
                  {dossiers.data!.map((d) => (
                    <li key={d.id}><Link to={`/dossiers/${d.id}`}>{d.code} · {d.title}</Link> <Badge kind={d.status}>{te("dossier_status", d.status)}</Badge></li>
                  ))}
                </ul>
              )}
            </Section>
          )}
        </div>
        <aside aria-label={t("action.facts")}>
          <h2 style={{ marginTop: 0 }}>{t("action.facts")}</h2>
          <div style={{ marginBottom: "1rem" }}>
            <span className="label">{t("action.progress")}</span>
            <Progress value={a.progress} />
            {a.progress_rollup !== null && a.progress_rollup !== undefined && (
              <p className="meta">{t("action.rollup", { value: a.progress_rollup })}</p>
            )}
          </div>
          <dl className="props" style={{ gridTemplateColumns: "1fr" }}>
            <dt>{t("action.pillar")}</dt><dd>{pillar ? `${pillar.code} ${pillar.title}` : "…"}</dd>
            {objective && <><dt>{t("action.objective")}</dt><dd>{objective.code} {objective.title}</dd></>}
            {a.wse_lr_code && <><dt>{t("action.wse_lr")}</dt><dd>{a.wse_lr_code}{kader && ` ${kader.title}`}</dd></>}
            <dt>{t("action.period")}</dt><dd>{date(a.start_date)} – {date(a.end_date)}</dd>
            {a.accent_years.length > 0 && <><dt>{t("action.accent_years")}</dt><dd>{a.accent_years.join(", ")}</dd></>}
            {a.mvo_themes.length > 0 && <><dt>{t("action.mvo_themes")}</dt><dd>{a.mvo_themes.map((m) => te("mvo_theme", m)).join(", ")}</dd></>}
            <dt>{t("action.lead_actor")}</dt><dd>{a.lead_actor_id ? actorLink(a.lead_actor_id) : "—"}</dd>
            {a.partner_ids.length > 0 && (
              <><dt>{t("action.partners")}</dt><dd><ul className="list-plain">{a.partner_ids.map((p) => <li key={p} style={{ padding: ".1rem 0", border: 0 }}>{actorLink(p)}</li>)}</ul></dd></>
            )}
            {a.bbc_code && <><dt>{t("action.bbc")}</dt><dd>{a.bbc_code}</dd></>}
            {a.w13_plan_codes.length > 0 && <><dt>{t("action.w13_plan")}</dt><dd>{a.w13_plan_codes.join(", ")}</dd></>}
            {a.parent_id && <><dt>{t("action.parent")}</dt><dd><Link to={`/actions/${a.parent_id}`}>{t("action.parent_link")}</Link></dd></>}
            <dt>{t("common.updated")}</dt><dd>{date(a.updated_at)} ({t("common.version", { version: a.version })})</dd>
          </dl>
        </aside>
      </div>
    </>
  );
}
