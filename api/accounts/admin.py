"""Account administration for the command line (and the first W13 login).

The commands act as the `system` principal through the same service as the API, so they
validate the same way (e-mail, binding, password length) and leave the same audit trail."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlmodel import Session

from api.accounts import service
from api.accounts.schemas import ClientCreate, ClientRead, UserCreate, UserRead
from api.core import writes
from api.core.db import session_scope
from api.core.errors import ProblemError
from api.core.principal import SYSTEM
from api.models.client import ApiClient
from api.models.user import User

M = TypeVar("M", bound=BaseModel)


def _field(loc: Any) -> str:
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts) or "input"


def _parse(schema: type[M], data: dict[str, Any]) -> M:
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{_field(e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ValueError(problems) from exc


def _as_value_error(exc: ProblemError) -> ValueError:
    problems = "; ".join(f"{_field(e['loc'])}: {e['msg']}" for e in exc.errors)
    return ValueError(f"{exc.detail} {problems}".strip())


def _binding(role: str, actor: str | None, municipality: str | None) -> dict[str, Any]:
    return {"role": role, "actor_id": actor or None, "municipality": municipality or None}


def user_dict(user: User) -> dict[str, Any]:
    return UserRead.model_validate(user).model_dump(mode="json")


def create_user_in(
    session: Session,
    *,
    email: str,
    name: str,
    role: str,
    actor: str | None,
    municipality: str | None,
    password: str,
) -> User:
    payload = _parse(
        UserCreate,
        {"email": email, "name": name, "password": password, **_binding(role, actor, municipality)},
    )
    try:
        return service.create_user(session, SYSTEM, payload)
    except ProblemError as exc:
        raise _as_value_error(exc) from exc


def create_user(**kwargs: Any) -> dict[str, Any]:
    with session_scope(principal=SYSTEM) as session:
        return user_dict(create_user_in(session, **kwargs))


def _user_by_email(session: Session, email: str) -> User:
    user = session.scalars(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        raise ValueError(f"no user with e-mail {email}")
    return user


def deactivate_user(email: str) -> dict[str, Any]:
    """Stops the account; its unexpired tokens stop working at once."""
    with session_scope(principal=SYSTEM) as session:
        user = _user_by_email(session, email)
        writes.update_record(session, SYSTEM, service.users, user, {"active": False})
        return user_dict(user)


def list_users() -> list[dict[str, Any]]:
    with session_scope(write=False) as session:
        return [user_dict(u) for u in session.scalars(select(User).order_by(User.email))]


def client_dict(client: ApiClient) -> dict[str, Any]:
    return ClientRead.model_validate(client).model_dump(mode="json")


def create_client_in(
    session: Session,
    *,
    name: str,
    role: str,
    actor: str | None,
    municipality: str | None,
    scopes: list[str],
) -> tuple[ApiClient, str]:
    payload = _parse(
        ClientCreate, {"name": name, "scopes": scopes, **_binding(role, actor, municipality)}
    )
    try:
        return service.create_client(session, SYSTEM, payload)
    except ProblemError as exc:
        raise _as_value_error(exc) from exc


def create_client(**kwargs: Any) -> dict[str, Any]:
    """The new client with its secret: the only time the secret is shown."""
    with session_scope(principal=SYSTEM) as session:
        client, secret = create_client_in(session, **kwargs)
        return {**client_dict(client), "client_secret": secret}


def rotate_client_secret(client_id: str) -> dict[str, Any]:
    with session_scope(principal=SYSTEM) as session:
        client = session.scalars(select(ApiClient).where(ApiClient.client_id == client_id)).first()
        if client is None:
            raise ValueError(f"no client {client_id}")
        client, secret = service.rotate_secret(session, SYSTEM, client.id)
        return {**client_dict(client), "client_secret": secret}


def list_clients() -> list[dict[str, Any]]:
    with session_scope(write=False) as session:
        return [client_dict(c) for c in session.scalars(select(ApiClient).order_by(ApiClient.name))]
