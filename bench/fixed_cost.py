# ruff: noqa: S603  (a benchmark driver: runs itself in child processes)
"""The share of each feature of the request path in a request's CPU time (bench/NOTES.md,
"The fixed cost of a request").

Each variant turns one feature off and drives the app in-process, over plain ASGI, as
`bench.profile_request` does (thread pool included, the JSON log configured as `regie serve`
configures it and written to /dev/null), in a process of its own: the difference to the full
app is what that feature costs a request. The rounds alternate the variants so that a change
in the machine's load spreads over all of them.

    python -m bench.fixed_cost --db postgresql+psycopg://... [--tree DIR] [--email W13]
        [--path /healthz] [--path /api/v1/no-such-route] [-n 3000] [--rounds 3]

A path with `no-such` is expected to answer 404: under /api/v1 with a token it is the fixed
cost of an API request without a route's own work (every route tried, the rate limiter reads
the token, the problem answer).

Features (what "off" means):
  log               no JSON request line (the access logger disabled)
  metrics           no Prometheus counter, histogram and in-progress gauge
  security_headers  no security headers added to the answer
  request_context   no RequestContextMiddleware at all: request id, security headers, body
                    limit, log line and metrics together
  rate_limit        no RateLimitMiddleware (for a GET with a token: reading the token)
  gate              no ConcurrencyGate (the login queue)
  routing_memo      FastAPI's routing without api.core.fastroute (when the tree has it)
  otel              FastAPI's native OpenTelemetry check on every request (turned *on*)
With `--server`, uvicorn's part instead, outside the app: `/healthz` under wrk (as `make
bench` drives it), CPU time of the server process from /proc, as `regie serve` runs it and
without one of
  head_bound        plain httptools instead of api.core.httpserver.BoundedHeadProtocol
  proxy_headers     no ProxyHeadersMiddleware (the trusted proxies' X-Forwarded-For)
(needs a database URL only to start; wrk on PATH)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
FEATURES = [
    "log",
    "metrics",
    "security_headers",
    "request_context",
    "rate_limit",
    "gate",
    "routing_memo",
    "otel",
]


def _patch_before_import(off: str) -> None:
    if off == "routing_memo":
        try:
            from api.core import fastroute
        except ImportError:
            return
        fastroute.install = lambda: None  # type: ignore[assignment]


def _patch_app(app: Any, off: str) -> None:
    import logging

    from api.core import metrics, middleware

    if off == "log":
        logging.getLogger("regie.access").disabled = True
    elif off == "metrics":

        class _Idle:
            def inc(self) -> None: ...

            def dec(self) -> None: ...

        metrics.IN_PROGRESS = _Idle()  # type: ignore[assignment]
        metrics.observe_request = lambda *_: None  # type: ignore[assignment]
    elif off == "security_headers":
        middleware.SECURITY_HEADERS.clear()
    elif off in ("request_context", "rate_limit", "gate"):
        from api.core.gate import ConcurrencyGate
        from api.core.ratelimit import RateLimitMiddleware

        cls = {
            "request_context": middleware.RequestContextMiddleware,
            "rate_limit": RateLimitMiddleware,
            "gate": ConcurrencyGate,
        }[off]
        app.user_middleware = [m for m in app.user_middleware if m.cls is not cls]
        app.middleware_stack = None
    elif off == "otel":
        config = getattr(app, "_telemetry", None)
        if isinstance(config, dict):
            config.update(tracing=True, metrics=True, logs=True)


def child(args: argparse.Namespace) -> None:
    """One variant: the CPU time a request of each path costs, as JSON on stdout."""
    from bench.profile_request import _call, _env, _token

    _env(args.db)
    _patch_before_import(args.off)
    from api.core.config import get_settings
    from api.core.logging import configure_logging

    configure_logging(get_settings())
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - where the JSON lines go, for good
    from api.main import create_app

    app = create_app()
    _patch_app(app, args.off)
    token = _token(args.email) if args.email else ""

    async def run() -> dict[str, float]:
        out = {}
        for path in args.path:
            auth = token if path.startswith("/api/") else ""
            status, _ = await _call(app, path, auth)
            if status != (404 if "no-such" in path else 200):
                raise SystemExit(f"{path}: {status}")
            for _ in range(args.warmup):
                await _call(app, path, auth)
            cpu = time.process_time()
            for _ in range(args.n):
                await _call(app, path, auth)
            out[path] = 1000 * (time.process_time() - cpu) / args.n
        return out

    print(json.dumps(asyncio.run(run())))


SERVE = """
import sys, uvicorn
from api.core.config import get_settings
from api.core.httpserver import BoundedHeadProtocol
from api.core.logging import configure_logging, log_config
settings = get_settings()
configure_logging(settings)
off = sys.argv[2]
uvicorn.run(
    "api.main:app", host="127.0.0.1", port=int(sys.argv[1]), workers=1,
    http="httptools" if off == "head_bound" else BoundedHeadProtocol,
    proxy_headers=off != "proxy_headers",
    forwarded_allow_ips=settings.forwarded_allow_ips, log_config=log_config(settings),
    access_log=False,
)
"""
SERVER_FEATURES = ["head_bound", "proxy_headers"]


def server_variant(args: argparse.Namespace, tree: Path, off: str) -> float:
    """CPU ms a `/healthz` costs the server process under wrk, with `off` turned off."""
    from bench import run

    port = run.free_port()
    env = {**run.base_env(args.db), "PYTHONPATH": str(tree)}
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen([PY, "-c", SERVE, str(port), off], cwd=tree, env=env, stderr=sink)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(200):
                try:
                    run.http(base, "/healthz")
                    break
                except OSError:
                    time.sleep(0.3)
            health = run.Endpoint("healthz", "healthz", "/healthz")
            run.wrk(base, health, "", 1, 32, 2)
            cpu = run._cpu([proc.pid])
            data = run.wrk(base, health, "", args.seconds, 32, 2)
            return 1000 * (run._cpu([proc.pid]) - cpu) / data["requests"]
        finally:
            proc.terminate()
            proc.wait()


def servers(args: argparse.Namespace, tree: Path) -> None:
    variants = ["", *SERVER_FEATURES]
    runs: dict[str, list[float]] = {v: [] for v in variants}
    for r in range(args.rounds):
        for v in variants:
            runs[v].append(server_variant(args, tree, v))
            print(
                f"round {r + 1}/{args.rounds}: {v or 'as regie serve'} {runs[v][-1]:.3f}",
                file=sys.stderr,
            )
    full = min(runs[""])
    print("| server feature off | /healthz under wrk, server CPU a request |")
    print("| --- | ---: |")
    print(f"| none (as `regie serve`) | {full:.3f} ms |")
    for v in SERVER_FEATURES:
        best = min(runs[v])
        print(f"| {v} | {best:.3f} ms ({1000 * (full - best):+.0f} µs) |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="database URL (migrated and seeded)")
    parser.add_argument("--tree", default=str(ROOT), help="the code to measure")
    parser.add_argument("--email", default="", help="user to mint a token for (API paths)")
    parser.add_argument("--path", action="append", default=[])
    parser.add_argument("-n", type=int, default=3000)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--server", action="store_true", help="uvicorn's part, under wrk")
    parser.add_argument("--seconds", type=float, default=5.0, help="wrk seconds (--server)")
    parser.add_argument("--off", default="", help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.path = args.path or ["/healthz"]
    if args.child:
        child(args)
        return 0
    tree = Path(args.tree).resolve()
    if args.server:
        servers(args, tree)
        return 0
    variants = ["", *FEATURES]
    runs: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
    for r in range(args.rounds):
        for v in variants:
            # Run as a script, so that `api` and `bench` come from the tree under test.
            cmd = [PY, str(Path(__file__).resolve()), "--child", "--db", args.db, "--off", v]
            cmd += ["-n", str(args.n), "--warmup", str(args.warmup)]
            cmd += ["--email", args.email] if args.email else []
            for path in args.path:
                cmd += ["--path", path]
            env = {**os.environ, "PYTHONPATH": str(tree)}
            out = subprocess.run(
                cmd, cwd=tree, env=env, capture_output=True, text=True, check=False
            )
            if out.returncode:
                raise SystemExit(f"variant {v or 'full'}: {out.stderr[-2000:]}")
            runs[v].append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"round {r + 1}/{args.rounds}: {v or 'full app'} {runs[v][-1]}", file=sys.stderr)
    # The lowest of the rounds: the one least disturbed by other work on the machine.
    best = {v: {p: min(x[p] for x in runs[v]) for p in args.path} for v in variants}
    full = best[""]
    print(f"| feature off | {' | '.join(args.path)} |")
    print(f"| --- | {' | '.join('---:' for _ in args.path)} |")
    print(f"| none (the full app) | {' | '.join(f'{full[p]:.3f} ms' for p in args.path)} |")
    for v in FEATURES:
        cells = [
            f"{best[v][p]:.3f} ms ({1000 * (full[p] - best[v][p]):+.0f} µs)" for p in args.path
        ]
        print(f"| {v} | {' | '.join(cells)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
