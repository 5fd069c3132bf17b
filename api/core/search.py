"""Indexes for `q=`, the substring search of lists (`api.core.reads.list_rows`).

`q=` matches `lower(CAST(column AS VARCHAR)) LIKE '%term%'` on each of a resource's `search`
columns. A B-tree cannot serve a pattern with a leading `%`; on PostgreSQL a trigram GIN
index (`pg_trgm`, in Debian's postgresql package) on that very expression can, one index a
column, combined by a BitmapOr, and its statistics tell the planner how common a term is.

Only the public directory (actors) has them: it is the search anonymous visitors use, and a
GIN index costs every write of its table.

On SQLite an FTS5 table with the trigram tokenizer (`fts_actors`, external content: it indexes
the actors' own rows by rowid, kept current by triggers) narrows a term of three characters or
more to the matching rows before the LIKE, which stays as the exact condition; a shorter term
keeps the plain scan. SQLite's backup API keeps rowids; after a manual `VACUUM` (which may
renumber them) run `INSERT INTO fts_actors(fts_actors) VALUES ('rebuild')`.

The indexes are not in the models (autogenerate cannot express them): the initial migration
calls `upgrade()` / `downgrade()` (scripts/regen-initial-migration.sh keeps those calls), and
migration checks leave them out with `include_object`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.sql.elements import TextClause

PREFIX = "trgm_"
FTS_PREFIX = "fts_"  # SQLite: the FTS5 table and its shadow tables (fts_actors_data, ...)
TRIGRAM = 3  # FTS5's trigram tokenizer matches substrings of at least three characters
RARE = 500  # a trigram in fewer rows than this makes the term worth the index (SQLite)
MAX_GRAMS = 12  # trigrams of a long term counted at the most
# table -> the `search` columns of its resource (api/actors/service.py)
INDEXED = {"actors": ("name", "description", "goods_services", "places")}


def indexes() -> list[tuple[str, str, str]]:
    return [
        (f"{PREFIX}{table}_{column}", table, column)
        for table, columns in INDEXED.items()
        for column in columns
    ]


def upgrade(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for table, columns in INDEXED.items():
            _sqlite_fts(conn, table, columns)
        return
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
    if conn.dialect.name == "sqlite":
        for table in INDEXED:
            for event in ("insert", "delete", "update"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {FTS_PREFIX}{table}_{event}"))
            conn.execute(text(f"DROP TABLE IF EXISTS {FTS_PREFIX}{table}"))
        return
    if conn.dialect.name != "postgresql":
        return
    for name, _, _ in indexes():
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
    # The extension stays: it may have been there before, and other objects may use it.


def _sqlite_fts(conn: Connection, table: str, columns: tuple[str, ...]) -> None:
    fts = f"{FTS_PREFIX}{table}"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    conn.execute(
        text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
            f"{cols}, content='{table}', content_rowid='rowid', tokenize='trigram')"
        )
    )
    # Table and column names come from INDEXED above, never from a request (S608).
    remove = (
        f"INSERT INTO {fts}({fts}, rowid, {cols}) "  # noqa: S608
        f"VALUES ('delete', old.rowid, {old});"
    )
    add = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new});"  # noqa: S608
    for event, body in (("insert", add), ("delete", remove), ("update", remove + " " + add)):
        conn.execute(
            text(
                f"CREATE TRIGGER IF NOT EXISTS {fts}_{event} AFTER {event.upper()} ON {table} "
                f"BEGIN {body} END"
            )
        )
    conn.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"))  # noqa: S608 (rows there)


def prefilter(conn: Connection, table: str, needle: str) -> TextClause | None:
    """SQLite: the rows of `table` whose search columns may contain `needle` (a superset of
    the LIKE's answer: FTS5 folds case beyond ASCII), read from the trigram index, or None
    where the plain scan is the better plan.

    SQLite's planner cannot tell a rare term from a common one, and for a common term
    (`kringloop` in half the directory) reading every match and sorting it costs more than
    reading the directory in name order until a page is full. So the term's trigrams are
    counted first, each capped at RARE (a few index pages): if one of them is rare, so is the
    term, and the index narrows it; if all are common, the name-order scan stops early."""
    if table not in INDEXED or len(needle) < TRIGRAM or conn.dialect.name != "sqlite":
        return None
    fts = f"{FTS_PREFIX}{table}"
    grams = sorted({needle[i : i + TRIGRAM] for i in range(len(needle) - TRIGRAM + 1)})[:MAX_GRAMS]
    # Names from INDEXED, never from a request (S608).
    capped = (
        f"SELECT count(*) AS n FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH :g{{}} LIMIT {RARE})"  # noqa: S608
    )
    counts = " UNION ALL ".join(capped.format(i) for i in range(len(grams)))
    fewest = conn.execute(
        text(f"SELECT min(n) FROM ({counts})"),  # noqa: S608 (names from INDEXED)
        {f"g{i}": _phrase(gram) for i, gram in enumerate(grams)},
    ).scalar_one()
    if fewest >= RARE:
        return None
    return text(
        f"{table}.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH :fts_phrase)"  # noqa: S608
    ).bindparams(fts_phrase=_phrase(needle))


def _phrase(term: str) -> str:
    """FTS5 query syntax for one literal substring (quotes doubled, operators inert)."""
    return '"' + term.replace('"', '""') + '"'


def include_object(
    obj: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any
) -> bool:
    """Alembic's filter: the search indexes are managed here, not by autogenerate."""
    if name is None:
        return True
    if type_ == "index":
        return not name.startswith(PREFIX)
    return not (type_ == "table" and name.startswith(FTS_PREFIX))
