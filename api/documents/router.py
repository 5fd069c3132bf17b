"""Documents of meetings and actions: the generic list, read, metadata update and delete, plus
the upload (a file in, streamed) and the download (the content out, streamed)."""

import re
import uuid
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.core import etags, reads
from api.core.deps import PrincipalDep, SessionDep
from api.core.etags import IfNoneMatch
from api.core.idempotency import IdemKey
from api.core.openapi_text import CREATED, ONE_ERRORS, links, problem, with_article
from api.core.permissions import Verb
from api.core.resource import Resource
from api.core.routing import ParentId, RecordId, resource_router, security, who_may
from api.documents import service, upload
from api.documents.schemas import (
    MAX_BYTES,
    ActionDocumentKind,
    FileName,
    MeetingDocumentKind,
)
from api.documents.sniff import EXTENSIONS

router = APIRouter()

# The upload routes read, limit and check their own bodies (api.core.middleware lets them
# through past the JSON-only rule and the general body limit).
UPLOAD_PATHS = re.compile(
    r"^/api/v1/(?:"
    + "|".join(
        re.escape(s.parent.path or s.parent.name) for s in service.SPECS.values() if s.parent
    )
    + r")/[^/]+/documents/?$"
)

ACCEPTED = ", ".join(f"`{t.value}` (.{', .'.join(exts)})" for t, exts in EXTENSIONS.items())
UPLOAD_BODY = {
    "required": True,
    "description": "The file: as the part `file` of a `multipart/form-data` form, or as the "
    "whole body with any other Content-Type (e.g. `application/octet-stream`; the type you "
    "give is not used).",
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {"type": "string", "format": "binary", "description": "The file."}
                },
            }
        },
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
    },
}


