"""The permission table, proven cell by cell against the running app.

Generated from `api.core.permissions.TABLE`, `api.core.registry.REGISTRY` and the app's routes:

(a) every route under /api/v1 belongs to a resource of the table (a new route without a row
    fails here), and every registered resource has a row and a factory below;
(b) for every registered resource × role (anonymous, a ROSE member bound to an actor, a
    municipality bound to a NIS code, W13) × action (read, create, update, delete) the cell is
    proven both ways on two records, one inside every condition (own actor, own municipality,
    public) and one outside all of them: allowed calls work, refused calls answer 401/403/404
    as the rules say and a version or row count shows that nothing changed.

The expected answer is worked out from the table alone (and what "own" and "public" mean for
each resource, stated by the factories' tags), in the order the generic service asks: the
parent's visibility, the record's visibility (404), the cell (401 without identity, 403 with
one), the cell's condition and fields (403)."""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from api.core.permissions import TABLE, Cond, Grant, Verb
from api.core.principal import Role
from api.core.registry import REGISTRY
from api.core.resource import Resource
from tests.conftest import count_rows, create

ROLES = (Role.anonymous, Role.rose_member, Role.municipality, Role.w13)
ACTIONS = (Verb.read, Verb.create, Verb.update, Verb.delete)
# Segments under /api/v1 that are not resources: authentication and the contract itself;
# imports act on the resource named after them and ask that resource's create and update cells
# (tested in tests/imports); calendar feeds are keyed by the secret in their address (or
# public) and read meetings by their person's cell (tested in tests/calendars).
NOT_RESOURCES = {"auth", "me", "openapi.json", "imports", "calendars"}
OWN_NIS, OTHER_NIS = "34022", "34027"
PASSWORD = "matrix-wachtwoord-2025"

# --- (a) routes and table ------------------------------------------------------------------


def _segments(path: str) -> list[str]:
    return [s for s in path.removeprefix("/api/v1").split("/") if s]


def route_resource(path: str) -> str | None:
    """The permission-table resource a route under /api/v1 acts on; None for the exceptions."""
    parts = _segments(path)
    if not parts or parts[0] in NOT_RESOURCES:
        return None
    if len(parts) >= 3 and parts[1].startswith("{"):
        for spec in REGISTRY.values():
            if (
                spec.parent is not None
                and (spec.parent.path or spec.parent.name) == parts[0]
                and (spec.path or spec.name) == parts[2]
            ):
                return spec.name
    for spec in REGISTRY.values():
        if spec.parent is None and (spec.path or spec.name) == parts[0]:
            return spec.name
    return parts[0]


def api_routes(app: Any) -> list[tuple[str, set[str]]]:
    out = []
    for route in iter_route_contexts(app.routes):
        path = route.path or ""
        if path.startswith("/api/v1/"):
            out.append((path, set(route.methods or ())))
    return out


def test_every_route_belongs_to_a_resource_in_the_table(app: Any) -> None:
    routes = api_routes(app)
    assert len(routes) > 50  # the walk sees the included routers
    missing = sorted(
        {
            f"{path} -> {route_resource(path)}"
            for path, _ in routes
            if route_resource(path) is not None and route_resource(path) not in TABLE
        }
    )
    assert missing == [], "routes whose resource has no row in the permission table"
    covered = {route_resource(p) for p, _ in routes}
    assert set(REGISTRY) <= covered  # and every registered resource is served


def test_every_registered_resource_has_a_row_and_a_factory() -> None:
    assert set(REGISTRY) <= set(TABLE)
    assert sorted(set(REGISTRY) - set(FACTORIES)) == [], "add a factory below"
    for name, spec in REGISTRY.items():
        for role_cells in TABLE[name].values():
            for grant in role_cells.values():
                if grant.fields is not None:
                    assert name in OUTSIDE_PATCH, f"{name}: give a patch outside {grant}"
                if grant.cond is Cond.OWN:
                    assert spec.own is not None, name
                if grant.cond is Cond.PUBLIC:
                    assert spec.public is not None, name


