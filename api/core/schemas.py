"""Building blocks shared by the schema families of every domain."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    NaiveDatetime,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from api.core.i18n import refuse


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise refuse("nul_character")
    return value


Text = Annotated[str, StringConstraints(max_length=20000), AfterValidator(_no_nul)]
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_no_nul),
]
ShortText = Annotated[str, StringConstraints(max_length=500), AfterValidator(_no_nul)]
Code = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=40, pattern=r"^[A-Za-z0-9._/-]+$"
    ),
]
NisCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{5}$")]
Url = Annotated[
    str,
    StringConstraints(max_length=500, pattern=r"^https?://[^\s/$.?#][^\s]*$"),
    AfterValidator(_no_nul),
]
Email = Annotated[
    str,
    StringConstraints(max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    AfterValidator(_no_nul),
]
Phone = Annotated[str, StringConstraints(max_length=40, pattern=r"^[0-9+() ./-]{6,40}$")]
SourceName = Annotated[str, StringConstraints(max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]
ExternalId = Annotated[
    str, StringConstraints(min_length=1, max_length=128), AfterValidator(_no_nul)
]


def _plain_type(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


# What pydantic reads as a point in time (and would also read from a number, as Unix time).
TEMPORAL = (date, datetime, AwareDatetime, NaiveDatetime)
_DATE_TEXT = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_temporal(annotation: Any) -> bool:
    tp = _plain_type(annotation)
    if get_origin(tp) in (Union, UnionType):
        return any(is_temporal(a) for a in get_args(tp))
    return isinstance(tp, type) and issubclass(tp, TEMPORAL)


def _json_type_error(annotation: Any, value: Any) -> str | None:
    """What pydantic's lax mode would read into a value of the wrong JSON type: a number as a
    boolean (0/1) or as a date (Unix time), a boolean or fraction as an integer. Text stays
    accepted (CSV imports hand over text, and pydantic checks it strictly enough)."""
    tp = _plain_type(annotation)
    origin = get_origin(tp)
    if origin in (Union, UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        if value is None and len(options) < len(get_args(tp)):
            return None
        errors = [_json_type_error(a, value) for a in options]
        return None if any(e is None for e in errors) else errors[0]
    if origin is list and isinstance(value, list):
        (item,) = get_args(tp) or (Any,)
        return next((e for v in value if (e := _json_type_error(item, v)) is not None), None)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if tp is bool and number:
        return "json_boolean"
    if tp is int and isinstance(value, bool | float):
        return "json_integer"
    if isinstance(tp, type) and issubclass(tp, TEMPORAL) and (number or isinstance(value, bool)):
        return "json_date_text"
    return None


class QueryModel(BaseModel):
    """Query parameters: no NUL character (PostgreSQL text cannot hold one) and dates as text
    (pydantic would also read a bare number as Unix time)."""

    @field_validator("*", mode="before")
    @classmethod
    def _plain_text(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str):
            if "\x00" in value:
                raise refuse("nul_character")
            field = cls.model_fields.get(info.field_name or "")
            if field is not None and is_temporal(field.annotation) and not _DATE_TEXT.match(value):
                raise refuse("date_text")
        return value


class WriteModel(BaseModel):
    """Writes refuse unknown fields instead of dropping them, and values of the wrong JSON type
    instead of converting them."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    @field_validator("*", mode="before")
    @classmethod
    def _json_types(cls, value: Any, info: ValidationInfo) -> Any:
        # Only numbers and booleans can be of the wrong JSON type: text, objects and null pass
        # without a look at the annotation (this runs for every field of every imported row).
        if value is None or isinstance(value, str | dict):
            return value
        if isinstance(value, list) and all(v is None or isinstance(v, str | dict) for v in value):
            return value
        field = cls.model_fields.get(info.field_name or "")
        if field is not None and (error := _json_type_error(field.annotation, value)):
            raise refuse(error)
        return value


class CreateBase(WriteModel):
    id: uuid.UUID | None = Field(None, description="Give one to keep ids equal across systems.")


class SyncFields(BaseModel):
    source: SourceName | None = Field(None, description="System that owns the record.")
    external_id: ExternalId | None = Field(None, description="The record's id in that system.")


class Allowed(BaseModel):
    """What the caller may do with this record, decided by the one permission table (its
    role's grant and, for grants on its own records, whether this record is one of them).
    A client shows exactly this instead of repeating the rules."""

    update: bool = Field(description="PATCH (and PUT) of this record would be allowed.")
    delete: bool = Field(description="DELETE of this record would be allowed.")
    fields: list[str] = Field(
        description="The fields a PATCH may change (empty when `update` is false); a role "
        "whose grant is limited to some fields gets only those.",
        examples=[["milestones", "progress", "status"]],
    )


class ReadBase(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int
    allowed: Allowed | None = Field(
        default=None,
        description="What the caller may do with this record (see `Allowed`); present on "
        "every list item and single read, null only in answers that are no read of the "
        "record (e.g. a change feed's copy).",
    )


class SyncRead(BaseModel):
    source: str | None = None
    external_id: str | None = None


def check_sync_pair(state: dict[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    if (state.get("source") is None) != (state.get("external_id") is None):
        return [(("body", "external_id"), "sync_pair")]
    return []


def check_period(
    start: date | None, end: date | None, end_field: str = "end_date"
) -> list[tuple[tuple[str, ...], str]]:
    if start is not None and end is not None and end < start:
        return [(("body", end_field), "period_order")]
    return []


def partial(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The update schema of a create schema: every field optional, unknown fields refused, and
    every constraint of a create field (length, pattern, item count, validators: pydantic keeps
    them in the field's metadata, apart from its annotation) on the value when one is given,
    so that the two cannot drift apart."""
    from pydantic import create_model

    def constrained(info: Any) -> Any:
        if not info.metadata:
            return info.annotation
        return Annotated[(info.annotation, *info.metadata)]

    fields: dict[str, Any] = {
        key: (constrained(info) | None, Field(None, description=info.description))
        for key, info in model.model_fields.items()
        if key != "id"
    }
    return create_model(name, __base__=WriteModel, **fields)
