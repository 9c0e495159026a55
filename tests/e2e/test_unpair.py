"""/unpair end to end, on Telegram and on Signal: the real `kept run` process, a quiet way out.

Each story: pair (with a spare invitation code made first), link the group, a promise each,
a check-in open, /unpair and its confirmation. Then: the partner is told once, in private; the
group hears nothing about it (a quiet way out is not announced where others read); each keeps
their promises and is still nudged, with the news going to nobody; the codes pair no one; the
old group is linked to no one and the check-in closed unrevealed; and both may pair again.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.ledger import Ledger
from tests.e2e.signal_story import (
    ALEX as SIGNAL_ALEX,
)
from tests.e2e.signal_story import (
    SAM as SIGNAL_SAM,
)
from tests.e2e.signal_story import (
    STRANGER as SIGNAL_STRANGER,
)
from tests.e2e.signal_story import (
    assert_private_logs,
    choice,
    choices,
    make_due_now,
    running_signal_bot,
    stop_cleanly,
)
from tests.e2e.story import ALEX, GROUP, SAM, STRANGER, buttons, running_bot
from tests.signal.fake_daemon import FakeSignalDaemon

pytestmark = pytest.mark.e2e

ALEX_PROMISE = "Text Sam when I leave the office"
SAM_PROMISE = "Water the balcony plants"
CONFIRM = "End your couple in Kept?"
DONE = "Done: your couple in Kept has ended."
TOLD = "Your couple in Kept has ended."
STALE = "This choice is no longer open, so nothing changed."
NOT_LINKED = "This group isn't linked to a couple in Kept"
CODE = re.compile(r"/join ([A-Z0-9]{4,})")


def texts(messages: list[dict[str, object]]) -> list[str]:
    """The texts of Bot API messages."""
    return [str(m.get("text") or m.get("caption") or "") for m in messages]


def wait_sent_nudge(db: Path, chat_id: int, timeout: float = 30.0) -> None:
    """Wait until the ledger records this person's nudge as sent (a press before that is
    rightly refused as not yet answerable)."""
    ledger = Ledger(db)
    query = (
        "SELECT 1 FROM nudges n JOIN people p ON p.id = n.person_id "
        "WHERE p.chat_id = ? AND n.status = 'sent'"
    )
    deadline = time.monotonic() + timeout
    while not ledger.rows(query, chat_id):
        assert time.monotonic() < deadline, f"the nudge of {chat_id} was never recorded as sent"
        time.sleep(0.05)


def reply_to(api: FakeBotApi, user: int, chat: int | None, words: str, expect: str) -> str:
    """``user`` says ``words``; the bot's answer holding ``expect`` (after it), as text."""
    said = api.send_text(user, chat, words)
    found = api.wait_for_message(user if chat is None else chat, expect, after_id=said)
    return str(found.get("text", ""))


def code_in(message: str) -> str:
    """The invitation code in a /pair answer."""
    found = CODE.search(message)
    assert found is not None, message
    return found[1]


