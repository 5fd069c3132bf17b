"""Operations: JSON logs with request ids, Prometheus metrics at /metrics and who may read
them, and the settings `regie serve` hands to uvicorn."""

from __future__ import annotations

import io
import json
import logging
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api import cli
from api.core.config import Settings, get_settings
from api.core.db import session_scope
from api.core.logging import (
    JsonFormatter,
    RequestContextFilter,
    TextFormatter,
    log_config,
    log_format,
)
from api.core.principal import SYSTEM
from api.main import create_app
from api.models.webhook import Webhook

LOOPBACK = ("127.0.0.1", 40000)
NO_SUCH = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def log_lines() -> Iterator[Callable[[], list[dict[str, Any]]]]:
    """Everything logged while the test runs, as the JSON formatter writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContextFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def app_with(**settings: Any) -> Any:
    return create_app(get_settings().model_copy(update=settings))


def scrape(app: Any, **kwargs: Any) -> str:
    with TestClient(app, client=LOOPBACK) as c:
        r = c.get("/metrics", **kwargs)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain")
    return r.text


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one series of the exposition text (0 when absent)."""
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        series, _, value = line.rpartition(" ")
        metric, _, rest = series.partition("{")
        got = ",".join(sorted(rest.rstrip("}").split(","))) if rest else ""
        if metric == name and got == want:
            return float(value)
    return 0.0


# --- logs --------------------------------------------------------------------------------


def test_request_line_is_json_with_request_id_route_and_principal(
    client: TestClient,
    make_user: Callable[..., dict[str, Any]],
    log_lines: Callable[[], list[dict[str, Any]]],
) -> None:
    user = make_user("w13")
    r = client.get(
        f"/api/v1/actors/{NO_SUCH}", headers={**user["headers"], "X-Request-ID": "proef-42"}
    )
    assert r.status_code == 404
    assert r.headers["x-request-id"] == "proef-42"
    (line,) = [e for e in log_lines() if e["logger"] == "regie.access"]
    assert line["request_id"] == "proef-42"
    assert line["level"] == "info"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$", line["time"])
    assert line["method"] == "GET"
    assert line["path"] == f"/api/v1/actors/{NO_SUCH}"
    assert line["route"] == "/api/v1/actors/{record_id}"
    assert line["status"] == 404
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["principal_kind"] == "user"
    assert line["principal_subject"] == str(user["id"])
    assert line["message"] == f"GET /api/v1/actors/{NO_SUCH} 404 {line['duration_ms']:.1f}ms"


def test_anonymous_request_gets_an_id_and_no_principal_fields(
    client: TestClient, log_lines: Callable[[], list[dict[str, Any]]]
) -> None:
    r = client.get("/healthz", headers={"X-Request-ID": "not a valid id!"})
    rid = r.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", rid)
    (line,) = [e for e in log_lines() if e["logger"] == "regie.access"]
    assert line["request_id"] == rid
    assert "principal_kind" not in line and "principal_subject" not in line


def test_lines_logged_inside_a_request_carry_its_id(
    log_lines: Callable[[], list[dict[str, Any]]],
) -> None:
    app = create_app()

    @app.get("/_logs_something")
    def something() -> dict[str, str]:
        logging.getLogger("regie.somewhere").warning("iets gebeurd")
        return {}

    with TestClient(app) as c:
        c.get("/_logs_something", headers={"X-Request-ID": "binnen-1"})
    (line,) = [e for e in log_lines() if e["logger"] == "regie.somewhere"]
    assert line["request_id"] == "binnen-1"
    assert line["level"] == "warning"
    assert line["message"] == "iets gebeurd"


def test_exceptions_stay_on_one_line() -> None:
    try:
        raise RuntimeError("kapot")
    except RuntimeError:
        record = logging.LogRecord("regie", logging.ERROR, __file__, 1, "faalde", (), None)
        import sys

        record.exc_info = sys.exc_info()
    out = JsonFormatter().format(record)
    assert "\n" not in out
    entry = json.loads(out)
    assert "RuntimeError: kapot" in entry["exception"]


def test_text_format_for_people_names_the_request() -> None:
    record = logging.LogRecord("regie.access", logging.INFO, __file__, 1, "GET / 200", (), None)
    record.request_id = "abc"
    line = TextFormatter().format(record)
    assert line.endswith("INFO    regie.access: GET / 200 [rid=abc]")


def test_format_is_json_in_production_and_text_elsewhere_unless_set() -> None:
    secret = "x" * 40
    assert log_format(Settings(env="production", secret_key=secret)) == "json"
    assert log_format(Settings(env="development")) == "text"
    assert log_format(Settings(env="development", log_format="json")) == "json"
    assert log_format(Settings(env="production", secret_key=secret, log_format="text")) == "text"


def test_uvicorn_logs_through_the_same_handler() -> None:
    import logging.config

    config = log_config(Settings(env="development", log_format="json", log_level="debug"))
    stream = io.StringIO()
    logging.config.dictConfig(config)
    try:
        root = logging.getLogger()
        assert root.level == logging.DEBUG
        (handler,) = root.handlers
        assert isinstance(handler.formatter, JsonFormatter)
        handler.setStream(stream)  # type: ignore[attr-defined]
        logging.getLogger("uvicorn.error").info("Started server process [1]")
        logging.getLogger("uvicorn.access").info("would duplicate the request line")
    finally:
        root.handlers.clear()
        root.setLevel(logging.WARNING)
    (entry,) = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert entry["logger"] == "uvicorn.error"
    assert entry["message"] == "Started server process [1]"


