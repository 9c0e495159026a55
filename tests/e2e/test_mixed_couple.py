"""A mixed couple, end to end: Alex on Telegram, Sam on Signal, one `kept run` serving both.

They pair by code across the two messengers; each is nudged on their own; the partner's view
of an answer crosses to the other messenger; with no shared group the weekly check-in is asked
privately on each messenger and revealed in both private chats.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.kept_process import KeptProcess
from tests.e2e.signal_story import (
    BOT,
    SAM,
    SignalStory,
    answer_checkin,
    assert_private_logs,
    data_url,
    make_due_now,
    stop_cleanly,
)
from tests.e2e.story import TOKEN, bot_env, buttons
from tests.signal.fake_daemon import FakeSignalDaemon

pytestmark = pytest.mark.e2e

ALEX = 1001  # on Telegram
ALEX_PROMISE = "Text Sam when I leave work"
SAM_PROMISE = "Walk the dog before breakfast"
ALEX_WORDS = "You cooked on Tuesday when I was exhausted"
SAM_WORDS = "You listened to the whole story about my sister"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A fake Bot API where only Alex lives."""
    with FakeBotApi(token=TOKEN, bot_username="kept_test_bot") as fake:
        fake.add_user(ALEX, "Alex", language_code="en")
        yield fake


@pytest.fixture
def daemon() -> Iterator[FakeSignalDaemon]:
    """A fake signal-cli daemon where Sam writes to the bot (no group)."""
    with FakeSignalDaemon(account=BOT) as fake:
        yield fake


@contextmanager
def running_both(
    api: FakeBotApi, daemon: FakeSignalDaemon, tmp_path: Path
) -> Iterator[SignalStory]:
    """`kept run` on Telegram and Signal at once, started on both."""
    commands, streams = len(api.calls_to("setMyCommands")), len(daemon.event_requests)
    env = {
        **bot_env(api, tmp_path),
        "SIGNAL_CLI_URL": daemon.url,
        "SIGNAL_ACCOUNT": BOT,
        "DEFAULT_TIMEZONE": "Europe/Madrid",
    }
    with KeptProcess(env, tmp_path) as process:
        story = SignalStory(daemon, process)
        story.wait(lambda: len(daemon.event_requests) > streams, "the bot's event stream")
        api.wait_for(lambda: len(api.calls_to("setMyCommands")) > commands, what="setMyCommands")
        yield story


def press(api: FakeBotApi, message: dict[str, Any], label: str) -> None:
    """Alex presses the button whose label holds ``label`` and the press is answered."""
    found = [data for text, data in buttons(message).items() if label in text]
    assert len(found) == 1, f"no single button {label!r} in {buttons(message)}"
    query = api.press(ALEX, message, found[0])
    api.wait_for(lambda: api.callback_answer(query), what=f"the answer to {label!r}")


def pair_across(api: FakeBotApi, story: SignalStory) -> None:
    """Alex invites on Telegram; Sam joins with the code on Signal."""
    api.send_text(ALEX, None, "/start")
    welcome = api.wait_for_message(ALEX, "Hello Alex")
    assert "no buttons" not in str(welcome["text"]), "Telegram has buttons"
    api.send_text(ALEX, None, "/pair")
    invite = api.wait_for_message(ALEX, "/join ")
    code = re.search(r"/join ([A-Z0-9]{4,})", str(invite["text"]))
    assert code is not None, invite["text"]
    story.start(SAM)
    said = story.say(SAM, f"/join {code[1]}")
    story.wait_message(SAM, "You and Alex are now paired", after=said)
    api.wait_for_message(ALEX, "You and Sam are now paired")


