"""Every `*Update` schema holds every constraint of its create schema's fields (length,
pattern, item count, bounds, enum, format), as JSON Schema in the contract and as validation:
a PATCH that the contract accepts is not refused for a rule only the create schema states."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from api.core.registry import REGISTRY
from api.resources import load_all

ANNOTATIONS = {"title", "description", "examples", "default"}


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    options = [o for o in schema.get("anyOf", []) if o != {"type": "null"}]
    if "anyOf" in schema and len(options) == 1:
        return {**{k: v for k, v in schema.items() if k != "anyOf"}, **options[0]}
    if "anyOf" in schema:
        return {**schema, "anyOf": options}
    return schema


def _constraints(schema: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in _without_null(schema).items() if k not in ANNOTATIONS}


def _pairs() -> list[tuple[str, type[BaseModel], type[BaseModel]]]:
    load_all()
    return [(name, spec.create, spec.update) for name, spec in sorted(REGISTRY.items())]


@pytest.mark.parametrize(("name", "create", "update"), _pairs(), ids=[p[0] for p in _pairs()])
def test_update_fields_keep_the_create_constraints(
    name: str, create: type[BaseModel], update: type[BaseModel]
) -> None:
    made = create.model_json_schema(ref_template="{model}")["properties"]
    patched = update.model_json_schema(ref_template="{model}")["properties"]
    assert patched, name
    checked = 0
    for field, schema in patched.items():
        if field not in made:
            continue  # a field the create schema does not have (none today)
        assert _constraints(schema) == _constraints(made[field]), f"{name}.{field}"
        checked += 1
    assert checked == len(patched)


def test_an_update_refuses_what_the_create_schema_refuses() -> None:
    agreements = REGISTRY["agreements"]
    with pytest.raises(ValidationError):
        agreements.update.model_validate({"municipalities": []})  # at least one
    with pytest.raises(ValidationError):
        agreements.update.model_validate({"title": "x" * 201})
    assert agreements.update.model_validate({"title": None}).title is None  # merge-patch null
