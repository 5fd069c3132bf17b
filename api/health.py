"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from api.core.db import get_engine
from api.migrate import current_and_head, known_revisions

router = APIRouter(tags=["health"])
_LIVE = b'{"status":"ok"}'


class Health(BaseModel):
    status: str
    detail: str | None = None


@router.get(
    "/healthz",
    operation_id="health_live",
    summary="Liveness",
    response_model=Health,
    response_model_exclude_none=True,
)
async def healthz() -> Response:
    """The process is up (no database check)."""
    # Load balancers ask this all the time: the same bytes `Health(status="ok")` serialises
    # to, answered in the event loop (nothing here waits) without a worker thread's hop.
    return Response(_LIVE, media_type="application/json")


@router.get(
    "/readyz",
    operation_id="health_ready",
    summary="Readiness",
    response_model=Health,
    responses={503: {"model": Health, "description": "Not ready"}},
)
def readyz() -> JSONResponse:
    """Ready when the database answers and its schema is at the latest migration."""
    try:
        current, head = current_and_head(get_engine())
    except Exception:
        return JSONResponse(
            {"status": "unavailable", "detail": "database unreachable"}, status_code=503
        )
    if current is not None and current != head and current not in known_revisions():
        # A rolling upgrade migrated ahead of this instance. Migrations are expand/contract
        # (docs/deploy.md): the previous release keeps working on the next one's schema, so its
        # instances stay in the pool while they are replaced.
        return JSONResponse({"status": "ok", "detail": f"schema at {current}, newer than {head}"})
    if current != head:
        return JSONResponse(
            {"status": "unavailable", "detail": f"schema at {current}, expected {head}"},
            status_code=503,
        )
    return JSONResponse({"status": "ok"})
