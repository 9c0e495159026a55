"""Safety kept private, end to end through `kept run` on Telegram: the safety question is asked
only in each partner's own chat and never revealed; a low answer, words of crisis in any step and
/sos get crisis lines for the person's country there, and nothing of it reaches the partner or
the group."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.texts import text
from tests.e2e.crisis_lines import DIRECTORY, opening, with_lines
from tests.e2e.fake_bot_api import FakeBotApi, JSONDict
from tests.e2e.ledger import Ledger
from tests.e2e.story import (
    ALEX,
    GROUP,
    SAM,
    STRANGER,
    buttons,
    fake_api,
    pair_and_link,
    running_bot,
    shown_in,
)

pytestmark = pytest.mark.e2e
LUCIA = 1004
# Alex lives in Madrid (pair_and_link sets Europe/Madrid): Spain's lines.
SPAIN = "ES"
MADRID = ZoneInfo("Europe/Madrid")
FREE_TEXT = "Sometimes he hits me when he drinks"
PROMISE_WITH_CRISIS = "Leave the flat before he hits me again"
CRISIS_PROMISE = "Stop saying I want to die"
REFLECTION = "Anoche me amenazó y tuve miedo de volver a casa"
CRISIS_FRAGMENTS = ("hits me", "want to die", "amenaz", "miedo")


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A fake Bot API with Alex, Sam, a stranger, Lucía (Spanish) and Alex & Sam's group."""
    with fake_api() as fake:
        fake.add_user(LUCIA, "Lucía", language_code="es")
        yield fake


def last_id(api: FakeBotApi, chat_id: int) -> int:
    """The id of the bot's latest message in a chat (0 if none)."""
    return max((int(m["message_id"]) for m in api.sent_messages(chat_id)), default=0)


def wait_exact(api: FakeBotApi, chat_id: int, body: str, after_id: int = 0) -> JSONDict:
    """Wait for a bot message in the chat, newer than after_id, whose text is exactly body."""

    def find() -> JSONDict | None:
        return next(
            (
                m
                for m in api.sent_messages(chat_id)
                if int(m["message_id"]) > after_id and m.get("text") == body
            ),
            None,
        )

    return api.wait_for(find, what=f"in chat {chat_id} exactly {body[:60]!r}…")


def between(api: FakeBotApi, chat_id: int, first: JSONDict, last: JSONDict) -> list[str]:
    """The texts the bot sent in a chat strictly between two of its messages."""
    low, high = int(first["message_id"]), int(last["message_id"])
    return [
        str(m.get("text", m.get("caption", "")))[:60]
        for m in api.sent_messages(chat_id)
        if low < int(m["message_id"]) < high
    ]


def press(api: FakeBotApi, user: int, message: JSONDict, data: str) -> None:
    """Press a button and wait for the bot to answer the press."""
    query = api.press(user, message, data)
    api.wait_for(lambda: api.callback_answer(query), what=f"the answer to {data}")


def choose_in_group(api: FakeBotApi, user: int, trust: str, progress: str) -> None:
    """Press the trust and the progress answers on the group's check-in message."""
    message = api.wait_for_message(GROUP, "Weekly check-in")
    markup = message["reply_markup"]
    assert isinstance(markup, dict)
    for row, label in zip(markup["inline_keyboard"][:2], (trust, progress), strict=True):
        press(api, user, message, next(b["callback_data"] for b in row if b["text"] == label))


def skip_words(api: FakeBotApi, user: int) -> None:
    """Answer both open questions with /skip."""
    first = api.wait_for_message(user, "appreciated?")
    api.send_text(user, None, "/skip")
    second = api.wait_for_message(user, "could do differently", after_id=int(first["message_id"]))
    api.send_text(user, None, "/skip")
    wait_exact(api, user, text("en", "checkin_words_thanks"), int(second["message_id"]))


