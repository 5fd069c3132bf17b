"""Who may do what: the one permission table, and the one function that asks it.

Each cell is role × resource × action → a condition:
- ``ALL``: every record of the resource;
- ``PUBLIC``: records in the public view (published actions, public indicators, …);
- ``OWN``: records bound to the caller (its actor for a ROSE member, its municipality for a
  municipality); what "own" means for a resource is defined by that resource's spec as SQL.
A grant may limit the fields a write may touch. A missing cell means: refused.
The permission table of docs/permissions.md is rendered from this module (`regie permissions`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from api.core.errors import ProblemError
from api.core.principal import Principal, Role


class Cond(StrEnum):
    ALL = "all"
    PUBLIC = "public"
    OWN = "own"


class Verb(StrEnum):
    """What a request does to a resource (a column of the permission table)."""

    read = "read"
    create = "create"
    update = "update"
    delete = "delete"


@dataclass(frozen=True)
class Grant:
    cond: Cond
    fields: frozenset[str] | None = None  # for writes: the only fields the caller may set

    def __str__(self) -> str:
        text = self.cond.value
        if self.fields is not None:
            text += " (" + ", ".join(sorted(self.fields)) + ")"
        return text


ALL = Grant(Cond.ALL)
PUBLIC = Grant(Cond.PUBLIC)
OWN = Grant(Cond.OWN)


def own(*fields: str) -> Grant:
    return Grant(Cond.OWN, frozenset(fields)) if fields else OWN


R, C, U, D = Verb.read, Verb.create, Verb.update, Verb.delete
ANON, ROSE, MUNI, W13 = Role.anonymous, Role.rose_member, Role.municipality, Role.w13
LOGGED_IN = (ROSE, MUNI, W13)


def _everyone(grant: Grant, public: Grant) -> dict[Role, Grant]:
    return {ANON: public, ROSE: grant, MUNI: grant, W13: grant}


W13_WRITES: dict[Verb, dict[Role, Grant]] = {C: {W13: ALL}, U: {W13: ALL}, D: {W13: ALL}}
ACTOR_PROFILE = (
    "name",
    "description",
    "street",
    "postal_code",
    "city",
    "municipality",
    "website",
    "email",
    "phone",
    "contact_persons",
    "target_groups",
    "places",
    "goods_services",
)
ACTION_PROGRESS = ("status", "progress", "milestones")
PROPOSAL_FIELDS = (
    "meeting_id",
    "title",
    "explanation",
    "proposer_actor_id",
    "action_id",
    "dossier_id",
    "to_board",
)

TABLE: dict[str, dict[Verb, dict[Role, Grant]]] = {
    "municipalities": {R: _everyone(ALL, ALL), **W13_WRITES},
    "actors": {
        R: _everyone(ALL, ALL),
        C: {W13: ALL},
        U: {ROSE: own(*ACTOR_PROFILE), W13: ALL},
        D: {W13: ALL},
    },
    "pillars": {R: _everyone(ALL, ALL), **W13_WRITES},
    "objectives": {R: _everyone(ALL, ALL), **W13_WRITES},
    "actions": {
        R: _everyone(ALL, PUBLIC),
        C: {W13: ALL},
        U: {ROSE: own(*ACTION_PROGRESS), W13: ALL},
        D: {W13: ALL},
    },
    "action-documents": {
        R: _everyone(ALL, PUBLIC),
        C: {ROSE: OWN, W13: ALL},
        U: {ROSE: OWN, W13: ALL},
        D: {ROSE: OWN, W13: ALL},
    },
    "indicators": {R: _everyone(ALL, PUBLIC), **W13_WRITES},
    "measurements": {
        R: _everyone(ALL, PUBLIC),
        C: {ROSE: OWN, W13: ALL},
        U: {ROSE: OWN, W13: ALL},
        D: {ROSE: OWN, W13: ALL},
    },
    "bodies": {R: {ROSE: ALL, MUNI: ALL, W13: ALL}, **W13_WRITES},
    "meetings": {R: {ROSE: OWN, W13: ALL}, **W13_WRITES},
    # A ROSE member proposes items for its bodies' meetings; W13 decides (accept, decline,
    # move: updates) and records the board's answer.
    "agenda-proposals": {
        R: {ROSE: OWN, W13: ALL},
        C: {ROSE: own(*PROPOSAL_FIELDS), W13: ALL},
        U: {W13: ALL},
        D: {W13: ALL},
    },
    # Documents are read by whoever reads their meeting (the minutes' readers) or action; a
    # ROSE member adds and removes deliverables of the actions it may edit.
    "meeting-documents": {R: {ROSE: OWN, W13: ALL}, **W13_WRITES},
    "dossiers": {
        R: {ROSE: ALL, W13: ALL},
        C: {ROSE: OWN, W13: ALL},
        U: {ROSE: own("title", "theme", "level", "evidence_summary", "status"), W13: ALL},
        D: {W13: ALL},
    },
    "dossier-events": {
        R: {ROSE: ALL, W13: ALL},
        C: {ROSE: OWN, W13: ALL},
        U: {W13: ALL},
        D: {W13: ALL},
    },
    "agreements": {R: {ROSE: OWN, MUNI: OWN, W13: ALL}, **W13_WRITES},
    "users": {R: {W13: ALL}, **W13_WRITES},
    "clients": {R: {W13: ALL}, **W13_WRITES},
    "audit": {R: {W13: ALL}},
    # The public view may follow the changes of what it may read, to keep a copy of it too.
    "changes": {R: {ANON: PUBLIC, ROSE: OWN, MUNI: OWN, W13: ALL}},
    "webhooks": {R: {W13: ALL}, **W13_WRITES},
    # The mail outbox: W13 follows every message's delivery and sends one again (update).
    "messages": {R: {W13: ALL}, U: {W13: ALL}},
    # The annual report; ROSE members get the version without W13's internal notes.
    "reports": {R: {ROSE: ALL, W13: ALL}},
}


def grant_for(principal: Principal, resource: str, action: Verb) -> Grant | None:
    """The cell of the table for this caller, or None when refused."""
    grant = TABLE.get(resource, {}).get(action, {}).get(principal.role)
    if grant is None:
        return None
    needed = "read" if action is Verb.read else "write"
    if needed not in principal.scopes:
        return None
    return grant


def require(principal: Principal, resource: str, action: Verb) -> Grant:
    """Ask the table; refuse with 401 (no identity) or 403 (identity without the right)."""
    grant = grant_for(principal, resource, action)
    if grant is not None:
        return grant
    if principal.is_anonymous:
        raise ProblemError(401, "login_required", headers={"WWW-Authenticate": "Bearer"})
    raise ProblemError(403, "role_forbidden", {"action": action.value, "resource": resource})


def render_markdown() -> str:
    """The permission table as Markdown, for docs/permissions.md."""
    roles = [ANON, ROSE, MUNI, W13]
    lines = [
        "| resource | action | " + " | ".join(r.value for r in roles) + " |",
        "| --- | --- | " + " | ".join("---" for _ in roles) + " |",
    ]
    for resource, actions in TABLE.items():
        for action in Verb:
            cells = actions.get(action)
            if not cells:
                continue
            row = [str(cells[r]) if r in cells else "—" for r in roles]
            lines.append(f"| {resource} | {action.value} | " + " | ".join(row) + " |")
    return "\n".join(lines)
