"""Make a database's plain indexes those of the models of the code tree on PYTHONPATH (and
create the tables the models gained since the dataset was built, and the search indexes of
`api.core.search`).

A dataset takes minutes to build; comparing two versions of the code on the same rows needs
only their indexes swapped. Unique constraints and primary keys are never touched."""

from __future__ import annotations

import sys

import sqlalchemy as sa

import api.models  # noqa: F401  (every table in the metadata)
from api.core import search
from api.core.db import get_engine
from api.core.models import metadata


def sync(engine: sa.Engine) -> list[str]:
    done = []
    inspector = sa.inspect(engine)
    missing = [t for t in metadata.sorted_tables if not inspector.has_table(t.name)]
    if missing:  # tables added to the models since the dataset was built
        metadata.create_all(engine, tables=missing)
        done += [f"+table {t.name}" for t in missing]
        inspector = sa.inspect(engine)
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            if not inspector.has_table(table.name):  # a table newer than this database
                continue
            # Nullable columns the models gained since the dataset was built (e.g. the feed's
            # parent_id): added empty, as a migration would.
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name not in columns and column.nullable:
                    kind = column.type.compile(dialect=engine.dialect)
                    conn.execute(
                        sa.text(f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind}')
                    )
                    done.append(f"+column {table.name}.{column.name}")
            wanted = {ix.name: ix for ix in table.indexes if not ix.unique}
            have = {ix["name"] for ix in inspector.get_indexes(table.name) if not ix["unique"]}
            for name in sorted(have - set(wanted)):
                if name and name.startswith("ix_"):
                    conn.execute(sa.text(f'DROP INDEX "{name}"'))
                    done.append(f"-{name}")
            for name in sorted(set(wanted) - have):
                wanted[name].create(conn)
                done.append(f"+{name}")
        # The search indexes the migration creates outside the models (api/core/search.py).
        have_all = {ix["name"] for t in search.INDEXED for ix in inspector.get_indexes(t)}
        missing_search = [name for name, _, _ in search.indexes() if name not in have_all]
        if missing_search and engine.dialect.name == "postgresql":
            search.upgrade(conn)
            done += [f"+{name}" for name in missing_search]
        missing_fts = [
            f"{search.FTS_PREFIX}{t}"
            for t in search.INDEXED
            if not inspector.has_table(f"{search.FTS_PREFIX}{t}")
        ]
        if missing_fts and engine.dialect.name == "sqlite":
            search.upgrade(conn)  # creates the FTS5 tables and fills them from the rows
            done += [f"+{name}" for name in missing_fts]
        if done:
            conn.execute(sa.text("ANALYZE"))
    return done


if __name__ == "__main__":
    changes = sync(get_engine())
    print(" ".join(changes) or "indexes already match", file=sys.stderr)
