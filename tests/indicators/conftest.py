"""Prerequisites of indicators, written straight through the ORM: a pillar, actors and two
actions, so these tests do not depend on the plan and actions routes."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core.db import session_scope
from api.core.principal import SYSTEM
from api.models import Action, ActionPartner, Actor, Pillar

API = "/api/v1/indicators"


@pytest.fixture
def plan(engine: Any) -> dict[str, uuid.UUID]:
    """Action A01 led by De Brug with Het Veld as partner; action A02 led by Groenwerk."""
    ids = {name: uuid.uuid4() for name in ("pillar", "brug", "veld", "groen", "a01", "a02")}
    with session_scope(principal=SYSTEM) as session:
        session.add(
            Pillar(
                id=ids["pillar"],
                code="3.3.2",
                framework="actieplan",
                title="De lokale sociale economie verder uitbouwen",
            )
        )
        for key, name, kind in (
            ("brug", "Atelier De Brug (fictief)", "maatwerkbedrijf"),
            ("veld", "Zorgboerderij Het Veld (fictief)", "arbeidszorginitiatief"),
            ("groen", "Groenwerk Leie (fictief)", "lde_onderneming"),
        ):
            session.add(Actor(id=ids[key], name=name, kind=kind, rose_member=True, fictional=True))
        session.flush()
        session.add(
            Action(
                id=ids["a01"],
                code="A01",
                title="DAEB-kader met de lokale besturen",
                pillar_id=ids["pillar"],
                lead_actor_id=ids["brug"],
                start_date=date(2020, 1, 1),
                end_date=date(2025, 12, 31),
            )
        )
        session.add(
            Action(
                id=ids["a02"],
                code="A02",
                title="Mobiliteit naar het werk",
                pillar_id=ids["pillar"],
                lead_actor_id=ids["groen"],
                start_date=date(2021, 1, 1),
                end_date=date(2023, 12, 31),
            )
        )
        session.flush()
        session.add(ActionPartner(action_id=ids["a01"], position=0, actor_id=ids["veld"]))
    return ids


def jobratio(**changes: Any) -> dict[str, Any]:
    """A context indicator with the job ratio of the region (figures from the action plan)."""
    return {
        "code": "CTX-JOBRATIO-ZWVL",
        "name": "Jobratio Zuid-West-Vlaanderen",
        "description": "Aantal jobs per 100 inwoners op beroepsactieve leeftijd.",
        "unit": "per 100 inwoners",
        "kind": "context",
        "geography": "zuid_west_vlaanderen",
        "baseline_value": 81.3,
        "baseline_date": "2019-09-30",
        "public": True,
        **changes,
    }


def daeb(action_id: uuid.UUID, **changes: Any) -> dict[str, Any]:
    """An action indicator: municipalities with a DAEB agreement."""
    return {
        "code": "A01-DAEB",
        "name": "Gemeenten met een DAEB-overeenkomst",
        "unit": "gemeenten",
        "kind": "action",
        "action_id": str(action_id),
        "baseline_value": 3,
        "baseline_date": "2020-01-01",
        "target_value": 14,
        "target_date": "2025-12-31",
        **changes,
    }


def measurement(day: str = "2019-09-30", value: Any = 81.3, **changes: Any) -> dict[str, Any]:
    return {"date": day, "value": value, "data_source": "Steunpunt Werk, jobratio", **changes}


@pytest.fixture
def add_indicator(client: TestClient, w13: dict[str, str]) -> Callable[..., dict[str, Any]]:
    def add(body: dict[str, Any]) -> dict[str, Any]:
        r = client.post(API, json=body, headers=w13)
        assert r.status_code == 201, r.text
        return r.json()  # type: ignore[no-any-return]

    return add


@pytest.fixture
def add_measurement(client: TestClient, w13: dict[str, str]) -> Callable[..., dict[str, Any]]:
    def add(indicator: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        r = client.post(f"{API}/{indicator['id']}/measurements", json=body, headers=w13)
        assert r.status_code == 201, r.text
        return r.json()  # type: ignore[no-any-return]

    return add
