"""The schema is the migrations' work: no drift from the models, and downgrade works."""

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from api import migrate
from api.core.models import metadata
from api.core.search import include_object
from api.migrate import current_and_head, downgrade, upgrade
from tests.conftest import IS_PG


def _diff(engine: sa.Engine) -> list[object]:
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_object": include_object}
        ctx = MigrationContext.configure(conn, opts=opts)
        return list(compare_metadata(ctx, metadata))


def test_models_match_migrations(engine: sa.Engine) -> None:
    """The equivalent of `alembic check`: autogenerate finds nothing to do."""
    assert _diff(engine) == []


def test_downgrade_to_base_and_back(engine: sa.Engine) -> None:
    downgrade(engine, "base")
    tables = set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
    assert tables == set()
    upgrade(engine)
    current, head = current_and_head(engine)
    assert current == head
    assert _diff(engine) == []
    assert "actions" in sa.inspect(engine).get_table_names()


def test_backend_is_the_one_asked_for(engine: sa.Engine) -> None:
    assert engine.dialect.name == ("postgresql" if IS_PG else "sqlite")


def test_sqlite_pragmas(engine: sa.Engine) -> None:
    if engine.dialect.name != "sqlite":
        assert engine.dialect.name == "postgresql"
        return
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_readiness_reads_the_revisions_alembic_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Serving processes read head and known revisions from the files, without alembic."""
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.known_revisions() == {r.revision for r in script.walk_revisions()}
    # A second migration on top of the first becomes the head.
    for name, revision, down in (("a.py", "0001", "None"), ("b.py", "0002", '"0001"')):
        (tmp_path / name).write_text(
            f'revision: str = "{revision}"\ndown_revision: str | None = {down}\n'
        )
    monkeypatch.setattr(migrate, "VERSIONS", tmp_path)
    assert migrate.head_revision() == "0002"
    assert set(migrate._revision_graph()) == {"0001", "0002"}


def test_a_serving_process_does_not_load_alembic() -> None:
    code = "import sys, api.main; print('alembic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
