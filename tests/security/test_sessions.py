"""Sessions end when they should: logging out, a password change or reset, and a role,
binding or activity change end every access token of the account at once (its token
generation moves on), not when the token expires 15 minutes later. Registered time claims
must be JSON integers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.accounts.conftest import bearer, login
from tests.security.test_tokens import assert_refused, claims_for, sign

Session = dict[str, Any]


@pytest.fixture
def person(client: TestClient, make_user: Callable[..., dict[str, Any]]) -> Session:
    user = make_user("w13")
    tokens = login(client, user["email"], user["password"]).json()
    assert client.get("/api/v1/users", headers=bearer(tokens["access_token"])).status_code == 200
    return {**user, **tokens}


def refresh(client: TestClient, token: str) -> Any:
    return client.post(
        "/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": token}
    )


def test_logging_out_ends_the_access_token(client: TestClient, person: Session) -> None:
    other = login(client, person["email"], person["password"]).json()  # another device
    r = client.post("/api/v1/auth/revoke", data={"refresh_token": person["refresh_token"]})
    assert r.status_code == 204
    assert_refused(client, person["access_token"])
    assert refresh(client, person["refresh_token"]).status_code == 401
    # Every access token of the account stops; another device's session renews itself.
    assert_refused(client, other["access_token"])
    renewed = refresh(client, other["refresh_token"])
    assert renewed.status_code == 200
    token = renewed.json()["access_token"]
    assert client.get("/api/v1/users", headers=bearer(token)).status_code == 200


def test_a_password_set_by_w13_ends_the_access_token(
    client: TestClient, person: Session, w13: dict[str, str]
) -> None:
    r = client.post(
        f"/api/v1/users/{person['id']}/password",
        json={"password": "een-heel-nieuw-wachtwoord"},
        headers=w13,
    )
    assert r.status_code == 204, r.text
    # A write with the old token does not go through.
    r = client.post(
        "/api/v1/actors",
        headers=bearer(person["access_token"]),
        json={"name": "Na het wachtwoord (fictief)", "kind": "maatwerkbedrijf", "fictional": True},
    )
    assert r.status_code == 401
    assert_refused(client, person["access_token"])
    assert refresh(client, person["refresh_token"]).status_code == 401
    again = login(client, person["email"], "een-heel-nieuw-wachtwoord")
    assert again.status_code == 200


@pytest.mark.parametrize(
    "change",
    [{"role": "municipality", "municipality": "34022"}, {"active": False}],
    ids=["role-and-binding", "deactivation"],
)
def test_a_role_or_binding_change_ends_the_access_token(
    client: TestClient,
    person: Session,
    w13: dict[str, str],
    kortrijk: dict[str, Any],
    change: dict[str, Any],
) -> None:
    r = client.patch(f"/api/v1/users/{person['id']}", json=change, headers=w13)
    assert r.status_code == 200, r.text
    assert_refused(client, person["access_token"])


def test_a_name_change_leaves_the_session_alone(
    client: TestClient, person: Session, w13: dict[str, str]
) -> None:
    r = client.patch(f"/api/v1/users/{person['id']}", json={"name": "Andere naam"}, headers=w13)
    assert r.status_code == 200, r.text
    assert client.get("/api/v1/users", headers=bearer(person["access_token"])).status_code == 200


def test_reuse_of_a_rotated_refresh_token_ends_the_access_tokens_too(
    client: TestClient, person: Session
) -> None:
    rotated = refresh(client, person["refresh_token"]).json()
    assert refresh(client, person["refresh_token"]).status_code == 401  # the thief's replay
    assert refresh(client, rotated["refresh_token"]).status_code == 401
    assert_refused(client, rotated["access_token"])


@pytest.mark.parametrize(
    ("claim", "value"),
    [
        ("exp", "9999999999"),
        ("exp", 9999999999.5),
        ("exp", True),
        ("iat", "1700000000"),
        ("iat", 1.7e9),
        ("nbf", "1"),
        ("nbf", 1.0),
        ("gen", "0"),
        ("gen", 0.0),
    ],
)
def test_registered_claims_of_the_wrong_type_are_refused(
    client: TestClient, person: Session, claim: str, value: Any
) -> None:
    good = sign(claims_for(person["id"]))
    assert client.get("/api/v1/users", headers=bearer(good)).status_code == 200
    assert_refused(client, sign(claims_for(person["id"], **{claim: value})))
