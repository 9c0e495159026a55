"""Safety in the words people write, end to end: crisis words are answered privately with help
and reach neither the group nor the partner: their author gets crisis lines first."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.story import (
    ALEX,
    GROUP,
    SAM,
    buttons,
    pair_and_link,
    press_safety,
    running_bot,
    shown_in,
)

pytestmark = pytest.mark.e2e
MADRID = ZoneInfo("Europe/Madrid")
CHECKIN_WORDS = "Sometimes I'm afraid he will hit me"
APPRECIATED = "Sam watered the basil every morning"
REFLECTION = "Anoche me amenazó y tuve miedo de volver a casa"
PROMISE = "Call Sam at lunch"
CRISIS = "Some of what you wrote sounds like you may be hurting or not safe"


def answered(api: FakeBotApi, query: str) -> str:
    """Wait for the bot to answer a button press; the toast it showed."""
    answer = api.wait_for(lambda: api.callback_answer(query), what=f"the answer to {query}")
    return str(answer.get("text", ""))


def press_and_wait(api: FakeBotApi, user: int, message: dict[str, object], label: str) -> str:
    """Press a button by its label and return the toast the bot answered with."""
    return answered(api, api.press(user, message, buttons(message)[label]))


def choose(api: FakeBotApi, user: int, trust: str, progress: str, safety: str) -> None:
    """Press one answer per row of the group's check-in message."""
    message = api.wait_for_message(GROUP, "Weekly check-in")
    markup = message["reply_markup"]
    assert isinstance(markup, dict)
    for row, label in zip(markup["inline_keyboard"][:2], (trust, progress), strict=True):
        data = next(b["callback_data"] for b in row if b["text"] == label)
        answered(api, api.press(user, message, data))
    press_safety(api, user, safety)


def test_crisis_words_in_a_checkin_are_answered_privately_and_never_revealed(
    api: FakeBotApi, tmp_path: Path
) -> None:
    with running_bot(api, tmp_path):
        pair_and_link(api)
        api.send_text(ALEX, GROUP, "/checkin@kept_test_bot")
        choose(api, ALEX, "2", "Not yet", "3")
        api.wait_for_message(ALEX, "What did your partner do this week that you appreciated?")
        api.send_text(ALEX, None, APPRECIATED)
        second = api.wait_for_message(ALEX, "could do differently")
        api.send_text(ALEX, None, CHECKIN_WORDS)

        help_ = api.wait_for_message(ALEX, CRISIS, after_id=int(second["message_id"]))
        assert "findahelpline.com" in str(help_["text"]) and buttons(help_) == {}
        # Then, calmly, the step goes on: the words stay private, with nothing to share.
        kept = api.wait_for_message(ALEX, "Your words stay here", after_id=int(help_["message_id"]))
        assert buttons(kept) == {}

        choose(api, SAM, "4", "Yes", "4")
        api.wait_for_message(SAM, "appreciated?")
        api.send_text(SAM, None, "/skip")
        api.wait_for_message(SAM, "could do differently")
        api.send_text(SAM, None, "/skip")
        reveal = api.wait_for_message(GROUP, "your answers, side by side")
        api.wait_for(lambda: api.calls_to("sendPhoto"), what="the chart")

    text = str(reveal["text"])
    assert "Alex: 2   ·   Sam: 4" in text
    assert CHECKIN_WORDS not in text and APPRECIATED not in text
    for words in (CHECKIN_WORDS, "afraid", APPRECIATED):
        assert shown_in(api, GROUP, words) == []
        assert shown_in(api, SAM, words) == []


def next_minute_in_madrid() -> datetime:
    """A local time at least ten seconds away, so the commitment exists before its tick."""
    now = datetime.now(UTC)
    target = (now + timedelta(minutes=1)).replace(second=0, microsecond=0)
    if (target - now).total_seconds() < 10:
        target += timedelta(minutes=1)
    return target.astimezone(MADRID)


def recorded_sent(db_path: Path) -> bool:
    """Whether the ledger has recorded the nudge as sent (a press before that is refused)."""
    with closing(sqlite3.connect(db_path)) as db:
        return bool(db.execute("select count(*) from nudges where status = 'sent'").fetchone()[0])


def test_a_reflection_with_crisis_words_gets_the_lines_and_is_never_shared(
    api: FakeBotApi, tmp_path: Path
) -> None:
    with running_bot(api, tmp_path):
        pair_and_link(api)
        due = next_minute_in_madrid()
        api.send_text(ALEX, None, f"/commit {due:%H:%M} {PROMISE}")
        api.wait_for_message(ALEX, "Promise noted")
        nudge = api.wait_for_message(ALEX, "Did you keep", timeout=140)
        # Re-checked on each of the bot's requests, which its polling keeps coming.
        api.wait_for(lambda: recorded_sent(tmp_path / "kept.db"), what="the nudge in the ledger")
        press_and_wait(api, ALEX, nudge, "❌ Missed")
        prompt = api.wait_for_message(ALEX, "Thank you for being honest about")
        api.send_text(ALEX, None, REFLECTION)

        help_ = api.wait_for_message(ALEX, CRISIS, after_id=int(prompt["message_id"]))
        assert "016" in str(help_["text"]) and "findahelpline.com" in str(help_["text"])
        assert buttons(help_) == {}
        kept = api.wait_for_message(ALEX, "Kept here, privately", after_id=int(help_["message_id"]))
        assert buttons(kept) == {}
        api.wait_for_message(GROUP, "Alex let you know they missed")

    for chat in (GROUP, SAM):
        assert shown_in(api, chat, REFLECTION) == []
        assert shown_in(api, chat, "amenaz") == []
