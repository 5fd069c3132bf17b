"""Dependencies every route uses, as `Annotated` aliases."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Connection, Select, bindparam, select
from sqlmodel import Session

from api.core.config import Settings, get_settings
from api.core.db import get_engine, session_scope
from api.core.errors import ProblemError
from api.core.pagecache import FEED_HEAD
from api.core.principal import ANONYMOUS, Principal, Role
from api.core.security import InvalidTokenError, decode_token
from api.models.client import ApiClient
from api.models.user import User

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def get_session(request: Request) -> Iterator[Session]:
    """The request's unit of work: it commits once, after the route returns successfully."""
    rid = getattr(request.state, "request_id", None)
    with session_scope(
        get_engine(), write=request.method not in SAFE_METHODS, request_id=rid
    ) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def _unauthorized(code: str) -> ProblemError:
    return ProblemError(401, code, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


def get_principal(request: Request, session: SessionDep) -> Principal:
    """Who is asking, from the bearer token; no token means the public view."""
    header = request.headers.get("authorization")
    if not header:
        return ANONYMOUS
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("bearer_required")
    try:
        claims = decode_token(get_settings(), token.strip(), "access")
    except InvalidTokenError as exc:
        raise _unauthorized("token_invalid") from exc
    principal = resolve_subject(
        session, claims["sub"], issued_at=claims.get("iat"), generation=claims.get("gen", 0)
    )
    if principal is None:
        raise _unauthorized("account_inactive")
    session.info["principal"] = principal
    request.state.principal = principal
    return principal


def resolve_subject(
    session: Session, subject: str, issued_at: int | None = None, generation: Any = None
) -> Principal | None:
    """The live principal of a token subject (`user:<id>` or `client:<id>`): the account is
    read on every request, so deactivating it stops its unexpired tokens at once, a user's
    tokens of another `generation` (the token's `gen`: logout, password, role or binding
    changes raise the account's) stop at once, and a client's tokens issued (`issued_at`, the
    token's `iat`) before its secret was rotated stop with the old secret. One prepared
    statement of the few columns a principal needs, as plain columns on the session's
    connection (no ORM object: this runs on every request)."""
    principal, _ = subject_and_head(session.connection(), subject, issued_at, generation)
    return principal


def subject_and_head(
    connection: Connection,
    subject: str,
    issued_at: int | None = None,
    generation: Any = None,
    head: bool = False,
) -> tuple[Principal | None, int]:
    """`resolve_subject` on a connection; with `head`, the change feed's head comes in the same
    statement (a conditional list read asks both: one round trip instead of two)."""

    def fetch(kind: str, record_id: uuid.UUID) -> Any:
        row = connection.execute(SUBJECT_QUERIES[kind, head], {"id": record_id}).first()
        return None if row is None else row._mapping

    return principal_of(subject, fetch, issued_at, generation)


def principal_of(
    subject: str,
    fetch: Callable[[str, uuid.UUID], Mapping[str, Any] | None],
    issued_at: int | None = None,
    generation: Any = None,
) -> tuple[Principal | None, int]:
    """The principal of a token subject from its account's columns (`fetch(kind, id)`: those of
    `SUBJECT_QUERIES`, or None), and the feed's head when they include it (else 0)."""
    kind, _, raw_id = subject.partition(":")
    if kind not in ("user", "client"):
        return None, 0
    try:
        record_id = uuid.UUID(raw_id)
    except ValueError:
        return None, 0
    row = fetch(kind, record_id)
    if row is None or not row["active"]:
        return None, 0
    more: dict[str, Any]  # what a principal of this kind has of its own
    if kind == "user":
        if generation is not None and (
            type(generation) is not int or generation != row["token_generation"]
        ):
            return None, 0
        more = {"label": row["email"]}
    else:
        rotated = row["secret_rotated_at"]
        # `iat` has whole seconds: a token of the rotation's own second is still accepted.
        if issued_at is not None and rotated is not None and issued_at < int(rotated.timestamp()):
            return None, 0
        more = {"label": row["name"], "scopes": frozenset(row["scopes"])}
    principal = Principal(
        role=Role(row["role"]),
        kind=kind,
        subject=str(record_id),
        actor_id=row["actor_id"],
        municipality=row["municipality"],
        **more,
    )
    return principal, int(row.get("head") or 0)


def _principal_query(model: Any, *names: str, head: bool = False) -> Select[Any]:
    table = model.__table__
    columns: list[Any] = [table.c[n] for n in names]
    if head:
        columns.append(FEED_HEAD.label("head"))
    return select(*columns).where(table.c.id == bindparam("id"))


_USER_COLUMNS = ("role", "active", "email", "actor_id", "municipality", "token_generation")
_CLIENT_COLUMNS = (
    "role",
    "active",
    "name",
    "actor_id",
    "municipality",
    "scopes",
    "secret_rotated_at",
)
# The columns a principal needs, by (kind, with the feed's head): `principal_of` reads them.
SUBJECT_QUERIES = {
    (kind, head): _principal_query(model, *names, head=head)
    for kind, model, names in (
        ("user", User, _USER_COLUMNS),
        ("client", ApiClient, _CLIENT_COLUMNS),
    )
    for head in (False, True)
}


PrincipalDep = Annotated[Principal, Depends(get_principal)]
