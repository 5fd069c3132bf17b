"""Prerequisites of agreements, written straight through the ORM (municipalities and
providers), so these tests do not depend on other domains' routes; users per role."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core.db import session_scope
from api.core.principal import SYSTEM
from api.models import Actor, Municipality
from tests.conftest import create

API = "/api/v1/agreements"

MUNICIPALITIES = [
    ("34022", "Kortrijk", None),
    ("34023", "Kuurne", None),
    ("34025", "Lendelede", None),
    ("34027", "Menen", None),
    ("33029", "Wervik", None),
    # Zingem merged into Kruisem on 1 January 2019: its code stopped then.
    ("45057", "Zingem", date(2018, 12, 31)),
]


@pytest.fixture
def region(engine: Any) -> dict[str, uuid.UUID]:
    """The municipalities above and three providers (two LDE organisations, one without KBO)."""
    ids = {k: uuid.uuid4() for k in ("klus", "opvang", "zonder")}
    with session_scope(principal=SYSTEM) as session:
        for nis, name, valid_to in MUNICIPALITIES:
            session.add(
                Municipality(
                    nis_code=nis,
                    name_nl=name,
                    valid_from=date(1977, 1, 1),
                    valid_to=valid_to,
                    w13_member=valid_to is None,
                )
            )
        session.add(
            Actor(
                id=ids["klus"],
                name="Klusjesbedrijf Leiestreek (fictief)",
                kind="lde_onderneming",
                kbo_number="0630835639",
                fictional=True,
            )
        )
        session.add(
            Actor(
                id=ids["opvang"],
                name="Kinderopvang De Speelboom (fictief)",
                kind="lde_onderneming",
                kbo_number="0412345614",
                fictional=True,
            )
        )
        session.add(
            Actor(
                id=ids["zonder"],
                name="Buurtwerking zonder KBO (fictief)",
                kind="partner",
                fictional=True,
            )
        )
    return ids


@pytest.fixture
def kortrijk_user(make_user: Callable[..., dict[str, Any]], region: Any) -> dict[str, str]:
    return make_user("municipality", municipality="34022")["headers"]  # type: ignore[no-any-return]


@pytest.fixture
def menen_user(make_user: Callable[..., dict[str, Any]], region: Any) -> dict[str, str]:
    return make_user("municipality", municipality="34027")["headers"]  # type: ignore[no-any-return]


@pytest.fixture
def klus_member(
    make_user: Callable[..., dict[str, Any]], region: dict[str, uuid.UUID]
) -> dict[str, str]:
    """A ROSE member of the provider Klusjesbedrijf Leiestreek."""
    return make_user("rose_member", actor=region["klus"])["headers"]  # type: ignore[no-any-return]


def agreement(provider: uuid.UUID, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "DAEB klusjesdienst Kortrijk, Kuurne en Lendelede 2023–2026",
        "municipalities": ["34022", "34023", "34025"],
        "provider_id": str(provider),
        "service": "klusjesdienst",
        "description": "Kleine herstellingen in en rond de woning voor wie dat niet zelf kan.",
        "target_group": "Ouderen en personen met een beperking",
        "territory": "Grondgebied van Kortrijk, Kuurne en Lendelede",
        "start_date": "2023-07-01",
        "end_date": "2026-06-30",
        "compensation_amount": 98000.00,
        "compensation_parameters": "Bedrag per begeleid uur, jaarlijks afgerekend.",
        "review_dates": ["2024-03-31", "2025-03-31", "2026-03-31"],
        "council_decision_date": "2023-05-22",
        "council_decision_uri": "https://example.org/besluiten/kortrijk/2023-05-22-daeb",
        "volume": 7800,
        "volume_unit": "hours",
        "regime": "transitional",
    }
    body.update(changes)
    return body


def make_agreement(
    client: TestClient, headers: dict[str, str], provider: uuid.UUID, **changes: Any
) -> dict[str, Any]:
    return create(client, headers, "agreements", agreement(provider, **changes))
