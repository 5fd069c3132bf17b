"""Who is asking: a person, a system, or nobody (the public view)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    anonymous = "anonymous"
    rose_member = "rose_member"
    municipality = "municipality"
    w13 = "w13"


@dataclass(frozen=True)
class Principal:
    role: Role
    kind: str = "anonymous"  # anonymous | user | client | system
    subject: str | None = None  # user or client id
    label: str | None = None  # e-mail or client name, for the audit trail
    actor_id: uuid.UUID | None = None
    municipality: str | None = None  # NIS code
    scopes: frozenset[str] = field(default_factory=lambda: frozenset({"read", "write"}))

    @property
    def is_anonymous(self) -> bool:
        return self.role is Role.anonymous

    @property
    def key(self) -> str:
        """Stable identity for per-caller state (idempotency keys, rate limits)."""
        return f"{self.kind}:{self.subject}" if self.subject else "anonymous"


ANONYMOUS = Principal(role=Role.anonymous)
SYSTEM = Principal(role=Role.w13, kind="system", subject="system", label="regie (command line)")
