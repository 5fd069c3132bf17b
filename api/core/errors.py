"""RFC 9457 problem details for every error the service answers."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request, Response
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
    errors: list[FieldError] | None = None
    changed_by_you: bool | None = Field(
        default=None,
        description="On a 412 of a stale `If-Match`: whether the version the record is at now "
        "was written by the caller itself (in another tab or program), so a client can say "
        "so instead of naming someone else.",
    )


class ProblemError(Exception):
    """Raise anywhere to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        type_: str | None = None,
        title: str | None = None,
        errors: Sequence[FieldErrorSpec] | None = None,
        headers: dict[str, str] | None = None,
        code: str | None = None,
        ctx: dict[str, Any] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> None:
        """`detail` is the English text; `code` (with `ctx`) names its registered translations
        (api.core.i18n). Each field error is `(loc, msg)` or `(loc, msg, code[, ctx])`.
        `extensions` are RFC 9457 extension members (documented on `Problem`)."""
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.type = type_ or _default_type(status)
        self.title = title or HTTPStatus(status).phrase
        self.errors = [field_error(*spec) for spec in errors or []]
        self.headers = headers or {}
        self.code = code
        self.ctx = ctx or {}
        self.extensions = extensions or {}


# A field error as services raise it: (loc, English msg) or (loc, msg, code) or with ctx too.
FieldErrorSpec = (
    tuple[Sequence[str | int], str]
    | tuple[Sequence[str | int], str, str]
    | tuple[Sequence[str | int], str, str, dict[str, Any]]
)


def field_error(
    loc: Sequence[str | int], msg: str, code: str = "invalid", ctx: dict[str, Any] | None = None
) -> dict[str, Any]:
    error: dict[str, Any] = {"loc": list(loc), "msg": msg, "code": code}
    if ctx:
        error["ctx"] = ctx
    return error


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
        return problem_response(
            request,
            507,
            "The database has no space left on its storage; nothing was written. Retry once "
            "space is freed.",
            headers={"Retry-After": "60"},
        )
    if kind == "read-only":
        return problem_response(
            request,
            503,
            "The database is read-only right now; nothing was written. Retry later.",
            headers={"Retry-After": "30"},
        )
    if kind == "timeout":
        return problem_response(
            request,
            503,
            "The database took too long to answer; nothing was written. Retry later.",
            headers={"Retry-After": "5"},
        )
    if kind == "io":
        return problem_response(
            request,
            503,
            "The database could not write to its storage; nothing was written. Retry later.",
            headers={"Retry-After": "30"},
        )
    return problem_response(
        request,
        503,
        "The database is not reachable right now; retry later.",
        headers={"Retry-After": "5"},
    )


def not_found(what: str = "Record") -> ProblemError:
    return ProblemError(404, f"{what} not found.", code="detail.not_found", ctx={"what": what})


def problem_response(
    request: Request,
    status: int,
    detail: str,
    *,
    type_: str | None = None,
    title: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    code: str | None = None,
    ctx: dict[str, Any] | None = None,
    extensions: dict[str, Any] | None = None,
) -> JSONResponse:
    """The problem document in the caller's language. The English texts given here are the
    originals: English readers get them unchanged; for Dutch and French the title comes from
    the status, the detail from `code` and each field error's msg from its code, wherever the
    catalogue has them (an uncatalogued text stays as given rather than being lost)."""
    lang = i18n.negotiate(request.headers.get("accept-language"))
    title = title or HTTPStatus(status).phrase
    if lang != "en":
        title = i18n.text(f"title.{status}", lang) or title
        if code:
            detail = i18n.text(code, lang, ctx) or detail
    body: dict[str, Any] = {
        "type": type_ or _default_type(status),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if errors:
        body["errors"] = [_localised(e, lang) for e in errors]
    for key, value in (extensions or {}).items():
        body.setdefault(key, value)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _localised(error: dict[str, Any], lang: i18n.Language) -> dict[str, Any]:
    out = {"loc": error["loc"], "msg": error["msg"], "code": error.get("code") or "invalid"}
    if error.get("ctx"):
        out["ctx"] = error["ctx"]
    if lang != "en":
        ctx = out.get("ctx") or {}
        # A code with variants (ctx `kind`) may have a text per variant.
        variant = f"{out['code']}.{ctx['kind']}" if "kind" in ctx else None
        out["msg"] = (
            (variant and i18n.text(variant, lang, ctx))
            or i18n.text(out["code"], lang, ctx)
            or out["msg"]
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
        _validation_msg(err),
        str(err.get("type") or "invalid"),
        _plain_ctx(err.get("ctx")),
    )


def validation_problem(
    errors: Sequence[Any], prefix: Sequence[str | int] = ("body",)
) -> ProblemError:
    """A 422 for pydantic's errors of a model validated in code (not by FastAPI), each at
    its place under `prefix`."""
    specs: list[FieldErrorSpec] = []
    for err in errors:
        e = validation_error(dict(err))
        specs.append(((*prefix, *e["loc"]), e["msg"], e["code"], e.get("ctx") or {}))
    return ProblemError(
        422,
        "The request is not valid; see `errors` for each problem.",
        title="Validation failed",
        errors=specs,
        code="detail.validation",
    )


class Answered(Exception):  # noqa: N818 - not an error: an answer found early
    """A dependency found the whole answer before the route's own parameters were parsed (a
    list page the caller holds, or one in the page cache: `api.core.routing.known_page`)."""

    def __init__(self, response: Response) -> None:
        self.response = response


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Answered)
    async def _answered(request: Request, exc: Answered) -> Response:
        return exc.response

    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            request,
            exc.status,
            exc.detail,
            type_=exc.type,
            title=exc.title,
            errors=exc.errors or None,
            headers=exc.headers,
            code=exc.code,
            ctx=exc.ctx,
            extensions=exc.extensions,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [validation_error(e) for e in exc.errors()]
        return problem_response(
            request,
            422,
            "The request is not valid; see `errors` for each problem.",
            title="Validation failed",
            errors=errors,
            code="detail.validation",
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        code = None
        if exc.status_code == 404 and detail == "Not Found":
            detail = "No such resource or route."
            code = "detail.no_route"
        headers = dict(exc.headers) if exc.headers else {}
        if exc.status_code == 400 and detail == BODY_PARSE_ERROR:
            from api.core.middleware import BodyTooLargeError

            if isinstance(exc.__cause__, BodyTooLargeError):
                # A streamed body that grew past the limit: FastAPI caught the middleware's
                # signal while reading the body and would call it unreadable.
                return problem_response(
                    request, 413, "The body is larger than the limit.", title="Payload too large"
                )
            # FastAPI's answer to a body json.loads cannot read (invalid UTF-8, nesting deeper
            # than the parser's recursion limit): a body error like any other invalid JSON.
            return problem_response(
                request,
                422,
                "The body is not valid JSON (UTF-8 text, nested at most a few hundred levels).",
                title="Validation failed",
                errors=[field_error(["body"], "Not valid JSON.", "json_invalid")],
            )
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return problem_response(
            request, exc.status_code, detail, headers=headers or None, code=code
        )

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        rid = getattr(request.state, "request_id", "-")
        log.exception("unhandled error (request id %s)", rid)
        return problem_response(
            request,
            500,
            f"An internal error occurred. Quote request id {rid} when reporting it.",
            code="detail.internal",
            ctx={"request_id": rid},
        )
