"""`/auth/token`, `/auth/revoke` and `/me`: logging in and out, and who the caller is."""

from __future__ import annotations

import base64
from typing import Annotated, Literal
from urllib.parse import unquote

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, Response

from api.accounts import auth
from api.accounts.schemas import (
    Me,
    Token,
)
from api.core.config import get_settings
from api.core.deps import PrincipalDep, SessionDep
from api.core.errors import ProblemError, problem_response
from api.core.openapi_text import problem
from api.core.permissions import TABLE, Verb, grant_for
from api.core.principal import Principal

router = APIRouter(tags=["auth"])

GrantType = Literal["password", "client_credentials", "refresh_token"]


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _basic_credentials(request: Request) -> tuple[str | None, str | None]:
    """Client id and secret from `Authorization: Basic` (RFC 6749 §2.3.1), the way Swagger UI's
    client credentials flow and `curl -u` send them; the form fields are the other way."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None, None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (ValueError, UnicodeDecodeError):
        return None, None
    given_id, colon, secret = decoded.partition(":")
    if not colon or not given_id:
        return None, None
    return unquote(given_id), unquote(secret)


@router.post(
    "/auth/token",
    operation_id="auth_token",
    summary="Get an access token",
    response_model=Token,
    responses={
        400: problem("Missing fields for the grant."),
        401: problem("Wrong credentials."),
        429: problem("Too many failed logins; see Retry-After."),
        422: problem("Invalid form."),
    },
)
def token(
    request: Request,
    session: SessionDep,
    grant_type: Annotated[GrantType, Form()],
    username: Annotated[str | None, Form(max_length=320)] = None,
    password: Annotated[str | None, Form(max_length=1000)] = None,
    client_id: Annotated[str | None, Form(max_length=200)] = None,
    client_secret: Annotated[str | None, Form(max_length=1000)] = None,
    refresh_token: Annotated[str | None, Form(max_length=4000)] = None,
    scope: Annotated[str | None, Form(max_length=200)] = None,
) -> Response:
    """OAuth2 token endpoint (form body). People use `grant_type=password` (and get a refresh
    token), systems `grant_type=client_credentials` with `client_id` and `client_secret` as form
    fields or as HTTP Basic; `grant_type=refresh_token` rotates a refresh token. Send the
    `access_token` as `Authorization: Bearer …`; it expires after `expires_in` seconds.

    **Who may:** everyone; the answer's role is the account's (`w13`, `rose_member` or
    `municipality`). Repeated failures are throttled (429 with `Retry-After`)."""
    settings = get_settings()
    try:
        if grant_type == "password":
            if not username or password is None:
                raise ProblemError(400, "grant_password_fields")
            pair = auth.password_grant(session, settings, username, password, _address(request))
        elif grant_type == "client_credentials":
            if not client_id and client_secret is None:
                client_id, client_secret = _basic_credentials(request)
            if not client_id or client_secret is None:
                raise ProblemError(400, "grant_client_fields")
            pair = auth.client_credentials_grant(
                session, settings, client_id, client_secret, _address(request)
            )
        else:
            if not refresh_token:
                raise ProblemError(400, "grant_refresh_fields")
            pair = auth.refresh_grant(session, settings, refresh_token)
    except auth.LoginRefusedError as refused:
        # Answer without raising, so the failure count and revocations are committed.
        headers = {"Cache-Control": "no-store"}
        if refused.retry_after:
            headers["Retry-After"] = str(refused.retry_after)
        if refused.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return problem_response(request, refused.status, refused.code, headers=headers)
    body = Token(
        access_token=pair.access_token,
        expires_in=pair.expires_in,
        refresh_token=pair.refresh_token,
        scope=pair.scope,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
    )


@router.post(
    "/auth/revoke",
    operation_id="auth_revoke",
    summary="Log out (revoke a refresh token)",
    status_code=204,
    responses={204: {"description": "Revoked (also when unknown)."}},
)
def revoke(session: SessionDep, refresh_token: Annotated[str, Form(max_length=4000)]) -> Response:
    """Revokes the refresh token and every token rotated from it, and ends every access token
    of the account at once (other sessions renew theirs with their own refresh token).

    **Who may:** whoever holds the refresh token; an unknown token answers 204 as well."""
    auth.revoke_refresh(session, get_settings(), refresh_token)
    return Response(status_code=204)


@router.get(
    "/me",
    operation_id="me_get",
    summary="Who am I",
    response_model=Me,
    responses={401: problem("Invalid token.")},
)
def me(principal: PrincipalDep) -> Me:
    """The caller as the service sees it: role, binding, scopes and what it may read.

    **Who may:** everyone; without a token the answer is the anonymous (public) view, with an
    invalid or expired token 401."""
    may_read, may = _abilities(principal)
    return Me(
        kind=principal.kind,
        subject=principal.subject,
        label=principal.label,
        role=principal.role.value,
        actor_id=principal.actor_id,
        municipality=principal.municipality,
        scopes=sorted(principal.scopes),
        may_read=may_read,
        may=may,
    )


def _abilities(principal: Principal) -> tuple[dict[str, str], dict[str, list[str]]]:
    """One pass over the permission table: what the caller may read and under which condition
    (`may_read`, for systems that keep a copy), and the verbs it may use (`may`, for the SPA)."""
    may_read: dict[str, str] = {}
    may: dict[str, list[str]] = {}
    for resource in TABLE:
        grants = {v: g for v in Verb if (g := grant_for(principal, resource, v)) is not None}
        if Verb.read in grants:
            may_read[resource] = grants[Verb.read].cond.value
        if grants:
            may[resource] = sorted(v.value for v in grants)
    return may_read, may
