"""A mirror kept the way docs/sync.md says: every list the caller may read, then the change
feed; and a fresh full read to compare it with. Shared by the property and concurrency tests."""

from __future__ import annotations

from typing import Any

import httpx

from api.core.permissions import TABLE, Verb
from api.core.principal import Role

API = "/api/v1"
# Nested resources: (parent resource, path under the parent).
NESTED = {"measurements": ("indicators", "measurements"), "dossier-events": ("dossiers", "events")}
# The domain's records (accounts, webhooks and the audit trail have no mirror of their own here).
DOMAIN = (
    "municipalities",
    "actors",
    "pillars",
    "objectives",
    "actions",
    "indicators",
    "measurements",
    "bodies",
    "meetings",
    "dossiers",
    "dossier-events",
    "agreements",
)
Key = tuple[str, str]


def readable(role: Role) -> list[str]:
    return [r for r in DOMAIN if role in TABLE[r].get(Verb.read, {})]


def pages(client: httpx.Client, headers: dict[str, str], path: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 500, **({"cursor": cursor} if cursor else {})}
        r = client.get(path, headers=headers, params=params)
        assert r.status_code == 200, (path, r.text)
        page = r.json()
        out += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return out


def full_read(client: httpx.Client, headers: dict[str, str], role: Role) -> dict[Key, Any]:
    """Everything this role may read, by (resource, id)."""
    resources = readable(role)
    data: dict[Key, Any] = {}
    for resource in resources:
        if resource in NESTED:
            continue
        for item in pages(client, headers, f"{API}/{resource}"):
            data[(resource, item["id"])] = item
    for resource in resources:
        if resource not in NESTED:
            continue
        parent, path = NESTED[resource]
        for key in [k for k in data if k[0] == parent]:
            for item in pages(client, headers, f"{API}/{parent}/{key[1]}/{path}"):
                data[(resource, item["id"])] = item
    return data


def head(client: httpx.Client, headers: dict[str, str]) -> str:
    cursor = ""
    while True:
        r = client.get(f"{API}/changes", headers=headers, params={"cursor": cursor, "limit": 500})
        assert r.status_code == 200, r.text
        if "next" not in r.headers.get("Link", ""):
            return str(r.json()["next_cursor"])
        cursor = r.json()["next_cursor"]


def member_world(client: httpx.Client, w13: dict[str, str]) -> dict[str, str]:
    """Municipalities 34022 and 34027, an actor sitting in a body, a meeting of that body and
    an agreement covering 34022 entrusted to the actor: ids by name."""
    for nis in ("34022", "34027"):
        r = client.post(
            f"{API}/municipalities",
            headers=w13,
            json={"nis_code": nis, "name_nl": f"Gemeente {nis}", "valid_from": "1977-01-01"},
        )
        assert r.status_code == 201, r.text

    def make(resource: str, body: dict[str, Any]) -> str:
        r = client.post(f"{API}/{resource}", headers=w13, json=body)
        assert r.status_code == 201, r.text
        return str(r.json()["id"])

    ids = {"actor": make("actors", {"name": "Lid (fictief)", "kind": "partner"})}
    ids["body"] = make(
        "bodies",
        {"code": "wg", "name": "Werkgroep", "kind": "workgroup", "member_ids": [ids["actor"]]},
    )
    ids["meeting"] = make(
        "meetings",
        {
            "body_id": ids["body"],
            "title": "Overleg",
            "starts_at": "2025-06-11T14:00:00+02:00",
            "ends_at": "2025-06-11T16:00:00+02:00",
        },
    )
    ids["agreement"] = make(
        "agreements",
        {
            "title": "DAEB",
            "municipalities": ["34022"],
            "provider_id": ids["actor"],
            "service": "klusjesdienst",
            "start_date": "2024-01-01",
            "end_date": "2026-12-31",
            "regime": "transitional",
        },
    )
    return ids


class Mirror:
    """A copy of what one role may read: lists first, then the feed."""

    def __init__(self, client: httpx.Client, headers: dict[str, str], role: Role) -> None:
        self.client, self.headers, self.role = client, headers, role
        self.cursor = head(client, headers)
        self.data = full_read(client, headers, role)

    def follow(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        while True:
            r = self.client.get(
                f"{API}/changes", headers=self.headers, params={"cursor": self.cursor, "limit": 50}
            )
            assert r.status_code == 200, r.text
            page = r.json()
            for item in page["items"]:
                self.apply(item)
            items += page["items"]
            if page["next_cursor"] == self.cursor:
                return items
            self.cursor = page["next_cursor"]

    def apply(self, item: dict[str, Any]) -> None:
        if item["resource"] not in DOMAIN:
            return
        key = (item["resource"], item["id"])
        if item["op"] == "delete":
            self.data.pop(key, None)
            return
        resource = item["resource"]
        if resource in NESTED:
            parent, path = NESTED[resource]
            url = f"{API}/{parent}/{item['parent_id']}/{path}/{item['id']}"
        else:
            url = f"{API}/{resource}/{item['id']}"
        r = self.client.get(url, headers=self.headers)
        if r.status_code == 404:
            self.data.pop(key, None)  # gone or no longer visible
            return
        assert r.status_code == 200, (url, r.text)
        self.data[key] = r.json()
