"""An ASGI gate that lets at most `limit` requests of one path into the app at once."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send


class ConcurrencyGate:
    """Requests past the limit wait here, in the event loop, holding neither a worker thread
    nor a database connection. Token requests go through one: each password login costs an
    Argon2 hash, and a burst of them would otherwise take every thread and pooled connection
    while they wait their turn for the CPU, and the rest of the API would wait with them."""

    def __init__(self, app: ASGIApp, path: str, limit: int) -> None:
        self.app = app
        self.path = path
        self.limit = limit
        self._slots: asyncio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") != self.path:
            await self.app(scope, receive, send)
            return
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.limit)
        async with self._slots:
            await self.app(scope, receive, send)
