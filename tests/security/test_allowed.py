"""What a read says the caller may do (`allowed`) is what the server then accepts.

For every registered resource × role × record (inside and outside every condition, and for
actions a record whose partner is the ROSE member's actor), the record is read as that role;
then its `allowed` is put to the test with real writes: a PATCH of fields it lists succeeds
exactly when `update` is true, a PATCH of a field it does not list is refused, a DELETE (of a
stand-in made the same way) succeeds exactly when `delete` is true. The SPA renders its buttons
and fields from `allowed` (client/src/auth/permissions.ts), so what it offers is what works.
`/me`'s `may` is checked against the table for each role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core.permissions import TABLE, Verb
from api.core.principal import Role
from api.core.registry import REGISTRY
from tests.security.test_permission_matrix import (
    FACTORIES,
    OUTSIDE_PATCH,
    PATCH,
    ROLES,
    Rec,
    World,
    collection_url,
    item_url,
    tag,
    w13_version,
    world_factory,  # noqa: F401  (a fixture)
)


def read_allowed(world: World, role: Role, rec: Rec) -> dict[str, Any] | None:
    """`allowed` of the record as the role reads it (single read and list agree), or None
    when the role cannot read it."""
    client, headers = world.client, world.headers[role]
    r = client.get(item_url(rec), headers=headers)
    if r.status_code != 200:
        return None
    allowed: dict[str, Any] = r.json()["allowed"]
    assert set(allowed) == {"update", "delete", "fields"}
    listed = client.get(
        collection_url(REGISTRY[rec.resource], rec.parent), params={"limit": 500}, headers=headers
    )
    assert listed.status_code == 200, listed.text
    [item] = [i for i in listed.json()["items"] if i["id"] == rec.id]
    assert item["allowed"] == allowed, (role.value, rec.resource)
    return allowed


def prove_update(world: World, role: Role, rec: Rec, allowed: dict[str, Any], n: int) -> None:
    # Values of their own, so each accepted write changes the record (and its version).
    patches = [
        {
            k: f"{v} {n}" if isinstance(v, str) else n % 90 + 5
            for k, v in PATCH[rec.resource].items()
        }
    ]
    if rec.resource in OUTSIDE_PATCH:
        patches.append(OUTSIDE_PATCH[rec.resource](n))
    for patch in patches:
        offered = allowed["update"] and set(patch) <= set(allowed["fields"])
        version = w13_version(world, rec)
        r = world.client.patch(item_url(rec), json=patch, headers=world.headers[role])
        assert (r.status_code == 200) == offered, (
            role.value,
            rec.resource,
            patch,
            allowed,
            r.status_code,
            r.text,
        )
        assert w13_version(world, rec) == version + (1 if offered else 0)
        if offered:
            rec.body = {**rec.body, **patch}
            assert r.json()["allowed"] == allowed  # the write's answer says the same
        else:
            assert r.status_code in (401, 403, 404)
    if not allowed["update"]:
        assert allowed["fields"] == []


def prove_delete(world: World, role: Role, rec: Rec) -> None:
    inside = rec.own_rose or rec.own_muni or rec.public
    stand_in = world.make(rec.resource, inside)
    allowed = read_allowed(world, role, stand_in)
    assert allowed is not None
    r = world.client.delete(item_url(stand_in), headers=world.headers[role])
    assert (r.status_code == 204) == allowed["delete"], (role.value, rec.resource, r.text)
    still = world.client.get(item_url(stand_in), headers=world.headers[Role.w13])
    assert still.status_code == (404 if allowed["delete"] else 200)


def partner_action(world: World) -> Rec:
    """An action the ROSE member's actor is a partner in, not the lead."""
    body, _ = FACTORIES["actions"](world, False, next(world.counter))
    body = {**body, "partner_ids": [world.actor_a]}
    r = world.client.post("/api/v1/actions", json=body, headers=world.headers[Role.w13])
    assert r.status_code == 201, r.text
    return tag(world, Rec("actions", r.json()["id"], body))


@pytest.mark.parametrize("resource", sorted(FACTORIES))
def test_allowed_is_what_the_server_accepts(
    world_factory: Callable[[], World],  # noqa: F811  (the fixture imported above)
    resource: str,
) -> None:
    world = world_factory()
    targets = [world.base(resource, True), world.base(resource, False)]
    if resource == "actions":
        targets.append(partner_action(world))
    seen_any = False
    for role in ROLES:
        for rec in targets:
            allowed = read_allowed(world, role, rec)
            if allowed is None:
                continue
            seen_any = True
            prove_update(world, role, rec, allowed, next(world.counter))
            prove_delete(world, role, rec)
    assert seen_any


def test_a_partner_may_update_the_progress_of_an_action(
    world_factory: Callable[[], World],  # noqa: F811
) -> None:
    """The drift that started this: a partner (not the lead) may update progress."""
    world = world_factory()
    rec = partner_action(world)
    allowed = read_allowed(world, Role.rose_member, rec)
    assert allowed == {
        "update": True,
        "delete": False,
        "fields": ["milestones", "progress", "status"],
    }
    outside = read_allowed(world, Role.rose_member, world.base("actions", False))
    assert outside is not None and outside["update"] is False


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_me_says_what_the_role_may_do(
    world_factory: Callable[[], World],  # noqa: F811  (the fixture imported above)
    client: TestClient,
    role: Role,
) -> None:
    world = world_factory()
    r = client.get("/api/v1/me", headers=world.headers[role])
    assert r.status_code == 200
    may = r.json()["may"]
    for resource, cells in TABLE.items():
        expected = sorted(v.value for v in Verb if role in cells.get(v, {}))
        assert may.get(resource, []) == expected, (role.value, resource)
