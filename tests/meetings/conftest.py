"""Fixtures of the meetings domain: three actors, a body two of them sit in, and users."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core.db import session_scope
from api.core.principal import SYSTEM
from api.models.plan import Pillar
from tests.conftest import create

AGENDA = [
    {"title": "Verwelkoming en goedkeuring verslag", "description": "", "items": []},
    {
        "title": "Stand van zaken fabrieken",
        "description": "Kort verslag per fabriek.",
        "items": [
            {"title": "LDE-fabriek", "description": "", "items": []},
            {"title": "AZ-fabriek", "description": "", "items": []},
        ],
    },
    {"title": "Varia", "description": "", "items": []},
]


@pytest.fixture
def actors(client: TestClient, w13: dict[str, str]) -> list[dict[str, Any]]:
    names = [
        ("Atelier De Brug (fictief)", "maatwerkbedrijf"),
        ("Zorgboerderij Het Veld (fictief)", "arbeidszorginitiatief"),
        ("Buurtwerk Leiestreek (fictief)", "lde_onderneming"),
    ]
    return [
        create(
            client, w13, "actors", {"name": n, "kind": k, "rose_member": True, "fictional": True}
        )
        for n, k in names
    ]


def body_payload(members: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "code": "rose-av",
        "name": "Algemene vergadering ROSE",
        "kind": "general_assembly",
        "description": "Het regionaal overleg sociale economie, elk kwartaal.",
        "recurrence": "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU",
        "agenda_template": AGENDA,
        "member_ids": [m["id"] for m in members],
        **extra,
    }


@pytest.fixture
def body(client: TestClient, w13: dict[str, str], actors: list[dict[str, Any]]) -> dict[str, Any]:
    """The ROSE assembly; actors 0 and 1 sit in it, actor 2 does not."""
    return create(client, w13, "bodies", body_payload(actors[:2]))


def meeting_payload(body: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "body_id": body["id"],
        "title": "Algemene vergadering ROSE – juni",
        "starts_at": "2024-06-11T14:00:00+02:00",
        "ends_at": "2024-06-11T16:00:00+02:00",
        "location": "W13, President Kennedypark 10, Kortrijk",
        **extra,
    }


@pytest.fixture
def member(
    make_user: Callable[..., dict[str, Any]], actors: list[dict[str, Any]]
) -> dict[str, str]:
    """A ROSE member whose actor sits in the body."""
    return make_user("rose_member", actor=actors[0]["id"])["headers"]  # type: ignore[no-any-return]


@pytest.fixture
def outsider(
    make_user: Callable[..., dict[str, Any]], actors: list[dict[str, Any]]
) -> dict[str, str]:
    """A ROSE member whose actor does not sit in the body."""
    return make_user("rose_member", actor=actors[2]["id"])["headers"]  # type: ignore[no-any-return]


@pytest.fixture
def municipal(make_user: Callable[..., dict[str, Any]], kortrijk: dict[str, Any]) -> dict[str, str]:
    return make_user("municipality", municipality="34022")["headers"]  # type: ignore[no-any-return]


@pytest.fixture
def pillar_id() -> str:
    """A pillar of the action plan, written directly: the plan domain is not ours."""
    pid = uuid.uuid4()
    with session_scope(principal=SYSTEM) as session:
        session.add(
            Pillar(
                id=pid,
                code="3.3.1",
                framework="actieplan",
                title="Netwerking op het grondgebied stimuleren",
            )
        )
    return str(pid)