def test_anonymous_get_routes_answer_401_unless_public(client: TestClient, app: Any) -> None:
    """Every GET route, extra domain routes included, refuses the public view unless the
    table gives anonymous callers that resource."""
    for path, methods in api_routes(app):
        resource = route_resource(path)
        if "GET" not in methods or resource is None:
            continue
        url = re.sub(r"\{(source|external_id)\}", "x", path)
        url = re.sub(r"\{[a-z_]+\}", lambda _: str(uuid.uuid4()), url)
        r = client.get(url)
        public = Role.anonymous in TABLE.get(resource, {}).get(Verb.read, {})
        if public:
            assert r.status_code in (200, 404), (path, r.status_code)
        else:
            assert r.status_code == 401, (path, r.status_code, r.text)
        assert r.status_code == 200 or r.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("resource", sorted(n for n in TABLE if n not in REGISTRY))
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_resources_outside_the_registry(
    client: TestClient, world_factory: Callable[[], World], resource: str, role: Role, app: Any
) -> None:
    """The change feed, the audit trail and the like: their read cell, both ways."""
    if not any(
        route_resource(p) == resource and _segments(p) == [resource] for p, _ in api_routes(app)
    ):
        pytest.fail(f"{resource} is in the table but has no list route")
    world = world_factory()
    r = client.get(f"/api/v1/{resource}", headers=world.headers[role])
    grant = TABLE[resource].get(Verb.read, {}).get(role)
    assert r.status_code == (200 if grant else 401 if role is Role.anonymous else 403), r.text
    writes = [a for a in (Verb.create, Verb.update, Verb.delete) if a in TABLE[resource]]
    if not writes:
        r = client.post(f"/api/v1/{resource}", json={}, headers=world.headers[role])
        assert r.status_code in (401, 403, 404, 405), r.status_code


# --- the records the matrix acts on ----------------------------------------------------------


@dataclass
class Rec:
    """A stored record and the truth of each permission condition for it."""

    resource: str
    id: str
    body: dict[str, Any]
    parent: Rec | None = None
    own_rose: bool = False  # own for the ROSE member (bound to actor A)
    own_muni: bool = False  # own for the municipality (bound to 34022)
    public: bool = False  # in the public view


@dataclass
class World:
    client: TestClient
    headers: dict[Role, dict[str, str]]
    actor_a: str
    actor_b: str
    counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    cache: dict[tuple[str, bool], Rec] = field(default_factory=dict)

    def base(self, resource: str, inside: bool) -> Rec:
        """The record inside (or outside) every condition, made once."""
        key = (resource, inside)
        if key not in self.cache:
            self.cache[key] = self.make(resource, inside)
        return self.cache[key]

    def payload(self, resource: str, inside: bool) -> tuple[dict[str, Any], Rec | None]:
        return FACTORIES[resource](self, inside, next(self.counter))

    def make(self, resource: str, inside: bool) -> Rec:
        body, parent = self.payload(resource, inside)
        r = post_new(self.client, REGISTRY[resource], parent, body, self.headers[Role.w13])
        assert r.status_code == 201, (resource, r.text)
        return tag(self, Rec(resource, r.json()["id"], body, parent))


# What a document upload of the matrix carries (its metadata are the factory's query parameters).
DOCUMENT = b"%PDF-1.7\n% matrix\n%%EOF\n"


def post_new(
    client: TestClient, spec: Resource, parent: Rec | None, body: dict[str, Any], headers: Any
) -> Any:
    """Create a record: a JSON POST, or for a record that carries a file (a document) an
    upload of a small PDF with the factory's fields as query parameters."""
    url = collection_url(spec, parent)
    if spec.content is not None:
        return client.post(
            url,
            content=DOCUMENT,
            params=body,
            headers={**headers, "Content-Type": "application/octet-stream"},
        )
    return client.post(url, json=body, headers=headers)


