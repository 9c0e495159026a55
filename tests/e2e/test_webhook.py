"""Webhook mode, end to end: real HTTP into the bot's webhook server, real HTTP out to a fake API."""

from __future__ import annotations

import json
import socket
import sqlite3
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.story import (
    ALEX,
    SAM,
    STRANGER,
    TOKEN,
    bot_env,
    run_kept,
    running_bot,
)

pytestmark = pytest.mark.e2e
SECRET = "w3bh00k-Secret_kept-0123456789abcdef"


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_update(update_id: int, user_id: int, name: str) -> dict[str, object]:
    """The update Telegram would POST when a user sends /start."""
    user = {"id": user_id, "is_bot": False, "first_name": name, "language_code": "en"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": name},
            "from": user,
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


def post(url: str, body: dict[str, object], secret: str | None) -> int:
    """POST an update as Telegram does; the HTTP status of the answer."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_webhook_takes_only_updates_with_the_secret(api: FakeBotApi, tmp_path: Path) -> None:
    """Forged updates (no secret, a wrong one) get 403 and do nothing; Telegram's are served."""
    port = free_port()
    root = f"http://127.0.0.1:{port}"
    env = {
        "WEBHOOK_URL": root,
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_SECRET": SECRET,
    }
    with running_bot(api, tmp_path, env) as kept:
        kept.wait_for_log("Kept is running")
        [hook] = api.calls_to("setWebhook")
        assert hook.params["url"] == f"{root}/telegram"
        assert hook.params["secret_token"] == SECRET
        url = f"{root}/telegram"

        forged = [
            post(url, start_update(1, ALEX, "Alex"), None),
            post(url, start_update(2, ALEX, "Alex"), "not-the-secret"),
            post(url, start_update(3, ALEX, "Alex"), SECRET[:-1]),
            post(url, start_update(4, STRANGER, "Mallory"), SECRET + "x"),
        ]
        # Updates are handled one at a time, in order: had any forged one been taken, its
        # welcome would come before Sam's.
        served = post(url, start_update(5, SAM, "Sam"), SECRET)
        api.wait_for_message(SAM, "Hello Sam")

        assert forged == [403, 403, 403, 403]
        assert served == 200
        assert api.sent_messages(ALEX) == [] and api.sent_messages(STRANGER) == []
        assert api.calls_to("getUpdates") == [], "a webhook bot does not poll"
        with sqlite3.connect(tmp_path / "kept.db") as db:
            assert db.execute("select chat_id from people").fetchall() == [(SAM,)]
        assert kept.terminate() == 0

    logs = kept.logs()
    assert "refused a webhook request without the right secret" in logs
    for secret in (SECRET, "not-the-secret", TOKEN):
        assert secret not in logs


@pytest.mark.parametrize(
    ("webhook", "advice"),
    [
        ({"WEBHOOK_URL": "https://kept.example.org"}, "WEBHOOK_SECRET is not"),
        (
            {"WEBHOOK_URL": "https://kept.example.org", "WEBHOOK_SECRET": "has spaces in it"},
            "letters, digits",
        ),
    ],
    ids=["missing", "malformed"],
)
def test_a_webhook_without_a_good_secret_refuses_to_start(
    api: FakeBotApi, tmp_path: Path, webhook: dict[str, str], advice: str
) -> None:
    finished = run_kept({**bot_env(api, tmp_path), **webhook}, tmp_path)

    assert finished.returncode == 2
    assert advice in finished.stderr and "secrets.token_urlsafe" in finished.stderr
    assert api.calls == [], "nothing was asked of Telegram"
