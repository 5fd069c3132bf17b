"""Prometheus metrics at `/metrics`: requests by route template, the database pool, what the
domains read from the database at scrape time (the webhook outbox), and the process.

Each process keeps its own figures and serves them itself: run one worker per container (or
per `regie serve`) and let Prometheus scrape every instance. `/metrics` is outside the API and
its OpenAPI document; it answers requests that reach the process directly from loopback, and
anyone else only with `Authorization: Bearer <REGIE_METRICS_TOKEN>`."""

from __future__ import annotations

import hmac
import ipaddress
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.gc_collector import GCCollector
from prometheus_client.metrics_core import Metric
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy import Connection

from api.core.config import Settings
from api.core.errors import problem_response
from api.core.hooks import Hooks

log = logging.getLogger("regie.metrics")

# `*_created` series double the output and no dashboard of ours reads them.
disable_created_metrics()
# A registry of our own: the default one would also carry whatever an imported library
# registers, and tests build several apps in one process.
REGISTRY = CollectorRegistry(auto_describe=True)
ProcessCollector(registry=REGISTRY)
PlatformCollector(registry=REGISTRY)
GCCollector(registry=REGISTRY)

# Requests that matched no route (scanners, SPA paths) share one label, so raw paths never
# become label values.
UNMATCHED = "<unmatched>"

REQUESTS = Counter(
    "regie_http_requests",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "regie_http_request_duration_seconds",
    "Time from the request's arrival to the end of its answer, by route template and status.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)
IN_PROGRESS = Gauge(
    "regie_http_requests_in_progress",
    "HTTP requests being handled right now.",
    registry=REGISTRY,
)


def route_template(scope: dict[str, Any]) -> str:
    """The path template of the route that handled the request (`/api/v1/actors/{record_id}`).

    FastAPI keeps an included router's routes without their prefix (`/actors/{record_id}`) in
    `scope["route"]`, and the full template in the route context it records for telemetry;
    prefer that, and fall back on the route (a test checks the full template is found)."""
    context = (scope.get("fastapi") or {}).get("effective_route_context")
    for candidate in (getattr(context, "starlette_route", None), context, scope.get("route")):
        path = getattr(candidate, "path_format", None)
        if isinstance(path, str) and path:
            return path
    return UNMATCHED


# The series of each (method, route, status), looked up once: `labels()` checks and converts
# its arguments and takes a lock on every call, a cost every request would pay twice. Bounded
# like the series themselves (route templates, not paths).
_SERIES: dict[tuple[str, str, int | str], tuple[Any, Any]] = {}


def observe_request(method: str, route: str, status: int | str, seconds: float) -> None:
    IN_PROGRESS.dec()
    key = (method, route, status)
    series = _SERIES.get(key)
    if series is None:
        labels = (method, route, str(status))
        series = _SERIES[key] = (REQUESTS.labels(*labels), LATENCY.labels(*labels))
    series[0].inc()
    series[1].observe(seconds)


# figures(connection): metric families a domain reads from the database at scrape time (the
# webhooks domain: its outbox backlog); all of them share one connection per scrape.
DatabaseFigures = Callable[[Connection], Iterable[Metric]]
DATABASE_FIGURES: Hooks[DatabaseFigures] = Hooks()


class DatabaseCollector(Collector):
    """Read at scrape time: the connection pool of this process, and the domains' database
    figures (shared by all instances since they are in the database)."""

    def collect(self) -> Iterator[Metric]:
        from api.core.db import get_engine

        engine = get_engine()
        pool: Any = engine.pool
        for name, doc, method in (
            ("regie_db_pool_size", "Connections the pool keeps open.", "size"),
            ("regie_db_pool_checked_out", "Connections in use by requests now.", "checkedout"),
            ("regie_db_pool_checked_in", "Idle connections in the pool.", "checkedin"),
            ("regie_db_pool_overflow", "Connections opened beyond the pool size.", "overflow"),
        ):
            read = getattr(pool, method, None)
            if callable(read):
                # QueuePool counts overflow from -size up; below zero means none.
                yield GaugeMetricFamily(name, doc, value=float(max(0, read())))

        up = GaugeMetricFamily(
            "regie_database_up", "1 when the scrape's database queries succeeded, else 0."
        )
        try:
            with engine.connect() as conn:
                families = [family for figures in DATABASE_FIGURES for family in figures(conn)]
        except Exception as exc:  # a scrape must answer even when the database does not
            log.warning("metrics: database query failed: %s", exc.__class__.__name__)
            up.add_metric([], 0.0)
            yield up
            return
        up.add_metric([], 1.0)
        yield up
        yield from families


REGISTRY.register(DatabaseCollector())


# --- the endpoint --------------------------------------------------------------------------

FORWARDED = (b"x-forwarded-for", b"forwarded", b"x-real-ip")


def _is_loopback(request: Request) -> bool:
    """A direct request from this machine. A request that came through a proxy counts as
    remote even when the proxy sits on loopback, so a proxy that forgets to set the client's
    address does not open the endpoint to the world."""
    if any(name in FORWARDED for name, _ in request.scope.get("headers") or []):
        return False
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def install_metrics(app: FastAPI, settings: Settings) -> None:
    token = settings.metrics_token

    @app.get("/metrics", include_in_schema=False)
    def metrics(request: Request) -> Response:
        if not _is_loopback(request):
            given = request.headers.get("authorization", "")
            if not token:
                return problem_response(request, 403, "metrics_loopback")
            if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
                return problem_response(
                    request,
                    401,
                    "metrics_token",
                    headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
                )
        return Response(
            generate_latest(REGISTRY),
            media_type=CONTENT_TYPE_LATEST,
            headers={"Cache-Control": "no-store"},
        )
