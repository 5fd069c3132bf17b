import { useEffect, useState, type FormEvent } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client";
import type { components } from "../api/schema";
import { agreementParams, csvFilename, peopleCsv, saveBlob } from "../api/csv";
import { useI18n } from "../i18n/I18n";
import { todayIso } from "../i18n/format";
import { useAsync } from "../lib/useAsync";
import { usePaged } from "../lib/usePaged";
import { useSubmit } from "../lib/useSubmit";
import { allPages, getMunicipalities, municipalityName } from "../lib/refdata";
import { REGIMES } from "../lib/enums";
import { Badge, Empty, MoreButton, PageHead, Skeleton } from "../components/ui";
import { SelectField, TextField } from "../components/fields";
import { ProblemAlert } from "../components/ProblemAlert";
import { useSession } from "../auth/session";
import { mayManageAgreements } from "../auth/permissions";

type Agreement = components["schemas"]["AgreementRead"];
type Regime = components["schemas"]["Regime"];

export default function Agreements() {
  const { t, te, date, money, num, lang } = useI18n();
  const { principal } = useSession();
  const manage = mayManageAgreements(principal);
  // What the edit page did, said once on arrival.
  const done = useLocation().state as { flash?: "created" | "saved" | "ended" | "deleted"; title?: string } | null;
  const [params, setParams] = useSearchParams();
  const ownMuni = principal.role === "municipality" ? principal.municipality : null;
  const municipality = ownMuni ?? params.get("municipality") ?? "";
  // Without a date the page shows the current and the most recent agreements (latest end
  // first): a municipality whose agreements all ended still sees its latest ones.
  const activeOn = params.get("active_on") ?? "";
  const today = todayIso();
  const regime = params.get("regime") ?? "";
  const [dateText, setDateText] = useState(activeOn);
  useEffect(() => setDateText(activeOn), [activeOn]);
  const munis = useAsync(getMunicipalities, []);
  const muniByNis = new Map((munis.data ?? []).map((m) => [m.nis_code, m]));
  const q = { municipality, activeOn, regime };
  const query = { ...agreementParams(q), limit: 50, sort: activeOn ? undefined : "-end_date" } as {
    municipality?: string; active_on?: string; regime?: Regime; limit: number; sort?: "-end_date";
  };
  const list = usePaged<Agreement>(
    (cursor) => unwrap(api.GET("/api/v1/agreements", { params: { query: { ...query, cursor } } })),
    [municipality, activeOn, regime, principal.role],
  );
  const [csvDone, setCsvDone] = useState<string | null>(null);
  // People get the CSV in their words (headers, labels, names, dates), built from the same
  // selection as the table; the API's CSV keeps field names for systems (src/api/csv.ts).
  const { run: download, busy: csvBusy, error: csvError } = useSubmit(async () => {
    setCsvDone(null);
    const rows = await allPages((cursor) => unwrap(api.GET("/api/v1/agreements", { params: { query: { ...query, limit: 500, cursor } } })));
    const header = [
      t("agreement.title_field"), t("agreement.provider"), t("actor.kbo"), t("agreement.municipalities"), t("agreement.regime"),
      t("agreement.service"), t("agreement.target_group"), t("agreement.start_date"), t("agreement.end_date"),
      t("agreement.compensation_amount"), t("agreement.volume"), t("agreement.volume_unit"), t("agreement.council_decision_date"),
    ];
    const cells = rows.map((a) => [
      a.title, a.provider_name ?? "", a.provider_kbo ?? "", a.municipalities.map((n) => municipalityName(muniByNis.get(n), lang, n)).join(", "),
      te("regime", a.regime), a.service, a.target_group ?? "", date(a.start_date), date(a.end_date),
      a.compensation_amount === null || a.compensation_amount === undefined ? "" : num(a.compensation_amount),
      a.volume === null || a.volume === undefined ? "" : num(a.volume), te("volume_unit", a.volume_unit ?? ""),
      a.council_decision_date ? date(a.council_decision_date) : "",
    ]);
    const name = csvFilename(q);
    saveBlob(new Blob([peopleCsv(header, cells)], { type: "text/csv;charset=utf-8" }), name);
    setCsvDone(name);
  });

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    if (!v) next.delete(k);
    setParams(next, { replace: true });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set("active_on", dateText);
  };

  return (
    <>
      <PageHead title={t("agreements.title")}>
        {manage && <Link className="btn" to="/agreements/new">{t("agreements.new")}</Link>}
      </PageHead>
      {done?.flash && <div className="alert alert-ok" role="status"><p>{t(`agreements.${done.flash}`, { title: done.title ?? "" })}</p></div>}
      <p className="lead">{ownMuni ? t("agreements.lead_own", { name: municipalityName(muniByNis.get(ownMuni), lang, ownMuni) }) : t("agreements.lead")}</p>
      <form className="filters" onSubmit={submit} aria-label={t("agreements.filters")}>
        <div className="grid grid-4">
          {ownMuni ? (
            <div className="field">
              <span className="label">{t("common.municipality")}</span>
              <p style={{ margin: ".5rem 0" }}>{municipalityName(muniByNis.get(ownMuni), lang, ownMuni)} ({ownMuni})</p>
            </div>
          ) : (
            <SelectField name="municipality" label={t("common.municipality")} value={municipality} emptyLabel={t("common.all")} onChange={(v) => set("municipality", v)}
              options={(munis.data ?? []).map((m) => ({ value: m.nis_code, label: `${municipalityName(m, lang)} (${m.nis_code})` }))} />
          )}
          <TextField name="active_on" type="date" label={t("agreements.active_on")} hint={t("agreements.active_on_hint")} value={dateText} onChange={setDateText} />
          <SelectField name="regime" label={t("agreement.regime")} value={regime} emptyLabel={t("common.all")} onChange={(v) => set("regime", v)}
            options={REGIMES.map((r) => ({ value: r, label: te("regime", r) }))} />
          <div className="field" style={{ alignSelf: "end", display: "flex", gap: ".5rem", flexWrap: "wrap" }}>
            <button type="submit" className="btn">{t("agreements.show")}</button>
          </div>
        </div>
      </form>
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" onClick={() => void download()} disabled={csvBusy} aria-busy={csvBusy}>
          {csvBusy ? t("common.loading") : t("agreements.csv")}
        </button>
        {activeOn
          ? <button type="button" className="btn btn-secondary" onClick={() => set("active_on", "")}>{t("agreements.recent")}</button>
          : <button type="button" className="btn btn-secondary" onClick={() => set("active_on", today)}>{t("agreements.today")}</button>}
      </div>
      <div role="status" aria-live="polite">
        {csvDone && <p className="alert alert-ok">{t("agreements.csv_done", { name: csvDone })}</p>}
      </div>
      <ProblemAlert error={csvError} />
      <ProblemAlert error={list.error} />
      <p className="muted" aria-live="polite">
        {!list.loading && t("agreements.count", { count: list.items.length, more: list.hasMore ? "+" : "" })}
        {activeOn ? <> · {t("agreements.active_on_is", { date: date(activeOn, "long") })}</> : <> · {t("agreements.recent_is")}</>}
      </p>
      {list.loading ? <Skeleton height="16rem" /> : list.items.length === 0 ? <Empty>{t("agreements.none")}</Empty> : (
        <div className="table-wrap">
          <table data-testid="agreements-table">
            <caption className="visually-hidden">{t("agreements.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("agreement.title")}</th>
                <th scope="col">{t("agreement.provider")}</th>
                <th scope="col">{t("agreement.municipalities")}</th>
                <th scope="col">{t("agreement.period")} · {t("agreement.regime")}</th>
                <th scope="col" className="num">{t("agreement.compensation")}</th>
                <th scope="col" className="num">{t("agreement.volume")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <strong>{a.title}</strong>
                    {manage && <> <Link to={`/agreements/${a.id}/edit`}>{t("agreement.edit_link")}<span className="visually-hidden"> {a.title}</span></Link></>}
                    <div className="meta">{a.service}{a.target_group && <> · {a.target_group}</>}</div>
                    {a.council_decision_date && (
                      <div className="meta">
                        {t("agreement.council_decision")}: {a.council_decision_uri
                          ? <a href={a.council_decision_uri} rel="noopener noreferrer">{date(a.council_decision_date)}</a>
                          : date(a.council_decision_date)}
                      </div>
                    )}
                  </td>
                  <td>
                    <Link to={`/actors/${a.provider_id}`}>{a.provider_name ?? "…"}</Link>
                    {a.provider_kbo && <div className="meta">{t("actor.kbo")} {a.provider_kbo.replace(/^(\d{4})(\d{3})(\d{3})$/, "$1.$2.$3")}</div>}
                  </td>
                  <td>{a.municipalities.map((n) => municipalityName(muniByNis.get(n), lang, n)).join(", ")}</td>
                  <td><span style={{ whiteSpace: "nowrap" }}>{date(a.start_date)} –</span> <span style={{ whiteSpace: "nowrap" }}>{date(a.end_date)}</span>
                    {" "}{a.end_date < today ? <Badge kind="planned">{t("agreements.phase_ended")}</Badge>
                      : a.start_date > today ? <Badge kind="open">{t("agreements.phase_future")}</Badge>
                        : <Badge kind="in_progress">{t("agreements.phase_running")}</Badge>}
                    <div className="meta">{te("regime", a.regime)}</div></td>
                  <td className="num" style={{ whiteSpace: "nowrap" }}>{money(a.compensation_amount)}</td>
                  <td className="num">{a.volume !== null && a.volume !== undefined ? `${num(a.volume)} ${te("volume_unit", a.volume_unit ?? "")}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ProblemAlert error={list.moreError} focus={false} />
      {list.hasMore && <MoreButton onClick={list.loadMore} busy={list.busy} />}
    </>
  );
}
