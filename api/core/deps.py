"""Dependencies every route uses, as `Annotated` aliases."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Select, bindparam, select
from sqlmodel import Session

from api.core.config import Settings, get_settings
from api.core.db import get_engine, session_scope
from api.core.errors import ProblemError
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
    kind, _, raw_id = subject.partition(":")
    try:
        record_id = uuid.UUID(raw_id)
    except ValueError:
        return None
    if kind == "user":
        user = session.connection().execute(_USER, {"id": record_id}).first()
        if user is None or not user.active:
            return None
        if generation is not None and (
            type(generation) is not int or generation != user.token_generation
        ):
            return None
        return Principal(
            role=Role(user.role),
            kind="user",
            subject=str(record_id),
            label=user.email,
            actor_id=user.actor_id,
            municipality=user.municipality,
        )
    if kind == "client":
        client = session.connection().execute(_CLIENT, {"id": record_id}).first()
        if client is None or not client.active:
            return None
        rotated = client.secret_rotated_at
        # `iat` has whole seconds: a token of the rotation's own second is still accepted.
        if issued_at is not None and rotated is not None and issued_at < int(rotated.timestamp()):
            return None
        return Principal(
            role=Role(client.role),
            kind="client",
            subject=str(record_id),
            label=client.name,
            actor_id=client.actor_id,
            municipality=client.municipality,
            scopes=frozenset(client.scopes),
        )
    return None


def _principal_query(model: Any, *names: str) -> Select[Any]:
    table = model.__table__
    return select(*(table.c[n] for n in names)).where(table.c.id == bindparam("id"))


_USER = _principal_query(
    User, "role", "active", "email", "actor_id", "municipality", "token_generation"
)
_CLIENT = _principal_query(
    ApiClient, "role", "active", "name", "actor_id", "municipality", "scopes", "secret_rotated_at"
)


PrincipalDep = Annotated[Principal, Depends(get_principal)]
