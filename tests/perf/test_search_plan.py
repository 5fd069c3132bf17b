"""The public directory search (`GET /api/v1/actors?q=`) does not read the whole directory.

PostgreSQL: a rare term is found through the trigram indexes of `api.core.search` (a bitmap
of their matches), a common one by reading the directory in name order until a page is full
(the indexes' statistics tell the planner which is which). SQLite narrows a term of three
characters or more through an FTS5 trigram table kept current by triggers (api/core/search.py)."""

from __future__ import annotations

import json
import re
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.core import search
from api.seed.loader import load_dataset
from bench.gen import analyze, generate
from tests.conftest import IS_PG, create
from tests.perf.test_query_plans import MAX_READ, _pg_nodes, captured, cursor_for


def _actor_queries(engine: sa.Engine, client: TestClient, q: str) -> list[tuple[str, Any]]:
    with captured(engine) as statements:
        r = client.get("/api/v1/actors", params={"q": q, "limit": 50})
    assert r.status_code == 200, r.text
    found = [(s, p) for s, p in statements if re.search(r"\bFROM actors\b", s) and "LIKE" in s]
    assert len(found) == 1, statements
    return found


def _pg_plan(engine: sa.Engine, statement: str, parameters: Any) -> list[dict[str, Any]]:
    raw = engine.raw_connection()
    try:
        cur = cursor_for(raw, parameters)
        cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, parameters)
        plan = cur.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return list(_pg_nodes(plan[0]["Plan"]))
    finally:
        raw.close()


def _sqlite_plan(engine: sa.Engine, statement: str, parameters: Any) -> list[str]:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        return [row[-1] for row in cur.fetchall()]
    finally:
        raw.close()


def _rows_read(nodes: list[dict[str, Any]]) -> int:
    return sum(
        n.get("Actual Loops", 1)
        * (
            n.get("Actual Rows", 0)
            + n.get("Rows Removed by Filter", 0)
            + n.get("Rows Removed by Index Recheck", 0)
        )
        for n in nodes
        if n.get("Relation Name") == "actors"
    )


def test_directory_search_uses_an_index(engine: sa.Engine, client: TestClient) -> None:
    load_dataset()
    generate(engine, "perf-test")  # 1,500 actors; "kringloop" is in about half of them
    analyze(engine)
    with engine.connect() as conn:
        name = conn.execute(
            sa.text(
                "SELECT name FROM actors WHERE name LIKE '%(fictief)' "
                "ORDER BY name LIMIT 1 OFFSET 700"
            )
        ).scalar_one()
        total = conn.execute(sa.text("SELECT count(*) FROM actors")).scalar_one()
    rare = name.split()[-2]  # the number in "Aanbesteding Beek 00761 (fictief)"
    assert total >= 1500

    r = client.get("/api/v1/actors", params={"q": rare})
    assert [a["name"] for a in r.json()["items"]] == [name]  # found, and only it

    ((rare_sql, rare_params),) = _actor_queries(engine, client, rare)
    ((common_sql, common_params),) = _actor_queries(engine, client, "kringloop")
    if IS_PG:
        nodes = _pg_plan(engine, rare_sql, rare_params)
        used = {n.get("Index Name") for n in nodes if n["Node Type"] == "Bitmap Index Scan"}
        assert {name for name, _, _ in search.indexes()} <= used, nodes
        assert not any(n["Node Type"] == "Seq Scan" for n in nodes), nodes
        assert _rows_read(nodes) <= 10
        nodes = _pg_plan(engine, common_sql, common_params)
        assert not any(n["Node Type"] == "Seq Scan" for n in nodes), nodes
        assert _rows_read(nodes) <= MAX_READ, nodes
    else:
        # A rare term: the trigram table narrows it to its rows (no scan of the directory).
        plan = _sqlite_plan(engine, rare_sql, rare_params)
        assert any("VIRTUAL TABLE INDEX" in step for step in plan), plan  # fts_actors
        assert not any(re.search(r"\bSCAN actors\b", step) for step in plan), plan
        # A common term: the directory in name order until a page is full (no sort).
        plan = _sqlite_plan(engine, common_sql, common_params)
        assert any("USING INDEX ix_actors_name_id" in step for step in plan), plan
        assert not any("TEMP B-TREE" in step for step in plan), plan


def test_the_search_follows_every_write(client: TestClient, w13: dict[str, str]) -> None:
    """Created, renamed and deleted actors are found (or not) at once: the trigram table of
    SQLite follows the rows through its triggers; PostgreSQL's indexes are plain indexes."""

    def found(q: str) -> list[str]:
        r = client.get("/api/v1/actors", params={"q": q})
        assert r.status_code == 200, r.text
        return [a["name"] for a in r.json()["items"]]

    made = create(
        client,
        w13,
        "actors",
        {"name": "Zorgboerderij Heuvelzicht (fictief)", "kind": "arbeidszorginitiatief"},
    )
    assert found("heuvelzicht") == ["Zorgboerderij Heuvelzicht (fictief)"]
    assert found("HEUVELZ") == ["Zorgboerderij Heuvelzicht (fictief)"]  # case does not matter
    assert found("zi") == found("zicht")  # two characters: the plain scan, same answer
    url = f"/api/v1/actors/{made['id']}"
    r = client.patch(url, json={"name": "Zorgboerderij Dalzicht (fictief)"}, headers=w13)
    assert r.status_code == 200, r.text
    assert found("heuvelzicht") == []
    assert found("dalzicht") == ["Zorgboerderij Dalzicht (fictief)"]
    r = client.delete(url, headers=w13)
    assert r.status_code == 204, r.text
    assert found("dalzicht") == []
    assert found('"; drop') == []  # FTS5 query syntax in a term is a literal substring
