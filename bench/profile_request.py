"""Where one request's time goes: drive the production app in-process, over plain ASGI.

    python -m bench.profile_request --db sqlite:///bench/out/medium.db \\
        --path '/api/v1/actions?limit=50' --email bench-w13@example.org [--profile] [-n 500]

Requests are sent one at a time straight to the ASGI app (no server, no sockets), so the CPU
time per request is the app's own: middleware, dependencies, the route, the database driver.
With `--profile` the thread pool is bypassed (every sync function runs inline in the event
loop thread) so that cProfile sees all of it; without it, requests take the real path through
the thread pool and the figure includes the cost of those hops."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import secrets
import sys
import time
import uuid
from datetime import timedelta
from typing import Any


def _env(url: str) -> None:
    for k in [k for k in os.environ if k.startswith("REGIE_")]:
        del os.environ[k]
    os.environ.update(
        REGIE_DATABASE_URL=url,
        REGIE_ENV="production",
        REGIE_SECRET_KEY=os.environ.get("BENCH_SECRET", secrets.token_urlsafe(48)),
        REGIE_RATE_LIMIT_WRITES="100000000",
        REGIE_RATE_LIMIT_ANONYMOUS_READS="100000000",
    )


def _token(email: str) -> str:
    import sqlalchemy as sa

    from api.core.config import get_settings
    from api.core.db import get_engine
    from api.core.security import encode_token

    with get_engine().connect() as conn:
        user_id = conn.execute(
            sa.text("SELECT id FROM users WHERE email = :e"), {"e": email}
        ).scalar()
    if user_id is None:
        raise SystemExit(f"no user {email}")
    token, _ = encode_token(
        get_settings(),
        subject=f"user:{uuid.UUID(str(user_id))}",
        token_type="access",
        lifetime=timedelta(hours=2),
    )
    return token


async def _call(app: Any, path: str, token: str, etag: str = "") -> tuple[int, bytes, str]:
    raw_path, _, query = path.partition("?")
    headers = [(b"host", b"127.0.0.1:8000"), (b"accept", b"*/*")]
    if token:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    if etag:
        headers.append((b"if-none-match", etag.encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": raw_path,
        "raw_path": raw_path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    status = 0
    body = bytearray()
    tag = ""

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status, tag
        if message["type"] == "http.response.start":
            status = message["status"]
            tag = dict(message.get("headers", [])).get(b"etag", b"").decode()
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    await app(scope, receive, send)
    return status, bytes(body), tag


def _inline_threadpool() -> None:
    """Run every `to_thread.run_sync` inline, so cProfile (one thread) sees the sync code."""
    import anyio.to_thread

    async def run_sync(func: Any, *args: Any, **_: Any) -> Any:
        return func(*args)

    anyio.to_thread.run_sync = run_sync  # type: ignore[assignment]


async def _main(args: argparse.Namespace) -> None:
    from api.main import create_app

    app = create_app()
    token = _token(args.email) if args.email else ""
    status, body, tag = await _call(app, args.path, token)
    print(f"status {status}, {len(body)} bytes", file=sys.stderr)
    if status != 200:
        print(body[:500].decode(errors="replace"), file=sys.stderr)
    # With --if-none-match every request sends the first answer's ETag (a 304 while the data
    # stays put); otherwise a list's repeated read is a page-cache hit unless --first-read.
    etag = tag if args.if_none_match else ""
    for _ in range(args.warmup):
        await _call(app, args.path, token, etag)
    # CPU time, not wall clock: waits on the database (and on a busy machine) are not costs.
    prof = cProfile.Profile(time.process_time) if args.profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if prof:
        prof.enable()
    for _ in range(args.n):
        await _call(app, args.path, token, etag)
    if prof:
        prof.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{args.n} requests: {1000 * wall / args.n:.2f} ms wall, "
        f"{1000 * cpu / args.n:.2f} ms CPU a request"
    )
    if prof:
        stats = pstats.Stats(prof).strip_dirs()
        stats.sort_stats(args.sort).print_stats(args.lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="database URL")
    parser.add_argument("--path", required=True)
    parser.add_argument("--email", default="", help="user to mint an access token for")
    parser.add_argument("-n", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--inline", action="store_true", help="bypass the thread pool")
    parser.add_argument(
        "--first-read",
        action="store_true",
        help="no page cache (REGIE_LIST_CACHE_MB=0): every list read is a first read",
    )
    parser.add_argument(
        "--if-none-match", action="store_true", help="send the first answer's ETag (304s)"
    )
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--lines", type=int, default=45)
    args = parser.parse_args(argv)
    _env(args.db)
    if args.first_read:
        os.environ["REGIE_LIST_CACHE_MB"] = "0"
    if args.profile or args.inline:
        _inline_threadpool()
    asyncio.run(_main(args))


if __name__ == "__main__":
    main()
