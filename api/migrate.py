"""Alembic, driven from code: `regie db upgrade`, readiness and the test suite use it.

A serving process only asks which revisions exist and which is the head (readiness): that is
read from the migration files' `revision` / `down_revision` lines, so alembic (about 10 MB of
a worker's memory) is imported only by the commands that migrate. A test holds the two answers
equal to alembic's own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from api.core.config import PROJECT_ROOT

if TYPE_CHECKING:
    from alembic.config import Config

VERSIONS = PROJECT_ROOT / "migrations" / "versions"
_REVISION = re.compile(r"^revision(?::[^=]*)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?::[^=]*)?=\s*(.+)$", re.MULTILINE)

MIGRATION_LOCK = 0x5245_4744  # advisory lock id held while migrating
VERSION_TABLE = "alembic_version"


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    # Logging is the caller's (api.core.logging): alembic.ini's would replace it mid-run.
    cfg.attributes["skip_logging"] = True
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _revision_graph() -> dict[str, frozenset[str]]:
    """revision -> the revisions it follows, from the files alembic would load."""
    graph: dict[str, frozenset[str]] = {}
    for path in sorted(VERSIONS.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision and down:
            graph[revision.group(1)] = frozenset(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    return graph


def head_revision() -> str | None:
    graph = _revision_graph()
    followed = set().union(*graph.values()) if graph else set()
    heads = sorted(set(graph) - followed)
    return ",".join(heads) or None


_HEAD: list[str | None] = []
_KNOWN: list[frozenset[str]] = []


def known_revisions() -> frozenset[str]:
    """Every revision this code ships; a database at another one was migrated by newer code."""
    if not _KNOWN:
        _KNOWN.append(frozenset(_revision_graph()))
    return _KNOWN[0]


def current_and_head(engine: Engine) -> tuple[str | None, str | None]:
    if not _HEAD:
        _HEAD.append(head_revision())
    # Read alembic's table directly: a MigrationContext logs two lines each time, too chatty
    # for a readiness probe that runs every few seconds on every instance.
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None, _HEAD[0]
        rows = sorted(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    return (",".join(rows) or None), _HEAD[0]


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Several instances may start together: only one migrates at a time."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
            conn.commit()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with migration_lock(engine):
        cfg = alembic_config(engine.url.render_as_string(hide_password=False))
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with migration_lock(engine):
        cfg = alembic_config(engine.url.render_as_string(hide_password=False))
        command.downgrade(cfg, revision)