def export_of(api: FakeBotApi, user: int) -> dict[str, Any]:
    """A person's /export, read back from the document the bot uploaded."""
    before = len(api.calls_to("sendDocument"))
    api.send_text(user, None, "/export")
    api.wait_for(lambda: len(api.calls_to("sendDocument")) > before, what="the export")
    [sent] = [m for m in api.sent_messages(user) if "document" in m][-1:]
    document = sent["document"]
    assert isinstance(document, dict) and document["file_name"] == "kept-export.json"
    return dict(json.loads(api.file_content(str(document["file_id"]))))


def ask(api: FakeBotApi, user: int, chat_id: int | None, command: str, answer: str) -> str:
    """Send a command and wait for the answer holding these words; its text."""
    chat = user if chat_id is None else chat_id
    after = last_id(api, chat)
    api.send_text(user, chat_id, command)
    return str(api.wait_for_message(chat, answer, after_id=after)["text"])


def test_the_safety_answer_is_asked_and_answered_only_in_private(
    api: FakeBotApi, tmp_path: Path
) -> None:
    safety_question = text("en", "q_safety")
    with running_bot(api, tmp_path):
        pair_and_link(api)
        api.send_text(ALEX, GROUP, "/checkin@kept_test_bot")
        group_message = api.wait_for_message(GROUP, "Weekly check-in")
        asked = {p: api.wait_for_message(p, safety_question) for p in (ALEX, SAM)}

        # The group holds trust and progress only; the safety question came to each privately.
        markup = group_message["reply_markup"]
        assert isinstance(markup, dict)
        datas = [b.get("callback_data", "") for row in markup["inline_keyboard"] for b in row]
        assert not [d for d in datas if ".s." in d]
        assert len([d for d in datas if ".t." in d]) == 5
        assert safety_question not in str(group_message["text"])
        for question in asked.values():
            assert text("en", "q_safety_private") in str(question["text"])
            assert sorted(buttons(question)) == ["1", "2", "3", "4", "5"]
            assert all(".s." in d for d in buttons(question).values())

        before = last_id(api, ALEX)
        press(api, ALEX, asked[ALEX], buttons(asked[ALEX])["2"])
        lines = wait_exact(api, ALEX, with_lines("en", "safety_low", SPAIN), before)
        assert "016" in str(lines["text"]) and DIRECTORY in str(lines["text"])
        assert "reply_markup" not in lines or not buttons(lines)

        choose_in_group(api, ALEX, "3", "Not yet")
        skip_words(api, ALEX)
        press(api, SAM, asked[SAM], buttons(asked[SAM])["5"])
        choose_in_group(api, SAM, "4", "Yes")
        skip_words(api, SAM)
        reveal = api.wait_for_message(GROUP, "your answers, side by side")
        api.wait_for(lambda: api.calls_to("sendPhoto"), what="the chart")

        mine = ask(api, ALEX, None, "/progress", text("en", "progress_header"))
        theirs = ask(api, SAM, None, "/progress", text("en", "progress_header"))
        together = ask(
            api, ALEX, GROUP, "/progress@kept_test_bot", text("en", "progress_couple_header")
        )
        alex_export = export_of(api, ALEX)
        sam_export = export_of(api, SAM)

    body = str(reveal["text"])
    assert "Alex: 3   ·   Sam: 4" in body  # the trust answers, revealed side by side
    assert safety_question not in body and "Alex: 2" not in body and "Sam: 5" not in body

    assert text("en", "progress_safety", trend="2") in mine
    # Sam sees his own answer in his /progress, never Alex's; the group sees neither.
    assert text("en", "progress_safety", trend="5") in theirs
    assert text("en", "progress_safety", trend="2") not in theirs
    assert opening("en", "progress_safety") not in together

    [alex_answer] = alex_export["checkin_answers"]
    assert alex_answer["safety"] == 2 and alex_answer["trust"] == 3
    [sam_answer] = sam_export["checkin_answers"]
    assert sam_answer["safety"] == 5
    assert '"safety": 2' not in json.dumps(sam_export)

    # Nothing of Alex's low answer, nor the lines it called for, reached Sam or the group.
    for chat in (GROUP, SAM):
        for words in (opening("en", "safety_low"), "016", DIRECTORY, "Alex: 2"):
            assert shown_in(api, chat, words) == [], (chat, words)
    assert shown_in(api, GROUP, safety_question) == []


