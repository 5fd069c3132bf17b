"""FastAPI's routing, made cheaper per request without changing what it matches.

FastAPI 0.165 keeps an included router as a branch of its own (`_IncludedRouter`) and matches
a request level by level. Two things make that cost a good part of a small request's CPU
(bench/NOTES.md, "The fixed cost of a request"):

- before each level is searched, it checks whether any route changed since it last built its
  candidates, by adding up the version counters of the whole tree of routers below it: ~90 such
  walks over ~25 routers a request to `/api/v1/...`;
- a level is searched twice: once when the level above asks whether the branch matches, and
  again when the branch handles the request. The resource's own routes are tried three times.

`install()` keeps FastAPI's algorithm and answers both from memory: the tree's version is
remembered until any router of the process marks a change (adding a route or a router, as
tests do after `create_app`), and a branch's match is remembered in the request's scope for
that request's path and method only. Both patches are applied only when FastAPI still has the
internals they wrap; without them routing is FastAPI's own, only slower."""

from __future__ import annotations

from typing import Any

from fastapi import routing

_MATCH_KEY = "regie.branch_matches"
_installed: list[bool] = []


def install() -> None:
    if _installed:
        return
    router_cls: Any = routing.APIRouter
    branch_cls: Any = getattr(routing, "_IncludedRouter", None)
    if branch_cls is None or not all(
        hasattr(router_cls, name) for name in ("_get_routes_version", "_mark_routes_changed")
    ):
        return
    if not hasattr(branch_cls, "_match"):
        return
    _installed.append(True)
    generation = [0]  # bumped by any router's change: every remembered version is then stale
    mark_changed = router_cls._mark_routes_changed
    routes_version = router_cls._get_routes_version
    branch_match = branch_cls._match

    def _mark_routes_changed(self: Any) -> None:
        generation[0] += 1
        mark_changed(self)

    def _get_routes_version(self: Any, seen: set[int] | None = None) -> int:
        if seen is not None:  # inside FastAPI's own walk of the tree
            return int(routes_version(self, seen))
        memo = self.__dict__.get("_regie_routes_version")
        if memo is not None and memo[0] == generation[0]:
            return int(memo[1])
        version = int(routes_version(self))
        self.__dict__["_regie_routes_version"] = (generation[0], version)
        return version

    def _match(self: Any, scope: dict[str, Any]) -> Any:
        memo: dict[Any, Any] | None = scope.get(_MATCH_KEY)
        if memo is None:
            memo = scope[_MATCH_KEY] = {}
        key = (id(self), scope.get("path"), scope.get("method"), generation[0])
        found = memo.get(key)
        if found is None:
            found = memo[key] = branch_match(self, scope)
        return found

    router_cls._mark_routes_changed = _mark_routes_changed
    router_cls._get_routes_version = _get_routes_version
    branch_cls._match = _match
