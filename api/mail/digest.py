"""The weekly digest: for each person who logs in and is bound to an actor, the milestones due
in the next 14 days and those overdue, of the actions its actor leads or is a partner in, and
the status changes of the past week of the dossiers its actor raised. Queued from Monday 07:00
(Brussels) on, once per person and week (the Message-ID holds the week); a week with nothing
to say sends nothing. Titles only: no dossier evidence, no personal data."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.mail import compose as c
from api.mail.outbox import queue
from api.mail.texts import BRUSSELS, dossier_status, say, short_date
from api.models.action import Action, ActionPartner
from api.models.actor import Actor
from api.models.dossier import Dossier, DossierEvent
from api.models.mail import MailMessage, MailPreference
from api.models.user import User

AHEAD = timedelta(days=14)
SEND_FROM = time(7, 0)


def week_of(now: datetime) -> tuple[str, datetime]:
    """The ISO week of `now` in Brussels ("2026-W49") and when its digests may go out."""
    local = now.astimezone(BRUSSELS)
    monday = local.date() - timedelta(days=local.weekday())
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}", datetime.combine(monday, SEND_FROM, tzinfo=BRUSSELS)


Lines = list[tuple[date, str]]


def _milestones(session: Session, actor_id: Any, today: date) -> tuple[Lines, Lines]:
    partner = select(ActionPartner.action_id).where(ActionPartner.actor_id == actor_id)
    actions = session.scalars(
        select(Action)
        .where(or_(Action.lead_actor_id == actor_id, col(Action.id).in_(partner)))
        .order_by(Action.code)
    )
    due: Lines = []
    overdue: Lines = []
    for action in actions:
        for stone in action.milestones or []:
            if stone.get("done_on") or not stone.get("due_date"):
                continue
            when = date.fromisoformat(str(stone["due_date"]))
            line = (when, f"{action.code} {action.title}: {stone.get('title', '')}")
            if when < today:
                overdue.append(line)
            elif when <= today + AHEAD:
                due.append(line)
    return sorted(due), sorted(overdue)


def _dossier_changes(session: Session, actor_id: Any, today: date) -> list[tuple[date, Dossier]]:
    rows = session.execute(
        select(DossierEvent.date, Dossier)
        .join(Dossier, col(Dossier.id) == DossierEvent.dossier_id)
        .where(
            Dossier.raised_by_id == actor_id,
            DossierEvent.kind == "status_change",
            DossierEvent.date > today - timedelta(days=7),
        )
        .order_by(DossierEvent.date, Dossier.code)
    ).all()
    latest: dict[Any, tuple[date, Dossier]] = {}
    for day, dossier in rows:
        latest[dossier.id] = (day, dossier)
    return list(latest.values())


def digest_rows(session: Session, now: datetime) -> list[dict[str, Any]]:
    week, _ = week_of(now)
    today = now.astimezone(BRUSSELS).date()
    users = session.scalars(
        select(User)
        .where(col(User.active).is_(True), col(User.actor_id).is_not(None))
        .order_by(User.email)
    ).all()
    prefs = (
        {
            p.user_id: p
            for p in session.scalars(
                select(MailPreference).where(col(MailPreference.user_id).in_([u.id for u in users]))
            )
        }
        if users
        else {}
    )
    ids = {c.message_id("digest", u.id, week): u.id for u in users}
    done = (
        set(
            session.scalars(
                select(MailMessage.user_id).where(col(MailMessage.message_id).in_(list(ids)))
            )
        )
        if ids
        else set()
    )
    rows = []
    for user in users:
        if user.id in done:
            continue
        pref = prefs.get(user.id)
        if pref is not None and not pref.digest:
            continue
        lang = pref.language if pref is not None else "nl"
        due, overdue = _milestones(session, user.actor_id, today)
        dossiers = _dossier_changes(session, user.actor_id, today)
        if not (due or overdue or dossiers):
            continue
        actor = session.get(Actor, user.actor_id)
        person = c.Recipient(user.email, user.name, lang, user.id, "user")
        blocks: list[c.Block] = [
            ("p", say("greeting", lang, name=user.name)),
            ("p", say("intro.digest", lang, actor=actor.name if actor else "")),
        ]
        for key, lines in (("digest.overdue", overdue), ("digest.due", due)):
            if lines:
                items = [
                    f"{text} ({say('digest.due_on', lang, date=short_date(day, lang))})"
                    for day, text in lines
                ]
                blocks += [("h", say(key, lang)), ("ul", items)]
        if dossiers:
            items = [
                f"{d.code} {d.title}: "
                + say(
                    "digest.status",
                    lang,
                    status=dossier_status(d.status, lang),
                    date=short_date(day, lang),
                )
                for day, d in dossiers
            ]
            blocks += [("h", say("digest.dossiers", lang)), ("ul", items)]
        blocks += [("link", say("link.dashboard", lang), c.link("/dashboard")), c.footer(person)]
        msg_id = c.message_id("digest", user.id, week)
        subject = say("subject.digest", lang)
        rows.append(
            {
                "message_id": msg_id,
                "kind": "digest",
                "user_id": user.id,
                "recipient": user.email,
                "recipient_name": user.name,
                "language": lang,
                "subject": subject,
                "content": c.compose(person, subject=subject, blocks=blocks, msg_id=msg_id),
            }
        )
    return rows


def queue_digests(session: Session, now: datetime) -> int:
    """Queue this week's digests, when the week's sending time has come."""
    _, start = week_of(now)
    if now < start:
        return 0
    return queue(session, digest_rows(session, now))