def recorded_sent(db_path: Path) -> bool:
    """Whether the ledger has recorded a nudge as sent (a press before that is refused)."""
    with closing(sqlite3.connect(db_path)) as db:
        return bool(db.execute("select count(*) from nudges where status = 'sent'").fetchone()[0])


def test_crisis_words_in_any_private_step_get_the_lines_first_and_stay_private(
    api: FakeBotApi, tmp_path: Path
) -> None:
    crisis = with_lines("en", "crisis_found", SPAIN)
    with running_bot(api, tmp_path):
        pair_and_link(api)

        # No step pending: the lines, and nothing else ("not sure what you mean" would hurt).
        before = last_id(api, ALEX)
        api.send_text(ALEX, None, FREE_TEXT)
        free = wait_exact(api, ALEX, crisis, before)
        assert not buttons(free)
        api.send_text(ALEX, None, "/commit")
        what = wait_exact(api, ALEX, text("en", "commit_ask_what"), before)
        assert between(api, ALEX, free, what) == []

        # Naming the promise in the guided /commit: the lines first, then the next step.
        api.send_text(ALEX, None, PROMISE_WITH_CRISIS)
        named = wait_exact(api, ALEX, crisis, int(what["message_id"]))
        days = api.wait_for_message(
            ALEX, text("en", "commit_ask_days"), after_id=int(named["message_id"])
        )
        assert not buttons(named)
        assert between(api, ALEX, what, named) == []
        assert between(api, ALEX, named, days) == []
        api.send_text(ALEX, None, "/cancel")
        cancelled = api.wait_for(
            lambda: last_id(api, ALEX) > int(days["message_id"]) or None, what="/cancel"
        )
        assert cancelled

        # In a command's own words: the lines, then the promise is noted as usual.
        before = last_id(api, ALEX)
        api.send_text(ALEX, None, f"/commit 21:00 {CRISIS_PROMISE}")
        in_command = wait_exact(api, ALEX, crisis, before)
        noted = api.wait_for_message(ALEX, f"Promise noted: “{CRISIS_PROMISE}”", after_id=before)
        assert int(in_command["message_id"]) < int(noted["message_id"])

    # That very promise comes due; Alex misses it and writes a reflection.
    Ledger(tmp_path / "kept.db").due_now(ALEX)
    with running_bot(api, tmp_path):
        nudge = api.wait_for_message(ALEX, "Did you keep your promise today")
        assert CRISIS_PROMISE in str(nudge["text"])
        api.wait_for(lambda: recorded_sent(tmp_path / "kept.db"), what="the nudge in the ledger")
        press(api, ALEX, nudge, buttons(nudge)["❌ Missed"])
        prompt = api.wait_for_message(ALEX, "Thank you for being honest about")
        told = api.wait_for_message(GROUP, "Alex let you know they missed")
        # The group hears of the miss, but not the promise's name: it held words of crisis.
        assert text("en", "partner_private_promise") in str(told["text"])

        # A reflection after Missed: the lines, then "kept privately", with nothing to share.
        api.send_text(ALEX, None, REFLECTION)
        reflected = wait_exact(api, ALEX, crisis, int(prompt["message_id"]))
        kept = wait_exact(
            api, ALEX, text("en", "reflection_kept_private"), int(reflected["message_id"])
        )
        assert not buttons(reflected) and not buttons(kept)
        assert between(api, ALEX, prompt, reflected) == []

    assert len(shown_in(api, ALEX, opening("en", "crisis_found"))) == 4
    for chat in (GROUP, SAM):
        for words in (opening("en", "crisis_found"), "016", DIRECTORY, *CRISIS_FRAGMENTS):
            assert shown_in(api, chat, words) == [], (chat, words)


