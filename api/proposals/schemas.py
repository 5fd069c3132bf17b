from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from pydantic import Field

from api.core.pagination import ListParams
from api.core.schemas import CreateBase, Name, ReadBase, Text, WriteModel, partial
from api.meetings.schemas import UTCTime


class ProposalStatus(StrEnum):
    proposed = "proposed"
    accepted = "accepted"
    declined = "declined"
    moved = "moved"


STATUS_DOC = (
    "Set by W13's decision, not written directly: `proposed` until W13 accepts it (`accept`: "
    "the item joins the meeting's agenda), declines it (`decline`, with a reason) or moves it "
    "to a later meeting of the same body (`move`: this proposal becomes `moved` and a new one "
    "waits at that meeting). A decided proposal cannot be decided again."
)


class AgendaProposalCreate(CreateBase):
    meeting_id: uuid.UUID = Field(
        description="An upcoming, planned meeting of a body the proposing actor sits in."
    )
    title: Name = Field(examples=["Mobiliteit naar de bedrijventerreinen van Harelbeke"])
    explanation: Text = Field(
        "",
        max_length=2000,
        examples=["Drie maatwerkbedrijven vinden geen vervoer voor de vroege ploeg."],
    )
    proposer_actor_id: uuid.UUID = Field(
        description="The proposing actor; a ROSE member gives its own actor."
    )
    action_id: uuid.UUID | None = Field(None, description="An action the item is about.")
    dossier_id: uuid.UUID | None = Field(None, description="A dossier the item is about.")
    to_board: bool = Field(
        False, description="To be carried to W13's board (the plan's route from ROSE to W13)."
    )
    board_handled_on: dt.date | None = Field(
        None, description="When W13's board handled the item (only with `to_board`)."
    )
    board_answer: Text | None = Field(
        None,
        max_length=5000,
        description="The board's answer (only with `to_board`).",
        examples=["Het bestuur vraagt een voorstel van vervoersregeling tegen juni."],
    )
    status: ProposalStatus = Field(ProposalStatus.proposed, description=STATUS_DOC)
    decided_at: UTCTime | None = Field(None, description="Set by W13's decision.")
    decision_reason: Text | None = Field(
        None, max_length=2000, description="Why W13 declined (or moved) the item."
    )
    agenda_position: int | None = Field(
        None, ge=1, le=200, description="Accepted: the item's place on the agenda (1 = first)."
    )
    moved_to_meeting_id: uuid.UUID | None = Field(
        None, description="Moved: the later meeting that now holds the item."
    )
    moved_from_meeting_id: uuid.UUID | None = Field(
        None, description="The earlier meeting this item was moved from."
    )


AgendaProposalUpdate = partial(AgendaProposalCreate, "AgendaProposalUpdate")


class AgendaProposalRead(ReadBase):
    meeting_id: uuid.UUID
    title: str
    explanation: str
    proposer_actor_id: uuid.UUID
    action_id: uuid.UUID | None
    dossier_id: uuid.UUID | None
    to_board: bool
    board_handled_on: dt.date | None
    board_answer: str | None
    status: ProposalStatus
    decided_at: dt.datetime | None
    decision_reason: str | None
    agenda_position: int | None
    moved_to_meeting_id: uuid.UUID | None
    moved_from_meeting_id: uuid.UUID | None


class AgendaProposalFilters(ListParams):
    q: str | None = Field(None, max_length=200, description="Search title and explanation.")
    meeting: uuid.UUID | None = Field(None, description="Proposals for this meeting.")
    body: uuid.UUID | None = Field(None, description="Proposals for meetings of this body.")
    status: ProposalStatus | None = None
    proposer: uuid.UUID | None = Field(None, description="Proposed by this actor.")
    to_board: bool | None = Field(None, description="Marked for W13's board.")


class Accept(WriteModel):
    position: int | None = Field(
        None,
        ge=1,
        description="Where the item joins the agenda's top level (1 = first); absent or past "
        "the end: last.",
        examples=[2],
    )


class Decline(WriteModel):
    reason: Name = Field(
        max_length=2000, examples=["Komt al aan bod onder het punt mobiliteit van de Actiegroep."]
    )


class Move(WriteModel):
    meeting_id: uuid.UUID = Field(description="A later, planned meeting of the same body.")
    reason: Text | None = Field(None, max_length=2000, examples=["De agenda van juni is vol."])
