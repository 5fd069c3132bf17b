"""JSON answers built without FastAPI's response validation: the read schema has already
validated each item (`api.core.reads.serialize`), so the body is serialised once."""

from __future__ import annotations

import json

from fastapi import Response
from pydantic import BaseModel
from sqlmodel import Session

from api.core import etags, reads
from api.core.models import Record
from api.core.pagecache import body_tag
from api.core.principal import Principal
from api.core.resource import Resource

JSON = "application/json"
# For answers that hold a secret, or a record a secret was just answered with.
NO_STORE = {"Cache-Control": "no-store"}


def json_response(
    model: BaseModel, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(model.model_dump_json(), status_code=status, media_type=JSON, headers=headers)


def page_response(
    items: list[BaseModel] | bytes,
    cursor: str | None,
    headers: dict[str, str],
    if_none_match: str | None,
) -> Response:
    """A page, serialised item by item (the public view may use a narrower schema), or from
    its items already serialised as one JSON array (`reads.serialize_json`), tagged by its
    bytes: 304 when the caller holds them (for lists the change feed does not version: the
    304 saves the bytes, not the work)."""
    return tagged_response(page_body(items, cursor), headers, if_none_match)


def tagged_response(body: bytes, headers: dict[str, str], if_none_match: str | None) -> Response:
    """JSON `body` with the ETag of its bytes; 304 when `If-None-Match` holds it already."""
    headers = {**headers, "ETag": body_tag(body)}
    if etags.not_modified(if_none_match, headers["ETag"]):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=JSON, headers=headers)


def page_body(items: list[BaseModel] | bytes, cursor: str | None) -> bytes:
    if not isinstance(items, bytes):
        items = b"[" + b",".join(i.model_dump_json().encode() for i in items) + b"]"
    return b'{"items":' + items + b',"next_cursor":' + json.dumps(cursor).encode() + b"}"


def record_response(
    session: Session,
    principal: Principal,
    spec: Resource,
    obj: Record,
    status: int = 200,
    location: str | None = None,
) -> Response:
    (item,) = reads.serialize(session, principal, spec, [obj])
    headers = {"ETag": etags.etag(obj), "Vary": "Authorization"}
    if location:
        headers["Location"] = location
    return json_response(item, status, headers)
