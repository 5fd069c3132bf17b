from __future__ import annotations

import uuid

from pydantic import BaseModel, Field


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
