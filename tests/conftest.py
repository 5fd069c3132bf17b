"""Test fixtures: a real database built by the migrations, cleaned after every test.

Runs on SQLite by default; with `REGIE_TEST_PG_URL` (a PostgreSQL server URL, see
`scripts/pg.sh`) it creates a fresh database on that server for the run and drops it after."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

os.environ["REGIE_ENV"] = "test"
os.environ.pop("REGIE_CORS_ORIGINS", None)
_PG_SERVER = os.environ.get("REGIE_TEST_PG_URL")
_TMP = tempfile.mkdtemp(prefix="regie-test-")
if _PG_SERVER:
    _DB_NAME = f"regie_test_{uuid.uuid4().hex[:10]}"
    _admin = sa.create_engine(_PG_SERVER, isolation_level="AUTOCOMMIT")
    with _admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{_DB_NAME}"'))
    _url = sa.make_url(_PG_SERVER).set(database=_DB_NAME)
    os.environ["REGIE_DATABASE_URL"] = _url.render_as_string(hide_password=False)
else:
    os.environ["REGIE_DATABASE_URL"] = f"sqlite:///{_TMP}/test.db"

from fastapi.testclient import TestClient  # noqa: E402

from api.accounts.admin import create_user_in  # noqa: E402
from api.core.config import get_settings  # noqa: E402
from api.core.db import get_engine, session_scope  # noqa: E402
from api.core.models import metadata  # noqa: E402
from api.core.principal import SYSTEM  # noqa: E402
from api.core.security import encode_token  # noqa: E402
from api.main import create_app  # noqa: E402
from api.migrate import upgrade  # noqa: E402

# A hook of the whole run: a dependency audit that could not run says so at the end.
from tests.faults.report import pytest_terminal_summary  # noqa: E402, F401

IS_PG = bool(_PG_SERVER)
PASSWORD = "correct horse battery staple"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    get_engine().dispose()
    if _PG_SERVER:
        with _admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{_DB_NAME}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def engine() -> sa.Engine:
    eng = get_engine()
    upgrade(eng)
    wipe(eng)  # the migration's own feed row (unitofwork.mark_feed): every test starts empty
    return eng


# Apps of the session: a wiped database starts the feed over, which no running instance sees
# in production (a restore asks to restart them), so their page caches are emptied with it.
_APPS: list[Any] = []


def wipe(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())
    for app in _APPS:
        app.state.page_cache.clear()


@pytest.fixture(autouse=True)
def _clean(engine: sa.Engine) -> Iterator[None]:
    yield
    wipe(engine)


@pytest.fixture(scope="session")
def app() -> Any:
    app = create_app()
    _APPS.append(app)
    return app


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    # The tests read the service's original (English) texts; tests/core/test_problem_language.py
    # covers the Dutch default and French.
    with TestClient(app, raise_server_exceptions=False, headers={"Accept-Language": "en"}) as c:
        yield c


def token_for(user_id: uuid.UUID, minutes: int = 15, **claims: Any) -> str:
    tok, _ = encode_token(
        get_settings(),
        subject=f"user:{user_id}",
        token_type="access",
        lifetime=timedelta(minutes=minutes),
        claims=claims,
    )
    return tok


@pytest.fixture
def make_user(engine: sa.Engine) -> Callable[..., dict[str, Any]]:
    """Create a user of a role; returns its id, e-mail and ready Authorization headers."""

    def make(
        role: str = "w13",
        *,
        actor: Any = None,
        municipality: str | None = None,
        email: str | None = None,
        password: str = PASSWORD,
    ) -> dict[str, Any]:
        email = email or f"{role}-{uuid.uuid4().hex[:8]}@example.org"
        with session_scope(principal=SYSTEM) as session:
            user = create_user_in(
                session,
                email=email,
                name=email.split("@")[0],
                role=role,
                actor=str(actor) if actor else None,
                municipality=municipality,
                password=password,
            )
            user_id = user.id
        return {
            "id": user_id,
            "email": email,
            "password": password,
            "headers": {"Authorization": f"Bearer {token_for(user_id)}"},
        }

    return make


@pytest.fixture
def w13(make_user: Callable[..., dict[str, Any]]) -> dict[str, str]:
    return make_user("w13")["headers"]  # type: ignore[no-any-return]


def create(
    client: TestClient, headers: dict[str, str], resource: str, body: dict[str, Any]
) -> dict[str, Any]:
    r = client.post(f"/api/v1/{resource}", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


@pytest.fixture
def kortrijk(client: TestClient, w13: dict[str, str]) -> dict[str, Any]:
    return create(
        client,
        w13,
        "municipalities",
        {
            "nis_code": "34022",
            "name_nl": "Kortrijk",
            "valid_from": "1977-01-01",
            "w13_member": True,
        },
    )


@pytest.fixture
def menen(client: TestClient, w13: dict[str, str]) -> dict[str, Any]:
    return create(
        client,
        w13,
        "municipalities",
        {
            "nis_code": "34027",
            "name_nl": "Menen",
            "valid_from": "1977-01-01",
            "w13_member": True,
        },
    )


def count_rows(table: str) -> int:
    with get_engine().connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())
