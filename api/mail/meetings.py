"""E-mail about meetings: the invitation W13 sends (with its iCalendar part), the updates and
the cancellation that follow a change once it was sent, and the minutes.

Who is invited: the contact persons (with an e-mail address) of the actors that sit in the
meeting's body, the active users bound to those actors, and the extra invitees W13 adds. A
person is written to once per message, by address; a user who turned invitations (or minutes)
off is left out, also where the same address is listed as a contact person."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from api.core import reads
from api.core.errors import ProblemError
from api.core.permissions import Verb, grant_for, require
from api.core.principal import Principal, Role
from api.core.types import utcnow
from api.core.unitofwork import jsonable
from api.mail import compose as c
from api.mail.outbox import queue
from api.mail.texts import say, when
from api.meetings.ical import CalendarEvent, render_invitation
from api.meetings.service import meetings
from api.models.actor import Actor
from api.models.mail import MailPreference, MeetingMailing
from api.models.meeting import Body, BodyMember, Meeting
from api.models.user import User

# What an invitation describes: a change of one of these sends an update (a higher SEQUENCE).
DESCRIBED = ("title", "starts_at", "ends_at", "location", "agenda", "status", "body_id")


def _preferences(session: Session, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Any]:
    if not user_ids:
        return {}
    rows = session.scalars(
        select(MailPreference).where(col(MailPreference.user_id).in_(list(user_ids)))
    )
    return {p.user_id: p for p in rows}


def _may_read_meetings(user: User) -> bool:
    principal = Principal(
        role=Role(user.role), kind="user", subject=str(user.id), actor_id=user.actor_id
    )
    return grant_for(principal, meetings.name, Verb.read) is not None


def recipients(
    session: Session,
    body_id: uuid.UUID,
    *,
    kind: str,
    extra: Sequence[Mapping[str, Any]] = (),
) -> list[c.Recipient]:
    """Who gets a meeting's `kind` of message ("invitations" or "minutes"), by address."""
    members = list(
        session.scalars(select(BodyMember.actor_id).where(BodyMember.body_id == body_id))
    )
    users = (
        list(
            session.scalars(
                select(User)
                .where(col(User.actor_id).in_(members), col(User.active).is_(True))
                .order_by(User.email)
            )
        )
        if members
        else []
    )
    prefs = _preferences(session, [u.id for u in users])
    out: dict[str, c.Recipient] = {}
    refused: set[str] = set()
    for user in users:
        pref = prefs.get(user.id)
        address = user.email.strip().lower()
        if not c.mailable(address):
            continue
        # Minutes go only to those who may read them (the meetings' row of the table).
        if (pref is not None and not getattr(pref, kind)) or (
            kind == "minutes" and not _may_read_meetings(user)
        ):
            refused.add(address)
            continue
        out.setdefault(
            address,
            c.Recipient(
                email=user.email,
                name=user.name,
                language=pref.language if pref is not None else "nl",
                user_id=user.id,
                source="user",
            ),
        )
    if kind == "invitations":
        for person in extra:
            address = str(person["email"]).strip().lower()
            if address not in refused and c.mailable(address):
                out.setdefault(
                    address,
                    c.Recipient(
                        email=person["email"],
                        name=person.get("name") or "",
                        language=person.get("language") or "nl",
                        source="extra",
                    ),
                )
    if members:
        actors = session.scalars(
            select(Actor).where(col(Actor.id).in_(members)).order_by(Actor.name)
        )
        for actor in actors:
            for person in actor.contact_persons or []:
                email = (person or {}).get("email")
                # A contact person's address that cannot be mailed (stored before this rule)
                # is passed over rather than failing the whole invitation.
                if not email or email.strip().lower() in refused or not c.mailable(email):
                    continue
                out.setdefault(
                    email.strip().lower(),
                    c.Recipient(email=email, name=person.get("name") or "", source="contact"),
                )
    return list(out.values())


# --- invitations ----------------------------------------------------------------------------


def described(meeting: Meeting) -> dict[str, Any]:
    return {f: jsonable(getattr(meeting, f)) for f in DESCRIBED}


def _event(meeting_id: uuid.UUID, state: Mapping[str, Any], sequence: int) -> CalendarEvent:
    return CalendarEvent(
        uid=f"{meeting_id}@regie",  # the body's feed uses the same UID: one entry per meeting
        stamp=utcnow(),
        starts_at=datetime.fromisoformat(state["starts_at"]),
        ends_at=datetime.fromisoformat(state["ends_at"]) if state["ends_at"] else None,
        summary=state["title"],
        location=state["location"],
        cancelled=state["status"] == "cancelled",
        sequence=sequence,
        description="\n".join(c._agenda_text(state["agenda"] or [])),
    )


