"""The production shape of docker/compose.yaml, started by hand because this machine has no
Docker engine: PostgreSQL, `regie db upgrade` from two processes at once, two `regie serve`
instances on loopback and Debian's nginx running docker/nginx.conf in front of them. A mixed
read/write load goes through nginx while one instance is killed (SIGKILL) and restarted; then
nothing may be lost or doubled: records, change feed, webhook deliveries, metrics.

Everything it starts lives in a temporary directory and is stopped at the end (about 30 s)."""

from __future__ import annotations

import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from api.migrate import MIGRATION_LOCK, alembic_config
from api.webhooks import signing

ROOT = Path(__file__).resolve().parents[2]
_BIN = Path(sys.executable).parent / "regie"
REGIE = [str(_BIN)] if _BIN.exists() else [sys.executable, "-m", "api.cli"]
PASSWORD = "proef-wachtwoord-voor-de-schaaltest"
WRITERS = 6
EXPECTED_DURING_KILL = {502, 503}  # nginx: the request was in flight on the killed instance
OK = {200, 201, 204}
UUID_PATH = re.compile(r"^/api/v1/actors/[0-9a-f-]{36}$")


# --- processes ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(what: str, check: Any, timeout: float = 30.0, proc: Any = None) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"{what}: the process exited with {proc.returncode}")
        try:
            result = check()
        except (httpx.HTTPError, OSError, sa.exc.OperationalError):
            result = None
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def json_lines(path: Path) -> list[dict[str, Any]]:
    """Every line of a log; each must be one JSON object."""
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


@dataclass
class Instance:
    """One `regie serve` on a loopback port; its log survives restarts."""

    name: str
    env: dict[str, str]
    log: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def addr(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [*REGIE, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def up(self) -> None:
        wait_for(
            f"{self.name} /healthz",
            lambda: httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200,
            timeout=60,
            proc=self.proc,
        )

    def ready(self, timeout: float = 60.0) -> None:
        wait_for(
            f"{self.name} /readyz",
            lambda: httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200,
            timeout=timeout,
            proc=self.proc,
        )

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def terminate(self, timeout: float) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)

    def cleanup(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None
    )
    if found is None:  # CI machines start bare; the Makefile's system-deps installs it too
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, timeout=300)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "nginx"], check=True, env=env, timeout=600
        )
        found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found


def self_signed(base: Path) -> tuple[Path, Path]:
    cert, key = base / "tls.crt", base / "tls.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


def nginx_config(base: Path, port: int, upstreams: list[str], spa: Path, tls_port: int) -> Path:
    """docker/nginx.conf itself, with loopback addresses and paths of the temporary directory
    in place of the compose names, its TLS example switched on with a self-signed certificate,
    inside a main configuration that runs in the foreground."""
    site = (ROOT / "docker" / "nginx.conf").read_text()
    cert, key = self_signed(base)
    for old, new in (
        ("api1:8000", upstreams[0]),
        ("api2:8000", upstreams[1]),
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("# listen 443 ssl;", f"listen 127.0.0.1:{tls_port} ssl;"),
        ("# ssl_certificate     /etc/nginx/tls/fullchain.pem;", f"ssl_certificate {cert};"),
        ("# ssl_certificate_key /etc/nginx/tls/privkey.pem;", f"ssl_certificate_key {key};"),
        ("# ssl_protocols TLSv1.2 TLSv1.3;", "ssl_protocols TLSv1.2 TLSv1.3;"),
        ("/var/log/nginx/access.log", str(base / "access.log")),
        ("root /usr/share/nginx/html;", f"root {spa};"),
    ):
        assert site.count(old) == 1, f"docker/nginx.conf changed shape: {old!r}"
        site = site.replace(old, new)
    (base / "regie.conf").write_text(site)
    main = base / "nginx.conf"
    temp = "\n".join(
        f"    {kind}_temp_path {base / kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    main.write_text(
        f"""daemon off;
worker_processes 2;
pid {base / "nginx.pid"};
error_log {base / "error.log"} notice;
events {{ worker_connections 1024; }}
http {{
{temp}
    uwsgi_temp_path {base / "uwsgi"};
    scgi_temp_path {base / "scgi"};
    include {base / "regie.conf"};
}}
"""
    )
    return main


