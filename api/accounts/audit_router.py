"""`/audit`: the read-only audit trail (W13)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.accounts import audit
from api.accounts.schemas import (
    AuditFilters,
    AuditPage,
    AuditRead,
)
from api.core.deps import PrincipalDep, SessionDep
from api.core.errors import ProblemError
from api.core.etags import IfNoneMatch
from api.core.openapi_text import BODY_ETAG, BODY_NOT_MODIFIED, LIST_ERRORS, ONE_ERRORS
from api.core.permissions import Verb
from api.core.responses import page_response
from api.core.routing import RecordId, who_may

router = APIRouter(tags=["audit"])


@router.get(
    "/audit",
    operation_id="audit_list",
    summary="List audit entries",
    response_model=AuditPage,
    responses={
        200: {"description": "OK", "headers": BODY_ETAG},
        304: BODY_NOT_MODIFIED,
        **LIST_ERRORS,
    },
    description="Every write, newest first: who (user, client or the command line), when, "
    "what, and the record before and after (its list fields too: partners, attendance, "
    "decisions, ...). Filter by `resource`, `record` (a whole id or its first digits), "
    "`actor`, `op` and `since`/`until`; follow `next_cursor` for more. The trail "
    f"is read-only.\n\n**Who may:** {who_may('audit', Verb.read)}",
)
def audit_list(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    params: Annotated[AuditFilters, Query()],
    if_none_match: IfNoneMatch = None,
) -> Response:
    """List audit entries (W13)."""
    rows, cursor = audit.list_entries(session, principal, params)
    headers = {"Vary": "Authorization"}
    if cursor:
        headers["Link"] = f'<{request.url.include_query_params(cursor=cursor)}>; rel="next"'
    names = audit.actor_names(session, rows)
    return page_response([audit.read(r, names) for r in rows], cursor, headers, if_none_match)


@router.get(
    "/audit/{record_id}",
    operation_id="audit_get",
    summary="Read an audit entry",
    response_model=AuditRead,
    responses=ONE_ERRORS,
    description=f"One audit entry.\n\n**Who may:** {who_may('audit', Verb.read)}",
)
def audit_get(session: SessionDep, principal: PrincipalDep, record_id: RecordId) -> AuditRead:
    """Read one audit entry (W13)."""
    entry = audit.get_entry(session, principal, record_id)
    return audit.read(entry, audit.actor_names(session, [entry]))


@router.api_route("/audit", methods=["POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
@router.api_route(
    "/audit/{record_id}", methods=["POST", "PUT", "PATCH", "DELETE"], include_in_schema=False
)
def audit_refuse_write() -> Response:
    """The trail is append-only, and only the service itself appends to it."""
    raise ProblemError(405, "audit_read_only", headers={"Allow": "GET"})