def test_sos_answers_anyone_in_private_and_never_in_the_group(
    api: FakeBotApi, tmp_path: Path
) -> None:
    with running_bot(api, tmp_path):
        # Strangers who never sent /start, each in their own language; with neither a number
        # nor a time zone Kept knows no country: the international directory.
        api.send_text(STRANGER, None, "/sos")
        stranger = wait_exact(api, STRANGER, with_lines("en", "sos", None))
        assert DIRECTORY in str(stranger["text"])
        api.send_text(LUCIA, None, "/sos")
        wait_exact(api, LUCIA, with_lines("es", "sos", None))

        pair_and_link(api)
        in_group = last_id(api, GROUP)
        before = last_id(api, ALEX)
        api.send_text(ALEX, GROUP, "/sos@kept_test_bot")
        lines = wait_exact(api, ALEX, with_lines("en", "sos", SPAIN), before)
        assert "016" in str(lines["text"])
        # A later command in the group is answered there: anything the /sos had said in the
        # group would have come before it.
        api.send_text(SAM, GROUP, "/help@kept_test_bot")
        helped = api.wait_for(
            lambda: last_id(api, GROUP) > in_group or None, what="the group's /help answer"
        )
        assert helped
        after_sos = [m for m in api.sent_messages(GROUP) if int(m["message_id"]) > in_group]

    assert len(after_sos) == 1, after_sos
    assert text("en", "help").split("\n")[0] in str(after_sos[0]["text"])
    for words in (opening("en", "sos"), "016", DIRECTORY):
        assert shown_in(api, GROUP, words) == [], words
        assert shown_in(api, SAM, words) == [], words


def seed_low_weeks(db_path: Path, weeks_back: tuple[int, ...]) -> None:
    """Earlier revealed check-ins in which Alex rated trust 1 and safety 2 (the bot stopped)."""
    with closing(sqlite3.connect(db_path)) as db, db:
        (couple_id,) = db.execute("select id from couples").fetchone()
        people = dict(db.execute("select chat_id, id from people").fetchall())
        for back in weeks_back:
            day = datetime.now(MADRID) - timedelta(weeks=back)
            year, week, _ = day.isocalendar()
            at = day.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.000000")
            cursor = db.execute(
                "insert into checkins (couple_id, iso_year, iso_week, opened_at, closed_at)"
                " values (?, ?, ?, ?, ?)",
                (couple_id, year, week, at, at),
            )
            for chat, trust, safety in ((ALEX, 1, "2"), (SAM, 4, "4")):
                db.execute(
                    "insert into checkin_answers (checkin_id, person_id, trust, progress, safety,"
                    " words_done, words_asked, words_shared, updated_at)"
                    " values (?, ?, ?, 'notyet', ?, 1, 1, 0, ?)",
                    (cursor.lastrowid, people[chat], trust, safety, at),
                )


def test_a_low_safety_answer_holds_back_couples_therapy_and_offers_support_alone(
    api: FakeBotApi, tmp_path: Path
) -> None:
    with running_bot(api, tmp_path):
        pair_and_link(api)
    seed_low_weeks(tmp_path / "kept.db", (2, 1))
    with running_bot(api, tmp_path):
        api.send_text(ALEX, GROUP, "/checkin@kept_test_bot")
        # A third low week: the rule for couples therapy fires, but Alex does not feel safe.
        choose_in_group(api, ALEX, "1", "Not yet")
        asked = api.wait_for_message(ALEX, "How safe did you feel")
        press(api, ALEX, asked, buttons(asked)["2"])
        skip_words(api, ALEX)
        choose_in_group(api, SAM, "4", "A little")
        asked = api.wait_for_message(SAM, "How safe did you feel")
        press(api, SAM, asked, buttons(asked)["4"])
        skip_words(api, SAM)
        reveal = api.wait_for_message(GROUP, "your answers, side by side")
        support = api.wait_for_message(ALEX, text("en", "individual_support"))

    assert text("en", "therapy_suggestion") not in str(reveal["text"])
    assert "016" in str(support["text"]) and DIRECTORY in str(support["text"])
    for chat in (GROUP, SAM):
        assert shown_in(api, chat, text("en", "individual_support")) == []
        assert shown_in(api, chat, text("en", "therapy_suggestion")) == []
    assert len(shown_in(api, ALEX, text("en", "individual_support"))) == 1
