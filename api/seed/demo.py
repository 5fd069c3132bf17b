"""Demo logins for `make run`: one person per role, with a password kept in var/."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import select

from api.accounts.admin import create_user_in
from api.core.config import PROJECT_ROOT
from api.core.db import session_scope
from api.core.principal import SYSTEM
from api.models.user import User
from api.seed.loader import actor_id

DEMO_ROSE_ACTOR = "fictief-klusjesbedrijf-kortrijk"
DEMO_USERS: list[dict[str, Any]] = [
    {"email": "w13@demo.regie.local", "name": "Regisseur W13 (demo)", "role": "w13"},
    {
        "email": "rose@demo.regie.local",
        "name": "ROSE-lid Klusjesbedrijf (demo)",
        "role": "rose_member",
        "actor": str(actor_id(DEMO_ROSE_ACTOR)),
    },
    {
        "email": "gemeente@demo.regie.local",
        "name": "Stad Kortrijk (demo)",
        "role": "municipality",
        "municipality": "34022",
    },
]


def demo_password(path: Path = PROJECT_ROOT / "var" / "demo-password") -> str:
    """One random password for the demo logins, made once and kept (mode 0600)."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(12)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password


def ensure_demo_users() -> list[dict[str, str]]:
    password = demo_password()
    out = []
    with session_scope(principal=SYSTEM) as session:
        for spec in DEMO_USERS:
            exists = session.scalars(select(User).where(User.email == spec["email"])).first()
            if exists is None:
                create_user_in(
                    session,
                    email=spec["email"],
                    name=spec["name"],
                    role=spec["role"],
                    actor=spec.get("actor"),
                    municipality=spec.get("municipality"),
                    password=password,
                )
            out.append({"role": spec["role"], "email": spec["email"], "password": password})
    return out
