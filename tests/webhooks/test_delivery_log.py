"""The delivery log W13 reads, and manual retry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from api.webhooks.worker import DeliveryWorker
from tests.webhooks.conftest import Receiver, Subscribe

Change = Callable[..., dict[str, Any]]
MakeWorker = Callable[..., DeliveryWorker]


def test_log_shows_every_attempt(
    client: TestClient,
    w13: dict[str, str],
    subscribe: Subscribe,
    change: Change,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe()
    actor = change()
    receiver.answers = [500]
    make_worker().drain()
    r = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=w13)
    assert r.status_code == 200, r.text
    (item,) = r.json()["items"]
    assert item["status"] == "pending"
    assert item["event_type"] == "actors.upsert"
    assert item["payload"]["data"]["id"] == actor["id"]
    assert item["next_attempt_at"] is not None
    (attempt,) = item["attempts"]
    assert attempt["status_code"] == 500
    assert "Interne fout" in attempt["error"]
    assert attempt["duration_ms"] >= 0
    assert item["id"] == receiver.received[0].id
    one = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries/{item['id']}", headers=w13)
    assert one.status_code == 200
    assert one.json() == item
    assert hook["secret"] not in r.text


def test_log_pages_newest_first_and_filters_by_status(
    client: TestClient,
    w13: dict[str, str],
    subscribe: Subscribe,
    change: Change,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe()
    for i in range(5):
        change(f"Organisatie {i} (fictief)")
    receiver.answers = [200, 200, 500]
    make_worker(batch=1).drain()
    url = f"/api/v1/webhooks/{hook['id']}/deliveries"
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = client.get(url, params=params, headers=w13)
        assert page.status_code == 200
        seen += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            assert "link" not in page.headers
            break
        assert 'rel="next"' in page.headers["link"]
    seqs = [d["seq"] for d in seen]
    assert seqs == sorted(seqs, reverse=True)
    assert len(set(seqs)) == 5
    pending = client.get(url, params={"status": "pending"}, headers=w13).json()["items"]
    assert [d["status"] for d in pending] == ["pending"]
    assert client.get(url, params={"cursor": "!!"}, headers=w13).status_code == 400
    assert client.get(url, params={"status": "lost"}, headers=w13).status_code == 422


def test_manual_retry_sends_again_with_the_same_id(
    client: TestClient,
    w13: dict[str, str],
    subscribe: Subscribe,
    change: Change,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe()
    change()
    receiver.answers = [500]
    worker = make_worker()
    worker.drain()
    (item,) = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=w13).json()["items"]
    retry = f"/api/v1/webhooks/{hook['id']}/deliveries/{item['id']}/retry"
    r = client.post(retry, headers=w13)
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "pending"
    assert worker.drain() == {"delivered": 1}
    assert receiver.ids == [item["id"], item["id"]]
    # A delivered message can be sent again too; receivers drop it by its webhook-id.
    assert client.post(retry, headers=w13).status_code == 202
    (claimed,) = worker.claim()
    assert client.post(retry, headers=w13).status_code == 409  # being sent right now
    worker.record(claimed, worker.send(claimed))
    assert receiver.ids == [item["id"]] * 3


def test_retry_refusals(
    client: TestClient,
    w13: dict[str, str],
    subscribe: Subscribe,
    change: Change,
    make_user: Any,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe()
    other = subscribe("https://93.184.216.34/ander")
    change()
    base = f"/api/v1/webhooks/{hook['id']}/deliveries"
    (item,) = client.get(base, headers=w13).json()["items"]
    # Another subscription's delivery, or none at all, is not found under this one.
    wrong = f"/api/v1/webhooks/{other['id']}/deliveries/{item['id']}/retry"
    assert client.post(wrong, headers=w13).status_code == 404
    missing = f"{base}/00000000-0000-4000-8000-000000000000"
    assert client.get(missing, headers=w13).status_code == 404
    assert client.post(f"{missing}/retry", headers=w13).status_code == 404
    client.patch(f"/api/v1/webhooks/{hook['id']}", json={"active": False}, headers=w13)
    r = client.post(f"{base}/{item['id']}/retry", headers=w13)
    assert r.status_code == 409
    assert r.headers["content-type"] == "application/problem+json"


def test_log_is_for_w13_only(
    client: TestClient,
    w13: dict[str, str],
    subscribe: Subscribe,
    change: Change,
    make_user: Any,
    kortrijk: dict[str, Any],
) -> None:
    hook = subscribe()
    actor = change()
    (item,) = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=w13).json()["items"]
    base = f"/api/v1/webhooks/{hook['id']}/deliveries"
    callers = {
        "rose_member": make_user("rose_member", actor=actor["id"])["headers"],
        "municipality": make_user("municipality", municipality="34022")["headers"],
    }
    for headers in callers.values():
        assert client.get(base, headers=headers).status_code == 403
        assert client.get(f"{base}/{item['id']}", headers=headers).status_code == 403
        assert client.post(f"{base}/{item['id']}/retry", headers=headers).status_code == 403
    assert client.get(base).status_code == 401
    assert client.get(f"/api/v1/webhooks/{actor['id']}/deliveries", headers=w13).status_code == (
        404
    )


def test_deleting_a_subscription_removes_its_log(
    client: TestClient,
    w13: dict[str, str],
    subscribe: Subscribe,
    change: Change,
    make_worker: MakeWorker,
) -> None:
    from tests.conftest import count_rows

    hook = subscribe()
    change()
    make_worker().drain()
    assert count_rows("webhook_attempts") == 1
    assert client.delete(f"/api/v1/webhooks/{hook['id']}", headers=w13).status_code == 204
    assert count_rows("webhook_deliveries") == 0
    assert count_rows("webhook_attempts") == 0
