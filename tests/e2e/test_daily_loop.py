"""The daily loop, end to end: the real `kept run` process over real HTTP against a fake Bot API."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.texts import text
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.kept_process import KeptProcess
from tests.e2e.story import (
    ALEX,
    GROUP,
    SAM,
    STRANGER,
    TOKEN,
    buttons,
    next_whole_minute,
    pair_and_link,
)

MADRID = ZoneInfo("Europe/Madrid")
PROMISE = "Text Sam when I leave work"

pytestmark = pytest.mark.e2e


def next_minute_in_madrid() -> datetime:
    """A local time at least ten seconds away, so the commitment exists before its tick."""
    return next_whole_minute().astimezone(MADRID)


def test_pair_commit_nudge_kept_noticed_and_clean_stop(api: FakeBotApi, kept: KeptProcess) -> None:
    """A and B pair, A links the group and commits, the nudge comes, Kept is seen and noticed."""
    pair_and_link(api)
    # By now start-up has published what clients show: a menu per kind of chat, descriptions.
    group_menu = [c["command"] for c in api.my_commands({"type": "all_group_chats"}, "es")]
    assert "sos" not in group_menu and "checkin" in group_menu
    assert api.my_description("description", "es") == text("es", "bot_description")
    assert api.my_description("short_description") == text("en", "bot_short_description")

    due = next_minute_in_madrid()
    api.send_text(ALEX, None, f"/commit {due:%H:%M} {PROMISE}")
    api.wait_for_message(ALEX, "Promise noted")

    nudge = api.wait_for(
        lambda: next(
            (
                m
                for m in api.sent_messages(ALEX)
                if "Did you keep" in m["text"] and PROMISE in m["text"]
            ),
            None,
        ),
        timeout=140,
        what="the nudge in Alex's private chat",
    )
    assert datetime.now(UTC) >= due.astimezone(UTC), "the nudge came before its time"
    labels = buttons(nudge)
    assert set(labels) == {"✅ Kept", "❌ Missed", "⏰ Ask again in 1 h"}

    api.press(SAM, nudge, labels["✅ Kept"])
    refused = api.wait_for(lambda: api.callback_answers[-1:], what="the refusal of Sam's press")
    assert "belongs to someone else" in refused[0].get("text", "")

    api.press(ALEX, nudge, labels["✅ Kept"])
    edited = api.wait_for(
        lambda: (
            "✅ Kept (" in api.message(ALEX, nudge["message_id"])["text"]
            and api.message(ALEX, nudge["message_id"])
        ),
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
