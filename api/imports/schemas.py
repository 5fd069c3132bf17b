from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class RowError(BaseModel):
    row: int = Field(description="The record's position in the input, from 1 (0: the header).")
    loc: list[str | int] = Field(
        description='Where: `["body", "rows", <row>, <field>, ...]`.',
        examples=[["body", "rows", 3, "kbo_number"]],
    )
    msg: str = Field(examples=["Het KBO-nummer klopt niet (controlegetal)."])
    code: str = Field(
        default="invalid",
        description="Stable machine-readable code, as on a problem's field errors (docs/api.md).",
        examples=["kbo_checksum"],
    )
    ctx: dict[str, Any] | None = Field(default=None, description="The code's parameters.")


class ImportReport(BaseModel):
    dry_run: bool = Field(description="True when nothing was written on purpose.")
    created: int = Field(description="New records (or, in a dry run, that would be).")
    replaced: int = Field(description="Existing records whose given fields changed.")
    unchanged: int = Field(description="Existing records that already held these values.")
    errors: list[RowError] = Field(
        default_factory=list,
        description="Every problem of every row; when there is one, nothing is written.",
    )
