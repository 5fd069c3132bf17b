"""Change feed routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.core import etags, pagecache
from api.core.deps import PrincipalDep, SessionDep
from api.core.etags import IfNoneMatch
from api.core.openapi_text import COMMON_ERRORS, LINK, LIST_ETAG, LIST_NOT_MODIFIED, problem
from api.core.permissions import Verb, require
from api.core.routing import security
from api.core.unitofwork import REVOKE
from api.sync import service
from api.sync.schemas import ChangePage, ChangeRead
from api.webhooks.router import router as webhooks_router

router = APIRouter(tags=["sync"])


@router.get(
    "/changes",
    operation_id="changes_list",
    summary="Follow the change feed",
    response_model=ChangePage,
    responses={
        200: {"description": "OK", "headers": {**LINK, **LIST_ETAG}},
        304: LIST_NOT_MODIFIED,
        **COMMON_ERRORS,
        400: problem("Invalid cursor."),
        410: problem("Cursor too old: re-sync, then follow the feed again."),
    },
    openapi_extra=security("changes", Verb.read),
)
def list_changes(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    cursor: Annotated[
        str | None, Query(max_length=20, description="`next_cursor` of the last poll.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    resource: Annotated[str | None, Query(max_length=40, description="Only this resource.")] = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Every create, update and delete (`op: delete` is a tombstone) in commit order, limited
    to records your role may read. Store `next_cursor` and poll with it: you see each change
    exactly once. W13 sees all; ROSE members, municipalities and the public view see what they
    may read. When a record leaves what you may read (an agreement no longer covers your
    municipality, your actor leaves a body, an action is unpublished) you get `op: delete` for
    it; when it enters, `op: upsert`.

    Each page carries an `ETag`: polled again with it as `If-None-Match` while nothing new
    came, the answer is 304 without a body (after one index lookup)."""
    require(principal, "changes", Verb.read)
    # The feed's ends, read before the page: the page only grows with the head and only goes
    # (410) with the tail, so they version it for this caller's scope and query.
    head, tail = pagecache.feed_ends(session.connection())
    key = f"{pagecache.scope_key(principal)}|{tail}|{request.url.path}?{request.url.query}"
    headers = {"Vary": "Authorization", "Cache-Control": "no-store"}
    headers["ETag"] = pagecache.list_tag(head, key)
    if etags.not_modified(if_none_match, headers["ETag"]):
        return Response(status_code=304, headers=headers)
    rows, next_cursor, more = service.read_changes(session, principal, cursor, limit, resource)
    page = ChangePage(
        items=[
            ChangeRead(
                seq=r.seq or 0,
                resource=r.resource,
                id=r.record_id,
                parent_id=r.parent_id,
                # A revoke row reaches only the audience that lost sight of the record: for
                # that reader the record is gone, as after a delete.
                op="delete" if r.op == REVOKE else r.op,
                version=r.version,
                at=r.at,
            )
            for r in rows
        ],
        next_cursor=str(next_cursor),
    )
    if more:
        headers["Link"] = f'<{request.url.include_query_params(cursor=next_cursor)}>; rel="next"'
    return Response(page.model_dump_json(), media_type="application/json", headers=headers)


# Webhook subscriptions and their delivery log live in `api.webhooks`; mounted with the feed.
router.include_router(webhooks_router)