def _disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback name and the real one as RFC 8187 `filename*`
    (RFC 6266), so no browser opens it in place and every browser keeps its name."""
    fallback = re.sub(r"[^A-Za-z0-9._ -]", "_", filename).strip() or "document"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _routes(spec: Resource, kinds: Any, default_kind: str) -> None:
    assert spec.parent is not None
    parent = spec.parent.path or spec.parent.name
    op = spec.name.replace("-", "_")
    base = f"/{parent}/{{parent_id}}/documents"
    KindParam: Any = Annotated[kinds | None, Query(description=f"Default `{default_kind}`.")]

    async def upload_(
        request: Request,
        parent_id: ParentId,
        filename: Annotated[
            FileName | None,
            Query(
                description="The file's name; for a multipart upload the file part's name "
                "is used when this is absent. Its extension must fit the content (a name "
                "without one gets the content's).",
                examples=["presentatie-jobcoaching.pdf"],
            ),
        ] = None,
        title: Annotated[
            str | None,
            Query(
                min_length=1,
                max_length=200,
                description="Shown in lists; the file name when absent.",
                examples=["Presentatie jobcoaching"],
            ),
        ] = None,
        kind: KindParam = None,
        id: Annotated[
            uuid.UUID | None,
            Query(description="Give one to keep ids equal across systems."),
        ] = None,
        idempotency_key: IdemKey = None,
    ) -> Response:
        # Who may, first (401, 403, 404 before anything about the body), then what was sent.
        await run_in_threadpool(service.check_upload, request, spec, parent_id)
        boundary = upload.multipart_boundary(request.headers.get("content-type", ""))
        upload.check_length(request.headers, boundary is not None)
        spool = upload.Spool()
        try:
            if boundary is not None:
                given = await upload.receive_multipart(request.stream(), boundary, spool)
                filename = filename or _valid_name(given)
            else:
                await upload.receive_raw(request.stream(), spool)
            if not filename:
                raise service.missing_filename()
            metadata = {
                "id": id,
                "title": title,
                "kind": kind or default_kind,
                "filename": filename,
            }
            return await run_in_threadpool(
                service.store_upload, request, spec, parent_id, spool, metadata, idempotency_key
            )
        finally:
            spool.close()

    router.add_api_route(
        base,
        upload_,
        methods=["POST"],
        operation_id=f"{op}_create",
        tags=[spec.tag],
        summary=f"Upload {with_article(spec.label)}",
        description=(
            f"Adds a file to the {spec.parent.label}. Accepted: {ACCEPTED}; at most "
            f"{MAX_BYTES // (1024 * 1024)} MB. The type is decided from the content (its "
            "signature; for the zip-based office formats what the zip declares), never from "
            "the name or the Content-Type: other content answers 415 `document_type`, a name "
            "whose extension claims another type 415 `document_type_mismatch`, a larger file "
            "413 `document_too_large` (as soon as it passes the limit). The answer is the "
            "document's metadata, with `sha256` of what was stored and `content_url`. An "
            "`Idempotency-Key` makes a retry safe (the same key, query and content answer the "
            "first upload's document).\n\n"
            f"**Who may:** {who_may(spec, Verb.create)}"
        ),
        status_code=201,
        response_model=spec.read,
        responses={
            201: {"description": "Stored", "headers": CREATED, "links": _links(op, spec.label)},
            **ONE_ERRORS,
            409: problem("A document with this id exists already."),
            413: problem("Larger than the limit (`document_too_large`)."),
            415: problem("Not an accepted type (`document_type`, `document_type_mismatch`)."),
        },
        openapi_extra={"requestBody": UPLOAD_BODY, **security(spec.name, Verb.create)},
    )

    def download_(
        parent_id: ParentId,
        session: SessionDep,
        principal: PrincipalDep,
        record_id: RecordId,
        if_none_match: IfNoneMatch = None,
    ) -> Response:
        row = reads.get_visible_row(session, principal, spec, record_id, parent_id)
        tag = f'"{row.sha256}"'
        headers = {
            "ETag": tag,
            "Vary": "Authorization",
            "Cache-Control": "private, no-cache",
            "X-Content-Type-Options": "nosniff",
        }
        if etags.not_modified(if_none_match, tag):
            return Response(status_code=304, headers=headers)
        headers["Content-Disposition"] = _disposition(row.filename)
        headers["Content-Length"] = str(row.size)
        return StreamingResponse(
            service.stream_content(spec, record_id), media_type=row.media_type, headers=headers
        )

    router.add_api_route(
        f"{base}/{{record_id}}/content",
        download_,
        methods=["GET"],
        operation_id=f"{op}_download",
        tags=[spec.tag],
        summary=f"Download {with_article(spec.label)}",
        description=(
            "The stored file, streamed, as `Content-Disposition: attachment` (its name in "
            "`filename*`), with the type decided at upload, `X-Content-Type-Options: nosniff` "
            "and the SHA-256 of the content as `ETag` (`If-None-Match` answers 304).\n\n"
            f"**Who may:** {who_may(spec, Verb.read)}"
        ),
        response_class=Response,
        responses={
            200: {
                "description": "The file.",
                "content": {
                    t.value: {"schema": {"type": "string", "format": "binary"}} for t in EXTENSIONS
                },
                "headers": {
                    "ETag": {
                        "description": "SHA-256 of the content.",
                        "schema": {"type": "string"},
                    },
                    "Content-Disposition": {
                        "description": "`attachment` with the file's name.",
                        "schema": {"type": "string"},
                    },
                },
            },
            304: {"description": "Not modified"},
            **ONE_ERRORS,
        },
        openapi_extra=security(spec.name, Verb.read),
    )


def _links(op: str, label: str) -> dict[str, Any]:
    """From the stored document to its read, update, delete and download (no replace)."""
    out = {k: v for k, v in links(op, label, nested=True).items() if not k.startswith("Replace")}
    out[f"Download{op.title().replace('_', '')}"] = {
        "operationId": f"{op}_download",
        "parameters": {"record_id": "$response.body#/id", "parent_id": "$request.path.parent_id"},
        "description": f"Download this {label}.",
    }
    return out


def _valid_name(given: str) -> str | None:
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(FileName).validate_python(given) if given else None
    except ValidationError:
        return None


# The uploads and downloads first: `POST .../documents` is no generic route, and the generic
# router's `{record_id}` routes must not shadow `.../content`.
_routes(service.meeting_documents, MeetingDocumentKind, MeetingDocumentKind.other.value)
_routes(service.action_documents, ActionDocumentKind, ActionDocumentKind.deliverable.value)
router.include_router(resource_router(service.meeting_documents))
router.include_router(resource_router(service.action_documents))
