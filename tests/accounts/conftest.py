"""Fixtures of the accounts tests (also used by tests/security)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import create


def login(client: TestClient, username: str, password: str) -> Any:
    """The password grant through the real token endpoint."""
    return client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": password},
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def actor_body(name: str, kbo: str | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "kind": "maatwerkbedrijf",
        "kbo_number": kbo,
        "description": "Fictieve organisatie voor de tests.",
        "rose_member": True,
        "fictional": True,
    }


@pytest.fixture
def actor(client: TestClient, w13: dict[str, str]) -> dict[str, Any]:
    return create(client, w13, "actors", actor_body("Atelier De Brug (fictief)"))


@pytest.fixture
def other_actor(client: TestClient, w13: dict[str, str]) -> dict[str, Any]:
    return create(client, w13, "actors", actor_body("Kringwinkel Leiestreek (fictief)"))
