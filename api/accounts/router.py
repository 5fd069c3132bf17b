"""Accounts routes: `/auth/token`, `/auth/revoke` and `/me` for everyone; `/users`, `/clients`
and the read-only `/audit` trail for W13.

Users and clients take the generic list/read/patch/delete routes. Their create routes are their
own (a password to hash, a secret to answer once), and they have no PUT: a replace-or-create
could make an account without a password."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Annotated, Literal
from urllib.parse import unquote

from fastapi import APIRouter, Body, Form, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from sqlmodel import Session

from api.accounts import audit, auth, service
from api.accounts.schemas import (
    AuditFilters,
    AuditPage,
    AuditRead,
    ClientCreate,
    ClientWithSecret,
    Me,
    PasswordChange,
    Token,
    UserCreate,
    UserRead,
)
from api.core import crud
from api.core.config import get_settings
from api.core.deps import PrincipalDep, SessionDep
from api.core.errors import ProblemError, problem_response
from api.core.permissions import Action
from api.core.principal import Principal
from api.core.resource import Resource
from api.core.routing import (
    LIST_ERRORS,
    ONE_ERRORS,
    WRITE_ERRORS,
    IdemKey,
    IfMatch,
    RecordId,
    _claim_key,
    json_response,
    page_response,
    problem,
    record_response,
    resource_router,
    who_may,
)
from api.models.client import ApiClient
from api.models.idempotency import IdempotencyKey

router = APIRouter()
auth_router = APIRouter(tags=["auth"])

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


@auth_router.post(
    "/auth/token",
    operation_id="auth_token",
    summary="Get an access token",
    response_model=Token,
    responses={400: problem("Missing fields for the grant."), 401: problem("Wrong credentials."),
               429: problem("Too many failed logins; see Retry-After."),
               422: problem("Invalid form.")},
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
                raise ProblemError(400, "The password grant needs username and password.")
            pair = auth.password_grant(session, settings, username, password, _address(request))
        elif grant_type == "client_credentials":
            if not client_id and client_secret is None:
                client_id, client_secret = _basic_credentials(request)
            if not client_id or client_secret is None:
                raise ProblemError(
                    400, "The client_credentials grant needs client_id and client_secret.")
            pair = auth.client_credentials_grant(session, settings, client_id, client_secret,
                                                 _address(request))
        else:
            if not refresh_token:
                raise ProblemError(400, "The refresh_token grant needs refresh_token.")
            pair = auth.refresh_grant(session, settings, refresh_token)
    except auth.LoginRefusedError as refused:
        # Answer without raising, so the failure count and revocations are committed.
        headers = {"Cache-Control": "no-store"}
        if refused.retry_after:
            headers["Retry-After"] = str(refused.retry_after)
        if refused.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return problem_response(request, refused.status, refused.detail, headers=headers)
    body = Token(access_token=pair.access_token, expires_in=pair.expires_in,
                 refresh_token=pair.refresh_token, scope=pair.scope)
    return JSONResponse(body.model_dump(exclude_none=True),
                        headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


@auth_router.post("/auth/revoke", operation_id="auth_revoke",
                  summary="Log out (revoke a refresh token)", status_code=204,
                  responses={204: {"description": "Revoked (also when unknown)."}})
def revoke(session: SessionDep, refresh_token: Annotated[str, Form(max_length=4000)]) -> Response:
    """Revokes the refresh token and every token rotated from it, and ends every access token
    of the account at once (other sessions renew theirs with their own refresh token).

    **Who may:** whoever holds the refresh token; an unknown token answers 204 as well."""
    auth.revoke_refresh(session, get_settings(), refresh_token)
    return Response(status_code=204)


@auth_router.get("/me", operation_id="me_get", summary="Who am I", response_model=Me,
            responses={401: problem("Invalid token.")})
def me(principal: PrincipalDep) -> Me:
    """The caller as the service sees it: role, binding and scopes.

    **Who may:** everyone; without a token the answer is the anonymous (public) view, with an
    invalid or expired token 401."""
    return Me(kind=principal.kind, subject=principal.subject, label=principal.label,
              role=principal.role.value, actor_id=principal.actor_id,
              municipality=principal.municipality, scopes=sorted(principal.scopes))


# --- users and clients -----------------------------------------------------------------------

NO_STORE = {"Cache-Control": "no-store"}


def _generic(spec: Resource, drop: set[str]) -> APIRouter:
    generic = resource_router(spec)
    generic.routes[:] = [r for r in generic.routes
                         if not (isinstance(r, APIRoute) and r.operation_id in drop)]
    return generic


def _request_digest(request: Request, body: str) -> str:
    # Keyed, because the body may hold a password: the stored digest must not be guessable.
    key = get_settings().secret_key.encode()
    return hmac.new(key, f"{request.url.path}\n{body}".encode(), hashlib.sha256).hexdigest()


def _replayed(session: Session, principal: Principal, key: str | None,
              digest: str) -> Response | None:
    """The first answer to this Idempotency-Key, or None after claiming the key."""
    if not key:
        return None
    stored = _claim_key(session, principal, key, digest)
    if stored is None or not stored.status_code:
        return None
    headers = {"Idempotent-Replayed": "true", **NO_STORE}
    if stored.location:
        headers["Location"] = stored.location
    return Response(stored.body, status_code=stored.status_code, media_type="application/json",
                    headers=headers)


def _remember(session: Session, principal: Principal, key: str | None, body: str,
              location: str) -> None:
    if not key:
        return
    row = session.get(IdempotencyKey, (principal.key, key))
    if row is not None:
        row.status_code, row.body, row.location = 201, body, location


users_router = _generic(service.users, {"users_create", "users_replace"})
clients_router = _generic(service.clients, {"clients_create", "clients_replace"})


@users_router.post(
    "/users", operation_id="users_create", summary="Create a user", status_code=201,
    response_model=UserRead, responses={201: {"description": "Created"}, **WRITE_ERRORS},
    description="Creates a person who logs in with e-mail and password. The password is "
                "stored as an Argon2 hash and never answered. An `Idempotency-Key` makes "
                f"retries safe.\n\n**Who may:** {who_may('users', Action.create)}",
)
def create_user(request: Request, session: SessionDep, principal: PrincipalDep,
                payload: Annotated[UserCreate, Body()],
                idempotency_key: IdemKey = None) -> Response:
    """Create a user (W13)."""
    replay = _replayed(session, principal, idempotency_key,
                       _request_digest(request, payload.model_dump_json()))
    if replay is not None:
        return replay
    user = service.create_user(session, principal, payload)
    location = f"{request.url.path.rstrip('/')}/{user.id}"
    response = record_response(session, principal, service.users, user, 201, location)
    _remember(session, principal, idempotency_key, bytes(response.body).decode(), location)
    return response


@users_router.post(
    "/users/{record_id}/password", operation_id="users_set_password",
    summary="Set a user's password", status_code=204,
    responses={204: {"description": "Password set; the user's refresh tokens are revoked."},
               **WRITE_ERRORS},
    description="Sets a new password (at least 12 characters). The user's refresh and access "
                "tokens stop working at once, so every session must log in again.\n\n"
                f"**Who may:** {who_may('users', Action.update)}",
)
def set_password(session: SessionDep, principal: PrincipalDep, record_id: RecordId,
                 payload: Annotated[PasswordChange, Body()], if_match: IfMatch = None) -> Response:
    """Set a user's password (W13)."""
    user = service.set_password(session, principal, record_id, payload, if_match)
    return Response(status_code=204, headers={"ETag": crud.etag(user)})


