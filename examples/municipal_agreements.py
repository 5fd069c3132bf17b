#!/usr/bin/env python3
"""Which LDE/DAEB agreements are active in my municipality on a given date?

For a municipality's own systems: log in with the client credentials of a `municipality`
client (made with `regie clients create --role municipality --municipality <NIS>`), ask the
API who that is (`GET /api/v1/me` gives the NIS code), then ask

    GET /api/v1/agreements?municipality=<NIS>&active_on=<YYYY-MM-DD>

as JSON (following `next_cursor` page by page) or as CSV (`Accept: text/csv`, every row at
once, in the columns `POST /api/v1/imports/agreements` takes back).

    export REGIE_CLIENT_ID=...  REGIE_CLIENT_SECRET=...
    python examples/municipal_agreements.py --base-url https://regie.example --date 2025-01-01
    python examples/municipal_agreements.py --date 2025-01-01 --format csv -o overeenkomsten.csv

JSON output: `{"municipality": "34022", "date": "2025-01-01", "agreements": [{id, title,
service, provider_name, provider_kbo, municipalities, start_date, end_date, regime,
compensation_amount}, ...]}`. A municipality client only ever sees agreements that cover its
own municipality; the filter makes the question explicit (and lets a W13 client ask it for
any municipality with `--municipality`). Needs `httpx`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from typing import Any

import httpx

FIELDS = (
    "id",
    "title",
    "service",
    "provider_name",
    "provider_kbo",
    "municipalities",
    "start_date",
    "end_date",
    "regime",
    "compensation_amount",
)


def login(http: httpx.Client, client_id: str, client_secret: str) -> None:
    r = http.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret,
        },
    )
    r.raise_for_status()
    http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"


def own_municipality(http: httpx.Client) -> str:
    r = http.get("/api/v1/me")
    r.raise_for_status()
    nis = r.json().get("municipality")
    if not nis:
        raise SystemExit("this client is not bound to a municipality; pass --municipality")
    return str(nis)


def agreements_json(http: httpx.Client, nis: str, day: date) -> list[dict[str, Any]]:
    params: dict[str, Any] = {"municipality": nis, "active_on": day.isoformat(), "limit": 500}
    found: list[dict[str, Any]] = []
    while True:
        r = http.get("/api/v1/agreements", params=params)
        r.raise_for_status()
        body = r.json()
        found += [{k: item.get(k) for k in FIELDS} for item in body["items"]]
        if not body["next_cursor"]:
            return found
        params["cursor"] = body["next_cursor"]


def agreements_csv(http: httpx.Client, nis: str, day: date) -> bytes:
    r = http.get(
        "/api/v1/agreements",
        params={"municipality": nis, "active_on": day.isoformat()},
        headers={"Accept": "text/csv"},
    )
    r.raise_for_status()
    return r.content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default=os.environ.get("REGIE_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--client-id", default=os.environ.get("REGIE_CLIENT_ID"))
    parser.add_argument("--client-secret", default=os.environ.get("REGIE_CLIENT_SECRET"))
    parser.add_argument(
        "--date", type=date.fromisoformat, default=date.today(), help="YYYY-MM-DD (default: today)"
    )
    parser.add_argument("--municipality", help="NIS code (default: the client's own)")
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument("-o", "--output", default="-", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    if not args.client_id or not args.client_secret:
        parser.error("set REGIE_CLIENT_ID and REGIE_CLIENT_SECRET (or pass them)")
    with httpx.Client(base_url=args.base_url.rstrip("/"), timeout=30) as http:
        login(http, args.client_id, args.client_secret)
        nis = args.municipality or own_municipality(http)
        if args.format == "csv":
            data = agreements_csv(http, nis, args.date)
        else:
            found = agreements_json(http, nis, args.date)
            document = {"municipality": nis, "date": args.date.isoformat(), "agreements": found}
            data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
    if args.output == "-":
        sys.stdout.buffer.write(data)
    else:
        with open(args.output, "wb") as out:
            out.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
