"""Every table, imported once so the metadata is complete (Alembic and the app rely on it)."""

from api.models.actor import Actor
from api.models.audit import AuditEntry
from api.models.change import Change
from api.models.client import ApiClient
from api.models.idempotency import IdempotencyKey
from api.models.login_attempt import LoginFailure
from api.models.municipality import Municipality
from api.models.refresh_token import RefreshToken
from api.models.user import User

__all__ = [
    "Actor",
    "ApiClient",
    "AuditEntry",
    "Change",
    "IdempotencyKey",
    "LoginFailure",
    "Municipality",
    "RefreshToken",
    "User",
]