def invitation_rows(
    session: Session,
    meeting_id: uuid.UUID,
    state: Mapping[str, Any],
    sequence: int,
    people: Sequence[c.Recipient],
) -> list[dict[str, Any]]:
    """The messages of one version (`sequence`) of a meeting's invitation, one per person."""
    body = session.get(Body, uuid.UUID(str(state["body_id"])))
    body_name = body.name if body is not None else ""
    cancelled = state["status"] == "cancelled"
    kind = "cancellation" if cancelled else "update" if sequence else "invitation"
    starts = datetime.fromisoformat(state["starts_at"])
    ends = datetime.fromisoformat(state["ends_at"]) if state["ends_at"] else None
    rows = []
    for person in people:
        lang = person.language
        moment = when(starts, lang, ends)
        blocks: list[c.Block] = [
            ("p", say("greeting", lang, name=person.name or person.email)),
            ("p", say(f"intro.{kind}", lang, title=state["title"], body=body_name)),
            ("h", say("when", lang)),
            ("p", moment),
        ]
        if state["location"]:
            blocks += [("h", say("where", lang)), ("p", state["location"])]
        if state["agenda"] and not cancelled:
            blocks += [("h", say("agenda", lang)), ("agenda", state["agenda"])]
        if not cancelled:
            blocks.append(("p", say("calendar", lang)))
            blocks.append(("link", say("link.meeting", lang), c.link(f"/meetings/{meeting_id}")))
        blocks.append(c.footer(person))
        msg_id = c.message_id(kind, meeting_id, sequence, person.key)
        subject = say(f"subject.{kind}", lang, title=state["title"], when=moment)
        ics = render_invitation(
            _event(meeting_id, state, sequence), organizer=c.sender()[1], attendee=person.email
        )
        calendar = c.Calendar(ics, "CANCEL" if cancelled else "REQUEST", say("calendar.file", lang))
        rows.append(
            {
                "message_id": msg_id,
                "kind": kind,
                "meeting_id": meeting_id,
                "user_id": person.user_id,
                "recipient": person.email,
                "recipient_name": person.name,
                "language": lang,
                "subject": subject,
                "sequence": sequence,
                "content": c.compose(
                    person, subject=subject, blocks=blocks, msg_id=msg_id, calendar=calendar
                ),
            }
        )
    return rows


def _mailing(session: Session, meeting_id: uuid.UUID, *, lock: bool = False) -> MeetingMailing:
    query = select(MeetingMailing).where(MeetingMailing.meeting_id == meeting_id)
    if lock:
        query = query.with_for_update()
    found = session.scalars(query).first()
    if found is None:
        found = MeetingMailing(meeting_id=meeting_id)
        session.add(found)
        session.flush()
    return found


def sync_invitation(session: Session, meeting_id: uuid.UUID) -> int:
    """After a write of an invited meeting: when what the invitation describes changed, the
    next version goes to everyone (an update, or the cancellation); otherwise the current
    version goes to whoever was invited since (a new member, an added invitee) and has not
    had it. Returns how many messages were queued."""
    mailing = session.scalars(
        select(MeetingMailing).where(
            MeetingMailing.meeting_id == meeting_id, col(MeetingMailing.invited_at).is_not(None)
        )
    ).first()
    if mailing is None:
        return 0
    meeting = session.get(Meeting, meeting_id)
    sent = dict(mailing.sent or {})
    # A deleted meeting: those who had the invitation get its cancellation.
    state = {**sent, "status": "cancelled"} if meeting is None else described(meeting)
    sequence = mailing.sequence
    if state["status"] == "cancelled" and sent.get("status") == "cancelled":
        return 0  # cancelled before: nobody hears of it again, nobody new is invited
    if state != sent:
        sequence += 1
        session.execute(
            update(MeetingMailing)
            .where(MeetingMailing.meeting_id == meeting_id)
            .values(sequence=sequence, sent=state)
        )
    people = recipients(
        session,
        uuid.UUID(str(state["body_id"])),
        kind="invitations",
        extra=mailing.extra_invitees or [],
    )
    return queue(session, invitation_rows(session, meeting_id, state, sequence, people))


def on_commit(
    session: Session,
    changes: Sequence[Mapping[str, Any]],
    written: Sequence[tuple[int, str, uuid.UUID]],
) -> int:
    """The unit of work's commit hook: every written meeting whose invitation went out is
    synced, in the transaction of the change (see `api.core.unitofwork.COMMIT_HOOKS`)."""
    ids = list(dict.fromkeys(c_["record_id"] for c_ in changes if c_["resource"] == "meetings"))
    if not ids:
        return 0
    invited = set(
        session.scalars(
            select(MeetingMailing.meeting_id).where(
                col(MeetingMailing.meeting_id).in_(ids),
                col(MeetingMailing.invited_at).is_not(None),
            )
        )
    )
    return sum(sync_invitation(session, meeting_id) for meeting_id in ids if meeting_id in invited)


