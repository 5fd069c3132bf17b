"""The order of the report's sections, the same in every format, and how much of a long
list the formats meant for reading (HTML, PDF) show."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from api.reports.schemas import AnnualReport

T = TypeVar("T")

# A printed table of more rows than this (some twenty pages) is no longer read; the HTML and
# PDF show this many and say how many more the spreadsheet and the JSON hold. This also keeps
# the time to lay out a PDF bounded on any amount of data.
MAX_TABLE_ROWS = 500
# Lists of action codes in one cell (MVO themes, actions without a priority).
MAX_CODES = 40
# Charts beyond this many indicators would make the HTML and PDF heavy without telling more;
# the table and the spreadsheet still hold every indicator.
MAX_CHARTS = 120

SECTIONS: tuple[tuple[str, str], ...] = (
    ("sec.summary", "summary"),
    ("sec.checklist", "checklist"),
    ("sec.pillars", "pillars"),
    ("sec.priorities", "priorities"),
    ("sec.mvo", "mvo"),
    ("sec.meetings", "meetings"),
    ("sec.dossiers", "dossiers"),
    ("sec.agreements", "agreements"),
    ("sec.indicators", "indicators"),
    ("sec.charts", "charts"),
)


def sections(report: AnnualReport) -> tuple[tuple[str, str], ...]:
    return SECTIONS


def capped(items: Sequence[T], limit: int = MAX_TABLE_ROWS) -> tuple[Sequence[T], int]:
    """The items to show, and how many are left out."""
    return items[:limit], max(len(items) - limit, 0)


def code_list(codes: Sequence[str], limit: int = MAX_CODES) -> str:
    text = ", ".join(codes[:limit])
    if len(codes) > limit:
        text += f" … (+{len(codes) - limit})"
    return text
