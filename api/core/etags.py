"""Entity tags and the conditional requests they answer (RFC 9110, 13.1): `If-None-Match`
on reads (304) and `If-Match` on writes (412)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Header

from api.core.errors import ProblemError
from api.core.models import Record

IfMatch = Annotated[
    str | None, Header(description="ETag of the version you edited; 412 when stale.")
]
IfNoneMatch = Annotated[str | None, Header(description="ETag you hold; 304 when unchanged.")]


def etag(obj: Any) -> str:
    """From a record or a plain row of one (both have `id` and `version`)."""
    return f'"{obj.id.hex[:12]}-{obj.version}"'


def listed(header: str) -> set[str]:
    """The tags of an `If-Match` / `If-None-Match` list, compared weakly (`W/` dropped)."""
    return {t.strip().removeprefix("W/") for t in header.split(",")}


def not_modified(if_none_match: str | None, tag: str) -> bool:
    """True when `If-None-Match` lists `tag`: the caller's copy is current (answer 304)."""
    return bool(if_none_match) and tag.removeprefix("W/") in listed(if_none_match or "")


def check_if_match(
    obj: Record,
    if_match: str | None,
    label: str,
    by_caller: Callable[[], bool] | None = None,
) -> None:
    """412 unless `If-Match` is absent, `*`, or lists the record's current tag. `by_caller`
    says whether the caller itself wrote the current version: the 412 then tells
    (`changed_by_you`), so a person learns the other write was their own other tab. It is
    asked only when the tag is stale, so a write that goes through pays nothing for it."""
    if if_match is None:
        return
    tags = listed(if_match)
    if "*" not in tags and etag(obj) not in tags:
        raise ProblemError(
            412,
            "version_stale",
            {"label": label, "version": obj.version},
            extensions=None if by_caller is None else {"changed_by_you": by_caller()},
        )
