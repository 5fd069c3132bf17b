"""Messages as sent: headers, a text and an HTML part made from the same blocks, and for
meetings the iCalendar part. Rendered once, when the message is queued."""

from __future__ import annotations

import hashlib
import html
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from typing import Any

from api.core.config import get_settings
from api.core.types import utcnow
from api.mail.texts import say

# A block of a message body: ("p", text), ("h", text), ("ul", [text, ...]),
# ("agenda", [item, ...]) with nested {"title", "items"}, ("pre", text), ("link", label, url).
Block = tuple[Any, ...]


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str = "nl"
    user_id: uuid.UUID | None = None
    source: str = "contact"  # user | contact | extra

    @property
    def key(self) -> str:
        """A short digest of the address: part of the Message-ID, without showing the address."""
        return hashlib.sha256(self.email.strip().lower().encode()).hexdigest()[:16]


# What an address may hold to go on the wire without SMTPUTF8: the local part in RFC 5322's
# atext (and dots), the domain as IDNA gives it.
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$")
_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$")


def mailable(address: str) -> str | None:
    """`address` as it goes in a header (its domain IDNA-encoded: Zuid-West-Vlaamse domains may
    hold accents), or None when it cannot be mailed without SMTPUTF8 (a non-ASCII local part,
    control characters, no domain)."""
    local, _, domain = address.strip().rpartition("@")
    if not _LOCAL.match(local):
        return None
    try:
        wire = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return f"{local}@{wire}" if _DOMAIN.match(wire) and "." in wire else None


def sender() -> tuple[str, str]:
    """(display name, address) of the From header."""
    name, address = parseaddr(get_settings().mail_from)
    return name, address or "regie@localhost"


def message_id(*parts: object) -> str:
    """A Message-ID (without <>) made of what the message is about: the same message always
    gets the same one, so it can be queued once only and is recognised when it comes again."""
    domain = sender()[1].rpartition("@")[2] or "localhost"
    return ".".join(str(p) for p in parts) + f"@{domain}"


def link(path: str) -> str:
    return get_settings().public_url.rstrip("/") + path


def footer(recipient: Recipient) -> Block:
    if recipient.user_id is not None:
        return ("small", say("footer.user", recipient.language, url=link("/profile")))
    return ("small", say("footer.contact", recipient.language))


def _agenda_text(items: Sequence[Any], depth: int = 0) -> list[str]:
    out: list[str] = []
    for i, item in enumerate(items, start=1):
        title = item.get("title", "") if isinstance(item, dict) else str(item)
        out.append(f"{'   ' * depth}{i}. {title}")
        children = item.get("items") if isinstance(item, dict) else None
        if children:
            out += _agenda_text(children, depth + 1)
    return out


def _agenda_html(items: Sequence[Any]) -> str:
    parts = []
    for item in items:
        title = item.get("title", "") if isinstance(item, dict) else str(item)
        children = item.get("items") if isinstance(item, dict) else None
        inner = _agenda_html(children) if children else ""
        parts.append(f"<li>{html.escape(title)}{inner}</li>")
    return f"<ol>{''.join(parts)}</ol>"


def render_text(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind in ("p", "small", "pre"):
            out.append(block[1])
        elif kind == "h":
            out.append(f"{block[1]}\n{'-' * len(block[1])}")
        elif kind == "ul":
            out.append("\n".join(f"- {item}" for item in block[1]))
        elif kind == "agenda":
            out.append("\n".join(_agenda_text(block[1])))
        elif kind == "link":
            out.append(f"{block[1]}: {block[2]}")
    return "\n\n".join(out) + "\n"


def render_html(blocks: Sequence[Block], lang: str, title: str) -> str:
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "p":
            out.append(f"<p>{html.escape(block[1])}</p>")
        elif kind == "small":
            out.append(f'<p style="color:#555;font-size:small">{html.escape(block[1])}</p>')
        elif kind == "pre":
            text = html.escape(block[1]).replace("\n", "<br>\n")
            out.append(f"<p>{text}</p>")
        elif kind == "h":
            out.append(f"<h2>{html.escape(block[1])}</h2>")
        elif kind == "ul":
            items = "".join(f"<li>{html.escape(i)}</li>" for i in block[1])
            out.append(f"<ul>{items}</ul>")
        elif kind == "agenda":
            out.append(_agenda_html(block[1]))
        elif kind == "link":
            url = html.escape(block[2], quote=True)
            out.append(f'<p><a href="{url}">{html.escape(block[1])}</a></p>')
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n"
        '<body style="font-family:sans-serif;max-width:40em">\n'
        + "\n".join(out)
        + "\n</body></html>\n"
    )


@dataclass(frozen=True)
class Calendar:
    text: str
    method: str  # REQUEST | CANCEL
    filename: str


def compose(
    recipient: Recipient,
    *,
    subject: str,
    blocks: Sequence[Block],
    msg_id: str,
    calendar: Calendar | None = None,
) -> str:
    """The whole message, with CRLF line ends, ready for SMTP or an .eml file."""
    msg = EmailMessage()
    msg["From"] = formataddr(sender())
    msg["To"] = formataddr((recipient.name, mailable(recipient.email) or recipient.email))
    msg["Subject"] = subject
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = f"<{msg_id}>"
    # Automatic mail: no out-of-office answers to it (RFC 3834).
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(render_text(blocks))
    msg.add_alternative(render_html(blocks, recipient.language, subject), subtype="html")
    if calendar is not None:
        msg.add_attachment(
            calendar.text.encode(),
            maintype="text",
            subtype="calendar",
            filename=calendar.filename,
            params={"method": calendar.method, "charset": "utf-8"},
        )
    # Last: setting the content moves or drops the Content-* headers set before.
    msg["Content-Language"] = recipient.language
    return msg.as_bytes(policy=policy.SMTP).decode("ascii")
