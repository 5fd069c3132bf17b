"""The project's session class: a unit of work that writes the change feed and the audit trail.

Every session of the project is one of these (`api.core.db.session_scope` makes them). Its
listeners are attached here, to this class only: a plain SQLAlchemy or SQLModel session, which
a library or a one-off script may open, runs none of them."""

from __future__ import annotations

from sqlalchemy import event
from sqlmodel import Session as SQLModelSession

from api.core import unitofwork


class Session(SQLModelSession):
    """A SQLModel session whose flushes and commits feed `api.core.unitofwork`."""


event.listen(Session, "after_flush", unitofwork.collect)
event.listen(Session, "before_commit", unitofwork.write)
event.listen(Session, "after_rollback", unitofwork.discard)
