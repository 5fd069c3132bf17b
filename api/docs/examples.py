"""Examples written by hand, for what the recorder (`scripts/openapi_examples.py`) cannot call:
errors, and bodies whose schema is inline."""

from __future__ import annotations

from typing import Any

SCHEMA_EXAMPLES: dict[str, Any] = {
    "Problem": {
        "type": "https://regie.w13.be/problems/validation",
        "title": "Unprocessable Content",
        "status": 422,
        "detail": "The request body is not valid.",
        "instance": "/api/v1/actors",
        "errors": [
            {
                "loc": ["body", "kbo_number"],
                "code": "kbo_checksum",
                "msg": "Het controlegetal van dit KBO-nummer klopt niet.",
            }
        ],
    },
}
SCHEMA_EXAMPLES["Body_auth_revoke"] = {
    "refresh_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJqdGkiOiJyZWZyZXNoIn0.c2lnbmF0dXJl"
}
BODY_EXAMPLES: dict[str, dict[str, Any]] = {}
