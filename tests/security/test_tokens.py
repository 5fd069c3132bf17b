"""Authentication: every token that is not a valid, current access token of a live account
answers 401 problem+json (OWASP API2:2023)."""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient
from jose import jwt

from api.core.config import get_settings
from tests.accounts.conftest import bearer, login
from tests.conftest import token_for


def b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def claims_for(user_id: uuid.UUID, **over: Any) -> dict[str, Any]:
    settings, now = get_settings(), int(time.time())
    claims = {
        "sub": f"user:{user_id}",
        "typ": "access",
        "iss": settings.issuer,
        "aud": settings.audience,
        "iat": now,
        "exp": now + 600,
        "jti": uuid.uuid4().hex,
        "role": "w13",
    }
    claims.update(over)
    return {k: v for k, v in claims.items() if v is not None}


def sign(claims: dict[str, Any], key: str | None = None, alg: str = "HS256") -> str:
    return jwt.encode(claims, key or get_settings().secret_key, algorithm=alg)


def rsa_private_pem() -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def assert_refused(client: TestClient, token: str) -> None:
    r = client.get("/api/v1/users", headers=bearer(token))
    assert r.status_code == 401, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.headers["www-authenticate"].startswith("Bearer")
    body = r.json()
    assert body["status"] == 401 and body["instance"] == "/api/v1/users"
    assert token not in r.text


@pytest.fixture
def admin(make_user: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    return make_user("w13")


def test_a_valid_token_works(client: TestClient, admin: dict[str, Any]) -> None:
    assert (
        client.get("/api/v1/users", headers=bearer(sign(claims_for(admin["id"])))).status_code
        == 200
    )


def test_forged_or_tampered_signature(
    client: TestClient,
    admin: dict[str, Any],
    make_user: Callable[..., dict[str, Any]],
    actor: dict[str, Any],
) -> None:
    token = sign(claims_for(admin["id"]))
    head, payload, signature = token.split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    assert_refused(client, f"{head}.{payload}.{flipped}")
    rose = make_user("rose_member", actor=actor["id"])
    # a ROSE member's own token with the payload swapped for W13's, signature kept
    rose_head, _, rose_sig = sign(claims_for(rose["id"], role="rose_member")).split(".")
    assert_refused(client, f"{rose_head}.{payload}.{rose_sig}")


def test_expired_token(client: TestClient, admin: dict[str, Any]) -> None:
    now = int(time.time())
    assert_refused(client, sign(claims_for(admin["id"], iat=now - 1200, exp=now - 1)))
    assert_refused(client, token_for(admin["id"], minutes=-1))


def test_alg_none_token(client: TestClient, admin: dict[str, Any]) -> None:
    claims = claims_for(admin["id"])
    assert_refused(client, f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims)}.")
    assert_refused(client, f"{b64({'alg': 'None', 'typ': 'JWT'})}.{b64(claims)}.")


def test_other_algorithms_are_refused(client: TestClient, admin: dict[str, Any]) -> None:
    claims = claims_for(admin["id"])
    assert_refused(client, sign(claims, alg="HS512"))  # the right key, another algorithm
    assert_refused(client, sign(claims, key=rsa_private_pem().decode(), alg="RS256"))


def test_wrong_key(client: TestClient, admin: dict[str, Any]) -> None:
    assert_refused(client, sign(claims_for(admin["id"]), key="een-ander-geheim-" + "x" * 32))


def test_wrong_issuer_or_audience(client: TestClient, admin: dict[str, Any]) -> None:
    assert_refused(client, sign(claims_for(admin["id"], iss="https://elders.example")))
    assert_refused(client, sign(claims_for(admin["id"], aud="een-andere-api")))
    assert_refused(client, sign(claims_for(admin["id"], aud=["een-andere-api"])))


@pytest.mark.parametrize("claim", ["exp", "iat", "sub", "iss", "aud", "typ", "jti"])
def test_missing_claims(client: TestClient, admin: dict[str, Any], claim: str) -> None:
    assert_refused(client, sign(claims_for(admin["id"], **{claim: None})))


def test_refresh_token_is_not_an_access_token(client: TestClient, admin: dict[str, Any]) -> None:
    refresh = login(client, admin["email"], admin["password"]).json()["refresh_token"]
    assert jwt.get_unverified_claims(refresh)["typ"] == "refresh"
    assert_refused(client, refresh)
    assert_refused(client, sign(claims_for(admin["id"], typ="refresh")))


def test_unknown_subjects_and_malformed_headers(client: TestClient, admin: dict[str, Any]) -> None:
    assert_refused(client, sign(claims_for(uuid.uuid4())))
    assert_refused(client, sign(claims_for(admin["id"], sub=f"robot:{admin['id']}")))
    assert_refused(client, sign(claims_for(admin["id"], sub="user:niet-een-uuid")))
    assert_refused(client, "niet.een.token")
    assert_refused(client, "x" * 300)
    token = sign(claims_for(admin["id"]))
    for header in (f"Basic {token}", "Bearer", "Bearer    ", token):
        r = client.get("/api/v1/users", headers={"Authorization": header})
        assert r.status_code == 401, header
        assert r.headers["content-type"] == "application/problem+json"


def test_role_claims_are_not_trusted(
    client: TestClient, make_user: Callable[..., dict[str, Any]], actor: dict[str, Any]
) -> None:
    """The role and binding come from the account, read on every request, not the token."""
    rose = make_user("rose_member", actor=actor["id"])
    token = sign(claims_for(rose["id"], role="w13", actor_id=None))
    assert client.get("/api/v1/users", headers=bearer(token)).status_code == 403
    assert client.get("/api/v1/me", headers=bearer(token)).json()["role"] == "rose_member"


def test_deactivated_user_is_stopped_at_once(
    client: TestClient, admin: dict[str, Any], make_user: Callable[..., dict[str, Any]]
) -> None:
    victim = make_user("w13")
    token = login(client, victim["email"], victim["password"]).json()["access_token"]
    assert client.get("/api/v1/users", headers=bearer(token)).status_code == 200
    r = client.patch(
        f"/api/v1/users/{victim['id']}", json={"active": False}, headers=admin["headers"]
    )
    assert r.status_code == 200
    assert_refused(client, token)  # its token has minutes left, and stops anyway
    r = client.patch(
        f"/api/v1/users/{victim['id']}", json={"active": True}, headers=admin["headers"]
    )
    # Deactivation ended the account's sessions: back in, the person logs in again.
    assert_refused(client, token)
    token = login(client, victim["email"], victim["password"]).json()["access_token"]
    assert client.get("/api/v1/users", headers=bearer(token)).status_code == 200