def collection_url(spec: Resource, parent: Rec | None) -> str:
    segment = spec.path or spec.name
    if spec.parent is not None:
        assert parent is not None
        return f"/api/v1/{spec.parent.path or spec.parent.name}/{parent.id}/{segment}"
    return f"/api/v1/{segment}"


def item_url(rec: Rec) -> str:
    return f"{collection_url(REGISTRY[rec.resource], rec.parent)}/{rec.id}"


def tag(world: World, rec: Rec) -> Rec:
    """What "own" and "public" mean for each resource, stated from its fields."""
    body, a = rec.body, world.actor_a
    parent = rec.parent
    match rec.resource:
        case "actors":
            rec.own_rose = rec.id == a
        case "actions":
            rec.own_rose = body.get("lead_actor_id") == a or a in body.get("partner_ids", [])
            rec.public = bool(body.get("published"))
        case "indicators":
            # Not a condition of indicators themselves, but their measurements' "own".
            actions = [
                r
                for r in (world.cache.get(("actions", True)), world.cache.get(("actions", False)))
                if r is not None
            ]
            rec.own_rose = any(r.own_rose for r in actions if r.id == body.get("action_id"))
            rec.public = bool(body.get("public"))
        case "measurements" | "dossier-events" | "meeting-documents" | "action-documents":
            assert parent is not None
            rec.own_rose, rec.public = parent.own_rose, parent.public
        case "meetings":
            rec.own_rose = world.base("bodies", True).id == body["body_id"]
        case "agenda-proposals":
            rec.own_rose = body["proposer_actor_id"] == a
        case "dossiers":
            rec.own_rose = body.get("raised_by_id") == a
        case "agreements":
            rec.own_rose = body["provider_id"] == a
            rec.own_muni = OWN_NIS in body["municipalities"]
    return rec


# --- factories: one example payload per resource (inside or outside every condition) ---------

Factory = Callable[[World, bool, int], tuple[dict[str, Any], Rec | None]]


