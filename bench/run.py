# ruff: noqa: S310, S603, S607  (a benchmark driver: runs wrk and the server on loopback)
"""`make bench`: what a request costs, before and after, and whether it grows with the data.

For each database (PostgreSQL by default; SQLite on request) and dataset size (the seed and
20,000 actions by default; medium and large on request) it builds the dataset (`bench.gen`),
serves the code of two commits side by side on it, each as `regie serve` runs it (one uvicorn
worker, JSON request log, REGIE_ENV=production) on 127.0.0.1: `before` (main when issue 17
started, `--before`) and `after` (this tree). It drives every endpoint with wrk at a fixed
concurrency after a warm-up, on one tree and then the other, and reads the CPU time each
request cost from /proc (the server process and the PostgreSQL cluster apart). In the same
run it drives a baseline: a route with no database and no authentication that answers the
bytes of the page of 50 actions. Then the peak RSS of a worker on the medium dataset with the
list page cache on. It prints progress as it goes and writes the tables, with issue 17's
targets, to bench/RESULTS.md.

    python -m bench.run --reuse               # `make bench`: pg; seed and 20k; RSS on medium
    python -m bench.run --quick               # the seed only, short runs, no RSS pass
    python -m bench.run --set full --sizes small,medium   # the wider set of endpoints
    python -m bench.run --before none --db sqlite         # this tree only, on SQLite
    BENCH_INLINE=1 python -m bench.run ...    # sync routes inline in the event loop (experiment)

Rows of the list page cache (issue 17): a `first read` row runs on a server started with
`CACHE_OFF`; the `read again` and `If-None-Match` rows on a server with the defaults; a code
whose lists send no ETag leaves the conditional row empty.

The reading of the figures (targets, where the time goes, the fixed cost of a request) is
bench/NOTES.md, appended to every RESULTS.md written; `python -m bench.profile_request`
profiles one request in-process and `python -m bench.fixed_cost` measures the share of each
feature of the request path."""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PY = str(ROOT / ".venv" / "bin" / "python")
REGIE = str(ROOT / ".venv" / "bin" / "regie")
PASSWORD = "benchmark-wachtwoord-0123456789"
# The benchmark's own PostgreSQL cluster (its CPU is read as the database's share, so nothing
# else may use it): next to the Makefile's PG_DIR when given, else under bench/out.
PG_DIR = (
    Path(os.environ["REGIE_PG_DIR"] + "-bench") if os.environ.get("REGIE_PG_DIR") else OUT / "pg"
)
PG_PORT = "54339"
# The commit the figures of issue 17 are compared with: main when the work on it started.
BEFORE_REF = "607e1bc"
# Hook for the page cache of lists (issue 17): a server started with these settings keeps no
# pages, so the rows of first reads measure a page built anew; the cached rows are measured
# on a server with the tree's default settings. A tree without the setting ignores it.
CACHE_OFF = {"REGIE_LIST_CACHE_MB": "0"}
W13_EMAIL = "bench-w13@example.org"
ROSE_EMAIL = "bench-rose@example.org"
MUNI_EMAIL = "bench-kortrijk@example.org"
MUNICIPALITY = "34022"  # Kortrijk


@dataclass
class Endpoint:
    key: str
    label: str
    path: str
    token: str = ""  # w13 | rose | muni | "" (anonymous)
    method: str = "GET"
    body: str | None = None
    ctype: str = "application/json"
    paged: bool = False  # a paged read: its growth small → medium counts against the target
    expect: int = 200
    # "off": measured on a server that keeps no list pages (CACHE_OFF), a first read every
    # time; "on": on a server with the tree's defaults (a repeated read may come from its cache)
    cache: str = "on"
    conditional: bool = False  # sent with If-None-Match: the ETag of a first answer (304)


@dataclass
class Result:
    endpoint: Endpoint
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    items: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def sh(cmd: list[str], env: dict[str, str], quiet: bool = False) -> str:
    proc = subprocess.run(
        cmd,
        env=env,
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if quiet else None,
        check=False,
    )
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {shlex.join(cmd)}\n{proc.stdout}")
    return proc.stdout


# --- datasets ----------------------------------------------------------------------------


def pg_server() -> str:
    env = {**os.environ, "REGIE_PG_PORT": PG_PORT}
    return sh(["scripts/pg.sh", "start", str(PG_DIR)], env).strip()


def pg_has(name: str) -> bool:
    admin = sa.create_engine(pg_server())
    with admin.connect() as conn:
        found = conn.execute(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        ).scalar()
    admin.dispose()
    return bool(found)


