"""Alembic, driven from code: `regie db upgrade`, readiness and the test suite use it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from api.core.config import PROJECT_ROOT

MIGRATION_LOCK = 0x5245_4744  # advisory lock id held while migrating
VERSION_TABLE = "alembic_version"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    # Logging is the caller's (api.core.logging): alembic.ini's would replace it mid-run.
    cfg.attributes["skip_logging"] = True
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


_HEAD: list[str | None] = []
_KNOWN: list[frozenset[str]] = []


def known_revisions() -> frozenset[str]:
    """Every revision this code ships; a database at another one was migrated by newer code."""
    if not _KNOWN:
        script = ScriptDirectory.from_config(alembic_config())
        _KNOWN.append(frozenset(r.revision for r in script.walk_revisions()))
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
    with migration_lock(engine):
        cfg = alembic_config(engine.url.render_as_string(hide_password=False))
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    with migration_lock(engine):
        cfg = alembic_config(engine.url.render_as_string(hide_password=False))
        command.downgrade(cfg, revision)
