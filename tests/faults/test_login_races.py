"""The login throttle and refresh-token rotation under concurrency, against a live server:
50 wrong passwords at once against one account verify at most the limit (the rest answer 429
unverified), and of concurrent uses of one refresh token exactly one wins while the others
end its family. Both run on SQLite and PostgreSQL; PostgreSQL is where requests really run in
parallel."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from api.core.config import get_settings
from tests.faults.live import LiveServer
from tests.faults.test_concurrency import race

pytestmark = pytest.mark.faults

ATTEMPTS = 50


def test_fifty_parallel_wrong_passwords_verify_at_most_the_limit(
    live: LiveServer, make_user: Callable[..., dict[str, Any]]
) -> None:
    user = make_user("w13")
    limit = get_settings().login_max_failures

    def attempt(i: int) -> int:
        with live.client() as c:
            r = c.post(
                "/api/v1/auth/token",
                data={"grant_type": "password", "username": user["email"], "password": f"gok-{i}"},
            )
        return r.status_code

    statuses = Counter(race(ATTEMPTS, attempt))
    assert statuses[401] <= limit, statuses
    assert statuses[401] + statuses[429] == ATTEMPTS, statuses
    # The owner, from this (now throttled) address, waits like everyone here.
    with live.client() as c:
        r = c.post(
            "/api/v1/auth/token",
            data={
                "grant_type": "password",
                "username": user["email"],
                "password": user["password"],
            },
        )
    assert r.status_code == 429


@pytest.mark.parametrize("uses", [2, 8])
def test_one_of_concurrent_refreshes_wins_and_the_family_ends(
    live: LiveServer, make_user: Callable[..., dict[str, Any]], uses: int
) -> None:
    user = make_user("w13")
    with live.client() as c:
        first = c.post(
            "/api/v1/auth/token",
            data={
                "grant_type": "password",
                "username": user["email"],
                "password": user["password"],
            },
        )
    assert first.status_code == 200, first.text
    token = first.json()["refresh_token"]

    def use(_: int) -> Any:
        with live.client() as c:
            r = c.post(
                "/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": token}
            )
        return r.status_code, r.json()

    results = race(uses, use)
    statuses = Counter(status for status, _ in results)
    assert statuses == {200: 1, 401: uses - 1}, results
    (won,) = [body for status, body in results if status == 200]
    with live.client() as c:
        # A second use of the rotated token ended the family, the winner's new tokens too.
        again = c.post(
            "/api/v1/auth/token",
            data={"grant_type": "refresh_token", "refresh_token": won["refresh_token"]},
        )
        assert again.status_code == 401
        me = c.get("/api/v1/me", headers={"Authorization": f"Bearer {won['access_token']}"})
        assert me.status_code == 401