def test_logs_go_to_the_standard_error_of_the_moment(capsys: pytest.CaptureFixture[str]) -> None:
    """Commands print their results on standard output; logs must not mix into them."""
    import logging.config

    logging.config.dictConfig(log_config(Settings(env="development", log_format="json")))
    try:
        logging.getLogger("regie.proef").warning("naar stderr")
    finally:
        root = logging.getLogger()
        root.handlers.clear()
        root.setLevel(logging.WARNING)
    out, err = capsys.readouterr()
    assert out == ""
    assert json.loads(err)["message"] == "naar stderr"


# --- metrics -----------------------------------------------------------------------------


def test_requests_are_counted_by_route_template_and_status() -> None:
    app = create_app()
    before = scrape(app)
    with TestClient(app) as c:
        for _ in range(3):
            assert c.get(f"/api/v1/actors/{uuid.uuid4()}").status_code == 404
        assert c.get("/api/v1/actors").status_code == 200
    after = scrape(app)
    labels = {"method": "GET", "route": "/api/v1/actors/{record_id}", "status": "404"}
    count = "regie_http_requests_total"
    assert sample(after, count, **labels) - sample(before, count, **labels) == 3
    duration = "regie_http_request_duration_seconds_count"
    assert sample(after, duration, **labels) - sample(before, duration, **labels) == 3
    listing = {"method": "GET", "route": "/api/v1/actors", "status": "200"}
    assert sample(after, count, **listing) - sample(before, count, **listing) == 1
    # Raw paths never become label values.
    assert NO_SUCH not in after and "/api/v1/actors/0" not in after


def test_unmatched_paths_share_one_label() -> None:
    app = create_app()
    with TestClient(app) as c:
        c.get("/wp-login.php")
        c.get("/api/v1/bestaat-niet")
    text = scrape(app)
    assert "wp-login" not in text and "bestaat-niet" not in text
    # The SPA's fallback may answer the first (200 with index.html) when client/dist is built.
    unmatched = [
        sample(text, "regie_http_requests_total", method="GET", route="<unmatched>", status=s)
        for s in ("200", "404")
    ]
    assert unmatched[1] >= 1 and sum(unmatched) >= 2


def test_pool_process_and_outbox_backlog(client: TestClient, w13: dict[str, str]) -> None:
    with session_scope(principal=SYSTEM) as session:
        session.add(Webhook(url="https://w13.example.org/hooks", secret="whsec_dGVzdA=="))
    for name in ("Kringwinkel Proef", "Atelier Proef"):
        body = {"name": f"{name} (fictief)", "kind": "maatwerkbedrijf"}
        assert client.post("/api/v1/actors", json=body, headers=w13).status_code == 201
    text = scrape(create_app())
    assert sample(text, "regie_webhook_outbox_deliveries", status="pending") == 2
    assert sample(text, "regie_webhook_outbox_deliveries", status="failed") == 0
    assert sample(text, "regie_database_up") == 1
    assert sample(text, "regie_db_pool_size") >= 1
    for name in ("regie_db_pool_checked_out", "regie_db_pool_checked_in", "regie_db_pool_overflow"):
        assert re.search(rf"^{name} \d", text, re.M), name
    assert sample(text, "process_resident_memory_bytes") > 0
    assert sample(text, "process_start_time_seconds") > 0


def test_metrics_answer_loopback_and_refuse_other_hosts_without_token() -> None:
    app = create_app()
    scrape(app)
    with TestClient(app) as c:  # the test client's address is "testclient", not loopback
        r = c.get("/metrics")
    assert r.status_code == 403
    assert r.headers["content-type"] == "application/problem+json"
    # Through a proxy on the same machine: not loopback any more.
    with TestClient(app, client=LOOPBACK) as c:
        assert c.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 403


def test_metrics_token_opens_them_to_other_hosts() -> None:
    app = app_with(metrics_token="scrape-me-0123456789")
    with TestClient(app) as c:
        missing = c.get("/metrics")
        wrong = c.get("/metrics", headers={"Authorization": "Bearer scrape-me-012345678"})
        right = c.get("/metrics", headers={"Authorization": "Bearer scrape-me-0123456789"})
    assert missing.status_code == wrong.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert right.status_code == 200
    assert "regie_http_requests_total" in right.text


def test_metrics_are_outside_the_api_and_its_document(client: TestClient) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert not [p for p in doc["paths"] if "metrics" in p]
    assert client.get("/api/v1/metrics").status_code == 404


# --- regie serve -------------------------------------------------------------------------


def test_serve_hands_logging_shutdown_and_proxy_settings_to_uvicorn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setattr("api.core.logging.configure_logging", lambda settings: None)
    assert cli.main(["serve", "--port", "8123"]) == 0
    assert cli.main(["serve", "--graceful-timeout", "7", "--forwarded-allow-ips", "10.0.0.5"]) == 0
    default, custom = calls
    assert default["port"] == 8123
    assert default["timeout_graceful_shutdown"] == get_settings().graceful_timeout == 30
    assert default["forwarded_allow_ips"] == "127.0.0.1"
    assert default["proxy_headers"] is True
    assert default["access_log"] is False
    assert default["log_config"]["root"]["handlers"] == ["default"]
    assert custom["timeout_graceful_shutdown"] == 7
    assert custom["forwarded_allow_ips"] == "10.0.0.5"
