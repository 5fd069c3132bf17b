"""`regie report`: write the annual report of a year to a file, with progress on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from api.core.db import session_scope
from api.core.progress import progress
from api.reports.render import render
from api.reports.schemas import AnnualReport, Language, ReportFormat
from api.reports.service import build_annual_report


def write_report(
    year: int,
    fmt: ReportFormat,
    output: str | Path,
    *,
    lang: Language = Language.nl,
    internal: bool = False,
) -> int:
    """Gather, render and write; returns the number of bytes written."""
    state: dict[str, Any] = {}

    def gather() -> None:
        with session_scope(write=False) as session:
            state["report"] = build_annual_report(session, year, internal=internal, language=lang)

    def lay_out() -> None:
        report: AnnualReport = state["report"]
        state["body"] = render(report, fmt, lang)

    def write() -> None:
        body: bytes = state["body"]
        if str(output) == "-":
            sys.stdout.buffer.write(body)
            sys.stdout.buffer.flush()
        else:
            Path(output).write_bytes(body)

    steps: list[Callable[[], None]] = [gather, lay_out, write]
    for step in progress(steps, len(steps), f"report {year} {fmt.value}"):
        step()
    return len(state["body"])
