"""RFC 9457 problem details for every error the service answers."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from api.core import i18n

log = logging.getLogger("regie.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://regie.w13.be/problems/"


class FieldError(BaseModel):
    loc: list[str | int] = Field(
        description='Path of the offending field, e.g. `["body", "kbo_number"]`.'
    )
    msg: str = Field(description="What is wrong, in the language `Accept-Language` asked for.")
    code: str = Field(
        default="invalid",
        description="Stable machine-readable code of the error: request validation's "
        "(`missing`, `string_too_short`, `enum`, ...) or a domain rule's (`kbo_checksum`, "
        "`personal_data`, `lde_closed`, ...). See docs/api.md.",
        examples=["string_too_short"],
    )
    ctx: dict[str, Any] | None = Field(
        default=None,
        description='The code\'s parameters, e.g. `{"min_length": 1}`.',
        examples=[{"min_length": 1}],
    )


class Problem(BaseModel):
    """An RFC 9457 problem details document."""

    type: str = Field(examples=[PROBLEM_BASE + "validation"])
    title: str = Field(examples=["Ongeldige invoer"])
    status: int = Field(examples=[422])
    detail: str = Field(examples=["Het KBO-nummer klopt niet (controlegetal)."])
    instance: str = Field(examples=["/api/v1/actors"])
    code: str | None = Field(
        default=None,
        description="Stable machine-readable code of the problem (`validation`, "
        "`still_referenced`, `version_stale`, `lde_closed`, ...; see docs/api.md), so a client "
        "may word it itself; absent only on the rare problem without one.",
        examples=["validation"],
    )
    ctx: dict[str, Any] | None = Field(
        default=None,
        description='The code\'s parameters, e.g. `{"label": "action", "version": 3}`.',
        examples=[None],
    )
    errors: list[FieldError] | None = None
    changed_by_you: bool | None = Field(
        default=None,
        description="On a 412 of a stale `If-Match`: whether the version the record is at now "
        "was written by the caller itself (in another tab or program), so a client can say "
        "so instead of naming someone else.",
    )


class ProblemError(Exception):
    """Raise anywhere to answer with a problem document.

    `code` names the problem's text in the catalogue (api.core.i18n), in nl, fr and en, with
    `{name}` placeholders filled from `ctx`; the catalogue is the only source of these texts
    (tests/core/test_problem_catalogue.py). Each field error is `(loc, code)` or
    `(loc, code, ctx)`, or one already built by `field_error` (pydantic's own errors)."""

    def __init__(
        self,
        status: int,
        code: str,
        ctx: dict[str, Any] | None = None,
        *,
        type_: str | None = None,
        title: str | None = None,
        errors: Sequence[FieldErrorSpec | dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> None:
        self.status = status
        # A text outside the catalogue (code unknown) is shown as given, in every language,
        # rather than lost; the catalogue test refuses such raises in api/.
        self.code: str | None = code if i18n.known(code) else None
        self.ctx = ctx or {}
        self.detail = i18n.text(code, "en", self.ctx) or code
        super().__init__(self.detail)
        self.type = type_ or _default_type(status)
        self.title = title or HTTPStatus(status).phrase
        self.errors = [e if isinstance(e, dict) else field_error(*e) for e in errors or []]
        self.headers = headers or {}
        # RFC 9457 extension members (documented on `Problem`), e.g. a 412's `changed_by_you`.
        self.extensions = extensions or {}


# A field error as services raise it: (loc, code) or (loc, code, ctx).
FieldErrorSpec = tuple[Sequence[str | int], str] | tuple[Sequence[str | int], str, dict[str, Any]]


def field_error(
    loc: Sequence[str | int], code: str, ctx: dict[str, Any] | None = None, msg: str | None = None
) -> dict[str, Any]:
    """A field error with its English msg from the catalogue. `msg` is the original text of an
    error raised elsewhere (pydantic's), kept for English when the catalogue lacks the code.
    A text given as the code (outside the catalogue) stays the msg, with code `invalid`."""
    english = _field_text(code, "en", ctx or {})
    if english is None and msg is None:
        code, msg = "invalid", code
    error: dict[str, Any] = {"loc": list(loc), "msg": msg or english, "code": code}
    if ctx:
        error["ctx"] = ctx
    return error


def _field_text(code: str, lang: i18n.Language, ctx: dict[str, Any]) -> str | None:
    # A code with variants (ctx `kind`) may have a text per variant.
    variant = f"{code}.{ctx['kind']}" if "kind" in ctx else None
    return (variant and i18n.text(variant, lang, ctx)) or i18n.text(code, lang, ctx)


def _default_type(status: int) -> str:
    names = {
        400: "bad-request",
        401: "unauthorized",
        403: "forbidden",
        404: "not-found",
        405: "method-not-allowed",
        406: "not-acceptable",
        409: "conflict",
        410: "gone",
        412: "precondition-failed",
        413: "payload-too-large",
        415: "unsupported-media-type",
        422: "validation",
        428: "precondition-required",
        429: "too-many-requests",
        500: "internal",
        503: "unavailable",
        507: "insufficient-storage",
    }
    return PROBLEM_BASE + names.get(status, str(status))


# FastAPI's detail when the JSON body cannot be decoded at all (fastapi.routing).
BODY_PARSE_ERROR = "There was an error parsing the body"


@lru_cache(maxsize=1024)
def _path_regex(path: str) -> re.Pattern[str]:
    return compile_path(path)[0]


def allowed_methods(request: Request) -> str:
    """Every method some route answers on this path. Starlette's 405 names only the first
    route that matched the path, while a path such as `/actors/{id}` has one route per method
    (and FastAPI keeps included routers nested, so walk them all)."""
    path = request.scope.get("path", "")
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        # Routes left out of the document only refuse a method (e.g. writes to the audit
        # trail) and do not make it allowed.
        if not getattr(route, "include_in_schema", True):
            continue
        if route.path and route.methods and _path_regex(route.path).match(path):
            methods |= set(route.methods)
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))


def storage_failure(exc: BaseException) -> str | None:
    """`full`, `read-only` or `io` when the database could not write to its storage (SQLite's
    messages, PostgreSQL's SQLSTATE 53100 and 25006), `timeout` when PostgreSQL cancelled a
    statement that ran past its timeout (57014); None for anything else."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    text = str(orig).lower()
    if code == "53100" or "disk is full" in text or "no space left" in text:
        return "full"
    if code == "25006" or "readonly database" in text or "read-only" in text:
        return "read-only"
    if "disk i/o error" in text:
        return "io"
    if code == "57014":  # query_canceled: the statement timeout ran out
        return "timeout"
    return None


def database_unavailable(request: Request, exc: BaseException) -> JSONResponse:
    """The answer when the database cannot serve the request: out of room (507), read-only or
    unreachable (503). The transaction was rolled back, so nothing was written."""
    kind = storage_failure(exc)
    if kind == "full":
        return problem_response(request, 507, "db_full", headers={"Retry-After": "60"})
    if kind == "read-only":
        return problem_response(request, 503, "db_read_only", headers={"Retry-After": "30"})
    if kind == "timeout":
        return problem_response(request, 503, "db_timeout", headers={"Retry-After": "5"})
    if kind == "io":
        return problem_response(request, 503, "db_io", headers={"Retry-After": "30"})
    return problem_response(request, 503, "db_unreachable", headers={"Retry-After": "5"})


def not_found(what: str = "Record") -> ProblemError:
    return ProblemError(404, "detail.not_found", {"what": what})


def problem_body(
    status: int,
    code: str,
    ctx: dict[str, Any] | None,
    lang: i18n.Language,
    path: str,
    *,
    type_: str | None = None,
    title: str | None = None,
    errors: Sequence[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The problem document in `lang`. English keeps the title given (or the status phrase);
    Dutch and French take the status's title. `code` is a catalogue code (a text outside the
    catalogue is shown as given)."""
    title = title or HTTPStatus(status).phrase
    if lang != "en":
        title = i18n.text(f"title.{status}", lang) or title
    body: dict[str, Any] = {
        "type": type_ or _default_type(status),
        "title": title,
        "status": status,
        "detail": i18n.text(code, lang, ctx) or code,
        "instance": path,
    }
    if i18n.known(code):
        body["code"] = public_code(code)
        if ctx:
            body["ctx"] = ctx
    if errors:
        body["errors"] = [_localised(e, lang) for e in errors]
    return body


def public_code(key: str) -> str:
    """A problem's code as clients see it: its catalogue key without the `detail.` prefix or
    `.detail` suffix that sets a problem's text apart from a field error's of the same name
    (`detail.validation` -> `validation`, `cursor_invalid.detail` -> `cursor_invalid`)."""
    return key.removeprefix("detail.").removesuffix(".detail")


def codes_markdown() -> str:
    """The table of every code of the catalogue (docs/api.md) with its English text and the
    `{ctx}` names it takes; nl and fr say the same. A code that names both a problem and a
    field error has a row for each."""
    keys = [k for k in i18n.codes() if not k.startswith(("title.", "term."))]
    lines = ["| code | English text (nl and fr alike) |", "| --- | --- |"]
    for key in keys:
        code = public_code(key)
        shown = f"`{code}`"
        if code != key and code in keys:
            shown += " (problem)"
        elif f"{key}.detail" in keys:
            shown += " (field)"
        base, _, kind = code.partition(".")
        if kind and base in keys and code == key:
            shown = f"`{base}` (`ctx.kind` {kind})"
        text = (i18n.text(key, "en") or "").replace("|", "\\|")
        lines.append(f"| {shown} | {text} |")
    return "\n".join(lines)


def problem_response(
    request: Request,
    status: int,
    code: str,
    ctx: dict[str, Any] | None = None,
    *,
    type_: str | None = None,
    title: str | None = None,
    errors: Sequence[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    extensions: dict[str, Any] | None = None,
) -> JSONResponse:
    """The problem document in the caller's language (`Accept-Language`)."""
    lang = i18n.negotiate(request.headers.get("accept-language"))
    body = problem_body(
        status, code, ctx, lang, request.url.path, type_=type_, title=title, errors=errors
    )
    for key, value in (extensions or {}).items():
        body.setdefault(key, value)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _localised(error: dict[str, Any], lang: i18n.Language) -> dict[str, Any]:
    out = {"loc": error["loc"], "msg": error["msg"], "code": error.get("code") or "invalid"}
    if error.get("ctx"):
        out["ctx"] = error["ctx"]
    if lang != "en":
        # A code the catalogue lacks (one of pydantic's rarer types) gets the generic text
        # rather than its English one.
        out["msg"] = _field_text(out["code"], lang, out.get("ctx") or {}) or i18n.text(
            "invalid", lang
        )
    return out


def _clean_loc(loc: Sequence[Any]) -> list[str | int]:
    return [p if isinstance(p, int) else str(p) for p in loc]


def _validation_msg(err: dict[str, Any]) -> str:
    if err.get("type") == "extra_forbidden":
        return "Unknown field."
    msg = str(err.get("msg", "Invalid value."))
    # Pydantic prefixes the reason of a plain ValueError; the reason alone reads better.
    return msg.removeprefix("Value error, ")


def _plain_ctx(ctx: Any) -> dict[str, Any] | None:
    """The error's parameters that JSON can carry (pydantic puts the exception object of a
    ValueError there, which is neither stable nor readable)."""
    if not isinstance(ctx, dict):
        return None
    plain = {k: v for k, v in ctx.items() if isinstance(v, (str, int, float, bool))}
    return plain or None


def validation_error(err: dict[str, Any]) -> dict[str, Any]:
    """One of pydantic's errors as a field error: its type is the code."""
    return field_error(
        _clean_loc(err.get("loc", ())),
        str(err.get("type") or "invalid"),
        _plain_ctx(err.get("ctx")),
        msg=_validation_msg(err),
    )


def validation_problem(
    errors: Sequence[Any], prefix: Sequence[str | int] = ("body",)
) -> ProblemError:
    """A 422 for pydantic's errors of a model validated in code (not by FastAPI), each at
    its place under `prefix`."""
    found = []
    for err in errors:
        e = validation_error(dict(err))
        found.append({**e, "loc": [*prefix, *e["loc"]]})
    return ProblemError(422, "detail.validation", title="Validation failed", errors=found)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            request,
            exc.status,
            exc.code or exc.detail,
            exc.ctx,
            type_=exc.type,
            title=exc.title,
            errors=exc.errors or None,
            headers=exc.headers,
            extensions=exc.extensions,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [validation_error(e) for e in exc.errors()]
        return problem_response(
            request, 422, "detail.validation", title="Validation failed", errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = dict(exc.headers) if exc.headers else {}
        if exc.status_code == 400 and exc.detail == BODY_PARSE_ERROR:
            from api.core.middleware import BodyTooLargeError

            if isinstance(exc.__cause__, BodyTooLargeError):
                # A streamed body that grew past the limit: FastAPI caught the middleware's
                # signal while reading the body and would call it unreadable.
                return problem_response(
                    request, 413, "body_too_large_stream", title="Payload too large"
                )
            # FastAPI's answer to a body json.loads cannot read (invalid UTF-8, nesting deeper
            # than the parser's recursion limit): a body error like any other invalid JSON.
            return problem_response(
                request,
                422,
                "body_unreadable",
                title="Validation failed",
                errors=[field_error(["body"], "json_invalid", msg="Not valid JSON.")],
            )
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        # Starlette's own refusals (no route, wrong method) carry only their status phrase.
        code = {404: "detail.no_route", 405: "detail.method"}.get(exc.status_code, "detail.http")
        return problem_response(request, exc.status_code, code, headers=headers or None)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        rid = getattr(request.state, "request_id", "-")
        log.exception("unhandled error (request id %s)", rid)
        return problem_response(request, 500, "detail.internal", {"request_id": rid})
