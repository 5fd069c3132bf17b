"""The Idempotency-Key fingerprint of the users and clients creates, whose bodies may hold a
password."""

from __future__ import annotations

from fastapi import Request
from pydantic import BaseModel

from api.core import idempotency
from api.core.config import get_settings


def fingerprint(request: Request, payload: BaseModel) -> str:
    # Keyed, because the body may hold a password: the stored digest must not be guessable.
    return idempotency.body_digest(request, payload, secret=get_settings().secret_key.encode())
