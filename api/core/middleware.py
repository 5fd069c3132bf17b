"""ASGI middleware: request ids, body size limit, security headers."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core import metrics
from api.core.errors import problem_body
from api.core.i18n import negotiate
from api.core.logging import request_id_var

log = logging.getLogger("regie.access")
# Routes that take forms or files instead of JSON.
JSON_EXEMPT = ("/api/v1/auth/", "/api/v1/imports/")
_RID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        b"script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'",
    ),
]


def _problem(
    status: int, title: str, code: str, ctx: dict[str, Any], path: str, lang: str, slug: str | None
) -> bytes:
    body = problem_body(
        status,
        code,
        ctx,
        negotiate(lang),
        path,
        type_=f"https://regie.w13.be/problems/{slug or title.lower().replace(' ', '-')}",
        title=title,
    )
    return json.dumps(body).encode()


class RequestContextMiddleware:
    """Gives every request an id (`X-Request-ID`, accepted or made), adds security headers,
    refuses bodies over the limit with 413, and logs one line per request."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        rid = given if _RID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid
        request_id_var.set(rid)
        path = scope.get("path", "")
        started = time.perf_counter()
        metrics.IN_PROGRESS.inc()  # and down again in `_done`
        status_holder: dict[str, Any] = {}

        async def send_wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                hdrs = list(message.get("headers", []))
                names = {k.lower() for k, _ in hdrs}
                if b"x-request-id" not in names:
                    hdrs.append((b"x-request-id", rid.encode()))
                for k, v in SECURITY_HEADERS:
                    # A response with its own policy (the docs pages) keeps it.
                    if k not in names:
                        hdrs.append((k, v))
                message["headers"] = hdrs
            await send(message)

        if self._needs_json(scope, headers):
            await self._reject(
                send, rid, path, 415, "Unsupported media type", "json_required", {}, headers
            )
            self._done(scope, rid, 415, started)
            return
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await self._reject(
                send,
                rid,
                path,
                413,
                "Payload too large",
                "body_too_large",
                {"max_body": self.max_body},
                headers,
            )
            self._done(scope, rid, 413, started)
            return
        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLargeError
            return message

        try:
            await self.app(scope, receive_limited, send_wrapped)
        except BodyTooLargeError:
            if "status" not in status_holder:
                await self._reject(
                    send_wrapped,
                    rid,
                    path,
                    413,
                    "Payload too large",
                    "body_too_large",
                    {"max_body": self.max_body},
                    headers,
                )
        except Exception:
            # Unhandled errors are answered by Starlette's outermost middleware, outside this
            # one, which would drop the security headers and the request id: answer here, then
            # let the error travel on to be logged (the answer is already sent by then).
            if "status" not in status_holder:
                await self._reject(
                    send_wrapped,
                    rid,
                    path,
                    500,
                    "Internal Server Error",
                    "detail.internal",
                    {"request_id": rid},
                    headers,
                    slug="internal",
                )
            raise
        finally:
            self._done(scope, rid, status_holder.get("status", "-"), started)

    @staticmethod
    def _done(scope: Scope, rid: str, status: int | str, started: float) -> None:
        """The request's log line (with its fields for JSON logs) and its metrics."""
        seconds = time.perf_counter() - started
        method, path = scope.get("method", "-"), scope.get("path", "")
        route = metrics.route_template(scope)
        principal = scope.get("state", {}).get("principal")
        client = scope.get("client")
        log.info(
            "%s %s %s %.1fms",
            method,
            path,
            status,
            seconds * 1000,
            extra={
                "request_id": rid,
                "method": method,
                "path": path,
                "route": route,
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
                "principal_kind": getattr(principal, "kind", None),
                "principal_subject": getattr(principal, "subject", None),
                # What the throttles count by: the peer, or a trusted proxy's X-Forwarded-For.
                "client": client[0] if client else None,
            },
        )
        metrics.observe_request(method, route, status, seconds)

    @staticmethod
    def _needs_json(scope: Scope, headers: dict[bytes, bytes]) -> bool:
        if scope.get("method") not in ("POST", "PUT", "PATCH"):
            return False
        path = scope.get("path", "")
        if not path.startswith("/api/v1/") or path.startswith(JSON_EXEMPT):
            return False
        has_body = headers.get(b"content-length", b"0") != b"0" or b"transfer-encoding" in headers
        ctype = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if not has_body and not ctype:
            return False
        return not (
            ctype == b"application/json"
            or (ctype.startswith(b"application/") and ctype.endswith(b"+json"))
        )

    async def _reject(
        self,
        send: Send,
        rid: str,
        path: str,
        status: int,
        title: str,
        code: str,
        ctx: dict[str, Any],
        headers: dict[bytes, bytes],
        slug: str | None = None,
    ) -> None:
        lang = headers.get(b"accept-language", b"").decode("latin-1")
        body = _problem(status, title, code, ctx, path, lang, slug)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"x-request-id", rid.encode()),
                    *SECURITY_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class BodyTooLargeError(Exception):
    pass
