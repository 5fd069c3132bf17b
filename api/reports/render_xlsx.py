"""The report as a spreadsheet: one sheet per section, figures as numbers, dates as dates."""

from __future__ import annotations

from api.reports.i18n import enum, label
from api.reports.schemas import AnnualReport, Language
from api.reports.xlsx import Column, Workbook


def render_xlsx(report: AnnualReport, lang: Language) -> bytes:
    r = report

    def t(key: str, **values: object) -> str:
        return label(key, lang, **values)

    def e(kind: str, value: object) -> str:
        return enum(kind, value, lang)

    wb = Workbook(title=f"{t('report.title')} {r.year}", creator="W13")
    version = t("report.internal" if r.internal else "report.shared")
    summary = [
        (t("col.title"), f"{t('report.title')} {r.year}"),
        (t("col.geography"), t("report.region")),
        (t("col.version"), version),
        (t("report.generated"), r.generated_at.date()),
    ]
    summary += [(t("kf." + k), v) for k, v in r.key_figures.model_dump().items()]
    wb.add_sheet(t("sheet.summary"), [Column(t("sec.summary"), 42), Column("", 40)], summary)

    wb.add_sheet(
        t("sheet.checklist"),
        [
            Column(t("col.code"), 11),
            Column(t("col.title"), 60, "wrap"),
            Column(t("col.actions"), 10, "number"),
            Column(t("msg.check_ok"), 10, "bool"),
            Column(t("col.check"), 24),
        ],
        [
            (
                c.code,
                c.title,
                c.action_count,
                c.ok,
                t("msg.check_ok") if c.ok else t("msg.check_missing", year=r.year),
            )
            for c in r.checklist
        ],
    )

    actions = [a for p in r.pillars for a in p.actions]
    wb.add_sheet(
        t("sheet.actions"),
        [
            Column(t("col.pillar"), 9),
            Column(t("col.objective"), 11),
            Column(t("col.priority"), 10),
            Column(t("col.code"), 9),
            Column(t("col.title"), 55, "wrap"),
            Column(t("col.lead"), 28),
            Column(t("col.status"), 13),
            Column(t("col.progress"), 12, "number"),
            Column(t("col.start"), 12, "date"),
            Column(t("col.end"), 12, "date"),
            Column(f"{t('col.accent')} {r.year}", 11, "bool"),
            Column(t("col.themes"), 30),
            Column(t("col.milestones"), 12, "number"),
        ],
        [
            (
                a.pillar_code,
                a.objective_code,
                a.wse_lr_code,
                a.code,
                a.title,
                a.lead_actor,
                e("action_status", a.status),
                a.progress,
                a.start_date,
                a.end_date,
                a.accent,
                ", ".join(e("mvo_theme", m) for m in a.mvo_themes),
                len(a.milestones_reached),
            )
            for a in actions
        ],
    )

    wb.add_sheet(
        t("sheet.milestones"),
        [
            Column(t("col.action"), 9),
            Column(t("col.milestone"), 60, "wrap"),
            Column(t("col.due"), 12, "date"),
            Column(t("col.done"), 12, "date"),
        ],
        [(a.code, m.title, m.due_date, m.done_on) for a in actions for m in a.milestones_reached],
    )

    titles = {a.code: a.title for a in actions}
    accents = {code for g in r.mvo.themes for code in g.accent_action_codes}
    wb.add_sheet(
        t("sheet.mvo"),
        [
            Column(t("col.theme"), 26),
            Column(t("col.action"), 9),
            Column(t("col.title"), 60, "wrap"),
            Column(f"{t('col.accent')} {r.year}", 11, "bool"),
        ],
        [
            (e("mvo_theme", g.theme), code, titles.get(code), code in accents)
            for g in r.mvo.themes
            for code in g.action_codes
        ],
    )

    meeting_cols = [
        Column(t("col.body"), 30),
        Column(t("col.date"), 12, "date"),
        Column(t("col.meeting"), 45, "wrap"),
        Column(t("col.location"), 22),
        Column(t("col.present"), 11, "number"),
        Column(t("col.excused"), 15, "number"),
        Column(t("col.absent"), 10, "number"),
        Column(t("col.decisions"), 10, "number"),
    ]
    if r.internal:
        meeting_cols.append(Column(t("col.minutes"), 70, "wrap"))
    wb.add_sheet(
        t("sheet.meetings"),
        meeting_cols,
        [
            (
                b.name,
                m.date,
                m.title,
                m.location,
                m.attendance.present,
                m.attendance.excused,
                m.attendance.absent,
                len(m.decisions),
                *((m.minutes_excerpt,) if r.internal else ()),
            )
            for b in r.bodies
            for m in b.meetings
        ],
    )
    wb.add_sheet(
        t("sheet.decisions"),
        [
            Column(t("col.body"), 30),
            Column(t("col.date"), 12, "date"),
            Column(t("col.meeting"), 40, "wrap"),
            Column(t("col.decision"), 70, "wrap"),
            Column(t("col.action"), 9),
            Column(t("col.dossier"), 10),
            Column(t("col.due"), 12, "date"),
        ],
        [
            (b.name, m.date, m.title, d.text, d.action_code, d.dossier_code, d.due_date)
            for b in r.bodies
            for m in b.meetings
            for d in m.decisions
        ],
    )

    wb.add_sheet(
        t("sheet.board"),
        [
            Column(t("col.body"), 30),
            Column(t("col.date"), 12, "date"),
            Column(t("col.meeting"), 40, "wrap"),
            Column(t("col.title"), 45, "wrap"),
            Column(t("col.proposer"), 28),
            Column(t("col.board_handled"), 14, "date"),
            Column(t("col.board_answer"), 60, "wrap"),
        ],
        [
            (
                i.body,
                i.meeting_date,
                i.meeting_title,
                i.title,
                i.proposer,
                i.board_handled_on,
                i.board_answer,
            )
            for i in r.board_items
        ],
    )

    dossier_cols = [
        Column(t("col.code"), 10),
        Column(t("col.title"), 45, "wrap"),
        Column(t("col.theme"), 22),
        Column(t("col.level"), 13),
        Column(t("col.status"), 14),
        Column(t("col.raised_by"), 28),
        Column(t("col.opened"), 12, "date"),
        Column(t("col.on_agenda"), 13, "date"),
        Column(t("col.signalled"), 13, "date"),
        Column(t("col.answered"), 12, "date"),
        Column(t("col.closed"), 12, "date"),
    ]
    if r.internal:
        dossier_cols.append(Column(t("col.evidence"), 70, "wrap"))
    wb.add_sheet(
        t("sheet.dossiers"),
        dossier_cols,
        [
            (
                d.code,
                d.title,
                e("dossier_theme", d.theme),
                e("dossier_level", d.level),
                e("dossier_status", d.status),
                d.raised_by,
                d.opened_on,
                d.on_agenda_on,
                d.signalled_on,
                d.answered_on,
                d.closed_on,
                *((d.evidence_summary,) if r.internal else ()),
            )
            for d in r.dossiers
        ],
    )

    rows: list[tuple[object, ...]] = []
    for m in r.municipalities:
        if not m.agreements:
            rows.append((m.nis_code, m.name))
        for a in m.agreements:
            rows.append(
                (
                    m.nis_code,
                    m.name,
                    a.title,
                    a.service,
                    a.provider,
                    e("regime", a.regime),
                    a.start_date,
                    a.end_date,
                    a.compensation_amount,
                    a.volume,
                    e("volume_unit", a.volume_unit) if a.volume_unit else None,
                )
            )
    wb.add_sheet(
        t("sheet.agreements"),
        [
            Column(t("col.nis"), 8),
            Column(t("col.municipality"), 18),
            Column(t("col.agreement"), 50, "wrap"),
            Column(t("col.service"), 20),
            Column(t("col.provider"), 30),
            Column(t("col.regime"), 20),
            Column(t("col.start"), 12, "date"),
            Column(t("col.end"), 12, "date"),
            Column(t("col.compensation"), 22, "money"),
            Column(t("col.volume"), 10, "number"),
            Column(t("col.unit"), 10),
        ],
        rows,
    )

    wb.add_sheet(
        t("sheet.indicators"),
        [
            Column(t("col.code"), 30),
            Column(t("col.name"), 50, "wrap"),
            Column(t("col.unit"), 18),
            Column(t("col.kind"), 9),
            Column(t("col.geography"), 20),
            Column(t("col.action"), 9),
            Column(t("col.baseline"), 12, "number"),
            Column(t("col.baseline_date"), 14, "date"),
            Column(t("col.target"), 10, "number"),
            Column(t("col.target_date"), 12, "date"),
            Column(t("col.previous"), 14, "number"),
            Column(t("col.previous_date"), 14, "date"),
            Column(t("col.last_value", year=r.year), 16, "number"),
            Column(t("col.reached"), 12, "bool"),
        ],
        [
            (
                i.code,
                i.name,
                i.unit,
                e("indicator_kind", i.kind),
                e("geography", i.geography) if i.geography else None,
                i.action_code,
                i.baseline_value,
                i.baseline_date,
                i.target_value,
                i.target_date,
                i.previous.value if i.previous else None,
                i.previous.date if i.previous else None,
                i.values[-1].value if i.values else None,
                i.target_reached,
            )
            for i in r.indicators
        ],
    )
    wb.add_sheet(
        t("sheet.measurements"),
        [
            Column(t("col.indicator"), 30),
            Column(t("col.date"), 12, "date"),
            Column(t("col.value"), 14, "number"),
            Column(t("col.source"), 40),
        ],
        [(i.code, p.date, p.value, p.data_source) for i in r.indicators for p in i.values],
    )
    return wb.save()
