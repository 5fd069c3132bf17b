import { useId } from "react";
import { chartGeometry, type ChartInput } from "../lib/chart";
import { useI18n } from "../i18n/I18n";

/**
 * An indicator's time series as inline SVG, with its baseline and target as lines. The figures
 * are also in a table beneath (collapsed), for people who do not see the chart.
 */
export function LineChart({ title, unit, data }: { title: string; unit: string; data: ChartInput }) {
  const { t, num, date, qty } = useI18n();
  const id = useId();
  const g = chartGeometry(data, undefined, undefined, (v) => num(v));
  const base = data.baseline?.value ?? null;
  const target = data.target?.value ?? null;
  const last = [...data.points].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  const summary = [
    last ? t("chart.last", { value: qty(last.value, unit), date: date(last.date) }) : t("chart.no_points"),
    base !== null ? t("chart.baseline_is", { value: qty(base, unit) }) : "",
    target !== null ? t("chart.target_is", { value: qty(target, unit) }) : "",
  ].filter(Boolean).join(" ");
  return (
    <figure style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}
        preserveAspectRatio="xMidYMid meet" style={{ aspectRatio: `${g.width} / ${g.height}` }}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        {g.yTicks.map((v) => (
          <g key={v}>
            <line className="grid-line" x1={g.pad.left} x2={g.width - g.pad.right} y1={g.y(v)} y2={g.y(v)} />
            <text x={g.pad.left - 6} y={g.y(v) + 4} textAnchor="end">{num(v)}</text>
          </g>
        ))}
        {g.xTicks.map((d) => (
          <text key={d} x={g.x(d)} y={g.height - 8} textAnchor="middle">{d.slice(0, 4)}</text>
        ))}
        <line className="axis" x1={g.pad.left} x2={g.width - g.pad.right} y1={g.height - g.pad.bottom} y2={g.height - g.pad.bottom} />
        {base !== null && <line className="baseline" x1={g.pad.left} x2={g.width - g.pad.right} y1={g.y(base)} y2={g.y(base)} />}
        {target !== null && <line className="target" x1={g.pad.left} x2={g.width - g.pad.right} y1={g.y(target)} y2={g.y(target)} />}
        {g.path && <path className="series" d={g.path} />}
        {data.points.map((p) => (
          <circle key={p.date} className="point" cx={g.x(p.date)} cy={g.y(p.value)} r={3.5} />
        ))}
      </svg>
      <ul className="legend" aria-hidden="true">
        <li><span className="swatch" />{t("chart.measured")}</li>
        {base !== null && <li><span className="swatch baseline" />{t("chart.baseline")}</li>}
        {target !== null && <li><span className="swatch target" />{t("chart.target")}</li>}
      </ul>
      <details>
        <summary>{t("chart.table")}</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead><tr><th scope="col">{t("common.date")}</th><th scope="col" className="num">{t("chart.value")} ({unit})</th></tr></thead>
            <tbody>
              {data.baseline?.value != null && <tr><td>{t("chart.baseline")} {date(data.baseline.date)}</td><td className="num">{num(data.baseline.value)}</td></tr>}
              {data.points.map((p) => <tr key={p.date}><td>{date(p.date)}</td><td className="num">{num(p.value)}</td></tr>)}
              {data.target?.value != null && <tr><td>{t("chart.target")} {date(data.target.date)}</td><td className="num">{num(data.target.value)}</td></tr>}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
