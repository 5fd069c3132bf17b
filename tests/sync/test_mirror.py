"""Issue 16: a mirror built from the lists and the change feed equals a fresh full read, for
every role, after any writes, also those that change who may see what (municipalities taken
off an agreement, members leaving a body, actions unpublished, providers renamed, parents
deleted). Hypothesis picks the writes; the same test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.core.principal import Role
from tests.conftest import create
from tests.sync.mirror import API, Mirror, full_read

MUNIS = ("34022", "34023", "34027")
WRITES = (
    "agreement_municipalities",
    "agreement_provider",
    "agreement_create",
    "agreement_delete",
    "body_members",
    "meeting_create",
    "meeting_move",
    "meeting_delete",
    "meeting_dossiers",
    "action_publish",
    "action_lead",
    "action_partners",
    "subaction_progress",
    "indicator_public",
    "measurement_create",
    "indicator_delete",
    "indicator_create",
    "actor_rename",
    "dossier_raised_by",
    "event_create",
    "dossier_delete",
    "dossier_create",
)
script = st.lists(
    st.tuples(st.sampled_from(WRITES), st.integers(0, 10_000)), min_size=1, max_size=12
)


class World:
    """The records the writes pick from, created once per test (examples share them)."""

    def __init__(self, client: TestClient, w13: dict[str, str]) -> None:
        self.client, self.w13 = client, w13
        for nis, name in zip(MUNIS, ("Kortrijk", "Kuurne", "Menen"), strict=True):
            create(
                client,
                w13,
                "municipalities",
                {"nis_code": nis, "name_nl": name, "valid_from": "1977-01-01"},
            )
        self.actors = [
            create(
                client,
                w13,
                "actors",
                {
                    "name": f"Atelier {n} (fictief)",
                    "kind": "lde_onderneming",
                    "rose_member": True,
                    "fictional": True,
                },
            )["id"]
            for n in ("Noord", "Zuid", "Oost")
        ]
        pillar = create(
            client,
            w13,
            "pillars",
            {
                "code": "3.3.2",
                "framework": "actieplan",
                "title": "Lokale sociale economie",
                "sort_order": 1,
            },
        )["id"]
        self.pillar = pillar
        self.bodies = [
            create(
                client,
                w13,
                "bodies",
                {
                    "code": f"b{i}",
                    "name": f"Werkgroep {i}",
                    "kind": "workgroup",
                    "member_ids": [self.actors[i]],
                },
            )["id"]
            for i in range(2)
        ]
        self.agreements: list[str] = []
        self.meetings: list[str] = []
        self.indicators: list[str] = []
        self.dossiers: list[str] = []
        self.parent = self.action(published=True)
        self.actions = [
            self.parent,
            self.action(parent_id=self.parent),
            self.action(parent_id=self.parent, published=False),
        ]
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n

    def action(self, **fields: Any) -> str:
        body = {
            "code": f"T{uuid.uuid4().hex[:6]}",
            "title": "Proefactie",
            "description": "x",
            "pillar_id": self.pillar,
            "lead_actor_id": self.actors[0],
            "start_date": "2024-01-01",
            "end_date": "2025-12-31",
            "status": "in_progress",
            "progress": 10,
            "published": True,
            **fields,
        }
        return str(create(self.client, self.w13, "actions", body)["id"])

    def write(self, what: str, pick: int) -> None:
        c, w13 = self.client, self.w13

        def one(items: list[str]) -> str:
            return items[pick % len(items)]

        def patch(path: str, body: dict[str, Any]) -> None:
            r = c.patch(f"{API}/{path}", json=body, headers=w13)
            assert r.status_code == 200, (path, body, r.text)

        def delete(path: str) -> None:
            r = c.delete(f"{API}/{path}", headers=w13)
            assert r.status_code == 204, (path, r.text)

        subset = [m for i, m in enumerate(MUNIS) if pick >> i & 1] or [MUNIS[pick % 3]]
        actor = one(self.actors)
        if what == "agreement_create" or (what.startswith("agreement") and not self.agreements):
            self.agreements.append(
                create(
                    c,
                    w13,
                    "agreements",
                    {
                        "title": f"DAEB {self.next()}",
                        "municipalities": subset,
                        "provider_id": actor,
                        "service": "klusjesdienst",
                        "start_date": "2024-01-01",
                        "end_date": "2026-12-31",
                        "regime": "transitional",
                    },
                )["id"]
            )
        elif what == "agreement_municipalities":
            patch(f"agreements/{one(self.agreements)}", {"municipalities": subset})
        elif what == "agreement_provider":
            patch(f"agreements/{one(self.agreements)}", {"provider_id": actor})
        elif what == "agreement_delete":
            record = one(self.agreements)
            delete(f"agreements/{record}")
            self.agreements.remove(record)
        elif what == "body_members":
            members = [a for i, a in enumerate(self.actors) if pick >> i & 1]
            patch(f"bodies/{one(self.bodies)}", {"member_ids": members})
        elif what == "meeting_create" or (what.startswith("meeting_") and not self.meetings):
            self.meetings.append(
                create(
                    c,
                    w13,
                    "meetings",
                    {
                        "body_id": one(self.bodies),
                        "title": f"Overleg {self.next()}",
                        "starts_at": "2025-06-11T14:00:00+02:00",
                        "ends_at": "2025-06-11T16:00:00+02:00",
                        "attendance": [{"actor_id": actor, "status": "present"}],
                    },
                )["id"]
            )
        elif what == "meeting_dossiers":
            discussed = [d for i, d in enumerate(self.dossiers) if pick >> i & 1]
            patch(f"meetings/{one(self.meetings)}", {"dossier_ids": discussed})
        elif what == "meeting_move":
            patch(f"meetings/{one(self.meetings)}", {"body_id": one(self.bodies)})
        elif what == "meeting_delete":
            record = one(self.meetings)
            delete(f"meetings/{record}")
            self.meetings.remove(record)
        elif what == "action_publish":
            patch(f"actions/{one(self.actions)}", {"published": bool(pick & 1)})
        elif what == "action_lead":
            patch(f"actions/{one(self.actions)}", {"lead_actor_id": actor, "partner_ids": []})
        elif what == "action_partners":
            partners = [a for i, a in enumerate(self.actors) if pick >> i & 1 and a != actor]
            patch(f"actions/{one(self.actions)}", {"lead_actor_id": actor, "partner_ids": partners})
        elif what == "subaction_progress":
            patch(f"actions/{one(self.actions[1:])}", {"progress": pick % 101})
        elif what == "indicator_create" or (
            what.startswith(("indicator", "measurement")) and not self.indicators
        ):
            self.indicators.append(
                create(
                    c,
                    w13,
                    "indicators",
                    {
                        "code": f"I{self.next()}",
                        "name": "Tewerkstelling",
                        "unit": "personen",
                        "kind": "action",
                        "action_id": one(self.actions),
                        "public": bool(pick & 1),
                    },
                )["id"]
            )
        elif what == "indicator_public":
            patch(f"indicators/{one(self.indicators)}", {"public": bool(pick & 1)})
        elif what == "measurement_create":
            r = c.post(
                f"{API}/indicators/{one(self.indicators)}/measurements",
                headers=w13,
                json={
                    "date": f"2024-01-{self.next() % 28 + 1:02d}",
                    "value": pick,
                    "data_source": "Steunpunt Werk",
                },
            )
            assert r.status_code in (201, 409), r.text
        elif what == "indicator_delete":
            record = one(self.indicators)
            delete(f"indicators/{record}")
            self.indicators.remove(record)
        elif what == "actor_rename":
            patch(f"actors/{actor}", {"name": f"Atelier {self.next()} (fictief)"})
        elif what == "dossier_create" or (
            what.startswith(("dossier", "event")) and not self.dossiers
        ):
            self.dossiers.append(
                create(
                    c,
                    w13,
                    "dossiers",
                    {
                        "code": f"SIG-{self.next()}",
                        "title": "Bereikbaarheid",
                        "theme": "mobiliteit",
                        "level": "provincie",
                        "raised_by_id": actor,
                    },
                )["id"]
            )
        elif what == "dossier_raised_by":
            patch(f"dossiers/{one(self.dossiers)}", {"raised_by_id": actor})
        elif what == "event_create":
            r = c.post(
                f"{API}/dossiers/{one(self.dossiers)}/events",
                headers=w13,
                json={"date": "2025-01-15", "kind": "note", "text": "Opvolging"},
            )
            assert r.status_code == 201, r.text
        elif what == "dossier_delete":
            record = one(self.dossiers)
            r = c.delete(f"{API}/dossiers/{record}", headers=w13)
            # A dossier an action or a meeting still refers to is refused (409) and nothing
            # changes: the mirrors must still equal a fresh read.
            assert r.status_code in (204, 409), r.text
            if r.status_code == 204:
                self.dossiers.remove(record)


@pytest.fixture
def world(client: TestClient, w13: dict[str, str]) -> World:
    return World(client, w13)


@pytest.fixture
def readers(make_user: Any, world: World, w13: dict[str, str]) -> dict[Role, dict[str, str]]:
    return {
        Role.anonymous: {},
        Role.rose_member: make_user("rose_member", actor=world.actors[0])["headers"],
        Role.municipality: make_user("municipality", municipality="34022")["headers"],
        Role.w13: w13,
    }


# A few dozen examples per database keep the suite fast; each runs up to twelve writes and
# compares four mirrors with four full reads.
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(writes=script)
def test_a_mirror_from_lists_and_feed_equals_a_fresh_read_for_every_role(
    client: TestClient,
    world: World,
    readers: dict[Role, dict[str, str]],
    writes: list[tuple[str, int]],
) -> None:
    mirrors = {role: Mirror(client, headers, role) for role, headers in readers.items()}
    for what, pick in writes:
        world.write(what, pick)
    for role, mirror in mirrors.items():
        mirror.follow()
        fresh = full_read(client, readers[role], role)
        assert set(mirror.data) == set(fresh), (role, set(mirror.data) ^ set(fresh))
        for key, item in fresh.items():
            assert mirror.data[key] == item, (role, key)
