"""The report as a PDF: cover, table of contents with page numbers, one chapter per section,
the indicators as charts, "page X of Y" on every page. This module tells the report's story;
the typesetting (geometry, styles, tables, pages) is `api.reports.pdf_layout`."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
)

from api.reports import charts
from api.reports.i18n import enum, fmt_date, fmt_long_date, fmt_number, label
from api.reports.pdf_layout import (
    BAD,
    BAD_SOFT,
    BODY,
    BOLD,
    BRAND,
    BRAND_SOFT,
    FRAME_W,
    H1,
    H2,
    INK,
    INK_SOFT,
    LINE,
    OK,
    PAGE_H,
    REGULAR,
    SMALL,
    WARN,
    WARN_SOFT,
    Book,
    Cell,
    Col,
    Doc,
    Figures,
    GridTable,
    Heading,
    TocPlace,
    canvas_class,
    pdf_text,
    xml_text,
)
from api.reports.schemas import ActionLine, AnnualReport, Language
from api.reports.sections import MAX_CHARTS, MAX_TABLE_ROWS, capped, code_list, sections


class ChartRow(Flowable):
    """Up to two indicator charts side by side."""

    HEIGHT = 172.0

    def __init__(self, items: list[charts.Chart], lang: Language) -> None:
        super().__init__()
        self.items, self.lang = items, lang

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return FRAME_W, self.HEIGHT

    def draw(self) -> None:
        w = (FRAME_W - 12) / 2
        for i, chart in enumerate(self.items):
            self._chart(chart, i * (w + 12), w)

    def _chart(self, chart: charts.Chart, x0: float, w: float) -> None:
        c, lang = self.canv, self.lang
        top = self.HEIGHT
        c.setStrokeColor(LINE)
        c.setLineWidth(0.6)
        c.rect(x0, 4, w, top - 8, stroke=1, fill=0)
        c.setFillColor(INK)
        c.setFont(BOLD, 7.5)
        for j, line in enumerate(simpleSplit(pdf_text(chart.title), BOLD, 7.5, w - 10)[:2]):
            c.drawString(x0 + 5, top - 14 - j * 9, line)
        left, right, plot_top, plot_bottom = x0 + 34, x0 + w - 44, top - 40, 32.0
        plot_h = plot_top - plot_bottom

        def y(v: float) -> float:
            return plot_bottom + plot_h * (v - chart.low) / ((chart.high - chart.low) or 1)

        c.setFont(REGULAR, 6.5)
        for t in chart.ticks:
            c.setStrokeColor(HexColor("#e3e8ea"))
            c.setLineWidth(0.5)
            c.line(left, y(t), right, y(t))
            c.setFillColor(INK_SOFT)
            c.drawRightString(left - 3, y(t) - 2, pdf_text(fmt_number(round(t, 6), lang)))
        c.setStrokeColor(HexColor("#8a969e"))
        c.line(left, y(0.0), right, y(0.0))
        n = max(len(chart.columns), 1)
        slot = (right - left) / n
        bar = min(slot * 0.62, 30.0)
        for i, col in enumerate(chart.columns):
            x = left + slot * i + (slot - bar) / 2
            y0, y1 = sorted((y(0.0), y(col.value)))
            c.setFillColor(BRAND if col.current else HexColor(charts.GREY))
            c.rect(x, y0, bar, max(y1 - y0, 0.5), stroke=0, fill=1)
            c.setFillColor(INK)
            c.setFont(REGULAR, 6.5)
            c.drawCentredString(x + bar / 2, y1 + 2, pdf_text(col.shown))
            c.setFillColor(INK_SOFT)
            c.drawCentredString(x + bar / 2, plot_bottom - 9, pdf_text(col.label))
        if chart.target is not None:
            c.setStrokeColor(WARN)
            c.setLineWidth(1)
            c.setDash(3, 2)
            c.line(left, y(chart.target), right, y(chart.target))
            c.setDash()
            c.setFillColor(WARN)
            c.setFont(REGULAR, 6.5)
            c.drawString(
                right + 3,
                y(chart.target) - 2,
                pdf_text(f"{label('chart.target', lang)} {chart.target_shown}"),
            )
        c.setFillColor(INK_SOFT)
        c.setFont(REGULAR, 6.5)
        c.drawString(x0 + 5, 9, pdf_text(chart.unit))


class Cover(Flowable):
    def __init__(self, report: AnnualReport, lang: Language) -> None:
        super().__init__()
        self.r, self.lang = report, lang

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.height = ah - 1
        return FRAME_W, self.height

    def draw(self) -> None:
        c, r, lang = self.canv, self.r, self.lang
        top = self.height
        c.setFillColor(BRAND)
        c.rect(0, top - 260, 8, 260, stroke=0, fill=1)
        c.setFillColor(INK_SOFT)
        c.setFont(BOLD, 9)
        c.drawString(22, top - 20, pdf_text(label("report.region", lang)).upper())
        c.setFillColor(BRAND)
        c.setFont(BOLD, 24)
        y = top - 60
        for line in simpleSplit(pdf_text(label("report.title", lang)), BOLD, 24, FRAME_W - 40):
            c.drawString(22, y, line)
            y -= 30
        c.setFont(BOLD, 64)
        c.drawString(22, y - 50, str(r.year))
        c.setFillColor(INK_SOFT)
        c.setFont(REGULAR, 10)
        c.drawString(
            22,
            y - 80,
            pdf_text(
                f"{label('report.generated', lang)} {fmt_long_date(r.generated_at.date(), lang)}"
            ),
        )
        version = label("report.internal" if r.internal else "report.shared", lang)
        c.setFillColor(WARN_SOFT if r.internal else BRAND_SOFT)
        width = stringWidth(pdf_text(version), BOLD, 9) + 14
        c.rect(22, y - 108, width, 16, stroke=0, fill=1)
        c.setFillColor(HexColor("#6b3a00") if r.internal else HexColor("#073a44"))
        c.setFont(BOLD, 9)
        c.drawString(29, y - 103, pdf_text(version))
        note = label("report.data_note", lang)
        if note and lang is not Language.nl:
            c.setFillColor(INK_SOFT)
            c.setFont(REGULAR, 8.5)
            c.drawString(22, y - 128, pdf_text(note))


# --- the content ---------------------------------------------------------------------------


class _Story:
    def __init__(self, report: AnnualReport, lang: Language, book: Book) -> None:
        self.r, self.lang, self.book = report, lang, book
        self.items: list[Flowable] = []
        self.actions = {a.code: a for p in report.pillars for a in p.actions}
        self.keys = 0

    def t(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    def d(self, day: Any) -> str:
        return fmt_date(day, self.lang)

    def n(self, value: Any) -> str:
        return fmt_number(value, self.lang)

    def add(self, *flowables: Flowable) -> None:
        self.items.extend(flowables)

    def heading(self, text: str, level: int) -> None:
        self.keys += 1
        if level == 1:
            self.add(CondPageBreak(80))
        self.add(Heading(text, level, f"s{self.keys}"))

    def para(self, text: str, style: ParagraphStyle = BODY) -> None:
        self.add(Paragraph(xml_text(text), style))

    def table(
        self,
        cols: Sequence[Col],
        rows: Sequence[Sequence[Cell | str]],
        marks: Sequence[Any] | None = None,
        more: int = 0,
    ) -> None:
        """A table of at most MAX_TABLE_ROWS rows; `more` counts rows left out before."""
        shown, over = capped(rows)
        more += over
        if shown:
            self.add(
                GridTable(cols, shown, list(marks)[: len(shown)] if marks else None), Spacer(1, 8)
            )
        if more:
            self.para(self.t("msg.more_rows", n=self.n(more)), SMALL)

    def build(self) -> list[Flowable]:
        r = self.r
        self.add(Cover(r, self.lang), PageBreak())
        self.add(Paragraph(xml_text(self.t("toc")), H1), TocPlace(self.book), PageBreak())
        for number, (key, anchor) in enumerate(sections(r), start=1):
            if number > 1:
                self.add(CondPageBreak(PAGE_H / 3), Spacer(1, 14))
            self.heading(f"{number}. {self.t(key)}", 0)
            getattr(self, "sec_" + anchor)()
        return self.items

    def sec_summary(self) -> None:
        self.para(self.t("report.intro", year=self.r.year))
        items = [
            (self.n(v), self.t("kf." + k), k == "priorities_without_action" and bool(v))
            for k, v in self.r.key_figures.model_dump().items()
        ]
        self.add(Spacer(1, 6), Figures(items))

    def sec_checklist(self) -> None:
        self.para(self.t("msg.checklist_intro"))
        rows, marks = [], []
        for c in self.r.checklist:
            state = (
                Cell(self.t("msg.check_ok"), bold=True, color=OK)
                if c.ok
                else Cell(self.t("msg.check_missing", year=self.r.year), bold=True, color=BAD)
            )
            rows.append([Cell(c.code, bold=True), c.title, str(c.action_count), state])
            marks.append(None if c.ok else BAD_SOFT)
        self.table(
            [
                Col(self.t("col.code"), 0.14),
                Col(self.t("col.title"), 0.56),
                Col(self.t("col.actions"), 0.1, "right"),
                Col(self.t("col.check"), 0.2),
            ],
            rows,
            marks,
        )

    def _action_rows(self, lines: Sequence[ActionLine], full: bool) -> list[list[Cell | str]]:
        rows: list[list[Cell | str]] = []
        for a in lines:
            extra = []
            if full and a.objective_code:
                extra.append(a.objective_code)
            if full and a.lead_actor:
                extra.append(a.lead_actor)
            if full and a.wse_lr_code:
                extra.append(a.wse_lr_code)
            if a.accent:
                extra.append(f"{self.t('col.accent')} {self.r.year}")
            if a.mvo_themes:
                extra.append(", ".join(enum("mvo_theme", m, self.lang) for m in a.mvo_themes))
            row: list[Cell | str] = [
                Cell(a.code, bold=True),
                Cell(a.title, sub=" · ".join(extra)),
                enum("action_status", a.status, self.lang),
                f"{a.progress} %",
            ]
            if full:
                row.append(f"{self.d(a.start_date)} –\n{self.d(a.end_date)}")
                row.append(
                    "\n".join(f"{m.title} ({self.d(m.done_on)})" for m in a.milestones_reached)
                )
            rows.append(row)
        return rows

    def sec_pillars(self) -> None:
        cols = [
            Col(self.t("col.code"), 0.07),
            Col(self.t("col.title"), 0.36),
            Col(self.t("col.status"), 0.1),
            Col(self.t("col.progress"), 0.1, "right"),
            Col(self.t("col.period"), 0.12),
            Col(self.t("col.milestones"), 0.25),
        ]
        for p in self.r.pillars:
            self.heading(f"{p.code} {p.title}", 1)
            if not p.actions:
                self.para(self.t("msg.no_actions"), SMALL)
            shown, more = capped(p.actions)
            self.table(cols, self._action_rows(shown, True), more=more)

    def sec_priorities(self) -> None:
        cols = [
            Col(self.t("col.code"), 0.09),
            Col(self.t("col.title"), 0.61),
            Col(self.t("col.status"), 0.16),
            Col(self.t("col.progress"), 0.14, "right"),
        ]
        for p in self.r.priorities:
            self.heading(f"{p.code} {p.title}", 1)
            codes, more = capped(p.action_codes)
            lines = [self.actions[c] for c in codes if c in self.actions]
            if not lines:
                missing = xml_text(self.t("msg.check_missing", year=self.r.year))
                self.add(Paragraph(f'<font color="#a4161a"><b>{missing}</b></font>', BODY))
            self.table(cols, self._action_rows(lines, False), more=more)
        if self.r.actions_without_priority:
            self.add(Paragraph(xml_text(self.t("msg.without_priority")), H2))
            self.para(code_list(self.r.actions_without_priority))

    def sec_mvo(self) -> None:
        rows: list[list[Cell | str]] = [
            [
                Cell(enum("mvo_theme", g.theme, self.lang), bold=True),
                code_list(g.action_codes) or "—",
                code_list(g.accent_action_codes) or "—",
            ]
            for g in self.r.mvo.themes
        ]
        self.table(
            [
                Col(self.t("col.theme"), 0.3),
                Col(self.t("col.actions"), 0.4),
                Col(f"{self.t('col.accent')} {self.r.year}", 0.3),
            ],
            rows,
        )
        self.add(Paragraph(xml_text(self.t("msg.accent_actions", year=self.r.year)), H2))
        codes, more = capped(self.r.mvo.accent_action_codes)
        accents = [self.actions[c] for c in codes if c in self.actions]
        self.table(
            [
                Col(self.t("col.code"), 0.1),
                Col(self.t("col.title"), 0.6),
                Col(self.t("col.themes"), 0.3),
            ],
            [
                [
                    Cell(a.code, bold=True),
                    a.title,
                    ", ".join(enum("mvo_theme", m, self.lang) for m in a.mvo_themes),
                ]
                for a in accents
            ],
            more=more,
        )
        if not accents:
            self.para(self.t("msg.none"), SMALL)

    def sec_meetings(self) -> None:
        cols = [
            Col(self.t("col.date"), 0.1),
            Col(self.t("col.meeting"), 0.29),
            Col(self.t("col.present"), 0.1, "right"),
            Col(self.t("col.excused"), 0.15, "right"),
            Col(self.t("col.absent"), 0.09, "right"),
            Col(self.t("col.decisions"), 0.27),
        ]
        for b in self.r.bodies:
            if not b.meetings:
                continue
            self.heading(b.name, 1)
            a = b.attendance
            self.para(
                f"{self.t('kf.meetings_held')}: {b.meetings_held} · {self.t('col.present')}: "
                f"{a.present} · {self.t('col.excused')}: {a.excused} · "
                f"{self.t('col.absent')}: {a.absent}",
                SMALL,
            )
            rows: list[list[Cell | str]] = []
            meetings, more = capped(b.meetings)
            for m in meetings:
                note = f"{self.t('col.minutes')}: {m.minutes_excerpt}" if m.minutes_excerpt else ""
                lines = []
                for d in m.decisions:
                    refs = ", ".join(x for x in (d.action_code, d.dossier_code) if x)
                    lines.append(f"- {d.text}" + (f" ({refs})" if refs else ""))
                decisions = "\n".join(lines)
                rows.append(
                    [
                        self.d(m.date),
                        Cell(m.title, sub=m.location or "", note=note),
                        str(m.attendance.present),
                        str(m.attendance.excused),
                        str(m.attendance.absent),
                        decisions,
                    ]
                )
            self.table(cols, rows, more=more)
        idle = [b.name for b in self.r.bodies if not b.meetings]
        if idle:
            self.para(f"{self.t('msg.no_meetings')} {', '.join(idle)}", SMALL)
        if self.r.board_items:
            self.heading(self.t("sub.board"), 1)
            items, more = capped(self.r.board_items)
            self.table(
                [
                    Col(self.t("col.date"), 0.1),
                    Col(self.t("col.title"), 0.3),
                    Col(self.t("col.proposer"), 0.18),
                    Col(self.t("col.board_handled"), 0.14),
                    Col(self.t("col.board_answer"), 0.28),
                ],
                [
                    [
                        self.d(item.meeting_date),
                        Cell(item.title, sub=item.meeting_title),
                        item.proposer or "",
                        self.d(item.board_handled_on)
                        if item.board_handled_on
                        else self.t("msg.board_pending"),
                        item.board_answer or "",
                    ]
                    for item in items
                ],
                more=more,
            )

    def sec_dossiers(self) -> None:
        self.add(Paragraph(xml_text(self.t("msg.per_level")), H2))
        self.table(
            [
                Col(self.t("col.level"), 0.25),
                Col(self.t("col.opened"), 0.15, "right"),
                Col(self.t("col.on_agenda"), 0.15, "right"),
                Col(self.t("col.signalled"), 0.15, "right"),
                Col(self.t("col.answered"), 0.15, "right"),
                Col(self.t("col.closed"), 0.15, "right"),
            ],
            [
                [
                    enum("dossier_level", lv.level, self.lang),
                    str(lv.opened),
                    str(lv.on_agenda),
                    str(lv.signalled),
                    str(lv.answered),
                    str(lv.closed),
                ]
                for lv in self.r.dossier_levels
            ],
        )
        if not self.r.dossiers:
            self.para(self.t("msg.no_dossiers"), SMALL)
            return
        rows: list[list[Cell | str]] = []
        dossiers, more = capped(self.r.dossiers)
        for d in dossiers:
            sub = enum("dossier_theme", d.theme, self.lang) + (
                f" · {d.raised_by}" if d.raised_by else ""
            )
            notes = []
            if d.evidence_summary:
                notes.append(f"{self.t('col.evidence')}: {d.evidence_summary}")
            for e in d.events or []:
                notes.append(f"{self.d(e.date)} {enum('event_kind', e.kind, self.lang)}: {e.text}")
            steps = "\n".join(
                f"{self.t(key)}: {self.d(day)}"
                for key, day in (
                    ("col.opened", d.opened_on),
                    ("col.on_agenda", d.on_agenda_on),
                    ("col.signalled", d.signalled_on),
                    ("col.answered", d.answered_on),
                    ("col.closed", d.closed_on),
                )
                if day is not None
            )
            rows.append(
                [
                    Cell(d.code, bold=True),
                    Cell(d.title, sub=sub, note=" | ".join(notes)),
                    enum("dossier_level", d.level, self.lang),
                    enum("dossier_status", d.status, self.lang),
                    steps,
                ]
            )
        self.table(
            [
                Col(self.t("col.code"), 0.08),
                Col(self.t("col.title"), 0.44),
                Col(self.t("col.level"), 0.12),
                Col(self.t("col.status"), 0.13),
                Col(str(self.r.year), 0.23),
            ],
            rows,
            more=more,
        )

    def sec_agreements(self) -> None:
        rows: list[list[Cell | str]] = []
        total = sum(max(len(m.agreements), 1) for m in self.r.municipalities)
        for m in self.r.municipalities:
            if len(rows) >= MAX_TABLE_ROWS:
                break
            name = Cell(m.name, sub=m.nis_code, bold=True)
            if not m.agreements:
                rows.append(
                    [name, Cell(self.t("msg.no_agreement"), color=INK_SOFT), "", "", "", ""]
                )
            for i, a in enumerate(m.agreements[: MAX_TABLE_ROWS - len(rows)]):
                rows.append(
                    [
                        name if i == 0 else "",
                        Cell(a.title, sub=a.service),
                        a.provider,
                        enum("regime", a.regime, self.lang),
                        f"{self.d(a.start_date)} –\n{self.d(a.end_date)}",
                        self.n(a.compensation_amount),
                    ]
                )
        self.table(
            [
                Col(self.t("col.municipality"), 0.15),
                Col(self.t("col.agreement"), 0.3),
                Col(self.t("col.provider"), 0.18),
                Col(self.t("col.regime"), 0.12),
                Col(self.t("col.period"), 0.11),
                Col(self.t("col.compensation"), 0.14, "right"),
            ],
            rows[:MAX_TABLE_ROWS],
            more=total - len(rows[:MAX_TABLE_ROWS]),
        )

    def sec_indicators(self) -> None:
        rows: list[list[Cell | str]] = []
        indicators, more = capped(self.r.indicators)
        for i in indicators:

            def at(value: Any, day: Any) -> Cell:
                return Cell(self.n(value), sub=self.d(day) if value is not None else "")

            prev = at(i.previous.value, i.previous.date) if i.previous else Cell("")
            values = "\n".join(f"{self.n(p.value)} ({self.d(p.date)})" for p in i.values) or "—"
            reached = (
                ""
                if i.target_reached is None
                else self.t("yes")
                if i.target_reached
                else self.t("no")
            )
            rows.append(
                [
                    Cell(i.code, bold=True),
                    Cell(i.name, sub=i.unit),
                    at(i.baseline_value, i.baseline_date),
                    at(i.target_value, i.target_date),
                    prev,
                    values,
                    reached,
                ]
            )
        self.table(
            [
                Col(self.t("col.code"), 0.2),
                Col(self.t("col.indicator"), 0.26),
                Col(self.t("col.baseline"), 0.1, "right"),
                Col(self.t("col.target"), 0.1, "right"),
                Col(self.t("col.previous"), 0.1, "right"),
                Col(self.t("col.values", year=self.r.year), 0.16, "right"),
                Col(self.t("col.reached"), 0.08),
            ],
            rows,
            more=more,
        )

    def sec_charts(self) -> None:
        shown = self.r.indicators[:MAX_CHARTS]
        self.para(self.t("msg.chart_note", year=self.r.year), SMALL)
        if len(self.r.indicators) > len(shown):
            self.para(
                self.t("msg.charts_capped", n=len(shown), total=len(self.r.indicators)), SMALL
            )
        built = [charts.build(i, self.r.year, self.lang) for i in shown]
        for k in range(0, len(built), 2):
            self.add(ChartRow(built[k : k + 2], self.lang), Spacer(1, 8))


def render_pdf(
    report: AnnualReport, lang: Language, on_progress: Callable[[str], None] | None = None
) -> bytes:
    title = f"{label('report.title', lang)} {report.year}"
    version = label("report.internal" if report.internal else "report.shared", lang)
    book = Book(
        running_title=f"{title} · {label('report.region', lang)}",
        version=version,
        page_label=lambda page, total: label("page", lang, n=page, total=total),
    )
    story = _Story(report, lang, book).build()
    if on_progress:
        on_progress("layout")
    buf = io.BytesIO()
    doc = Doc(
        buf,
        book,
        title=pdf_text(title),
        author="W13 · regie sociale economie",
        subject=pdf_text(label("report.region", lang)),
        lang=lang.value,
    )
    doc.build(story, canvasmaker=canvas_class(book))
    return buf.getvalue()