def test_unpair_on_telegram(api: FakeBotApi, tmp_path: Path) -> None:
    db = tmp_path / "kept.db"
    with running_bot(api, tmp_path) as kept:
        reply_to(api, ALEX, None, "/start", "Hello Alex")
        reply_to(api, ALEX, None, "/timezone Europe/Madrid", "Europe/Madrid. It is")
        spare = code_in(reply_to(api, ALEX, None, "/pair", "start=join-"))
        used = code_in(reply_to(api, ALEX, None, "/pair", "start=join-"))
        reply_to(api, SAM, None, "/start", "Hello Sam")
        reply_to(api, SAM, None, f"/join {used}", "You and Alex are now paired")
        reply_to(api, ALEX, GROUP, "/link@kept_test_bot", "This group is now linked")
        reply_to(api, ALEX, None, f"/commit 21:00 {ALEX_PROMISE}", "Promise noted")
        reply_to(api, SAM, None, f"/commit 21:00 {SAM_PROMISE}", "Promise noted")
        said = api.send_text(ALEX, GROUP, "/checkin@kept_test_bot")
        checkin = api.wait_for_message(GROUP, "Weekly check-in", after_id=said)
        trust = buttons(checkin)["4"]
        pressed = api.press(ALEX, checkin, trust)
        api.wait_for(lambda: api.callback_answer(pressed), what="the check-in answer")
        group_before = api.sent_messages(GROUP)

        said = api.send_text(ALEX, None, "/unpair")
        ask = api.wait_for_message(ALEX, CONFIRM, after_id=said)
        yes = buttons(ask)["Yes, end the couple"]
        api.press(ALEX, ask, yes)
        api.wait_for_message(ALEX, DONE)
        api.wait_for_message(SAM, TOLD)
        # Pressed again (a double tap): refused, nothing ends twice.
        again = api.press(ALEX, ask, yes, strict=False)
        refusal = api.wait_for(lambda: api.callback_answer(again), what="the refusal")
        assert str(refusal["text"]).startswith(STALE)

        # Their own promises are still theirs (and these replies mark that all was handled).
        reply_to(api, ALEX, None, "/commitments", ALEX_PROMISE)
        reply_to(api, SAM, None, "/commitments", SAM_PROMISE)
        assert len([t for t in texts(api.sent_messages(SAM)) if t.startswith(TOLD)]) == 1
        told = next(t for t in texts(api.sent_messages(SAM)) if t.startswith(TOLD))
        assert "Alex" not in told and "/pair" in told
        # Nothing in the group about it: not a message, not an edit.
        assert api.sent_messages(GROUP) == group_before

        # The old check-in's buttons and the old group's commands: kindly, not linked.
        late = api.press(SAM, checkin, trust)
        closed = api.wait_for(lambda: api.callback_answer(late), what="the stale check-in")
        assert "no longer open" in str(closed["text"])
        for who in (ALEX, SAM):
            for command in ("/checkin", "/progress", "/chores"):
                reply_to(api, who, GROUP, f"{command}@kept_test_bot", NOT_LINKED)

        # Neither code pairs anyone now, not even the former partner.
        reply_to(api, STRANGER, None, "/start", "Hello Mallory")
        reply_to(api, STRANGER, None, f"/join {spare}", "That code has expired")
        reply_to(api, STRANGER, None, f"/join {used}", "That code has already been used")
        reply_to(api, SAM, None, f"/join {spare}", "That code has expired")
        assert kept.terminate() == 0

    [checkin_row] = Ledger(db).rows("SELECT couple_id, closed_at FROM checkins")
    assert checkin_row["couple_id"] is None and checkin_row["closed_at"] is not None
    assert Ledger(db).rows("SELECT * FROM couples") == []

    Ledger(db).due_now(ALEX, SAM)
    last = {who: max(int(m["message_id"]) for m in api.sent_messages(who)) for who in (ALEX, SAM)}
    with running_bot(api, tmp_path) as kept:
        # Each is still nudged; Alex's answer goes to nobody else.
        nudge = api.wait_for_message(ALEX, "Did you keep", timeout=60, after_id=last[ALEX])
        assert ALEX_PROMISE in str(nudge["text"])
        sams = api.wait_for_message(SAM, "Did you keep", timeout=60, after_id=last[SAM])
        assert SAM_PROMISE in str(sams["text"])
        wait_sent_nudge(db, ALEX)
        answered = api.press(ALEX, nudge, buttons(nudge)["✅ Kept"])
        api.wait_for(lambda: api.callback_answer(answered), what="the Kept toast")
        reply_to(api, ALEX, None, "/commitments", ALEX_PROMISE)
        shared = texts(api.sent_messages(SAM) + api.sent_messages(GROUP))
        assert not [t for t in shared if ALEX_PROMISE in t], "Alex's news reached Sam or the group"
        # The group saw nothing new at all, and no reveal ever came.
        assert not [t for t in texts(api.sent_messages(GROUP)) if "your answers, side by side" in t]
        assert api.sent_messages(GROUP)[: len(group_before)] == group_before

        # Both may pair again: with each other, here.
        code = code_in(reply_to(api, SAM, None, "/pair", "start=join-"))
        reply_to(api, ALEX, None, f"/join {code}", "You and Sam are now paired")
        api.wait_for_message(SAM, "You and Alex are now paired")
        assert kept.terminate() == 0

    logs = kept.logs()
    for secret in (ALEX_PROMISE, SAM_PROMISE, CONFIRM, DONE, TOLD, spare, used):
        assert secret not in logs, f"{secret!r} leaked into the logs"


