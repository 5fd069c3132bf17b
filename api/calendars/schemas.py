from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class CalendarAddress(BaseModel):
    """The caller's private calendar address, without the secret (it is shown once only)."""

    active: bool = Field(description="An address exists; its token is not shown again.")
    created_at: datetime | None = Field(None, description="When the current address was made.")


class NewCalendarAddress(BaseModel):
    """A new private calendar address: the only time its token is shown."""

    url: str = Field(
        description="The address to subscribe to, as this request reached the service.",
        examples=["https://regie.example/api/v1/calendars/Xy3…Q.ics"],
    )
    path: str = Field(
        description="The same address without scheme and host.",
        examples=["/api/v1/calendars/Xy3…Q.ics"],
    )
    created_at: datetime
