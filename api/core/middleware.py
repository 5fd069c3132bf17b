"""ASGI middleware: request ids, body size limit, security headers."""

from __future__ import annotations

import json
import logging
import os
import re
import time
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
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})

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


# Header names the middleware adds, to tell at once whether a response sets one itself.
_ADDED_NAMES = frozenset({b"x-request-id"} | {k for k, _ in SECURITY_HEADERS})
_SECURITY_NAMES = frozenset(k for k, _ in SECURITY_HEADERS)


def new_request_id() -> str:
    """32 random hex digits, as `uuid.uuid4().hex` has them, without building a UUID."""
    return os.urandom(16).hex()


class RequestContextMiddleware:
    """Gives every request an id (`X-Request-ID`, accepted or made), adds security headers,
    refuses bodies over the limit with 413, and logs one line per request.

    `streamed` matches the paths of routes that read, limit and check their own bodies as
    they arrive (file uploads): their bodies are neither held to JSON nor to `max_body`.

    It runs for every request, so it is written for a small fixed cost (bench/NOTES.md,
    "The fixed cost of a request"): one pass over the request's headers, the security headers
    appended in one step when the response sets none of them, the metrics' series looked up in
    a dict (`metrics.observe_request`)."""

    def __init__(
        self, app: ASGIApp, max_body: int, streamed: re.Pattern[str] | None = None
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.streamed = streamed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        given = headers.get(b"x-request-id")
        if given is not None:
            given_text = given.decode("latin-1")
            rid = given_text if _RID.match(given_text) else new_request_id()
        else:
            rid = new_request_id()
        scope.setdefault("state", {})["request_id"] = rid
        request_id_var.set(rid)
        path = scope["path"]
        started = time.perf_counter()
        metrics.IN_PROGRESS.inc()  # and down again in `_done`
        status_holder: list[int] = []
        rid_header = (b"x-request-id", rid.encode())

        async def send_wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder.append(message["status"])
                hdrs = list(message.get("headers", ()))
                names = {k.lower() for k, _ in hdrs}
                if names.isdisjoint(_ADDED_NAMES):  # the common case: add them all
                    hdrs.append(rid_header)
                    hdrs.extend(SECURITY_HEADERS)
                else:
                    if b"x-request-id" not in names:
                        hdrs.append(rid_header)
                    for k, v in SECURITY_HEADERS:
                        # A response with its own policy (the docs pages) keeps it.
                        if k not in names:
                            hdrs.append((k, v))
                message["headers"] = hdrs
            await send(message)

        # An upload route answers for itself on any method (or the router's 405 does), not a
        # JSON rule meant for others.
        streamed = self.streamed is not None and self.streamed.match(path) is not None
        if not streamed and scope["method"] in BODY_METHODS and self._needs_json(scope, headers):
            await self._reject(
                send, rid, path, 415, "Unsupported media type", "json_required", {}, headers
            )
            self._done(scope, rid, 415, started)
            return
        length = headers.get(b"content-length")
        too_long = length is not None and (not length.isdigit() or int(length) > self.max_body)
        if too_long and not streamed:
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
        if length is None and b"transfer-encoding" not in headers and scope["method"] == "GET":
            # No body comes (HTTP/1.1: neither a length nor chunks), so there is none to count.
            receive_limited = receive
        else:
            receive_limited = self._limited(receive)
        try:
            await self.app(scope, receive if streamed else receive_limited, send_wrapped)
        except BodyTooLargeError:
            if not status_holder:
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
            if not status_holder:
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
            self._done(scope, rid, status_holder[0] if status_holder else "-", started)

    def _limited(self, receive: Receive) -> Receive:
        """`receive`, raising BodyTooLargeError once the body passes the limit."""
        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLargeError
            return message

        return receive_limited

    @staticmethod
    def _done(scope: Scope, rid: str, status: int | str, started: float) -> None:
        """The request's log line (with its fields for JSON logs) and its metrics."""
        seconds = time.perf_counter() - started
        method, path = scope.get("method", "-"), scope.get("path", "")
        route = metrics.route_template(scope)
        metrics.observe_request(method, route, status, seconds)
        if not log.isEnabledFor(logging.INFO):
            return
        principal = scope.get("state", {}).get("principal")
        client = scope.get("client")
        # What `log.info` does, without its search of the call stack for the caller's file and
        # line, which no formatter of ours prints and which costs more than the JSON line.
        record = log.makeRecord(
            log.name,
            logging.INFO,
            __file__,
            0,
            "%s %s %s %.1fms",
            (method, path, status, seconds * 1000),
            None,
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
        log.handle(record)

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
