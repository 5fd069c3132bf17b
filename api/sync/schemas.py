from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class ChangeRead(BaseModel):
    seq: int = Field(description="Position in the feed; strictly increasing in commit order.")
    resource: str = Field(examples=["actions"])
    id: uuid.UUID
    parent_id: uuid.UUID | None = Field(
        None,
        description="For a nested record, its parent's id: a measurement is read at "
        "`/indicators/{parent_id}/measurements/{id}`, a dossier event at "
        "`/dossiers/{parent_id}/events/{id}`, a document at "
        "`/meetings/{parent_id}/documents/{id}` or `/actions/{parent_id}/documents/{id}` (its "
        "content at `.../content`). Null for every other resource.",
    )
    op: Literal["upsert", "delete"]
    version: int
    at: datetime


class ChangePage(BaseModel):
    items: list[ChangeRead]
    next_cursor: str = Field(
        description="Where to continue: pass it as `cursor` on the next poll (also when "
        "`items` is empty).",
        examples=["1842"],
    )
