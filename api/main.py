"""The application: API under /api/v1, Swagger UI and ReDoc, health checks, and the SPA."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from sqlalchemy.exc import DataError, IntegrityError, InternalError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError

from api.core import fastroute, outbox
from api.core.config import Settings, get_settings
from api.core.errors import (
    database_unavailable,
    field_error,
    install_error_handlers,
    problem_response,
    storage_failure,
)
from api.core.fastlist import ListFastPath
from api.core.gate import ConcurrencyGate
from api.core.metrics import install_metrics
from api.core.middleware import RequestContextMiddleware
from api.core.pagecache import PageCache
from api.core.ratelimit import RateLimitMiddleware
from api.docs.ui import install_docs
from api.documents.router import UPLOAD_PATHS
from api.health import router as health_router
from api.mail.worker import start_thread as mail_thread
from api.resources import load_all
from api.routers import api_router
from api.webhooks.worker import start_thread as webhook_thread

log = logging.getLogger("regie")

TAGS = [
    {
        "name": "auth",
        "description": "Tokens for people (password grant, with a refresh token) and systems "
        "(client credentials, from `regie clients create`); `/me` tells who the service "
        "thinks you are. Use **Authorize** above to try every operation with your role.",
    },
    {
        "name": "municipalities",
        "description": "The region's municipalities by NIS code, kept as data with validity "
        "dates (mergers elsewhere give new codes). Public.",
    },
    {
        "name": "actors",
        "description": "Organisations of the social economy and their partners, with what they "
        'offer: the public "who offers what" directory. A ROSE member keeps its own profile.',
    },
    {
        "name": "plan",
        "description": "Pillars and objectives of the action plan 2020–2025 and the Flemish "
        "framework for the local regie role (WSE-LR1…4). Public.",
    },
    {
        "name": "actions",
        "description": "Actions of the plan with status, progress, milestones and links to "
        "W13's multi-year plan. Published actions are public; ROSE members update the actions "
        "their actor leads.",
    },
    {
        "name": "indicators",
        "description": "Action indicators and context indicators of the region, with their "
        "time series of measurements. Public indicators are readable without a token.",
    },
    {
        "name": "meetings",
        "description": "Bodies (ROSE general assembly, Actiegroep, LDE- and AZ-fabriek, "
        "workgroups) and their meetings: agenda, attendance, minutes, decisions; agenda "
        "proposals of ROSE members that W13 accepts, declines or moves; an iCalendar feed per "
        "body, a private calendar address per person (subscribed to without headers) and a "
        "public feed of public events.",
    },
    {
        "name": "documents",
        "description": "Files attached to meetings (agenda documents, presentations, signed "
        "minutes) and to actions (deliverables): PDF, office formats and images up to 20 MB, "
        "their type checked from the content, stored in the database, seen by whoever sees "
        "the meeting or action.",
    },
    {
        "name": "dossiers",
        "description": "Signalisation dossiers the region raises with Flanders, the province, "
        "VDAB or Europe, with their timeline. The evidence is anonymous.",
    },
    {
        "name": "agreements",
        "description": "LDE/DAEB entrustments between municipalities and providers: which "
        "agreements are active in municipality X on date D, as JSON or CSV.",
    },
    {"name": "accounts", "description": "Users and API clients (W13)."},
    {"name": "audit", "description": "The read-only trail of every write: who, when, what (W13)."},
    {
        "name": "sync",
        "description": "For the region's other systems: the change feed, webhooks (Standard "
        "Webhooks signatures) and bulk imports (CSV or JSON, all rows or none).",
    },
    {
        "name": "mail",
        "description": "E-mail: meeting invitations (with an iCalendar part) and their updates, "
        "minutes, the weekly digest; every message's delivery status and one's own mail "
        "preferences.",
    },
    {
        "name": "reports",
        "description": "The annual report of the regie as JSON, HTML, PDF or spreadsheet.",
    },
    {"name": "health", "description": "Liveness and readiness, for load balancers."},
]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    fastroute.install()  # FastAPI's routing without its repeated work per request
    load_all()  # the resource registry and the domains' hooks into core
    app = FastAPI(
        title="Regie sociale economie Zuid-West-Vlaanderen",
        version="1.0.0",
        summary="The action plan 2020–2025 of W13 and ROSE as a JSON API.",
        description=(
            "Actors, the action plan's pillars, objectives and actions, indicators, bodies and "
            "meetings, signalisation dossiers and LDE/DAEB agreements of the regional social "
            "economy of Zuid-West-Vlaanderen. Errors are RFC 9457 problem details."
        ),
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # served offline by api.docs.ui, with their own CSP
        redoc_url=None,
        openapi_tags=TAGS,
        # the webhook delivery and mail workers, when enabled
        lifespan=outbox.lifespan(lambda: webhook_thread(settings), lambda: mail_thread(settings)),
        # Our telemetry is Prometheus (/metrics) and the JSON request log; the service ships
        # no OpenTelemetry SDK, so FastAPI's native telemetry would only ask OpenTelemetry's
        # global providers, on every request, whether one has been configured meanwhile.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    # Each process its own, validated against the database on every hit (api.core.pagecache).
    app.state.page_cache = PageCache(settings.list_cache_mb * 1024 * 1024)
    install_docs(app)
    install_error_handlers(app)
    _install_database_errors(app)
    app.include_router(health_router)
    install_metrics(app, settings)  # /metrics: outside /api/v1 and the OpenAPI document
    app.include_router(api_router, prefix="/api/v1")
    # The plain reads of a list, answered before FastAPI routes them (api.core.fastlist); the
    # innermost middleware, so every other one sees them as it sees any request.
    app.add_middleware(ListFastPath, prefix="/api/v1")
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "If-Match",
                "If-None-Match",
                "Idempotency-Key",
                "X-Request-ID",
                "Accept-Language",
            ],
            expose_headers=["ETag", "Link", "Location", "X-Request-ID", "Retry-After"],
            max_age=600,
        )
    # Logins queue before they take a thread and a database connection (see api.core.gate).
    app.add_middleware(ConcurrencyGate, path="/api/v1/auth/token", limit=4)
    app.add_middleware(RateLimitMiddleware)  # counts in the database; 429 with Retry-After
    app.add_middleware(
        RequestContextMiddleware, max_body=settings.max_body_bytes, streamed=UPLOAD_PATHS
    )
    _mount_spa(app, settings.spa_dir)
    return app


def _install_database_errors(app: FastAPI) -> None:
    @app.exception_handler(OperationalError)
    @app.exception_handler(PoolTimeout)
    async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.error("database unavailable: %s", exc.__class__.__name__)
        return database_unavailable(request, exc)

    @app.exception_handler(InternalError)
    async def _internal_db(request: Request, exc: Exception) -> JSONResponse:
        # PostgreSQL in read-only mode (a standby, or set read-only) refuses writes this way.
        if storage_failure(exc) == "read-only":
            log.error("database read-only: %s", exc.__class__.__name__)
            return database_unavailable(request, exc)
        raise exc

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: Exception) -> JSONResponse:
        # A value the schemas let through but the column cannot hold: the client's to fix.
        log.warning("database refused a value: %s", exc.__class__.__name__)
        return problem_response(
            request,
            422,
            "unstorable.detail",
            title="Validation failed",
            errors=[field_error(["body"], "unstorable")],
        )

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: Exception) -> JSONResponse:
        return problem_response(request, 412, "stale_record")

    @app.exception_handler(IntegrityError)
    async def _conflict(request: Request, exc: Exception) -> JSONResponse:
        return problem_response(request, 409, "conflict")


def _mount_spa(app: FastAPI, spa_dir: Path) -> None:
    """Serve the built SPA for GET requests no route answers; other misses stay 404 problems.

    Done as the 404 handler rather than a catch-all route, so a known path with the wrong
    method still answers 405."""
    root = spa_dir.resolve()

    async def not_found(request: Request, exc: Exception) -> Response:
        path = request.url.path
        if request.method in ("GET", "HEAD") and not path.startswith(("/api/", "/docs", "/redoc")):
            candidate = (root / path.lstrip("/")).resolve()
            if candidate.is_file() and root in candidate.parents:
                immutable = "/assets/" in path
                cache = "public, max-age=31536000, immutable" if immutable else "no-cache"
                return FileResponse(candidate, headers={"Cache-Control": cache})
            index = root / "index.html"
            if index.is_file():
                return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return problem_response(request, 404, "detail.no_route")

    app.add_exception_handler(404, not_found)


app = create_app()
