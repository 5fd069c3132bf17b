"""`/clients`: the generic list/read/patch/delete routes, plus create and rotate-secret (which
answer the secret once). No PUT: a replace-or-create could make a client without a secret."""

from __future__ import annotations

from typing import Annotated

from fastapi import Body, Request
from fastapi.responses import Response
from sqlmodel import Session

from api.accounts import service
from api.accounts.common import fingerprint
from api.accounts.schemas import (
    ClientCreate,
    ClientWithSecret,
)
from api.core import etags, idempotency, reads
from api.core.deps import PrincipalDep, SessionDep
from api.core.etags import IfMatch
from api.core.idempotency import IdemKey
from api.core.openapi_text import WRITE_ERRORS
from api.core.permissions import Verb
from api.core.principal import Principal
from api.core.responses import NO_STORE, json_response
from api.core.routing import RecordId, resource_router, who_may
from api.models.client import ApiClient

router = resource_router(service.clients)


def _with_secret(
    session: Session, principal: Principal, client: ApiClient, secret: str | None
) -> ClientWithSecret:
    (read,) = reads.serialize(session, principal, service.clients, [client])
    return ClientWithSecret(**read.model_dump(), client_secret=secret)


@router.post(
    "/clients",
    operation_id="clients_create",
    summary="Create an API client",
    status_code=201,
    response_model=ClientWithSecret,
    responses={201: {"description": "Created"}, **WRITE_ERRORS},
    description="Creates a system login. The answer holds `client_secret` once; only its digest "
    "is stored. A retry with the same `Idempotency-Key` answers the client "
    "without the secret (`client_secret: null`): rotate the secret if the first "
    f"answer was lost.\n\n**Who may:** {who_may('clients', Verb.create)}",
)
def create_client(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    payload: Annotated[ClientCreate, Body()],
    idempotency_key: IdemKey = None,
) -> Response:
    """Create an API client (W13); the secret is answered once."""
    replay = idempotency.replay(
        session, principal, idempotency_key, fingerprint(request, payload), NO_STORE
    )
    if replay is not None:
        return replay
    client, secret = service.create_client(session, principal, payload)
    location = f"{request.url.path.rstrip('/')}/{client.id}"
    # The replay never holds the secret.
    idempotency.remember(
        session,
        principal,
        idempotency_key,
        201,
        _with_secret(session, principal, client, None).model_dump_json(),
        location,
    )
    body = _with_secret(session, principal, client, secret)
    return json_response(body, 201, {"Location": location, "ETag": etags.etag(client), **NO_STORE})


@router.post(
    "/clients/{record_id}/rotate-secret",
    operation_id="clients_rotate_secret",
    summary="Rotate an API client's secret",
    response_model=ClientWithSecret,
    responses=WRITE_ERRORS,
    description="Makes a new secret and answers it once. The old secret, and every token "
    "issued with it, stops working at once.\n\n"
    f"**Who may:** {who_may('clients', Verb.update)}",
)
def rotate_secret(
    session: SessionDep, principal: PrincipalDep, record_id: RecordId, if_match: IfMatch = None
) -> Response:
    """Rotate a client's secret (W13)."""
    client, secret = service.rotate_secret(session, principal, record_id, if_match)
    body = _with_secret(session, principal, client, secret)
    return json_response(body, 200, {"ETag": etags.etag(client), **NO_STORE})
