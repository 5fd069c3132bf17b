"""Prerequisites of dossiers, written straight through the ORM (actors, a body and meetings),
so these tests do not depend on the actors and meetings routes; users per role."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core.db import session_scope
from api.core.principal import SYSTEM
from api.models import Actor, Body, Meeting, MeetingDossier
from tests.conftest import create

API = "/api/v1/dossiers"


@pytest.fixture
def world(engine: Any) -> dict[str, uuid.UUID]:
    """Two ROSE organisations, the ROSE assembly and two of its meetings."""
    ids = {k: uuid.uuid4() for k in ("brug", "veld", "body", "m_june", "m_sept")}
    with session_scope(principal=SYSTEM) as session:
        session.add(
            Actor(
                id=ids["brug"],
                name="Atelier De Brug (fictief)",
                kind="maatwerkbedrijf",
                rose_member=True,
                fictional=True,
            )
        )
        session.add(
            Actor(
                id=ids["veld"],
                name="Zorgboerderij Het Veld (fictief)",
                kind="arbeidszorginitiatief",
                rose_member=True,
                fictional=True,
            )
        )
        session.add(
            Body(
                id=ids["body"],
                code="rose-av",
                name="Algemene vergadering ROSE",
                kind="general_assembly",
            )
        )
        session.flush()
        session.add(
            Meeting(
                id=ids["m_sept"],
                body_id=ids["body"],
                title="AV ROSE september",
                starts_at=datetime(2025, 9, 18, 12, tzinfo=UTC),
            )
        )
        session.add(
            Meeting(
                id=ids["m_june"],
                body_id=ids["body"],
                title="AV ROSE juni",
                starts_at=datetime(2025, 6, 12, 12, tzinfo=UTC),
            )
        )
    return ids


def link_meeting(meeting_id: uuid.UUID, dossier_id: str, position: int = 0) -> None:
    """What the meetings domain writes when a meeting lists a dossier it discussed."""
    with session_scope(principal=SYSTEM) as session:
        session.add(
            MeetingDossier(
                meeting_id=meeting_id, position=position, dossier_id=uuid.UUID(dossier_id)
            )
        )


@pytest.fixture
def brug(make_user: Callable[..., dict[str, Any]], world: dict[str, uuid.UUID]) -> dict[str, str]:
    """A ROSE member of Atelier De Brug."""
    return make_user("rose_member", actor=world["brug"])["headers"]  # type: ignore[no-any-return]


@pytest.fixture
def veld(make_user: Callable[..., dict[str, Any]], world: dict[str, uuid.UUID]) -> dict[str, str]:
    """A ROSE member of Zorgboerderij Het Veld."""
    return make_user("rose_member", actor=world["veld"])["headers"]  # type: ignore[no-any-return]


@pytest.fixture
def municipal(make_user: Callable[..., dict[str, Any]], kortrijk: dict[str, Any]) -> dict[str, str]:
    return make_user("municipality", municipality="34022")["headers"]  # type: ignore[no-any-return]


def dossier(raised_by: uuid.UUID | None = None, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": "SIG-03",
        "title": "Bereikbaarheid van werkplekken voor doelgroepmedewerkers",
        "theme": "mobiliteit",
        "level": "provincie",
        "raised_by_id": str(raised_by) if raised_by else None,
        "evidence_summary": (
            "Medewerkers in vroege en late shiften geraken moeilijk op bedrijventerreinen zonder "
            "aangepaste busverbinding; meerdere organisaties melden onvervulde vacatures."
        ),
    }
    body.update(changes)
    return body


def make_dossier(client: TestClient, headers: dict[str, str], **kwargs: Any) -> dict[str, Any]:
    return create(client, headers, "dossiers", dossier(**kwargs))
