"""A page is written from the database's rows without validating them again
(`api.core.reads._page_writer`): its bytes must be exactly those of validating the rows with
the read schema and dumping them, for every resource and every role."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from api.core import reads
from api.core.db import session_scope
from api.core.errors import ProblemError
from api.core.principal import ANONYMOUS, Principal, Role
from api.core.registry import REGISTRY
from api.resources import load_all
from api.seed.loader import load_dataset

W13 = Principal(role=Role.w13, kind="user", subject="w13")


def _principals(engine: sa.Engine) -> list[Principal]:
    with engine.connect() as conn:
        actor = conn.execute(sa.text("SELECT id FROM actors ORDER BY name LIMIT 1")).scalar()
    return [
        W13,
        Principal(role=Role.rose_member, kind="user", subject="rose", actor_id=_uuid(actor)),
        Principal(role=Role.municipality, kind="user", subject="m", municipality="34013"),
        ANONYMOUS,
    ]


def _uuid(value: Any) -> Any:
    import uuid

    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def test_pages_are_written_as_the_read_schema_would(engine: sa.Engine) -> None:
    load_dataset()
    load_all()
    compared = 0
    for principal in _principals(engine):
        for spec in REGISTRY.values():
            with session_scope(engine, write=False) as session:
                parents: list[Any] = [None]
                if spec.parent is not None:
                    parent_rows, _ = reads.list_rows(
                        session, W13, spec.parent, spec.parent.filters(limit=3)
                    )
                    parents = [r.id for r in parent_rows]
                for parent_id in parents:
                    try:
                        rows, _ = reads.list_rows(
                            session, principal, spec, spec.filters(limit=500), parent_id
                        )
                    except ProblemError:
                        continue  # this role may not read it
                    written = reads.serialize_json(session, principal, spec, rows)
                    schema, data = reads._item_data(session, principal, spec, rows)
                    adapter = reads._items_adapter(schema)
                    validated = adapter.dump_json(adapter.validate_python(data))
                    assert written == validated, (spec.name, principal.role)
                    compared += len(rows)
    assert compared > 500
