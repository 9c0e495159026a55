"""The daily loop, end to end: the real `kept run` process over real HTTP against a fake Bot API."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.kept_process import KeptProcess

TOKEN = "4242:SECRET-token-never-logged"
ALEX, SAM, STRANGER = 1001, 1002, 1003
GROUP = -5001
MADRID = ZoneInfo("Europe/Madrid")
PROMISE = "Text Sam when I leave work"

pytestmark = pytest.mark.e2e


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A fake Bot API with Alex, Sam and their group."""
    with FakeBotApi(token=TOKEN, bot_username="kept_test_bot") as fake:
        fake.add_user(ALEX, "Alex", language_code="en")
        fake.add_user(SAM, "Sam", language_code="en")
        fake.add_user(STRANGER, "Mallory", language_code="en")
        fake.add_group(GROUP, "Alex & Sam", [ALEX, SAM])
        yield fake


@pytest.fixture
def kept(api: FakeBotApi, tmp_path: Path) -> Iterator[KeptProcess]:
    """The real bot process, pointed at the fake API and a fresh SQLite file."""
    env = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api.url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kept.db",
        "LOG_LEVEL": "DEBUG",
    }
    with KeptProcess(env, tmp_path) as process:
        api.wait_for(lambda: api.calls_to("setMyCommands"), what="start-up (setMyCommands)")
        yield process


def buttons(message: dict[str, object]) -> dict[str, str]:
    """The label -> callback data of a message's inline keyboard."""
    markup = message.get("reply_markup") or {}
    assert isinstance(markup, dict)
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


def next_minute_in_madrid() -> datetime:
    """A local time at least ten seconds away, so the commitment exists before its tick."""
    now = datetime.now(UTC)
    target = (now + timedelta(minutes=1)).replace(second=0, microsecond=0)
    if (target - now).total_seconds() < 10:
        target += timedelta(minutes=1)
    return target.astimezone(MADRID)


def test_pair_commit_nudge_kept_noticed_and_clean_stop(api: FakeBotApi, kept: KeptProcess) -> None:
    """A and B pair, A links the group and commits, the nudge comes, Kept is seen and noticed."""
    api.send_text(ALEX, None, "/start")
    api.wait_for_message(ALEX, "Hello Alex")
    api.send_text(ALEX, None, "/timezone Europe/Madrid")
    api.wait_for_message(ALEX, "Europe/Madrid. It is")

    api.send_text(ALEX, None, "/pair")
    invite = api.wait_for_message(ALEX, "start=join-")
    code = re.search(r"/join ([A-Z0-9]+)", invite["text"])
    assert code is not None and f"https://t.me/kept_test_bot?start=join-{code.group(1)}" in invite["text"]

    api.send_text(SAM, None, "/start")
    api.wait_for_message(SAM, "Hello Sam")
    api.send_text(SAM, None, f"/join {code.group(1)}")
    api.wait_for_message(SAM, "You and Alex are now paired")
    api.wait_for_message(ALEX, "You and Sam are now paired")

    api.send_text(ALEX, GROUP, "/link@kept_test_bot")
    api.wait_for_message(GROUP, "This group is now linked to Alex and Sam")

    due = next_minute_in_madrid()
    api.send_text(ALEX, None, f"/commit {due:%H:%M} {PROMISE}")
    api.wait_for_message(ALEX, "Promise noted")

    nudge = api.wait_for(
        lambda: next(
            (m for m in api.sent_messages(ALEX) if "Did you keep" in m["text"] and PROMISE in m["text"]),
            None,
        ),
        timeout=140,
        what="the nudge in Alex's private chat",
    )
    assert datetime.now(UTC) >= due.astimezone(UTC), "the nudge came before its time"
    labels = buttons(nudge)
    assert set(labels) == {"✅ Kept", "❌ Missed"}

    api.press(SAM, nudge, labels["✅ Kept"])
    refused = api.wait_for(lambda: api.callback_answers[-1:], what="the refusal of Sam's press")
    assert "belongs to someone else" in refused[0].get("text", "")

    api.press(ALEX, nudge, labels["✅ Kept"])
    edited = api.wait_for(
        lambda: "✅ Kept (" in api.message(ALEX, nudge["message_id"])["text"]
        and api.message(ALEX, nudge["message_id"]),
        what="the nudge edited to show Kept and the date",
    )
    assert due.strftime("%d %b").lstrip("0") in edited["text"]
    assert not buttons(edited), "an answered nudge keeps no buttons"

    shared = api.wait_for_message(GROUP, f"Alex kept a promise today: “{PROMISE}”")
    noticed_button = buttons(shared)["🤝 I noticed"]

    api.press(STRANGER, shared, noticed_button)
    api.press(SAM, shared, noticed_button)
    api.wait_for_message(ALEX, "🤝 Sam noticed")
    api.wait_for(
        lambda: "Sam noticed" in api.message(GROUP, shared["message_id"])["text"],
        what="the group message showing Sam noticed",
    )

    started = time.monotonic()
    assert kept.terminate(timeout=15) == 0
    assert time.monotonic() - started < 10
    logs = kept.logs()
    assert "Kept is running" in logs
    for secret in (TOKEN, PROMISE, "Text Sam"):
        assert secret not in logs, f"{secret!r} leaked into the logs"
