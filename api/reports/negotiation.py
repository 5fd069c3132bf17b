"""Which format the caller asked for (`Accept`, or `?format=`), and the file it is saved as."""

from __future__ import annotations

from api.core.errors import ProblemError
from api.core.qvalues import weighted
from api.reports.render import MEDIA_TYPES
from api.reports.schemas import Language, ReportFormat

# On a tie (`*/*`, or equal q-values) the first wins: JSON is the API's default.
PREFERENCE = (ReportFormat.json, ReportFormat.html, ReportFormat.pdf, ReportFormat.xlsx)
FILE_STEM = {
    Language.nl: "jaarverslag-regie",
    Language.fr: "rapport-annuel-regie",
    Language.en: "annual-report-regie",
}
EXTENSION = {
    ReportFormat.json: "json",
    ReportFormat.html: "html",
    ReportFormat.pdf: "pdf",
    ReportFormat.xlsx: "xlsx",
}


def _ranges(accept: str) -> list[tuple[str, float]]:
    # A member that is not a media range is ignored, as a missing header would be.
    return [(rng, min(max(q, 0.0), 1.0)) for rng, q in weighted(accept) if "/" in rng]


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The q-value of the most specific range that matches (RFC 9110, 12.5.1)."""
    kind = media_type.split("/")[0]
    best: tuple[int, float] | None = None
    for rng, q in ranges:
        if rng == media_type:
            rank = 3
        elif rng == f"{kind}/*":
            rank = 2
        elif rng == "*/*":
            rank = 1
        else:
            continue
        if best is None or rank > best[0]:
            best = (rank, q)
    return best[1] if best else 0.0


def negotiate_format(accept: str | None, asked: ReportFormat | None = None) -> ReportFormat:
    if asked is not None:
        return asked
    if not accept or not accept.strip():
        return ReportFormat.json
    ranges = _ranges(accept)
    if not ranges:
        return ReportFormat.json
    scored = [(_quality(MEDIA_TYPES[f], ranges), -i, f) for i, f in enumerate(PREFERENCE)]
    q, _, fmt = max(scored)
    if q <= 0:
        raise ProblemError(406, "report_formats", {"types": [MEDIA_TYPES[f] for f in PREFERENCE]})
    return fmt


def content_disposition(fmt: ReportFormat, lang: Language, year: int, internal: bool) -> str:
    name = f"{FILE_STEM[lang]}-{year}{'-intern' if internal else ''}.{EXTENSION[fmt]}"
    kind = "attachment" if fmt in (ReportFormat.pdf, ReportFormat.xlsx) else "inline"
    return f'{kind}; filename="{name}"'
