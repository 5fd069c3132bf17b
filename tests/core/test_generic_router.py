"""The generic router builds what a resource declares, and the small parsers it shares with
the domain routes read headers the way the HTTP specification writes them."""

import uuid
from typing import Any

import pytest
from fastapi.routing import APIRoute

from api.accounts.service import users
from api.core.errors import ProblemError
from api.core.etags import check_if_match, listed, not_modified
from api.core.qvalues import weighted
from api.core.routing import resource_router


def _operations(app: Any) -> list[tuple[str, str, str]]:
    """(method, path, operation id) of every documented operation."""
    return [
        (method.upper(), path, op["operationId"])
        for path, item in app.openapi()["paths"].items()
        for method, op in item.items()
    ]


def test_router_builds_only_the_declared_operations() -> None:
    ids = {r.operation_id for r in resource_router(users).routes if isinstance(r, APIRoute)}
    assert ids == {"users_list", "users_get", "users_update", "users_delete"}


def test_operation_ids_are_unique(app: Any) -> None:
    ids = [op for _, _, op in _operations(app)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("resource", ["users", "clients", "webhooks"])
def test_accounts_and_webhooks_have_their_own_create_and_no_put(app: Any, resource: str) -> None:
    ops = _operations(app)
    assert ("POST", f"/api/v1/{resource}", f"{resource}_create") in ops
    assert [p for m, p, _ in ops if m == "PUT" and p.startswith(f"/api/v1/{resource}")] == []


def test_agreements_list_is_the_domain_one(app: Any) -> None:
    get = app.openapi()["paths"]["/api/v1/agreements"]["get"]
    assert get["operationId"] == "agreements_list"
    assert "which agreements run in a municipality on a day" in get["description"]


def test_etag_lists_compare_weakly() -> None:
    assert listed(' "a-1" , W/"b-2",*') == {'"a-1"', '"b-2"', "*"}
    assert not_modified('W/"b-2", "c-3"', '"b-2"')
    assert not_modified('"x"', 'W/"x"')
    assert not not_modified('"b-3"', '"b-2"')
    assert not not_modified(None, '"b-2"')
    assert not not_modified("", '"b-2"')


class _Row:
    def __init__(self) -> None:
        self.id = uuid.UUID("3f2a9c1e-7b04-4c00-8000-000000000000")
        self.version = 3


def test_if_match_takes_star_or_the_current_tag() -> None:
    row: Any = _Row()
    check_if_match(row, None, "record")
    check_if_match(row, "*", "record")
    check_if_match(row, '"0000", W/"3f2a9c1e7b04-3"', "record")
    with pytest.raises(ProblemError) as refused:
        check_if_match(row, '"3f2a9c1e7b04-2"', "record")
    assert refused.value.status == 412


def test_quality_values() -> None:
    assert weighted("text/CSV;q=0.5, application/json ; Q=0.9,*/*") == [
        ("text/csv", 0.5),
        ("application/json", 0.9),
        ("*/*", 1.0),
    ]
    assert weighted("nl-BE;q=abc, fr") == [("nl-be", 0.0), ("fr", 1.0)]
