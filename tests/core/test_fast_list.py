"""The plain reads of a list or of one record are answered before FastAPI routes them
(`api.core.fastlist`): for every list and record, every role and every kind of request, the
answer is the route's own, status, bytes and headers; what it cannot answer as the route would
reaches the route."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.core import fastlist
from api.core.routing import LISTS, RECORDS
from api.seed.loader import load_dataset
from tests.conftest import token_for

Headers = dict[str, str]
KORTRIJK_AREA = "34013"


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the fast path answered each request (True) or left it to the route (False)."""
    seen: list[bool] = []
    for name in ("_answer", "_answer_record"):
        answer = getattr(fastlist, name)

        def watched(*args: Any, answer: Any = answer) -> Any:
            response = answer(*args)
            seen.append(response is not None)
            return response

        monkeypatch.setattr(fastlist, name, watched)
    return seen


def _callers(engine: sa.Engine, make_user: Callable[..., dict[str, Any]]) -> dict[str, Headers]:
    with engine.connect() as conn:
        actor = conn.execute(sa.text("SELECT id FROM actors ORDER BY name LIMIT 1")).scalar()
    return {
        "w13": make_user("w13")["headers"],
        "rose": make_user("rose_member", actor=uuid.UUID(str(actor)))["headers"],
        "municipality": make_user("municipality", municipality=KORTRIJK_AREA)["headers"],
        "anonymous": {},
    }


def _fast_and_routed(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, taken: list[bool], url: str, sent: Headers
) -> tuple[Any, bool]:
    """The answer with the fast path, and whether it gave it; the same request answered by the
    route alone must be equal to it, status, bytes and headers."""
    taken.clear()
    fast = client.get(url, headers=sent)
    answered = taken == [True]
    with monkeypatch.context() as routed_only:
        routed_only.setattr(fastlist, "_answer", lambda *_: None)
        routed_only.setattr(fastlist, "_answer_record", lambda *_: None)
        routed = client.get(url, headers=sent)
    assert _answer(fast) == _answer(routed), (url, sent)
    return fast, answered


def _answer(r: Any) -> tuple[int, bytes, dict[str, str]]:
    headers = {k: v for k, v in r.headers.items() if k != "x-request-id"}
    return r.status_code, r.content, headers


def _under_a_parent(client: TestClient, w13: Headers, template: str) -> str | None:
    """`template`'s path with the id of a parent W13 can read (None: the dataset has none)."""
    if "{parent_id}" not in template:
        return f"/api/v1{template}"
    parent = template.split("/{parent_id}")[0]
    items = client.get(f"/api/v1{parent}?limit=1", headers=w13).json()["items"]
    return f"/api/v1{template.replace('{parent_id}', items[0]['id'])}" if items else None


def _urls(client: TestClient, w13: Headers) -> list[str]:
    """Every list, a nested one under a parent W13 can read."""
    paths = [_under_a_parent(client, w13, template) for template in sorted(LISTS)]
    return [f"{path}?limit=3" for path in paths if path is not None]