def test_a_telegram_and_a_signal_partner_share_one_routine(
    api: FakeBotApi, daemon: FakeSignalDaemon, tmp_path: Path
) -> None:
    """Pairing, nudges, the partner's view and "I noticed" cross messengers; the check-in is
    asked and revealed privately on each."""
    with running_both(api, daemon, tmp_path) as story:
        pair_across(api, story)
        api.send_text(ALEX, None, f"/commit 21:00 {ALEX_PROMISE}")
        api.wait_for_message(ALEX, "Promise noted")
        story.commit(SAM, SAM_PROMISE)
        stop_cleanly(story)

    make_due_now(tmp_path, "Alex", "Sam")
    with running_both(api, daemon, tmp_path) as story:
        # Each is nudged on their own messenger.
        alex_nudge = api.wait_for_message(ALEX, "Did you keep your promise today")
        assert ALEX_PROMISE in str(alex_nudge["text"])
        assert {"✅ Kept", "❌ Missed"} <= set(buttons(alex_nudge))
        sam_nudge = story.nudge(SAM, SAM_PROMISE)
        assert not [m for m in story.to(SAM) if ALEX_PROMISE in m.message]

        # Alex's Kept, pressed on Telegram, is seen by Sam on Signal, who notices it by number.
        press(api, alex_nudge, "Kept")
        seen = story.wait_message(SAM, f"Alex kept a promise today: “{ALEX_PROMISE}”")
        story.choose(SAM, seen, "I noticed")
        api.wait_for_message(ALEX, "🤝 Sam noticed")

        # Sam's 👍 on Signal reaches Alex on Telegram, who notices it with the button.
        story.react(SAM, "👍", sam_nudge)
        story.wait_edit(sam_nudge, "Kept")
        shared = api.wait_for_message(ALEX, f"Sam kept a promise today: “{SAM_PROMISE}”")
        press(api, shared, "I noticed")
        story.wait_message(SAM, "🤝 Alex noticed")

        # The check-in, with no shared group: asked privately on each messenger.
        # (Opened from Signal's side: see test_signal's check-in without a group.)
        opened = daemon.sent()[-1].timestamp
        api.send_text(ALEX, None, "/checkin")
        answer_checkin(story, SAM, opened, ("3", "Not yet", "4"), SAM_WORDS, share=False)
        telegram_before = len(api.sent_messages(ALEX))
        answer_on_telegram(api, ("4", "A little", "5"))
        sam_reveal = story.wait_message(SAM, "your answers, side by side", after=opened)
        sam_chart = story.wait_message(SAM, lambda m: bool(m.attachments), after=opened)
        alex_reveal = api.wait_for_message(ALEX, "your answers, side by side")
        api.wait_for(
            lambda: [c for c in api.calls_to("sendPhoto") if c.params.get("chat_id") == ALEX],
            what="the chart in Alex's chat",
        )
        stop_cleanly(story)
        assert story.process is not None
        assert_private_logs(story.process, [ALEX_PROMISE, SAM_PROMISE, ALEX_WORDS, SAM_WORDS])

    for reveal in (sam_reveal.message, str(alex_reveal["text"])):
        assert re.search(r"Alex: 4\s+·\s+Sam: 3", reveal), reveal
        assert re.search(r"Alex: A little\s+·\s+Sam: Not yet", reveal), reveal
        assert ALEX_WORDS in reveal and SAM_WORDS not in reveal
    mime, png = data_url(sam_chart.attachments[0])
    assert mime == "image/png" and png.startswith(b"\x89PNG")
    # Before the reveal, nothing of Alex's answers reached Sam, nor Sam's words Alex.
    for message in story.to(SAM, edits=None):
        if message.timestamp < sam_reveal.timestamp:
            assert ALEX_WORDS not in message.message and "Alex: 4" not in message.message
    for message in api.sent_messages(ALEX)[:telegram_before]:
        assert SAM_WORDS not in str(message.get("text")) and "Sam: 3" not in str(
            message.get("text")
        )
    assert not [m for m in daemon.sent() if m.group_id is not None], "there is no group"


def answer_on_telegram(api: FakeBotApi, ratings: tuple[str, str, str]) -> None:
    """Alex answers the check-in questions that come one at a time in the private chat."""
    trust, progress, safety = ratings
    question = api.wait_for_message(ALEX, "trust your partner this week")
    press(api, question, trust)
    question = api.wait_for_message(ALEX, "notice progress", after_id=int(question["message_id"]))
    press(api, question, progress)
    question = api.wait_for_message(
        ALEX, "feel with your partner", after_id=int(question["message_id"])
    )
    press(api, question, safety)
    api.wait_for_message(ALEX, "appreciated?", after_id=int(question["message_id"]))
    api.send_text(ALEX, None, ALEX_WORDS)
    api.wait_for_message(ALEX, "could do differently")
    api.send_text(ALEX, None, "/skip")
    question = api.wait_for_message(ALEX, "share them with your partner in the reveal?")
    press(api, question, "Share")
