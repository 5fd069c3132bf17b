"""`regie users ...` and `regie clients ...`: the first W13 account and API clients."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.cli import main
from tests.accounts.conftest import bearer, login
from tests.conftest import count_rows

PW = "eerste-regisseur-2025"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


def test_first_w13_account_from_the_environment(
    client: TestClient, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGIE_PASSWORD", PW)
    code, user, _ = run(
        capsys,
        "users",
        "create",
        "--email",
        "Regisseur@W13.example",
        "--name",
        "Regisseur sociale economie",
        "--role",
        "w13",
    )
    assert code == 0
    assert user["email"] == "regisseur@w13.example" and user["role"] == "w13"
    assert "password" not in json.dumps(user) and PW not in json.dumps(user)
    r = login(client, "regisseur@w13.example", PW)
    assert r.status_code == 200
    assert client.get("/api/v1/users", headers=bearer(r.json()["access_token"])).status_code == 200


def test_password_from_standard_input(
    client: TestClient,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    kortrijk: dict[str, Any],
) -> None:
    monkeypatch.delenv("REGIE_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(PW + "\n"))
    code, user, _ = run(
        capsys,
        "users",
        "create",
        "--email",
        "werk@kortrijk.example",
        "--role",
        "municipality",
        "--municipality",
        "34022",
    )
    assert code == 0 and user["municipality"] == "34022"
    assert login(client, "werk@kortrijk.example", PW).status_code == 200


def test_short_password_and_missing_binding_are_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kortrijk: dict[str, Any]
) -> None:
    before = count_rows("users")
    monkeypatch.setenv("REGIE_PASSWORD", "te-kort")
    with pytest.raises(SystemExit, match="at least 12"):
        main(["users", "create", "--email", "a@w13.example", "--role", "w13"])
    monkeypatch.setenv("REGIE_PASSWORD", PW)
    code, _, err = run(
        capsys, "users", "create", "--email", "rose@w13.example", "--role", "rose_member"
    )
    assert code == 2 and "actor_id" in err
    code, _, err = run(capsys, "users", "create", "--role", "w13")
    assert code == 2 and "--email" in err
    code, _, err = run(
        capsys,
        "users",
        "create",
        "--email",
        "a@w13.example",
        "--role",
        "w13",
        "--municipality",
        "34022",
    )
    assert code == 2 and "Not allowed" in err
    assert count_rows("users") == before


def test_deactivate_and_list(
    client: TestClient, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGIE_PASSWORD", PW)
    run(capsys, "users", "create", "--email", "tijdelijk@w13.example", "--role", "w13")
    token = login(client, "tijdelijk@w13.example", PW).json()["access_token"]
    code, user, _ = run(capsys, "users", "deactivate", "--email", "TIJDELIJK@w13.example")
    assert code == 0 and user["active"] is False
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    code, users, _ = run(capsys, "users", "list")
    assert code == 0
    assert [(u["email"], u["active"]) for u in users] == [("tijdelijk@w13.example", False)]
    assert "password_hash" not in json.dumps(users)
    code, _, err = run(capsys, "users", "deactivate", "--email", "niemand@w13.example")
    assert code == 2 and "no user" in err


def test_clients_create_rotate_and_list(
    client: TestClient, capsys: pytest.CaptureFixture[str], kortrijk: dict[str, Any]
) -> None:
    code, made, _ = run(
        capsys,
        "clients",
        "create",
        "--name",
        "Zaaksysteem Kortrijk",
        "--role",
        "municipality",
        "--municipality",
        "34022",
        "--scopes",
        "read",
    )
    assert code == 0 and made["client_secret"].startswith("rcs_")
    form = {
        "grant_type": "client_credentials",
        "client_id": made["client_id"],
        "client_secret": made["client_secret"],
    }
    r = client.post("/api/v1/auth/token", data=form)
    assert r.status_code == 200
    me = client.get("/api/v1/me", headers=bearer(r.json()["access_token"])).json()
    assert me["role"] == "municipality" and me["scopes"] == ["read"]

    code, rotated, _ = run(capsys, "clients", "rotate-secret", "--client-id", made["client_id"])
    assert code == 0 and rotated["client_secret"] != made["client_secret"]
    assert client.post("/api/v1/auth/token", data=form).status_code == 401
    form["client_secret"] = rotated["client_secret"]
    assert client.post("/api/v1/auth/token", data=form).status_code == 200

    code, listed, _ = run(capsys, "clients", "list")
    assert code == 0 and [c["client_id"] for c in listed] == [made["client_id"]]
    assert "client_secret" not in json.dumps(listed) and "secret_hash" not in json.dumps(listed)


def test_clients_refuse_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "clients", "create", "--name", "X", "--role", "w13", "--scopes", "read,admin"
    )
    assert code == 2 and "scopes" in err
    code, _, err = run(capsys, "clients", "rotate-secret")
    assert code == 2 and "--client-id" in err
    code, _, err = run(capsys, "clients", "rotate-secret", "--client-id", "rc_onbekend")
    assert code == 2 and "no client" in err
    assert count_rows("api_clients") == 0
