"""The report as one printable HTML page: self-contained (inline CSS and SVG, no scripts, no
fonts or images from elsewhere), in the SPA's colours, laid out for A4 when printed."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from api.reports import charts
from api.reports.i18n import enum, fmt_date, fmt_long_date, fmt_number, label
from api.reports.schemas import ActionLine, AnnualReport, Language
from api.reports.sections import MAX_CHARTS, MAX_TABLE_ROWS, capped, code_list, sections

CSS = """
:root { --ink:#1b1f23; --ink-soft:#4a5560; --line:#c9d2d6; --paper-2:#f3f6f7; --brand:#0b5563;
  --brand-soft:#e3f0f2; --ok:#1e6b35; --ok-soft:#e6f4ea; --bad:#a4161a; --bad-soft:#fbeaea;
  --warn:#8a4b00; --warn-soft:#fff4e0; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; color: var(--ink); line-height: 1.45; font-size: 15px; }
body { margin: 0; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1, h2, h3 { line-height: 1.2; color: var(--brand); }
h1 { font-size: 2rem; margin: .25rem 0 .5rem; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 .75rem; padding-bottom: .3rem;
  border-bottom: 2px solid var(--brand); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
p { margin: 0 0 .75em; }
a { color: var(--brand); }
.cover { border-left: 10px solid var(--brand); padding: .5rem 0 .5rem 1.25rem;
  margin-bottom: 2rem; }
.cover .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .8rem;
  color: var(--ink-soft); font-weight: 600; }
.cover .year { font-size: 3rem; font-weight: 700; color: var(--brand); line-height: 1; }
.cover .meta { color: var(--ink-soft); margin: .25rem 0; }
.version { display: inline-block; margin-top: .5rem; padding: .2rem .6rem; border-radius: 4px;
  background: var(--brand-soft); color: #073a44; font-weight: 600; font-size: .85rem; }
.version.internal { background: var(--warn-soft); color: #6b3a00; }
nav.toc { background: var(--paper-2); padding: .75rem 1.25rem; border-radius: 6px; }
nav.toc h2 { border: 0; margin: 0 0 .25rem; font-size: 1.1rem; }
nav.toc ol { margin: 0; padding-left: 1.4rem; columns: 2; column-gap: 2rem; }
nav.toc li { margin: .1rem 0; break-inside: avoid; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr));
  gap: .6rem; margin: 1rem 0; }
.figure { border: 1px solid var(--line); border-top: 4px solid var(--brand); border-radius: 4px;
  padding: .5rem .75rem; }
.figure .n { display: block; font-size: 1.6rem; font-weight: 700; color: var(--brand);
  font-variant-numeric: tabular-nums; }
.figure .l { font-size: .85rem; color: var(--ink-soft); }
.figure.bad { border-top-color: var(--bad); }
.figure.bad .n { color: var(--bad); }
table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; font-size: .85rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; color: var(--ink-soft); }
th, td { padding: .35rem .45rem; border-bottom: 1px solid var(--line); vertical-align: top;
  text-align: left; }
thead th { background: var(--brand); color: #fff; font-weight: 600; border-bottom: 0; }
tbody tr:nth-child(even) td { background: #f8fafb; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
.small { font-size: .8rem; color: var(--ink-soft); }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: 999px; font-size: .78rem;
  border: 1px solid #b8c2c9; background: #eef1f3; color: #38434c; white-space: nowrap; }
.badge-in_progress, .badge-on_agenda, .badge-signalled { background: var(--brand-soft);
  color: #073a44; border-color: #9cc7ce; }
.badge-on_hold, .badge-open { background: var(--warn-soft); color: #6b3a00; border-color: #e3b673; }
.badge-done, .badge-answered, .badge-ok { background: var(--ok-soft); color: #17502a;
  border-color: #98c9a5; }
.badge-cancelled, .badge-closed, .badge-missing { background: var(--bad-soft); color: #7e1114;
  border-color: #e3a3a5; }
.progress { display: flex; align-items: center; gap: .4rem; min-width: 6rem; }
.progress .track { flex: 1; height: .5rem; background: #dde3e6; border-radius: 999px;
  overflow: hidden; }
.progress .fill { display: block; height: 100%; background: var(--brand); }
ul.plain { margin: 0; padding-left: 1rem; }
ul.bare { margin: 0; padding: 0; list-style: none; }
td.code { overflow-wrap: anywhere; min-width: 5rem; max-width: 11rem; font-size: .8rem; }
tr.missing td { background: var(--bad-soft) !important; }
.note { margin: .35rem 0 0; padding: .35rem .55rem; background: var(--warn-soft);
  border-left: 4px solid var(--warn); font-size: .8rem; }
.note b { color: #6b3a00; }
.chart-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr));
  gap: 1rem; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 4px; padding: .5rem;
  break-inside: avoid; }
figcaption { font-size: .8rem; font-weight: 600; margin-bottom: .25rem; }
footer { margin-top: 3rem; padding-top: .75rem; border-top: 1px solid var(--line);
  color: var(--ink-soft); font-size: .8rem; }
@page { size: A4; margin: 16mm 14mm 18mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; color: #4a5560; } }
@media print {
  html { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav.toc, .cover { break-after: page; }
  h2 { break-before: page; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure, .figure { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def h(value: object) -> str:
    return escape("" if value is None else str(value))


class _Page:
    def __init__(self, report: AnnualReport, lang: Language) -> None:
        self.r, self.lang = report, lang
        self.out: list[str] = []
        self.actions = {a.code: a for p in report.pillars for a in p.actions}

    def t(self, key: str, **values: object) -> str:
        return h(label(key, self.lang, **values))

    def w(self, *parts: str) -> None:
        self.out.extend(parts)

    def d(self, day: object) -> str:
        return h(fmt_date(day, self.lang))

    def n(self, value: object) -> str:
        return h(fmt_number(value, self.lang))

    def badge(self, kind: str, value: str) -> str:
        return f'<span class="badge badge-{h(value)}">{h(enum(kind, value, self.lang))}</span>'

    def more(self, n: int) -> None:
        if n:
            self.w(f'<p class="small">{self.t("msg.more_rows", n=fmt_number(n, self.lang))}</p>')

    def head(self, *cols: str, num: Iterable[int] = ()) -> str:
        nums = set(num)
        cells = "".join(
            f'<th scope="col"{" class=num" if i in nums else ""}>{c}</th>'
            for i, c in enumerate(cols)
        )
        return f"<thead><tr>{cells}</tr></thead>"

    # --- sections -------------------------------------------------------------------------

    def cover(self) -> None:
        r, lang = self.r, self.lang
        version = "report.internal" if r.internal else "report.shared"
        self.w(
            '<header class="cover">',
            f'<div class="kicker">{self.t("report.region")}</div>',
            f"<h1>{self.t('report.title')}</h1>",
            f'<div class="year">{r.year}</div>',
            f'<p class="meta">{self.t("report.generated")} '
            f"{h(fmt_long_date(r.generated_at.date(), lang))}</p>",
            f'<span class="version{" internal" if r.internal else ""}">{self.t(version)}</span>',
        )
        note = label("report.data_note", lang)
        if note and lang is not Language.nl:
            self.w(f'<p class="meta small">{h(note)}</p>')
        self.w("</header>")

    def toc(self) -> None:
        self.w(f'<nav class="toc" aria-labelledby="toc"><h2 id="toc">{self.t("toc")}</h2><ol>')
        for key, anchor in sections(self.r):
            self.w(f'<li><a href="#{anchor}">{self.t(key)}</a></li>')
        self.w("</ol></nav>")

    def section(self, key: str, anchor: str, number: int) -> None:
        self.w(f'<section id="{anchor}"><h2>{number}. {self.t(key)}</h2>')
        getattr(self, "sec_" + anchor)()
        self.w("</section>")

    def sec_summary(self) -> None:
        self.w(f"<p>{self.t('report.intro', year=self.r.year)}</p>", '<div class="figures">')
        for name, value in self.r.key_figures.model_dump().items():
            bad = name == "priorities_without_action" and value
            self.w(
                f'<div class="figure{" bad" if bad else ""}"><span class="n">{self.n(value)}'
                f'</span><span class="l">{self.t("kf." + name)}</span></div>'
            )
        self.w("</div>")

    def sec_checklist(self) -> None:
        self.w(
            f"<p>{self.t('msg.checklist_intro')}</p><table>",
            self.head(
                self.t("col.code"),
                self.t("col.title"),
                self.t("col.actions"),
                self.t("col.check"),
                num=[2],
            ),
            "<tbody>",
        )
        for c in self.r.checklist:
            state = "ok" if c.ok else "missing"
            text = self.t("msg.check_ok") if c.ok else self.t("msg.check_missing", year=self.r.year)
            self.w(
                f'<tr class="{state}"><td class="nowrap"><b>{h(c.code)}</b></td>'
                f'<td>{h(c.title)}</td><td class="num">{c.action_count}</td>'
                f'<td><span class="badge badge-{state}">{text}</span></td></tr>'
            )
        self.w("</tbody></table>")

    def _action_rows(self, lines: Iterable[ActionLine], full: bool) -> None:
        for a in lines:
            extra = []
            if full and a.objective_code:
                extra.append(h(a.objective_code))
            if full and a.lead_actor:
                extra.append(h(a.lead_actor))
            if full and a.wse_lr_code:
                extra.append(h(a.wse_lr_code))
            if a.accent:
                extra.append(f"{self.t('col.accent')} {self.r.year}")
            if a.mvo_themes:
                extra.append(", ".join(h(enum("mvo_theme", m, self.lang)) for m in a.mvo_themes))
            sub = f'<div class="small">{" · ".join(extra)}</div>' if extra else ""
            self.w(
                f'<tr><td class="nowrap"><b>{h(a.code)}</b></td><td>{h(a.title)}{sub}</td>'
                f"<td>{self.badge('action_status', a.status)}</td>"
                f'<td><div class="progress"><span class="track"><span class="fill" '
                f'style="width:{a.progress}%"></span></span>{a.progress}%</div></td>'
            )
            if full:
                self.w(f'<td class="nowrap">{self.d(a.start_date)} – {self.d(a.end_date)}</td><td>')
                if a.milestones_reached:
                    self.w('<ul class="plain">')
                    for m in a.milestones_reached:
                        self.w(
                            f"<li>{h(m.title)} <span class=small>({self.d(m.done_on)})</span></li>"
                        )
                    self.w("</ul>")
                self.w("</td>")
            self.w("</tr>")

    def sec_pillars(self) -> None:
        for p in self.r.pillars:
            self.w(f"<h3>{h(p.code)} {h(p.title)}</h3>")
            if not p.actions:
                self.w(f"<p class=small>{self.t('msg.no_actions')}</p>")
                continue
            self.w(
                "<table>",
                self.head(
                    self.t("col.code"),
                    self.t("col.title"),
                    self.t("col.status"),
                    self.t("col.progress"),
                    self.t("col.period"),
                    self.t("col.milestones"),
                ),
                "<tbody>",
            )
            shown, more = capped(p.actions)
            self._action_rows(shown, full=True)
            self.w("</tbody></table>")
            self.more(more)

    def sec_priorities(self) -> None:
        for p in self.r.priorities:
            lines = [self.actions[c] for c in p.action_codes if c in self.actions]
            flag = (
                ""
                if lines
                else f' <span class="badge badge-missing">'
                f"{self.t('msg.check_missing', year=self.r.year)}</span>"
            )
            self.w(f"<h3>{h(p.code)} {h(p.title)}{flag}</h3>")
            if lines:
                self.w(
                    "<table>",
                    self.head(
                        self.t("col.code"),
                        self.t("col.title"),
                        self.t("col.status"),
                        self.t("col.progress"),
                    ),
                    "<tbody>",
                )
                shown, more = capped(lines)
                self._action_rows(shown, full=False)
                self.w("</tbody></table>")
                self.more(more)
        if self.r.actions_without_priority:
            self.w(
                f"<h3>{self.t('msg.without_priority')}</h3>"
                f"<p>{h(code_list(self.r.actions_without_priority))}</p>"
            )

    def sec_mvo(self) -> None:
        self.w(
            "<table>",
            self.head(
                self.t("col.theme"),
                self.t("col.actions"),
                self.t("col.accent") + f" {self.r.year}",
                num=[],
            ),
            "<tbody>",
        )
        for g in self.r.mvo.themes:
            self.w(
                f"<tr><td><b>{h(enum('mvo_theme', g.theme, self.lang))}</b></td>"
                f"<td>{h(code_list(g.action_codes)) or '—'}</td>"
                f"<td>{h(code_list(g.accent_action_codes)) or '—'}</td></tr>"
            )
        self.w("</tbody></table>", f"<h3>{self.t('msg.accent_actions', year=self.r.year)}</h3>")
        accents = [self.actions[c] for c in self.r.mvo.accent_action_codes if c in self.actions]
        if accents:
            shown, more = capped(accents)
            self.w('<ul class="plain">')
            for a in shown:
                self.w(f"<li><b>{h(a.code)}</b> {h(a.title)}</li>")
            self.w("</ul>")
            self.more(more)
        else:
            self.w(f"<p class=small>{self.t('msg.none')}</p>")

    def sec_meetings(self) -> None:
        for b in self.r.bodies:
            if not b.meetings:
                continue
            a = b.attendance
            self.w(f"<h3>{h(b.name)}</h3>")
            self.w(
                f"<p class=small>{self.t('kf.meetings_held')}: {b.meetings_held} · "
                f"{self.t('col.present')}: {a.present} · {self.t('col.excused')}: {a.excused}"
                f" · {self.t('col.absent')}: {a.absent}</p>"
            )
            self.w(
                "<table>",
                self.head(
                    self.t("col.date"),
                    self.t("col.meeting"),
                    self.t("col.present"),
                    self.t("col.excused"),
                    self.t("col.absent"),
                    self.t("col.decisions"),
                    num=[2, 3, 4],
                ),
                "<tbody>",
            )
            meetings, more = capped(b.meetings)
            for m in meetings:
                place = f'<div class="small">{h(m.location)}</div>' if m.location else ""
                self.w(f'<tr><td class="nowrap">{self.d(m.date)}</td><td>{h(m.title)}{place}')
                if m.minutes_excerpt:
                    self.w(
                        f'<div class="note"><b>{self.t("col.minutes")}</b> '
                        f"{h(m.minutes_excerpt)}</div>"
                    )
                self.w(
                    f'</td><td class="num">{m.attendance.present}</td>'
                    f'<td class="num">{m.attendance.excused}</td>'
                    f'<td class="num">{m.attendance.absent}</td><td>'
                )
                if m.decisions:
                    self.w('<ul class="plain">')
                    for dec in m.decisions:
                        refs = [x for x in (dec.action_code, dec.dossier_code) if x]
                        ref = f' <span class="small">({h(", ".join(refs))})</span>' if refs else ""
                        self.w(f"<li>{h(dec.text)}{ref}</li>")
                    self.w("</ul>")
                self.w("</td></tr>")
            self.w("</tbody></table>")
            self.more(more)
        idle = [b.name for b in self.r.bodies if not b.meetings]
        if idle:
            self.w(f"<p class=small>{self.t('msg.no_meetings')} {h(', '.join(idle))}</p>")
        if self.r.board_items:
            self.w(
                f"<h3>{self.t('sub.board')}</h3><table>",
                self.head(
                    self.t("col.date"),
                    self.t("col.title"),
                    self.t("col.proposer"),
                    self.t("col.board_handled"),
                    self.t("col.board_answer"),
                ),
                "<tbody>",
            )
            items, more = capped(self.r.board_items)
            for item in items:
                handled = (
                    self.d(item.board_handled_on)
                    if item.board_handled_on
                    else self.t("msg.board_pending")
                )
                self.w(
                    f'<tr><td class="nowrap">{self.d(item.meeting_date)}</td>'
                    f'<td>{h(item.title)}<div class="small">{h(item.meeting_title)}</div></td>'
                    f"<td>{h(item.proposer or '')}</td><td>{handled}</td>"
                    f"<td>{h(item.board_answer or '')}</td></tr>"
                )
            self.w("</tbody></table>")
            self.more(more)

    def sec_dossiers(self) -> None:
        self.w(
            f"<h3>{self.t('msg.per_level')}</h3><table>",
            self.head(
                self.t("col.level"),
                self.t("col.opened"),
                self.t("col.on_agenda"),
                self.t("col.signalled"),
                self.t("col.answered"),
                self.t("col.closed"),
                num=[1, 2, 3, 4, 5],
            ),
            "<tbody>",
        )
        for lv in self.r.dossier_levels:
            self.w(
                f"<tr><td>{h(enum('dossier_level', lv.level, self.lang))}</td>"
                f'<td class="num">{lv.opened}</td><td class="num">{lv.on_agenda}</td>'
                f'<td class="num">{lv.signalled}</td><td class="num">{lv.answered}</td>'
                f'<td class="num">{lv.closed}</td></tr>'
            )
        self.w("</tbody></table>")
        if not self.r.dossiers:
            self.w(f"<p class=small>{self.t('msg.no_dossiers')}</p>")
            return
        self.w(
            "<table>",
            self.head(
                self.t("col.code"),
                self.t("col.title"),
                self.t("col.level"),
                self.t("col.status"),
                str(self.r.year),
            ),
            "<tbody>",
        )
        dossiers, more = capped(self.r.dossiers)
        for d in dossiers:
            by = f" · {h(d.raised_by)}" if d.raised_by else ""
            self.w(
                f'<tr><td class="nowrap"><b>{h(d.code)}</b></td><td>{h(d.title)}'
                f'<div class="small">{h(enum("dossier_theme", d.theme, self.lang))}{by}</div>'
            )
            if d.evidence_summary:
                self.w(
                    f'<div class="note"><b>{self.t("col.evidence")}</b> '
                    f"{h(d.evidence_summary)}</div>"
                )
            if d.events:
                items = "".join(
                    f"<li>{self.d(e.date)} · {h(enum('event_kind', e.kind, self.lang))}: "
                    f"{h(e.text)}</li>"
                    for e in d.events
                )
                self.w(
                    f'<div class="note"><b>{self.t("col.events")}</b>'
                    f'<ul class="plain">{items}</ul></div>'
                )
            self.w(
                f"</td><td>{h(enum('dossier_level', d.level, self.lang))}</td>"
                f"<td>{self.badge('dossier_status', d.status)}</td>"
            )
            steps = "".join(
                f"<li>{self.t(key)}: {self.d(day)}</li>"
                for key, day in (
                    ("col.opened", d.opened_on),
                    ("col.on_agenda", d.on_agenda_on),
                    ("col.signalled", d.signalled_on),
                    ("col.answered", d.answered_on),
                    ("col.closed", d.closed_on),
                )
                if day is not None
            )
            self.w(f'<td class="nowrap"><ul class="bare">{steps}</ul></td></tr>')
        self.w("</tbody></table>")
        self.more(more)

    def sec_agreements(self) -> None:
        self.w(
            "<table>",
            self.head(
                self.t("col.municipality"),
                self.t("col.agreement"),
                self.t("col.provider"),
                self.t("col.regime"),
                self.t("col.period"),
                self.t("col.compensation"),
                num=[5],
            ),
            "<tbody>",
        )
        rows = 0
        for m in self.r.municipalities:
            if rows >= MAX_TABLE_ROWS:
                break
            name = f"<b>{h(m.name)}</b> <span class=small>{h(m.nis_code)}</span>"
            if not m.agreements:
                rows += 1
                self.w(
                    f'<tr><td>{name}</td><td colspan="5" class="small">'
                    f"{self.t('msg.no_agreement')}</td></tr>"
                )
                continue
            for i, a in enumerate(m.agreements[: MAX_TABLE_ROWS - rows]):
                rows += 1
                amount = self.n(a.compensation_amount) if a.compensation_amount is not None else ""
                self.w(
                    f"<tr><td>{name if i == 0 else ''}</td><td>{h(a.title)}"
                    f'<div class="small">{h(a.service)}</div></td><td>{h(a.provider)}</td>'
                    f"<td>{h(enum('regime', a.regime, self.lang))}</td>"
                    f'<td class="nowrap">{self.d(a.start_date)} – {self.d(a.end_date)}</td>'
                    f'<td class="num">{amount}</td></tr>'
                )
        self.w("</tbody></table>")
        total = sum(max(len(m.agreements), 1) for m in self.r.municipalities)
        self.more(total - rows)

    def sec_indicators(self) -> None:
        self.w(
            "<table>",
            self.head(
                self.t("col.code"),
                self.t("col.indicator"),
                self.t("col.baseline"),
                self.t("col.target"),
                self.t("col.previous"),
                self.t("col.values", year=self.r.year),
                self.t("col.reached"),
                num=[2, 3, 4, 5],
            ),
            "<tbody>",
        )
        indicators, more = capped(self.r.indicators)
        for i in indicators:
            base = self.n(i.baseline_value)
            if i.baseline_date and i.baseline_value is not None:
                base += f'<div class="small">{self.d(i.baseline_date)}</div>'
            target = self.n(i.target_value)
            if i.target_date and i.target_value is not None:
                target += f'<div class="small">{self.d(i.target_date)}</div>'
            prev = ""
            if i.previous:
                prev = (
                    f'{self.n(i.previous.value)}<div class="small">{self.d(i.previous.date)}</div>'
                )
            values = (
                "<br>".join(
                    f'{self.n(p.value)} <span class="small">{self.d(p.date)}</span>'
                    for p in i.values
                )
                or "—"
            )
            reached = (
                ""
                if i.target_reached is None
                else self.t("yes")
                if i.target_reached
                else self.t("no")
            )
            self.w(
                f'<tr><td class="code">{h(i.code)}</td><td>{h(i.name)}'
                f'<div class="small">{h(i.unit)}</div></td><td class="num">{base}</td>'
                f'<td class="num">{target}</td><td class="num">{prev}</td>'
                f'<td class="num">{values}</td><td>{reached}</td></tr>'
            )
        self.w("</tbody></table>")
        self.more(more)

    def sec_charts(self) -> None:
        shown = self.r.indicators[:MAX_CHARTS]
        self.w(f"<p class=small>{self.t('msg.chart_note', year=self.r.year)}</p>")
        if len(self.r.indicators) > len(shown):
            capped = self.t("msg.charts_capped", n=len(shown), total=len(self.r.indicators))
            self.w(f"<p class=small>{capped}</p>")
        self.w('<div class="chart-grid">')
        for ind in shown:
            chart = charts.build(ind, self.r.year, self.lang)
            self.w(
                f"<figure><figcaption>{h(chart.title)}</figcaption>"
                f"{charts.svg(chart, self.lang)}</figure>"
            )
        self.w("</div>")

    def render(self) -> str:
        r, lang = self.r, self.lang
        title = f"{label('report.title', lang)} {r.year}"
        self.w(
            "<!doctype html>",
            f'<html lang="{lang.value}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{h(title)}</title><style>{CSS}</style></head><body><main>",
        )
        self.cover()
        self.toc()
        for number, (key, anchor) in enumerate(sections(r), start=1):
            self.section(key, anchor, number)
        self.w(
            f"<footer>{self.t('report.title')} {r.year} · {self.t('report.region')} · "
            f"{self.t('report.generated')} {h(fmt_long_date(r.generated_at.date(), lang))}"
            "</footer></main></body></html>"
        )
        return "".join(self.out)


def render_html(report: AnnualReport, lang: Language) -> bytes:
    return _Page(report, lang).render().encode("utf-8")
