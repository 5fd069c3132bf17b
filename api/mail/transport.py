"""Where messages go: an SMTP server (`REGIE_SMTP_URL`), or, with none set, .eml files under
the mail folder (`REGIE_MAIL_DIR`), so mail works on a machine with nothing installed."""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from api.core.config import Settings


class TransportError(Exception):
    """A failed attempt. A refusal for good (5xx) is retried like any other: a server's
    "mailbox unavailable" is often a passing state, and W13 sees every failure."""


@dataclass(frozen=True)
class Sent:
    file: str | None = None  # the .eml file's name, for the file transport


class FileTransport:
    """Writes each message to `<mail_dir>/<message id>.eml`: written again under the same name
    when it is sent again, never a second file."""

    name = "file"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, sender: str, recipient: str, content: str, msg_id: str) -> Sent:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = file_name(msg_id)
        tmp = self.folder / f".{name}.tmp"
        tmp.write_bytes(content.encode("ascii"))
        os.replace(tmp, self.folder / name)  # whole or not at all
        return Sent(file=name)

    def close(self) -> None:
        pass


def file_name(msg_id: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-." else "_" for ch in msg_id)
    return f"{safe[:180]}.eml"


class SmtpTransport:
    """One connection per attempt: a worker sends a handful of messages a minute at most, and
    a fresh connection never carries a state the server dropped."""

    name = "smtp"

    def __init__(
        self, url: str, user: str, password: str, timeout: float, ca_file: str = ""
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps"):
            raise ValueError("REGIE_SMTP_URL must start with smtp:// or smtps://")
        self.tls = parts.scheme == "smtps"
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (465 if self.tls else 25)
        # User and password from their own settings; in the URL they are accepted too.
        self.user = user or unquote(parts.username or "")
        self.password = password or unquote(parts.password or "")
        self.timeout = timeout
        self.ca_file = ca_file or None

    def send(self, sender: str, recipient: str, content: str, msg_id: str) -> Sent:
        context = ssl.create_default_context()
        if self.ca_file:
            context.load_verify_locations(cafile=self.ca_file)
        try:
            server: smtplib.SMTP
            if self.tls:
                server = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=self.timeout, context=context
                )
            else:
                server = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with server:
                server.ehlo()
                if not self.tls and server.has_extn("starttls"):
                    server.starttls(context=context)
                    server.ehlo()
                if self.user:
                    server.login(self.user, self.password)
                server.sendmail(sender, [recipient], content.encode("ascii"))
        except smtplib.SMTPRecipientsRefused as exc:
            code, reason = next(iter(exc.recipients.values()))
            raise TransportError(_say(code, reason)) from exc
        except smtplib.SMTPResponseException as exc:
            raise TransportError(_say(exc.smtp_code, exc.smtp_error)) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise TransportError(f"{type(exc).__name__}: {exc}".rstrip(": ")) from exc
        return Sent()

    def close(self) -> None:
        pass


def _say(code: int, reason: bytes | str) -> str:
    text = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else reason
    return f"SMTP {code}: {' '.join(text.split())}"


Transport = FileTransport | SmtpTransport


def from_settings(settings: Settings) -> Transport:
    if settings.smtp_url:
        return SmtpTransport(
            settings.smtp_url,
            settings.smtp_user,
            settings.smtp_password,
            settings.smtp_timeout,
            settings.smtp_ca_file,
        )
    return FileTransport(settings.mail_dir)
