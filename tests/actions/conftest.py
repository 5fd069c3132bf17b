"""A small slice of the action plan 2020-2025 for the action tests: pillars, objectives of
pillar 3.3.2, the Flemish framework priorities and a few actors of the region."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import create

Plan = dict[str, str]


@pytest.fixture
def plan(client: TestClient, w13: dict[str, str]) -> Plan:
    """Ids by code: pillars 3.3.1, 3.3.2, 3.3.3, WSE-LR1..3 and objectives 3.3.2.1..3.3.2.2."""
    ids: Plan = {}
    pillars = [
        ("3.3.1", "actieplan", "Netwerking op het grondgebied stimuleren", 1),
        ("3.3.2", "actieplan", "De lokale sociale economie verder uitbouwen", 2),
        ("3.3.3", "actieplan", "Maatschappelijk verantwoord ondernemen (MVO)", 3),
        ("WSE-LR1", "vlaams_kader", "Regierol opnemen", 4),
        (
            "WSE-LR2",
            "vlaams_kader",
            "Tewerkstelling van personen met een afstand tot de arbeidsmarkt",
            5,
        ),
        ("WSE-LR3", "vlaams_kader", "(Sociaal) ondernemerschap en MVO", 6),
    ]
    for code, framework, title, order in pillars:
        ids[code] = create(
            client,
            w13,
            "pillars",
            {"code": code, "framework": framework, "title": title, "sort_order": order},
        )["id"]
    objectives = [
        ("3.3.1.1", "3.3.1", "Een geoptimaliseerde ROSE-werking", 1),
        ("3.3.2.1", "3.3.2", "Het netwerk sociale economie sluitend maken", 3),
        ("3.3.2.2", "3.3.2", "Drempels in de regio wegwerken", 4),
    ]
    for code, pillar, title, order in objectives:
        ids[code] = create(
            client,
            w13,
            "objectives",
            {"code": code, "pillar_id": ids[pillar], "title": title, "sort_order": order},
        )["id"]
    return ids


@pytest.fixture
def actors(client: TestClient, w13: dict[str, str]) -> Plan:
    """Ids by key: the coordinator, a partner and three (fictional) social-economy firms."""
    rows = {
        "w13": {"name": "W13", "kind": "w13"},
        "vdab": {"name": "VDAB", "kind": "partner"},
        "zwevegem": {
            "name": "Maatwerkbedrijf Schelde & Leie (fictief)",
            "kind": "maatwerkbedrijf",
            "fictional": True,
            "rose_member": True,
        },
        "waregem": {
            "name": "Fietsatelier Op Wielen (fictief)",
            "kind": "lde_onderneming",
            "fictional": True,
            "rose_member": True,
        },
        "kuurne": {
            "name": "Arbeidszorgatelier Den Draad (fictief)",
            "kind": "arbeidszorginitiatief",
            "fictional": True,
            "rose_member": True,
        },
    }
    return {key: create(client, w13, "actors", body)["id"] for key, body in rows.items()}


@pytest.fixture
def action_body(plan: Plan, actors: Plan) -> Callable[..., dict[str, Any]]:
    """A valid action (A15, mobility of target-group workers); keywords override fields."""

    def body(**overrides: Any) -> dict[str, Any]:
        return {
            "code": "A15",
            "title": "Mobiliteit van doelgroepmedewerkers van, naar en tijdens het werk",
            "description": "Samen met maatwerkbedrijven, De Lijn en de gemeenten vervoer op maat "
            "zoeken voor doelgroepmedewerkers die hun werkplek moeilijk bereiken.",
            "pillar_id": plan["3.3.2"],
            "objective_id": plan["3.3.2.2"],
            "wse_lr_code": "WSE-LR2",
            "bbc_code": "BD2.AP06.A01",
            "w13_plan_codes": ["OD2", "AP06"],
            "lead_actor_id": actors["w13"],
            "partner_ids": [actors["vdab"], actors["zwevegem"]],
            "start_date": "2020-01-01",
            "end_date": "2025-12-31",
            "accent_years": [2021, 2024],
            "mvo_themes": ["mobiliteit"],
            "status": "in_progress",
            "progress": 40,
            "published": True,
            "milestones": [
                {
                    "title": "Knelpuntenbevraging bij de maatwerkbedrijven",
                    "due_date": "2020-11-30",
                    "done_on": "2020-11-27",
                },
                {
                    "title": "Proefproject deelfietsen Kortrijk-Menen",
                    "due_date": "2022-06-30",
                    "done_on": None,
                },
            ],
            **overrides,
        }

    return body


@pytest.fixture
def make_action(
    client: TestClient, w13: dict[str, str], action_body: Callable[..., dict[str, Any]]
) -> Callable[..., dict[str, Any]]:
    def make(**overrides: Any) -> dict[str, Any]:
        return create(client, w13, "actions", action_body(**overrides))

    return make
