"""Turns a `Resource` into its documented HTTP operations, and words the permission table
for their documentation (`who_may`, `security`).

Every resource gets the same contract: list (keyset pages, filters, `updated_since`), read
(ETag, If-None-Match), create (Idempotency-Key), merge-patch update and delete (If-Match),
replace-or-create by id, and upsert by external id for records other systems own."""

import uuid
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request, Response
from sqlalchemy import select, text
from sqlmodel import Session

from api.core import etags, idempotency, openapi_text, pagecache, reads, tabular, writes
from api.core.csv_export import wants_csv
from api.core.deps import PrincipalDep, SessionDep
from api.core.errors import ProblemError
from api.core.etags import IfMatch, IfNoneMatch
from api.core.idempotency import IdemKey
from api.core.openapi_text import (
    CREATED,
    ETAG,
    LINK,
    LIST_ERRORS,
    LIST_ETAG,
    LIST_NOT_MODIFIED,
    ONE_ERRORS,
    WRITE_ERRORS,
    problem,
)
from api.core.pagecache import PageCache
from api.core.pagination import ListParams, Page
from api.core.permissions import TABLE, Cond, Grant, Verb, require
from api.core.principal import Principal, Role
from api.core.resource import Operation, Resource
from api.core.responses import JSON, json_response, page_body, record_response

RecordId = Annotated[uuid.UUID, Path(description="The record's UUID.")]
ParentId = Annotated[uuid.UUID, Path(description="The parent record's UUID.")]
AcceptCsv = Annotated[str | None, Header(description="`text/csv` for the whole list as CSV.")]


_ROLE_NAMES = {
    Role.anonymous: "without a token",
    Role.rose_member: "`rose_member`",
    Role.municipality: "`municipality`",
    Role.w13: "`w13`",
}


def _grant_text(resource: str, grant: Grant, meaning: Mapping[Cond, str]) -> str:
    if grant.cond is Cond.ALL:
        text = f"all {resource.replace('-', ' ')}"
    else:
        text = meaning.get(grant.cond, f"its {grant.cond.value} records")
    if grant.fields is not None:
        text += " (only " + ", ".join(f"`{f}`" for f in sorted(grant.fields)) + ")"
    return text


def who_may(
    subject: Resource | str, action: Verb, meaning: Mapping[Cond, str] | None = None
) -> str:
    """The permission table's cells for one action, as a Markdown list for the documentation.

    A `Resource` brings its own words for OWN and PUBLIC (`permission_text`); a table row
    without a spec (the change feed, accounts) may pass them as `meaning`."""
    if isinstance(subject, Resource):
        resource, meaning = subject.name, subject.permission_text
    else:
        resource, meaning = subject, meaning or {}
    cells = TABLE.get(resource, {}).get(action, {})
    if not cells:
        return "nobody."
    lines = [
        f"- {_ROLE_NAMES[role]}: {_grant_text(resource, g, meaning)}" for role, g in cells.items()
    ]
    answers = [] if Role.anonymous in cells else ["401 without a token"]
    roles = [_ROLE_NAMES[r] for r in Role if r not in cells and r is not Role.anonymous]
    if roles:
        answers.append("403 for " + ", ".join(roles))
    if answers:
        lines.append(f"- refused: {'; '.join(answers)}")
    return "\n\n" + "\n".join(lines)


def security(resource: str, action: Verb) -> dict[str, Any]:
    """`openapi_extra` naming the token an operation takes: optional (`{}`) where the public
    view may do this, and the scope the table asks for (`read` or `write`)."""
    scope = "read" if action is Verb.read else "write"
    token: list[dict[str, list[str]]] = [{"OAuth2": [scope]}]
    if Role.anonymous in TABLE.get(resource, {}).get(action, {}):
        return {"security": [{}, *token]}
    return {"security": token}


def _wait_for_other_writers(session: Session, spec: Resource, record_id: uuid.UUID) -> None:
    """A write without If-Match applies to the record as it is when its turn comes: lock the
    row before reading it (PostgreSQL; SQLite's writers queue anyway). Otherwise concurrent
    unconditional writers read one version, and all but one got 412 for a precondition they
    never sent."""
    if session.get_bind().dialect.name == "postgresql":
        model: Any = spec.model
        session.execute(select(model.id).where(model.id == record_id).with_for_update())