def test_unpair_on_signal(daemon: FakeSignalDaemon, tmp_path: Path) -> None:
    alex, sam, stranger = SIGNAL_ALEX, SIGNAL_SAM, SIGNAL_STRANGER
    with running_signal_bot(daemon, tmp_path) as story:
        story.start(alex)
        said = story.say(alex, "/pair")
        spare = code_in(story.wait_message(alex, "/join ", after=said).message)
        said = story.say(alex, "/pair")
        used = code_in(story.wait_message(alex, "/join ", after=said).message)
        assert used != spare
        story.start(sam)
        said = story.say(sam, f"/join {used}")
        story.wait_message(sam, "You and Alex are now paired", after=said)
        story.link(alex, sam)
        story.commit(alex, ALEX_PROMISE)
        story.commit(sam, SAM_PROMISE)
        opened = story.say(alex, "/checkin", in_group=True)
        story.wait_message(None, "check-in is open", after=opened)
        story.wait_message(alex, "trust your partner this week", after=opened)
        group_before = story.to(None, edits=None)

        said = story.say(alex, "/unpair")
        ask = story.wait_message(alex, CONFIRM, after=said)
        assert list(choices(ask).values()) == ["Yes, end the couple", "Stay paired"], ask.message
        said = story.choose(alex, ask, "end the couple")
        story.wait_message(alex, DONE, after=said)
        story.wait_message(sam, TOLD, after=said)
        # The number typed again (a double send): nothing ends twice, nobody is told twice.
        again = story.say(alex, str(choice(ask, "end the couple")))
        story.wait_message(alex, "This choice is no longer open", after=again)
        said = story.say(alex, "/commitments")
        story.wait_message(alex, ALEX_PROMISE, after=said)
        notes = [m for m in story.to(sam, edits=None) if m.message.startswith(TOLD)]
        assert len(notes) == 1, f"Sam was told {len(notes)} times"
        assert story.to(None, edits=None) == group_before, "the group heard of it"

        for who in (alex, sam):
            said = story.say(who, "/progress", in_group=True)
            story.wait_message(None, NOT_LINKED, after=said)
        story.start(stranger)
        said = story.say(stranger, f"/join {spare}")
        story.wait_message(stranger, "That code has expired", after=said)
        said = story.say(sam, f"/join {used}")
        story.wait_message(sam, "That code has already been used", after=said)
        stop_cleanly(story)

    make_due_now(tmp_path, "Alex", "Sam")
    with running_signal_bot(daemon, tmp_path) as story:
        alex_nudge = story.nudge(alex, ALEX_PROMISE)
        story.nudge(sam, SAM_PROMISE)
        said = story.say(alex, "kept")
        story.wait_edit(alex_nudge, "Kept")
        said = story.say(alex, "/commitments")
        story.wait_message(alex, ALEX_PROMISE, after=said)
        news = story.to(sam, edits=None) + story.to(None, edits=None)
        assert not [m for m in news if "Alex kept" in m.message], (
            "the news reached Sam or the group"
        )

        said = story.say(alex, "/pair")
        code = code_in(story.wait_message(alex, "/join ", after=said).message)
        said = story.say(sam, f"/join {code}")
        story.wait_message(sam, "You and Alex are now paired", after=said)
        stop_cleanly(story)
        assert story.process is not None
        assert_private_logs(story.process, [ALEX_PROMISE, SAM_PROMISE, CONFIRM, DONE, TOLD])