class Receiver(ThreadingHTTPServer):
    """A loopback webhook receiver that keeps every delivery it gets."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ReceiverHandler)
        self.secret = ""
        self.lock = threading.Lock()
        self.got: list[dict[str, Any]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hooks/regie"


class _ReceiverHandler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", "0"))).decode()
        msg_id = self.headers["webhook-id"]
        expected = signing.sign(
            self.server.secret, msg_id, int(self.headers["webhook-timestamp"]), body
        )
        with self.server.lock:
            self.server.got.append(
                {
                    "id": msg_id,
                    "body": json.loads(body),
                    "valid": self.headers["webhook-signature"] == expected,
                }
            )
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


# --- the load ----------------------------------------------------------------------------


@dataclass
class Outcome:
    at: float
    via: str  # "nginx", or the instance reached directly
    method: str
    path: str
    status: int | None  # None: no answer (connection refused or broken)


class Load:
    """Writers creating (with Idempotency-Keys), patching and reading actors through nginx,
    some creates replayed straight at each instance, and a follower of the change feed."""

    def __init__(self, proxy: str, instances: list[Instance], token: str) -> None:
        self.proxy = proxy
        self.instances = instances
        self.headers = {"Authorization": f"Bearer {token}"}
        self.stop = threading.Event()  # writers: finish the operation at hand, then stop
        self.written = threading.Event()  # follower: every writer has stopped
        self.lock = threading.Lock()
        self.outcomes: list[Outcome] = []
        self.unexpected: list[str] = []
        self.created: dict[str, tuple[str, str]] = {}  # key -> (name, id)
        self.replays_across_instances = 0
        self.retried_creates = 0
        self.patches: dict[str, list[str]] = defaultdict(list)  # id -> descriptions set
        self.direct_posts: Counter[str] = Counter()  # instance -> answered replays
        self.followed: list[dict[str, Any]] = []
        self.request_ids: list[str] = []

    # one request, recorded
    def call(self, client: httpx.Client, via: str, method: str, path: str, **kw: Any) -> Any:
        headers = {**self.headers, **kw.pop("headers", {})}
        try:
            r = client.request(method, path, headers=headers, **kw)
            status: int | None = r.status_code
        except httpx.TransportError:
            r, status = None, None
        with self.lock:
            self.outcomes.append(Outcome(time.monotonic(), via, method, path, status))
        return r

    def fail(self, what: str) -> None:
        with self.lock:
            self.unexpected.append(what)

    def run(self) -> list[threading.Thread]:
        threads = [
            threading.Thread(target=self._writer, args=(i,), name=f"writer-{i}", daemon=True)
            for i in range(WRITERS)
        ]
        threads.append(threading.Thread(target=self._follower, name="follower", daemon=True))
        for t in threads:
            t.start()
        return threads

    def _writer(self, i: int) -> None:
        rng = random.Random(i)
        mine: list[str] = []
        with httpx.Client(base_url=self.proxy, timeout=20) as c:
            n = 0
            while not self.stop.is_set():
                n += 1
                try:
                    if n % 4 in (1, 2) or not mine:
                        self._create(c, i, n, mine)
                    elif n % 4 == 3:
                        self._patch(c, rng.choice(mine), f"versie {i}-{n}")
                    else:
                        self._read(c, rng.choice(mine))
                except Exception as exc:
                    self.fail(f"writer {i}: {exc!r}")
                    return
                time.sleep(0.01)  # a busy office, not a benchmark

    def _create(self, c: httpx.Client, i: int, n: int, mine: list[str]) -> None:
        key = uuid.uuid4().hex
        name = f"Proefbedrijf {i}-{n} (fictief)"
        body = {"name": name, "kind": "maatwerkbedrijf", "fictional": True}
        rid = uuid.uuid4().hex
        tries = 0
        for tries in range(1, 41):  # noqa: B007 - counted for the report below
            r = self.call(
                c,
                "nginx",
                "POST",
                "/api/v1/actors",
                json=body,
                headers={"Idempotency-Key": key, "X-Request-ID": rid},
            )
            if r is not None and r.status_code == 201:
                break
            if r is None or r.status_code not in EXPECTED_DURING_KILL:
                self.fail(f"create {name}: {r.status_code if r else 'no answer'}")
                return
            time.sleep(0.1)  # the client's retry, with the same key
        else:
            self.fail(f"create {name}: never succeeded")
            return
        record = r.json()["id"]
        with self.lock:
            self.created[key] = (name, record)
            self.request_ids.append(rid)
            self.retried_creates += tries > 1
        mine.append(record)
        if n % 3 == 0:  # the same request again, straight at each instance
            for inst in self.instances:
                with httpx.Client(base_url=inst.url, timeout=20) as direct:
                    again = self.call(
                        direct,
                        inst.name,
                        "POST",
                        "/api/v1/actors",
                        json=body,
                        headers={"Idempotency-Key": key},
                    )
                if again is None:
                    continue  # that instance is down right now
                with self.lock:
                    self.direct_posts[inst.name] += 1
                if again.status_code != 201 or again.json()["id"] != record:
                    self.fail(f"replay of {key} on {inst.name}: {again.status_code} {again.text}")
                elif again.headers.get("idempotent-replayed") != "true":
                    self.fail(f"replay of {key} on {inst.name} was not a replay")
                else:
                    with self.lock:
                        self.replays_across_instances += 1

    def _patch(self, c: httpx.Client, record: str, description: str) -> None:
        path = f"/api/v1/actors/{record}"
        for _ in range(40):
            got = self.call(c, "nginx", "GET", path)
            if got is None or got.status_code != 200:
                if got is None or got.status_code not in EXPECTED_DURING_KILL:
                    self.fail(f"GET {path}: {got.status_code if got else 'no answer'}")
                    return
                time.sleep(0.1)
                continue
            if got.json()["description"] == description:
                break  # an earlier attempt did reach the database before its 502
            r = self.call(
                c,
                "nginx",
                "PATCH",
                path,
                json={"description": description},
                headers={"If-Match": got.headers["etag"]},
            )
            if r is not None and r.status_code == 200:
                break
            if r is None or r.status_code not in EXPECTED_DURING_KILL:
                self.fail(f"PATCH {path}: {r.status_code if r else 'no answer'} {r and r.text}")
                return
            time.sleep(0.1)
        else:
            self.fail(f"PATCH {path}: never succeeded, last {r and r.status_code}")
            return
        with self.lock:
            self.patches[record].append(description)

    def _read(self, c: httpx.Client, record: str) -> None:
        for path in ("/api/v1/actors?limit=20", f"/api/v1/actors/{record}"):
            r = self.call(c, "nginx", "GET", path)
            if r is None or (r.status_code != 200 and r.status_code not in EXPECTED_DURING_KILL):
                self.fail(f"GET {path}: {r.status_code if r else 'no answer'}")

    def _follower(self) -> None:
        """Polls the feed through nginx with its cursor, as a client system would."""
        cursor = "0"
        with httpx.Client(base_url=self.proxy, timeout=20) as c:
            while True:
                stopping = self.written.is_set()
                r = self.call(c, "nginx", "GET", "/api/v1/changes", params={"cursor": cursor})
                if r is None or r.status_code != 200:
                    if r is None or r.status_code not in EXPECTED_DURING_KILL:
                        self.fail(f"feed: {r.status_code if r else 'no answer'}")
                        return
                    continue
                page = r.json()
                self.followed.extend(page["items"])
                cursor = page["next_cursor"]
                if not page["items"]:
                    if stopping:
                        return  # the writers had stopped before this empty poll began
                    time.sleep(0.05)


def read_feed(base: str, token: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = "0"
    with httpx.Client(base_url=base, timeout=20) as c:
        while True:
            r = c.get(
                "/api/v1/changes",
                params={"cursor": cursor, "limit": 500},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert r.status_code == 200, r.text
            page = r.json()
            if not page["items"]:
                return items
            items.extend(page["items"])
            cursor = page["next_cursor"]


def scrape(instance: Instance) -> str:
    r = httpx.get(f"{instance.url}/metrics", timeout=10)
    assert r.status_code == 200, r.text
    return r.text


def metric_sum(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        series, _, value = line.rpartition(" ")
        if all(f'{k}="{v}"' in series for k, v in labels.items()):
            total += float(value)
    return total


# --- the test ----------------------------------------------------------------------------


@pytest.fixture
def workdir() -> Iterator[Path]:
    # Short and world-readable: PostgreSQL (another user when run as root) puts its socket in
    # here, and nginx's workers read the SPA root.
    base = Path(tempfile.mkdtemp(prefix="regie-deploy-"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_two_instances_behind_nginx_lose_and_double_nothing_when_one_is_killed(
    workdir: Path,
) -> None:
    cleanup: list[Any] = []
    try:
        _scenario(workdir, cleanup)
    except BaseException:
        kept = Path(tempfile.mkdtemp(prefix="regie-deploy-failed-"))
        for log in ("a.log", "b.log", "nginx/error.log", "nginx/access.log", "pg/log"):
            path = workdir / log
            if path.exists():
                shutil.copy(path, kept / log.replace("/", "-"))
                tail = path.read_text(errors="replace").splitlines()[-10:]
                print(f"--- {log}", *tail, sep="\n", file=sys.stderr)
        print(f"--- the logs are kept in {kept}", file=sys.stderr)
        raise
    finally:
        for undo in reversed(cleanup):
            try:
                undo()
            except Exception as exc:
                print(f"cleanup: {exc!r}", file=sys.stderr)


def _scenario(base: Path, cleanup: list[Any]) -> None:
    # PostgreSQL of its own, and an empty database.
    pg_dir = base / "pg"
    server = subprocess.run(
        [str(ROOT / "scripts" / "pg.sh"), "start", str(pg_dir)],
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
    ).stdout.strip()
    cleanup.append(
        lambda: subprocess.run([str(ROOT / "scripts" / "pg.sh"), "stop", str(pg_dir)], timeout=60)
    )
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(sa.text("CREATE DATABASE regie"))
    db_url = sa.make_url(server).set(database="regie").render_as_string(hide_password=False)
    db = sa.create_engine(db_url, poolclass=NullPool)
    cleanup.append(db.dispose)

    env = {k: v for k, v in os.environ.items() if not k.startswith("REGIE_")}
    env.update(
        REGIE_ENV="production",
        REGIE_DATABASE_URL=db_url,
        REGIE_SECRET_KEY=secrets.token_urlsafe(48),
        REGIE_LOG_FORMAT="json",
        REGIE_WEBHOOK_WORKER="true",
        REGIE_WEBHOOK_ALLOW_PRIVATE="true",  # the receiver is on loopback
        REGIE_GRACEFUL_TIMEOUT="5",
        REGIE_DB_POOL_SIZE="5",
        REGIE_SPA_DIR=str(base / "no-spa"),
        # Counted in the database by every instance, but far above this load.
        REGIE_RATE_LIMIT_WRITES="100000",
        REGIE_RATE_LIMIT_ANONYMOUS_READS="100000",
    )
    a = Instance("a", env, base / "a.log")
    b = Instance("b", env, base / "b.log")
    cleanup += [a.cleanup, b.cleanup]

    # An instance that starts before the migration is alive but not ready.
    a.start()
    a.up()
    early = httpx.get(f"{a.url}/readyz", timeout=5)
    assert early.status_code == 503
    assert early.json()["detail"].startswith("schema at None")

    # Two migrations at once: both wait for the advisory lock, one migrates, both succeed.
    with db.connect() as held:
        held.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
        held.commit()
        migrations = [
            subprocess.Popen(
                [*REGIE, "db", "upgrade"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(2)
        ]
        cleanup += [m.kill for m in migrations]
        waiting = sa.text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = 'regie' "
            "AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
        )

        def queued() -> bool:
            with db.connect() as conn:  # pg_stat_activity is a snapshot per transaction
                return conn.scalar(waiting) == 2

        wait_for("two migrations queued on the lock", queued)
        held.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
        held.commit()
    outputs = []
    for m in migrations:
        out, err = m.communicate(timeout=120)
        assert m.returncode == 0, err.decode()
        assert out == b""  # logs go to standard error
        outputs.append(err.decode().splitlines())
    head = _head()
    revisions = _revision_count()
    ran = []
    for lines in outputs:
        assert lines[-1] == f"database at {head} (head {head})"
        logs = [json.loads(line) for line in lines[:-1]]
        ran.append(sum(e["message"].startswith("Running upgrade") for e in logs))
    assert sorted(ran) == [0, revisions]  # one process migrated, the other found it done
    with db.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).all() == [(head,)]

    # The readiness gate opens without a restart; the second instance starts on the new schema.
    a.ready()
    b.start()
    b.ready()

    # nginx in front, with the compose file's own configuration.
    nginx_dir = base / "nginx"
    nginx_dir.mkdir()
    spa = base / "spa"
    spa.mkdir()
    (spa / "index.html").write_text("<!doctype html><title>Regie</title>")
    nginx_port, tls_port = free_port(), free_port()
    conf = nginx_config(nginx_dir, nginx_port, [a.addr, b.addr], spa, tls_port)
    nginx = nginx_binary()
    checked = subprocess.run(
        [nginx, "-t", "-p", str(nginx_dir), "-c", str(conf), "-e", str(nginx_dir / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert checked.returncode == 0, checked.stderr
    proxy_proc = subprocess.Popen(
        [nginx, "-p", str(nginx_dir), "-c", str(conf), "-e", str(nginx_dir / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def stop_nginx() -> None:
        if proxy_proc.poll() is None:
            proxy_proc.send_signal(signal.SIGQUIT)
            try:
                proxy_proc.wait(10)
            except subprocess.TimeoutExpired:
                proxy_proc.kill()

    cleanup.append(stop_nginx)
    proxy = f"http://127.0.0.1:{nginx_port}"
    wait_for(
        "nginx",
        lambda: httpx.get(f"{proxy}/readyz", timeout=1).status_code == 200,
        proc=proxy_proc,
    )
    assert httpx.get(f"{proxy}/metrics", timeout=5).status_code == 404  # per instance only
    assert "Regie" in httpx.get(f"{proxy}/plan/acties", timeout=5).text  # SPA from nginx

    # A W13 login, through nginx; a webhook subscription for actors to a loopback receiver.
    made = subprocess.run(
        [*REGIE, "users", "create", "--email", "w13-schaal@example.org", "--role", "w13"],
        cwd=ROOT,
        env={**env, "REGIE_PASSWORD": PASSWORD},
        capture_output=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    login = httpx.post(
        f"{proxy}/api/v1/auth/token",
        data={"grant_type": "password", "username": "w13-schaal@example.org", "password": PASSWORD},
        timeout=10,
    )
    assert login.status_code == 200, login.text
    token = login.json()["access_token"]
    receiver = Receiver()
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    cleanup.append(receiver.shutdown)
    hook = httpx.post(
        f"{proxy}/api/v1/webhooks",
        json={"url": receiver.url, "resources": ["actors"], "description": "schaaltest"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert hook.status_code == 201, hook.text
    receiver.secret = hook.json()["secret"]

    # The load, with instance b killed and restarted in the middle.
    load = Load(proxy, [a, b], token)
    # The load's threads end when the test does, failed or not.
    cleanup += [load.stop.set, load.written.set]
    threads = load.run()
    time.sleep(3)
    killed_at = time.monotonic()
    killed_wall = datetime.now(UTC)
    b.kill()
    time.sleep(0.5)
    b.start()
    b.ready(timeout=120)  # a busy CI machine can take long to import the app
    back_at = time.monotonic()
    # Deliveries b had claimed when it died wait for their lease (60 s) to run out; a's own
    # claims from before the kill are long settled by now. Age b's claims by the lease rather
    # than wait: what follows is exactly what happens a minute later in production.
    time.sleep(max(0.0, killed_at + 2.5 - time.monotonic()))
    with db.begin() as conn:
        stranded = {
            str(row.id)
            for row in conn.execute(
                sa.text(
                    "UPDATE webhook_deliveries SET claimed_at = claimed_at - interval '61 seconds'"
                    " WHERE status = 'pending' AND claim_token IS NOT NULL"
                    " AND claimed_at <= :killed RETURNING id"
                ),
                {"killed": killed_wall},
            )
        }
    time.sleep(max(0.0, back_at + 4 - time.monotonic()))
    load.stop.set()
    for t in threads[:-1]:
        t.join(60)
        assert not t.is_alive(), t.name
    load.written.set()
    threads[-1].join(60)
    assert not threads[-1].is_alive()
    assert load.unexpected == []

    # Only nginx's 502/503 for requests in flight on b when it died; nothing else failed.
    answered = [o for o in load.outcomes if o.via == "nginx"]
    bad = [o for o in answered if o.status not in OK]
    assert all(o.status in EXPECTED_DURING_KILL for o in bad), bad
    assert all(killed_at <= o.at <= back_at + 1 for o in bad), bad
    assert all(
        killed_at <= o.at <= back_at for o in load.outcomes if o.status is None
    )  # only b, straight, while it was down
    assert len(answered) > 200

    # No write lost or doubled; every replay across instances gave the first answer.
    created = load.created
    assert len(created) > 30
    assert load.replays_across_instances > 5
    with db.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT id, name, description FROM actors WHERE name LIKE 'Proefbedrijf %'")
        ).all()
    by_name = Counter(r.name for r in rows)
    assert [n for n, k in by_name.items() if k > 1] == []
    assert {(r.name, str(r.id)) for r in rows} == set(created.values())
    last_patch = {record: values[-1] for record, values in load.patches.items()}
    for r in rows:
        if str(r.id) in last_patch:
            assert r.description == last_patch[str(r.id)]

    # The change feed: complete, ordered, the same through either instance and nginx, and the
    # same as what a client following it through nginx during the kill saw.
    feeds = [read_feed(base_url, token) for base_url in (a.url, b.url, proxy)]
    assert feeds[0] == feeds[1] == feeds[2]
    feed = feeds[0]
    seqs = [c["seq"] for c in feed]
    assert seqs == sorted(set(seqs))
    assert load.followed == feed
    actor_changes = [c for c in feed if c["resource"] == "actors"]
    per_record = Counter(c["id"] for c in actor_changes)
    assert set(per_record) == {record for _, record in created.values()}
    for _, record in created.values():
        assert per_record[record] == 1 + len(load.patches.get(record, []))
        versions = [c["version"] for c in actor_changes if c["id"] == record]
        assert versions == list(range(1, len(versions) + 1))

    # Each webhook delivered once: one outbox row per change, all delivered, each received once
    # (a delivery b was sending when it died may come again, with the same webhook-id).
    def drained() -> bool:
        with db.connect() as conn:
            return not conn.scalar(
                sa.text("SELECT count(*) FROM webhook_deliveries WHERE status <> 'delivered'")
            )

    wait_for("the outbox to drain", drained, timeout=30)
    with db.connect() as conn:
        deliveries = conn.execute(sa.text("SELECT id, seq FROM webhook_deliveries")).all()
    assert sorted(d.seq for d in deliveries) == [c["seq"] for c in actor_changes]
    with receiver.lock:
        got = list(receiver.got)
    assert all(g["valid"] for g in got)
    times = Counter(g["id"] for g in got)
    assert set(times) == {str(d.id) for d in deliveries}
    assert {i for i, k in times.items() if k > 1} <= stranded
    assert all(k <= 2 for k in times.values())
    seq_of = {g["id"]: g["body"]["data"]["seq"] for g in got}
    assert sorted(seq_of.values()) == [c["seq"] for c in actor_changes]

    # Metrics: a (never killed) counted exactly what nginx sent it; b counts since its restart.
    log = json_lines(nginx_dir / "access.log")
    to_a: Counter[tuple[str, str]] = Counter()
    for e in log:
        if e["upstream"].split(", ")[-1] != a.addr:
            continue
        if e["path"] == "/api/v1/actors":
            to_a["POST" if e["method"] == "POST" else "GET list", "/api/v1/actors"] += 1
        elif UUID_PATH.match(e["path"]):
            to_a[e["method"], "/api/v1/actors/{record_id}"] += 1
    text_a = scrape(a)
    total = "regie_http_requests_total"
    assert metric_sum(text_a, total, method="POST", route="/api/v1/actors") == (
        to_a["POST", "/api/v1/actors"] + load.direct_posts["a"]
    )
    for method in ("GET", "PATCH"):
        route = "/api/v1/actors/{record_id}"
        assert metric_sum(text_a, total, method=method, route=route) == to_a[method, route]
    assert metric_sum(text_a, "regie_webhook_outbox_deliveries", status="pending") == 0
    assert metric_sum(text_a, "regie_database_up") == 1
    text_b = scrape(b)
    assert metric_sum(text_b, "process_start_time_seconds") > time.time() - (
        time.monotonic() - killed_at
    )
    assert metric_sum(text_b, total, method="POST", route="/api/v1/actors") > 0

    # JSON logs: nginx and the instance that answered share the request id of a create.
    rid = load.request_ids[-1]
    (edge,) = [e for e in log if e["request_id"] == rid and e["status"] == 201]
    api_lines = [
        e
        for inst in (a, b)
        for e in json_lines(inst.log)
        if e.get("request_id") == rid and e["logger"] == "regie.access"
    ]
    assert [e["status"] for e in api_lines][-1] == 201
    assert api_lines[-1]["route"] == "/api/v1/actors"
    assert api_lines[-1]["principal_kind"] == "user"
    assert edge["upstream_status"].split(", ")[-1] == "201"

    _edge(proxy, f"https://127.0.0.1:{tls_port}", token, [a, b], nginx_dir / "access.log")

    print(
        f"scale-out: {len(answered)} requests through nginx, {len(bad)} answered 502/503 "
        f"during the kill, {len(created)} creates ({load.retried_creates} retried after a 502, "
        f"{load.replays_across_instances} replays straight at an instance), "
        f"{sum(map(len, load.patches.values()))} patches, {len(feed)} feed entries, "
        f"{len(got)} webhook receipts for {len(deliveries)} deliveries "
        f"({len(stranded)} left claimed by the killed instance); b back after "
        f"{back_at - killed_at:.1f} s",
        file=sys.stderr,
    )

    # Graceful shutdown: on SIGTERM uvicorn stops accepting, lets requests in flight finish,
    # the outbox workers stop after their batch; then it ends by the signal it received.
    for inst in (a, b):
        assert inst.terminate(timeout=20) == -signal.SIGTERM
        lines = json_lines(inst.log)
        messages = [e["message"] for e in lines]
        # Readiness probes read the schema's revision quietly.
        assert not [e for e in lines if e["logger"] == "alembic.runtime.migration"]
        for worker in ("webhooks", "mail"):  # each outbox's worker stops after its batch
            assert f"{worker} worker stopped" in messages
            assert messages.index(f"{worker} worker stopped") > messages.index("Shutting down")
        assert messages[-1].startswith("Finished server process")


def _edge(proxy: str, tls: str, token: str, instances: list[Instance], access: Path) -> None:
    """What a client controls at the edge: forwarded headers, header sizes; HSTS over TLS."""
    # A new X-Forwarded-For (and Forwarded, X-Real-IP) on every try resets nothing: the login
    # throttle counts the address nginx saw, and that is the address the API logs.
    rids = [uuid.uuid4().hex for _ in range(6)]
    statuses = []
    for i, rid in enumerate(rids):
        r = httpx.post(
            f"{proxy}/api/v1/auth/token",
            data={"grant_type": "password", "username": "spoof@example.org", "password": "fout"},
            headers={
                "X-Request-ID": rid,
                "X-Forwarded-For": f"203.0.113.{i + 1}",
                "Forwarded": f"for=198.51.100.{i + 1}",
                "X-Real-IP": f"192.0.2.{i + 1}",
            },
            timeout=10,
        )
        statuses.append(r.status_code)
    assert statuses == [401] * 5 + [429], statuses

    def access_lines() -> list[dict[str, Any]]:
        return [
            e
            for inst in instances
            for e in json_lines(inst.log)
            if e.get("request_id") in rids and e["logger"] == "regie.access"
        ]

    wait_for("the logins' log lines", lambda: len(access_lines()) == 6, timeout=10)
    assert {e["client"] for e in access_lines()} == {"127.0.0.1"}, access_lines()
    edge = [e for e in json_lines(access) if e["request_id"] in rids]
    assert {e["client"] for e in edge} == {"127.0.0.1"}

    # X-Forwarded-Proto/-Host from the client do not change the links the API builds.
    auth = {"Authorization": f"Bearer {token}"}
    spoofed = {**auth, "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}
    r = httpx.get(f"{proxy}/api/v1/actors", params={"limit": 1}, headers=spoofed, timeout=10)
    assert r.status_code == 200 and r.headers["link"].startswith(f"<{proxy}/"), r.headers
    # Over TLS the links are https (nginx's own X-Forwarded-Proto), and every answer, the
    # API's and the SPA's, carries HSTS; over plain HTTP none does (browsers ignore it there).
    with httpx.Client(verify=False, timeout=10) as c:  # the test's own certificate
        r = c.get(f"{tls}/api/v1/actors", params={"limit": 1}, headers=auth)
        assert r.status_code == 200 and r.headers["link"].startswith(f"<{tls}/"), r.headers
        for path in ("/api/v1/actors", "/readyz", "/plan/acties", "/assets/none.js"):
            hsts = c.get(f"{tls}{path}").headers.get("strict-transport-security")
            assert hsts == "max-age=31536000; includeSubDomains", path
    for path in ("/readyz", "/plan/acties"):
        assert "strict-transport-security" not in httpx.get(f"{proxy}{path}", timeout=10).headers

    # nginx bounds each header line (8 KiB) before the API sees it.
    fits = httpx.get(f"{proxy}/readyz", headers={"X-Pad": "p" * 6000}, timeout=10)
    assert fits.status_code == 200
    big = httpx.get(f"{proxy}/readyz", headers={"X-Pad": "p" * 9000}, timeout=10)
    assert big.status_code == 400 and "regie.access" not in big.text


def _head() -> str:
    from api.migrate import head_revision

    head = head_revision()
    assert head
    return head


def _revision_count() -> int:
    from alembic.script import ScriptDirectory

    return len(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))
