"""/readyz during deployments: not ready before the migration, ready at head, and still ready
when a rolling upgrade has migrated the schema ahead of this (older) instance."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api import migrate

SetSchema = Callable[[str | None], None]


@pytest.fixture
def schema_at(engine: sa.Engine) -> Iterator[SetSchema]:
    """Sets alembic_version to a given revision for one test, then puts it back."""
    with engine.connect() as conn:
        (original,) = conn.execute(sa.text("SELECT version_num FROM alembic_version")).one()

    def set_to(revision: str | None) -> None:
        with engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM alembic_version"))
            if revision is not None:
                insert = "INSERT INTO alembic_version (version_num) VALUES (:r)"
                conn.execute(sa.text(insert), {"r": revision})

    yield set_to
    set_to(original)


def test_ready_at_head(client: TestClient) -> None:
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


def test_still_ready_when_a_newer_release_migrated_ahead(
    client: TestClient, schema_at: SetSchema
) -> None:
    schema_at("ffffffffffff")
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["detail"] == f"schema at ffffffffffff, newer than {migrate.head_revision()}"


def test_not_ready_while_the_schema_is_behind_this_code(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # This code's head is one step further than the database: the upgrade has not run yet.
    monkeypatch.setattr(migrate, "_HEAD", ["0002_next"])
    r = client.get("/readyz")
    assert r.status_code == 503
    assert r.json()["detail"] == f"schema at {migrate.head_revision()}, expected 0002_next"


def test_not_ready_before_any_migration(client: TestClient, schema_at: SetSchema) -> None:
    schema_at(None)
    r = client.get("/readyz")
    assert r.status_code == 503
    assert r.json()["detail"] == f"schema at None, expected {migrate.head_revision()}"