def database_url(db: str, size: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{OUT / f'{size}.db'}"
    return str(
        sa.make_url(pg_server())
        .set(database=f"regie_bench_{size}")
        .render_as_string(hide_password=False)
    )


def marker(db: str, size: str) -> Path:
    return OUT / f"dataset-{db}-{size}.json"


def base_env(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGIE_")}
    env.update(
        REGIE_DATABASE_URL=url,
        REGIE_ENV="production",
        REGIE_SECRET_KEY=SECRET,
        PYTHONPATH=str(ROOT),
        # One address sends the whole load: limits far above it keep the limiter's own cost
        # (a counter upsert per request) in the figures without refusing the load.
        REGIE_RATE_LIMIT_WRITES="100000000",
        REGIE_RATE_LIMIT_ANONYMOUS_READS="100000000",
        # The delivery thread polls the outbox on its own clock: its queries would count in
        # the database's CPU of whatever request is being measured.
        REGIE_WEBHOOK_WORKER="false",
    )
    return env


SECRET = secrets.token_urlsafe(48)
NICE = [0]


def build_dataset(db: str, size: str, reuse: bool) -> str:
    url = database_url(db, size)
    mark = marker(db, size)
    # The small dataset is rebuilt every time (seconds): creates of earlier runs would
    # otherwise fill its lists and make it a poor reference for the growth ratios.
    if (
        reuse
        and size != "small"
        and mark.exists()
        and (db == "sqlite" or pg_has(f"regie_bench_{size}"))
    ):
        log(f"[{db}/{size}] reusing the dataset of {mark.name}")
        return url
    log(f"[{db}/{size}] building the dataset")
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{OUT / f'{size}.db'}{suffix}").unlink(missing_ok=True)
    else:
        admin = sa.create_engine(pg_server(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            name = f"regie_bench_{size}"
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    # Bulk loading a million rows takes longer than the service's statement timeout.
    env = {**base_env(url), "REGIE_DB_STATEMENT_TIMEOUT_MS": "0"}
    started = time.monotonic()
    sh([REGIE, "db", "upgrade"], env)
    sh([REGIE, "seed"], env, quiet=False)
    counts = json.loads(sh([PY, "-m", "bench.gen", size], env).strip().splitlines()[-1])
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        actor = conn.execute(
            sa.text(
                "SELECT lead_actor_id FROM actions WHERE lead_actor_id IS NOT NULL "
                "GROUP BY lead_actor_id ORDER BY count(*) DESC LIMIT 1"
            )
        ).scalar()
    engine.dispose()
    actor_id = str(uuid.UUID(str(actor)))
    users = [
        (W13_EMAIL, ["--role", "w13"]),
        (ROSE_EMAIL, ["--role", "rose_member", "--actor", actor_id]),
        (MUNI_EMAIL, ["--role", "municipality", "--municipality", MUNICIPALITY]),
    ]
    for email, args in users:
        sh(
            [REGIE, "users", "create", "--email", email, "--name", email.split("@")[0], *args],
            {**env, "REGIE_PASSWORD": PASSWORD},
        )
    counts["build_seconds"] = round(time.monotonic() - started, 1)
    mark.write_text(json.dumps(counts))
    return url


def pg_pids() -> list[int]:
    """The postmaster of the benchmark's PostgreSQL server and its children (backends)."""
    try:
        head = int((PG_DIR / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return []
    pids = [head]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == head:
                pids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return pids


# --- the server --------------------------------------------------------------------------


def _cpu(pids: list[int], reaped: bool = False) -> float:
    """utime + stime of the processes; with `reaped`, also what the first one's children that
    have exited used (PostgreSQL's parallel workers and ended backends: their CPU would
    otherwise drop out of the sum between two readings)."""
    total = 0
    for i, pid in enumerate(pids):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
        if reaped and i == 0:
            total += int(fields[13]) + int(fields[14])  # cutime + cstime
    return total / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# As `regie serve` runs the app (api/cli.py): httptools with the bound on the request head,
# proxy headers from the trusted addresses, the JSON log configuration with its one line per
# request (to a file here); plus the benchmark's baseline route (bench/app.py).
SERVE = """
import sys, uvicorn
from api.core.config import get_settings
from api.core.httpserver import BoundedHeadProtocol
from api.core.logging import configure_logging, log_config
settings = get_settings()
configure_logging(settings)
uvicorn.run(
    "bench.app:app", host="127.0.0.1", port=int(sys.argv[1]), workers=1,
    http=BoundedHeadProtocol, proxy_headers=True,
    forwarded_allow_ips=settings.forwarded_allow_ips, log_config=log_config(settings),
    access_log=False,
)
"""


class Server:
    def __init__(
        self,
        url: str,
        baseline: Path,
        nice: int = 0,
        tree: Path = ROOT,
        extra_env: dict[str, str] | None = None,
        name: str = "server",
    ) -> None:
        self.pg = url.startswith("postgresql")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.name = name
        env = base_env(url)
        env["PYTHONPATH"] = str(tree)
        env.update(extra_env or {})
        # The indexes of the code under test, on the rows already there.
        sh([PY, str(ROOT / "bench" / "indexes.py")], env)
        env.update(REGIE_BENCH_BASELINE="1", REGIE_BENCH_BASELINE_FILE=str(baseline))
        if os.environ.get("BENCH_INLINE") == "1":  # the sync-or-async experiment, bench/app.py
            env["REGIE_BENCH_INLINE"] = "1"
        self.log_path = OUT / f"server-{name}.log"
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [*(["nice", "-n", str(nice)] if nice else []), PY, "-c", SERVE, str(self.port)],
            cwd=tree,
            env=env,
            stderr=self._log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"the server did not start: see {self.log_path}")

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def cpu_seconds(self) -> float:
        """CPU time of the server process and, on PostgreSQL, of the whole database cluster:
        unlike wall-clock figures it barely moves when other work shares the machine."""
        return sum(self.cpu_split())

    def cpu_split(self) -> tuple[float, float]:
        """CPU seconds of the server process, and of the PostgreSQL cluster (0 on SQLite)."""
        return _cpu([self.proc.pid]), _cpu(pg_pids(), reaped=True) if self.pg else 0.0

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


def fetch(
    base: str,
    path: str,
    token: str = "",
    method: str = "GET",
    body: str | None = None,
    ctype: str = "application/json",
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes, dict[str, str]]:
    """Status, body and (lower-cased) headers of one request."""
    req = urllib.request.Request(
        base + path, method=method, data=body.encode() if body is not None else None
    )
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        req.add_header("Content-Type", ctype)
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read(), {k.lower(): v for k, v in resp.headers.items()}
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), {k.lower(): v for k, v in exc.headers.items()}


def http(
    base: str,
    path: str,
    token: str = "",
    method: str = "GET",
    body: str | None = None,
    ctype: str = "application/json",
) -> tuple[int, bytes]:
    status, data, _ = fetch(base, path, token, method, body, ctype)
    return status, data


def mint(url: str, email: str) -> str:
    """An access token signed with the server's secret, as the token endpoint would issue."""
    from datetime import timedelta

    from api.core.config import Settings
    from api.core.security import encode_token

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        user_id = conn.execute(
            sa.text("SELECT id FROM users WHERE email = :e"), {"e": email}
        ).scalar()
    engine.dispose()
    settings = Settings(env="production", secret_key=SECRET, database_url=url)
    token, _ = encode_token(
        settings,
        subject=f"user:{uuid.UUID(str(user_id))}",
        token_type="access",
        lifetime=timedelta(hours=2),
        claims={},
    )
    return token


# --- wrk ---------------------------------------------------------------------------------


def wrk(
    base: str,
    ep: Endpoint,
    token: str,
    seconds: float,
    connections: int,
    threads: int,
    etag: str = "",
) -> dict[str, Any]:
    env = {**os.environ, "BENCH_TOKEN": token, "BENCH_METHOD": ep.method, "BENCH_CTYPE": ep.ctype}
    env["BENCH_IF_NONE_MATCH"] = etag
    if ep.body is not None:
        env["BENCH_BODY"] = ep.body
    cmd = [
        *(["nice", "-n", str(NICE[0])] if NICE[0] else []),
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "30s",
        "-s",
        str(ROOT / "bench" / "wrk.lua"),
        base + ep.path,
    ]
    out = subprocess.run(cmd, env=env, text=True, capture_output=True, check=False).stdout
    for line in out.splitlines():
        if line.startswith("BENCH_JSON "):
            data: dict[str, Any] = json.loads(line.removeprefix("BENCH_JSON "))
            return data
    raise SystemExit(f"wrk gave no summary for {ep.key}:\n{out}")


def measure(
    server: Server, ep: Endpoint, tokens: dict[str, str], args: argparse.Namespace
) -> Result | None:
    """wrk on one endpoint of one server; None when the server's code has no answer of the
    kind the row is about (a conditional read where the list has no ETag or no 304 yet)."""
    base = server.base
    token = tokens.get(ep.token, "")
    etag = ""
    if ep.conditional:
        status, body, headers = fetch(base, ep.path, token)
        etag = headers.get("etag", "")
        if status != 200 or not etag:
            log(f"    {ep.label:<46} [{server.name}] no ETag on this code: row left empty")
            return None
        status, body, _ = fetch(base, ep.path, token, headers={"If-None-Match": etag})
        if status != 304:
            log(f"    {ep.label:<46} [{server.name}] If-None-Match answered {status}: row empty")
            return None
    else:
        status, body = http(
            base,
            ep.path,
            token,
            ep.method,
            ep.body.replace("%CODE%", f"PROBE-{uuid.uuid4().hex[:8]}") if ep.body else None,
            ep.ctype,
        )
    if status != ep.expect:
        raise SystemExit(f"{ep.key}: expected {ep.expect}, got {status}: {body[:400]!r}")
    items = None
    try:
        doc = json.loads(body) if body else None
        if isinstance(doc, dict) and isinstance(doc.get("items"), list):
            items = len(doc["items"])
    except ValueError:
        pass
    if args.warmup > 0:
        wrk(base, ep, token, args.warmup, args.connections, args.threads, etag)
    # Logins cost Argon2 each: give them time to complete more than a handful.
    duration = max(args.duration, 10.0) if ep.key == "token" else args.duration
    app0, db0 = server.cpu_split()
    data = wrk(base, ep, token, duration, args.connections, args.threads, etag)
    app1, db1 = server.cpu_split()
    seconds = data["duration_us"] / 1e6
    errors = sum(v for k, v in data.items() if k.startswith("errors_"))
    per = 1000 / data["requests"] if data["requests"] else 0.0
    res = Result(
        ep,
        data["requests"] / seconds,
        data["p50_us"] / 1000,
        data["p99_us"] / 1000,
        data["requests"],
        errors,
        items,
        {"cpu_ms": (app1 - app0 + db1 - db0) * per, "db_cpu_ms": (db1 - db0) * per},
    )
    log(
        f"    {ep.label:<46} [{server.name}] {res.rps:>8.1f} req/s  p50 {res.p50_ms:>7.1f} ms  "
        f"p99 {res.p99_ms:>7.1f} ms  cpu {res.extra['cpu_ms']:>6.2f} ms/req"
        f" (db {res.extra['db_cpu_ms']:.2f})"
        + (f"  ERRORS {errors}" if errors else "")
        + (f"  ({items} items)" if items is not None else "")
    )
    return res


def login_burst(
    base: str, tokens: dict[str, str], args: argparse.Namespace, token_ep: Endpoint
) -> dict[str, float]:
    """/healthz latency alone, then while 32 connections ask for tokens (Argon2 verifies)."""
    health = Endpoint("healthz", "healthz", "/healthz")
    alone = wrk(base, health, "", args.duration, 1, 1)
    env = {
        **os.environ,
        "BENCH_METHOD": "POST",
        "BENCH_BODY": token_ep.body or "",
        "BENCH_CTYPE": token_ep.ctype,
    }
    burst = subprocess.Popen(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{max(1, round(args.duration)) + 2}s",
            "--timeout",
            "30s",
            "-s",
            str(ROOT / "bench" / "wrk.lua"),
            base + token_ep.path,
        ],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    during = wrk(base, health, "", args.duration, 1, 1)
    out = burst.communicate()[0]
    logins = next(
        json.loads(x.removeprefix("BENCH_JSON "))
        for x in out.splitlines()
        if x.startswith("BENCH_JSON ")
    )
    res = {
        "healthz_alone_p50_ms": alone["p50_us"] / 1000,
        "healthz_alone_p99_ms": alone["p99_us"] / 1000,
        "healthz_burst_p50_ms": during["p50_us"] / 1000,
        "healthz_burst_p99_ms": during["p99_us"] / 1000,
        "logins_per_s": logins["requests"] / (logins["duration_us"] / 1e6),
        "login_p50_ms": logins["p50_us"] / 1000,
    }
    log(
        f"    healthz alone p50 {res['healthz_alone_p50_ms']:.1f} / p99 "
        f"{res['healthz_alone_p99_ms']:.1f} ms; during a login burst "
        f"({res['logins_per_s']:.1f} logins/s) p50 {res['healthz_burst_p50_ms']:.1f} / p99 "
        f"{res['healthz_burst_p99_ms']:.1f} ms"
    )
    return res


# --- one database and size ---------------------------------------------------------------


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps([str(v) for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def probes(url: str) -> dict[str, Any]:
    """Ids and cursors the endpoints need, read straight from the database."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        q = conn.execute
        pillar = q(
            sa.text(
                "SELECT id FROM pillars WHERE framework = 'actieplan' "
                "ORDER BY sort_order, code LIMIT 1"
            )
        ).scalar()
        n_actions = q(sa.text("SELECT count(*) FROM actions")).scalar() or 0
        action = q(
            sa.text("SELECT id FROM actions ORDER BY code LIMIT 1 OFFSET :o"), {"o": n_actions // 2}
        ).scalar()
        last = q(
            sa.text("SELECT code, id FROM actions ORDER BY code, id LIMIT 1 OFFSET :o"),
            {"o": max(n_actions - 51, 0)},
        ).one()
        indicator = q(
            sa.text(
                "SELECT indicator_id FROM measurements GROUP BY indicator_id "
                "ORDER BY count(*) DESC LIMIT 1"
            )
        ).scalar()
        first_seq = q(sa.text("SELECT min(seq) FROM changes")).scalar() or 0
        last_seq = q(sa.text("SELECT max(seq) FROM changes")).scalar() or 0
        pillar_id = q(
            sa.text(
                "SELECT id FROM pillars WHERE framework = 'actieplan' ORDER BY sort_order LIMIT 1"
            )
        ).scalar()
        objective = q(
            sa.text("SELECT id FROM objectives WHERE pillar_id = :p LIMIT 1"), {"p": pillar_id}
        ).scalar()
        counts = {
            t: q(sa.text(f"SELECT count(*) FROM {t}")).scalar()  # noqa: S608
            for t in ("actors", "actions", "agreements", "measurements", "changes")
        }
    engine.dispose()
    return {
        "pillar": uuid.UUID(str(pillar)),
        "action": uuid.UUID(str(action)),
        "last_cursor": encode_cursor([last[0], uuid.UUID(str(last[1]))]),
        "indicator": uuid.UUID(str(indicator)),
        "first_seq": first_seq,
        "last_seq": last_seq,
        "objective": uuid.UUID(str(objective)) if objective else None,
        "counts": counts,
    }


def endpoints(p: dict[str, Any]) -> list[Endpoint]:
    action_body = json.dumps(
        {
            "code": "%CODE%",
            "title": "Werkgroep mobiliteit doelgroepmedewerkers",
            "description": "Aangemaakt door de benchmark.",
            "pillar_id": str(p["pillar"]),
            "objective_id": str(p["objective"]) if p["objective"] else None,
            "start_date": "2024-01-01",
            "end_date": "2025-12-31",
            "status": "planned",
        }
    )
    login_form = urllib.parse.urlencode(
        {"grant_type": "password", "username": W13_EMAIL, "password": PASSWORD}
    )
    recent = max(p["last_seq"] - 60, 0)
    return [
        Endpoint("baseline", "baseline (no database, no auth)", "/bench/baseline"),
        Endpoint(
            "actions_page",
            "actions: page of 50, pillar filter (w13)",
            f"/api/v1/actions?limit=50&pillar={p['pillar']}",
            "w13",
            paged=True,
        ),
        Endpoint(
            "actions_last",
            "actions: last page of all (keyset, w13)",
            f"/api/v1/actions?limit=50&cursor={p['last_cursor']}",
            "w13",
            paged=True,
        ),
        Endpoint(
            "actions_rose",
            "actions: page of 50 (rose member)",
            "/api/v1/actions?limit=50",
            "rose",
            paged=True,
        ),
        Endpoint("action_one", "actions: one", f"/api/v1/actions/{p['action']}", "w13"),
        Endpoint(
            "actors_q",
            "actors: public directory q=kringloop",
            "/api/v1/actors?q=kringloop",
            paged=True,
        ),
        Endpoint(
            "agreements_active",
            f"agreements: {MUNICIPALITY} active on date (muni)",
            f"/api/v1/agreements?municipality={MUNICIPALITY}&active_on=2024-06-30",
            "muni",
            paged=True,
        ),
        Endpoint(
            "measurements",
            "measurements: page of 50 of one indicator",
            f"/api/v1/indicators/{p['indicator']}/measurements?limit=50",
            "w13",
            paged=True,
        ),
        Endpoint(
            "changes_old",
            "changes: from an old cursor (w13)",
            f"/api/v1/changes?cursor={p['first_seq']}",
            "w13",
            paged=True,
        ),
        Endpoint(
            "changes_recent",
            "changes: from a recent cursor (w13)",
            f"/api/v1/changes?cursor={recent}",
            "w13",
            paged=True,
        ),
        Endpoint(
            "changes_muni",
            "changes: from an old cursor (muni)",
            f"/api/v1/changes?cursor={p['first_seq']}",
            "muni",
            paged=True,
        ),
        Endpoint(
            "changes_rose",
            "changes: from an old cursor (rose member)",
            f"/api/v1/changes?cursor={p['first_seq']}",
            "rose",
            paged=True,
        ),
        Endpoint(
            "action_create",
            "actions: create (w13)",
            "/api/v1/actions",
            "w13",
            method="POST",
            body=action_body,
            expect=201,
        ),
        Endpoint(
            "token",
            "auth/token: password grant",
            "/api/v1/auth/token",
            method="POST",
            body=login_form,
            ctype="application/x-www-form-urlencoded",
        ),
    ]


PAGE = "/api/v1/actions?limit=50"  # the page of issue 17: 50 actions, W13
PAGE_25 = "/api/v1/actions?limit=25"  # as many items on every dataset, the seed's included


def target_endpoints(p: dict[str, Any]) -> list[Endpoint]:
    """The rows of issue 17's targets: the fixed cost, the page of 50 (first read, from the
    page cache, conditional), a page of 25 for the growth with the data, and a single read."""
    return [
        Endpoint("baseline", "baseline (same bytes, no database, no auth)", "/bench/baseline"),
        Endpoint("healthz", "/healthz (the fixed cost of a request)", "/healthz"),
        Endpoint("page", "actions: page of 50 (w13), first read", PAGE, "w13", cache="off"),
        # The growth with the data compares pages of the same items: the seed has 28 actions,
        # so its page of 50 holds 28 where the larger datasets' hold 50.
        Endpoint(
            "page_25",
            "actions: page of 25 (w13), first read",
            PAGE_25,
            "w13",
            paged=True,
            cache="off",
        ),
        Endpoint("page_cached", "actions: page of 50 (w13), read again (page cache)", PAGE, "w13"),
        Endpoint(
            "page_304",
            "actions: page of 50 (w13), If-None-Match (304)",
            PAGE,
            "w13",
            expect=304,
            conditional=True,
        ),
        Endpoint("one", "actions: one (w13)", f"/api/v1/actions/{p['action']}", "w13"),
    ]


def endpoints_for(which: str, p: dict[str, Any]) -> list[Endpoint]:
    eps = target_endpoints(p)
    if which == "full":  # the older, wider set: filters, keyset, search, feed, writes, logins
        eps += [e for e in endpoints(p) if e.key != "baseline"]
    return eps


def tree_of(ref: str) -> tuple[Path, str]:
    """The code of `ref`, unpacked once under bench/out/trees (`git archive`: no worktree, no
    checkout), and its short commit id."""
    sha = subprocess.run(
        ["git", "rev-parse", "--short", f"{ref}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    path = OUT / "trees" / sha
    if not (path / "api").is_dir():
        log(f"unpacking the code of {ref} ({sha}) into {path}")
        tmp = path.with_name(sha + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", sha], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive, check=True)
        tmp.rename(path)
    return path, sha


def tokens_for(url: str) -> dict[str, str]:
    # Minted, not asked for: a login costs Argon2's 64 MiB, which would blur the RSS of
    # serving the other endpoints; the token endpoint is measured on its own (--set full).
    return {
        key: mint(url, email)
        for key, email in (("w13", W13_EMAIL), ("rose", ROSE_EMAIL), ("muni", MUNI_EMAIL))
    }


def as_row(r: Result | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "rps": r.rps,
        "p50_ms": r.p50_ms,
        "p99_ms": r.p99_ms,
        "requests": r.requests,
        "errors": r.errors,
        "items": r.items,
        "cpu_ms": r.extra["cpu_ms"],
        "db_cpu_ms": r.extra["db_cpu_ms"],
    }


def run_size(
    db: str, size: str, args: argparse.Namespace, trees: list[tuple[str, Path, str]]
) -> dict[str, Any]:
    """Every endpoint of the set on every tree's servers, alternating tree by tree so that
    the before and after figures of a row share the machine's conditions."""
    url = build_dataset(db, size, args.reuse)
    p = probes(url)
    baseline = OUT / f"baseline-{db}-{size}.json"
    baseline.write_bytes(b"{}")
    eps = [
        e
        for e in endpoints_for(args.set, p)
        if not args.only or e.key in args.only or e.key == "baseline"
    ]
    modes = sorted({e.cache for e in eps} | {"on"})
    servers: dict[tuple[str, str], Server] = {}
    after = trees[-1][0]
    try:
        for label, tree, sha in trees:
            for mode in modes:
                log(f"[{db}/{size}] starting the {label} code ({sha}), list page cache {mode}")
                servers[label, mode] = Server(
                    url,
                    baseline,
                    args.nice,
                    tree,
                    CACHE_OFF if mode == "off" else None,
                    name=f"{label}-{mode}",
                )
        tokens = tokens_for(url)
        status, page = http(servers[after, "off"].base, PAGE, tokens["w13"])
        if status != 200:
            raise SystemExit(f"actions page: {status}")
        baseline.write_bytes(page)
        for srv in servers.values():
            if http(srv.base, "/bench/baseline")[1] != page:
                raise SystemExit("the baseline does not answer the bytes of the page of actions")
        log(
            f"[{db}/{size}] {p['counts']}; page of actions {len(page)} bytes; "
            f"{args.connections} connections, {args.threads} threads, "
            f"{args.duration:g}s each after {args.warmup:g}s of warm-up"
        )
        rows: dict[str, dict[str, Result | None]] = {}
        for i, ep in enumerate(eps, 1):
            log(f"  [{i}/{len(eps)}] {ep.label}")
            for label, _, _ in trees:
                rows.setdefault(ep.key, {})[label] = measure(
                    servers[label, ep.cache], ep, tokens, args
                )
        # The baseline again at the end: the figure of a shared machine drifts meanwhile.
        log(f"  [{len(eps)}/{len(eps)}] {eps[0].label}, again")
        for label, _, _ in trees:
            first, again = (
                rows["baseline"][label],
                measure(servers[label, "on"], eps[0], tokens, args),
            )
            if first is not None and again is not None:
                first.rps = (first.rps + again.rps) / 2
                first.p50_ms = (first.p50_ms + again.p50_ms) / 2
                first.p99_ms = max(first.p99_ms, again.p99_ms)
        # Serving the endpoints, with the list page cache on: before any login's Argon2.
        rss = {label: servers[label, "on"].peak_rss_mb() for label, _, _ in trees}
        burst = {}
        token_ep = next((e for e in eps if e.key == "token"), None)
        if token_ep is not None:
            burst = login_burst(servers[after, "on"].base, tokens, args, token_ep)
        log(
            f"[{db}/{size}] peak RSS with the list page cache on: "
            + ", ".join(f"{label} {mb:.0f} MB" for label, mb in rss.items())
        )
    finally:
        for srv in servers.values():
            srv.stop()
    return {
        "db": db,
        "size": size,
        "counts": p["counts"],
        "page_bytes": len(page),
        "trees": [{"label": label, "commit": sha} for label, _, sha in trees],
        "rss_mb": rss,
        "burst": burst,
        "results": [
            {
                "key": ep.key,
                "label": ep.label,
                "paged": ep.paged,
                "rows": {label: as_row(r) for label, r in rows[ep.key].items()},
            }
            for ep in eps
        ],
    }


def fill_page_cache(base: str, tokens: dict[str, str], pages: int) -> int:
    """Reads `pages` distinct pages of actions per role, following each list's `Link: next`:
    as many different pages as a cache could want to keep (its bound must hold)."""
    read = 0
    for role in ("w13", "rose", "muni"):
        path: str | None = PAGE
        for _ in range(pages):
            if path is None:
                break
            status, _, headers = fetch(base, path, tokens[role])
            if status != 200:
                raise SystemExit(f"{path} as {role}: {status}")
            read += 1
            link = headers.get("link", "")
            if 'rel="next"' not in link:
                path = None
                continue
            nxt = urllib.parse.urlsplit(link.split(">", 1)[0].lstrip("<"))
            path = nxt.path + ("?" + nxt.query if nxt.query else "")
    return read


def rss_pass(
    db: str, size: str, args: argparse.Namespace, trees: list[tuple[str, Path, str]]
) -> dict[str, Any]:
    """Peak RSS of one worker with the list page cache on: every tree's server reads many
    distinct pages (to fill a cache to its bound), then serves the page of 50 under load."""
    url = build_dataset(db, size, args.reuse)
    baseline = OUT / f"baseline-{db}-{size}.json"
    baseline.write_bytes(b"{}")
    tokens = tokens_for(url)
    page = Endpoint("page_cached", "page of 50", PAGE, "w13")
    out: dict[str, Any] = {"db": db, "size": size, "pages": args.rss_pages, "rss_mb": {}}
    for label, tree, sha in trees:
        log(f"[{db}/{size}] peak RSS of the {label} code ({sha}), list page cache on")
        server = Server(url, baseline, args.nice, tree, None, name=f"rss-{label}")
        try:
            read = fill_page_cache(server.base, tokens, args.rss_pages)
            wrk(server.base, page, tokens["w13"], args.duration, args.connections, args.threads)
            out["rss_mb"][label] = server.peak_rss_mb()
            out["read"] = read
        finally:
            server.stop()
        log(f"    {label}: {out['rss_mb'][label]:.0f} MB after {read} distinct pages and wrk")
    return out


# --- the report --------------------------------------------------------------------------


def machine() -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return (
        f"{platform.node()}: {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def git_head() -> str:
    proc = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        text=True,
        capture_output=True,
        check=False,
    )
    return proc.stdout.strip() or "?"


def _cell(row: dict[str, Any] | None, key: str, fmt: str) -> str:
    return "" if row is None else format(row[key], fmt)


TARGETS = [
    # key, what, limit (ms of CPU a request, server + PostgreSQL)
    ("healthz", "`/healthz`: the fixed cost of a request", 0.35),
    ("page", "page of 50 actions (w13), first read", 3.5),
    ("page_304", "the same, `If-None-Match` answered 304", 1.0),
    ("page_cached", "the same, read again (page cache hit)", 1.5),
]


def targets_table(runs: list[dict[str, Any]], rss: list[dict[str, Any]]) -> list[str]:
    """Issue 17's targets, on the largest dataset measured (20,000 actions by default)."""
    if not runs:
        return []
    run = runs[-1]
    labels = [t["label"] for t in run["trees"]]
    head = " | ".join(f"{t['label']} ({t['commit']})" for t in run["trees"])
    lines = [
        f"## Targets ({run['db']}, {run['size']}: {run['counts']['actions']:,} actions)",
        "",
        f"| target | limit | {head} | met |",
        "| --- | ---: | " + " | ".join("---:" for _ in labels) + " | --- |",
    ]
    by_key = {r["key"]: r for r in run["results"]}
    for key, what, limit in TARGETS:
        res = by_key.get(key)
        if res is None:
            continue
        cells = [
            "–" if res["rows"].get(lb) is None else f"{res['rows'][lb]['cpu_ms']:.2f} ms"
            for lb in labels
        ]
        last = res["rows"].get(labels[-1])
        met = "–" if last is None else ("yes" if last["cpu_ms"] <= limit else "**no**")
        lines.append(f"| {what}, CPU a request | ≤ {limit} ms | {' | '.join(cells)} | {met} |")
    small = next((r for r in runs if r["db"] == run["db"] and r["size"] == "small"), None)
    if small is not None and small is not run:
        for res in run["results"]:
            ref = next((x for x in small["results"] if x["key"] == res["key"]), None)
            if not res["paged"] or ref is None:
                continue
            cells, last = [], None
            for lb in labels:
                a, b = ref["rows"].get(lb), res["rows"].get(lb)
                last = b["p50_ms"] / a["p50_ms"] if a and b and a["p50_ms"] else None
                cells.append("–" if last is None else f"{last:.2f}×")
            met = "–" if last is None else ("yes" if last <= 1.3 else "**no**")
            lines.append(
                f"| {res['label']}, p50 growth seed → {run['size']} | ≤ 1.3× | "
                f"{' | '.join(cells)} | {met} |"
            )
    for r in rss:
        cells = [f"{r['rss_mb'][lb]:.0f} MB" if lb in r["rss_mb"] else "–" for lb in labels]
        last_mb = r["rss_mb"].get(labels[-1])
        met = "–" if last_mb is None else ("yes" if last_mb <= 150 else "**no**")
        lines.append(
            f"| peak RSS of a worker, {r['db']} {r['size']}, list page cache on "
            f"({r.get('read', 0)} distinct pages read, then the page under load) | ≤ 150 MB | "
            f"{' | '.join(cells)} | {met} |"
        )
    return [*lines, ""]


def render(
    runs: list[dict[str, Any]], rss: list[dict[str, Any]], args: argparse.Namespace, command: str
) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}, commit {git_head()}",
        f"- machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the end",
        f"- command: `{command}` (`make bench` runs it)",
        f"- load: wrk, {args.connections} connections, {args.threads} threads, "
        f"{args.duration:g} s per endpoint after {args.warmup:g} s of warm-up; server: as "
        "`regie serve` runs it (uvicorn, 1 worker, httptools with the bound on the request "
        "head, proxy headers, the JSON log of one line per request, to a file), "
        "REGIE_ENV=production, on 127.0.0.1 (wrk on the same 2 cores)",
        "- before and after: the code of each commit served side by side on the same "
        "database, every endpoint measured on one and then the other; `first read` rows on a "
        "server that keeps no list pages (`REGIE_LIST_CACHE_MB=0`), the others on one with "
        "the defaults",
        "- PostgreSQL: the throw-away server of scripts/pg.sh (fsync off: write figures are "
        "optimistic)",
        "- `CPU ms/req`: CPU time per request of the server process plus the PostgreSQL "
        "cluster, read from /proc: the figure least disturbed by other load on the machine; "
        "`server` and `PostgreSQL` split it. `% base`: requests/s as a share of the baseline "
        "route of the same server (the bytes of the page of 50, no database, no "
        "authentication). `growth`: p50 against the seed.",
        "",
    ]
    lines += targets_table(runs, rss)
    small = {
        (r["db"], res["key"]): res for r in runs if r["size"] == "small" for res in r["results"]
    }
    for run in runs:
        c = run["counts"]
        labels = [t["label"] for t in run["trees"]]
        commits = {t["label"]: t["commit"] for t in run["trees"]}
        lines += [
            f"## {run['db']}, {run['size']}",
            "",
            f"{c['actors']:,} actors, {c['actions']:,} actions, {c['agreements']:,} agreements, "
            f"{c['measurements']:,} measurements, {c['changes']:,} changes; the page of 50 "
            f"actions is {run['page_bytes']:,} bytes. Peak RSS serving these endpoints, list "
            "page cache on: "
            + ", ".join(f"{lb} **{run['rss_mb'][lb]:.0f} MB**" for lb in labels)
            + ".",
            "",
            "| endpoint | code | CPU ms/req | server | PostgreSQL | req/s | p50 ms | p99 ms "
            "| % base | growth | items |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        base = next((x for x in run["results"] if x["key"] == "baseline"), None)
        for res in run["results"]:
            for i, lb in enumerate(labels):
                row = res["rows"].get(lb)
                name = res["label"] if i == 0 else ""
                code = f"{lb} {commits[lb]}"
                if row is None:
                    lines.append(
                        f"| {name} | {code} | – | | | | | | | | not answered by this code |"
                    )
                    continue
                b = base["rows"].get(lb) if base else None
                share = f"{100 * row['rps'] / b['rps']:.0f} %" if b and b["rps"] else ""
                ref = small.get((run["db"], res["key"]))
                ref_row = ref["rows"].get(lb) if ref else None
                growth = (
                    f"{row['p50_ms'] / ref_row['p50_ms']:.2f}×"
                    if ref_row and run["size"] != "small" and ref_row["p50_ms"]
                    else ""
                )
                err = f" ({row['errors']} errors)" if row["errors"] else ""
                server_ms = row["cpu_ms"] - row["db_cpu_ms"]
                lines.append(
                    f"| {name}{err} | {code} | **{row['cpu_ms']:.2f}** | {server_ms:.2f} | "
                    f"{row['db_cpu_ms']:.2f} | {row['rps']:.0f} | {row['p50_ms']:.1f} | "
                    f"{row['p99_ms']:.1f} | {share} | {growth} | "
                    f"{'' if row['items'] is None else row['items']} |"
                )
        b = run.get("burst") or {}
        if b:
            lines += [
                "",
                f"/healthz alone: p50 {b['healthz_alone_p50_ms']:.1f} ms, p99 "
                f"{b['healthz_alone_p99_ms']:.1f} ms; during a burst of "
                f"{args.connections} connections asking for tokens "
                f"({b['logins_per_s']:.1f} logins/s, p50 {b['login_p50_ms']:.0f} ms): p50 "
                f"{b['healthz_burst_p50_ms']:.1f} ms, p99 {b['healthz_burst_p99_ms']:.1f} ms.",
            ]
        lines.append("")
    for r in rss:
        lines += [
            f"## Peak RSS, {r['db']} {r['size']}",
            "",
            "One worker with the list page cache on (the tree's defaults) reads "
            f"{r.get('read', 0)} distinct pages of actions (the chain of `Link: next` pages "
            "for W13, a ROSE member and a municipality), then serves the page of 50 under wrk: "
            + ", ".join(f"{lb} **{mb:.0f} MB**" for lb, mb in r["rss_mb"].items())
            + ".",
            "",
        ]
    lines += import_section()
    notes = ROOT / "bench" / "NOTES.md"  # the reading of the figures, kept across runs
    if notes.exists():
        lines += ["", notes.read_text().rstrip()]
    return "\n".join(lines)


def import_section() -> list[str]:
    """`regie import` of 100k records on SQLite, from the last `python -m bench.import_time`
    (bench/out/import-result.json), so a re-rendered RESULTS.md keeps it."""
    path = OUT / "import-result.json"
    if not path.exists():
        return []
    r = json.loads(path.read_text())
    counts = ", ".join(f"{n:,} {name}" for name, n in r["counts"].items() if n >= 1000)
    return [
        "## Import (`regie import`, SQLite)",
        "",
        f"`{r['command']}` on {r['date']}, load average {r['load_average']} on the 2 cores: "
        f"**{r['records']:,} records in {r['seconds']:.1f} s** wall clock, "
        f"**{r['cpu_seconds']:.1f} s of CPU** ({r['records_per_s']:,} records/s; {counts}, "
        "with their change-feed and audit rows). Target: 30 s. Before the bulk path (new "
        "records one ORM flush per batch, rules and audience per record): 1,200 s.",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="pg", help="pg,sqlite")
    parser.add_argument("--sizes", default="small,20k", help="small,20k,medium,large")
    parser.add_argument(
        "--before",
        default=BEFORE_REF,
        help=f"commit served side by side as `before` (default {BEFORE_REF}; none: only after)",
    )
    parser.add_argument(
        "--set", default="targets", choices=["targets", "full"], help="which endpoints"
    )
    parser.add_argument(
        "--rss-size",
        default="medium",
        help="dataset of the peak-RSS pass, list page cache on (none: skip it)",
    )
    parser.add_argument("--rss-pages", type=int, default=100, help="distinct pages per role")
    parser.add_argument("--quick", action="store_true", help="seed only, 2 s per endpoint")
    parser.add_argument("--duration", type=float, default=4.0, help="seconds per endpoint")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of warm-up")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the 20k/medium/large datasets (and PostgreSQL running) for the next run",
    )
    parser.add_argument("--only", default="", help="endpoint keys, comma-separated")
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="niceness of the servers and wrk (e.g. -5 on a shared machine)",
    )
    parser.add_argument(
        "--tree",
        default=str(ROOT),
        help="serve the code of this copy of the project as `after`",
    )
    parser.add_argument("--keep-pg", action="store_true", help="leave PostgreSQL running")
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    if args.quick:
        args.duration, args.warmup = min(args.duration, 2.0), min(args.warmup, 0.5)
        args.sizes, args.rss_size = "small", "none"
    sizes = [x for x in args.sizes.split(",") if x]
    args.only = [k for k in args.only.split(",") if k]
    NICE[0] = args.nice
    OUT.mkdir(parents=True, exist_ok=True)
    after = Path(args.tree).resolve()
    trees: list[tuple[str, Path, str]] = []
    if args.before != "none":
        before, sha = tree_of(args.before)
        trees.append(("before", before, sha))
    trees.append(("after", after, git_head() if after == ROOT else after.name))
    command = "python -m bench.run " + shlex.join(argv if argv is not None else sys.argv[1:])
    runs, rss = [], []
    started = time.monotonic()
    try:
        for db in args.db.split(","):
            for size in sizes:
                run = run_size(db, size, args, trees)
                (OUT / f"results-{db}-{size}.json").write_text(json.dumps(run, indent=1))
                runs.append(run)
                log(f"({time.monotonic() - started:.0f} s so far)")
            if args.rss_size != "none":
                rss.append(rss_pass(db, args.rss_size, args, trees))
    finally:
        # scripts/pg.sh stop removes the cluster with its data: with --reuse it stays up, so
        # that the next run finds the 20k and medium datasets.
        if "pg" in args.db and not args.keep_pg and not args.reuse:
            subprocess.run(
                ["scripts/pg.sh", "stop", str(PG_DIR)],
                cwd=ROOT,
                check=False,
                env={**os.environ, "REGIE_PG_PORT": PG_PORT},
            )
    report = render(runs, rss, args, command.strip())
    print(report)
    Path(args.output).write_text(report + "\n")
    log(f"done in {time.monotonic() - started:.0f} s; written to {args.output}")
    if "pg" in args.db and (args.keep_pg or args.reuse):
        log(f"PostgreSQL left running for the next run: scripts/pg.sh stop {PG_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
