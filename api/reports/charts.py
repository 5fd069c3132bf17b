"""One chart per indicator, drawn the same way in HTML (inline SVG) and PDF (ReportLab).

A column chart reads well for figures measured once or a few times a year: grey columns for
the baseline and the last value before the year, teal columns for the year's values, and the
target as a dotted line across. The geometry lives here; each format only paints it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from api.reports.i18n import fmt_number, label
from api.reports.schemas import IndicatorLine, Language

MAX_YEAR_COLUMNS = 12
INK, INK_SOFT, LINE = "#1b1f23", "#4a5560", "#c9d2d6"
BRAND, GREY, TARGET = "#0b5563", "#9aa6ad", "#8a4b00"


@dataclass(frozen=True)
class Column:
    label: str
    value: float
    shown: str  # the value as printed above the column
    current: bool  # a value of the report's year


@dataclass(frozen=True)
class Chart:
    title: str
    unit: str
    columns: list[Column]
    target: float | None
    target_shown: str
    low: float
    high: float
    ticks: list[float]

    @property
    def empty(self) -> bool:
        return not self.columns and self.target is None

    def y(self, value: float, top: float, height: float) -> float:
        """Where a value sits on an axis drawn from `top` (high) down over `height`."""
        span = (self.high - self.low) or 1.0
        return top + height * (self.high - value) / span


def _step(span: float) -> float:
    """A round tick step (1, 2 or 5 × 10^k) giving about four intervals over the span."""
    if span <= 0:
        return 1.0
    rough = span / 4
    exp = math.floor(math.log10(rough))
    for step in (1, 2, 5, 10):
        if step * 10**exp >= rough * 0.999999:
            return float(step * 10**exp)
    return float(10 ** (exp + 1))


def build(ind: IndicatorLine, year: int, lang: Language) -> Chart:
    columns: list[Column] = []

    def add(text: str, value: Decimal, current: bool) -> None:
        columns.append(Column(text, float(value), fmt_number(value, lang), current))

    if ind.baseline_value is not None:
        when = f" {ind.baseline_date.year}" if ind.baseline_date else ""
        add(label("chart.baseline", lang) + when, ind.baseline_value, False)
    prev = ind.previous
    if prev is not None and not (
        ind.baseline_value is not None
        and prev.value == ind.baseline_value
        and (ind.baseline_date is None or prev.date.year == ind.baseline_date.year)
    ):
        add(f"{label('chart.previous', lang)} {prev.date.year}", prev.value, False)
    points = ind.values
    if len(points) > MAX_YEAR_COLUMNS:
        last_of_month = {p.date.month: p for p in points}  # later points overwrite earlier
        points = [last_of_month[m] for m in sorted(last_of_month)]
    for p in points:
        add(f"{p.date.day:02d}/{p.date.month:02d}" if len(points) > 1 else str(year), p.value, True)
    target = float(ind.target_value) if ind.target_value is not None else None
    values = [c.value for c in columns] + ([target] if target is not None else [])
    low = min([0.0, *values])
    high = max([0.0, *values])
    step = _step(high - low)
    low = math.floor(low / step) * step
    high = max(math.ceil(high / step) * step, low + step)
    ticks = [low + step * i for i in range(round((high - low) / step) + 1)]
    return Chart(
        title=f"{ind.code} · {ind.name}",
        unit=ind.unit,
        columns=columns,
        target=target,
        target_shown=fmt_number(ind.target_value, lang) if ind.target_value is not None else "",
        low=low,
        high=high,
        ticks=ticks,
    )


def svg(chart: Chart, lang: Language, width: int = 340, height: int = 190) -> str:
    """The chart as an accessible inline SVG (no scripts, no outside references)."""
    left, right, top, bottom = 44, 52, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    desc = "; ".join(f"{c.label}: {c.shown}" for c in chart.columns)
    if chart.target is not None:
        desc += f"; {label('chart.target', lang)}: {chart.target_shown}"
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(chart.title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<desc>{escape(desc)} ({escape(chart.unit)})</desc>",
    ]
    for t in chart.ticks:
        y = chart.y(t, top, plot_h)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="#e3e8ea" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 4}" y="{y + 3:.1f}" font-size="9" text-anchor="end" '
            f'fill="{INK_SOFT}">{escape(fmt_number(round(t, 6), lang))}</text>'
        )
    zero = chart.y(0.0, top, plot_h)
    out.append(
        f'<line x1="{left}" y1="{zero:.1f}" x2="{width - right}" y2="{zero:.1f}" '
        f'stroke="#8a969e" stroke-width="1"/>'
    )
    n = max(len(chart.columns), 1)
    slot = plot_w / n
    bar = min(slot * 0.62, 38.0)
    for i, c in enumerate(chart.columns):
        x = left + slot * i + (slot - bar) / 2
        y = chart.y(c.value, top, plot_h)
        y0, h = min(y, zero), abs(zero - y)
        fill = BRAND if c.current else GREY
        out.append(
            f'<rect x="{x:.1f}" y="{y0:.1f}" width="{bar:.1f}" height="{max(h, 0.5):.1f}" '
            f'fill="{fill}"><title>{escape(c.label)}: {escape(c.shown)}</title></rect>'
        )
        out.append(
            f'<text x="{x + bar / 2:.1f}" y="{y0 - 3:.1f}" font-size="9" '
            f'text-anchor="middle" fill="{INK}">{escape(c.shown)}</text>'
        )
        out.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 13}" font-size="9" '
            f'text-anchor="middle" fill="{INK_SOFT}">{escape(c.label)}</text>'
        )
    if chart.target is not None:
        y = chart.y(chart.target, top, plot_h)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
        out.append(
            f'<text x="{width - right + 4}" y="{y + 3:.1f}" font-size="9" '
            f'fill="{TARGET}">{escape(label("chart.target", lang))} '
            f"{escape(chart.target_shown)}</text>"
        )
    out.append(
        f'<text x="{left}" y="{height - 4}" font-size="9" fill="{INK_SOFT}">'
        f"{escape(chart.unit)}</text>"
    )
    out.append("</svg>")
    return "".join(out)
