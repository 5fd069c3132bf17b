"""What the users and clients routes share: both answer secrets or take passwords."""

from __future__ import annotations

from fastapi import Request
from pydantic import BaseModel

from api.core import idempotency
from api.core.config import get_settings

NO_STORE = {"Cache-Control": "no-store"}


def fingerprint(request: Request, payload: BaseModel) -> str:
    # Keyed, because the body may hold a password: the stored digest must not be guessable.
    return idempotency.body_digest(request, payload, secret=get_settings().secret_key.encode())
