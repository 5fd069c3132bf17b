"""The production app, plus the benchmark's baseline route when REGIE_BENCH_BASELINE=1.

The baseline answers `GET /bench/baseline` with the bytes of a real page of 50 actions (read
once from REGIE_BENCH_BASELINE_FILE): the same bytes through the same middleware and server,
with no database and no authentication. The benchmark reports every endpoint as a fraction
of it. Without the setting this module is `api.main:app` itself; the route never appears in
the OpenAPI document either way."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import Response

from api.main import app

if os.environ.get("REGIE_BENCH_INLINE") == "1":
    # Experiment: every sync dependency and route runs in the event loop's own thread.
    import anyio.to_thread

    async def _inline(func, *args, **_):  # type: ignore[no-untyped-def]
        return func(*args)

    anyio.to_thread.run_sync = _inline  # type: ignore[assignment]

if os.environ.get("REGIE_BENCH_BASELINE") == "1":
    _body: list[bytes] = []

    @app.get("/bench/baseline", include_in_schema=False)
    async def bench_baseline() -> Response:
        if not _body:
            _body.append(Path(os.environ["REGIE_BENCH_BASELINE_FILE"]).read_bytes())
        return Response(_body[0], media_type="application/json", headers={"Vary": "Authorization"})


__all__ = ["app"]
