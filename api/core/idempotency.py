"""`Idempotency-Key` on creates: one implementation for every route that takes one (the
generic create, users, clients, webhooks and imports).

A route computes a digest of what makes its request the same request, asks `replay` for the
first answer to the key (claiming the key when there is none yet), does its work, and then
`remember`s the answer a retry gets. The claim and the answer are written in the request's
transaction, so a refused request leaves no key behind."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import Header, Request, Response
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from api.core.errors import ProblemError
from api.core.principal import Principal
from api.models.idempotency import IdempotencyKey

IdemKey = Annotated[
    str | None,
    Header(
        max_length=200,
        description="Retry-safe create: the same key and body return the first answer.",
    ),
]


def digest(request: bytes, secret: bytes | None = None) -> str:
    """The stored fingerprint of a request. Keyed with `secret` when the request may hold a
    secret (a password): a stored plain hash of it could be guessed."""
    if secret is not None:
        return hmac.new(secret, request, hashlib.sha256).hexdigest()
    return hashlib.sha256(request).hexdigest()


def body_digest(request: Request, payload: BaseModel, secret: bytes | None = None) -> str:
    """The fingerprint of a JSON create: its path and its validated body."""
    return digest(f"{request.url.path}\n{payload.model_dump_json()}".encode(), secret)


def claim(
    session: Session, principal: Principal, key: str, fingerprint: str
) -> IdempotencyKey | None:
    """The stored answer for this key, or None after claiming the key for this request; 422
    when the key was used with another request."""
    who = principal.key
    stored = session.get(IdempotencyKey, (who, key))
    if stored is None:
        try:
            with session.begin_nested():
                session.add(
                    IdempotencyKey(
                        principal=who, key=key, request_hash=fingerprint, status_code=0, body=""
                    )
                )
        except IntegrityError:  # a concurrent request with the same key committed first
            stored = session.scalars(
                select(IdempotencyKey)
                .where(IdempotencyKey.principal == who, IdempotencyKey.key == key)
                .execution_options(populate_existing=True)
            ).first()
    if stored is not None and stored.request_hash != fingerprint:
        raise ProblemError(
            422,
            "idempotency_reused.detail",
            errors=[(("header", "Idempotency-Key"), "idempotency_reused")],
        )
    return stored


def replay(
    session: Session,
    principal: Principal,
    key: str | None,
    fingerprint: str,
    headers: dict[str, str] | None = None,
) -> Response | None:
    """The first answer to this key, marked `Idempotent-Replayed` (with `headers` and the
    stored `Location`); None without a key, or after claiming the key for this request."""
    if not key:
        return None
    stored = claim(session, principal, key, fingerprint)
    if stored is None or not stored.status_code:
        return None
    answer = {"Idempotent-Replayed": "true", **(headers or {})}
    if stored.location:
        answer["Location"] = stored.location
    return Response(
        stored.body, status_code=stored.status_code, media_type="application/json", headers=answer
    )


def remember(
    session: Session,
    principal: Principal,
    key: str | None,
    status: int,
    body: str,
    location: str | None = None,
) -> None:
    """Store the answer a retry with this key gets (nothing without a key)."""
    if not key:
        return
    row = session.get(IdempotencyKey, (principal.key, key))
    if row is not None:
        row.status_code, row.body, row.location = status, body, location
