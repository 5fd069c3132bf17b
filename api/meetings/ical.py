"""RFC 5545 pieces the meetings domain needs: the RRULE subset a body's series may use, and the
iCalendar feed of a body's meetings.

Written by hand rather than pulled in as a dependency: the subset is small, and a validator
we own gives messages a secretary understands instead of a parser's stack trace."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from api.core import i18n
from api.core.i18n import refuse

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
RULE_PARTS = ("FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"^([+-]?)([0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_MONTHDAY = re.compile(r"^[+-]?[0-9]{1,2}$")
_UNTIL = re.compile(r"^([0-9]{8})(T([0-9]{6})Z)?$")
_POSITIVE = re.compile(r"^[0-9]{1,4}$")
MAX_INTERVAL = 1000
MAX_COUNT = 1000

# Issue 13 §4: what is wrong with a series rule, in the secretary's language.
i18n.register(
    {
        "rrule_number": {
            "nl": "{name} moet een geheel getal van 1 tot {limit} zijn.",
            "fr": "{name} doit être un nombre entier de 1 à {limit}.",
            "en": "{name} must be a whole number from 1 to {limit}.",
        },
        "rrule_weekday": {
            "nl": "BYDAY: '{token}' is geen weekdag zoals MO, TU of 1MO, -1FR.",
            "fr": "BYDAY : '{token}' n'est pas un jour de semaine comme MO, TU ou 1MO, -1FR.",
            "en": "BYDAY: '{token}' is not a weekday such as MO, TU or 1MO, -1FR.",
        },
        "rrule_ordinal_freq": {
            "nl": "BYDAY: een genummerde weekdag (1MO, -1FR) vraagt FREQ=MONTHLY of FREQ=YEARLY.",
            "fr": "BYDAY : un jour numéroté (1MO, -1FR) demande FREQ=MONTHLY ou FREQ=YEARLY.",
            "en": "BYDAY: a numbered weekday (1MO, -1FR) needs FREQ=MONTHLY or FREQ=YEARLY.",
        },
        "rrule_ordinal_range": {
            "nl": "BYDAY: het getal voor {day} moet van 1 tot {limit} gaan.",
            "fr": "BYDAY : le nombre devant {day} doit aller de 1 à {limit}.",
            "en": "BYDAY: the number before {day} must be from 1 to {limit}.",
        },
        "rrule_twice": {
            "nl": "{name}: {token} staat er twee keer in.",
            "fr": "{name} : {token} figure deux fois.",
            "en": "{name}: {token} is listed twice.",
        },
        "rrule_monthday_weekly": {
            "nl": "BYMONTHDAY kan niet samen met FREQ=WEEKLY.",
            "fr": "BYMONTHDAY ne peut pas s'utiliser avec FREQ=WEEKLY.",
            "en": "BYMONTHDAY cannot be used with FREQ=WEEKLY.",
        },
        "rrule_monthday": {
            "nl": "BYMONTHDAY: '{token}' moet een dag van de maand zijn, 1 tot 31 of -1 tot -31.",
            "fr": "BYMONTHDAY : '{token}' doit être un jour du mois, de 1 à 31 ou de -1 à -31.",
            "en": "BYMONTHDAY: '{token}' must be a day of the month, 1 to 31 or -1 to -31.",
        },
        "rrule_until": {
            "nl": "UNTIL moet een datum (20251231) of een UTC-tijdstip (20251231T230000Z) zijn.",
            "fr": "UNTIL doit être une date (20251231) ou une heure UTC (20251231T230000Z).",
            "en": "UNTIL must be a date (20251231) or a UTC time (20251231T230000Z).",
        },
        "rrule_until_exists": {
            "nl": "UNTIL: {value} is geen bestaande datum of tijd.",
            "fr": "UNTIL : {value} n'est pas une date ou une heure existante.",
            "en": "UNTIL: {value} is not an existing date or time.",
        },
        "rrule_empty": {
            "nl": "Geef een regel zoals FREQ=MONTHLY;INTERVAL=3, of null voor geen reeks.",
            "fr": "Indiquez une règle comme FREQ=MONTHLY;INTERVAL=3, ou null pour aucune série.",
            "en": "Give a rule such as FREQ=MONTHLY;INTERVAL=3, or null for no series.",
        },
        "rrule_part": {
            "nl": "'{part}' is geen NAAM=WAARDE; delen worden gescheiden door ';'.",
            "fr": "'{part}' n'est pas NOM=VALEUR ; les parties sont séparées par ';'.",
            "en": "'{part}' is not NAME=VALUE; parts are separated by ';'.",
        },
        "rrule_unsupported": {
            "nl": "{name} wordt niet ondersteund; gebruik {parts}.",
            "fr": "{name} n'est pas pris en charge ; utilisez {parts}.",
            "en": "{name} is not supported; use {parts}.",
        },
        "rrule_given_twice": {
            "nl": "{name} staat er twee keer in.",
            "fr": "{name} est donné deux fois.",
            "en": "{name} is given twice.",
        },
        "rrule_freq_missing": {
            "nl": "FREQ is verplicht (DAILY, WEEKLY, MONTHLY of YEARLY).",
            "fr": "FREQ est obligatoire (DAILY, WEEKLY, MONTHLY ou YEARLY).",
            "en": "FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY).",
        },
        "rrule_freq": {
            "nl": "FREQ moet een van {frequencies} zijn.",
            "fr": "FREQ doit être l'une de {frequencies}.",
            "en": "FREQ must be one of {frequencies}.",
        },
        "rrule_count_until": {
            "nl": "COUNT en UNTIL sluiten elkaar uit; geef er een van.",
            "fr": "COUNT et UNTIL s'excluent ; indiquez-en un seul.",
            "en": "COUNT and UNTIL exclude each other; give one of them.",
        },
    }
)


@dataclass(frozen=True)
class RRule:
    freq: str
    interval: int | None = None
    byday: tuple[str, ...] = ()
    bymonthday: tuple[int, ...] = ()
    count: int | None = None
    until: date | datetime | None = None

    def __str__(self) -> str:
        parts = [f"FREQ={self.freq}"]
        if self.interval is not None:
            parts.append(f"INTERVAL={self.interval}")
        if self.byday:
            parts.append("BYDAY=" + ",".join(self.byday))
        if self.bymonthday:
            parts.append("BYMONTHDAY=" + ",".join(str(d) for d in self.bymonthday))
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if isinstance(self.until, datetime):
            parts.append("UNTIL=" + self.until.strftime("%Y%m%dT%H%M%SZ"))
        elif self.until is not None:
            parts.append("UNTIL=" + self.until.strftime("%Y%m%d"))
        return ";".join(parts)


def _positive(name: str, value: str, limit: int) -> int:
    if not _POSITIVE.match(value) or not 1 <= int(value) <= limit:
        raise refuse("rrule_number", name=name, limit=limit)
    return int(value)


def _byday(value: str, freq: str) -> tuple[str, ...]:
    days = []
    for token in value.split(","):
        m = _BYDAY.match(token)
        if not m:
            raise refuse("rrule_weekday", token=token)
        sign, ordinal, day = m.groups()
        if ordinal is not None:
            # RFC 5545 3.3.10: an ordinal weekday only means something within a month or year.
            limit = {"MONTHLY": 5, "YEARLY": 53}.get(freq)
            if limit is None:
                raise refuse("rrule_ordinal_freq")
            if not 1 <= int(ordinal) <= limit:
                raise refuse("rrule_ordinal_range", day=day, limit=limit)
            token = f"{sign}{int(ordinal)}{day}"
        if token in days:
            raise refuse("rrule_twice", name="BYDAY", token=token)
        days.append(token)
    return tuple(days)


def _bymonthday(value: str, freq: str) -> tuple[int, ...]:
    if freq == "WEEKLY":
        raise refuse("rrule_monthday_weekly")
    out: list[int] = []
    for token in value.split(","):
        if not _MONTHDAY.match(token) or not 1 <= abs(int(token)) <= 31:
            raise refuse("rrule_monthday", token=token)
        if int(token) in out:
            raise refuse("rrule_twice", name="BYMONTHDAY", token=int(token))
        out.append(int(token))
    return tuple(out)


def _until(value: str) -> date | datetime:
    m = _UNTIL.match(value)
    if not m:
        raise refuse("rrule_until")
    try:
        if m.group(3):
            return datetime.strptime(m.group(1) + m.group(3), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        return datetime.strptime(m.group(1), "%Y%m%d").date()
    except ValueError as exc:
        raise refuse("rrule_until_exists", value=value) from exc


def parse_rrule(text: str) -> RRule:
    """Parse the RRULE subset bodies may use, or raise ValueError saying what is wrong.

    Names and values are case-insensitive (RFC 5545 3.1); an `RRULE:` prefix is accepted."""
    raw = text.strip().upper().removeprefix("RRULE:")
    if not raw:
        raise refuse("rrule_empty")
    parts: dict[str, str] = {}
    for part in raw.split(";"):
        name, sep, value = part.partition("=")
        if not sep or not name or not value:
            raise refuse("rrule_part", part=part)
        if name not in RULE_PARTS:
            raise refuse("rrule_unsupported", name=name, parts=", ".join(RULE_PARTS))
        if name in parts:
            raise refuse("rrule_given_twice", name=name)
        parts[name] = value
    freq = parts.get("FREQ")
    if freq is None:
        raise refuse("rrule_freq_missing")
    if freq not in FREQUENCIES:
        raise refuse("rrule_freq", frequencies=", ".join(FREQUENCIES))
    if "COUNT" in parts and "UNTIL" in parts:
        raise refuse("rrule_count_until")
    return RRule(
        freq=freq,
        interval=_positive("INTERVAL", parts["INTERVAL"], MAX_INTERVAL)
        if "INTERVAL" in parts
        else None,
        byday=_byday(parts["BYDAY"], freq) if "BYDAY" in parts else (),
        bymonthday=_bymonthday(parts["BYMONTHDAY"], freq) if "BYMONTHDAY" in parts else (),
        count=_positive("COUNT", parts["COUNT"], MAX_COUNT) if "COUNT" in parts else None,
        until=_until(parts["UNTIL"]) if "UNTIL" in parts else None,
    )


def normalize_rrule(text: str) -> str:
    """The rule in canonical form (upper case, FREQ first, no prefix) for storage."""
    return str(parse_rrule(text))


# --- the feed ---------------------------------------------------------------------------------

PRODID = "-//W13//Regie sociale economie Zuid-West-Vlaanderen//NL"
MAX_OCTETS = 75
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, ';' and ',' escaped, newlines as \\n."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1) without splitting a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode())
        # A continuation line starts with one space, which counts toward its 75 octets.
        if size + width > MAX_OCTETS:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    stamp: datetime  # last change of the meeting: stable, so an unchanged feed stays equal
    starts_at: datetime
    ends_at: datetime | None
    summary: str
    location: str | None
    cancelled: bool
    sequence: int
    description: str = ""


def render_calendar(name: str, events: Iterable[CalendarEvent]) -> str:
    """A VCALENDAR with one VEVENT per event: CRLF line ends, folded lines, escaped text."""
    lines: list[str] = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for ev in events:
        lines += _vevent(ev)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _vevent(ev: CalendarEvent, *, local: bool = False, extra: Iterable[str] = ()) -> list[str]:
    """One VEVENT's lines; with `local`, start and end in Europe/Brussels time (TZID) rather
    than UTC, for an invitation people read in their own mail client."""

    def moment(name: str, value: datetime) -> str:
        if local:
            return f"{name};TZID={BRUSSELS}:{value.astimezone(_TZ).strftime('%Y%m%dT%H%M%S')}"
        return f"{name}:{utc_stamp(value)}"

    lines = [
        "BEGIN:VEVENT",
        f"UID:{ev.uid}",
        f"DTSTAMP:{utc_stamp(ev.stamp)}",
        f"LAST-MODIFIED:{utc_stamp(ev.stamp)}",
        f"SEQUENCE:{ev.sequence}",
        moment("DTSTART", ev.starts_at),
    ]
    if ev.ends_at is not None:
        lines.append(moment("DTEND", ev.ends_at))
    lines.append(f"SUMMARY:{escape_text(ev.summary)}")
    if ev.location:
        lines.append(f"LOCATION:{escape_text(ev.location)}")
    if ev.description:
        lines.append(f"DESCRIPTION:{escape_text(ev.description)}")
    lines += [*extra, f"STATUS:{'CANCELLED' if ev.cancelled else 'CONFIRMED'}", "END:VEVENT"]
    return lines


# --- invitations by e-mail ------------------------------------------------------------------

BRUSSELS = "Europe/Brussels"
_TZ = ZoneInfo(BRUSSELS)
# The zone's rules as RFC 5545 wants them beside local times: the EU's summer time (last
# Sunday of March 02:00 to last Sunday of October 03:00), unchanged since 1996.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{BRUSSELS}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def render_invitation(ev: CalendarEvent, *, organizer: str, attendee: str) -> str:
    """An iTIP message (RFC 5546) for one invitee: METHOD:REQUEST, or METHOD:CANCEL when the
    event is cancelled; times in Europe/Brussels. No reply is asked for (RSVP=FALSE): W13
    records attendance itself."""
    method = "CANCEL" if ev.cancelled else "REQUEST"
    people = (
        f"ORGANIZER:mailto:{organizer}",
        f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{attendee}",
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        *VTIMEZONE,
        *_vevent(ev, local=True, extra=people),
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)


def agenda_outline(items: list[Any], depth: int = 0) -> str:
    """The agenda as an indented, numbered outline for an event's description."""
    out: list[str] = []
    for i, item in enumerate(items, start=1):
        title = item.get("title", "") if isinstance(item, dict) else str(item)
        out.append(f"{'  ' * depth}{i}. {title}")
        children = item.get("items") if isinstance(item, dict) else None
        if children:
            out.append(agenda_outline(children, depth + 1))
    return "\n".join(out)
