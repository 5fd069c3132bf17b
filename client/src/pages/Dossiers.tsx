import { Link, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client";
import type { Dossier } from "../api/types";
import { useI18n } from "../i18n/I18n";
import { useAsync } from "../lib/useAsync";
import { allPages, byId, getActors } from "../lib/refdata";
import { DOSSIER_LEVELS, DOSSIER_STATUSES, DOSSIER_THEMES } from "../lib/enums";
import { PageHead, Skeleton } from "../components/ui";
import { SelectField } from "../components/fields";
import { ProblemAlert } from "../components/ProblemAlert";
import { useSession } from "../auth/session";
import { mayRaiseDossier } from "../auth/permissions";

export default function Dossiers() {
  const { t, te } = useI18n();
  const { principal } = useSession();
  const [params, setParams] = useSearchParams();
  const theme = params.get("theme") ?? "";
  const level = params.get("level") ?? "";
  const actors = useAsync(getActors, []);
  const actorById = byId(actors.data);
  const list = useAsync<Dossier[]>(
    () => allPages<Dossier>((cursor) => unwrap(api.GET("/api/v1/dossiers", {
      params: { query: { limit: 500, cursor, theme: (theme || undefined) as Dossier["theme"] | undefined, level: (level || undefined) as Dossier["level"] | undefined } },
    })), 5),
    [theme, level, principal.role],
  );
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageHead title={t("dossiers.title")}>
        {mayRaiseDossier(principal) && <Link className="btn" to="/dossiers/new">{t("dossiers.new")}</Link>}
      </PageHead>
      <p className="lead">{t("dossiers.lead")}</p>
      <div className="filters">
        <div className="grid grid-3">
          <SelectField name="theme" label={t("dossier.theme")} value={theme} emptyLabel={t("common.all")} onChange={(v) => set("theme", v)}
            options={DOSSIER_THEMES.map((x) => ({ value: x, label: te("dossier_theme", x) }))} />
          <SelectField name="level" label={t("dossier.level")} value={level} emptyLabel={t("common.all")} onChange={(v) => set("level", v)}
            options={DOSSIER_LEVELS.map((x) => ({ value: x, label: te("dossier_level", x) }))} />
        </div>
      </div>
      <ProblemAlert error={list.error} />
      {list.loading ? <Skeleton height="20rem" /> : (
        <div className="board" data-testid="dossier-board">
          {DOSSIER_STATUSES.map((s) => {
            const col = (list.data ?? []).filter((d) => d.status === s);
            return (
              <section key={s} className="column" aria-labelledby={`col-${s}`} data-status={s}>
                <h2 id={`col-${s}`}><span>{te("dossier_status", s)}</span> <span className="meta" aria-label={t("dossiers.n", { count: col.length })}>{col.length}</span></h2>
                {col.length === 0 ? <p className="empty">{t("dossiers.column_empty")}</p> : (
                  <ul className="cards">
                    {col.map((d) => (
                      <li key={d.id} className="card">
                        <h3><Link to={`/dossiers/${d.id}`}>{d.code} · {d.title}</Link></h3>
                        <p className="meta">{te("dossier_theme", d.theme)} · {te("dossier_level", d.level)}</p>
                        {d.raised_by_id && <p className="meta">{t("dossier.raised_by")}: {actorById.get(d.raised_by_id)?.name ?? "…"}</p>}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </>
  );
}