def _one_upsert_at_a_time(session: Session, name: str, source: str, external_id: str) -> None:
    """Concurrent upserts of one external id wait for each other until commit (PostgreSQL;
    SQLite's writers queue anyway). Unserialised, two syncs of a new record both created it
    (the second got 409), and two of an existing one both updated the version they had read
    (the second got 412 without having sent If-Match)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
            {"key": f"upsert:{name}:{source}:{external_id}"},
        )


def list_response(
    request: Request,
    session: Session,
    principal: Principal,
    spec: Resource,
    params: ListParams,
    accept: str | None,
    parent_id: uuid.UUID | None = None,
    if_none_match: str | None = None,
) -> Response:
    """A list's answer: a JSON page with its `ETag` and `Link`, or the whole list as CSV when
    `Accept` asks for it. A page the change feed versions is tagged by the feed's head and the
    caller's scope, and answered 304 or from the page cache while the head stays put
    (`api.core.pagecache`; `api.core.fastlist` answers most of them before routing); the
    parent's visibility is part of what a cached page says."""
    if wants_csv(accept):
        _check_parent(session, principal, spec, parent_id)
        return tabular.csv_list_response(session, principal, spec, params, parent_id)
    versioned = spec.reads_follow_feed and not any(
        getattr(params, name, None) is not None for name in spec.clock_filters
    )
    version = _list_version(request, session, principal) if versioned else None
    headers = dict(LIST_VARY)
    if version is not None:
        head, key, headers["ETag"] = version
        known = _known_answer(request, head, key, headers, if_none_match)
        if known is not None:
            return known
    _check_parent(session, principal, spec, parent_id)
    items, cursor = reads.page_json(session, principal, spec, params, parent_id)
    body = page_body(items, cursor)
    if version is not None:
        cache = _page_cache(request)
        if cache is not None:
            cache.put(key, head, body, cursor)
    else:
        headers["ETag"] = pagecache.body_tag(body)
        if etags.not_modified(if_none_match, headers["ETag"]):
            return Response(status_code=304, headers=headers)
    return _page_answer(request, body, cursor, headers)


ListCaller = tuple[Session, Principal]
LIST_VARY = {"Vary": "Accept, Authorization"}

# The lists by their path template below the API's prefix (`/actions`,
# `/indicators/{parent_id}/measurements`), as `resource_router` adds them (and a domain's own
# list whose route only calls `list_response`): `api.core.fastlist` answers their plain reads
# before FastAPI routes them.
LISTS: dict[str, Resource] = {}


# The reads of one record by their path template (`/actions/{record_id}`), as `resource_router`
# adds them: `api.core.fastlist` answers their plain reads before FastAPI routes them too.
RECORDS: dict[str, Resource] = {}


def record_answer(
    session: Session,
    principal: Principal,
    spec: Resource,
    record_id: uuid.UUID,
    parent_id: uuid.UUID | None,
    if_none_match: str | None,
) -> Response:
    """A record's answer: its JSON with its `ETag`, or 304; 403/404 raised as problems."""
    row = reads.get_visible_row(session, principal, spec, record_id, parent_id)
    tag = etags.etag(row)
    if etags.not_modified(if_none_match, tag):
        return Response(status_code=304, headers={"ETag": tag})
    (item,) = reads.serialize(session, principal, spec, [row])
    return json_response(item, 200, {"ETag": tag, "Vary": "Authorization"})


def list_caller(spec: Resource) -> Any:
    """The list route's dependency for its session and caller: 401/403 before FastAPI parses
    the filters (a refused caller learns nothing of them). 304s and cached pages are answered
    by `list_response`, and most of them before routing (`api.core.fastlist`)."""

    def caller(session: SessionDep, principal: PrincipalDep) -> ListCaller:
        require(principal, spec.name, Verb.read)
        return session, principal

    return caller


def _list_version(request: Request, session: Session, principal: Principal) -> tuple[int, str, str]:
    """(feed head, cache key, ETag) of this list request, read once per request."""
    version: tuple[int, str, str] | None = getattr(request.state, "list_version", None)
    if version is None:
        version = list_version(request, pagecache.feed_head(session.connection()), principal)
    return version


