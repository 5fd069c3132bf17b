"""Logging, configured in one place: one JSON object per line in production, readable text in
development (`REGIE_LOG_FORMAT=json|text` overrides). `regie serve` hands `log_config` to
uvicorn, so uvicorn's own lines come out in the same shape as the service's.

Every line written while a request is handled carries its request id (`request_id`), also the
lines of code that knows nothing about requests: the id travels in a context variable."""

from __future__ import annotations

import json
import logging
import sys
import traceback
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from api.core.config import Settings

# Set by the request middleware. Each request runs in a task of its own, with its own copy of
# the context, so a value never leaks into another request.
request_id_var: ContextVar[str | None] = ContextVar("regie_request_id", default=None)

# The fields a request's line carries besides the message (see `api.core.middleware`).
REQUEST_FIELDS = (
    "request_id",
    "method",
    "path",
    "route",
    "status",
    "duration_ms",
    "principal_kind",
    "principal_subject",
    "client",
)
# Attributes every LogRecord has; anything else on a record came in through `extra=`.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class RequestContextFilter(logging.Filter):
    """Stamps the current request id on records that do not carry one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id_var.get()
        return True


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {
        k: v
        for k, v in record.__dict__.items()
        if k not in _STANDARD and not k.startswith("_") and k != "color_message" and v is not None
    }


# One encoder for every line (`json.dumps` with options builds a new one per call).
_ENCODE = json.JSONEncoder(default=str, ensure_ascii=False).encode


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, then the record's extras.

    A line is written for every request, so the time's text up to the second is kept from the
    line before (`_second`) rather than built anew each time."""

    _second: tuple[int, str] = (-1, "")

    def _time(self, created: float) -> str:
        second = int(created)
        if second != self._second[0]:
            text = datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%S")
            self._second = (second, text)
        millis = int((created - second) * 1000)
        return f"{self._second[1]}.{millis:03d}+00:00"

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self._time(record.created),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(_extras(record))
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return _ENCODE(entry)


class TextFormatter(logging.Formatter):
    """For people at a terminal: the message, then the request id."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        rid = getattr(record, "request_id", None)
        if rid and "\n" not in line:
            line += f" [rid={rid}]"
        elif rid:
            head, _, tail = line.partition("\n")
            line = f"{head} [rid={rid}]\n{tail}"
        return line


class StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is when a line is written, not when logging was set up
    (a test that captures output swaps it). Standard error, because commands print their
    results on standard output (`regie export`, `regie webhooks run --once`); containers and
    systemd collect both."""

    def __init__(self) -> None:
        super().__init__()
        self._fixed: Any = None

    @property
    def stream(self) -> Any:
        return self._fixed if self._fixed is not None else sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        self._fixed = None if value is sys.stderr else value


def log_format(settings: Settings) -> str:
    if settings.log_format:
        return settings.log_format
    return "json" if settings.env == "production" else "text"


def log_config(settings: Settings) -> dict[str, Any]:
    """A `logging.config.dictConfig` document; also uvicorn's `log_config`."""
    formatter = JsonFormatter if log_format(settings) == "json" else TextFormatter
    level = settings.log_level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": RequestContextFilter}},
        "formatters": {"default": {"()": formatter}},
        "handlers": {
            "default": {
                "()": StderrHandler,
                "formatter": "default",
                "filters": ["request"],
            }
        },
        "root": {"handlers": ["default"], "level": level},
        # uvicorn's loggers lose their own handlers and go through ours; its access log stays
        # off (`RequestContextMiddleware` writes the one line per request).
        "loggers": {
            "uvicorn": {"handlers": [], "propagate": True, "level": level},
            "uvicorn.error": {"handlers": [], "propagate": True, "level": level},
            "uvicorn.access": {"handlers": [], "propagate": True, "level": "WARNING"},
        },
    }


def configure_logging(settings: Settings) -> None:
    """For commands that log without uvicorn (e.g. `regie webhooks run`)."""
    import logging.config

    logging.config.dictConfig(log_config(settings))
    # Python's warnings would otherwise reach stderr as bare text between the JSON lines.
    logging.captureWarnings(True)
