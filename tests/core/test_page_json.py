"""Pages whose items PostgreSQL writes in the page's own statement (`api.core.pagejson`): their
bytes are exactly the Python page writer's, for every resource and role, page after page, and
for stored values chosen to break a writer (quotes, control characters, text in any script,
whole and fractional seconds, nulls, documents with their keys out of order, missing or
unknown). On SQLite every page is the Python writer's."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from api.core import pagejson, reads
from api.core.db import session_scope
from api.core.errors import ProblemError
from api.core.pagination import ListParams
from api.core.principal import Principal
from api.core.registry import REGISTRY
from api.core.resource import Resource
from api.core.session import Session
from api.resources import load_all
from api.seed.loader import load_dataset
from tests.conftest import IS_PG
from tests.core.test_page_writer import W13, _principals

# The resources whose items PostgreSQL writes today; the others (numbers with a serialiser of
# their own, collections of objects, fields computed in Python, recursive agenda items) keep
# the Python writer. Listed so that a change of a schema that loses the fast path is seen.
WRITTEN_BY_POSTGRESQL = {
    "municipalities",
    "actors",
    "pillars",
    "objectives",
    "actions",
    "agenda-proposals",
    "dossier-events",
    "users",
    "clients",
    "webhooks",
}


def walk_pages(
    engine: sa.Engine,
    principal: Principal,
    spec: Resource,
    size: int,
    read: Callable[[Session, ListParams, Any], str | None],
    **filters: Any,
) -> None:
    """Every page of the list (of its first three parents, for a nested one), each given to
    `read`, which answers the next cursor; none where the role may not read the list."""
    with session_scope(engine, write=False) as session:
        parents: list[Any] = [None]
        if spec.parent is not None:
            rows, _ = reads.list_rows(session, W13, spec.parent, spec.parent.filters(limit=3))
            parents = [r.id for r in rows]
        for parent_id in parents:
            cursor: str | None = None
            while True:
                params = spec.filters(limit=size, cursor=cursor, **filters)
                try:
                    cursor = read(session, params, parent_id)
                except ProblemError:
                    return  # this role may not read it
                if cursor is None:
                    break


def _pages(
    engine: sa.Engine, principal: Principal, spec: Resource, size: int, **filters: Any
) -> int:
    """Walk the whole list page by page, both ways; the number of items compared."""
    compared = 0

    def read(session: Session, params: ListParams, parent_id: Any) -> str | None:
        nonlocal compared
        items, next_cursor = reads.page_json(session, principal, spec, params, parent_id)
        rows, expected_cursor = reads.list_rows(session, principal, spec, params, parent_id)
        expected = reads.serialize_json(session, principal, spec, rows)
        assert items == expected, (spec.name, principal.role, params.cursor)
        assert next_cursor == expected_cursor
        compared += len(rows)
        return next_cursor

    walk_pages(engine, principal, spec, size, read, **filters)
    return compared


def test_pages_are_written_by_postgresql_as_by_the_read_schema(engine: sa.Engine) -> None:
    load_dataset()
    load_all()
    compared = 0
    written: set[str] = set()
    for principal in _principals(engine):
        for spec in REGISTRY.values():
            compared += _pages(engine, principal, spec, 7)
            if pagejson.item_parts(spec, spec.read_schema(principal)) is not None:
                written.add(spec.name)
    assert compared > 500
    # Another order (its value selected beside the item for the cursor), and a search.
    for principal in _principals(engine):
        for sort in ("-progress", "lead", "status"):
            assert _pages(engine, principal, REGISTRY["actions"], 6, sort=sort) > 0
        assert _pages(engine, principal, REGISTRY["actors"], 5, q="e") > 0
    # Which writer a page gets is decided per schema on either database; PostgreSQL uses it.
    assert written == WRITTEN_BY_POSTGRESQL
    with session_scope(engine, write=False) as session:
        assert (session.connection().dialect.name == "postgresql") == IS_PG


HOSTILE = 'quote " backslash \\ tab \t newline \n \x01\x1f\x7f é ü ł 😀 \u2028 </script> 100%'


def test_values_chosen_to_break_the_writer_are_written_alike(engine: sa.Engine) -> None:
    load_dataset()
    load_all()
    milestones = [
        {"done_on": None, "unknown": {"x": [1, 2]}, "title": HOSTILE},  # keys out of order
        {"title": "zonder datum"},  # keys missing
        {"due_date": "2024-02-29", "title": "a, b", "done_on": "2024-03-01"},
    ]
    with engine.begin() as conn:
        ids = [r[0] for r in conn.execute(sa.text("SELECT id FROM actions ORDER BY code LIMIT 3"))]
        values = [
            {
                "title": HOSTILE,
                "description": HOSTILE,
                "wse": None,
                "codes": json.dumps([HOSTILE, "a, b", "", '", "']),
                "years": json.dumps([2024, 2021]),
                "themes": json.dumps([]),
                "milestones": json.dumps(milestones),
                "created": "2024-02-29T23:59:59+00:00",  # whole seconds: no fraction
                "updated": "2024-03-01T00:00:00.5+01:00",  # another offset, half a second
            },
            {
                "title": "ÉÈÊ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
                "description": "an escape \x1b and a form feed \x0c",
                "wse": "WSE-LR1",
                "codes": json.dumps(None),  # a JSON null in a list column
                "years": json.dumps([]),
                "themes": json.dumps([]),
                "milestones": json.dumps([]),
                "created": "1999-12-31T23:59:59.000001+00:00",
                "updated": "2030-06-15T12:00:00.123456+02:00",
            },
            {
                "title": "",
                "description": "",
                "wse": "",
                "codes": json.dumps([]),
                "years": json.dumps([]),
                "themes": json.dumps([]),
                "milestones": json.dumps(None),
                "created": "2024-01-01T00:00:00+00:00",
                "updated": "2024-01-01T00:00:00+00:00",
            },
        ]
        for record_id, value in zip(ids, values, strict=True):
            conn.execute(_UPDATE, {**value, **_moments(value), "id": record_id})
    spec = REGISTRY["actions"]
    for principal in _principals(engine):
        assert _pages(engine, principal, spec, 2) > 0
    # The hostile values did reach the page.
    with session_scope(engine, write=False) as session:
        items, _ = reads.page_json(session, W13, spec, spec.filters(limit=500))
    page = json.loads(items)
    assert any(item["title"] == HOSTILE for item in page)
    assert any(HOSTILE in item["w13_plan_codes"] for item in page if item["w13_plan_codes"])


def _document(name: str) -> str:
    return f"CAST(:{name} AS jsonb)" if IS_PG else f":{name}"


_UPDATE = sa.text(
    "UPDATE actions SET title = :title, description = :description, wse_lr_code = :wse, "
    f"w13_plan_codes = {_document('codes')}, accent_years = {_document('years')}, "
    f"mvo_themes = {_document('themes')}, milestones = {_document('milestones')}, "
    "created_at = :created, updated_at = :updated WHERE id = :id"
).bindparams(
    sa.bindparam("created", type_=sa.DateTime(timezone=True)),
    sa.bindparam("updated", type_=sa.DateTime(timezone=True)),
)  # the ids go back as the database gave them


def _moments(value: dict[str, Any]) -> dict[str, Any]:
    return {k: datetime.fromisoformat(value[k]) for k in ("created", "updated")}
