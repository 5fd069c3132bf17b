# ruff: noqa: S310, S603, S607  (a benchmark driver: runs wrk and the server on loopback)
"""`make bench`: how fast the service answers, and whether that depends on how much it holds.

For each database (SQLite, PostgreSQL) and dataset size (small = the seed, medium, large on
request) it builds the dataset (`bench.gen`), starts the service as in production (one
uvicorn worker, no reload, no access log, REGIE_ENV=production) on 127.0.0.1, and drives each
endpoint with wrk at a fixed concurrency, after a warm-up. In the same run and with the same
tool it drives a baseline: a route with no database and no authentication that answers the
bytes of the page of 50 actions. It prints requests/s, p50 and p99 per endpoint, the ratio to
the baseline, the growth against the small dataset and the server's peak RSS, and writes the
table to bench/RESULTS.md.

    python -m bench.run                       # small and medium, SQLite and PostgreSQL
    python -m bench.run --quick               # small only, short runs: a few minutes
    python -m bench.run --large               # adds the large dataset (disk and time!)
    python -m bench.run --db pg --sizes medium --reuse   # keep a generated dataset
    BENCH_INLINE=1 python -m bench.run ...    # sync routes inline in the event loop (experiment)

The reading of the figures (targets, where the time goes, sync or async) is bench/NOTES.md,
appended to every RESULTS.md written; `python -m bench.profile_request` profiles one request
in-process."""

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
PG_DIR = OUT / "pg"
PG_PORT = "54339"
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


class Server:
    def __init__(self, url: str, baseline: Path, nice: int = 0, tree: Path = ROOT) -> None:
        self.pg = url.startswith("postgresql")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = base_env(url)
        env["PYTHONPATH"] = str(tree)
        # The indexes of the code under test, on the rows already there.
        sh([PY, str(ROOT / "bench" / "indexes.py")], env)
        env.update(REGIE_BENCH_BASELINE="1", REGIE_BENCH_BASELINE_FILE=str(baseline))
        if os.environ.get("BENCH_INLINE") == "1":  # the sync-or-async experiment, bench/app.py
            env["REGIE_BENCH_INLINE"] = "1"
        # As `regie serve` runs it: one worker, no reload, no access log.
        self.proc = subprocess.Popen(
            [
                *(["nice", "-n", str(nice)] if nice else []),
                PY,
                "-m",
                "uvicorn",
                "bench.app:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                "1",
                "--no-access-log",
                "--log-level",
                "warning",
                "--proxy-headers",
            ],
            cwd=tree,
            env=env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("the server did not start")

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
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def http(
    base: str,
    path: str,
    token: str = "",
    method: str = "GET",
    body: str | None = None,
    ctype: str = "application/json",
) -> tuple[int, bytes]:
    req = urllib.request.Request(
        base + path, method=method, data=body.encode() if body is not None else None
    )
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


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
    base: str, ep: Endpoint, token: str, seconds: float, connections: int, threads: int
) -> dict[str, Any]:
    env = {**os.environ, "BENCH_TOKEN": token, "BENCH_METHOD": ep.method, "BENCH_CTYPE": ep.ctype}
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
) -> Result:
    base = server.base
    token = tokens.get(ep.token, "")
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
        doc = json.loads(body)
        if isinstance(doc, dict) and isinstance(doc.get("items"), list):
            items = len(doc["items"])
    except ValueError:
        pass
    if args.warmup > 0:
        wrk(base, ep, token, args.warmup, args.connections, args.threads)
    # Logins cost Argon2 each: give them time to complete more than a handful.
    duration = max(args.duration, 10.0) if ep.key == "token" else args.duration
    app0, db0 = server.cpu_split()
    data = wrk(base, ep, token, duration, args.connections, args.threads)
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
        f"    {ep.label:<46} {res.rps:>8.1f} req/s  p50 {res.p50_ms:>7.1f} ms  "
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


