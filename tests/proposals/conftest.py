"""The meetings domain's fixtures (actors, a body two of them sit in, users), and upcoming
meetings of that body to propose items for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import create
from tests.meetings.conftest import (  # noqa: F401 - fixtures
    actors,
    body,
    meeting_payload,
    member,
    municipal,
    outsider,
)


def upcoming(days: int) -> dict[str, str]:
    start = (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0)
    return {
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
    }


@pytest.fixture
def meeting(
    client: TestClient,
    w13: dict[str, str],
    body: dict[str, Any],  # noqa: F811
) -> dict[str, Any]:
    """The body's next meeting, with the template's three agenda items."""
    return create(client, w13, "meetings", meeting_payload(body, **upcoming(30)))


@pytest.fixture
def later(
    client: TestClient,
    w13: dict[str, str],
    body: dict[str, Any],  # noqa: F811
) -> dict[str, Any]:
    return create(
        client,
        w13,
        "meetings",
        meeting_payload(body, title="Algemene vergadering ROSE – september", **upcoming(120)),
    )


def proposal_payload(
    meeting: dict[str, Any], actor: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    return {
        "meeting_id": meeting["id"],
        "title": "Vervoer naar de bedrijventerreinen",
        "explanation": "Drie maatwerkbedrijven vinden geen vervoer voor de vroege ploeg.",
        "proposer_actor_id": actor["id"],
        **extra,
    }
