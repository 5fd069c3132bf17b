"""Logins: throttled per (account, address) and per address, per account only for addresses
the account never logged in from; an unknown account and a wrong password are
indistinguishable, and both cost one Argon2 verification."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core import security
from api.core.config import get_settings
from tests.accounts.conftest import login
from tests.conftest import count_rows

LIMIT = get_settings().login_max_failures
ACCOUNT_LIMIT = get_settings().login_account_max_failures


@contextmanager
def from_address(app: Any, address: str) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False, client=(address, 40000)) as c:
        yield c


def assert_throttled(r: Any) -> None:
    assert r.status_code == 429, r.text
    assert r.headers["content-type"] == "application/problem+json"
    wait = int(r.headers["retry-after"])
    assert 0 < wait <= get_settings().login_window_seconds + 1


def test_per_account_and_address(app: Any, make_user: Callable[..., dict[str, Any]]) -> None:
    target, bystander = make_user("w13"), make_user("w13")
    with from_address(app, "198.51.100.1") as c:
        for _ in range(LIMIT):
            assert login(c, target["email"], "geraden-wachtwoord").status_code == 401
        assert_throttled(login(c, target["email"], target["password"]))  # even the right one
        assert_throttled(login(c, target["email"].upper(), target["password"]))
    # Not a lever to lock the owner out: from any other address the right password works.
    with from_address(app, "203.0.113.7") as c:
        assert login(c, target["email"], target["password"]).status_code == 200
        assert login(c, bystander["email"], bystander["password"]).status_code == 200


def test_a_spread_out_guess_passes_the_owner_at_a_known_address(
    app: Any, make_user: Callable[..., dict[str, Any]]
) -> None:
    target = make_user("w13")
    with from_address(app, "192.0.2.10") as c:  # the owner's office
        assert login(c, target["email"], target["password"]).status_code == 200
    for i in range(ACCOUNT_LIMIT):  # a new address every time
        with from_address(app, f"198.51.100.{i + 1}") as c:
            assert login(c, target["email"], "geraden-wachtwoord").status_code == 401
    with from_address(app, "198.51.100.200") as c:  # unknown addresses wait, right or wrong
        assert_throttled(login(c, target["email"], target["password"]))
        assert_throttled(login(c, target["email"], "geraden-wachtwoord"))
    with from_address(app, "192.0.2.10") as c:  # the owner's office gets through
        assert login(c, target["email"], target["password"]).status_code == 200
        assert login(c, target["email"], "tikfout-van-de-eigenaar").status_code == 401


def test_per_address(app: Any, make_user: Callable[..., dict[str, Any]]) -> None:
    user = make_user("w13")
    with from_address(app, "198.51.100.66") as c:
        for i in range(LIMIT):  # one address trying many accounts
            assert login(c, f"gok{i}@example.org", "geraden-wachtwoord").status_code == 401
        assert_throttled(login(c, user["email"], user["password"]))
    with from_address(app, "198.51.100.67") as c:
        assert login(c, user["email"], user["password"]).status_code == 200


def test_client_credentials_are_throttled_too(app: Any, w13: dict[str, str]) -> None:
    with from_address(app, "198.51.100.80") as c:
        made = c.post(
            "/api/v1/clients",
            headers=w13,
            json={"name": "W13 datawarehouse", "role": "w13", "scopes": ["read"]},
        ).json()
        form = {"grant_type": "client_credentials", "client_id": made["client_id"]}
        for _ in range(LIMIT):
            r = c.post("/api/v1/auth/token", data={**form, "client_secret": "rcs_fout"})
            assert r.status_code == 401
        r = c.post("/api/v1/auth/token", data={**form, "client_secret": made["client_secret"]})
        assert_throttled(r)


def test_a_good_login_clears_the_account_but_not_the_address(
    app: Any, make_user: Callable[..., dict[str, Any]]
) -> None:
    user, own = make_user("w13"), make_user("w13")
    with from_address(app, "198.51.100.90") as c:
        for _ in range(LIMIT - 1):
            assert login(c, user["email"], "geraden-wachtwoord").status_code == 401
        # a guesser's own good login must not reset the address count
        assert login(c, own["email"], own["password"]).status_code == 200
        assert login(c, "gok@example.org", "geraden-wachtwoord").status_code == 401
        assert_throttled(login(c, own["email"], own["password"]))
    with from_address(app, "198.51.100.91") as c:
        assert login(c, user["email"], user["password"]).status_code == 200
    with from_address(app, "198.51.100.92") as c:
        for _ in range(LIMIT - 1):  # the account's count started again after that login
            assert login(c, user["email"], "geraden-wachtwoord").status_code == 401
        assert login(c, user["email"], user["password"]).status_code == 200


@pytest.fixture
def verifications(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    hasher = security.password_hasher()
    real = hasher.verify

    def counting(password: str | bytes, hashed: str | bytes) -> bool:
        calls.append(str(hashed)[:10])
        return real(password, hashed)

    monkeypatch.setattr(hasher, "verify", counting)
    return calls


def test_unknown_account_and_wrong_password_answer_alike(
    client: TestClient,
    make_user: Callable[..., dict[str, Any]],
    verifications: list[str],
    w13: dict[str, str],
) -> None:
    user = make_user("w13")
    sleeper = make_user("w13")
    client.patch(f"/api/v1/users/{sleeper['id']}", json={"active": False}, headers=w13)
    answers = []
    for username, password in (
        (user["email"], "geraden-wachtwoord"),
        ("niemand@example.org", "geraden-wachtwoord"),
        (sleeper["email"], sleeper["password"]),
    ):
        verifications.clear()
        r = login(client, username, password)
        assert len(verifications) == 1, (username, verifications)
        answers.append(r)
    first = answers[0]
    assert first.status_code == 401
    for other in answers[1:]:
        assert other.status_code == first.status_code
        assert {k: v for k, v in other.json().items() if k != "instance"} == {
            k: v for k, v in first.json().items() if k != "instance"
        }
        for header in ("content-type", "www-authenticate", "cache-control"):
            assert other.headers.get(header) == first.headers.get(header)
    assert count_rows("refresh_tokens") == 0


def test_unknown_client_and_wrong_secret_answer_alike(
    client: TestClient, w13: dict[str, str]
) -> None:
    made = client.post(
        "/api/v1/clients",
        headers=w13,
        json={"name": "W13 datawarehouse", "role": "w13", "scopes": ["read"]},
    ).json()
    wrong = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": made["client_id"],
            "client_secret": "rcs_fout",
        },
    )
    unknown = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "rc_onbekend",
            "client_secret": "rcs_fout",
        },
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