def run_one(db: str, size: str, args: argparse.Namespace) -> dict[str, Any]:
    url = build_dataset(db, size, args.reuse)
    p = probes(url)
    baseline = OUT / f"baseline-{db}-{size}.json"
    baseline.write_bytes(b"{}")
    server = Server(url, baseline, args.nice, Path(args.tree).resolve())
    try:
        # Minted, not asked for: a login costs Argon2's 64 MiB, which would blur the RSS of
        # serving the other endpoints; the token endpoint is measured on its own below.
        tokens = {
            key: mint(url, email)
            for key, email in (("w13", W13_EMAIL), ("rose", ROSE_EMAIL), ("muni", MUNI_EMAIL))
        }
        eps = endpoints(p)
        status, page = http(server.base, eps[1].path, tokens["w13"])
        if status != 200:
            raise SystemExit(f"actions page: {status}")
        baseline.write_bytes(page)
        status, same = http(server.base, "/bench/baseline")
        if same != page:
            raise SystemExit("the baseline does not answer the bytes of the page of actions")
        log(
            f"[{db}/{size}] {p['counts']}; page of actions {len(page)} bytes; "
            f"{args.connections} connections, {args.threads} threads, {args.duration:g}s each"
        )
        selected = [e for e in eps if not args.only or e.key in args.only or e.key == "baseline"]
        results = []
        rss_reads = 0.0
        for ep in selected:
            if ep.key == "token":
                rss_reads = server.peak_rss_mb()  # before Argon2's 64 MiB per hash
            results.append(measure(server, ep, tokens, args))
        rss_reads = rss_reads or server.peak_rss_mb()
        # The baseline again at the end: the figure of a shared machine drifts meanwhile.
        again = measure(server, selected[0], tokens, args)
        first = results[0]
        first.rps = (first.rps + again.rps) / 2
        first.p50_ms, first.p99_ms = (
            (first.p50_ms + again.p50_ms) / 2,
            max(first.p99_ms, again.p99_ms),
        )
        burst = (
            login_burst(server.base, tokens, args, eps[-1])
            if any(e.key == "token" for e in selected)
            else {}
        )
        rss = server.peak_rss_mb()
        log(
            f"    peak RSS of the server: {rss_reads:.0f} MB before the logins, {rss:.0f} MB in all"
        )
    finally:
        server.stop()
    return {
        "db": db,
        "size": size,
        "counts": p["counts"],
        "rss_mb": rss,
        "rss_reads_mb": rss_reads,
        "burst": burst,
        "page_bytes": len(page),
        "results": [
            {
                "key": r.endpoint.key,
                "label": r.endpoint.label,
                "rps": r.rps,
                "p50_ms": r.p50_ms,
                "p99_ms": r.p99_ms,
                "requests": r.requests,
                "errors": r.errors,
                "items": r.items,
                "paged": r.endpoint.paged,
                "cpu_ms": r.extra["cpu_ms"],
                "db_cpu_ms": r.extra["db_cpu_ms"],
            }
            for r in results
        ],
    }


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


