"""The one registry of resources: name -> `Resource` spec, and the table model -> spec.

It has one owner: `api.resources.load_all` registers every domain's specs, once, wherever the
program starts (the app, the command line, a test run). Everything that needs to know the
resources (the change feed, the generic delete of child records, the export, the webhook
subscriptions) reads them here; nothing registers itself as a side effect of being imported."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from api.core.resource import Resource


class Registry(Mapping[str, Resource]):
    """Resource specs by name (a read-only mapping), and by their table model."""

    def __init__(self) -> None:
        self._by_name: dict[str, Resource] = {}
        self._by_model: dict[type[Any], Resource] = {}

    def register(self, spec: Resource) -> None:
        """Add a spec; the same spec twice is a no-op, another spec under a taken name or for a
        taken model is a programming error."""
        taken = self._by_name.get(spec.name) or self._by_model.get(spec.model)
        if taken is spec:
            return
        if taken is not None:
            raise ValueError(f"resource {spec.name!r}: name or model already registered")
        self._by_name[spec.name] = spec
        self._by_model[spec.model] = spec

    def of_model(self, model: type[Any]) -> Resource | None:
        """The spec whose table `model` is, if any."""
        return self._by_model.get(model)

    def get(self, name: str, default: Resource | None = None) -> Resource | None:  # type: ignore[override]
        # Mapping's own `get` goes through __getitem__ and an exception: the unit of work asks
        # once per changed record.
        return self._by_name.get(name, default)

    def __getitem__(self, name: str) -> Resource:
        return self._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)


REGISTRY = Registry()


def dependency_order(specs: Iterable[Resource]) -> list[Resource]:
    """`specs` ordered so that every foreign key between their tables (their own and their list
    fields' child tables) points at a spec earlier in the list; among specs free to go next, the
    given order decides. A reference of a table to itself (sub-actions) does not count."""
    given = list(specs)
    by_table = {_table(s.model): s for s in given}
    needs: dict[str, set[str]] = {}
    for spec in given:
        tables = [_table(spec.model), *(_table(c.model) for c in spec.collections)]
        needs[spec.name] = {
            by_table[fk.column.table].name
            for table in tables
            for fk in table.foreign_keys
            if fk.column.table in by_table and by_table[fk.column.table] is not spec
        }
    ordered: list[Resource] = []
    placed: set[str] = set()
    while len(ordered) < len(given):
        ready = next((s for s in given if s.name not in placed and needs[s.name] <= placed), None)
        if ready is None:
            left = sorted(s.name for s in given if s.name not in placed)
            raise ValueError(f"foreign keys form a cycle between {', '.join(left)}")
        ordered.append(ready)
        placed.add(ready.name)
    return ordered


def _table(model: type[Any]) -> Any:
    return model.__table__
