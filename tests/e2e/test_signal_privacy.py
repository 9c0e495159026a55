"""Privacy on Signal, end to end: a whole run at DEBUG logs nothing people wrote, and with
DATA_KEY the words are not readable in the database file.

One story: pairing and linking, promises, a nudge answered "missed" with a reflection and one
answered "2" and skipped, a check-in with words, /export. Then the log and the SQLite file are
searched for every word written and every longer text the bot sent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from tests.e2e.signal_story import (
    ALEX,
    SAM,
    answer_checkin,
    assert_private_logs,
    export_of,
    make_due_now,
    running_signal_bot,
)
from tests.signal.fake_daemon import FakeSignalDaemon

pytestmark = pytest.mark.e2e

ALEX_PROMISE = "Phone Sam from the platform at Atocha"
SAM_PROMISE = "Water the balcony geraniums"
REFLECTION = "The meeting ran over and I froze instead of texting"
ALEX_WORDS = "Sam fixed the wobbly orchestra stand"
SAM_WORDS = "Alex remembered the dentist appointment"
KEY = Fernet.generate_key().decode()


def test_a_whole_signal_run_keeps_words_out_of_logs_and_encrypted_at_rest(
    daemon: FakeSignalDaemon, tmp_path: Path
) -> None:
    keyed = {"DATA_KEY": KEY, "LOG_LEVEL": "DEBUG"}
    with running_signal_bot(daemon, tmp_path, keyed) as story:
        story.pair(ALEX, SAM)
        story.link(ALEX, SAM)
        story.commit(ALEX, ALEX_PROMISE)
        story.commit(SAM, SAM_PROMISE)
        assert story.process is not None and story.process.terminate() == 0
        first_logs = story.process.logs()

    make_due_now(tmp_path, "Alex", "Sam")
    with running_signal_bot(daemon, tmp_path, keyed) as story:
        alex_nudge = story.nudge(ALEX, ALEX_PROMISE)
        sam_nudge = story.nudge(SAM, SAM_PROMISE)

        missed = story.say(ALEX, "missed")
        story.wait_edit(alex_nudge, "Missed")
        story.wait_message(ALEX, f"Thank you for being honest about “{ALEX_PROMISE}”", after=missed)
        story.wait_message(None, "Alex let you know they missed", after=missed)
        said = story.say(ALEX, REFLECTION)
        story.wait_message(ALEX, "Saved, privately", after=said)

        said = story.say(SAM, "2")
        story.wait_edit(sam_nudge, "Missed")
        story.wait_message(SAM, f"Thank you for being honest about “{SAM_PROMISE}”", after=said)
        said = story.say(SAM, "/skip")
        story.wait_message(SAM, "That's fine. Tomorrow is a new day", after=said)

        opened = story.say(SAM, "/checkin", in_group=True)
        answer_checkin(story, ALEX, opened, ("4", "Yes", "5"), ALEX_WORDS, share=False)
        answer_checkin(story, SAM, opened, ("4", "Yes", "4"), SAM_WORDS, share=False)
        story.wait_message(None, "your answers, side by side", after=opened)

        document = export_of(story, ALEX)
        assert story.process is not None and story.process.terminate() == 0

    # The bot reads back what it encrypted.
    [nudge] = document["nudges"]
    assert (nudge["status"], nudge["reflection"]) == ("missed", REFLECTION)
    [answer] = document["checkin_answers"]
    assert answer["appreciated"] == ALEX_WORDS

    # Logs at DEBUG: nothing anyone wrote, nothing longer the bot said to them, not the key.
    assert " DEBUG " in story.process.logs()
    said_by_bot = [m.message for m in daemon.sent() if len(m.message) > 20]
    written = [ALEX_PROMISE, SAM_PROMISE, REFLECTION, ALEX_WORDS, SAM_WORDS, KEY]
    assert_private_logs(story.process, [*written, *said_by_bot])
    for word in ("Atocha", "geraniums", "froze", "orchestra", "dentist"):
        assert word not in first_logs and word not in story.process.logs(), word

    # At rest: the reflection and the words are unreadable in the file (and its WAL).
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("kept.db*"))
    for secret in (REFLECTION, ALEX_WORDS, SAM_WORDS, "froze", "orchestra", "dentist"):
        assert secret.encode() not in stored, f"{secret!r} is readable in the database file"
