"""The report as a PDF (ReportLab, pure Python): cover, table of contents with page numbers,
one chapter per section, the indicators as charts, "page X of Y" on every page.

Built in a single layout pass, so the time grows with the rows and not twice over: every page
is kept until the end, and only then are the page count, the table of contents (on the page
reserved for it after the cover) and the bookmarks written onto them. Long tables are a light
flowable of our own (wrapped text, header row repeated on every page), not ReportLab's
general `Table`, which costs several times more per cell."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from api.reports import charts
from api.reports.i18n import enum, fmt_date, fmt_long_date, fmt_number, label
from api.reports.schemas import ActionLine, AnnualReport, Language
from api.reports.sections import MAX_CHARTS, MAX_TABLE_ROWS, capped, code_list, sections

# Binary (deflated) streams instead of ASCII85 text on top: a quarter fewer bytes, and the
# pure-Python encoder cost about a second on a large year. Nothing else here writes PDFs.
rl_config.useA85 = 0
PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18 * mm, 20 * mm, 18 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
TALL_ROW_PAGE_SHARE = 0.9  # a row that does not fit this much of a page is split itself

INK, INK_SOFT, LINE = HexColor("#1b1f23"), HexColor("#4a5560"), HexColor("#c9d2d6")
BRAND, BRAND_SOFT = HexColor("#0b5563"), HexColor("#e3f0f2")
ZEBRA, BAD, BAD_SOFT = HexColor("#f5f8f9"), HexColor("#a4161a"), HexColor("#fbeaea")
WARN, WARN_SOFT, OK = HexColor("#8a4b00"), HexColor("#fff4e0"), HexColor("#1e6b35")
REGULAR, BOLD = "Helvetica", "Helvetica-Bold"

_REPLACE = {"→": "->", "←": "<-", "\u202f": " ", "≥": ">=", "≤": "<="}


def pdf_text(value: object) -> str:
    """Text the standard PDF fonts can show (they cover Windows-1252, not all of Unicode)."""
    text = "" if value is None else str(value)
    if text.isascii():
        return text
    for a, b in _REPLACE.items():
        text = text.replace(a, b)
    return text.encode("cp1252", "replace").decode("cp1252")


def _xml(text: object) -> str:
    return pdf_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- styles --------------------------------------------------------------------------------

BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=13, textColor=INK,
                      spaceAfter=6)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10.5, textColor=INK_SOFT)
H1 = ParagraphStyle("H1", fontName=BOLD, fontSize=16, leading=20, textColor=BRAND,
                    spaceBefore=0, spaceAfter=10)
H2 = ParagraphStyle("H2", fontName=BOLD, fontSize=11.5, leading=15, textColor=BRAND,
                    spaceBefore=10, spaceAfter=5)


class Heading(Paragraph):
    """A heading that goes into the table of contents and the PDF bookmarks."""

    def __init__(self, text: str, level: int, key: str) -> None:
        super().__init__(_xml(text), H1 if level == 0 else H2)
        self.toc_text, self.level, self.key = pdf_text(text), level, key


# --- a fast table --------------------------------------------------------------------------


@dataclass
class Cell:
    text: str = ""
    sub: str = ""  # a second, smaller grey line
    note: str = ""  # an internal note, on a warm background
    bold: bool = False
    color: Any = None


@dataclass
class Col:
    title: str
    width: float  # share of the frame width
    align: str = "left"  # left | right


@dataclass
class _Line:
    text: str
    font: str
    size: float
    color: Any
    note: bool = False


PAD, SIZE, SUB_SIZE, LEAD = 3.0, 7.8, 6.8, 1.22


@lru_cache(maxsize=4)
def _widths(font: str) -> list[float]:
    return list(getFont(font).widths)


@lru_cache(maxsize=65536)
def _word_width(word: str, font: str) -> float:
    """Width of a word at size 1000 (words repeat a lot: cached). Text is cp1252 already."""
    table = _widths(font)
    return float(sum(table[b] for b in word.encode("cp1252", "replace")))


def text_width(text: str, font: str, size: float) -> float:
    space = _widths(font)[32]
    words = text.split(" ")
    return (sum(_word_width(w, font) for w in words) + space * (len(words) - 1)) * size / 1000


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word too long for a line, in pieces (after a hyphen where there is one)."""
    pieces = []
    while word and text_width(word, font, size) > width and len(word) > 1:
        cut = len(word) - 1
        while cut > 1 and text_width(word[:cut], font, size) > width:
            cut -= 1
        hyphen = word.rfind("-", 0, cut)
        if hyphen > 0:
            cut = hyphen + 1
        pieces.append(word[:cut])
        word = word[cut:]
    return [*pieces, word]


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines that fit the width: broken at spaces, and inside words too long for a line."""
    limit = width * 1000 / size
    space = _widths(font)[32]
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in text.split():
        w = _word_width(word, font)
        if w > limit:
            if line:
                lines.append(" ".join(line))
            *whole, last = _break_word(word, font, size, width)
            lines.extend(whole)
            line, used = [last], _word_width(last, font)
            continue
        extra = w + (space if line else 0.0)
        if line and used + extra > limit:
            lines.append(" ".join(line))
            line, used = [word], w
        else:
            line.append(word)
            used += extra
    if line or not lines:
        lines.append(" ".join(line))
    return lines


def _lines(cell: Cell | str, width: float) -> list[_Line]:
    if not isinstance(cell, Cell):
        cell = Cell(str(cell))
    out: list[_Line] = []
    font = BOLD if cell.bold else REGULAR
    for part in pdf_text(cell.text).split("\n") if cell.text else []:
        for line in wrap_text(part, font, SIZE, width):
            out.append(_Line(line, font, SIZE, cell.color or INK))
    if cell.sub:
        for line in wrap_text(pdf_text(cell.sub), REGULAR, SUB_SIZE, width):
            out.append(_Line(line, REGULAR, SUB_SIZE, INK_SOFT))
    if cell.note:
        for line in wrap_text(pdf_text(cell.note), REGULAR, SUB_SIZE, width - 4):
            out.append(_Line(line, REGULAR, SUB_SIZE, HexColor("#6b3a00"), note=True))
    return out


class GridTable(Flowable):
    """Rows of wrapped text with a repeated header; splits between rows across pages."""

    def __init__(self, cols: Sequence[Col], rows: Sequence[Sequence[Cell | str]],
                 marks: Sequence[Any] | None = None, _prepared: Any = None,
                 _total: float | None = None) -> None:
        super().__init__()
        self.cols = list(cols)
        self.widths = [c.width * FRAME_W for c in self.cols]
        self.lefts = [sum(self.widths[:i]) for i in range(len(self.widths))]
        if _prepared is None:
            marks = list(marks) if marks is not None else [None] * len(rows)
            _prepared = [self._prepare(row, mark) for row, mark in zip(rows, marks, strict=True)]
        self.prepared: list[tuple[float, list[list[_Line]], Any]] = _prepared
        self.header = [_lines(Cell(c.title, bold=True), w - 2 * PAD)
                       for c, w in zip(self.cols, self.widths, strict=True)]
        self.header_h = self._height(self.header)
        # Kept, not summed again on every wrap: a long table is split once per page.
        self.total = _total if _total is not None else sum(p[0] for p in self.prepared)

    def _height(self, cells: list[list[_Line]]) -> float:
        return max((sum(ln.size * LEAD for ln in lines) for lines in cells), default=0) + 2 * PAD

    def _prepare(self, row: Sequence[Cell | str], mark: Any
                 ) -> tuple[float, list[list[_Line]], Any]:
        cells = [_lines(c, w - 2 * PAD) for c, w in zip(row, self.widths, strict=True)]
        return self._height(cells), cells, mark

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.height = self.header_h + self.total
        return FRAME_W, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        room = ah - self.header_h
        k, used = 0, 0.0
        while k < len(self.prepared) and used + self.prepared[k][0] <= room:
            used += self.prepared[k][0]
            k += 1
        head, rest = self.prepared[:k], self.prepared[k:]
        if k == 0 and ah >= TALL_ROW_PAGE_SHARE * FRAME_H:
            # A row taller than a page (a long list in one cell): its lines go on over pages.
            first, more = self._split_row(rest[0], room)
            if first is None:
                return []
            head, rest, used = [first], [more, *rest[1:]], first[0]
            return [GridTable(self.cols, [], _prepared=head, _total=used),
                    GridTable(self.cols, [], _prepared=rest)]
        if k == 0:
            return []  # start on the next page
        return [GridTable(self.cols, [], _prepared=head, _total=used),
                GridTable(self.cols, [], _prepared=rest, _total=self.total - used)]

    def _split_row(self, row: tuple[float, list[list[_Line]], Any], room: float
                   ) -> tuple[Any, Any]:
        _, cells, mark = row
        keep: list[list[_Line]] = []
        left: list[list[_Line]] = []
        for lines in cells:
            used, n = 2 * PAD, 0
            while n < len(lines) and used + lines[n].size * LEAD <= room:
                used += lines[n].size * LEAD
                n += 1
            keep.append(lines[:n])
            left.append(lines[n:])
        if not any(keep):
            return None, row
        return (self._height(keep), keep, mark), (self._height(left), left, mark)

    def _row(self, c: Canvas, y: float, h: float, cells: list[list[_Line]], fill: Any,
             header: bool = False) -> None:
        if fill is not None:
            c.setFillColor(fill)
            c.rect(0, y - h, FRAME_W, h, stroke=0, fill=1)
        for x, w, lines in zip(self.lefts, self.widths, cells, strict=True):
            ty = y - PAD
            for ln in lines:
                ty -= ln.size * LEAD
                if ln.note:
                    c.setFillColor(WARN_SOFT)
                    c.rect(x + PAD - 1, ty - 2, w - 2 * PAD + 2, ln.size * LEAD, stroke=0, fill=1)
        # One text object for the whole row: far fewer PDF operators than a string each.
        text = c.beginText()
        font: tuple[str, float] | None = None
        color: Any = None
        for x, col, w, lines in zip(self.lefts, self.cols, self.widths, cells, strict=True):
            ty = y - PAD
            for ln in lines:
                ty -= ln.size * LEAD
                if not ln.text:
                    continue
                if font != (ln.font, ln.size):
                    font = (ln.font, ln.size)
                    text.setFont(ln.font, ln.size)
                shade = white if header else ln.color
                if shade is not color:
                    color = shade
                    text.setFillColor(shade)
                tx = x + PAD + (1 if ln.note else 0)
                if col.align == "right":
                    tx = x + w - PAD - text_width(ln.text, ln.font, ln.size)
                text.setTextOrigin(tx, ty + ln.size * 0.22)
                text.textOut(ln.text)
        c.drawText(text)
        if not header:
            c.setStrokeColor(LINE)
            c.setLineWidth(0.4)
            c.line(0, y - h, FRAME_W, y - h)

    def draw(self) -> None:
        c = self.canv
        y = self.height
        self._row(c, y, self.header_h, self.header, BRAND, header=True)
        y -= self.header_h
        for i, (h, cells, mark) in enumerate(self.prepared):
            fill = mark if mark is not None else (ZEBRA if i % 2 else None)
            self._row(c, y, h, cells, fill)
            y -= h


# --- other flowables -----------------------------------------------------------------------


class Figures(Flowable):
    """Key figures as a grid of tiles."""

    def __init__(self, items: list[tuple[str, str, bool]], per_row: int = 4) -> None:
        super().__init__()
        self.items, self.per_row = items, per_row
        self.tile_h = 46.0
        rows = (len(items) + per_row - 1) // per_row
        self.height = rows * (self.tile_h + 6)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return FRAME_W, self.height

    def draw(self) -> None:
        c, gap = self.canv, 6.0
        w = (FRAME_W - gap * (self.per_row - 1)) / self.per_row
        for i, (value, text, bad) in enumerate(self.items):
            col, row = i % self.per_row, i // self.per_row
            x = col * (w + gap)
            top = self.height - row * (self.tile_h + gap)
            c.setStrokeColor(LINE)
            c.setLineWidth(0.6)
            c.rect(x, top - self.tile_h, w, self.tile_h, stroke=1, fill=0)
            c.setFillColor(BAD if bad else BRAND)
            c.rect(x, top - 3, w, 3, stroke=0, fill=1)
            c.setFont(BOLD, 17)
            c.drawString(x + 6, top - 23, pdf_text(value))
            c.setFillColor(INK_SOFT)
            c.setFont(REGULAR, 7.2)
            for j, line in enumerate(simpleSplit(pdf_text(text), REGULAR, 7.2, w - 12)[:2]):
                c.drawString(x + 6, top - 33 - j * 8.5, line)


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
            c.drawString(right + 3, y(chart.target) - 2,
                         pdf_text(f"{label('chart.target', lang)} {chart.target_shown}"))
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
        c.drawString(22, y - 80, pdf_text(
            f"{label('report.generated', lang)} {fmt_long_date(r.generated_at.date(), lang)}"))
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


class TocPlace(Flowable):
    """Holds the rest of the page for the table of contents, written once pages are known."""

    def __init__(self, book: _Book) -> None:
        super().__init__()
        self.book = book

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.avail = ah
        return aw, ah - 1

    def draw(self) -> None:
        _, y = self.canv.absolutePosition(0, self.avail - 1)
        self.book.toc_page = self.canv.getPageNumber()
        self.book.toc_top = y


# --- the document --------------------------------------------------------------------------


@dataclass
class _Book:
    lang: Language
    running_title: str
    version: str
    toc_page: int = 0
    toc_top: float = 0.0
    entries: list[tuple[int, str, int, str]] = field(default_factory=list)  # level, text, page, key

    def decorate(self, c: Canvas, page: int, total: int) -> None:
        """Running header and footer, the table of contents, the bookmarks of the page."""
        lang = self.lang
        if page > 1:
            c.setFont(REGULAR, 7.5)
            c.setFillColor(INK_SOFT)
            c.drawString(MARGIN_X, PAGE_H - 12 * mm, pdf_text(self.running_title))
            c.setStrokeColor(LINE)
            c.setLineWidth(0.5)
            c.line(MARGIN_X, PAGE_H - 13.5 * mm, PAGE_W - MARGIN_X, PAGE_H - 13.5 * mm)
        c.setFont(REGULAR, 7.5)
        c.setFillColor(INK_SOFT)
        c.drawString(MARGIN_X, 10 * mm, pdf_text(self.version))
        c.drawRightString(PAGE_W - MARGIN_X, 10 * mm,
                          pdf_text(label("page", lang, n=page, total=total)))
        if page == self.toc_page:
            self._toc(c)
        for level, text, at, key in self.entries:
            if at == page:
                c.bookmarkPage(key)
                c.addOutlineEntry(text, key, level=level, closed=level > 0)

    def _toc(self, c: Canvas) -> None:
        y = self.toc_top - 6
        for level, text, page, key in self.entries:
            indent = 16 * level
            font, size = (BOLD, 10) if level == 0 else (REGULAR, 9)
            y -= 17 if level == 0 else 14
            number = str(page)
            start = MARGIN_X + indent + stringWidth(text, font, size) + 4
            end = PAGE_W - MARGIN_X - stringWidth(number, font, size) - 4
            dots = int(max(end - start, 0) / stringWidth(". ", REGULAR, size))
            # One text object, left to right: an extractor reads "title . . . page" as a line.
            line = c.beginText()
            line.setTextOrigin(MARGIN_X + indent, y)
            line.setFont(font, size)
            line.setFillColor(INK)
            line.textOut(text)
            line.setTextOrigin(start, y)
            line.setFont(REGULAR, size)
            line.setFillColor(LINE)
            line.textOut(". " * dots)
            line.setTextOrigin(PAGE_W - MARGIN_X - stringWidth(number, font, size), y)
            line.setFont(font, size)
            line.setFillColor(INK)
            line.textOut(number)
            c.drawText(line)
            c.linkRect("", key, (MARGIN_X, y - 3, PAGE_W - MARGIN_X, y + size), relative=0)


def _canvas_class(book: _Book) -> type[Canvas]:
    class ReportCanvas(Canvas):
        """Keeps every page until the end, then writes what needs the page count."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._kept: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802
            self._kept.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._kept)
            for number, state in enumerate(self._kept, start=1):
                self.__dict__.update(state)
                book.decorate(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return ReportCanvas


class _Doc(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, book: _Book, **kw: Any) -> None:
        super().__init__(buf, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, **kw)
        self.book = book
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        if isinstance(flowable, Heading):
            self.book.entries.append((flowable.level, flowable.toc_text, self.page, flowable.key))


# --- the content ---------------------------------------------------------------------------


class _Story:
    def __init__(self, report: AnnualReport, lang: Language, book: _Book) -> None:
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
        self.add(Paragraph(_xml(text), style))

    def table(self, cols: Sequence[Col], rows: Sequence[Sequence[Cell | str]],
              marks: Sequence[Any] | None = None, more: int = 0) -> None:
        """A table of at most MAX_TABLE_ROWS rows; `more` counts rows left out before."""
        shown, over = capped(rows)
        more += over
        if shown:
            self.add(GridTable(cols, shown, list(marks)[:len(shown)] if marks else None),
                     Spacer(1, 8))
        if more:
            self.para(self.t("msg.more_rows", n=self.n(more)), SMALL)

    def build(self) -> list[Flowable]:
        r = self.r
        self.add(Cover(r, self.lang), PageBreak())
        self.add(Paragraph(_xml(self.t("toc")), H1), TocPlace(self.book), PageBreak())
        for number, (key, anchor) in enumerate(sections(r), start=1):
            if number > 1:
                self.add(CondPageBreak(PAGE_H / 3), Spacer(1, 14))
            self.heading(f"{number}. {self.t(key)}", 0)
            getattr(self, "sec_" + anchor)()
        return self.items

    def sec_summary(self) -> None:
        self.para(self.t("report.intro", year=self.r.year))
        items = [(self.n(v), self.t("kf." + k), k == "priorities_without_action" and bool(v))
                 for k, v in self.r.key_figures.model_dump().items()]
        self.add(Spacer(1, 6), Figures(items))

    def sec_checklist(self) -> None:
        self.para(self.t("msg.checklist_intro"))
        rows, marks = [], []
        for c in self.r.checklist:
            state = (Cell(self.t("msg.check_ok"), bold=True, color=OK) if c.ok else
                     Cell(self.t("msg.check_missing", year=self.r.year), bold=True, color=BAD))
            rows.append([Cell(c.code, bold=True), c.title, str(c.action_count), state])
            marks.append(None if c.ok else BAD_SOFT)
        self.table([Col(self.t("col.code"), .14), Col(self.t("col.title"), .56),
                    Col(self.t("col.actions"), .1, "right"), Col(self.t("col.check"), .2)],
                   rows, marks)

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
            row: list[Cell | str] = [Cell(a.code, bold=True), Cell(a.title, sub=" · ".join(extra)),
                                     enum("action_status", a.status, self.lang), f"{a.progress} %"]
            if full:
                row.append(f"{self.d(a.start_date)} –\n{self.d(a.end_date)}")
                row.append("\n".join(f"{m.title} ({self.d(m.done_on)})"
                                     for m in a.milestones_reached))
            rows.append(row)
        return rows

    def sec_pillars(self) -> None:
        cols = [Col(self.t("col.code"), .07), Col(self.t("col.title"), .36),
                Col(self.t("col.status"), .1), Col(self.t("col.progress"), .1, "right"),
                Col(self.t("col.period"), .12), Col(self.t("col.milestones"), .25)]
        for p in self.r.pillars:
            self.heading(f"{p.code} {p.title}", 1)
            if not p.actions:
                self.para(self.t("msg.no_actions"), SMALL)
            shown, more = capped(p.actions)
            self.table(cols, self._action_rows(shown, True), more=more)

    def sec_priorities(self) -> None:
        cols = [Col(self.t("col.code"), .09), Col(self.t("col.title"), .61),
                Col(self.t("col.status"), .16), Col(self.t("col.progress"), .14, "right")]
        for p in self.r.priorities:
            self.heading(f"{p.code} {p.title}", 1)
            codes, more = capped(p.action_codes)
            lines = [self.actions[c] for c in codes if c in self.actions]
            if not lines:
                missing = _xml(self.t("msg.check_missing", year=self.r.year))
                self.add(Paragraph(f'<font color="#a4161a"><b>{missing}</b></font>', BODY))
            self.table(cols, self._action_rows(lines, False), more=more)
        if self.r.actions_without_priority:
            self.add(Paragraph(_xml(self.t("msg.without_priority")), H2))
            self.para(code_list(self.r.actions_without_priority))

    def sec_mvo(self) -> None:
        rows: list[list[Cell | str]] = [
            [Cell(enum("mvo_theme", g.theme, self.lang), bold=True),
             code_list(g.action_codes) or "—", code_list(g.accent_action_codes) or "—"]
            for g in self.r.mvo.themes
        ]
        self.table([Col(self.t("col.theme"), .3), Col(self.t("col.actions"), .4),
                    Col(f"{self.t('col.accent')} {self.r.year}", .3)], rows)
        self.add(Paragraph(_xml(self.t("msg.accent_actions", year=self.r.year)), H2))
        codes, more = capped(self.r.mvo.accent_action_codes)
        accents = [self.actions[c] for c in codes if c in self.actions]
        self.table([Col(self.t("col.code"), .1), Col(self.t("col.title"), .6),
                    Col(self.t("col.themes"), .3)],
                   [[Cell(a.code, bold=True), a.title,
                     ", ".join(enum("mvo_theme", m, self.lang) for m in a.mvo_themes)]
                    for a in accents], more=more)
        if not accents:
            self.para(self.t("msg.none"), SMALL)

    def sec_meetings(self) -> None:
        cols = [Col(self.t("col.date"), .1), Col(self.t("col.meeting"), .29),
                Col(self.t("col.present"), .1, "right"), Col(self.t("col.excused"), .15, "right"),
                Col(self.t("col.absent"), .09, "right"), Col(self.t("col.decisions"), .27)]
        for b in self.r.bodies:
            if not b.meetings:
                continue
            self.heading(b.name, 1)
            a = b.attendance
            self.para(f"{self.t('kf.meetings_held')}: {b.meetings_held} · {self.t('col.present')}: "
                      f"{a.present} · {self.t('col.excused')}: {a.excused} · "
                      f"{self.t('col.absent')}: {a.absent}", SMALL)
            rows: list[list[Cell | str]] = []
            meetings, more = capped(b.meetings)
            for m in meetings:
                note = (f"{self.t('col.minutes')}: {m.minutes_excerpt}"
                        if m.minutes_excerpt else "")
                lines = []
                for d in m.decisions:
                    refs = ", ".join(x for x in (d.action_code, d.dossier_code) if x)
                    lines.append(f"- {d.text}" + (f" ({refs})" if refs else ""))
                decisions = "\n".join(lines)
                rows.append([self.d(m.date), Cell(m.title, sub=m.location or "", note=note),
                             str(m.attendance.present), str(m.attendance.excused),
                             str(m.attendance.absent), decisions])
            self.table(cols, rows, more=more)
        idle = [b.name for b in self.r.bodies if not b.meetings]
        if idle:
            self.para(f"{self.t('msg.no_meetings')} {', '.join(idle)}", SMALL)

    def sec_dossiers(self) -> None:
        self.add(Paragraph(_xml(self.t("msg.per_level")), H2))
        self.table(
            [Col(self.t("col.level"), .25), Col(self.t("col.opened"), .15, "right"),
             Col(self.t("col.on_agenda"), .15, "right"), Col(self.t("col.signalled"), .15, "right"),
             Col(self.t("col.answered"), .15, "right"), Col(self.t("col.closed"), .15, "right")],
            [[enum("dossier_level", lv.level, self.lang), str(lv.opened), str(lv.on_agenda),
              str(lv.signalled), str(lv.answered), str(lv.closed)]
             for lv in self.r.dossier_levels])
        if not self.r.dossiers:
            self.para(self.t("msg.no_dossiers"), SMALL)
            return
        rows: list[list[Cell | str]] = []
        dossiers, more = capped(self.r.dossiers)
        for d in dossiers:
            sub = enum("dossier_theme", d.theme, self.lang) + (f" · {d.raised_by}"
                                                               if d.raised_by else "")
            notes = []
            if d.evidence_summary:
                notes.append(f"{self.t('col.evidence')}: {d.evidence_summary}")
            for e in d.events or []:
                notes.append(f"{self.d(e.date)} {enum('event_kind', e.kind, self.lang)}: {e.text}")
            steps = "\n".join(
                f"{self.t(key)}: {self.d(day)}"
                for key, day in (("col.opened", d.opened_on), ("col.on_agenda", d.on_agenda_on),
                                 ("col.signalled", d.signalled_on),
                                 ("col.answered", d.answered_on), ("col.closed", d.closed_on))
                if day is not None
            )
            rows.append([Cell(d.code, bold=True), Cell(d.title, sub=sub, note=" | ".join(notes)),
                         enum("dossier_level", d.level, self.lang),
                         enum("dossier_status", d.status, self.lang), steps])
        self.table([Col(self.t("col.code"), .08), Col(self.t("col.title"), .44),
                    Col(self.t("col.level"), .12), Col(self.t("col.status"), .13),
                    Col(str(self.r.year), .23)], rows, more=more)

    def sec_agreements(self) -> None:
        rows: list[list[Cell | str]] = []
        total = sum(max(len(m.agreements), 1) for m in self.r.municipalities)
        for m in self.r.municipalities:
            if len(rows) >= MAX_TABLE_ROWS:
                break
            name = Cell(m.name, sub=m.nis_code, bold=True)
            if not m.agreements:
                rows.append([name, Cell(self.t("msg.no_agreement"), color=INK_SOFT), "", "", "",
                             ""])
            for i, a in enumerate(m.agreements[:MAX_TABLE_ROWS - len(rows)]):
                rows.append([name if i == 0 else "", Cell(a.title, sub=a.service), a.provider,
                             enum("regime", a.regime, self.lang),
                             f"{self.d(a.start_date)} –\n{self.d(a.end_date)}",
                             self.n(a.compensation_amount)])
        self.table([Col(self.t("col.municipality"), .15), Col(self.t("col.agreement"), .3),
                    Col(self.t("col.provider"), .18), Col(self.t("col.regime"), .12),
                    Col(self.t("col.period"), .11), Col(self.t("col.compensation"), .14, "right")],
                   rows[:MAX_TABLE_ROWS], more=total - len(rows[:MAX_TABLE_ROWS]))

    def sec_indicators(self) -> None:
        rows: list[list[Cell | str]] = []
        indicators, more = capped(self.r.indicators)
        for i in indicators:
            def at(value: Any, day: Any) -> Cell:
                return Cell(self.n(value), sub=self.d(day) if value is not None else "")
            prev = at(i.previous.value, i.previous.date) if i.previous else Cell("")
            values = "\n".join(f"{self.n(p.value)} ({self.d(p.date)})" for p in i.values) or "—"
            reached = ("" if i.target_reached is None
                       else self.t("yes") if i.target_reached else self.t("no"))
            rows.append([Cell(i.code, bold=True), Cell(i.name, sub=i.unit),
                         at(i.baseline_value, i.baseline_date), at(i.target_value, i.target_date),
                         prev, values, reached])
        self.table([Col(self.t("col.code"), .2), Col(self.t("col.indicator"), .26),
                    Col(self.t("col.baseline"), .1, "right"),
                    Col(self.t("col.target"), .1, "right"),
                    Col(self.t("col.previous"), .1, "right"),
                    Col(self.t("col.values", year=self.r.year), .16, "right"),
                    Col(self.t("col.reached"), .08)], rows, more=more)

    def sec_charts(self) -> None:
        shown = self.r.indicators[:MAX_CHARTS]
        self.para(self.t("msg.chart_note", year=self.r.year), SMALL)
        if len(self.r.indicators) > len(shown):
            self.para(self.t("msg.charts_capped", n=len(shown), total=len(self.r.indicators)),
                      SMALL)
        built = [charts.build(i, self.r.year, self.lang) for i in shown]
        for k in range(0, len(built), 2):
            self.add(ChartRow(built[k:k + 2], self.lang), Spacer(1, 8))


def render_pdf(report: AnnualReport, lang: Language,
               on_progress: Callable[[str], None] | None = None) -> bytes:
    title = f"{label('report.title', lang)} {report.year}"
    version = label("report.internal" if report.internal else "report.shared", lang)
    book = _Book(lang=lang, running_title=f"{title} · {label('report.region', lang)}",
                 version=version)
    story = _Story(report, lang, book).build()
    if on_progress:
        on_progress("layout")
    buf = io.BytesIO()
    doc = _Doc(buf, book, title=pdf_text(title), author="W13 · regie sociale economie",
               subject=pdf_text(label("report.region", lang)), lang=lang.value)
    doc.build(story, canvasmaker=_canvas_class(book))
    return buf.getvalue()