def _with_secret(session: Session, principal: Principal, client: ApiClient,
                 secret: str | None) -> ClientWithSecret:
    (read,) = crud.serialize(session, principal, service.clients, [client])
    return ClientWithSecret(**read.model_dump(), client_secret=secret)


@clients_router.post(
    "/clients", operation_id="clients_create", summary="Create an API client", status_code=201,
    response_model=ClientWithSecret, responses={201: {"description": "Created"}, **WRITE_ERRORS},
    description="Creates a system login. The answer holds `client_secret` once; only its digest "
                "is stored. A retry with the same `Idempotency-Key` answers the client "
                "without the secret (`client_secret: null`): rotate the secret if the first "
                f"answer was lost.\n\n**Who may:** {who_may('clients', Action.create)}",
)
def create_client(request: Request, session: SessionDep, principal: PrincipalDep,
                  payload: Annotated[ClientCreate, Body()],
                  idempotency_key: IdemKey = None) -> Response:
    """Create an API client (W13); the secret is answered once."""
    replay = _replayed(session, principal, idempotency_key,
                       _request_digest(request, payload.model_dump_json()))
    if replay is not None:
        return replay
    client, secret = service.create_client(session, principal, payload)
    location = f"{request.url.path.rstrip('/')}/{client.id}"
    _remember(session, principal, idempotency_key,
              _with_secret(session, principal, client, None).model_dump_json(), location)
    body = _with_secret(session, principal, client, secret)
    return json_response(body, 201, {"Location": location, "ETag": crud.etag(client), **NO_STORE})


