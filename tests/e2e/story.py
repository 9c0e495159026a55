"""Steps shared by the end-to-end stories: start the bot, pair two people, link their group."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.kept_process import ROOT, KeptProcess

TOKEN = "4242:SECRET-token-never-logged"
ALEX, SAM, STRANGER = 1001, 1002, 1003
GROUP = -5001


def fake_api() -> FakeBotApi:
    """A fake Bot API with Alex, Sam, a stranger, and Alex & Sam's group (stranger included)."""
    fake = FakeBotApi(token=TOKEN, bot_username="kept_test_bot")
    fake.add_user(ALEX, "Alex", language_code="en")
    fake.add_user(SAM, "Sam", language_code="en")
    fake.add_user(STRANGER, "Mallory", language_code="en")
    fake.add_group(GROUP, "Alex & Sam", [ALEX, SAM, STRANGER])
    return fake


def bot_env(api: FakeBotApi, tmp_path: Path) -> dict[str, str]:
    """The environment of a bot process pointed at the fake API and a SQLite file."""
    return {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api.url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kept.db",
        "LOG_LEVEL": "DEBUG",
    }


@contextmanager
def running_bot(
    api: FakeBotApi,
    tmp_path: Path,
    extra_env: dict[str, str] | None = None,
    *,
    clock_offset: float | None = None,
) -> Iterator[KeptProcess]:
    """Start `kept run` and wait until it has set its command menu (start-up done); with
    `clock_offset`, its clock is moved by that many seconds (tests/e2e/clocked.py)."""
    before = len(api.calls_to("setMyCommands"))
    env = {**bot_env(api, tmp_path), **(extra_env or {})}
    with KeptProcess(env, tmp_path, clock_offset=clock_offset) as process:
        api.wait_for(
            lambda: len(api.calls_to("setMyCommands")) > before, what="start-up (setMyCommands)"
        )
        yield process


def buttons(message: dict[str, object]) -> dict[str, str]:
    """The label -> callback data of a message's inline keyboard (callback buttons only)."""
    markup = message.get("reply_markup") or {}
    assert isinstance(markup, dict)
    return {
        b["text"]: b["callback_data"]
        for row in markup.get("inline_keyboard", [])
        for b in row
        if "callback_data" in b
    }


def pair_and_link(api: FakeBotApi) -> None:
    """Alex starts and invites, Sam joins with the code, Alex links the group."""
    api.send_text(ALEX, None, "/start")
    api.wait_for_message(ALEX, "Hello Alex")
    api.send_text(ALEX, None, "/timezone Europe/Madrid")
    api.wait_for_message(ALEX, "Europe/Madrid. It is")
    api.send_text(ALEX, None, "/pair")
    invite = api.wait_for_message(ALEX, "start=join-")
    code = re.search(r"/join ([A-Z0-9]+)", invite["text"])
    assert code is not None
    assert f"https://t.me/kept_test_bot?start=join-{code.group(1)}" in invite["text"]
    api.send_text(SAM, None, "/start")
    api.wait_for_message(SAM, "Hello Sam")
    api.send_text(SAM, None, f"/join {code.group(1)}")
    api.wait_for_message(SAM, "You and Alex are now paired")
    api.wait_for_message(ALEX, "You and Sam are now paired")
    api.send_text(ALEX, GROUP, "/link@kept_test_bot")
    api.wait_for_message(GROUP, "This group is now linked to Alex and Sam")


def run_kept(
    env: dict[str, str], cwd: Path, command: str = "run"
) -> subprocess.CompletedProcess[str]:
    """Run `kept <command>` to its end with exactly this configuration."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "DATABASE_", "WEBHOOK_", "DATA_KEY"))
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", command],
        cwd=cwd,
        env={**clean, **env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def next_whole_minute() -> datetime:
    """The next whole minute at least ten seconds away (UTC), so a commitment made for it
    exists before the tick that sends it."""
    now = datetime.now(UTC)
    target = (now + timedelta(minutes=1)).replace(second=0, microsecond=0)
    if (target - now).total_seconds() < 10:
        target += timedelta(minutes=1)
    return target


def press_safety(api: FakeBotApi, user: int, label: str) -> None:
    """Answer the safety question, which comes only to the person's own chat."""
    asked = api.wait_for_message(user, "How safe did you feel")
    query = api.press(user, asked, buttons(asked)[label])
    api.wait_for(lambda: api.callback_answer(query), what=f"answer to {user}'s safety press")


def shown_in(api: FakeBotApi, chat_id: int, words: str) -> list[str]:
    """Every request the bot made about this chat (sent, edited, captioned) holding these words."""
    found = []
    for call in api.calls:
        if str(call.params.get("chat_id")) != str(chat_id):
            continue
        shown = f"{call.params.get('text', '')} {call.params.get('caption', '')}"
        if words in shown:
            found.append(f"{call.method}: {shown[:80]}")
    return found
