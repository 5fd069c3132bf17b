"""Reports: the annual report of a year, as JSON, HTML, PDF or spreadsheet by `Accept`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Response

from api.core.deps import PrincipalDep, SessionDep
from api.core.etags import IfNoneMatch
from api.core.openapi_text import BODY_ETAG, BODY_NOT_MODIFIED, COMMON_ERRORS, problem
from api.core.permissions import Verb
from api.core.principal import Principal
from api.core.responses import tagged_response
from api.core.routing import who_may
from api.reports import service
from api.reports.i18n import negotiate_language
from api.reports.negotiation import content_disposition, negotiate_format
from api.reports.render import MEDIA_TYPES, render
from api.reports.schemas import AnnualReport, ReportFormat, ReportList

router = APIRouter(tags=["reports"])


def reader(principal: PrincipalDep) -> Principal:
    # A dependency, so a caller without the right is refused (401/403) before the path and
    # query are even looked at.
    return service.may_read(principal)


ReaderDep = Annotated[Principal, Depends(reader)]
WHO = who_may(service.RESOURCE, Verb.read)
BINARY = {"schema": {"type": "string", "format": "binary"}}
# The HTML version has no scripts and loads nothing: the strictest policy fits it.
HTML_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


@router.get(
    "/reports",
    operation_id="reports_list",
    summary="List the available reports",
    description=(
        "The annual reports you can ask for: every year the plan's actions span, newest first, "
        f"each with its link.\n\n**Who may:** {WHO}"
    ),
    response_model=ReportList,
    responses={
        200: {"description": "OK", "headers": BODY_ETAG},
        304: BODY_NOT_MODIFIED,
        **COMMON_ERRORS,
    },
)
def list_reports(
    session: SessionDep, principal: ReaderDep, if_none_match: IfNoneMatch = None
) -> Response:
    """The years an annual report can be asked for."""
    body = service.available_years(session).model_dump_json().encode()
    return tagged_response(body, {"Vary": "Authorization"}, if_none_match)


ANNUAL_CONTENT: dict[str, Any] = {
    MEDIA_TYPES[ReportFormat.json]: {"schema": {"$ref": "#/components/schemas/AnnualReport"}},
    MEDIA_TYPES[ReportFormat.html]: {
        "schema": {"type": "string"},
        "example": '<!doctype html><html lang="nl">…</html>',
    },
    MEDIA_TYPES[ReportFormat.pdf]: BINARY,
    MEDIA_TYPES[ReportFormat.xlsx]: BINARY,
}


@router.get(
    "/reports/annual/{year}",
    operation_id="reports_get_annual",
    summary="The annual report of a year",
    description=(
        "What the regie did in the year: actions active in the year per pillar and per WSE-LR "
        "priority (status, progress, milestones reached), the MVO themes, meetings held per "
        "body with attendance and decisions, dossiers opened, put on the agenda, signalled, "
        "answered or closed and the level addressed, agreements active per municipality, every "
        "indicator with baseline, target and the year's values (as a table and as charts), and "
        "a checklist that flags a WSE-LR priority without an action that year.\n\n"
        "The format follows `Accept` (or `?format=`): `application/json` (the default), "
        "`text/html` (a printable, self-contained page), `application/pdf` (table of contents, "
        "page numbers, charts) or the `.xlsx` spreadsheet type (one sheet per section, numbers "
        "and dates as such). Labels follow `Accept-Language` (`nl` by default, `fr`, `en`); "
        "titles and texts from the data stay Dutch. The HTML and PDF show the first 500 rows "
        "of a table and say how many more the spreadsheet and JSON hold.\n\n"
        "W13 gets its internal notes (minutes excerpts, dossier evidence and timelines); "
        "`?internal=false` gives the version to share. ROSE members always get that version.\n\n"
        f"**Who may:** {WHO}"
    ),
    response_model=AnnualReport,
    responses={
        200: {
            "description": "The report, in the format `Accept` asked for.",
            "content": ANNUAL_CONTENT,
        },
        406: problem("None of the media types in `Accept` can be served."),
        **COMMON_ERRORS,
    },
)
def annual_report(
    session: SessionDep,
    principal: ReaderDep,
    year: Annotated[
        int,
        Path(
            ge=service.MIN_YEAR,
            le=service.MAX_YEAR,
            examples=[2024],
            description="The calendar year.",
        ),
    ],
    format: Annotated[
        ReportFormat | None, Query(description="Overrides `Accept`: handy for a plain link.")
    ] = None,
    internal: Annotated[
        bool | None, Query(description="W13 only: `false` leaves the internal notes out.")
    ] = None,
    accept: Annotated[str | None, Header(description="The format wanted.")] = None,
    accept_language: Annotated[str | None, Header(description="`nl`, `fr` or `en`.")] = None,
) -> Response:
    """The annual report of the year, in the format and language asked for."""
    fmt = negotiate_format(accept, format)
    lang = negotiate_language(accept_language)
    with_notes = service.internal_for(principal, internal)
    report = service.build_annual_report(session, year, internal=with_notes, language=lang)
    body = render(report, fmt, lang)
    headers = {
        "Content-Language": lang.value,
        "Vary": "Accept, Accept-Language, Authorization",
        "Cache-Control": "private, no-cache",
        "Content-Disposition": content_disposition(fmt, lang, year, with_notes),
    }
    media = MEDIA_TYPES[fmt]
    if fmt is ReportFormat.html:
        headers["Content-Security-Policy"] = HTML_CSP
    return Response(body, media_type=media, headers=headers)