def render(runs: list[dict[str, Any]], args: argparse.Namespace, command: str) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}, commit {git_head()}",
        f"- machine: {machine()}",
        f"- command: `{command}`" + (f" (code of {args.tree})" if args.tree != str(ROOT) else ""),
        f"- load: wrk, {args.connections} connections, {args.threads} threads, "
        f"{args.duration:g} s per endpoint after {args.warmup:g} s of warm-up; server: uvicorn, "
        "1 worker, REGIE_ENV=production, no access log, on 127.0.0.1 (wrk on the same 2 cores)",
        "- PostgreSQL: the throw-away server of scripts/pg.sh (fsync off: write figures are "
        "optimistic)",
        "- `% base`: requests/s as a share of the baseline route (same bytes as the page of 50 "
        "actions, no database, no auth) of the same run; `growth`: p50 latency against the "
        "small dataset on the same database; `CPU ms/req`: CPU time of the server process "
        "(plus the PostgreSQL cluster) per request, the figure least disturbed by other load "
        "on the machine; `of which DB`: the PostgreSQL cluster's part of it.",
        "",
    ]
    small = {
        (r["db"], res["key"]): res for r in runs if r["size"] == "small" for res in r["results"]
    }
    for run in runs:
        c = run["counts"]
        lines += [
            f"## {run['db']}, {run['size']}",
            "",
            f"{c['actors']:,} actors, {c['actions']:,} actions, {c['agreements']:,} agreements, "
            f"{c['measurements']:,} measurements, {c['changes']:,} changes. "
            f"Peak RSS of the server: **{run.get('rss_reads_mb', 0):.0f} MB** serving the "
            f"endpoints, **{run['rss_mb']:.0f} MB** with the logins (Argon2: 64 MiB a hash).",
            "",
            "| endpoint | req/s | p50 ms | p99 ms | p99/p50 | % base | growth | CPU ms/req "
            "| of which DB | items |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        base = next((x for x in run["results"] if x["key"] == "baseline"), None)
        for res in run["results"]:
            share = f"{100 * res['rps'] / base['rps']:.0f} %" if base else "-"
            ref = small.get((run["db"], res["key"]))
            growth = (
                f"{res['p50_ms'] / ref['p50_ms']:.2f}×"
                if ref and run["size"] != "small" and ref["p50_ms"]
                else ""
            )
            ratio = res["p99_ms"] / res["p50_ms"] if res["p50_ms"] else 0
            err = f" ({res['errors']} errors)" if res["errors"] else ""
            lines.append(
                f"| {res['label']}{err} | {res['rps']:.0f} | {res['p50_ms']:.1f} | "
                f"{res['p99_ms']:.1f} | {ratio:.1f} | {share} | {growth} | {res['cpu_ms']:.2f} | "
                f"{res.get('db_cpu_ms', 0):.2f} | {'' if res['items'] is None else res['items']} |"
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
    parser.add_argument("--db", default="sqlite,pg", help="sqlite,pg")
    parser.add_argument("--sizes", default=None, help="small,medium[,large]")
    parser.add_argument("--large", action="store_true", help="also the large dataset")
    parser.add_argument("--quick", action="store_true", help="small only, 3 s per endpoint")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--reuse", action="store_true", help="keep medium/large datasets built before"
    )
    parser.add_argument("--only", default="", help="endpoint keys, comma-separated")
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="niceness of the server and wrk (e.g. -5 on a shared machine)",
    )
    parser.add_argument(
        "--tree",
        default=str(ROOT),
        help="serve the code of this copy of the project (before/after runs)",
    )
    parser.add_argument("--keep-pg", action="store_true", help="leave PostgreSQL running")
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    if args.quick:
        args.duration, args.warmup = min(args.duration, 3.0), min(args.warmup, 1.0)
    sizes = (
        args.sizes.split(",")
        if args.sizes
        else ["small"]
        if args.quick
        else ["small", "medium"] + (["large"] * args.large)
    )
    args.only = [k for k in args.only.split(",") if k]
    NICE[0] = args.nice
    OUT.mkdir(parents=True, exist_ok=True)
    command = "python -m bench.run " + shlex.join(argv if argv is not None else sys.argv[1:])
    runs = []
    try:
        for db in args.db.split(","):
            for size in sizes:
                run = run_one(db, size, args)
                (OUT / f"results-{db}-{size}.json").write_text(json.dumps(run, indent=1))
                runs.append(run)
    finally:
        if "pg" in args.db and not args.keep_pg:
            subprocess.run(
                ["scripts/pg.sh", "stop", str(PG_DIR)],
                cwd=ROOT,
                check=False,
                env={**os.environ, "REGIE_PG_PORT": PG_PORT},
            )
    report = render(runs, args, command.strip())
    print(report)
    Path(args.output).write_text(report + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
