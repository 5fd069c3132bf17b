"""Webhook subscriptions: W13 only, the secret answered once, unsafe URLs refused."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import count_rows, create
from tests.webhooks.conftest import Receiver, Subscribe

PUBLIC_URL = "https://93.184.216.34/regie/webhooks"  # a public address: no DNS needed


def test_secret_is_answered_once(
    client: TestClient, w13: dict[str, str], subscribe: Subscribe
) -> None:
    created = subscribe(description="Cliëntvolgsysteem W13", resources=["actors"])
    secret = created["secret"]
    assert secret.startswith("whsec_")
    assert created["resources"] == ["actors"]
    assert created["active"] is True
    assert client.post(f"/api/v1/webhooks/{created['id']}", headers=w13).status_code == 405
    one = client.get(f"/api/v1/webhooks/{created['id']}", headers=w13)
    listed = client.get("/api/v1/webhooks", headers=w13)
    patched = client.patch(
        f"/api/v1/webhooks/{created['id']}", json={"description": "Nieuw"}, headers=w13
    )
    for r in (one, listed, patched):
        assert r.status_code == 200, r.text
        assert secret not in r.text
        assert "secret" not in r.text
    assert "ETag" in one.headers
    # A secret cannot be set or read through a write either.
    r = client.patch(f"/api/v1/webhooks/{created['id']}", json={"secret": "x"}, headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "secret"]


def test_secret_stays_out_of_the_audit_trail_and_the_feed(
    client: TestClient, w13: dict[str, str], subscribe: Subscribe
) -> None:
    created = subscribe()
    rotated = client.post(f"/api/v1/webhooks/{created['id']}/rotate-secret", headers=w13)
    assert rotated.status_code == 200
    audit = client.get("/api/v1/audit", params={"resource": "webhooks"}, headers=w13)
    assert audit.status_code == 200
    entries = audit.json()["items"]
    assert {e["op"] for e in entries} == {"create", "update"}
    assert entries[0]["after"]["url"] == created["url"]
    for secret in (created["secret"], rotated.json()["secret"]):
        assert secret not in audit.text
    assert "secret" not in audit.text
    feed = client.get("/api/v1/changes", params={"resource": "webhooks"}, headers=w13)
    assert [c["op"] for c in feed.json()["items"]] == ["upsert", "upsert"]
    assert created["secret"] not in feed.text


def test_rotate_secret_answers_a_new_one_once(
    client: TestClient, w13: dict[str, str], subscribe: Subscribe
) -> None:
    created = subscribe()
    r = client.post(f"/api/v1/webhooks/{created['id']}/rotate-secret", headers=w13)
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"
    fresh = r.json()["secret"]
    assert fresh.startswith("whsec_")
    assert fresh != created["secret"]
    assert r.json()["version"] == created["version"] + 1
    stale = client.post(
        f"/api/v1/webhooks/{created['id']}/rotate-secret",
        headers={**w13, "If-Match": f'"{created["id"].replace("-", "")[:12]}-1"'},
    )
    assert stale.status_code == 412


def test_idempotent_create_replays_without_the_secret(
    client: TestClient, w13: dict[str, str], receiver: Receiver, allow_private: None
) -> None:
    headers = {**w13, "Idempotency-Key": "abonnement-1"}
    body = {"url": receiver.url}
    first = client.post("/api/v1/webhooks", json=body, headers=headers)
    again = client.post("/api/v1/webhooks", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["secret"].startswith("whsec_")
    assert again.json()["secret"] is None
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["idempotent-replayed"] == "true"
    assert count_rows("webhooks") == 1
    assert first.json()["secret"] not in again.text


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8080/hook", "loopback"),
        ("http://[::1]/hook", "loopback"),
        ("http://localhost/hook", "loopback"),
        ("http://2130706433/hook", "loopback"),  # 127.0.0.1 written as one number
        ("http://169.254.169.254/latest/meta-data", "metadata"),
        ("http://169.254.10.1/hook", "link-local"),
        ("http://[fe80::1]/hook", "link-local"),
        ("http://10.0.0.7/hook", "private"),
        ("http://192.168.1.20/hook", "private"),
        ("http://[::ffff:10.0.0.7]/hook", "private"),
        ("http://0.0.0.0/hook", "unspecified"),
        ("http://224.0.0.1/hook", "multicast"),
        ("http://metadata.google.internal/computeMetadata/v1/", "metadata"),
        ("http://[fd00:ec2::254]/latest", "metadata"),
        ("ftp://93.184.216.34/hook", "http"),
        ("https://w13:geheim@93.184.216.34/hook", "Credentials"),
    ],
)
def test_unsafe_urls_are_refused(
    client: TestClient, w13: dict[str, str], url: str, reason: str
) -> None:
    r = client.post("/api/v1/webhooks", json={"url": url}, headers=w13)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    errors = r.json()["errors"]
    assert errors[0]["loc"] == ["body", "url"]
    if reason != "http":  # the schema refuses other schemes before the address check
        assert reason in errors[0]["msg"]
    assert count_rows("webhooks") == 0


def test_allow_private_admits_loopback_but_never_metadata(
    client: TestClient, w13: dict[str, str], allow_private: None
) -> None:
    ok = client.post("/api/v1/webhooks", json={"url": "http://127.0.0.1:9/hook"}, headers=w13)
    assert ok.status_code == 201, ok.text
    private = client.post("/api/v1/webhooks", json={"url": "http://10.1.2.3/h"}, headers=w13)
    assert private.status_code == 201
    meta = client.post(
        "/api/v1/webhooks", json={"url": "http://169.254.169.254/latest"}, headers=w13
    )
    assert meta.status_code == 422
    assert "metadata" in meta.json()["errors"][0]["msg"]


def test_a_changed_url_is_checked_again(
    client: TestClient, w13: dict[str, str], subscribe: Subscribe
) -> None:
    created = subscribe(PUBLIC_URL)
    r = client.patch(
        f"/api/v1/webhooks/{created['id']}", json={"url": "http://10.0.0.1/x"}, headers=w13
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "url"]
    got = client.get(f"/api/v1/webhooks/{created['id']}", headers=w13).json()
    assert got["url"] == PUBLIC_URL
    assert got["version"] == 1


def test_resources_must_exist_and_unknown_fields_are_refused(
    client: TestClient, w13: dict[str, str]
) -> None:
    r = client.post(
        "/api/v1/webhooks",
        json={"url": PUBLIC_URL, "resources": ["actors", "boeken", "webhooks"]},
        headers=w13,
    )
    assert r.status_code == 422
    assert [e["loc"] for e in r.json()["errors"]] == [
        ["body", "resources", 1],
        ["body", "resources", 2],
    ]
    r = client.post("/api/v1/webhooks", json={"url": PUBLIC_URL, "kleur": "rood"}, headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "kleur"]
    r = client.post("/api/v1/webhooks", json={"url": PUBLIC_URL, "secret": "x"}, headers=w13)
    assert r.status_code == 422
    assert count_rows("webhooks") == 0


def test_patch_filter_and_delete(
    client: TestClient, w13: dict[str, str], subscribe: Subscribe
) -> None:
    created = subscribe(PUBLIC_URL)
    r = client.patch(
        f"/api/v1/webhooks/{created['id']}",
        json={"active": False, "resources": ["agreements"]},
        headers=w13,
    )
    assert r.status_code == 200
    assert r.json()["active"] is False
    assert r.json()["resources"] == ["agreements"]
    active = client.get("/api/v1/webhooks", params={"active": True}, headers=w13).json()
    assert active["items"] == []
    assert client.delete(f"/api/v1/webhooks/{created['id']}", headers=w13).status_code == 204
    assert client.get(f"/api/v1/webhooks/{created['id']}", headers=w13).status_code == 404
    assert (
        client.put(
            f"/api/v1/webhooks/{created['id']}", json={"url": PUBLIC_URL}, headers=w13
        ).status_code
        == 405
    )


@pytest.mark.parametrize("role", ["rose_member", "municipality"])
def test_only_w13_manages_webhooks(
    client: TestClient,
    w13: dict[str, str],
    make_user: Any,
    kortrijk: dict[str, Any],
    subscribe: Subscribe,
    role: str,
) -> None:
    created = subscribe(PUBLIC_URL)
    if role == "rose_member":
        own = create(client, w13, "actors", {"name": "Eigen (fictief)", "kind": "partner"})
        headers = make_user(role, actor=own["id"])["headers"]
    else:
        headers = make_user(role, municipality="34022")["headers"]
    base = "/api/v1/webhooks"
    assert client.get(base, headers=headers).status_code == 403
    assert client.post(base, json={"url": PUBLIC_URL}, headers=headers).status_code == 403
    item = f"{base}/{created['id']}"
    for method, path in (
        ("GET", item),
        ("PATCH", item),
        ("DELETE", item),
        ("POST", f"{item}/rotate-secret"),
        ("GET", f"{item}/deliveries"),
    ):
        r = client.request(method, path, json={} if method == "PATCH" else None, headers=headers)
        assert r.status_code in (403, 404), (method, path, r.status_code)
    assert count_rows("webhooks") == 1
    # Nobody else sees that subscriptions changed, not even in the change feed.
    feed = client.get("/api/v1/changes", params={"resource": "webhooks"}, headers=headers)
    assert feed.json()["items"] == []


def test_anonymous_callers_must_log_in(client: TestClient) -> None:
    assert client.get("/api/v1/webhooks").status_code == 401
    assert client.post("/api/v1/webhooks", json={"url": PUBLIC_URL}).status_code == 401


def test_the_delivery_log_is_tagged_by_its_bytes(
    client: TestClient, w13: dict[str, str], receiver: Receiver, allow_private: None
) -> None:
    hook = client.post("/api/v1/webhooks", json={"url": receiver.url}, headers=w13)
    assert hook.status_code == 201, hook.text
    url = f"/api/v1/webhooks/{hook.json()['id']}/deliveries"
    first = client.get(url, headers=w13)
    tag = first.headers["ETag"]
    assert first.status_code == 200 and tag.startswith('"b-')
    again = client.get(url, headers={**w13, "If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, headers={**w13, "If-None-Match": '"b-x"'}).status_code == 200
