"""The weekly check-in, end to end: answered by both in the group, revealed together."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.story import (
    ALEX,
    GROUP,
    SAM,
    STRANGER,
    buttons,
    pair_and_link,
    press_safety,
    running_bot,
)

pytestmark = pytest.mark.e2e
ALEX_WORDS = "You cooked on Tuesday when I was exhausted"


def checkin_message(api: FakeBotApi) -> dict[str, object]:
    """The group message that holds the check-in's buttons."""
    return api.wait_for_message(GROUP, "Weekly check-in")


def press_answers(api: FakeBotApi, user: int, trust: str, progress: str, safety: str) -> None:
    """Press trust and progress under the group's message and safety in private, waiting for
    each press to be answered."""
    message = checkin_message(api)
    markup = message["reply_markup"]
    assert isinstance(markup, dict)
    rows = markup["inline_keyboard"]
    for row, label in zip(rows[:2], (trust, progress), strict=True):
        data = next(b["callback_data"] for b in row if b["text"] == label)
        query = api.press(user, message, data)
        api.wait_for(lambda q=query: api.callback_answer(q), what=f"answer to {user}'s press")
    press_safety(api, user, safety)


def db_rows(tmp_path: Path, sql: str) -> list[tuple[object, ...]]:
    """Read the bot's SQLite file directly."""
    with sqlite3.connect(tmp_path / "kept.db") as connection:
        return connection.execute(sql).fetchall()


def test_checkin_answered_by_both_is_revealed_together(api: FakeBotApi, tmp_path: Path) -> None:
    """Both answer privately in the group (one across a restart); the reveal shows everything."""
    with running_bot(api, tmp_path) as kept:
        pair_and_link(api)
        api.send_text(ALEX, GROUP, "/checkin@kept_test_bot")
        message = checkin_message(api)
        assert "⏳ Alex · ⏳ Sam" in str(message["text"])
        assert "✍️ Add your words privately" in str(message["reply_markup"])

        stranger_press = api.press(STRANGER, message, buttons(message)["5"])
        refusal = api.wait_for(lambda: api.callback_answer(stranger_press), what="refusal")
        assert "only the two partners" in refusal["text"]
        assert db_rows(tmp_path, "select count(*) from checkin_answers") == [(0,)]

        press_answers(api, ALEX, "2", "Yes", "3")
        press_answers(api, ALEX, "4", "A little", "5")  # changed before the reveal
        api.wait_for(lambda: "✅ Alex · ⏳ Sam" in str(checkin_message(api)["text"]), what="status")
        api.wait_for_message(ALEX, "What did your partner do this week that you appreciated?")
        api.send_text(ALEX, None, ALEX_WORDS)
        api.wait_for_message(ALEX, "could do differently")
        api.send_text(ALEX, None, "/skip")
        # Words are private until their author chooses to share them in the reveal.
        question = api.wait_for_message(ALEX, "share them with your partner in the reveal?")
        share = api.press(ALEX, question, buttons(question)["🤝 Share with my partner"])
        shared = api.wait_for(lambda: api.callback_answer(share), what="the answer to Share")
        assert "shown in the reveal" in shared["text"]
        assert kept.terminate() == 0

    with running_bot(api, tmp_path):
        press_answers(api, SAM, "3", "Not yet", "4")
        api.wait_for_message(SAM, "appreciated?")
        api.send_text(SAM, None, "/skip")
        api.wait_for_message(SAM, "could do differently")
        before_reveal = len(api.calls)
        api.send_text(SAM, None, "/skip")
        reveal = api.wait_for_message(GROUP, "your answers, side by side")
        api.wait_for(lambda: api.calls_to("sendPhoto"), what="the chart")

    text = str(reveal["text"])
    assert "Alex: 4   ·   Sam: 3" in text
    assert "Alex: A little   ·   Sam: Not yet" in text
    # How safe each felt is revealed to nobody.
    assert "Alex: 5" not in text and "How safe" not in text
    assert f"Alex: “{ALEX_WORDS}”" in text
    assert text.count("Alex:") >= 3 and "Sam: — · —" in text.replace(" %", "")
    assert "Ups and downs are normal" in text
    photo = api.calls_to("sendPhoto")[0]
    assert photo.params["chat_id"] == GROUP

    earlier = [c for c in api.calls[:before_reveal] if c.method != "getUpdates"]
    for call in earlier:
        shown = f"{call.params.get('text', '')} {call.params.get('caption', '')}"
        assert ALEX_WORDS not in shown, (
            f"Alex's words were shown before the reveal by {call.method}"
        )
        assert "your answers, side by side" not in shown
        assert "Alex: 4" not in shown and "A little   ·" not in shown


def test_unanswered_checkin_is_closed_by_the_tick(api: FakeBotApi, tmp_path: Path) -> None:
    """After 72 hours the tick closes the check-in and says who did not answer."""
    with running_bot(api, tmp_path):
        pair_and_link(api)
        api.send_text(SAM, GROUP, "/checkin@kept_test_bot")
        checkin_message(api)
        press_answers(api, SAM, "4", "Yes", "4")
        long_ago = (datetime.now(UTC) - timedelta(hours=73)).strftime("%Y-%m-%d %H:%M:%S")
        with sqlite3.connect(tmp_path / "kept.db") as connection:
            connection.execute(
                "update checkins set opened_at = ?, reminded_at = ?", (long_ago, long_ago)
            )
        reveal = api.wait_for_message(GROUP, "your answers, side by side", timeout=75)
    assert "Alex did not answer this time" in str(reveal["text"])
    assert "Sam: 4" in str(reveal["text"])
