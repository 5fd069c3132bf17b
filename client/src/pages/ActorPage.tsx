import { Link, useLocation, useParams } from "react-router";
import { api, unwrap } from "../api/client";
import { useI18n } from "../i18n/I18n";
import { useAsync } from "../lib/useAsync";
import { getMunicipalities, municipalityName } from "../lib/refdata";
import { PageHead, Skeleton, Section, Empty } from "../components/ui";
import { ProblemAlert } from "../components/ProblemAlert";
import { useSession } from "../auth/session";
import { mayUpdate, mayUse } from "../auth/permissions";

export default function ActorPage() {
  const { id = "" } = useParams();
  const { t, te, lang, num } = useI18n();
  const { principal } = useSession();
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const actor = useAsync(() => unwrap(api.GET("/api/v1/actors/{record_id}", { params: { path: { record_id: id } } })), [id, principal.role]);
  const munis = useAsync(getMunicipalities, []);
  const actions = useAsync(
    () => (mayUse(principal, "actions")
      ? unwrap(api.GET("/api/v1/actions", { params: { query: { actor: id, limit: 50 } } }))
      : Promise.resolve({ items: [], next_cursor: null })),
    [id, principal.role],
  );

  if (actor.loading) return <Skeleton height="24rem" />;
  if (actor.error || !actor.data) {
    return (
      <>
        <PageHead title={t("actor.title")} crumbs={[{ to: "/", label: t("nav.directory") }]} />
        <ProblemAlert error={actor.error} />
      </>
    );
  }
  const a = actor.data;
  const muni = munis.data?.find((m) => m.nis_code === a.municipality);
  const address = [a.street, [a.postal_code, a.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return (
    <>
      <PageHead title={a.name} crumbs={[{ to: "/", label: t("nav.directory") }]}>
        {mayUpdate(a) && <Link className="btn" to={`/actors/${a.id}/edit`}>{t("common.edit")}</Link>}
      </PageHead>
      {flash === "saved" && <div className="alert alert-ok" role="status"><p>{t("actor.saved")}</p></div>}
      <p className="meta">
        {te("actor_kind", a.kind)}
        {a.rose_member && <> · {t("actor.rose_member")}</>}
        {a.fictional && <> · <span className="tag">{t("actor.fictional")}</span></>}
      </p>
      <div className="two-col">
        <div>
          {a.description && <p className="pre">{a.description}</p>}
          <Section title={t("actor.places")}>
            {a.places.length === 0 ? <Empty>{t("actor.no_places")}</Empty> : (
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">{t("actor.places")}</caption>
                  <thead>
                    <tr><th scope="col">{t("actor.rung")}</th><th scope="col">{t("common.description")}</th><th scope="col" className="num">{t("actor.count")}</th></tr>
                  </thead>
                  <tbody>
                    {[...a.places].sort((x, y) => y.rung - x.rung).map((p, i) => (
                      <tr key={i}>
                        <td>{p.rung} – {te("rung", String(p.rung))}</td>
                        <td>{p.description}</td>
                        <td className="num">{p.count === null || p.count === undefined ? "—" : num(p.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>
          <Section title={t("actor.goods_services")}>
            {a.goods_services.length === 0 ? <Empty>{t("actor.no_goods")}</Empty> : (
              <ul className="list-plain">
                {a.goods_services.map((g, i) => (
                  <li key={i}><strong>{g.name}</strong>{g.description && <> — {g.description}</>}</li>
                ))}
              </ul>
            )}
          </Section>
          {mayUse(principal, "actions") && actions.data && actions.data.items.length > 0 && (
            <Section title={t("actor.actions")}>
              <ul className="list-plain">
                {actions.data.items.map((x) => (
                  <li key={x.id}>
                    <Link to={`/actions/${x.id}`}>{x.code} · {x.title}</Link>{" "}
                    <span className="meta">({x.lead_actor_id === a.id ? t("action.lead") : t("action.partner")})</span>
                  </li>
                ))}
              </ul>
            </Section>
          )}
        </div>
        <aside aria-label={t("actor.contact")}>
          <h2 style={{ marginTop: 0 }}>{t("actor.contact")}</h2>
          <dl className="props" style={{ gridTemplateColumns: "1fr" }}>
            {muni && <><dt>{t("common.municipality")}</dt><dd>{municipalityName(muni, lang)} ({muni.nis_code})</dd></>}
            {address && <><dt>{t("actor.address")}</dt><dd>{address}</dd></>}
            {a.website && <><dt>{t("actor.website")}</dt><dd><a href={a.website} rel="noopener noreferrer" target="_blank">{a.website.replace(/^https?:\/\//, "")}<span className="visually-hidden"> ({t("common.new_window")})</span></a></dd></>}
            {a.email && <><dt>{t("common.email")}</dt><dd><a href={`mailto:${a.email}`}>{a.email}</a></dd></>}
            {a.phone && <><dt>{t("actor.phone")}</dt><dd><a href={`tel:${a.phone.replace(/[^0-9+]/g, "")}`}>{a.phone}</a></dd></>}
            {a.kbo_number && <><dt>{t("actor.kbo")}</dt><dd>{a.kbo_number.replace(/^(\d{4})(\d{3})(\d{3})$/, "$1.$2.$3")}</dd></>}
          </dl>
          {a.target_groups.length > 0 && (
            <>
              <h3>{t("actor.target_groups")}</h3>
              <ul className="tags">
                {a.target_groups.map((g) => <li key={g} className="tag">{te("target_group", g)}</li>)}
              </ul>
            </>
          )}
          {a.contact_persons && a.contact_persons.length > 0 && (
            <>
              <h3>{t("actor.contact_persons")}</h3>
              <ul className="list-plain">
                {a.contact_persons.map((c, i) => (
                  <li key={i}>
                    <strong>{c.name}</strong>{c.role && <>, {c.role}</>}
                    {c.email && <><br /><a href={`mailto:${c.email}`}>{c.email}</a></>}
                    {c.phone && <><br />{c.phone}</>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </aside>
      </div>
    </>
  );
}