@clients_router.post(
    "/clients/{record_id}/rotate-secret", operation_id="clients_rotate_secret",
    summary="Rotate an API client's secret", response_model=ClientWithSecret,
    responses=WRITE_ERRORS,
    description="Makes a new secret and answers it once. The old secret, and every token "
                "issued with it, stops working at once.\n\n"
                f"**Who may:** {who_may('clients', Action.update)}",
)
def rotate_secret(session: SessionDep, principal: PrincipalDep, record_id: RecordId,
                  if_match: IfMatch = None) -> Response:
    """Rotate a client's secret (W13)."""
    client, secret = service.rotate_secret(session, principal, record_id, if_match)
    body = _with_secret(session, principal, client, secret)
    return json_response(body, 200, {"ETag": crud.etag(client), **NO_STORE})


# --- the audit trail -------------------------------------------------------------------------

audit_router = APIRouter(tags=["audit"])


@audit_router.get(
    "/audit", operation_id="audit_list", summary="List audit entries", response_model=AuditPage,
    responses={200: {"description": "OK"}, **LIST_ERRORS},
    description="Every write, newest first: who (user, client or the command line), when, "
                "what, and the record before and after. Filter by `resource`, `record`, "
                "`actor`, `op` and `since`/`until`; follow `next_cursor` for more. The trail "
                f"is read-only.\n\n**Who may:** {who_may('audit', Action.read)}",
)
def audit_list(request: Request, session: SessionDep, principal: PrincipalDep,
               params: Annotated[AuditFilters, Query()]) -> Response:
    """List audit entries (W13)."""
    rows, cursor = audit.list_entries(session, principal, params)
    headers = {"Vary": "Authorization"}
    if cursor:
        headers["Link"] = f'<{request.url.include_query_params(cursor=cursor)}>; rel="next"'
    return page_response([AuditRead.model_validate(r) for r in rows], cursor, headers)


@audit_router.get(
    "/audit/{record_id}", operation_id="audit_get", summary="Read an audit entry",
    response_model=AuditRead, responses=ONE_ERRORS,
    description=f"One audit entry.\n\n**Who may:** {who_may('audit', Action.read)}",
)
def audit_get(session: SessionDep, principal: PrincipalDep, record_id: RecordId) -> AuditRead:
    """Read one audit entry (W13)."""
    return AuditRead.model_validate(audit.get_entry(session, principal, record_id))


@audit_router.api_route("/audit", methods=["POST", "PUT", "PATCH", "DELETE"],
                        include_in_schema=False)
@audit_router.api_route("/audit/{record_id}", methods=["POST", "PUT", "PATCH", "DELETE"],
                        include_in_schema=False)
def audit_refuse_write() -> Response:
    """The trail is append-only, and only the service itself appends to it."""
    raise ProblemError(405, "The audit trail is read-only.", headers={"Allow": "GET"})


router.include_router(auth_router)
router.include_router(users_router)
router.include_router(clients_router)
router.include_router(audit_router)
