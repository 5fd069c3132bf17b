"""Hooks: the callables domains add to a mechanism of `api.core` (what the unit of work runs
before a commit, what a metrics scrape reads), so core runs them without knowing the domains."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class Hooks(Generic[F]):
    """Callables run in the order they were added; adding one twice adds it once."""

    def __init__(self) -> None:
        self._hooks: list[F] = []

    def add(self, hook: F) -> F:
        if hook not in self._hooks:
            self._hooks.append(hook)
        return hook

    def remove(self, hook: F) -> None:
        self._hooks.remove(hook)

    def __iter__(self) -> Iterator[F]:
        return iter(tuple(self._hooks))

    def __len__(self) -> int:
        return len(self._hooks)