def test_every_list_answers_as_its_route(
    engine: sa.Engine,
    client: TestClient,
    make_user: Callable[..., dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    taken: list[bool],
) -> None:
    load_dataset()
    callers = _callers(engine, make_user)
    w13 = callers["w13"]
    urls = _urls(client, w13)
    assert len(urls) == len(LISTS)  # every list, the nested ones under a parent
    fast_answers = 0
    for url in urls:
        for name, headers in callers.items():
            first = client.get(url, headers=headers)
            tag = first.headers.get("etag", "")
            requests: list[tuple[str, Headers]] = [
                (url, headers),  # read again: the page cache
                (url, {**headers, "If-None-Match": tag}),  # 304
                (url.replace("limit=3", "limit=2"), headers),  # a first read
                (f"{url}&updated_since=2020-01-01T00:00:00Z", headers),  # a filter
                (url.replace("limit=3", "limit=0"), headers),  # 422
                (f"{url}&limit=1", headers),  # a parameter twice
                (url, {**headers, "Accept": "text/csv"}),
                (url, {"Authorization": "Bearer not-a-token"}),  # 401
            ]
            for target, sent in requests:
                fast, answered = _fast_and_routed(client, monkeypatch, taken, target, sent)
                fast_answers += answered
                if fast.status_code in (401, 403, 422) or "Accept" in sent:
                    assert not answered, (name, target, fast.status_code)
    assert fast_answers > 3 * len(urls)


def _record_urls(client: TestClient, w13: Headers) -> list[str]:
    """A record of every kind W13 can read, the nested ones under a parent."""
    urls = []
    for template in sorted(RECORDS):
        base = _under_a_parent(client, w13, template.removesuffix("/{record_id}"))
        items = client.get(f"{base}?limit=1", headers=w13).json()["items"] if base else []
        if items:
            urls.append(f"{base}/{items[0]['id']}")
    return urls


def test_every_record_answers_as_its_route(
    engine: sa.Engine,
    client: TestClient,
    make_user: Callable[..., dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    taken: list[bool],
) -> None:
    load_dataset()
    callers = _callers(engine, make_user)
    w13 = callers["w13"]
    urls = _record_urls(client, w13)
    assert len(urls) >= 12  # of 18: kinds the dataset holds no record of are skipped
    fast_answers = 0
    for url in urls:
        record_id = url.rsplit("/", 1)[1]
        for name, headers in callers.items():
            tag = client.get(url, headers=headers).headers.get("etag", "")
            requests: list[tuple[str, Headers]] = [
                (url, headers),
                (url, {**headers, "If-None-Match": tag}),  # 304
                (url, {**headers, "If-None-Match": '"v0"'}),  # another version: 200
                (url.replace(record_id, record_id.upper()), headers),  # the route's
                (f"{url}?fields=id", headers),  # a query: the route's
                (url.replace(record_id, str(uuid.uuid4())), headers),  # 404
                (url, {"Authorization": "Bearer not-a-token"}),  # 401
            ]
            for target, sent in requests:
                fast, answered = _fast_and_routed(client, monkeypatch, taken, target, sent)
                fast_answers += answered
                if fast.status_code >= 400 or target != url:
                    assert not answered, (name, target, fast.status_code)
    assert fast_answers > 2 * len(urls)


def test_only_plain_reads_of_valid_callers_are_taken(
    client: TestClient, w13: Headers, taken: list[bool]
) -> None:
    load_dataset()
    ok = "/api/v1/actions?limit=2"
    cases = [
        (ok, w13, True),
        ("/api/v1/actions?limit=2&late=true", w13, False),  # moves with the clock
        ("/api/v1/clients", w13, False),  # not versioned by the feed
        ("/api/v1/users?limit=2", {}, False),  # refused: the route says why
        (ok, {"Authorization": "Basic abc"}, False),
        (ok, {"Authorization": f"Bearer {token_for(uuid.uuid4())}"}, False),  # no such account
    ]
    for url, headers, expected in cases:
        taken.clear()
        client.get(url, headers=headers)
        assert taken == [expected], url
    # A parent's id only in its canonical form; others are the route's (not looked at).
    indicator = client.get("/api/v1/indicators?limit=1", headers=w13).json()["items"][0]["id"]
    for form, expected in ((indicator, [True]), (indicator.upper(), [])):
        taken.clear()
        r = client.get(f"/api/v1/indicators/{form}/measurements", headers=w13)
        assert r.status_code == 200
        assert taken == expected, form
    taken.clear()
    assert client.post("/api/v1/actions", headers=w13, json={}).status_code == 422
    assert taken == []  # another method: never looked at


def test_a_fast_answer_is_logged_and_counted_as_its_route(
    client: TestClient, w13: Headers, caplog: pytest.LogCaptureFixture
) -> None:
    load_dataset()
    indicator = client.get("/api/v1/indicators?limit=1", headers=w13).json()["items"][0]["id"]
    with caplog.at_level("INFO", logger="regie"):
        assert client.get("/api/v1/actions?limit=1", headers=w13).status_code == 200
        nested = f"/api/v1/indicators/{indicator}/measurements"
        assert client.get(nested, headers=w13).status_code == 200
    lines = [r for r in caplog.records if getattr(r, "route", None)]
    assert {r.route for r in lines} >= {
        "/api/v1/actions",
        "/api/v1/indicators/{parent_id}/measurements",
    }
    assert all(r.principal_kind == "user" for r in lines if r.path.startswith("/api/v1/act"))
    with TestClient(client.app, client=("127.0.0.1", 50000)) as local:
        metrics = local.get("/metrics").text
    assert 'route="/api/v1/indicators/{parent_id}/measurements"' in metrics