def _municipality(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return {
        "nis_code": f"{90000 + n}",
        "name_nl": f"Testgemeente {n}",
        "valid_from": "2019-01-01",
    }, None


def _actor_body(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "kind": "maatwerkbedrijf",
        "description": "Fictieve organisatie.",
        "rose_member": True,
        "fictional": True,
    }


def _actor(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return _actor_body(f"Testorganisatie {n} (fictief)"), None


def _pillar(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return {"code": f"9.{n}", "framework": "actieplan", "title": f"Testpijler {n}"}, None


def _objective(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return {
        "pillar_id": w.base("pillars", True).id,
        "code": f"9.9.{n}",
        "title": f"Testdoelstelling {n}",
    }, None


def _action(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return {
        "code": f"T{n:03d}",
        "title": f"Testactie {n}",
        "pillar_id": w.base("pillars", True).id,
        "start_date": "2024-01-01",
        "end_date": "2025-12-31",
        "lead_actor_id": w.actor_a if inside else w.actor_b,
        "published": inside,
    }, None


def _indicator(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return {
        "code": f"TST-{n}",
        "name": f"Testindicator {n}",
        "unit": "personen",
        "kind": "action",
        "action_id": w.base("actions", inside).id,
        "public": inside,
    }, None


def _measurement(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    day = date(2020, 1, 1) + timedelta(days=n)
    return (
        {"date": day.isoformat(), "value": 12, "data_source": "Testbron"},
        w.base("indicators", inside),
    )


def _body(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return {
        "code": f"testorgaan-{n}",
        "name": f"Testorgaan {n}",
        "kind": "workgroup",
        "member_ids": [w.actor_a if inside else w.actor_b],
    }, None


def _meeting(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return {
        "body_id": w.base("bodies", inside).id,
        "title": f"Testvergadering {n}",
        "starts_at": "2024-06-11T12:00:00Z",
        "ends_at": "2024-06-11T14:00:00Z",
    }, None


def _proposal(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    # A ROSE member proposes for upcoming meetings only: one of body A (inside) or B.
    key = ("future-meetings", inside)
    if key not in w.cache:
        start = date.today() + timedelta(days=400)
        body, _ = _meeting(w, inside, n)
        body.update(starts_at=f"{start}T12:00:00Z", ends_at=f"{start}T14:00:00Z")
        r = w.client.post("/api/v1/meetings", json=body, headers=w.headers[Role.w13])
        assert r.status_code == 201, r.text
        w.cache[key] = Rec("meetings", r.json()["id"], body)
    return {
        "meeting_id": w.cache[key].id,
        "title": f"Testagendapunt {n}",
        "proposer_actor_id": w.actor_a if inside else w.actor_b,
    }, None


def _meeting_document(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return (
        {"filename": f"verslag-{n}.pdf", "title": f"Testverslag {n}", "kind": "minutes"},
        w.base("meetings", inside),
    )


def _action_document(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return (
        {"filename": f"rapport-{n}.pdf", "title": f"Testrapport {n}"},
        w.base("actions", inside),
    )


def _dossier(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return {
        "code": f"SIG-T{n}",
        "title": f"Testdossier {n}",
        "theme": "mobiliteit",
        "level": "provincie",
        "raised_by_id": w.actor_a if inside else w.actor_b,
    }, None


def _event(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return (
        {"date": "2024-03-01", "kind": "note", "text": f"Besproken ({n})."},
        w.base("dossiers", inside),
    )


def _agreement(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return {
        "title": f"DAEB testdienst {n}",
        "municipalities": [OWN_NIS if inside else OTHER_NIS],
        "provider_id": w.actor_a if inside else w.actor_b,
        "service": "klusjesdienst",
        "description": "Kleine herstellingen.",
        "start_date": "2024-01-01",
        "end_date": "2026-12-31",
        "regime": "individueel_maatwerk",
    }, None


def _user(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return {
        "email": f"gebruiker{n}@matrix.example",
        "name": f"Gebruiker {n}",
        "role": "w13",
        "password": PASSWORD,
    }, None


def _client(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    return {"name": f"Testsysteem {n}", "role": "w13", "scopes": ["read"]}, None


def _webhook(w: World, inside: bool, n: int) -> tuple[dict[str, Any], Rec | None]:
    # An address literal: public, and needs no name lookup in the test environment.
    return {
        "url": f"https://93.184.216.{n % 250 + 1}/regie/webhook",
        "description": f"Testabonnement {n}",
        "resources": ["actions"],
    }, None


FACTORIES: dict[str, Factory] = {
    "municipalities": _municipality,
    "actors": _actor,
    "pillars": _pillar,
    "objectives": _objective,
    "actions": _action,
    "indicators": _indicator,
    "measurements": _measurement,
    "bodies": _body,
    "meetings": _meeting,
    "agenda-proposals": _proposal,
    "meeting-documents": _meeting_document,
    "action-documents": _action_document,
    "dossiers": _dossier,
    "dossier-events": _event,
    "agreements": _agreement,
    "users": _user,
    "clients": _client,
    "webhooks": _webhook,
}
# A change every grant that may update the resource allows (fits the field-limited grants).
PATCH: dict[str, dict[str, Any]] = {
    "municipalities": {"name_nl": "Gewijzigd"},
    "actors": {"description": "Gewijzigd profiel."},
    "pillars": {"title": "Gewijzigd"},
    "objectives": {"title": "Gewijzigd"},
    "actions": {"progress": 40},
    "indicators": {"name": "Gewijzigd"},
    "measurements": {"note": "Herzien."},
    "bodies": {"name": "Gewijzigd"},
    "meetings": {"title": "Gewijzigd"},
    "agenda-proposals": {"title": "Gewijzigd"},
    "meeting-documents": {"title": "Gewijzigd"},
    "action-documents": {"title": "Gewijzigd"},
    "dossiers": {"title": "Gewijzigd"},
    "dossier-events": {"text": "Gewijzigd."},
    "agreements": {"title": "Gewijzigd"},
    "users": {"name": "Gewijzigd"},
    "clients": {"name": "Gewijzigd"},
    "webhooks": {"description": "Gewijzigd"},
}
# A valid change outside the fields a field-limited grant allows (`n` keeps codes unique).
OUTSIDE_PATCH: dict[str, Callable[[int], dict[str, Any]]] = {
    "actors": lambda n: {"kind": "partner"},
    "actions": lambda n: {"title": "Andere titel"},
    "dossiers": lambda n: {"code": f"SIG-ANDERS-{n}"},
    "agenda-proposals": lambda n: {"to_board": True},
}


@pytest.fixture
def world_factory(
    client: TestClient, make_user: Callable[..., dict[str, Any]]
) -> Callable[[], World]:
    def build() -> World:
        w13 = make_user("w13")["headers"]
        for nis, name in ((OWN_NIS, "Kortrijk"), (OTHER_NIS, "Menen")):
            create(
                client,
                w13,
                "municipalities",
                {"nis_code": nis, "name_nl": name, "valid_from": "1977-01-01"},
            )
        body_a = _actor_body("Atelier De Brug (fictief)")
        body_b = _actor_body("Kringwinkel Leiestreek (fictief)")
        a = create(client, w13, "actors", body_a)
        b = create(client, w13, "actors", body_b)
        headers = {
            Role.anonymous: {},
            Role.rose_member: make_user("rose_member", actor=a["id"])["headers"],
            Role.municipality: make_user("municipality", municipality=OWN_NIS)["headers"],
            Role.w13: w13,
        }
        world = World(client, headers, a["id"], b["id"])
        world.cache[("actors", True)] = tag(world, Rec("actors", a["id"], body_a))
        world.cache[("actors", False)] = tag(world, Rec("actors", b["id"], body_b))
        return world

    return build


# --- the oracle: the answer the table gives ---------------------------------------------------


def cell(role: Role, resource: str, action: Verb) -> Grant | None:
    return TABLE.get(resource, {}).get(action, {}).get(role)


def holds(grant: Grant, role: Role, rec: Rec) -> bool:
    if grant.cond is Cond.ALL:
        return True
    if grant.cond is Cond.PUBLIC:
        return rec.public
    return (
        rec.own_rose
        if role is Role.rose_member
        else rec.own_muni
        if (role is Role.municipality)
        else False
    )


def refused(role: Role) -> int:
    return 401 if role is Role.anonymous else 403


def read_code(role: Role, rec: Rec) -> int:
    grant = cell(role, rec.resource, Verb.read)
    if grant is None:
        return refused(role)
    return 200 if holds(grant, role, rec) else 404


def parent_code(role: Role, parent: Rec | None) -> int:
    return 200 if parent is None else read_code(role, parent)


def write_code(role: Role, rec: Rec, action: Verb, fields: set[str]) -> int:
    seen = read_code(role, rec)
    if seen != 200:
        return seen
    grant = cell(role, rec.resource, action)
    if grant is None:
        return refused(role)
    if not holds(grant, role, rec):
        return 403
    if grant.fields is not None and fields - grant.fields:
        return 403
    return 200 if action is Verb.update else 204


def create_code(role: Role, new: Rec) -> int:
    seen = parent_code(role, new.parent)
    if seen != 200:
        return seen
    grant = cell(role, new.resource, Verb.create)
    if grant is None:
        return refused(role)
    if grant.fields is not None and set(new.body) - grant.fields - {"id"}:
        return 403
    return 201 if holds(grant, role, new) else 403


# --- (b) the matrix ------------------------------------------------------------------------


def w13_version(world: World, rec: Rec) -> int:
    r = world.client.get(item_url(rec), headers=world.headers[Role.w13])
    assert r.status_code == 200, r.text
    return int(r.json()["version"])


def table_of(resource: str) -> str:
    return str(REGISTRY[resource].model.__tablename__)


def prove_read(world: World, role: Role, targets: list[Rec]) -> None:
    client, headers = world.client, world.headers[role]
    for rec in targets:
        expected = read_code(role, rec)
        r = client.get(item_url(rec), headers=headers)
        assert r.status_code == expected, (role.value, "get", rec.resource, r.text)
        if expected == 200:
            assert r.json()["id"] == rec.id
        listed = client.get(
            collection_url(REGISTRY[rec.resource], rec.parent),
            params={"limit": 500},
            headers=headers,
        )
        expected_list = parent_code(role, rec.parent)
        if expected_list == 200 and cell(role, rec.resource, Verb.read) is None:
            expected_list = refused(role)
        assert listed.status_code == expected_list, (role.value, "list", rec.resource, listed.text)
        if expected_list == 200:
            ids = {item["id"] for item in listed.json()["items"]}
            assert (rec.id in ids) == (expected == 200), (role.value, "list", rec.resource)


def prove_create(world: World, role: Role, resource: str) -> None:
    client, headers = world.client, world.headers[role]
    spec = REGISTRY[resource]
    for inside in (True, False):
        body, parent = world.payload(resource, inside)
        new = tag(world, Rec(resource, "", body, parent))
        expected = create_code(role, new)
        before = count_rows(table_of(resource))
        r = post_new(client, spec, parent, body, headers)
        assert r.status_code == expected, (role.value, "create", resource, inside, r.text)
        if expected == 201:
            made = client.get(r.headers["location"], headers=world.headers[Role.w13])
            assert made.status_code == 200 and made.json()["id"] == r.json()["id"]
            assert count_rows(table_of(resource)) == before + 1
        else:
            assert r.headers["content-type"] == "application/problem+json"
            assert count_rows(table_of(resource)) == before
        if spec.synced and spec.parent is None:
            body, _ = world.payload(resource, inside)
            new = tag(world, Rec(resource, "", body, None))
            expected = create_code(role, new)
            before = count_rows(table_of(resource))
            r = client.put(
                f"/api/v1/{spec.name}/by-external-id/matrix/{uuid.uuid4()}",
                json=body,
                headers=headers,
            )
            assert r.status_code == expected, (role.value, "upsert", resource, inside, r.text)
            assert count_rows(table_of(resource)) == before + (1 if expected == 201 else 0)


def has_replace(app: Any, resource: str) -> bool:
    spec = REGISTRY[resource]
    suffix = f"/{spec.path or spec.name}/{{record_id}}"
    return any(p.endswith(suffix) and "PUT" in m for p, m in api_routes(app))


def attempt_update(world: World, role: Role, rec: Rec, patch: dict[str, Any], how: str) -> None:
    client, headers = world.client, world.headers[role]
    expected = write_code(role, rec, Verb.update, set(patch))
    if how == "put" and parent_code(role, rec.parent) != 200:
        expected = parent_code(role, rec.parent)  # a replace asks for the parent first
    version = w13_version(world, rec)
    if how == "patch":
        r = client.patch(item_url(rec), json=patch, headers=headers)
    else:
        r = client.put(item_url(rec), json={**rec.body, **patch}, headers=headers)
    assert r.status_code == expected, (role.value, how, rec.resource, patch, r.text)
    if expected == 200:
        assert w13_version(world, rec) == version + 1
        key, value = next(iter(patch.items()))
        assert r.json()[key] == value
        rec.body = {**rec.body, **patch}
    else:
        assert r.headers["content-type"] == "application/problem+json"
        assert w13_version(world, rec) == version  # nothing changed


def prove_update(world: World, role: Role, targets: list[Rec], app: Any) -> None:
    resource = targets[0].resource
    patch = PATCH[resource]
    if not has_replace(app, resource):
        # Without a replace in between, a second role's equal patch would change nothing.
        patch = {k: f"{v} ({role.value})" if isinstance(v, str) else v for k, v in patch.items()}
    for rec in targets:
        attempt_update(world, role, rec, patch, "patch")
        if resource in OUTSIDE_PATCH:
            attempt_update(world, role, rec, OUTSIDE_PATCH[resource](next(world.counter)), "patch")
        if has_replace(app, resource):
            attempt_update(
                world,
                role,
                rec,
                {
                    k: f"{v} (vervangen)" if isinstance(v, str) else v + 10
                    for k, v in PATCH[resource].items()
                },
                "put",
            )


def prove_delete(world: World, role: Role, targets: list[Rec]) -> None:
    client, headers = world.client, world.headers[role]
    for rec in targets:
        expected = write_code(role, rec, Verb.delete, set())
        if expected == 204:
            # Delete a stand-in made the same way, so the shared records stay for the rest.
            inside = rec.own_rose or rec.own_muni or rec.public
            stand_in = world.make(rec.resource, inside)
            assert write_code(role, stand_in, Verb.delete, set()) == 204
            r = client.delete(item_url(stand_in), headers=headers)
            assert r.status_code == 204, (role.value, "delete", rec.resource, r.text)
            gone = client.get(item_url(stand_in), headers=world.headers[Role.w13])
            assert gone.status_code == 404
            continue
        version, before = w13_version(world, rec), count_rows(table_of(rec.resource))
        r = client.delete(item_url(rec), headers=headers)
        assert r.status_code == expected, (role.value, "delete", rec.resource, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        assert w13_version(world, rec) == version
        assert count_rows(table_of(rec.resource)) == before


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.value)
@pytest.mark.parametrize("resource", sorted(FACTORIES))
def test_cell(world_factory: Callable[[], World], app: Any, resource: str, action: Verb) -> None:
    if resource not in REGISTRY:
        pytest.fail(f"{resource} has a factory but is no registered resource")
    world = world_factory()
    targets = [world.base(resource, True), world.base(resource, False)]
    inside, outside = targets
    assert (
        inside.own_rose
        or inside.own_muni
        or inside.public
        or not any(
            g.cond is not Cond.ALL for cells in TABLE[resource].values() for g in cells.values()
        )
    ), f"{resource}: the inside record is inside nothing"
    assert not (outside.own_rose or outside.own_muni or outside.public)
    for role in ROLES:
        if action is Verb.read:
            prove_read(world, role, targets)
        elif action is Verb.create:
            prove_create(world, role, resource)
        elif action is Verb.update:
            prove_update(world, role, targets, app)
        else:
            prove_delete(world, role, targets)


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_change_feed_follows_the_table(world_factory: Callable[[], World], role: Role) -> None:
    """The feed shows a change exactly when the table lets the caller read the record."""
    world = world_factory()
    records = [world.base(name, inside) for name in sorted(FACTORIES) for inside in (True, False)]
    r = world.client.get("/api/v1/changes", params={"limit": 500}, headers=world.headers[role])
    grant = cell(role, "changes", Verb.read)
    if grant is None:
        assert r.status_code == refused(role)
        return
    assert r.status_code == 200, r.text
    assert r.json()["next_cursor"] is not None and len(r.json()["items"]) < 500
    seen = {(c["resource"], c["id"]) for c in r.json()["items"]}
    for rec in records:
        assert ((rec.resource, rec.id) in seen) == (read_code(role, rec) == 200), (
            role.value,
            rec.resource,
            rec.own_rose,
            rec.own_muni,
            rec.public,
        )
