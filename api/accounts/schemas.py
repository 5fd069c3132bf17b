"""Schemas of the accounts domain: tokens, users, API clients and the audit trail.

Users and clients have two create schemas. The public one (`UserCreate`, `ClientCreate`) is
what a caller sends; the stored state (`UserState`, `ClientState`) is what the generic service
validates and writes, and also holds the hash and the generated client id, which no caller can
send (the public schemas refuse them as unknown fields)."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    Field,
    StringConstraints,
)

from api.core.pagination import ListParams
from api.core.schemas import (
    CreateBase,
    Email,
    Name,
    NisCode,
    QueryModel,
    ReadBase,
    WriteModel,
    partial,
)

# --- tokens ----------------------------------------------------------------------------------


class Token(BaseModel):
    access_token: str
    token_type: str = Field("bearer", examples=["bearer"])
    expires_in: int = Field(description="Seconds until the access token expires.", examples=[900])
    refresh_token: str | None = Field(None, description="People only; rotated on every use.")
    scope: str | None = Field(None, description="Systems only: the client's scopes.")


class Me(BaseModel):
    kind: str = Field(examples=["user"])
    subject: str | None
    label: str | None = Field(examples=["regisseur@w13.example"])
    role: str = Field(examples=["w13"])
    actor_id: uuid.UUID | None
    municipality: str | None
    scopes: list[str]
    may_read: dict[str, str] = Field(
        default_factory=dict,
        description="Every resource this caller may read, with the permission table's "
        "condition: `all` (every record), `public` (the public view) or `own` (records bound "
        "to its actor or municipality). A system that keeps a copy reads these lists, and the "
        "change feed shows it the changes of exactly these records.",
        examples=[{"actors": "all", "agreements": "own", "changes": "own"}],
    )
    may: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Per resource, what the caller may do in general, from the permission "
        "table: `read`, `create`, `update`, `delete` (update and delete may be limited to "
        "its own records; each record's `allowed` says which). Resources it may do nothing "
        "with are left out.",
        examples=[{"actions": ["read", "update"], "dossiers": ["create", "read", "update"]}],
    )


# --- shared ----------------------------------------------------------------------------------


class AccountRole(StrEnum):
    w13 = "w13"
    rose_member = "rose_member"
    municipality = "municipality"


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


# Normalised before the address is checked, so that what is stored passes the same check
# (stripping a trailing control character after the check left an address ending in ".").
LowerEmail = Annotated[Email, BeforeValidator(_lower)]
Password = Annotated[str, StringConstraints(min_length=12, max_length=1000)]
Scope = Literal["read", "write"]


def _unique_sorted(values: list[str]) -> list[str]:
    return sorted(set(values))


Scopes = Annotated[list[Scope], Field(min_length=1, max_length=2), AfterValidator(_unique_sorted)]
BINDING_DOC = (
    "`rose_member` needs `actor_id`, `municipality` needs `municipality` (NIS code); "
    "a role never carries the other binding, and `w13` carries none."
)


class AccountFields(WriteModel):
    role: AccountRole = Field(description=BINDING_DOC, examples=["municipality"])
    actor_id: uuid.UUID | None = Field(None, description="The actor a ROSE member acts for.")
    municipality: NisCode | None = Field(
        None, description="NIS code a municipality acts for.", examples=["34022"]
    )
    active: bool = Field(True, description="False stops the account and its tokens at once.")


# --- users -----------------------------------------------------------------------------------


class UserFields(AccountFields):
    email: LowerEmail = Field(
        description="Login name; stored lower-cased, unique.",
        examples=["schepen.werk@kortrijk.example"],
    )
    name: Name = Field(examples=["Schepen van Werk Kortrijk"])


class UserCreate(CreateBase, UserFields):
    password: Password = Field(
        description="At least 12 characters; stored only as an Argon2 hash and never readable."
    )


class UserState(CreateBase, UserFields):
    password_hash: str | None = None


UserUpdate = partial(UserFields, "UserUpdate")


class UserRead(ReadBase):
    email: str
    name: str
    role: AccountRole
    actor_id: uuid.UUID | None
    municipality: str | None
    active: bool


class UserFilters(ListParams):
    q: str | None = Field(None, max_length=200, description="Search e-mail and name.")
    role: AccountRole | None = None
    actor_id: uuid.UUID | None = None
    municipality: str | None = Field(None, max_length=5, description="NIS code.")
    active: bool | None = None


class PasswordChange(WriteModel):
    password: Password = Field(description="The new password (at least 12 characters).")


# --- clients ---------------------------------------------------------------------------------


class ClientFields(AccountFields):
    name: Name = Field(examples=["Zaaksysteem stad Kortrijk"])
    scopes: Scopes = Field(
        default_factory=lambda: ["read"],
        description="`read` and/or `write`; a write needs `write`.",
    )


class ClientCreate(CreateBase, ClientFields):
    pass


class ClientState(CreateBase, ClientFields):
    client_id: str | None = None
    secret_hash: str | None = None
    secret_rotated_at: datetime | None = None


ClientUpdate = partial(ClientFields, "ClientUpdate")


class ClientRead(ReadBase):
    name: str
    client_id: str = Field(
        description="Send as `client_id` to the token endpoint.",
        examples=["rc_3f9c2a7d41b0e8c6a5d2"],
    )
    role: AccountRole
    actor_id: uuid.UUID | None
    municipality: str | None
    scopes: list[Scope]
    active: bool
    secret_rotated_at: datetime | None
    last_used_at: datetime | None = Field(description="Last successful token request.")


class ClientWithSecret(ClientRead):
    client_secret: str | None = Field(
        description="Shown in this answer only; store it now. Null when an Idempotency-Key "
        "replays the creation (rotate the secret if the first answer was lost).",
        examples=["rcs_0n1y-sh0wn-0nce"],
    )


class ClientFilters(ListParams):
    q: str | None = Field(None, max_length=200, description="Search the name and client id.")
    role: AccountRole | None = None
    actor_id: uuid.UUID | None = None
    municipality: str | None = Field(None, max_length=5, description="NIS code.")
    active: bool | None = None


# --- audit trail -----------------------------------------------------------------------------


class AuditFilters(QueryModel):
    limit: int = Field(50, ge=1, le=500, description="Page size (1–500).")
    cursor: str | None = Field(
        None, max_length=1000, description="`next_cursor` of the previous page."
    )
    resource: str | None = Field(None, max_length=40, examples=["actions"])
    record: str | None = Field(
        None,
        pattern=r"^[0-9A-Fa-f]{4}(-?[0-9A-Fa-f]){0,28}$",
        description="Id of the changed record, or its first hexadecimal digits (at least 4: "
        "the SPA shows the first 8).",
        examples=["3f2a9c1e"],
    )
    actor: str | None = Field(
        None, max_length=64, description="Id of the user or client that made the change."
    )
    op: Literal["create", "update", "delete"] | None = None
    since: AwareDatetime | None = Field(
        None, description="At or after this moment (RFC 3339 with offset)."
    )
    until: AwareDatetime | None = Field(None, description="Before this moment.")


class AuditRead(BaseModel):
    model_config = {"from_attributes": True}

    id: uuid.UUID
    at: datetime
    actor_kind: str = Field(description="`user`, `client` or `system` (command line).")
    actor_id: str | None = Field(description="Id of the user or client.")
    actor_label: str | None = Field(description="E-mail or client name at the time.")
    actor_name: str | None = Field(
        default=None,
        description="The person's name (or the API client's) as it is now; null for the "
        "command line and for accounts deleted since.",
    )
    request_id: str | None
    resource: str
    record_id: uuid.UUID
    op: Literal["create", "update", "delete"]
    before: dict[str, Any] | None = Field(
        description="The record before (null on create); secrets and hashes are never included."
    )
    after: dict[str, Any] | None = Field(description="The record after (null on delete).")


class AuditPage(BaseModel):
    items: list[AuditRead]
    next_cursor: str | None
