"""`/users`: the generic list/read/patch/delete routes, plus create (a password to hash) and
set-password. No PUT: a replace-or-create could make an account without a password."""

from __future__ import annotations

from typing import Annotated

from fastapi import Body, Request
from fastapi.responses import Response

from api.accounts import service
from api.accounts.common import fingerprint
from api.accounts.schemas import (
    PasswordChange,
    UserCreate,
    UserRead,
)
from api.core import etags, idempotency
from api.core.deps import PrincipalDep, SessionDep
from api.core.etags import IfMatch
from api.core.idempotency import IdemKey
from api.core.openapi_text import WRITE_ERRORS
from api.core.permissions import Verb
from api.core.responses import NO_STORE, record_response
from api.core.routing import RecordId, resource_router, who_may

router = resource_router(service.users)


@router.post(
    "/users",
    operation_id="users_create",
    summary="Create a user",
    status_code=201,
    response_model=UserRead,
    responses={201: {"description": "Created"}, **WRITE_ERRORS},
    description="Creates a person who logs in with e-mail and password. The password is "
    "stored as an Argon2 hash and never answered. An `Idempotency-Key` makes "
    f"retries safe.\n\n**Who may:** {who_may('users', Verb.create)}",
)
def create_user(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    payload: Annotated[UserCreate, Body()],
    idempotency_key: IdemKey = None,
) -> Response:
    """Create a user (W13)."""
    replay = idempotency.replay(
        session, principal, idempotency_key, fingerprint(request, payload), NO_STORE
    )
    if replay is not None:
        return replay
    user = service.create_user(session, principal, payload)
    location = f"{request.url.path.rstrip('/')}/{user.id}"
    response = record_response(session, principal, service.users, user, 201, location)
    idempotency.remember(
        session, principal, idempotency_key, 201, bytes(response.body).decode(), location
    )
    return response


@router.post(
    "/users/{record_id}/password",
    operation_id="users_set_password",
    summary="Set a user's password",
    status_code=204,
    responses={
        204: {"description": "Password set; the user's refresh tokens are revoked."},
        **WRITE_ERRORS,
    },
    description="Sets a new password (at least 12 characters). The user's refresh and access "
    "tokens stop working at once, so every session must log in again.\n\n"
    f"**Who may:** {who_may('users', Verb.update)}",
)
def set_password(
    session: SessionDep,
    principal: PrincipalDep,
    record_id: RecordId,
    payload: Annotated[PasswordChange, Body()],
    if_match: IfMatch = None,
) -> Response:
    """Set a user's password (W13)."""
    user = service.set_password(session, principal, record_id, payload, if_match)
    return Response(status_code=204, headers={"ETag": etags.etag(user)})
