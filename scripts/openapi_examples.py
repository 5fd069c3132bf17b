"""Record the examples of the OpenAPI document from the real service (`make openapi`).

Seeds a throw-away SQLite database with the action-plan dataset, calls the API the way an
integrator would (as W13, and without a token for the public views), and writes each request
and response body under the name of its schema to `api/docs/examples.json`. Examples are then
real answers of the service on the region's data, and valid by construction;
`tests/docs/test_openapi_examples.py` checks them against the live document all the same.

Timestamps, random ids and secrets are replaced by fixed values so that running it twice
writes the same file."""

from __future__ import annotations

import base64
import json
import os
import re
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET = ROOT / "api" / "docs" / "examples.json"

# Records worth showing first (the default is the first one in list order).
LIST_QUERY = {
    "actors": "kind=maatwerkbedrijf",
    "municipalities": "q=Kortrijk",
    "actions": "year=2024",
    "indicators": "kind=context",
    "agreements": "municipality=34022",
}
# Fields a PATCH example changes (the default: the first two of the create example).
PATCH_FIELDS = {
    "actors": ["website", "target_groups"],
    "actions": ["status", "progress"],
    "agreements": ["end_date", "compensation_amount"],
    "dossiers": ["status"],
    "indicators": ["target"],
    "measurements": ["value", "source"],
    "meetings": ["minutes"],
    "municipalities": ["valid_to"],
    "users": ["name"],
    "clients": ["scopes"],
    "webhooks": ["active"],
}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$")
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
REQUEST_ID = re.compile(r"^[0-9a-f]{32}$")
WEBHOOK_URL = "https://systemen.w13.be/regie/webhooks"


