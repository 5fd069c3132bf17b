import { Link } from "react-router";
import { api, unwrap } from "../api/client";
import { useI18n } from "../i18n/I18n";
import { useAsync } from "../lib/useAsync";
import { Badge, Empty, Progress, Section, Skeleton } from "./ui";
import { ProblemAlert } from "./ProblemAlert";

/**
 * A ROSE member's own work first: the actions its organisation leads or is a partner in
 * (soonest end first), the dossiers it raised that are still open, and the next meetings of
 * its bodies (the server shows a ROSE member only those). Each list asks the server, which
 * filters and sorts; nothing here decides who may see what.
 */
export function MyWork({ actorId }: { actorId: string }) {
  const { t, te, date, dateTime } = useI18n();
  const actions = useAsync(
    () => unwrap(api.GET("/api/v1/actions", { params: { query: { actor: actorId, sort: "end_date", limit: 8 } } })),
    [actorId],
  );
  const dossiers = useAsync(
    () => unwrap(api.GET("/api/v1/dossiers", { params: { query: { raised_by: actorId, limit: 50 } } })),
    [actorId],
  );
  const meetings = useAsync(
    () => unwrap(api.GET("/api/v1/meetings", { params: { query: { upcoming: true, limit: 5 } } })),
    [actorId],
  );
  const open = (dossiers.data?.items ?? []).filter((d) => d.status !== "closed");
  return (
    <div className="grid grid-3" data-testid="my-work">
      <Section title={t("dashboard.my_actions")} actions={<Link to="/actions">{t("common.all_items")}</Link>}>
        {actions.loading ? <Skeleton height="8rem" /> : actions.error ? <ProblemAlert error={actions.error} focus={false} /> :
          (actions.data?.items.length ?? 0) === 0 ? <Empty>{t("dashboard.my_actions_none")}</Empty> : (
            <ul className="list-plain">
              {actions.data!.items.map((a) => (
                <li key={a.id}>
                  <Link to={`/actions/${a.id}`}>{a.code} · {a.title}</Link>
                  <div className="meta"><Badge kind={a.status}>{te("action_status", a.status)}</Badge> · {date(a.end_date)}</div>
                  <Progress value={a.progress} label={t("action.progress_of", { code: a.code })} />
                </li>
              ))}
            </ul>
          )}
      </Section>
      <Section title={t("dashboard.my_dossiers")} actions={<Link to="/dossiers">{t("common.all_items")}</Link>}>
        {dossiers.loading ? <Skeleton height="8rem" /> : dossiers.error ? <ProblemAlert error={dossiers.error} focus={false} /> :
          open.length === 0 ? <Empty>{t("dashboard.my_dossiers_none")}</Empty> : (
            <ul className="list-plain">
              {open.slice(0, 8).map((d) => (
                <li key={d.id}>
                  <Link to={`/dossiers/${d.id}`}>{d.code} · {d.title}</Link>
                  <div className="meta">{te("dossier_status", d.status)}</div>
                </li>
              ))}
            </ul>
          )}
      </Section>
      <Section title={t("dashboard.my_meetings")} actions={<Link to="/meetings">{t("common.all_items")}</Link>}>
        {meetings.loading ? <Skeleton height="8rem" /> : meetings.error ? <ProblemAlert error={meetings.error} focus={false} /> :
          (meetings.data?.items.length ?? 0) === 0 ? <Empty>{t("dashboard.meetings_none")}</Empty> : (
            <ul className="list-plain">
              {meetings.data!.items.map((m) => (
                <li key={m.id}>
                  <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                  <div className="meta">{dateTime(m.starts_at)}</div>
                </li>
              ))}
            </ul>
          )}
      </Section>
    </div>
  );
}
