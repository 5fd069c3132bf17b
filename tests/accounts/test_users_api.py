"""Users as a W13 resource: create, read, change, password, delete."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.core.db import get_engine
from tests.accounts.conftest import bearer, login
from tests.conftest import count_rows, create

PW = "Leiestreek-2025-sterk"


def user_body(**over: Any) -> dict[str, Any]:
    return {
        "email": "Schepen.Werk@Kortrijk.example",
        "name": "Schepen van Werk Kortrijk",
        "role": "municipality",
        "municipality": "34022",
        "password": PW,
        **over,
    }


def audit_text() -> str:
    with get_engine().connect() as conn:
        rows = conn.execute(sa.text("SELECT before, after FROM audit_entries")).all()
    return json.dumps([[str(b), str(a)] for b, a in rows])


def test_create_lowercases_email_and_never_answers_the_password(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    r = client.post("/api/v1/users", json=user_body(), headers=w13)
    assert r.status_code == 201, r.text
    user = r.json()
    assert user["email"] == "schepen.werk@kortrijk.example"
    assert user["municipality"] == "34022" and user["actor_id"] is None
    assert user["version"] == 1 and user["active"] is True
    assert r.headers["location"].endswith(f"/api/v1/users/{user['id']}")
    for body in (
        r.text,
        client.get(f"/api/v1/users/{user['id']}", headers=w13).text,
        client.get("/api/v1/users", headers=w13).text,
    ):
        assert "password" not in body and PW not in body and "argon2" not in body
    assert login(client, "SCHEPEN.WERK@kortrijk.example", PW).status_code == 200


def test_duplicate_email_in_another_case_is_a_conflict(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    create(client, w13, "users", user_body())
    before = count_rows("users")
    r = client.post(
        "/api/v1/users", json=user_body(email="SCHEPEN.werk@kortrijk.example"), headers=w13
    )
    assert r.status_code == 409
    assert r.headers["content-type"] == "application/problem+json"
    assert count_rows("users") == before


def test_binding_must_fit_the_role(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any], actor: dict[str, Any]
) -> None:
    before = count_rows("users")
    cases = [
        ({"role": "rose_member", "municipality": None}, ["body", "actor_id"], "Required"),
        ({"role": "municipality", "municipality": None}, ["body", "municipality"], "Required"),
        ({"role": "w13", "municipality": "34022"}, ["body", "municipality"], "Not allowed"),
        ({"role": "rose_member", "actor_id": actor["id"]}, ["body", "municipality"], "Not allowed"),
        ({"role": "municipality", "actor_id": actor["id"]}, ["body", "actor_id"], "Not allowed"),
    ]
    for over, loc, msg in cases:
        r = client.post("/api/v1/users", json=user_body(**over), headers=w13)
        assert r.status_code == 422, (over, r.text)
        errors = r.json()["errors"]
        assert any(e["loc"] == loc and msg in e["msg"] for e in errors), (over, errors)
    assert count_rows("users") == before


def test_binding_to_unknown_records_is_an_unknown_reference(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    r = client.post("/api/v1/users", json=user_body(municipality="99999"), headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "municipality"]
    r = client.post(
        "/api/v1/users",
        headers=w13,
        json=user_body(
            role="rose_member", municipality=None, actor_id="00000000-0000-4000-8000-000000000000"
        ),
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "actor_id"]


def test_short_password_and_hash_fields_are_refused(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    before = count_rows("users")
    r = client.post("/api/v1/users", json=user_body(password="elf-tekens!"), headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "password"]
    r = client.post("/api/v1/users", json=user_body(password_hash="$argon2id$v=19$x"), headers=w13)
    assert r.status_code == 422
    assert {
        "loc": ["body", "password_hash"],
        "msg": "Unknown field.",
        "code": "extra_forbidden",
    } in r.json()["errors"]
    assert count_rows("users") == before


def test_patch_changes_fields_but_not_the_password(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any], actor: dict[str, Any]
) -> None:
    user = create(client, w13, "users", user_body())
    url = f"/api/v1/users/{user['id']}"
    r = client.patch(url, json={"password": "een-heel-nieuw-wachtwoord"}, headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0] == {
        "loc": ["body", "password"],
        "msg": "Unknown field.",
        "code": "extra_forbidden",
    }
    r = client.patch(url, json={"role": "rose_member"}, headers=w13)
    assert r.status_code == 422  # the binding must change with the role
    r = client.patch(
        url,
        json={
            "role": "rose_member",
            "actor_id": actor["id"],
            "municipality": None,
            "name": "An Peeters (fictief)",
        },
        headers=w13,
    )
    assert r.status_code == 200, r.text
    assert r.json()["role"] == "rose_member" and r.json()["version"] == 2
    assert login(client, user["email"], PW).status_code == 200


def test_set_password_replaces_it_and_revokes_refresh_tokens(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    user = create(client, w13, "users", user_body())
    refresh = login(client, user["email"], PW).json()["refresh_token"]
    new = "Nieuw-wachtwoord-voor-2026"
    url = f"/api/v1/users/{user['id']}/password"
    assert client.post(url, json={"password": "te-kort"}, headers=w13).status_code == 422
    r = client.post(url, json={"password": new}, headers=w13)
    assert r.status_code == 204
    assert login(client, user["email"], PW).status_code == 401
    assert login(client, user["email"], new).status_code == 200
    r = client.post(
        "/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": refresh}
    )
    assert r.status_code == 401
    read = client.get(f"/api/v1/users/{user['id']}", headers=w13).json()
    assert read["version"] == 2
    text = audit_text()
    assert new not in text and PW not in text and "argon2" not in text
    entries = client.get(f"/api/v1/audit?record={user['id']}&op=update", headers=w13).json()
    assert len(entries["items"]) == 1  # the password change is on the trail, without the hash


def test_set_password_with_a_stale_if_match_changes_nothing(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    user = create(client, w13, "users", user_body())
    r = client.post(
        f"/api/v1/users/{user['id']}/password",
        headers={**w13, "If-Match": '"x-9"'},
        json={"password": "Nieuw-wachtwoord-voor-2026"},
    )
    assert r.status_code == 412
    assert login(client, user["email"], PW).status_code == 200


def test_list_filters_and_search(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any], actor: dict[str, Any]
) -> None:
    create(client, w13, "users", user_body())
    create(
        client,
        w13,
        "users",
        user_body(
            email="an@debrug.example",
            name="An Peeters",
            role="rose_member",
            municipality=None,
            actor_id=actor["id"],
        ),
    )

    def emails(query: str) -> list[str]:
        r = client.get(f"/api/v1/users?{query}", headers=w13)
        assert r.status_code == 200, r.text
        return [u["email"] for u in r.json()["items"]]

    assert emails("role=rose_member") == ["an@debrug.example"]
    assert emails("municipality=34022") == ["schepen.werk@kortrijk.example"]
    assert emails(f"actor_id={actor['id']}") == ["an@debrug.example"]
    assert emails("q=peeters") == ["an@debrug.example"]
    page = client.get("/api/v1/users?limit=1", headers=w13).json()
    assert len(page["items"]) == 1 and page["next_cursor"]


def test_deactivate_and_delete_stop_the_tokens(
    client: TestClient,
    w13: dict[str, str],
    kortrijk: dict[str, Any],
    make_user: Callable[..., dict[str, Any]],
) -> None:
    one, two = make_user("w13"), make_user("w13")
    assert client.get("/api/v1/users", headers=one["headers"]).status_code == 200
    r = client.patch(f"/api/v1/users/{one['id']}", json={"active": False}, headers=w13)
    assert r.status_code == 200 and r.json()["active"] is False
    assert client.get("/api/v1/users", headers=one["headers"]).status_code == 401
    assert login(client, one["email"], one["password"]).status_code == 401
    assert client.delete(f"/api/v1/users/{two['id']}", headers=w13).status_code == 204
    assert client.get("/api/v1/users", headers=two["headers"]).status_code == 401
    assert client.get(f"/api/v1/users/{two['id']}", headers=w13).status_code == 404


def test_idempotent_create_replays_and_keeps_no_guessable_digest(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    headers = {**w13, "Idempotency-Key": "gebruiker-1"}
    first = client.post("/api/v1/users", json=user_body(), headers=headers)
    again = client.post("/api/v1/users", json=user_body(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert count_rows("users") == 2  # the W13 caller and the one created
    other = client.post("/api/v1/users", json=user_body(name="Iemand anders"), headers=headers)
    assert other.status_code == 422
    with get_engine().connect() as conn:
        stored = conn.execute(sa.text("SELECT request_hash, body FROM idempotency_keys")).one()
    plain = json.dumps(user_body())  # whatever the exact serialisation, never the plain hash
    assert stored.request_hash != hashlib.sha256(plain.encode()).hexdigest()
    assert PW not in stored.body


def test_account_changes_are_restricted_in_the_change_feed(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    user = create(client, w13, "users", user_body())
    with get_engine().connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT visibility, actor_ids, municipalities FROM changes WHERE resource = 'users'"
            )
        ).all()
    assert rows, user
    assert {r.visibility for r in rows} == {"restricted"}
    assert all(
        json.loads(r.actor_ids) == [] if isinstance(r.actor_ids, str) else r.actor_ids == []
        for r in rows
    )


def test_login_of_a_created_user_reads_its_own_binding(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    user = create(client, w13, "users", user_body())
    token = login(client, user["email"], PW).json()["access_token"]
    me = client.get("/api/v1/me", headers=bearer(token)).json()
    assert me["role"] == "municipality" and me["municipality"] == "34022"
    assert me["subject"] == user["id"]
