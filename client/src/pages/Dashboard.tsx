import { useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../api/client";
import type { Action, Dossier, Indicator } from "../api/types";
import { useI18n } from "../i18n/I18n";
import { useAsync } from "../lib/useAsync";
import { allPages, getActors, getBodies, getPillars, byId } from "../lib/refdata";
import { dashboardYears, indicatorOrder, mvoImpulses, pillarStats, suggestedYear, wseCoverage } from "../lib/dashboard";
import { ACTION_STATUSES } from "../lib/enums";
import { Badge, Empty, PageHead, Progress, Section, Skeleton } from "../components/ui";
import { ProblemAlert } from "../components/ProblemAlert";
import { IndicatorPanel } from "../components/IndicatorPanel";
import { useSession } from "../auth/session";
import { mayUse } from "../auth/permissions";
import { ReportDownload } from "../components/ReportDownload";
import { MyWork } from "../components/MyWork";

export default function Dashboard() {
  const { t, te, date, dateTime } = useI18n();
  const { principal, me } = useSession();
  const [chosenYear, setYear] = useState<number | null>(null);
  const [allIndicators, setAllIndicators] = useState(false);
  const pillars = useAsync(getPillars, []);
  const actors = useAsync(getActors, []);
  const bodies = useAsync(() => (mayUse(principal, "meetings") ? getBodies() : Promise.resolve([])), [principal.role]);
  const actions = useAsync(() => allPages<Action>((cursor) => unwrap(api.GET("/api/v1/actions", { params: { query: { limit: 500, cursor } } }))), [principal.role]);
  const late = useAsync(() => unwrap(api.GET("/api/v1/actions", { params: { query: { late: true, limit: 20 } } })), [principal.role]);
  const meetings = useAsync(
    () => (mayUse(principal, "meetings") ? unwrap(api.GET("/api/v1/meetings", { params: { query: { upcoming: true, limit: 5 } } })) : Promise.resolve(null)),
    [principal.role],
  );
  const dossiers = useAsync<Dossier[] | null>(
    () => (mayUse(principal, "dossiers")
      ? allPages<Dossier>((cursor) => unwrap(api.GET("/api/v1/dossiers", { params: { query: { limit: 500, cursor } } }))).then((ds) => ds.filter((d) => d.status !== "closed"))
      : Promise.resolve(null)),
    [principal.role],
  );
  const indicators = useAsync<Indicator[]>(
    () => allPages<Indicator>((cursor) => unwrap(api.GET("/api/v1/indicators", { params: { query: { kind: "context", limit: 200, cursor } } }))),
    [principal.role],
  );

  const plan = (pillars.data ?? []).filter((p) => p.framework === "actieplan");
  const kader = (pillars.data ?? []).filter((p) => p.framework === "vlaams_kader");
  const list = actions.data ?? [];
  const year = chosenYear ?? suggestedYear(list);
  const actorById = byId(actors.data);
  const bodyById = byId(bodies.data ?? []);
  const shownIndicators = indicatorOrder(indicators.data ?? []).slice(0, allIndicators ? undefined : 4);

  return (
    <>
      <PageHead title={t("dashboard.title")} />
      {me && <p className="lead">{t("dashboard.welcome", { name: me.label ?? "" })}</p>}
      {principal.role === "rose_member" && principal.actorId && <MyWork actorId={principal.actorId} />}
      <div className="filters" style={{ paddingBottom: ".25rem" }}>
        <div className="field" style={{ maxWidth: "14rem" }}>
          <label htmlFor="dash-year">{t("dashboard.year")}</label>
          <select id="dash-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {dashboardYears().map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
      </div>
      <ProblemAlert error={actions.error} />
      {mayUse(principal, "reports") && <ReportDownload year={year} principal={principal} />}

      <Section title={t("dashboard.per_pillar")}>
        {actions.loading || pillars.loading ? <Skeleton height="14rem" /> : (
          <div className="grid grid-3">
            {plan.map((p) => {
              const s = pillarStats(list, p.id);
              return (
                <article key={p.id} className="card" aria-labelledby={`pillar-${p.id}`}>
                  <h3 id={`pillar-${p.id}`}><Link to={`/actions?pillar=${p.id}`}>{p.code} {p.title}</Link></h3>
                  <p className="meta">{t("dashboard.n_actions", { count: s.total })}</p>
                  {s.total > 0 && (
                    <>
                      <div className="stack" aria-hidden="true">
                        {ACTION_STATUSES.map((st) => s.byStatus[st] > 0 && (
                          <span key={st} className={`st-${st}`} style={{ width: `${(s.byStatus[st] / s.total) * 100}%` }} />
                        ))}
                      </div>
                      <ul className="legend">
                        {ACTION_STATUSES.filter((st) => s.byStatus[st] > 0).map((st) => (
                          <li key={st}><span className={`swatch st-${st}`} style={{ display: "inline-block", width: ".8rem", height: ".8rem", borderRadius: "2px", marginRight: ".3rem", verticalAlign: "middle" }} />
                            {te("action_status", st)}: {s.byStatus[st]}</li>
                        ))}
                      </ul>
                      {s.meanProgress !== null && (
                        <div style={{ marginTop: ".5rem" }}>
                          <span className="meta">{t("dashboard.mean_progress")}</span>
                          <Progress value={s.meanProgress} label={t("dashboard.mean_progress_of", { code: p.code })} />
                        </div>
                      )}
                    </>
                  )}
                </article>
              );
            })}
          </div>
        )}
      </Section>

      <div className="two-col">
        <div>
          <Section title={t("dashboard.mvo", { year })}>
            {actions.loading ? <Skeleton height="10rem" /> : (
              <div className="grid grid-2">
                {mvoImpulses(list, year).map(({ theme, actions: xs }) => (
                  <div key={theme} className="card">
                    <h3>{te("mvo_theme", theme)}</h3>
                    {xs.length === 0 ? <p className="badge badge-late">{t("dashboard.mvo_none")}</p> : (
                      <ul className="list-plain">
                        {xs.slice(0, 5).map((a) => (
                          <li key={a.id}>
                            <Link to={`/actions/${a.id}`}>{a.code} · {a.title}</Link>
                            {a.accent_years.includes(year) && <> <span className="tag">{t("dashboard.accent")}</span></>}
                          </li>
                        ))}
                        {xs.length > 5 && <li className="meta">{t("dashboard.and_more", { count: xs.length - 5 })}</li>}
                      </ul>
                    )}
                  </div>
                ))}
              </div>
            )}
          </Section>
          {kader.length > 0 && (
            <Section title={t("dashboard.wse", { year })}>
              {actions.loading ? <Skeleton height="4rem" /> : (
                <ul className="tags">
                  {wseCoverage(list, kader.map((k) => k.code), year).map(({ code, count }) => (
                    <li key={code}>
                      <Link to={`/actions?wse_lr_code=${encodeURIComponent(code)}&year=${year}`} className={`badge ${count ? "badge-done" : "badge-late"}`}>
                        {code}: {t("dashboard.n_actions", { count })}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          )}
        </div>
        <div>
          <Section title={t("dashboard.late")}>
            {late.loading ? <Skeleton height="8rem" /> : late.error ? <ProblemAlert error={late.error} focus={false} /> :
              (late.data?.items.length ?? 0) === 0 ? <Empty>{t("dashboard.late_none")}</Empty> : (
                <>
                <ul className="list-plain" data-testid="late-actions">
                  {late.data!.items.slice(0, 6).map((a) => (
                    <li key={a.id}>
                      <Link to={`/actions/${a.id}`}>{a.code} · {a.title}</Link>
                      <div className="meta">{a.lead_actor_id ? actorById.get(a.lead_actor_id)?.name : ""} · {t("action.ends")} {date(a.end_date)}</div>
                    </li>
                  ))}
                </ul>
                {(late.data!.items.length > 6 || late.data!.next_cursor) && (
                  <p><Link to="/actions?late=true">{t("dashboard.late_all")}</Link></p>
                )}
                </>
              )}
          </Section>
          {mayUse(principal, "meetings") && (
            <Section title={t("dashboard.meetings")} actions={<Link to="/meetings">{t("common.all_items")}</Link>}>
              {meetings.loading ? <Skeleton height="8rem" /> : meetings.error ? <ProblemAlert error={meetings.error} focus={false} /> :
                (meetings.data?.items.length ?? 0) === 0 ? <Empty>{t("dashboard.meetings_none")}</Empty> : (
                  <ul className="list-plain">
                    {meetings.data!.items.map((m) => (
                      <li key={m.id}>
                        <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                        <div className="meta">{dateTime(m.starts_at)} · {bodyById.get(m.body_id)?.name ?? ""}</div>
                      </li>
                    ))}
                  </ul>
                )}
            </Section>
          )}
          {mayUse(principal, "dossiers") && (
            <Section title={t("dashboard.dossiers")} actions={<Link to="/dossiers">{t("common.all_items")}</Link>}>
              {dossiers.loading ? <Skeleton height="8rem" /> : dossiers.error ? <ProblemAlert error={dossiers.error} focus={false} /> :
                (dossiers.data?.length ?? 0) === 0 ? <Empty>{t("dashboard.dossiers_none")}</Empty> : (
                  <ul className="list-plain">
                    {dossiers.data!.slice(0, 8).map((d) => (
                      <li key={d.id}>
                        <Link to={`/dossiers/${d.id}`}>{d.code} · {d.title}</Link> <Badge kind={d.status}>{te("dossier_status", d.status)}</Badge>
                      </li>
                    ))}
                  </ul>
                )}
            </Section>
          )}
        </div>
      </div>

      <Section title={t("dashboard.indicators")}>
        {indicators.loading ? <Skeleton height="16rem" /> : indicators.error ? <ProblemAlert error={indicators.error} focus={false} /> :
          shownIndicators.length === 0 ? <Empty>{t("dashboard.indicators_none")}</Empty> : (
            <>
              <div className="grid grid-2">
                {shownIndicators.map((ind) => <IndicatorPanel key={ind.id} indicator={ind} canMeasure={principal.role === "w13"} link />)}
              </div>
              {(indicators.data?.length ?? 0) > 4 && (
                <button type="button" className="btn btn-secondary" aria-expanded={allIndicators} onClick={() => setAllIndicators((x) => !x)}>
                  {allIndicators ? t("dashboard.fewer_indicators") : t("dashboard.all_indicators", { count: indicators.data!.length })}
                </button>
              )}
            </>
          )}
      </Section>
    </>
  );
}
