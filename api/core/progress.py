"""A small progress display for long commands (seed, import, export, benchmark)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")


def progress(
    items: Iterable[T], total: int | None, label: str, *, stream: TextIO | None = None
) -> Iterator[T]:
    """Yield the items while drawing `label [#####     ] 12/40` on stderr."""
    stream = stream or sys.stderr
    started = time.monotonic()
    done = 0
    tty = stream.isatty()
    last = 0.0

    def draw(final: bool = False) -> None:
        if total:
            width = 30
            filled = int(width * done / total)
            bar = "#" * filled + "." * (width - filled)
            text = f"{label:<24} [{bar}] {done}/{total}"
        else:
            text = f"{label:<24} {done}"
        if final:
            text += f"  {time.monotonic() - started:.1f}s"
        if tty:
            stream.write("\r" + text + ("\n" if final else ""))
        elif final:
            stream.write(text + "\n")
        stream.flush()

    for item in items:
        yield item
        done += 1
        now = time.monotonic()
        if now - last > 0.1:
            draw()
            last = now
    draw(final=True)
