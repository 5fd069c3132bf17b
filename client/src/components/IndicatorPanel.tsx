import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../api/client";
import type { Indicator } from "../api/types";
import { useI18n } from "../i18n/I18n";
import { todayIso, toNumber } from "../i18n/format";
import { useAsync } from "../lib/useAsync";
import { useSubmit } from "../lib/useSubmit";
import { LineChart } from "./LineChart";
import { ProblemAlert } from "./ProblemAlert";
import { Skeleton } from "./ui";
import { TextField } from "./fields";

/** One indicator: its chart with baseline and target, and (when allowed) a form to add a measurement. */
export function IndicatorPanel({ indicator, canMeasure, headingLevel = 3, onMeasured, link = false }: {
  indicator: Indicator; canMeasure: boolean; headingLevel?: 2 | 3; onMeasured?: () => void;
  /** The heading links to the indicator's own page (its measurements, and W13's editing). */
  link?: boolean;
}) {
  const { t, te, qty } = useI18n();
  const series = useAsync(() => unwrap(api.GET("/api/v1/indicators/{record_id}/series", { params: { path: { record_id: indicator.id } } })), [indicator.id]);
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ date: todayIso(), value: "", data_source: "", note: "" });
  const [saved, setSaved] = useState(false);
  const measure = useSubmit(async () => {
    setSaved(false);
    const value = toNumber(form.value.replace(",", "."));
    await unwrap(api.POST("/api/v1/indicators/{parent_id}/measurements", {
      params: { path: { parent_id: indicator.id } },
      body: { date: form.date, value: value ?? form.value, data_source: form.data_source, note: form.note || null },
    }));
    setForm((f) => ({ ...f, value: "", note: "" }));
    setSaved(true);
    series.reload();
    onMeasured?.();
  });
  const { busy, error, errors: errs } = measure;
  const H = headingLevel === 2 ? "h2" : "h3";

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void measure.run();
  };

  const s = series.data;
  return (
    <article className="card" aria-labelledby={`ind-${indicator.id}`}>
      <H id={`ind-${indicator.id}`}>{link ? <Link to={`/indicators/${indicator.id}`}>{indicator.name}</Link> : indicator.name}</H>
      <p className="meta">
        {indicator.code} · {indicator.unit}
        {indicator.geography && <> · {te("geography", indicator.geography)}</>}
        {indicator.rung && <> · {t("actor.rung")} {indicator.rung}</>}
      </p>
      {series.loading ? <Skeleton height="14rem" /> : series.error ? <ProblemAlert error={series.error} focus={false} /> : s && (
        <LineChart
          title={indicator.name}
          unit={indicator.unit}
          data={{
            points: s.points.map((p) => ({ date: p.date, value: Number(p.value) })),
            baseline: s.baseline ? { date: s.baseline.date ?? null, value: s.baseline.value === null || s.baseline.value === undefined ? null : Number(s.baseline.value) } : null,
            target: s.target ? { date: s.target.date ?? null, value: s.target.value === null || s.target.value === undefined ? null : Number(s.target.value) } : null,
          }}
        />
      )}
      {indicator.target_value !== null && indicator.target_value !== undefined && (
        <p className="meta">{t("chart.target_is", { value: qty(indicator.target_value, indicator.unit) })}</p>
      )}
      {canMeasure && (
        <>
          <button type="button" className="btn btn-secondary btn-small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {t("indicator.add_measurement")}
          </button>
          {saved && <p role="status" className="alert alert-ok" style={{ marginTop: ".5rem" }}>{t("indicator.saved")}</p>}
          {open && (
            <form onSubmit={submit} style={{ marginTop: ".75rem" }} aria-label={t("indicator.add_measurement_for", { name: indicator.name })}>
              <ProblemAlert error={error} shownFields={["date", "value", "data_source", "note"]} />
              <div className="grid grid-2">
                <TextField name="date" type="date" label={t("common.date")} required value={form.date} error={errs.date} onChange={(v) => setForm({ ...form, date: v })} />
                <TextField name="value" label={`${t("chart.value")} (${indicator.unit})`} inputMode="decimal" required value={form.value} error={errs.value}
                  onChange={(v) => setForm({ ...form, value: v })} />
              </div>
              <TextField name="data_source" label={t("indicator.source")} hint={t("indicator.source_hint")} required value={form.data_source} error={errs.data_source}
                onChange={(v) => setForm({ ...form, data_source: v })} />
              <TextField name="note" label={t("indicator.note")} value={form.note} error={errs.note} onChange={(v) => setForm({ ...form, note: v })} />
              <button type="submit" className="btn" disabled={busy}>{t("common.save")}</button>
            </form>
          )}
        </>
      )}
    </article>
  );
}
