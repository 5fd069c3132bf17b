"""Webhook routes (W13): subscriptions through the generic resource routes, plus create and
rotate-secret (which answer the secret once) and the delivery log with manual retry.

There is no PUT: a replace-or-create could make a subscription without a secret."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Body, Path, Query, Request
from fastapi.responses import Response
from sqlmodel import Session

from api.core import etags, idempotency, reads
from api.core.deps import PrincipalDep, SessionDep
from api.core.etags import IfMatch, IfNoneMatch
from api.core.idempotency import IdemKey
from api.core.openapi_text import (
    BODY_ETAG,
    BODY_NOT_MODIFIED,
    LIST_ERRORS,
    ONE_ERRORS,
    WRITE_ERRORS,
    problem,
)
from api.core.permissions import Verb
from api.core.principal import Principal
from api.core.responses import NO_STORE, json_response, page_response
from api.core.routing import RecordId, resource_router, who_may
from api.models.webhook import Webhook
from api.webhooks import service
from api.webhooks.schemas import (
    DeliveryFilters,
    DeliveryPage,
    DeliveryRead,
    WebhookCreate,
    WebhookWithSecret,
)

DeliveryId = Annotated[uuid.UUID, Path(description="The delivery's id (its `webhook-id` header).")]

router = resource_router(service.webhooks)

SIGNATURE_DOC = (
    'Each change is POSTed to the URL as JSON `{"type": "<resource>.<op>", "timestamp", '
    '"data": {"seq", "resource", "id", "op", "version", "at"}}` with the Standard '
    "Webhooks headers `webhook-id` (the same on every retry), `webhook-timestamp` (Unix "
    "seconds) and `webhook-signature`: `v1,` + base64 of HMAC-SHA256 over "
    "`{webhook-id}.{webhook-timestamp}.{body}`, keyed with the base64-decoded part of the "
    "secret after `whsec_`. A 2xx answer delivers; anything else is retried with back-off "
    "(about 10 s, 30 s, 2 min, 10 min, 1 h, 3 h, 6 h, 12 h), then the delivery is `failed`."
)


def _with_secret(
    session: Session, principal: Principal, obj: Webhook, secret: str | None
) -> WebhookWithSecret:
    (read,) = reads.serialize(session, principal, service.webhooks, [obj])
    return WebhookWithSecret(**read.model_dump(), secret=secret)


@router.post(
    "/webhooks",
    operation_id="webhooks_create",
    summary="Subscribe a URL to changes",
    status_code=201,
    response_model=WebhookWithSecret,
    responses={
        201: {"description": "Created; the only answer that holds the secret."},
        **WRITE_ERRORS,
    },
    description="Subscribes a URL to the changes of the listed resources (all when empty). "
    "The answer holds the signing `secret` once; only a rotation makes a new one. A retry "
    "with the same `Idempotency-Key` answers the subscription without the secret.\n\n"
    f"{SIGNATURE_DOC}\n\n**Who may:** {who_may('webhooks', Verb.create)}",
)
def create_webhook(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    payload: Annotated[WebhookCreate, Body()],
    idempotency_key: IdemKey = None,
) -> Response:
    """Subscribe a URL (W13); the secret is answered once."""
    fingerprint = idempotency.body_digest(request, payload)
    replay = idempotency.replay(session, principal, idempotency_key, fingerprint, NO_STORE)
    if replay is not None:
        return replay
    obj, secret = service.create_webhook(session, principal, payload)
    location = f"{request.url.path.rstrip('/')}/{obj.id}"
    # The replay never holds the secret.
    replay_body = _with_secret(session, principal, obj, None).model_dump_json()
    idempotency.remember(session, principal, idempotency_key, 201, replay_body, location)
    body = _with_secret(session, principal, obj, secret)
    return json_response(body, 201, {"Location": location, "ETag": etags.etag(obj), **NO_STORE})


@router.post(
    "/webhooks/{record_id}/rotate-secret",
    operation_id="webhooks_rotate_secret",
    summary="Rotate a webhook's signing secret",
    response_model=WebhookWithSecret,
    responses=WRITE_ERRORS,
    description="Makes a new signing secret and answers it once; deliveries from now on "
    "(retries included) are signed with it.\n\n"
    f"**Who may:** {who_may('webhooks', Verb.update)}",
)
def rotate_secret(
    session: SessionDep, principal: PrincipalDep, record_id: RecordId, if_match: IfMatch = None
) -> Response:
    """Rotate a webhook's secret (W13)."""
    obj, secret = service.rotate_secret(session, principal, record_id, if_match)
    body = _with_secret(session, principal, obj, secret)
    return json_response(body, 200, {"ETag": etags.etag(obj), **NO_STORE})


@router.get(
    "/webhooks/{record_id}/deliveries",
    operation_id="webhooks_list_deliveries",
    summary="List a webhook's deliveries",
    response_model=DeliveryPage,
    responses={
        200: {"description": "OK", "headers": BODY_ETAG},
        304: BODY_NOT_MODIFIED,
        **ONE_ERRORS,
        400: LIST_ERRORS[400],
    },
    description="The delivery log, newest change first: each delivery's status, payload and "
    "every attempt (status code, error, duration). Filter by `status`; follow `next_cursor` "
    f"for more.\n\n**Who may:** {who_may('webhooks', Verb.read)}",
)
def list_deliveries(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    record_id: RecordId,
    params: Annotated[DeliveryFilters, Query()],
    if_none_match: IfNoneMatch = None,
) -> Response:
    """List deliveries of a webhook (W13)."""
    items, cursor = service.list_deliveries(session, principal, record_id, params)
    headers = {"Vary": "Authorization", **NO_STORE}
    if cursor:
        headers["Link"] = f'<{request.url.include_query_params(cursor=cursor)}>; rel="next"'
    return page_response(list(items), cursor, headers, if_none_match)


@router.get(
    "/webhooks/{record_id}/deliveries/{delivery_id}",
    operation_id="webhooks_get_delivery",
    summary="Read a delivery",
    response_model=DeliveryRead,
    responses=ONE_ERRORS,
    description=f"One delivery with its attempts.\n\n**Who may:** {who_may('webhooks', Verb.read)}",
)
def get_delivery(
    session: SessionDep, principal: PrincipalDep, record_id: RecordId, delivery_id: DeliveryId
) -> Response:
    """Read one delivery (W13)."""
    read = service.get_delivery(session, principal, record_id, delivery_id)
    return json_response(read, 200, {"Vary": "Authorization", **NO_STORE})


@router.post(
    "/webhooks/{record_id}/deliveries/{delivery_id}/retry",
    operation_id="webhooks_retry_delivery",
    summary="Send a delivery again",
    status_code=202,
    response_model=DeliveryRead,
    responses={
        202: {"description": "Queued; the worker sends it shortly."},
        **ONE_ERRORS,
        409: problem("The delivery is being sent right now, or the webhook is inactive."),
    },
    description="Queues a delivery (failed, delivered or waiting for its next retry) to be "
    "sent now, with the same `webhook-id` and a fresh retry schedule.\n\n"
    f"**Who may:** {who_may('webhooks', Verb.update)}",
)
def retry_delivery(
    session: SessionDep, principal: PrincipalDep, record_id: RecordId, delivery_id: DeliveryId
) -> Response:
    """Send a delivery again (W13)."""
    read = service.retry_delivery(session, principal, record_id, delivery_id)
    return json_response(read, 202, NO_STORE)
