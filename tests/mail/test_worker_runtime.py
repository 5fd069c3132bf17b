"""The mail worker runs as a thread of the API process (its lifespan) and as `regie mail run`."""

from __future__ import annotations

import json
import threading
import time

import pytest
from fastapi.testclient import TestClient

from api.cli import main
from api.core.config import Settings, get_settings
from api.mail.worker import worker_enabled
from api.main import create_app
from tests.mail.conftest import SmtpServer, World
from tests.mail.test_invitations import rows, send


def _mail_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "regie-mail"]


def test_the_setting_decides_and_tests_are_off_by_default() -> None:
    assert worker_enabled(Settings(env="development"))
    assert not worker_enabled(Settings(env="development", mail_worker=False))
    assert not worker_enabled(Settings(env="test"))
    assert worker_enabled(Settings(env="test", mail_worker=True))


def test_the_app_sends_from_its_lifespan(
    w13: dict[str, str], world: World, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "smtp_url", smtp.url)
    app = create_app(Settings(mail_worker=True))
    with TestClient(app, raise_server_exceptions=False) as client:
        assert len(_mail_threads()) == 1
        send(client, w13, world.meeting["id"])
        deadline = time.monotonic() + 15
        while len(smtp.received) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)  # woken by the commit, far sooner than its poll
    assert _mail_threads() == []
    assert len(smtp.received) == 2
    assert {r.status for r in rows()} == {"sent"}


def test_cli_run_once_sends_what_is_due(
    client: TestClient,
    w13: dict[str, str],
    world: World,
    smtp: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(get_settings(), "smtp_url", smtp.url)
    send(client, w13, world.meeting["id"])
    assert main(["mail", "run", "--once"]) == 0
    assert json.loads(capsys.readouterr().out) == {"sent": 2}
    assert main(["mail", "run", "--once"]) == 0
    assert json.loads(capsys.readouterr().out) == {}
    assert len(smtp.received) == 2
