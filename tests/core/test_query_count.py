"""SQL statements per list request do not grow with the page size (no N+1)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy import event

from api.core import driver
from api.core.registry import REGISTRY
from api.resources import load_all
from api.seed.loader import load_dataset


@contextmanager
def counting(engine: sa.Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    def past(statement: str, parameters: Any) -> None:  # what list reads send past SQLAlchemy
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    driver.OBSERVERS.append(past)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
        driver.OBSERVERS.remove(past)


def test_list_statement_count_is_constant(
    engine: sa.Engine, client: TestClient, w13: dict[str, str]
) -> None:
    load_dataset()
    load_all()
    checked = 0
    for spec in REGISTRY.values():
        if spec.parent is not None:
            parent_rows = client.get(f"/api/v1/{spec.parent.name}?limit=500", headers=w13).json()
            segment = spec.path or spec.name
            base = f"/api/v1/{spec.parent.name}/{parent_rows['items'][0]['id']}/{segment}"
        else:
            base = f"/api/v1/{spec.name}"
        counts = []
        for limit in (2, 50):
            with counting(engine) as statements:
                r = client.get(f"{base}?limit={limit}", headers=w13)
            assert r.status_code == 200, (base, r.text)
            counts.append(len(statements))
        assert counts[0] == counts[1], (
            f"{base}: {counts[0]} statements for 2 rows, {counts[1]} for 50"
        )
        checked += 1
    assert checked >= 10
