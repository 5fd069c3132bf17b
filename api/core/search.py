"""Indexes for `q=`, the substring search of lists (`api.core.crud.list_records`).

`q=` matches `lower(CAST(column AS VARCHAR)) LIKE '%term%'` on each of a resource's `search`
columns. A B-tree cannot serve a pattern with a leading `%`; on PostgreSQL a trigram GIN
index (`pg_trgm`, in Debian's postgresql package) on that very expression can, one index a
column, combined by a BitmapOr, and its statistics tell the planner how common a term is.

Only the public directory (actors) has them: it is the search anonymous visitors use, and a
GIN index costs every write of its table. SQLite keeps the plain scan: it reads the directory
in name order and stops at a page of matches (see bench/RESULTS.md).

The indexes are not in the models (autogenerate compares on SQLite, where they do not
exist): the initial migration calls `upgrade()` / `downgrade()` (scripts/regen-initial-
migration.sh keeps those calls), and migration checks leave them out with `include_object`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

PREFIX = "trgm_"
# table -> the `search` columns of its resource (api/actors/service.py)
INDEXED = {"actors": ("name", "description", "goods_services", "places")}


def indexes() -> list[tuple[str, str, str]]:
    return [
        (f"{PREFIX}{table}_{column}", table, column)
        for table, columns in INDEXED.items()
        for column in columns
    ]


def upgrade(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return
    conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    for name, table, column in indexes():
        # The expression of the query, as SQLAlchemy renders it, so the planner matches it.
        conn.execute(
            text(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                f"USING gin (lower(CAST({column} AS VARCHAR)) gin_trgm_ops)"
            )
        )


def downgrade(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return
    for name, _, _ in indexes():
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
    # The extension stays: it may have been there before, and other objects may use it.


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic's filter: the search indexes are managed here, not by autogenerate."""
    return not (type_ == "index" and name is not None and name.startswith(PREFIX))