# --- W13's actions --------------------------------------------------------------------------


def _meeting_for_mail(session: Session, principal: Principal, meeting_id: uuid.UUID) -> Meeting:
    meeting = reads.get_visible(session, principal, meetings, meeting_id)
    require(principal, meetings.name, Verb.update)
    assert isinstance(meeting, Meeting)
    return meeting


def mailing_state(
    session: Session, meeting: Meeting
) -> tuple[MeetingMailing | None, list[c.Recipient]]:
    mailing = session.scalars(
        select(MeetingMailing).where(MeetingMailing.meeting_id == meeting.id)
    ).first()
    people = recipients(
        session,
        meeting.body_id,
        kind="invitations",
        extra=(mailing.extra_invitees or []) if mailing is not None else [],
    )
    return mailing, people


def get_mailing(
    session: Session, principal: Principal, meeting_id: uuid.UUID
) -> tuple[Meeting, MeetingMailing | None, list[c.Recipient]]:
    meeting = _meeting_for_mail(session, principal, meeting_id)
    mailing, people = mailing_state(session, meeting)
    return meeting, mailing, people


def set_extra_invitees(
    session: Session, principal: Principal, meeting_id: uuid.UUID, invitees: list[dict[str, Any]]
) -> int:
    """Replace the extra invitees; once the invitation went out, new ones get it now."""
    meeting = _meeting_for_mail(session, principal, meeting_id)
    seen: set[str] = set()
    errors = []
    for i, person in enumerate(invitees):
        address = person["email"].strip().lower()
        if address in seen:
            errors.append((("body", "extra_invitees", i, "email"), "duplicate"))
        seen.add(address)
    if errors:
        raise ProblemError(422, "detail.invalid", {"label": "meeting"}, errors=errors)
    mailing = _mailing(session, meeting.id, lock=True)
    mailing.extra_invitees = invitees
    session.flush()
    return sync_invitation(session, meeting.id)


def send_invitation(session: Session, principal: Principal, meeting_id: uuid.UUID) -> int:
    """W13 sends the invitation: every invitee who does not have its current version gets it.
    Sending again sends nothing to those who have it."""
    meeting = _meeting_for_mail(session, principal, meeting_id)
    if meeting.status == "cancelled":
        raise ProblemError(409, "mail.meeting_cancelled")
    mailing = _mailing(session, meeting.id, lock=True)
    if mailing.invited_at is None:
        mailing.invited_at = utcnow()
        mailing.sequence = 0
        mailing.sent = described(meeting)
        session.flush()
    return sync_invitation(session, meeting.id)


def publish_minutes(session: Session, principal: Principal, meeting_id: uuid.UUID) -> int:
    """The minutes go to the body's members who may read them; the same text published again
    goes only to those who did not have it yet."""
    meeting = _meeting_for_mail(session, principal, meeting_id)
    text = (meeting.minutes or "").strip()
    if not text:
        raise ProblemError(409, "mail.no_minutes")
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    mailing = _mailing(session, meeting.id, lock=True)
    mailing.minutes_sent_at = utcnow()
    mailing.minutes_digest = digest
    session.flush()
    body = session.get(Body, meeting.body_id)
    rows = []
    for person in recipients(session, meeting.body_id, kind="minutes"):
        lang = person.language
        moment = when(meeting.starts_at, lang)
        msg_id = c.message_id("minutes", meeting.id, digest, person.key)
        subject = say("subject.minutes", lang, title=meeting.title, when=moment)
        blocks: list[c.Block] = [
            ("p", say("greeting", lang, name=person.name or person.email)),
            ("p", say("intro.minutes", lang, title=meeting.title, body=body.name if body else "")),
            ("h", say("minutes", lang)),
            ("pre", text),
            ("link", say("link.meeting", lang), c.link(f"/meetings/{meeting.id}")),
            c.footer(person),
        ]
        rows.append(
            {
                "message_id": msg_id,
                "kind": "minutes",
                "meeting_id": meeting.id,
                "user_id": person.user_id,
                "recipient": person.email,
                "recipient_name": person.name,
                "language": lang,
                "subject": subject,
                "content": c.compose(person, subject=subject, blocks=blocks, msg_id=msg_id),
            }
        )
    return queue(session, rows)
