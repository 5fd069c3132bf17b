"""Quality values (RFC 9110, 12.4.2) of `Accept`-style headers: `Accept` for the CSV lists and
the report formats, `Accept-Language` for the report's language."""

from __future__ import annotations


def weighted(header: str) -> list[tuple[str, float]]:
    """Each member of the list, lowercased, with its q-value, in the header's order: 1 when
    absent, 0 when unreadable; not clamped (callers that rank decide what an out-of-range
    value means)."""
    members = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        members.append((fields[0].lower(), q))
    return members
