"""The base of every stored record: UUID id, timestamps and an optimistic-lock version."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import Column, Index, Integer, MetaData, String, UniqueConstraint
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime, utcnow

# Explicit constraint names, so migrations are reviewable and portable between databases.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


class Record(SQLModel):
    """Columns every record has. `version` is SQLAlchemy's version counter: an UPDATE whose
    version no longer matches affects no row and raises, so concurrent writers cannot both win."""

    # Columns never copied into the audit trail (secrets, hashes).
    audit_exclude: ClassVar[frozenset[str]] = frozenset()

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True
    )
    version: int = Field(default=1, sa_column_kwargs={"nullable": False})

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class SyncedRecord(Record):
    """A record that another system may own: upserted by (source, external_id)."""

    source: str | None = Field(default=None, max_length=64)
    external_id: str | None = Field(default=None, max_length=128)


def sync_unique(table: str) -> UniqueConstraint:
    return UniqueConstraint("source", "external_id", name=f"uq_{table}_source_external_id")


def collection_values(table: str, parent_fk: str, value: str) -> Index:
    """The index a record's values of a scalar collection are read from in position order
    (`api.core.reads`: one array per record of a page) without visiting the table: the
    primary key (parent, position) with the value beside it."""
    return Index(f"ix_{table}_values", parent_fk, "position", value)


__all__ = [
    "Column",
    "Integer",
    "Record",
    "String",
    "SyncedRecord",
    "collection_values",
    "metadata",
    "sync_unique",
]