def list_version(request: Request, head: int, principal: Principal) -> tuple[int, str, str]:
    """The request's (feed head, cache key, ETag) at `head`, read before the page (the feed's
    head may only be older than the page, never newer): kept for the rest of the request."""
    key = (
        f"{pagecache.scope_key(principal)}|{request.scope['path']}?"
        f"{request.scope['query_string'].decode('latin-1')}"
    )
    version = request.state.list_version = (head, key, pagecache.list_tag(head, key))
    return version


def known_list_answer(
    request: Request, head: int, principal: Principal, if_none_match: str | None
) -> Response | None:
    """A list's 304 or its page from the cache at `head` (read before anything else of the
    request), or None: the page must be read."""
    _, key, tag = list_version(request, head, principal)
    return _known_answer(request, head, key, {**LIST_VARY, "ETag": tag}, if_none_match)


def _page_cache(request: Request) -> PageCache | None:
    return getattr(request.app.state, "page_cache", None)


def _known_answer(
    request: Request, head: int, key: str, headers: dict[str, str], if_none_match: str | None
) -> Response | None:
    if etags.not_modified(if_none_match, headers["ETag"]):
        return Response(status_code=304, headers=headers)
    cache = _page_cache(request)
    hit = cache.get(key, head) if cache is not None else None
    if hit is not None:
        return _page_answer(request, *hit, headers)
    return None


def _page_answer(
    request: Request, body: bytes, cursor: str | None, headers: dict[str, str]
) -> Response:
    if cursor:
        nxt = request.url.include_query_params(cursor=cursor)
        headers["Link"] = f'<{nxt}>; rel="next"'
    return Response(body, media_type=JSON, headers=headers)


def _check_parent(
    session: Session, principal: Principal, spec: Resource, parent_id: uuid.UUID | None
) -> None:
    """404 when the parent of a nested list does not exist or is not visible to the caller."""
    if spec.parent is not None and parent_id is not None:
        reads.get_visible(session, principal, spec.parent, parent_id)


def _no_parent() -> None:
    """The parent id of a top-level resource's handlers: there is none."""
    return None


