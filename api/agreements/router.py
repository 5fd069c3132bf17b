"""Agreements: the generic operations, with a list that also answers CSV by content negotiation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response

from api.agreements.schemas import AgreementFilters, AgreementRead
from api.agreements.service import agreements
from api.core import tabular
from api.core.etags import IfNoneMatch
from api.core.openapi_text import LINK, LIST_ERRORS, LIST_ETAG, LIST_NOT_MODIFIED
from api.core.pagination import Page
from api.core.permissions import Verb
from api.core.routing import (
    LISTS,
    ListCaller,
    list_caller,
    list_response,
    resource_router,
    who_may,
)

router = APIRouter(tags=[agreements.tag])


@router.get(
    "/agreements",
    operation_id="agreements_list",
    summary="List agreements",
    description=(
        "A page of agreements you may read, in keyset order (start date, then title). Follow "
        "`next_cursor` (or the `Link: rel=next` header) for more. "
        "`?municipality=<NIS>&active_on=<YYYY-MM-DD>` answers which agreements run in a "
        "municipality on a day.\n\n"
        f"{tabular.CSV_DOC} The provider's KBO number and name are read-only columns.\n\n"
        f"**Who may:** {who_may(agreements, Verb.read)}"
    ),
    response_model=Page[AgreementRead],
    responses={
        200: {
            **tabular.csv_openapi_200(
                agreements, "A page of agreements (JSON) or all of them (CSV)."
            ),
            "headers": {**LINK, **LIST_ETAG},
        },
        304: LIST_NOT_MODIFIED,
        **LIST_ERRORS,
    },
)
def list_agreements(
    request: Request,
    caller: Annotated[ListCaller, Depends(list_caller(agreements))],
    params: Annotated[AgreementFilters, Query()],
    accept: Annotated[str | None, Header(description="`text/csv` for CSV.")] = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Agreements as JSON pages, or all of them as CSV when `Accept` asks for `text/csv`."""
    # CSV has the same columns as every list: those the import takes back.
    session, principal = caller
    return list_response(
        request, session, principal, agreements, params, accept, if_none_match=if_none_match
    )


# Its reads are the generic list's: answered before routing like every list (api.core.fastlist).
LISTS["/agreements"] = agreements

# The generic operations but the list: this module's list takes its place.
router.include_router(resource_router(agreements))
