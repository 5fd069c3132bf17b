"""A small typesetting layer over ReportLab for the annual report's PDF: page geometry,
colours and styles, text the standard fonts can show, a fast table (`GridTable`), key-figure
tiles, and a document that keeps every page until the end so that "page X of Y", the table
of contents and the bookmarks are written in a single layout pass. It knows nothing of the
report's content (`api.reports.render_pdf` tells the story).

Long tables are a light flowable of our own (wrapped text, header row repeated on every
page), not ReportLab's general `Table`, which costs several times more per cell."""

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
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
)

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


def xml_text(text: object) -> str:
    """Text for a `Paragraph`, which reads its text as markup."""
    return pdf_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- styles --------------------------------------------------------------------------------

BODY = ParagraphStyle(
    "body", fontName=REGULAR, fontSize=9.5, leading=13, textColor=INK, spaceAfter=6
)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10.5, textColor=INK_SOFT)
H1 = ParagraphStyle(
    "H1", fontName=BOLD, fontSize=16, leading=20, textColor=BRAND, spaceBefore=0, spaceAfter=10
)
H2 = ParagraphStyle(
    "H2", fontName=BOLD, fontSize=11.5, leading=15, textColor=BRAND, spaceBefore=10, spaceAfter=5
)


class Heading(Paragraph):
    """A heading that goes into the table of contents and the PDF bookmarks."""

    def __init__(self, text: str, level: int, key: str) -> None:
        super().__init__(xml_text(text), H1 if level == 0 else H2)
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

    def __init__(
        self,
        cols: Sequence[Col],
        rows: Sequence[Sequence[Cell | str]],
        marks: Sequence[Any] | None = None,
        _prepared: Any = None,
        _total: float | None = None,
    ) -> None:
        super().__init__()
        self.cols = list(cols)
        self.widths = [c.width * FRAME_W for c in self.cols]
        self.lefts = [sum(self.widths[:i]) for i in range(len(self.widths))]
        if _prepared is None:
            marks = list(marks) if marks is not None else [None] * len(rows)
            _prepared = [self._prepare(row, mark) for row, mark in zip(rows, marks, strict=True)]
        self.prepared: list[tuple[float, list[list[_Line]], Any]] = _prepared
        self.header = [
            _lines(Cell(c.title, bold=True), w - 2 * PAD)
            for c, w in zip(self.cols, self.widths, strict=True)
        ]
        self.header_h = self._height(self.header)
        # Kept, not summed again on every wrap: a long table is split once per page.
        self.total = _total if _total is not None else sum(p[0] for p in self.prepared)

    def _height(self, cells: list[list[_Line]]) -> float:
        return max((sum(ln.size * LEAD for ln in lines) for lines in cells), default=0) + 2 * PAD

    def _prepare(
        self, row: Sequence[Cell | str], mark: Any
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
            return [
                GridTable(self.cols, [], _prepared=head, _total=used),
                GridTable(self.cols, [], _prepared=rest),
            ]
        if k == 0:
            return []  # start on the next page
        return [
            GridTable(self.cols, [], _prepared=head, _total=used),
            GridTable(self.cols, [], _prepared=rest, _total=self.total - used),
        ]

    def _split_row(self, row: tuple[float, list[list[_Line]], Any], room: float) -> tuple[Any, Any]:
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

    def _row(
        self,
        c: Canvas,
        y: float,
        h: float,
        cells: list[list[_Line]],
        fill: Any,
        header: bool = False,
    ) -> None:
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


class TocPlace(Flowable):
    """Holds the rest of the page for the table of contents, written once pages are known."""

    def __init__(self, book: Book) -> None:
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
class Book:
    """What the pages carry besides the story: running title, version line, "page X of Y"
    (`page_label(page, total)`), and the headings for the table of contents and bookmarks."""

    running_title: str
    version: str
    page_label: Callable[[int, int], str]
    toc_page: int = 0
    toc_top: float = 0.0
    entries: list[tuple[int, str, int, str]] = field(default_factory=list)  # level, text, page, key

    def decorate(self, c: Canvas, page: int, total: int) -> None:
        """Running header and footer, the table of contents, the bookmarks of the page."""
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
        c.drawRightString(PAGE_W - MARGIN_X, 10 * mm, pdf_text(self.page_label(page, total)))
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


def canvas_class(book: Book) -> type[Canvas]:
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


class Doc(BaseDocTemplate):
    """A4 pages with one frame; every `Heading` laid out is noted in the book."""

    def __init__(self, buf: io.BytesIO, book: Book, **kw: Any) -> None:
        super().__init__(
            buf,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            **kw,
        )
        self.book = book
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            FRAME_W,
            PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        if isinstance(flowable, Heading):
            self.book.entries.append((flowable.level, flowable.toc_text, self.page, flowable.key))