def resource_router(spec: Resource) -> APIRouter:
    router = APIRouter(tags=[spec.tag])
    name, label = spec.name, spec.label
    op = name.replace("-", "_")
    segment = spec.path or name
    base = (
        f"/{spec.parent.path or spec.parent.name}/{{parent_id}}/{segment}"
        if spec.parent is not None
        else f"/{segment}"
    )
    item_path = base + "/{record_id}"
    Create, Read = spec.create, spec.read
    PageModel = Page[Read]  # type: ignore[valid-type]
    nested = spec.parent is not None

    # The parameters FastAPI reads from each handler's signature, typed with this resource's
    # own schemas (to the type checker these aliases are `Any`: the classes are known only
    # when the router is built).
    Filters: Any = Annotated[spec.filters, Query()]
    CreateBody: Any = Annotated[Create, Body()]
    UpdateBody: Any = Annotated[spec.update, Body()]
    # A nested resource's handlers take the parent's id from the path (declared first, so it
    # precedes `record_id` in the contract); a top-level resource's get None from a dependency
    # that reads nothing and so adds nothing to the contract.
    ParentIdParam: Any = ParentId if nested else Annotated[None, Depends(_no_parent)]

    def parent_of(session: Session, principal: Principal, parent_id: uuid.UUID | None) -> None:
        if spec.parent is not None and parent_id is not None:
            reads.get_visible(session, principal, spec.parent, parent_id)

    Caller: Any = Annotated[ListCaller, Depends(list_caller(spec))]

    def list_(
        parent_id: ParentIdParam,
        request: Request,
        caller: Caller,
        params: Filters,
        accept: AcceptCsv = None,
        if_none_match: IfNoneMatch = None,
    ) -> Response:
        session, principal = caller
        return list_response(
            request, session, principal, spec, params, accept, parent_id, if_none_match
        )

    def get_(
        parent_id: ParentIdParam,
        session: SessionDep,
        principal: PrincipalDep,
        record_id: RecordId,
        if_none_match: IfNoneMatch = None,
    ) -> Response:
        return record_answer(session, principal, spec, record_id, parent_id, if_none_match)

    def create_(
        parent_id: ParentIdParam,
        request: Request,
        session: SessionDep,
        principal: PrincipalDep,
        payload: CreateBody,
        idempotency_key: IdemKey = None,
    ) -> Response:
        fingerprint = idempotency.body_digest(request, payload)
        replayed = idempotency.replay(session, principal, idempotency_key, fingerprint)
        if replayed is not None:
            return replayed
        parent_of(session, principal, parent_id)
        obj = writes.create_record(session, principal, spec, payload, parent_id)
        location = f"{request.url.path.rstrip('/')}/{obj.id}"
        response = record_response(session, principal, spec, obj, 201, location)
        idempotency.remember(
            session, principal, idempotency_key, 201, bytes(response.body).decode(), location
        )
        return response

    def update_(
        parent_id: ParentIdParam,
        session: SessionDep,
        principal: PrincipalDep,
        record_id: RecordId,
        payload: UpdateBody,
        if_match: IfMatch = None,
    ) -> Response:
        if if_match is None:
            _wait_for_other_writers(session, spec, record_id)
        obj = reads.get_visible(session, principal, spec, record_id, parent_id)
        changes = payload.model_dump(exclude_unset=True)
        obj = writes.update_record(session, principal, spec, obj, changes, if_match=if_match)
        return record_response(session, principal, spec, obj)

    def replace_(
        parent_id: ParentIdParam,
        request: Request,
        session: SessionDep,
        principal: PrincipalDep,
        record_id: RecordId,
        payload: CreateBody,
        if_match: IfMatch = None,
    ) -> Response:
        parent_of(session, principal, parent_id)
        if if_match is None:
            _wait_for_other_writers(session, spec, record_id)
        existing = session.get(spec.model, record_id)
        if existing is None:
            if if_match not in (None, "*"):
                raise ProblemError(412, "if_match_nothing", {"label": label})
            payload = Create.model_validate(
                {**payload.model_dump(exclude_unset=True), "id": record_id}
            )
            obj = writes.create_record(session, principal, spec, payload, parent_id)
            return record_response(session, principal, spec, obj, 201, request.url.path)
        obj = reads.get_visible(session, principal, spec, record_id, parent_id)
        changes = {**payload.model_dump(), "id": record_id}
        obj = writes.update_record(
            session, principal, spec, obj, changes, replace=True, if_match=if_match
        )
        return record_response(session, principal, spec, obj)

    def delete_(
        parent_id: ParentIdParam,
        session: SessionDep,
        principal: PrincipalDep,
        record_id: RecordId,
        if_match: IfMatch = None,
    ) -> Response:
        obj = reads.get_visible(session, principal, spec, record_id, parent_id)
        writes.delete_record(session, principal, spec, obj, if_match)
        return Response(status_code=204)

    def upsert_(
        request: Request,
        session: SessionDep,
        principal: PrincipalDep,
        source: Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9._-]+$")],
        external_id: Annotated[str, Path(max_length=128, pattern=r"^[^\x00]+$")],
        payload: CreateBody,
        if_match: IfMatch = None,
    ) -> Response:
        _one_upsert_at_a_time(session, name, source, external_id)
        existing = reads.find_by_external_id(session, spec, source, external_id)
        data = {**payload.model_dump(), "source": source, "external_id": external_id}
        if existing is None:
            body = Create.model_validate(
                {
                    **payload.model_dump(exclude_unset=True),
                    "source": source,
                    "external_id": external_id,
                }
            )
            obj = writes.create_record(session, principal, spec, body)
            return record_response(session, principal, spec, obj, 201, f"/api/v1/{name}/{obj.id}")
        obj = reads.get_visible(session, principal, spec, existing.id)
        data["id"] = obj.id
        obj = writes.update_record(
            session, principal, spec, obj, data, replace=True, if_match=if_match
        )
        return record_response(session, principal, spec, obj)

    def doc(action: Verb, text: str) -> str:
        return f"{text}\n\n**Who may:** {who_may(spec, action)}"

    a_label = openapi_text.with_article(label)
    links = openapi_text.links(op, label, nested)
    list_errors = dict(LIST_ERRORS)
    if spec.parent is not None:
        list_errors[404] = problem(f"No such {spec.parent.label}, or not visible to you.")
    read_security, write_security = security(name, Verb.read), security(name, Verb.update)

    def add(operation: Operation, path: str, handler: Any, **options: Any) -> None:
        if operation in spec.operations:
            router.add_api_route(path, handler, **options)
            if operation == "list":
                LISTS[path] = spec
            elif operation == "read":
                RECORDS[path] = spec

    add(
        "list",
        base,
        list_,
        methods=["GET"],
        operation_id=f"{op}_list",
        summary=f"List {name}",
        description=doc(
            Verb.read,
            f"A page of {name} you may read, in keyset order. "
            "Follow `next_cursor` (or the `Link: rel=next` header) for more.\n\n" + tabular.CSV_DOC,
        ),
        response_model=PageModel,
        responses={
            200: {
                **tabular.csv_openapi_200(spec, f"A page of {name} (JSON) or all of them (CSV)."),
                "headers": {**LINK, **LIST_ETAG},
            },
            304: LIST_NOT_MODIFIED,
            **list_errors,
        },
        openapi_extra=read_security,
    )
    add(
        "create",
        base,
        create_,
        methods=["POST"],
        operation_id=f"{op}_create",
        summary=f"Create {a_label}",
        description=doc(
            Verb.create,
            f"Creates a {label}. The `id` may be given (for sync). "
            "An `Idempotency-Key` makes retries safe.",
        ),
        response_model=Read,
        status_code=201,
        responses={
            201: {"description": "Created", "headers": CREATED, "links": links},
            **WRITE_ERRORS,
        },
        openapi_extra=security(name, Verb.create),
    )
    if spec.synced:
        add(
            "upsert",
            f"/{name}/by-external-id/{{source}}/{{external_id}}",
            upsert_,
            methods=["PUT"],
            operation_id=f"{op}_upsert_by_external_id",
            summary=f"Upsert {a_label} by external id",
            description=doc(
                Verb.update,
                f"Creates or replaces the {label} that system `source` "
                "knows as `external_id` (201 when created, 200 when replaced).",
            ),
            response_model=Read,
            responses={
                200: {"description": "Replaced", "headers": ETAG, "links": links},
                201: {"description": "Created", "headers": CREATED, "model": Read, "links": links},
                **WRITE_ERRORS,
            },
            openapi_extra=write_security,
        )
    add(
        "read",
        item_path,
        get_,
        methods=["GET"],
        operation_id=f"{op}_get",
        summary=f"Read {a_label}",
        description=doc(Verb.read, f"One {label}, with its `ETag`."),
        response_model=Read,
        responses={
            200: {"description": f"The {label}.", "headers": ETAG},
            304: {"description": "Not modified since the `If-None-Match` ETag.", "headers": ETAG},
            **ONE_ERRORS,
        },
        openapi_extra=read_security,
    )
    add(
        "update",
        item_path,
        update_,
        methods=["PATCH"],
        operation_id=f"{op}_update",
        summary=f"Update {a_label}",
        description=doc(Verb.update, "JSON merge patch: fields you send change, `null` clears."),
        response_model=Read,
        responses={200: {"description": f"The updated {label}.", "headers": ETAG}, **WRITE_ERRORS},
        openapi_extra=write_security,
    )
    add(
        "replace",
        item_path,
        replace_,
        methods=["PUT"],
        operation_id=f"{op}_replace",
        summary=f"Replace or create {a_label}",
        description=doc(
            Verb.update,
            f"Replaces the whole {label}; creates it under this id when it does not exist (201).",
        ),
        response_model=Read,
        responses={
            200: {"description": "Replaced", "headers": ETAG},
            201: {"description": "Created", "headers": CREATED, "model": Read, "links": links},
            **WRITE_ERRORS,
        },
        openapi_extra=write_security,
    )
    add(
        "delete",
        item_path,
        delete_,
        methods=["DELETE"],
        operation_id=f"{op}_delete",
        summary=f"Delete {a_label}",
        status_code=204,
        description=doc(Verb.delete, f"Deletes the {label}; the change feed keeps a tombstone."),
        responses={204: {"description": "Deleted"}, **WRITE_ERRORS},
        openapi_extra=security(name, Verb.delete),
    )
    return router
