"""Account administration used by the command line (and the first W13 login)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from api.core.db import session_scope
from api.core.principal import SYSTEM
from api.core.security import digest_secret, hash_password, new_secret
from api.core.types import utcnow
from api.models.client import ApiClient
from api.models.user import User


def _binding(role: str, actor: str | None, municipality: str | None) -> dict[str, Any]:
    if role == "rose_member" and not actor:
        raise ValueError("a ROSE member is bound to an actor: give --actor")
    if role == "municipality" and not municipality:
        raise ValueError("a municipality account is bound to a NIS code: give --municipality")
    return {
        "actor_id": uuid.UUID(actor) if actor and role == "rose_member" else None,
        "municipality": municipality if role == "municipality" else None,
    }


def user_dict(user: User) -> dict[str, Any]:
    return {"id": str(user.id), "email": user.email, "name": user.name, "role": user.role,
            "actor_id": str(user.actor_id) if user.actor_id else None,
            "municipality": user.municipality, "active": user.active}


def create_user_in(session: Session, *, email: str, name: str, role: str, actor: str | None,
                   municipality: str | None, password: str) -> User:
    email = email.strip().lower()
    if session.scalars(select(User).where(User.email == email)).first():
        raise ValueError(f"a user with e-mail {email} exists already")
    user = User(email=email, name=name, role=role, password_hash=hash_password(password),
                **_binding(role, actor, municipality))
    session.add(user)
    session.flush()
    return user


def create_user(**kwargs: Any) -> dict[str, Any]:
    with session_scope(principal=SYSTEM) as session:
        return user_dict(create_user_in(session, **kwargs))


def deactivate_user(email: str) -> dict[str, Any]:
    with session_scope(principal=SYSTEM) as session:
        user = session.scalars(select(User).where(User.email == email.strip().lower())).first()
        if user is None:
            raise ValueError(f"no user with e-mail {email}")
        user.active = False
        session.flush()
        return user_dict(user)


def list_users() -> list[dict[str, Any]]:
    with session_scope(write=False) as session:
        return [user_dict(u) for u in session.scalars(select(User).order_by(User.email))]


def client_dict(client: ApiClient) -> dict[str, Any]:
    return {"id": str(client.id), "name": client.name, "client_id": client.client_id,
            "role": client.role, "actor_id": str(client.actor_id) if client.actor_id else None,
            "municipality": client.municipality, "scopes": client.scopes, "active": client.active,
            "last_used_at": client.last_used_at.isoformat() if client.last_used_at else None}


def create_client_in(session: Session, *, name: str, role: str, actor: str | None,
                     municipality: str | None, scopes: list[str]) -> tuple[ApiClient, str]:
    bad = set(scopes) - {"read", "write"}
    if bad:
        raise ValueError(f"unknown scopes: {', '.join(sorted(bad))}")
    secret = new_secret("rcs_")
    client = ApiClient(name=name, client_id="rc_" + uuid.uuid4().hex[:20], role=role,
                       secret_hash=digest_secret(secret), scopes=sorted(set(scopes)),
                       secret_rotated_at=utcnow(), **_binding(role, actor, municipality))
    session.add(client)
    session.flush()
    return client, secret


def create_client(**kwargs: Any) -> dict[str, Any]:
    with session_scope(principal=SYSTEM) as session:
        client, secret = create_client_in(session, **kwargs)
        return {**client_dict(client), "client_secret": secret}


def rotate_client_secret(client_id: str) -> dict[str, Any]:
    with session_scope(principal=SYSTEM) as session:
        client = session.scalars(select(ApiClient).where(ApiClient.client_id == client_id)).first()
        if client is None:
            raise ValueError(f"no client {client_id}")
        secret = new_secret("rcs_")
        client.secret_hash, client.secret_rotated_at = digest_secret(secret), utcnow()
        session.flush()
        return {**client_dict(client), "client_secret": secret}


def list_clients() -> list[dict[str, Any]]:
    with session_scope(write=False) as session:
        return [client_dict(c) for c in session.scalars(select(ApiClient).order_by(ApiClient.name))]