class Normaliser:
    """Stable stand-ins for what differs from run to run."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.requests: dict[str, str] = {}

    def __call__(self, value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: self(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self(v, key) for v in value]
        if not isinstance(value, str):
            return value
        match = UUID.match(value)
        if match and match.group(1) != "5":  # seed ids are uuid5 and stable already
            fixed = self.ids.setdefault(
                value, str(uuid.uuid5(uuid.NAMESPACE_URL, f"regie-example-{len(self.ids)}"))
            )
            return fixed
        if (key.endswith("_at") or key in ("at", "timestamp", "since")) and STAMP.match(value):
            return "2025-03-14T09:30:00Z"
        if key == "request_id" and REQUEST_ID.match(value):
            fixed_hex = uuid.uuid5(uuid.NAMESPACE_URL, f"regie-request-{len(self.requests)}").hex
            return self.requests.setdefault(value, fixed_hex)
        if key == "next_cursor" and value:
            return self._cursor(value)
        if "/api/v1/calendars/" in value and value.endswith(".ics"):
            # The secret of a private calendar address, new on every run.
            return re.sub(r"/calendars/[^/]+\.ics$", "/calendars/Xy3kQ9rT2mLp8vWn.ics", value)
        if key in ("client_secret",):
            return "rcs_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG"
        if key == "secret" and value.startswith("whsec_"):
            return "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        if key == "client_id" and value:
            return "rc_kortrijk_zaaksysteem"
        if key == "access_token":
            return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyOjEyMyJ9.c2lnbmF0dXJl"
        if key == "refresh_token":
            return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJqdGkiOiJyZWZyZXNoIn0.c2lnbmF0dXJl"
        if key == "url" and value.startswith("http://127.0.0.1"):
            return WEBHOOK_URL
        return value

    def _cursor(self, cursor: str) -> str:
        """A page cursor (base64 of the JSON list of the last item's sort values) with its ids
        and moments made stable like the rest; one that is not a list is left as it is."""
        try:
            values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        except ValueError:
            return cursor
        if not isinstance(values, list):
            return cursor
        stable = [
            "2025-03-14T09:30:00+00:00" if isinstance(v, str) and STAMP.match(v) else self(v)
            for v in values
        ]
        return base64.urlsafe_b64encode(json.dumps(stable).encode()).decode().rstrip("=")


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="regie-examples-")
    os.environ.update(
        REGIE_DATABASE_URL=f"sqlite:///{tmp}/examples.db",
        REGIE_ENV="development",
        REGIE_WEBHOOK_WORKER="false",
        REGIE_MAIL_WORKER="false",
        REGIE_MAIL_DIR=f"{tmp}/mail",
        REGIE_WEBHOOK_ALLOW_PRIVATE="true",
    )
    from fastapi.testclient import TestClient

    from api.accounts.admin import create_user
    from api.core.db import get_engine
    from api.core.registry import REGISTRY
    from api.main import create_app
    from api.migrate import upgrade
    from api.seed.loader import load_dataset

    upgrade(get_engine())
    load_dataset()
    password = "Regie-voorbeeld-2025"
    create_user(
        email="regisseur@w13.be",
        name="Regisseur sociale economie",
        role="w13",
        actor=None,
        municipality=None,
        password=password,
    )
    app = create_app()
    doc = app.openapi()
    examples: dict[str, Any] = {}
    normalise = Normaliser()

    def schema_name(op_id: str, status: str | None) -> str | None:
        for item in doc["paths"].values():
            for op in item.values():
                if op.get("operationId") != op_id:
                    continue
                if status is None:
                    content = op.get("requestBody", {}).get("content", {})
                else:
                    content = op["responses"].get(status, {}).get("content", {})
                for media in ("application/json", "application/x-www-form-urlencoded"):
                    ref = content.get(media, {}).get("schema", {}).get("$ref")
                    if ref:
                        return str(ref.rsplit("/", 1)[-1])
        return None

    def keep(name: str | None, value: Any) -> None:
        if name and name not in examples and value not in (None, {}, []):
            examples[name] = normalise(value)

    with TestClient(app) as http:
        form = {"grant_type": "password", "username": "regisseur@w13.be", "password": password}
        answer = http.post("/api/v1/auth/token", data=form)
        answer.raise_for_status()
        keep("Body_auth_token", form)
        keep("Token", answer.json())
        w13 = {"Authorization": f"Bearer {answer.json()['access_token']}"}

        def call(op_id: str, method: str, url: str, body: Any = None, auth: bool = True) -> Any:
            response = http.request(method, url, json=body, headers=w13 if auth else {})
            if response.status_code >= 400:
                raise SystemExit(
                    f"{op_id}: {method} {url} -> {response.status_code} {response.text}"
                )
            if body is not None:
                keep(schema_name(op_id, None), body)
            if response.content and response.headers["content-type"].startswith("application/"):
                keep(schema_name(op_id, str(response.status_code)), response.json())
                return response.json()
            return None

        call("me_get", "GET", "/api/v1/me")
        # Accounts and webhooks first, so the change feed and audit trail hold them too.
        user = call(
            "users_create",
            "POST",
            "/api/v1/users",
            {
                "email": "gemeente@kortrijk.be",
                "name": "Dienst Welzijn stad Kortrijk",
                "role": "municipality",
                "municipality": "34022",
                "password": "Kortrijk-Welzijn-2025!",
            },
        )
        call(
            "users_set_password",
            "POST",
            f"/api/v1/users/{user['id']}/password",
            {"password": "Nieuw-Wachtwoord-2025!"},
        )
        client = call(
            "clients_create",
            "POST",
            "/api/v1/clients",
            {
                "name": "Zaaksysteem stad Kortrijk",
                "role": "municipality",
                "municipality": "34022",
                "scopes": ["read"],
            },
        )
        call("clients_rotate_secret", "POST", f"/api/v1/clients/{client['id']}/rotate-secret")
        hook = call(
            "webhooks_create",
            "POST",
            "/api/v1/webhooks",
            {"url": "http://127.0.0.1:9/regie", "resources": ["agreements", "actions"]},
        )
        call("webhooks_rotate_secret", "POST", f"/api/v1/webhooks/{hook['id']}/rotate-secret")

        # Documents: one on a meeting and one on an action, uploaded as a file is (raw body).
        for parent, filename, kind in (
            ("meetings", "agenda-algemene-vergadering.pdf", "agenda"),
            ("actions", "eindrapport-jobcoaching.pdf", "deliverable"),
        ):
            first = call(f"{parent}_list", "GET", f"/api/v1/{parent}?limit=1")["items"][0]
            uploaded = http.post(
                f"/api/v1/{parent}/{first['id']}/documents",
                content=b"%PDF-1.7\n% voorbeeld\n%%EOF\n",
                # A name-based id, as the seed's are: its content_url then reads the same on
                # every run (the normaliser only replaces whole ids, not ids inside a path).
                params={
                    "filename": filename,
                    "kind": kind,
                    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"regie-example-{filename}")),
                },
                headers={**w13, "Content-Type": "application/octet-stream"},
            )
            if uploaded.status_code != 201:
                raise SystemExit(f"{parent} document: {uploaded.status_code} {uploaded.text}")

        for spec in REGISTRY.values():
            op = spec.name.replace("-", "_")
            if spec.parent is not None:
                parents = call(
                    f"{spec.parent.name.replace('-', '_')}_list",
                    "GET",
                    f"/api/v1/{spec.parent.name}?limit=100",
                )
                base = ""
                for parent in parents["items"]:
                    candidate = (
                        f"/api/v1/{spec.parent.name}/{parent['id']}/{spec.path or spec.name}"
                    )
                    if call(f"{op}_list", "GET", candidate + "?limit=1")["items"]:
                        base = candidate
                        break
            else:
                base = f"/api/v1/{spec.name}"
            query = LIST_QUERY.get(spec.name, "")
            page = call(f"{op}_list", "GET", f"{base}?limit=1&{query}")
            if not page["items"]:
                page = call(f"{op}_list", "GET", f"{base}?limit=1")
            if not page["items"]:
                continue
            record = call(f"{op}_get", "GET", f"{base}/{page['items'][0]['id']}")
            if spec.public_read is not None:
                public = http.get(f"{base}/{record['id']}").json()
                keep(spec.public_read.__name__, public)
            if spec.content is not None:
                # Uploaded (above): only the metadata's PATCH has a JSON body.
                keep(spec.update.__name__, {k: record[k] for k in spec.update.model_fields})
                continue
            if spec.create.__name__ not in doc["components"]["schemas"]:
                continue  # created by a route of its own (accounts, webhooks), called above
            create = {
                k: v
                for k, v in record.items()
                if k in spec.create.model_fields and k != "id" and v not in (None, [], "")
            }
            spec.create.model_validate(create)
            keep(spec.create.__name__, create)
            fields = PATCH_FIELDS.get(spec.name) or [k for k in create if k != "name"][:2]
            patch = {k: create[k] for k in fields if k in create}
            patch = patch or {k: create[k] for k in [k for k in create if k != "name"][:2]}
            if patch and spec.update.model_fields.keys() >= patch.keys():
                keep(spec.update.__name__, patch)

        call(
            "users_update",
            "PATCH",
            f"/api/v1/users/{user['id']}",
            {"name": "Dienst Welzijn en Gezondheid stad Kortrijk"},
        )
        call(
            "clients_update",
            "PATCH",
            f"/api/v1/clients/{client['id']}",
            {"scopes": ["read", "write"]},
        )
        call(
            "webhooks_update",
            "PATCH",
            f"/api/v1/webhooks/{hook['id']}",
            {"resources": ["agreements", "actions", "meetings"]},
        )
        action = call("actions_list", "GET", "/api/v1/actions?limit=1&year=2024")["items"][0]
        call("actions_update", "PATCH", f"/api/v1/actions/{action['id']}", {"progress": 60})
        deliveries = call(
            "webhooks_list_deliveries", "GET", f"/api/v1/webhooks/{hook['id']}/deliveries?limit=1"
        )
        delivery = deliveries["items"][0]["id"]
        call("webhooks_get_delivery", "GET", f"/api/v1/webhooks/{hook['id']}/deliveries/{delivery}")
        call(
            "webhooks_retry_delivery",
            "POST",
            f"/api/v1/webhooks/{hook['id']}/deliveries/{delivery}/retry",
        )
        meetings = call("meetings_list", "GET", "/api/v1/meetings?limit=100")["items"]
        meeting, decision = next(
            (m, d)
            for m in meetings
            for d in m.get("decisions") or []
            if d.get("id") and not d.get("action_id")
        )
        call(
            "meetings_start_action",
            "POST",
            f"/api/v1/meetings/{meeting['id']}/decisions/{decision['id']}/start-action",
            {
                "code": "A41",
                "title": "Proefproject deelfietsen voor maatwerkbedrijven",
                "pillar_id": action["pillar_id"],
                "start_date": "2025-09-01",
                "end_date": "2025-12-31",
            },
        )
        # Agenda proposals for the next ROSE assembly: W13 accepts, declines and moves one.
        upcoming = [m for m in meetings if m["status"] == "planned"]
        assembly = next(m for m in upcoming if "Algemene vergadering" in m["title"])
        later = next(
            m
            for m in upcoming
            if m["body_id"] == assembly["body_id"] and m["starts_at"] > assembly["starts_at"]
        )
        proposer = call("agenda_proposals_list", "GET", "/api/v1/agenda-proposals?limit=1")
        actor = proposer["items"][0]["proposer_actor_id"]
        decisions = (
            ("Werkplekleren bij reguliere bedrijven", "accept", {"position": 3}),
            ("Nieuwe huisstijl van ROSE", "decline", {"reason": "Eerst in de Actiegroep."}),
            ("Jaarplanning 2027", "move", {"meeting_id": later["id"], "reason": "Agenda vol."}),
        )
        for title, verb, body in decisions:
            made = call(
                "agenda_proposals_create",
                "POST",
                "/api/v1/agenda-proposals",
                {"meeting_id": assembly["id"], "title": title, "proposer_actor_id": actor},
            )
            call(
                f"agenda_proposals_{verb}",
                "POST",
                f"/api/v1/agenda-proposals/{made['id']}/{verb}",
                body,
            )
        call("me_calendar_renew", "POST", "/api/v1/me/calendar")
        call("me_calendar_get", "GET", "/api/v1/me/calendar")
        # E-mail: one's preferences, a meeting's invitation and minutes, the messages.
        call("me_get_mail_preferences", "GET", "/api/v1/me/mail-preferences")
        call(
            "me_update_mail_preferences",
            "PATCH",
            "/api/v1/me/mail-preferences",
            {"digest": False, "language": "nl"},
        )
        held = next(m for m in meetings if m.get("minutes") and m["status"] != "cancelled")
        invitation = f"/api/v1/meetings/{held['id']}/invitation"
        call(
            "meetings_update_invitation",
            "PATCH",
            invitation,
            {
                "extra_invitees": [
                    {
                        "name": "Pieter Declercq (fictief)",
                        "email": "pieter@example.org",
                        "language": "fr",
                    }
                ]
            },
        )
        call("meetings_send_invitation", "POST", f"{invitation}/send")
        call("meetings_get_invitation", "GET", invitation)
        call("meetings_publish_minutes", "POST", f"/api/v1/meetings/{held['id']}/minutes/publish")
        message = call("messages_list", "GET", "/api/v1/messages?kind=invitation&limit=1")
        message_id = message["items"][0]["id"]
        call("messages_get", "GET", f"/api/v1/messages/{message_id}")
        call("messages_send_again", "POST", f"/api/v1/messages/{message_id}/send-again")
        municipality = examples["MunicipalityCreate"]
        call(
            "imports_create",
            "POST",
            "/api/v1/imports/municipalities?dry_run=true",
            {"items": [municipality]},
        )
        call("reports_list", "GET", "/api/v1/reports")
        call("reports_get_annual", "GET", "/api/v1/reports/annual/2024")
        call("changes_list", "GET", "/api/v1/changes?limit=2")
        entry = call("audit_list", "GET", "/api/v1/audit?limit=1")["items"][0]
        call("audit_get", "GET", f"/api/v1/audit/{entry['id']}")
        indicator = call("indicators_list", "GET", "/api/v1/indicators?kind=context&limit=1")
        call("indicators_series", "GET", f"/api/v1/indicators/{indicator['items'][0]['id']}/series")
        call("health_ready", "GET", "/readyz", auth=False)

    TARGET.write_text(
        json.dumps(dict(sorted(examples.items())), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(examples)} examples")


if __name__ == "__main__":
    main()
