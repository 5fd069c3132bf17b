#!/usr/bin/env python3
"""Mirror what a client may read of the regie dataset into a local SQLite file, and keep it
current.

A small, complete client of the API's sync contract, for systems that keep their own copy
(W13's systems, a data warehouse, a ROSE member's system, a municipality's reporting
database). Each gets exactly what its role may read: the client asks the service
(`GET /api/v1/me`, field `may_read`) instead of assuming a list of resources.

    export REGIE_CLIENT_ID=...  REGIE_CLIENT_SECRET=...   # regie clients create --role ...
    python examples/sync_client.py --base-url https://regie.example --db mirror.db          # once
    python examples/sync_client.py --base-url https://regie.example --db mirror.db --follow # keep

How it works
1. Log in with client credentials (`POST /api/v1/auth/token`, `grant_type=client_credentials`);
   log in again when the token expires (401).
2. The first run asks `GET /api/v1/me` which resources the client may read (`may_read`), and
   mirrors those of the dataset below, nothing else. It then makes a full copy: it finds the
   head of the change feed (follows `/api/v1/changes` until there is no `Link: rel=next`),
   then reads every list with keyset pagination (`?limit=500&cursor=...`; nested lists
   through their parents), and stores the head cursor with the records, in one SQLite
   transaction. Changes committed while the lists
   were read come after that cursor, so the next step sees them (applying one twice is
   harmless: an upsert fetches the current record).
3. Every run after that follows the feed from the stored cursor: `op: upsert` fetches the
   record (`GET /api/v1/{resource}/{id}`, a nested one under its parent: the item's
   `parent_id`; a 404 means it is gone or no longer visible, so it is removed), `op: delete`
   removes it. The feed also says `delete` when a record leaves what the client may read (an
   agreement no longer covers its municipality, its actor leaves a body, an action is
   unpublished) and `upsert` when one enters it. Each page of changes is applied in one
   transaction together with its new cursor, so a crash never skips a change.
4. `410 Gone` means the cursor is older than the feed keeps: the mirror re-syncs from step 2.

The mirror has two tables: `records(resource, id, parent_id, version, data)` with each
record as the API returns it (JSON), and `state(key, value)` holding the feed cursor.
Prints one JSON line per sync: `{"mode": "full"|"incremental", "applied": n, "cursor": "...",
"counts": {...}}`. Needs `httpx`.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx

# The dataset, in the order its references point (parents before children).
TOP_LEVEL = (
    "municipalities",
    "actors",
    "pillars",
    "objectives",
    "dossiers",
    "actions",
    "indicators",
    "bodies",
    "meetings",
    "agreements",
)
# resource -> (parent resource, URL segment under the parent)
NESTED = {"measurements": ("indicators", "measurements"), "dossier-events": ("dossiers", "events")}
PAGE = 500

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    resource  TEXT NOT NULL,
    id        TEXT NOT NULL,
    parent_id TEXT,
    version   INTEGER NOT NULL,
    data      TEXT NOT NULL,
    PRIMARY KEY (resource, id)
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class CursorGoneError(Exception):
    """The feed no longer holds the stored cursor (410): re-sync."""


class Api:
    """The regie API with client credentials; logs in again when the token expires."""

    def __init__(self, base_url: str, client_id: str, client_secret: str) -> None:
        self.http = httpx.Client(base_url=base_url.rstrip("/"), timeout=30)
        self.client_id, self.client_secret = client_id, client_secret
        self.token: str | None = None

    def login(self) -> None:
        r = self.http.post(
            "/api/v1/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self.client_secret,
            },
        )
        r.raise_for_status()
        self.token = r.json()["access_token"]

    def get(self, path: str, **params: Any) -> httpx.Response:
        """GET with the token; a transient failure (network, 5xx, 429) is retried with back-off."""
        for attempt in range(5):
            if self.token is None:
                self.login()
            try:
                r = self.http.get(
                    path, params=params, headers={"Authorization": f"Bearer {self.token}"}
                )
            except httpx.TransportError:
                if attempt == 4:
                    raise
                time.sleep(2**attempt)
                continue
            if r.status_code == 401:  # expired token: log in again
                self.token = None
                continue
            if r.status_code == 429 or r.status_code >= 500:
                time.sleep(float(r.headers.get("retry-after", 2**attempt)))
                continue
            return r
        r.raise_for_status()
        return r

    def pages(self, path: str, **params: Any) -> Iterator[list[dict[str, Any]]]:
        """Every page of a list, following `next_cursor` (keyset pagination)."""
        cursor = None
        while True:
            r = self.get(path, limit=PAGE, **params, **({"cursor": cursor} if cursor else {}))
            r.raise_for_status()
            body = r.json()
            yield body["items"]
            cursor = body["next_cursor"]
            if not cursor:
                return

    def changes(self, cursor: str) -> tuple[list[dict[str, Any]], str, bool]:
        """One page of the feed after `cursor`: (changes, next cursor, more waiting)."""
        r = self.get("/api/v1/changes", cursor=cursor, limit=PAGE)
        if r.status_code == 410:
            raise CursorGoneError
        r.raise_for_status()
        body = r.json()
        return body["items"], body["next_cursor"], 'rel="next"' in r.headers.get("link", "")

    def may_read(self) -> set[str]:
        """The resources this client may read, as the service says (`GET /api/v1/me`)."""
        r = self.get("/api/v1/me")
        r.raise_for_status()
        return set(r.json()["may_read"])

    def feed_head(self) -> str:
        """The cursor after the last change committed so far."""
        cursor, more = "", True
        while more:
            _, cursor, more = self.changes(cursor)
        return cursor


class Mirror:
    """The local SQLite copy."""

    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)  # transactions by hand
        self.db.executescript(SCHEMA)

    def cursor(self) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE key = 'cursor'").fetchone()
        return row[0] if row else None

    def set_cursor(self, cursor: str) -> None:
        self.db.execute(
            "INSERT INTO state (key, value) VALUES ('cursor', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (cursor,),
        )

    def put(self, resource: str, record: dict[str, Any], parent_id: str | None = None) -> None:
        self.db.execute(
            "INSERT INTO records (resource, id, parent_id, version, data) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (resource, id) DO UPDATE SET parent_id = excluded.parent_id, "
            "version = excluded.version, data = excluded.data",
            (resource, record["id"], parent_id, record["version"], json.dumps(record)),
        )

    def remove(self, resource: str, record_id: str) -> None:
        self.db.execute("DELETE FROM records WHERE resource = ? AND id = ?", (resource, record_id))

    def parent_of(self, resource: str, record_id: str) -> str | None:
        row = self.db.execute(
            "SELECT parent_id FROM records WHERE resource = ? AND id = ?", (resource, record_id)
        ).fetchone()
        return row[0] if row else None

    def ids(self, resource: str) -> list[str]:
        rows = self.db.execute("SELECT id FROM records WHERE resource = ?", (resource,))
        return [r[0] for r in rows]

    def counts(self) -> dict[str, int]:
        rows = self.db.execute("SELECT resource, count(*) FROM records GROUP BY resource")
        return dict(rows.fetchall())


class Sync:
    def __init__(self, api: Api, mirror: Mirror) -> None:
        self.api, self.mirror = api, mirror
        self._readable: set[str] | None = None

    @property
    def readable(self) -> set[str]:
        """The resources of the dataset this client may read (asked once per run)."""
        if self._readable is None:
            self._readable = self.api.may_read() & (set(TOP_LEVEL) | set(NESTED))
        return self._readable

    def run(self, full: bool = False) -> dict[str, Any]:
        cursor = self.mirror.cursor()
        if full or cursor is None:
            return self.full()
        try:
            return self.incremental(cursor)
        except CursorGoneError:
            return self.full()

    def full(self) -> dict[str, Any]:
        head = self.api.feed_head()  # before reading: later changes come after it
        db = self.mirror.db
        db.execute("BEGIN")
        try:
            db.execute("DELETE FROM records")
            applied = 0
            for resource in [r for r in TOP_LEVEL if r in self.readable]:
                for page in self.api.pages(f"/api/v1/{resource}"):
                    for record in page:
                        self.mirror.put(resource, record)
                    applied += len(page)
            for resource in [r for r in NESTED if r in self.readable]:
                applied += self._children(resource)
            self.mirror.set_cursor(head)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return self._summary("full", applied)

    def incremental(self, cursor: str) -> dict[str, Any]:
        applied, more = 0, True
        while more:
            changes, next_cursor, more = self.api.changes(cursor)
            db = self.mirror.db
            db.execute("BEGIN")
            try:
                for change in changes:
                    self._apply(change)
                self.mirror.set_cursor(next_cursor)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            applied += len(changes)
            cursor = next_cursor
        return self._summary("incremental", applied)

    def _apply(self, change: dict[str, Any]) -> None:
        resource, record_id = change["resource"], change["id"]
        if resource not in self.readable:
            return  # accounts, webhooks: not part of the dataset
        if change["op"] == "delete":
            self.mirror.remove(resource, record_id)
            return
        if resource in TOP_LEVEL:
            self._fetch(resource, f"/api/v1/{resource}/{record_id}", record_id)
            return
        parent, segment = NESTED[resource]
        parent_id = change["parent_id"]
        path = f"/api/v1/{parent}/{parent_id}/{segment}/{record_id}"
        self._fetch(resource, path, record_id, parent_id)

    def _fetch(
        self, resource: str, path: str, record_id: str, parent_id: str | None = None
    ) -> None:
        r = self.api.get(path)
        if r.status_code == 404:  # deleted since, or no longer visible to this client
            self.mirror.remove(resource, record_id)
            return
        r.raise_for_status()
        self.mirror.put(resource, r.json(), parent_id)

    def _children(self, resource: str) -> int:
        parent, segment = NESTED[resource]
        n = 0
        for parent_id in self.mirror.ids(parent):
            for page in self.api.pages(f"/api/v1/{parent}/{parent_id}/{segment}"):
                for record in page:
                    self.mirror.put(resource, record, parent_id)
                n += len(page)
        return n

    def _summary(self, mode: str, applied: int) -> dict[str, Any]:
        return {
            "mode": mode,
            "applied": applied,
            "cursor": self.mirror.cursor(),
            "counts": self.mirror.counts(),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default=os.environ.get("REGIE_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--db", default="regie-mirror.db", help="the SQLite file to keep")
    parser.add_argument("--client-id", default=os.environ.get("REGIE_CLIENT_ID"))
    parser.add_argument("--client-secret", default=os.environ.get("REGIE_CLIENT_SECRET"))
    parser.add_argument("--full", action="store_true", help="copy everything again")
    parser.add_argument("--follow", action="store_true", help="keep polling the feed")
    parser.add_argument("--interval", type=float, default=30, help="seconds between polls")
    args = parser.parse_args(argv)
    if not args.client_id or not args.client_secret:
        parser.error("set REGIE_CLIENT_ID and REGIE_CLIENT_SECRET (or pass them)")
    sync = Sync(Api(args.base_url, args.client_id, args.client_secret), Mirror(args.db))
    print(json.dumps(sync.run(full=args.full)), flush=True)
    while args.follow:
        time.sleep(args.interval)
        summary = sync.run()
        if summary["applied"]:
            print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
