"""The read of a list or of one record, answered before FastAPI routes the request.

A list page is what a syncing system and the SPA ask most, and most often again: issue 17 asks
a 304 for ≤ 1 ms of CPU and a page cache hit for ≤ 1.5 ms, server and database together. Through
FastAPI they cost ~3.5 ms, and none of it was the list: matching the path through the nested
routers, solving the dependencies (the session, the caller, the filters parsed field by field),
a transaction of its own (`BEGIN`, the account, the feed's head, `COMMIT`: four round trips).

`ListFastPath` sits between the request middleware and FastAPI (so the request id, the security
headers, the log line, the metrics and the throttles stay as they are) and answers the plain
`GET` of a list (`/api/v1/actions?...`, `/api/v1/indicators/<id>/measurements`, as
`routing.LISTS` has them) itself:

- the caller from the bearer token (the same remembered verification), and the account and the
  feed's head in one statement, on a connection in autocommit (a read of committed data needs no
  transaction of its own: under READ COMMITTED every statement sees a fresh snapshot anyway);
- the same rules as the route: the read grant, the tag from the head and the scope, 304, the page
  cache, and on a miss the page itself (`routing.list_response`, the route's own code), with the
  filters validated by the resource's own filter model.

The plain `GET` of one record (`/api/v1/actions/<id>`, as `routing.RECORDS` has them) is
answered the same way: the caller in one statement on the same connection, then the route's own
code (`routing.record_answer`: the row, its ETag, 304, its JSON). A single read cost 2.6 ms of
server CPU in-process through FastAPI, 1.3 ms here.

Whatever it does not answer exactly as the route would, it leaves to the route: another method,
CSV, a list the change feed does not version, a filter that moves with the clock, a parameter
given twice, a parent's id in another form than the canonical one, filters that do not
validate (the route's 422 says why), a caller that is refused (the route's 401/403 say why), a
record's read with a query string, a record that is not there or not visible (404/403). A
database that is down or times out gets the route's handler's 503 here (running the route's
statements again would only double the wait). tests/core/test_fast_list.py holds every answer
it gives equal to the route's, byte for byte, header for header."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qsl

import anyio.to_thread
from pydantic import ValidationError
from sqlalchemy import Connection, Dialect
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from api.core.config import get_settings
from api.core.csv_export import wants_csv
from api.core.db import get_engine, session_scope
from api.core.deps import SUBJECT_QUERIES, principal_of, subject_and_head
from api.core.driver import query_one
from api.core.errors import ProblemError, database_unavailable
from api.core.pagecache import feed_head
from api.core.permissions import Verb, require
from api.core.principal import ANONYMOUS, Principal
from api.core.resource import Resource
from api.core.routing import LISTS, RECORDS, known_list_answer, list_response, record_answer
from api.core.security import InvalidTokenError, decode_token
from api.core.session import Session

log = logging.getLogger("regie")


class ListFastPath:
    def __init__(self, app: ASGIApp, prefix: str = "/api/v1") -> None:
        self.app = app
        self.prefix = prefix
        self._reads: dict[str, tuple[str, Resource, Any]] | None = None

    def _match(self, path: str) -> tuple[Any, Resource, Any, uuid.UUID | None, Any] | None:
        """What `path` reads (the answer's function, the spec, the route, the parent's id and
        the record's id), if it is a list or a record the fast path may answer. Ids count only
        in their canonical form (any other is the route's to accept or refuse): the last
        segment may be a record's (`/api/v1/actions/<id>`), the one before the collection's
        name a parent's (`/api/v1/indicators/<id>/measurements[/<id>]`)."""
        if self._reads is None:  # the routers are all built once the first request comes
            self._reads = {
                self.prefix + template: (
                    answer,
                    spec,
                    SimpleNamespace(path_format=self.prefix + template),
                )
                for answer, templates in (("list", LISTS), ("record", RECORDS))
                for template, spec in templates.items()
            }
        segments = path.split("/")
        record_id = _canonical(segments[-1])
        if record_id is not None:
            segments[-1] = "{record_id}"
        at = -3 if record_id is not None else -2  # where a parent's id stands
        parent_id = _canonical(segments[at]) if len(segments) > -at else None
        if parent_id is not None:
            segments[at] = "{parent_id}"
        found = self._reads.get("/".join(segments))
        if found is None:
            return None
        kind, spec, route = found
        return _answer if kind == "list" else _answer_record, spec, route, parent_id, record_id

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            found = self._match(scope["path"])
            if found is not None:
                answer, *args = found
                response = await anyio.to_thread.run_sync(answer, scope, *args)
                if response is not None:
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)


def _canonical(raw: str) -> uuid.UUID | None:
    """`raw` as a UUID if it is one in its canonical form (lower case, with its dashes)."""
    if len(raw) != 36:
        return None
    try:
        value = uuid.UUID(raw)
    except ValueError:
        return None
    return value if str(value) == raw else None


def _answer(
    scope: Scope, spec: Resource, route: Any, parent_id: uuid.UUID | None, _: None
) -> Response | None:
    """The list route's answer, or None where the route must give it."""
    request = Request(scope)
    headers = request.headers
    if not spec.reads_follow_feed or wants_csv(headers.get("accept")):
        return None  # read every time, tagged by its bytes: the route's own work
    pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
    query = dict(pairs)
    if len(query) != len(pairs) or any(name in query for name in spec.clock_filters):
        return None

    def page(raw: Any, principal: Principal, head: int) -> Response | None:
        try:
            params = spec.filters.model_validate(query)
        except ValidationError:
            return None
        _as_routed(scope, route, principal)
        if_none_match = headers.get("if-none-match")
        answer = known_list_answer(request, head, principal, if_none_match)
        if answer is not None:
            return answer
        with _reading(raw) as session:
            return list_response(
                request, session, principal, spec, params, None, parent_id, if_none_match
            )

    return _as_the_route(request, spec, page)


def _answer_record(
    scope: Scope,
    spec: Resource,
    route: Any,
    parent_id: uuid.UUID | None,
    record_id: uuid.UUID,
) -> Response | None:
    """The read route's answer for one record (`routing.record_answer`, the route's own code),
    or None where the route must give it: a query string, a refused caller, a record that is
    not there or not visible (the route's 403 and 404 say why)."""
    request = Request(scope)
    if scope["query_string"]:
        return None

    def record(raw: Any, principal: Principal, _: int) -> Response:
        _as_routed(scope, route, principal)
        with _reading(raw) as session:
            return record_answer(
                session, principal, spec, record_id, parent_id, request.headers.get("if-none-match")
            )

    return _as_the_route(request, spec, record, with_head=False)


def _as_the_route(
    request: Request,
    spec: Resource,
    answer: Callable[[Any, Principal, int], Response | None],
    with_head: bool = True,
) -> Response | None:
    """What every fast answer does first: the caller from the bearer token, one connection from
    the pool for the whole answer, the caller's account and (`with_head`) the feed's head in
    one statement, the read grant. Then `answer` (the connection, the caller, the head) gives
    the rest, or None where the route must. A database that is down or times out gets the
    route's handler's 503 (running the route's statements again would only double the wait);
    any other error, and a problem (403, 404), is the route's to answer and explain."""
    try:
        claims = _claims(request.headers)
    except InvalidTokenError:
        return None
    try:
        with _connection() as raw:
            known = _caller_and_head(raw, claims, with_head)
            if known is None:
                return None
            principal, head = known
            try:
                require(principal, spec.name, Verb.read)
            except ProblemError:
                return None
            return answer(raw, principal, head)
    except (OperationalError, PoolTimeout) as exc:
        log.error("database unavailable: %s", exc.__class__.__name__)
        return database_unavailable(request, exc)
    except (SQLAlchemyError, ProblemError):
        return None


def _claims(headers: Any) -> dict[str, Any] | None:
    """The access token's claims, None without a token; `InvalidTokenError` for one the route
    refuses (and explains)."""
    authorization = headers.get("authorization")
    if authorization is None:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidTokenError("not a bearer token")
    claims: dict[str, Any] = decode_token(get_settings(), token.strip(), "access")
    return claims


@contextmanager
def _connection() -> Iterator[Any | None]:
    """The pool's connection for the whole answer, on PostgreSQL (None on SQLite): in
    autocommit (a read of committed data needs no transaction of its own: under READ COMMITTED
    every statement sees a fresh snapshot anyway), handed back as the pool hands it out."""
    engine = get_engine()
    if engine.dialect.name != "postgresql":
        yield None
        return
    dbapi_error = engine.dialect.loaded_dbapi.Error
    try:
        raw = engine.raw_connection()  # the pool raises the driver's own errors, unwrapped
    except dbapi_error as exc:
        raise DBAPIError.instance(None, None, exc, dbapi_error) from exc
    driver: Any = raw.driver_connection
    try:
        driver.autocommit = True
        yield raw
    except dbapi_error as exc:
        raw.invalidate(exc)  # whatever state it is in, it is not handed out again
        # As SQLAlchemy would have raised it: a lost or refused connection is the route's 503.
        raise DBAPIError.instance(None, None, exc, dbapi_error) from exc
    finally:
        try:
            if raw.is_valid:
                driver.autocommit = False
        except dbapi_error as exc:
            raw.invalidate(exc)
        raw.close()


def _caller_and_head(
    raw: Any | None, claims: dict[str, Any] | None, with_head: bool = True
) -> tuple[Principal, int] | None:
    """The caller (None: refused, the route says why) and the change feed's head, in one
    statement. On PostgreSQL straight on the driver's connection: a conditional read is this
    statement and nothing else, and SQLAlchemy's session, transaction and result layers cost
    more than it. An anonymous caller that needs no head costs no statement (head 0)."""
    if claims is None and not with_head:
        return ANONYMOUS, 0
    if raw is None:
        with session_scope(get_engine(), write=False) as session:
            connection = session.connection()
            if claims is None:
                return ANONYMOUS, feed_head(connection)
            found, head = subject_and_head(
                connection, claims["sub"], claims.get("iat"), claims.get("gen", 0), head=True
            )
            return None if found is None else (found, head)
    driver: Any = raw.driver_connection
    dialect = get_engine().dialect

    def fetch(kind: str, record_id: uuid.UUID) -> dict[str, Any] | None:
        names, sql = _subject_sql(kind, dialect)
        values = query_one(driver, sql, {"id": record_id})
        return None if values is None else dict(zip(names, values, strict=True))

    if claims is None:
        row = query_one(driver, _HEAD_SQL)
        return ANONYMOUS, int(row[0] or 0) if row else 0
    found, head = principal_of(claims["sub"], fetch, claims.get("iat"), claims.get("gen", 0))
    return None if found is None else (found, head)


_HEAD_SQL = "SELECT max(seq) FROM changes"


@cache
def _subject_sql(kind: str, dialect: Dialect) -> tuple[tuple[str, ...], str]:
    """The account-and-head statement of `deps.SUBJECT_QUERIES` as the driver's SQL text."""
    query = SUBJECT_QUERIES[kind, True]
    return tuple(c.name for c in query.selected_columns), str(query.compile(dialect=dialect))


@contextmanager
def _reading(raw: Any | None) -> Iterator[Session]:
    """A session for reading committed data: on PostgreSQL on the answer's connection `raw`
    (in autocommit: no `BEGIN` and `COMMIT` round trips, no second checkout); SQLite reads as
    every request does."""
    engine = get_engine()
    if raw is None:
        with session_scope(engine, write=False) as session:
            yield session
        return
    # The connection stays the answer's (`_connection` hands it back): this one is not closed.
    session = Session(bind=Connection(engine, connection=raw), expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()


def _as_routed(scope: Scope, route: Any, principal: Principal) -> None:
    """What the route's dependencies leave in the scope for the log line and the metrics."""
    scope["route"] = route
    scope.setdefault("state", {})["principal"] = principal
