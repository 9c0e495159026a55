"""Safety on Signal, end to end through `kept run` and a fake signal-cli: a Spanish number gets
Spain's crisis lines in Spanish for `sos`, "ayuda urgente" and words of crisis, before /start
too; in the private check-in a low safety answer gets the lines at once, and the partner's chat
never holds the answer nor the lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.texts import text
from tests.e2e.crisis_lines import DIRECTORY, opening, with_lines
from tests.e2e.signal_story import (
    SAM,
    Person,
    SignalStory,
    answer_checkin,
    running_signal_bot,
    signal_daemon,
)
from tests.signal.fake_daemon import FakeSignalDaemon, SentMessage

pytestmark = pytest.mark.e2e
# A Spanish number: Spanish texts, Spain's lines.
LUCIA = Person("+34611222333", "Lucía")
SPAIN = "ES"
CRISIS_WORDS = "Mi pareja me pega cuando bebe"
SAM_WORDS = "Lucía cooked on Sunday"


@pytest.fixture
def daemon() -> Iterator[FakeSignalDaemon]:
    """A fake signal-cli daemon for the bot's number, with Lucía and Sam's group."""
    with signal_daemon(LUCIA, SAM) as fake:
        yield fake


def exactly(story: SignalStory, who: Person, body: str, after: int) -> SentMessage:
    """The first message to ``who`` after ``after`` whose text is exactly ``body``."""
    return story.wait_message(who, lambda m: m.message == body, after=after)


def test_sos_words_and_crisis_words_get_spanish_lines_before_start(
    daemon: FakeSignalDaemon, tmp_path: Path
) -> None:
    sos = with_lines("es", "sos", SPAIN)
    with running_signal_bot(daemon, tmp_path) as story:
        for words in ("sos", "ayuda urgente", "/sos"):
            said = story.say(LUCIA, words)
            answer = exactly(story, LUCIA, sos, said)
            assert "016" in answer.message and DIRECTORY in answer.message
        said = story.say(LUCIA, CRISIS_WORDS)
        exactly(story, LUCIA, with_lines("es", "crisis_found", SPAIN), said)

        # After /start, in no step: the lines, and no "I don't understand" after them.
        said = story.say(LUCIA, "/start")
        welcome = story.wait_message(LUCIA, "Hola, Lucía", after=said)
        said = story.say(LUCIA, CRISIS_WORDS)
        found = exactly(story, LUCIA, with_lines("es", "crisis_found", SPAIN), said)
        said = story.say(LUCIA, "/help")
        helped = story.wait_message(LUCIA, "/sos", after=said)
        later = [m for m in story.to(LUCIA) if found.timestamp < m.timestamp < helped.timestamp]
        assert later == [], later
        assert welcome.timestamp < found.timestamp
        # Each of the three asked once and was answered once.
        assert len([m for m in story.to(LUCIA) if m.message == sos]) == 3


def test_a_low_safety_answer_in_the_private_checkin_stays_with_its_author(
    daemon: FakeSignalDaemon, tmp_path: Path
) -> None:
    with running_signal_bot(daemon, tmp_path) as story:
        said = story.say(LUCIA, "/start")
        story.wait_message(LUCIA, "Hola, Lucía", after=said)
        said = story.say(LUCIA, "/pair")
        invite = story.wait_message(LUCIA, "/join ", after=said)
        code = re.search(r"/join ([A-Z0-9]{4,})", invite.message)
        assert code is not None, invite.message
        story.start(SAM)
        said = story.say(SAM, f"/join {code[1]}")
        story.wait_message(SAM, "You and Lucía are now paired", after=said)

        # No group is linked: every question comes one at a time, in private.
        opened = story.say(LUCIA, "/checkin")
        question = story.wait_message(LUCIA, text("es", "q_trust"), after=opened)
        story.wait_recorded(question)
        said = story.say(LUCIA, "3")
        question = story.wait_message(LUCIA, text("es", "q_progress"), after=said)
        story.choose(LUCIA, question, text("es", "progress_notyet"))
        question = story.wait_message(LUCIA, text("es", "q_safety"), after=said)
        assert text("es", "q_safety_private") in question.message
        assert question.message.endswith("1 · 2 · 3 · 4 · 5"), question.message
        story.wait_recorded(question)
        said = story.say(LUCIA, "2")
        low = exactly(story, LUCIA, with_lines("es", "safety_low", SPAIN), said)
        assert "016" in low.message
        words = story.wait_message(LUCIA, text("es", "checkin_words_q1")[:30], after=said)
        assert low.timestamp < words.timestamp  # help first, before the next question
        said = story.say(LUCIA, "/skip")
        story.wait_message(LUCIA, text("es", "checkin_words_q2")[:30], after=said)
        said = story.say(LUCIA, "/skip")
        story.wait_message(LUCIA, text("es", "checkin_words_thanks"), after=said)

        answer_checkin(story, SAM, opened, ("4", "Yes", "5"), SAM_WORDS, share=False)
        reveal = story.wait_message(SAM, "your answers, side by side", after=opened)
        story.wait_message(LUCIA, text("es", "reveal_header", week="")[:20], after=opened)

    assert "Lucía: 3" in reveal.message and "Sam: 4" in reveal.message
    assert text("en", "q_safety") not in reveal.message
    assert "Lucía: 2" not in reveal.message and "Sam: 5" not in reveal.message
    to_sam = [m.message for m in story.to(SAM, edits=None)]
    for shown in (opening("en", "safety_low"), opening("es", "safety_low"), "016", DIRECTORY):
        assert [m for m in to_sam if shown in m] == [], shown
    assert [m for m in to_sam if "Lucía: 2" in m] == []
