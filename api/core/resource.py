"""What the generic service and router need to know about one resource.

Each domain declares a `Resource` in its `service.py` and `api.resources` adds it to the one
registry (`api.core.registry`); `api.core.reads` and `api.core.writes` implement list, read,
create, update, replace, upsert and delete once for all of them, and `api.core.routing` turns
the spec into the documented HTTP operations."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy import ColumnElement
from sqlmodel import Session, SQLModel

from api.core.models import Record
from api.core.pagination import ListParams
from api.core.permissions import Cond
from api.core.principal import Principal

Clause = ColumnElement[bool]
# Who may see a change of a record in the change feed: (visibility, actor ids, municipality NIS
# codes); see `api.sync.service` for how a reader's role is matched against it.
Visibility = tuple[str, list[str], list[str]]


def w13_only(_: Any) -> Visibility:
    """Visibility of records that are W13's business alone (accounts, subscriptions): their
    changes reach no actor and no municipality in the feed."""
    return ("restricted", [], [])


# The generic operations `api.core.routing.resource_router` can build for a resource.
Operation = Literal["list", "read", "create", "update", "replace", "upsert", "delete"]
ALL_OPERATIONS: frozenset[Operation] = frozenset(
    ("list", "read", "create", "update", "replace", "upsert", "delete")
)


@dataclass(frozen=True)
class Collection:
    """A list field of the API stored as rows of a child table, replaced as a whole.

    `value` names the child column of a list of scalars (e.g. partner actor ids); without it
    each list item is an object whose fields are the child's columns."""

    field: str
    model: type[SQLModel]
    parent_fk: str
    value: str | None = None
    position: str = "position"


@dataclass(frozen=True)
class Content:
    """The file a record carries beside its fields (a document's bytes), kept out of its JSON.

    The whole-dataset export writes it as base64 under `field` of the record, a chunk at a
    time (`read` yields the bytes in order); the import stores it again (`write` takes the
    bytes in order and answers their size and sha256, which must match the record's)."""

    read: Callable[[Session, uuid.UUID], Iterator[bytes]]
    write: Callable[[Session, uuid.UUID, Iterable[bytes]], tuple[int, str]]
    field: str = "content_base64"


@dataclass
class Resource:
    name: str  # plural kebab-case: URL segment, change-feed and permission-table name
    label: str  # singular, for documentation ("action")
    tag: str
    model: type[Record]
    create: type[BaseModel]
    update: type[BaseModel]
    read: type[BaseModel]
    # which generic routes the router builds; the domain's router declares those left out
    # (e.g. a create that answers a secret once). "upsert" is built only for synced resources.
    operations: frozenset[Operation] = ALL_OPERATIONS
    public_read: type[BaseModel] | None = None  # what the public view gets, when different
    filters: type[ListParams] = ListParams
    # filter name -> function(value, principal) -> WHERE clause; filters without an entry
    # compare the column of the same name for equality.
    filter_map: dict[str, Callable[[Any], Clause]] = field(default_factory=dict)
    sort: tuple[str, ...] = ("created_at",)
    descending: bool = False
    # `?sort=` of the list: name -> the SQL expression it orders by (never NULL: coalesce a
    # nullable column, so the keyset bound compares), `-name` descending; the record id breaks
    # ties. The filters schema declares the accepted values for the contract.
    sortable: dict[str, Callable[[], Any]] = field(default_factory=dict)
    search: tuple[str, ...] = ()  # columns matched by `q`
    collections: tuple[Collection, ...] = ()
    parent: Resource | None = None
    parent_fk: str | None = None
    own: Callable[[Principal], Clause] | None = None
    public: Callable[[], Clause] | None = None
    # validate(session, state, existing) raises ProblemError (422 with field errors)
    validate: Callable[[Session, dict[str, Any], Record | None], None] | None = None
    # derived read-only fields for a page of records: {id: {field: value}}
    extra: Callable[[Session, Sequence[Record]], dict[uuid.UUID, dict[str, Any]]] | None = None
    # the same fields as SQL over the resource's table, {field: expression}: a page read as
    # plain rows (reads.list_rows) selects them with its records instead of calling `extra`.
    # `extra` stays needed beside it: a record just written is answered from its ORM object,
    # not read again as a row.
    extra_columns: Callable[[], dict[str, Any]] | None = None
    # before_delete(session, record) raises ProblemError (409) while others still need it, so
    # the caller learns what refers to it, not merely that a foreign key failed
    before_delete: Callable[[Session, Record], None] | None = None
    # visibility(record) for the change feed; without it a change is for W13 only ("internal").
    # The record may be a `api.core.bulk.RecordView` (a record the bulk import wrote).
    visibility: Callable[[Any], Visibility] | None = None
    # The bulk import writes records without the ORM: remember_for_feed(session, view, state)
    # keeps what `visibility` reads beside the record (its child rows: an action's partners, an
    # agreement's municipalities), so the feed need not read them back for every record.
    remember_for_feed: Callable[[Session, Any, dict[str, Any]], None] | None = None
    # What the permission table's OWN / PUBLIC conditions mean for this resource, in words, for
    # the documentation ("actions its actor leads or is a partner in"); the SQL that decides is
    # `own` / `public`.
    permission_text: dict[Cond, str] = field(default_factory=dict)
    # Part of the whole-dataset export and import (`regie export` / `regie import`); accounts
    # and webhook subscriptions are not.
    exported: bool = True
    # Lists answered from the page cache and tagged by the change feed's head
    # (`api.core.pagecache`): only while every column the read schema shows is written with a
    # feed row. A resource with bookkeeping written by a plain UPDATE (an API client's
    # `last_used_at`) sets False: its lists are read every time and tagged by their bytes.
    reads_follow_feed: bool = True
    # Filters whose answer moves with the clock, not with the data (`late`: past today's
    # date); a page using one is read every time and tagged by its bytes.
    clock_filters: tuple[str, ...] = ()
    # A file beside the record's fields (documents): exported and imported with it, never
    # written through the generic JSON create or the bulk import of one resource.
    content: Content | None = None
    description: str = ""
    natural_key: tuple[str, ...] = ()  # for a clear 409 on duplicates
    path: str | None = None  # URL segment when it differs from `name` (dossiers/{id}/events)

    @property
    def synced(self) -> bool:
        return "external_id" in self.model.model_fields

    @property
    def code_key(self) -> str | None:
        """The single-column natural key (a code) records may be matched by, if there is one."""
        key = self.natural_key[0] if len(self.natural_key) == 1 else None
        return key if key in self.create.model_fields else None

    @property
    def column_fields(self) -> list[str]:
        cols = set(self.model.model_fields)
        return [f for f in self.create.model_fields if f in cols]

    def read_schema(self, principal: Principal) -> type[BaseModel]:
        if principal.is_anonymous and self.public_read is not None:
            return self.public_read
        return self.read
