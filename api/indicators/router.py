"""Indicators, their nested measurements and the chart-ready series."""

import datetime as dt
import hashlib
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.core import etags
from api.core.deps import PrincipalDep, SessionDep
from api.core.etags import IfNoneMatch
from api.core.openapi_text import ONE_ERRORS
from api.core.permissions import Verb
from api.core.responses import json_response
from api.core.routing import RecordId, resource_router, who_may
from api.indicators import service
from api.indicators.schemas import IndicatorSeries

router = APIRouter()
# The indicators' own routes first: `PUT /indicators/by-external-id/{source}/{external_id}`
# must be matched before the nested measurement routes of the same shape.
router.include_router(resource_router(service.indicators))
router.include_router(resource_router(service.measurements))


@router.get(
    "/indicators/{record_id}/series",
    operation_id="indicators_series",
    tags=["indicators"],
    summary="Read an indicator's series",
    description=(
        "The indicator's summary, its baseline and target (`{date, value}`, null when unknown) "
        "and every measurement as `points` (`{date, value}`, by date), in one answer for "
        "charts; `date_from`/`date_to` narrow the points. A weak `ETag` answers "
        "`If-None-Match` with 304.\n\n"
        f"**Who may:** {who_may(service.measurements, Verb.read)}"
    ),
    response_model=IndicatorSeries,
    responses={304: {"description": "Not modified"}, **ONE_ERRORS},
)
def indicator_series(
    session: SessionDep,
    principal: PrincipalDep,
    record_id: RecordId,
    date_from: Annotated[dt.date | None, Query(description="Points on or after this date.")] = None,
    date_to: Annotated[dt.date | None, Query(description="Points on or before this date.")] = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """An indicator's baseline, target and measurements (`{date, value}` by date), for charts."""
    body = service.series(session, principal, record_id, date_from, date_to)
    tag = 'W/"' + hashlib.sha256(body.model_dump_json().encode()).hexdigest()[:16] + '"'
    headers = {"ETag": tag, "Vary": "Authorization"}
    if etags.not_modified(if_none_match, tag):
        return Response(status_code=304, headers=headers)
    return json_response(body, headers=headers)
