"""One registry of resources, and every place a resource must also appear agrees with it: the
domains' specs, the tables, the permission table and its wording, the mounted routers, the
data-model reference and the export."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts

import api.models  # noqa: F401 - every table
from api.core import unitofwork
from api.core.db import session_scope
from api.core.models import Record
from api.core.permissions import TABLE, Cond
from api.core.principal import SYSTEM
from api.core.registry import REGISTRY, Registry, dependency_order
from api.core.resource import Resource
from api.exchange.dump import ORDER
from api.models import Actor
from api.resources import RESOURCES, load_all
from api.routers import api_router
from api.sync import service as sync_service
from tests.conftest import count_rows

ROOT = Path(__file__).resolve().parents[2]

# Rows of the permission table that are not records: no spec, no table of their own.
NOT_RECORDS = {"audit", "changes", "reports", "messages"}


@pytest.fixture(autouse=True, scope="module")
def _loaded() -> None:
    load_all()


def _record_models() -> list[type[Record]]:
    found, todo = [], list(Record.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if getattr(cls, "__table__", None) is not None:
            found.append(cls)
    return found


def _declared_specs() -> list[Resource]:
    """Every `Resource` a domain's service module declares."""
    found = []
    for path in sorted((ROOT / "api").glob("*/service.py")):
        module = importlib.import_module(f"api.{path.parent.name}.service")
        found += [v for v in vars(module).values() if isinstance(v, Resource)]
    return found


def test_every_record_table_has_one_registered_resource() -> None:
    models = _record_models()
    assert sorted(m.__name__ for m in models if REGISTRY.of_model(m) is None) == []
    assert sorted(spec.model.__name__ for spec in REGISTRY.values()) == sorted(
        m.__name__ for m in models
    )
    for model in models:
        spec = REGISTRY.of_model(model)
        assert spec is not None and REGISTRY[spec.name] is spec


def test_every_declared_spec_is_registered_once() -> None:
    declared = _declared_specs()
    assert sorted(s.name for s in declared) == sorted(REGISTRY)
    assert all(REGISTRY[s.name] is s for s in declared)
    assert len({id(s) for s in RESOURCES}) == len(RESOURCES) == len(REGISTRY)


def test_permission_table_rows_are_registered_resources_or_known_others() -> None:
    assert sorted(set(REGISTRY) - set(TABLE)) == [], "give the resource its permission rows"
    assert set(TABLE) - set(REGISTRY) == NOT_RECORDS, "register the resource in api.resources"


def test_permission_wording_covers_exactly_the_conditions_the_table_uses() -> None:
    wording = {name: spec.permission_text for name, spec in REGISTRY.items()}
    wording |= {
        "changes": sync_service.PERMISSION_TEXT,
        "audit": {},
        "reports": {},
        "messages": {},
    }
    assert set(wording) == set(TABLE)
    for name, texts in wording.items():
        used = {
            grant.cond
            for cells in TABLE[name].values()
            for grant in cells.values()
            if grant.cond in (Cond.OWN, Cond.PUBLIC)
        }
        assert set(texts) == used, name
        assert all(text.strip() for text in texts.values()), name


def test_every_resource_is_served_by_a_mounted_router() -> None:
    paths = [route.path or "" for route in iter_route_contexts(api_router.routes)]
    for spec in REGISTRY.values():
        segment = spec.path or spec.name
        if spec.parent is None:
            wanted = f"/{segment}"
        else:
            wanted = f"/{spec.parent.path or spec.parent.name}/{{parent_id}}/{segment}"
        assert wanted in paths, f"{spec.name}: no route {wanted} in api/routers.py"


def test_the_data_model_reference_documents_every_exported_resource() -> None:
    text = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    documented = set()
    for heading in re.findall(r"^#{2,3} ([a-z{}/_-]+)", text, flags=re.M):
        parts = heading.split("/")
        parent, segment = (parts[0], parts[-1]) if len(parts) == 3 else (None, parts[0])
        found = [
            s.name
            for s in REGISTRY.values()
            if (s.path or s.name) == segment
            and (s.parent.name if s.parent is not None else None) == parent
        ]
        assert found, f"docs/data-model.md documents {heading!r}, which is no resource"
        documented.update(found)
    assert documented == {s.name for s in REGISTRY.values() if s.exported}


def test_the_export_order_follows_the_foreign_keys() -> None:
    assert set(ORDER) == {s.name for s in RESOURCES if s.exported}
    position = {name: i for i, name in enumerate(ORDER)}
    for name in ORDER:
        spec = REGISTRY[name]
        for table in (spec.model.__table__, *(c.model.__table__ for c in spec.collections)):  # type: ignore[attr-defined]
            for fk in table.foreign_keys:
                target = next(
                    (s for s in REGISTRY.values() if s.model.__table__ is fk.column.table),  # type: ignore[attr-defined]
                    None,
                )
                if target is not None and target is not spec:
                    assert position[target.name] < position[name], (name, target.name)
    # Where the foreign keys leave a choice, RESOURCES decides: the document keeps its order.
    assert ORDER == (
        "municipalities",
        "actors",
        "pillars",
        "objectives",
        "dossiers",
        "actions",
        "action-documents",
        "indicators",
        "measurements",
        "bodies",
        "meetings",
        "agenda-proposals",
        "meeting-documents",
        "dossier-events",
        "agreements",
    )


def test_dependency_order_puts_what_is_referred_to_first_and_keeps_the_rest() -> None:
    actions, dossiers, events = (REGISTRY[n] for n in ("actions", "dossiers", "dossier-events"))
    # An action refers to its dossiers (through its list field's child table), an event to its
    # dossier; between the action and the event the given order stands.
    ordered = dependency_order([events, actions, dossiers])
    assert [s.name for s in ordered] == ["dossiers", "dossier-events", "actions"]
    ordered = dependency_order([actions, events, dossiers])
    assert [s.name for s in ordered] == ["dossiers", "actions", "dossier-events"]


def test_a_registry_refuses_a_second_spec_under_a_taken_name_or_model() -> None:
    registry = Registry()
    spec = REGISTRY["actors"]
    registry.register(spec)
    registry.register(spec)  # the same spec again changes nothing
    assert list(registry) == ["actors"]
    twin: Any = Resource(**{**vars(spec), "name": "other-actors"})
    with pytest.raises(ValueError, match="already registered"):
        registry.register(twin)
    assert list(registry) == ["actors"] and registry.of_model(spec.model) is spec


def test_an_unregistered_record_is_not_written_without_its_feed_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A record of a table no spec was registered for is refused at flush, not written
    silently without its change-feed and audit rows."""
    monkeypatch.setattr(unitofwork, "REGISTRY", Registry())
    refused = pytest.raises(LookupError, match="Actor is not a registered resource")
    with refused, session_scope(principal=SYSTEM) as session:
        session.add(Actor(name="Niet geregistreerd (fictief)", kind="partner"))
    monkeypatch.undo()
    assert count_rows("actors") == 0
