"""Conditional and cached list reads (api.core.pagecache): a list's ETag answers 304, a page
asked again comes from the process's cache, and no write path, seen from another instance on
the same database, ever leaves a cached page stale; no scope ever gets another's page."""

from __future__ import annotations

import json
import textwrap
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.cli import main as regie
from api.core.config import PROJECT_ROOT
from api.core.pagecache import PageCache, feed_head, list_tag, scope_key
from api.core.principal import ANONYMOUS
from api.exchange.dump import import_dataset
from api.main import create_app
from api.migrate import alembic_config
from api.seed.loader import load_dataset
from tests.conftest import PASSWORD
from tests.core.test_query_count import counting

Headers = dict[str, str]
ACTORS = "/api/v1/actors?limit=500"
KORTRIJK_AREA = "34013"  # Harelbeke: in the seed's agreements


@pytest.fixture
def second(engine: sa.Engine) -> Iterator[TestClient]:
    """Another instance of the service on the same database, with a page cache of its own."""
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        yield c


def fresh(client: TestClient, url: str, headers: Headers) -> Any:
    """The page as the database says now: a query no cache holds (unknown parameters are
    ignored by every list, but they are part of the cache key)."""
    sep = "&" if "?" in url else "?"
    r = client.get(f"{url}{sep}uncached={uuid.uuid4().hex}", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


def served_from_cache(
    engine: sa.Engine, client: TestClient, url: str, headers: Headers
) -> dict[str, Any]:
    """Read twice; the second read must be a hit: its only statement is the feed's head (with
    the caller's account when there is a token)."""
    first = client.get(url, headers=headers)
    assert first.status_code == 200, first.text
    with counting(engine) as statements:
        again = client.get(url, headers=headers)
    assert again.content == first.content
    queries = [s for s in statements if s.split()[0].upper() not in ("BEGIN", "COMMIT")]
    assert len(queries) == 1, statements
    assert "max(seq)" in queries[0] and "FROM changes" in queries[0]
    assert ("FROM users" in queries[0]) == bool(headers), queries
    return first.json()  # type: ignore[no-any-return]


def test_a_list_has_an_etag_that_answers_304_until_a_write(
    client: TestClient, w13: Headers
) -> None:
    load_dataset()
    r = client.get(ACTORS, headers=w13)
    tag = r.headers["ETag"]
    assert tag.startswith('"l-')
    again = client.get(ACTORS, headers={**w13, "If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == tag
    assert client.get(ACTORS, headers={**w13, "If-None-Match": '"l-other"'}).status_code == 200
    # Another query is another page, with another tag.
    assert client.get(f"{ACTORS}&kind=partner", headers=w13).headers["ETag"] != tag
    actor = r.json()["items"][0]
    client.patch(f"/api/v1/actors/{actor['id']}", json={"description": "Nieuw."}, headers=w13)
    changed = client.get(ACTORS, headers={**w13, "If-None-Match": tag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != tag
    assert changed.json() == fresh(client, ACTORS, w13)


def test_the_same_tag_on_every_instance(
    client: TestClient, second: TestClient, w13: Headers
) -> None:
    load_dataset()
    tag = client.get(ACTORS, headers=w13).headers["ETag"]
    assert second.get(ACTORS, headers={**w13, "If-None-Match": tag}).status_code == 304


def test_a_repeated_read_is_served_from_the_cache_with_its_link(
    engine: sa.Engine, client: TestClient, w13: Headers
) -> None:
    load_dataset()
    url = "/api/v1/actions?limit=5"
    served_from_cache(engine, client, url, w13)
    r = client.get(url, headers=w13)
    assert r.headers["Link"].startswith("<http://testserver/api/v1/actions?limit=5&cursor=")
    indicator = client.get("/api/v1/indicators", headers=w13).json()["items"][0]["id"]
    served_from_cache(engine, client, f"/api/v1/indicators/{indicator}/measurements", w13)


def _agreement_of(area: str, headers: Headers, client: TestClient) -> dict[str, Any]:
    items = client.get("/api/v1/agreements?limit=500", headers=headers).json()["items"]
    return next(a for a in items if area in a["municipalities"])


def _migration_step(tmp_path: Path, sql: str) -> str:
    """A migration with a data step only, after the shipped head, in a folder of its own."""
    head = _shipped_head()
    revision = f"t{uuid.uuid4().hex[:8]}"
    (tmp_path / f"{revision}_data_step.py").write_text(
        textwrap.dedent(
            f'''
            from alembic import op

            revision = "{revision}"
            down_revision = "{head}"
            branch_labels = None
            depends_on = None


            def upgrade() -> None:
                op.execute("{sql}")


            def downgrade() -> None:
                pass
            '''
        )
    )
    return revision


def _shipped_head() -> str:
    from api.migrate import head_revision

    head = head_revision()
    assert head is not None
    return head


def _migrate(engine: sa.Engine, tmp_path: Path, revision: str) -> None:
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    cfg.set_main_option(
        "version_locations", f"{PROJECT_ROOT / 'migrations' / 'versions'}:{tmp_path}"
    )
    command.upgrade(cfg, revision)
    command.downgrade(cfg, _shipped_head())  # the step's downgrade changes no data


def test_every_write_path_reaches_the_cached_pages_of_another_instance(
    engine: sa.Engine,
    client: TestClient,
    second: TestClient,
    make_user: Callable[..., dict[str, Any]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Instance A (`client`) holds each page in its cache; a write through each path (the API
    of instance B, the bulk import, the command line, a migration's data step, a cascading
    delete, an audience that loses a record) must show on A's next read at once."""
    load_dataset()
    w13 = make_user("w13")["headers"]
    municipality = make_user("municipality", municipality=KORTRIJK_AREA)["headers"]

    def check(url: str, headers: Headers, write: Callable[[], None]) -> None:
        before = served_from_cache(engine, client, url, headers)
        write()
        after = client.get(url, headers=headers).json()
        assert after != before, f"{url}: the write did not change the page"
        assert after == fresh(second, url, headers)

    actor = client.get(ACTORS, headers=w13).json()["items"][0]

    def api_write() -> None:
        name = f"Nieuw {uuid.uuid4().hex[:6]}"
        r = second.patch(f"/api/v1/actors/{actor['id']}", json={"name": name}, headers=w13)
        assert r.status_code == 200, r.text

    check(ACTORS, w13, api_write)
    check(ACTORS, {}, api_write)  # the public view too

    def bulk_import() -> None:
        document = {
            "format": "regie-export",
            "version": 1,
            "resources": {"actors": [{"name": "Kringwinkel Nieuw (fictief)", "kind": "partner"}]},
        }
        path = tmp_path / "import.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        import_dataset(path)

    check(ACTORS, w13, bulk_import)

    def command_line() -> None:
        monkeypatch.setenv("REGIE_PASSWORD", PASSWORD)
        assert regie(["users", "create", "--email", "cli@example.org", "--role", "w13"]) == 0

    check("/api/v1/users?limit=500", w13, command_line)

    def migration() -> None:
        step = _migration_step(
            tmp_path, f"UPDATE actors SET name = 'Hernoemd' WHERE id = '{_db_id(engine, actor)}'"
        )
        _migrate(engine, tmp_path, step)

    check(ACTORS, w13, migration)

    seed_action = client.get("/api/v1/actions?limit=1", headers=w13).json()["items"][0]
    partner = client.get(f"{ACTORS}&kind=partner", headers=w13).json()["items"][-1]["id"]
    action = second.post(
        "/api/v1/actions",
        json={
            "code": "T99",
            "title": "Proefactie",
            "pillar_id": seed_action["pillar_id"],
            "start_date": "2024-01-01",
            "end_date": "2024-12-31",
            "partner_ids": [partner],
        },
        headers=w13,
    ).json()
    by_partner = f"/api/v1/actions?limit=500&partner={partner}"

    def cascading_delete() -> None:
        # Its partner rows go by ON DELETE CASCADE, which the `partner` filter reads.
        r = second.delete(f"/api/v1/actions/{action['id']}", headers=w13)
        assert r.status_code == 204, r.text

    check(by_partner, w13, cascading_delete)

    agreement = _agreement_of(KORTRIJK_AREA, municipality, client)

    def revoke() -> None:
        left = [m for m in agreement["municipalities"] if m != KORTRIJK_AREA]
        r = second.patch(
            f"/api/v1/agreements/{agreement['id']}", json={"municipalities": left}, headers=w13
        )
        assert r.status_code == 200, r.text

    check("/api/v1/agreements?limit=500", municipality, revoke)
    assert agreement["id"] not in {
        a["id"]
        for a in client.get("/api/v1/agreements?limit=500", headers=municipality).json()["items"]
    }
    capsys.readouterr()


def _db_id(engine: sa.Engine, record: dict[str, Any]) -> str:
    """The id as the database stores it (SQLite keeps UUIDs as 32 hex digits)."""
    return uuid.UUID(record["id"]).hex if engine.dialect.name == "sqlite" else record["id"]


def test_a_migration_moves_the_feed_head_without_showing_in_the_feed(
    engine: sa.Engine, client: TestClient, w13: Headers, tmp_path: Path
) -> None:
    with engine.connect() as conn:
        before = feed_head(conn)
    seen = client.get("/api/v1/changes", headers=w13).json()["items"]
    _migrate(engine, tmp_path, _migration_step(tmp_path, "SELECT 1"))
    with engine.connect() as conn:
        assert feed_head(conn) > before
    assert client.get("/api/v1/changes", headers=w13).json()["items"] == seen
    assert client.get("/api/v1/changes").json()["items"] == []


def test_no_scope_gets_a_page_cached_for_another(
    engine: sa.Engine,
    client: TestClient,
    make_user: Callable[..., dict[str, Any]],
) -> None:
    load_dataset()
    w13 = make_user("w13")["headers"]
    harelbeke = make_user("municipality", municipality=KORTRIJK_AREA)["headers"]
    other = make_user("municipality", municipality="34022")["headers"]
    url = "/api/v1/agreements?limit=500"
    theirs = served_from_cache(engine, client, url, harelbeke)
    mine = client.get(url, headers=other)
    assert mine.json() == fresh(client, url, other)
    assert mine.json() != theirs
    # Their tag does not open a 304 for another municipality either.
    tag = client.get(url, headers=harelbeke).headers["ETag"]
    assert client.get(url, headers={**other, "If-None-Match": tag}).status_code == 200
    # Anonymous never gets the logged-in page (contact persons are for logged-in users only).
    logged_in = served_from_cache(engine, client, ACTORS, w13)
    public = client.get(ACTORS)
    assert public.json() == fresh(client, ACTORS, {})
    assert public.json() != logged_in
    w13_tag = client.get(ACTORS, headers=w13).headers["ETag"]
    assert client.get(ACTORS, headers={"If-None-Match": w13_tag}).status_code == 200


def test_pages_the_feed_does_not_version_are_read_every_time(
    engine: sa.Engine, client: TestClient, w13: Headers
) -> None:
    """A filter that moves with the clock, and API clients (their `last_used_at` is written
    without a feed row): read every time, tagged by their bytes."""
    load_dataset()
    for url in ("/api/v1/actions?late=true", "/api/v1/clients"):
        first = client.get(url, headers=w13)
        assert first.headers["ETag"].startswith('"b-')
        with counting(engine) as statements:
            again = client.get(url, headers={**w13, "If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304
        queries = [s for s in statements if s.split()[0].upper() not in ("BEGIN", "COMMIT")]
        assert len(queries) >= 2  # the caller's account and the page itself
        assert not any("changes" in s for s in queries)


def test_csv_is_not_cached(engine: sa.Engine, client: TestClient, w13: Headers) -> None:
    load_dataset()
    served_from_cache(engine, client, ACTORS, w13)
    r = client.get(ACTORS, headers={**w13, "Accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert "ETag" not in r.headers


def test_the_cache_keeps_at_most_its_bytes() -> None:
    cache = PageCache(max_bytes=1000)
    for n in range(10):
        cache.put(f"k{n}", 1, b"x" * 300, None)
    pages, size = cache.size
    assert size <= 1000
    assert pages == 3
    assert cache.get("k9", 1) == (b"x" * 300, None)
    assert cache.get("k0", 1) is None  # the least recently used went first
    assert cache.get("k9", 2) is None  # read at another head: not served
    cache.put("big", 1, b"x" * 2000, None)
    assert cache.get("big", 1) is None
    assert PageCache(0).size == (0, 0)


def test_no_tag_opens_a_list_the_caller_may_not_read(
    engine: sa.Engine, client: TestClient, w13: Headers
) -> None:
    """Even the right tag (here made with the service's own key) gets a caller no 304 for a
    list it may not read: the permission table is asked first."""
    with engine.connect() as conn:
        head = feed_head(conn)
    url = "/api/v1/users"
    forged = list_tag(head, f"{scope_key(ANONYMOUS)}|{url}?")
    assert client.get(url, headers={"If-None-Match": forged}).status_code == 401
    assert client.get(url, headers=w13).headers["ETag"] != forged


def test_the_change_feed_answers_304_while_nothing_new_came(
    client: TestClient, make_user: Callable[..., dict[str, Any]]
) -> None:
    load_dataset()
    w13 = make_user("w13")["headers"]
    municipality = make_user("municipality", municipality=KORTRIJK_AREA)["headers"]
    first = client.get("/api/v1/changes?limit=500", headers=w13)
    cursor = first.json()["next_cursor"]
    at_head = f"/api/v1/changes?cursor={cursor}"
    polled = client.get(at_head, headers=w13)
    assert polled.json()["items"] == []
    tag = polled.headers["ETag"]
    again = client.get(at_head, headers={**w13, "If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["ETag"] == tag
    # Another scope holds another page: its own tag, never this one's 304.
    theirs = client.get(at_head, headers={**municipality, "If-None-Match": tag})
    assert theirs.status_code == 200 and theirs.headers["ETag"] != tag
    # A write: the poll answers the new change.
    actor = first.json()["items"][0]
    client.post(
        "/api/v1/actors", headers=w13, json={"name": "Nieuwe partner", "kind": "partner"}
    ).raise_for_status()
    changed = client.get(at_head, headers={**w13, "If-None-Match": tag})
    assert changed.status_code == 200
    assert [c["op"] for c in changed.json()["items"]] == ["upsert"]
    assert changed.headers["ETag"] != tag
    assert actor["resource"]


@pytest.mark.parametrize("url", ["/api/v1/audit?limit=5", "/api/v1/messages", "/api/v1/reports"])
def test_lists_the_feed_does_not_version_are_tagged_by_their_bytes(
    client: TestClient, w13: Headers, url: str
) -> None:
    """(A webhook's deliveries: tests/webhooks/test_subscriptions_api.py.)"""
    load_dataset()
    first = client.get(url, headers=w13)
    assert first.status_code == 200, first.text
    tag = first.headers["ETag"]
    assert tag.startswith('"b-')
    again = client.get(url, headers={**w13, "If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, headers={**w13, "If-None-Match": '"b-other"'}).status_code == 200
