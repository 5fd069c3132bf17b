"""The seeded action plan 2020-2025 and one caller of each role, for the report tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.seed.loader import actor_id, load_dataset

YEAR = 2024
# Text only W13's version carries: from the minutes of the ROSE assembly of December 2024 and
# the evidence summary of dossier SIG-03 (opened in 2024).
MINUTES_2024 = "De vergadering keurt het vorige verslag goed"
EVIDENCE_SIG03 = "Medewerkers in vroege en late shiften"
HTML = "text/html"
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def client(app: Any) -> Any:
    """The report's language follows Accept-Language (Dutch without one): these tests send
    none by default, unlike the shared client (which asks for the English problem texts)."""
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def seeded(engine: sa.Engine) -> None:
    load_dataset()


@pytest.fixture
def w13_seeded(seeded: None, make_user: Callable[..., dict[str, Any]]) -> dict[str, str]:
    return make_user("w13")["headers"]  # type: ignore[no-any-return]


@pytest.fixture
def rose(seeded: None, make_user: Callable[..., dict[str, Any]]) -> dict[str, str]:
    """A ROSE member of a (fictional) LDE organisation in Kortrijk."""
    user = make_user("rose_member", actor=actor_id("fictief-klusjesbedrijf-kortrijk"))
    return user["headers"]  # type: ignore[no-any-return]


@pytest.fixture
def kortrijk_user(seeded: None, make_user: Callable[..., dict[str, Any]]) -> dict[str, str]:
    return make_user("municipality", municipality="34022")["headers"]  # type: ignore[no-any-return]
