"""Kept on Signal, end to end: the real `kept run` process against a fake signal-cli daemon.

People type commands and answers, or react to the bot's messages; choices are numbered lines.
Nudges are made due by moving the commitments' next instant to "now" in the SQLite file while
the bot is stopped; the catch-up tick at start-up then sends them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.ledger import Ledger
from tests.e2e.signal_story import (
    ALEX,
    BOT,
    GROUP,
    SAM,
    STRANGER,
    Person,
    answer_checkin,
    assert_private_logs,
    chat_id_of,
    choice,
    choices,
    data_url,
    export_of,
    make_due_now,
    running_signal_bot,
    stop_cleanly,
)
from tests.signal.fake_daemon import FakeSignalDaemon, SentMessage, signal_uuid

pytestmark = pytest.mark.e2e

ALEX_PROMISE = "Text Sam when I leave work"
SAM_PROMISE = "Walk the dog before breakfast"
REFLECTION = "The alarm rang and I snoozed it three times"
ALEX_WORDS = "You cooked on Tuesday when I was exhausted"
SAM_WORDS = "You listened to the whole story about my sister"
CHATTER = "See you at eight by the Retiro gate, love"
ANA = Person("+15550005555", "Ana")
BEN = Person("+15550006666", "Ben")


def every_text(daemon: FakeSignalDaemon) -> list[str]:
    """The text of every message the bot sent or edited."""
    return [m.message for m in daemon.sent()]


def test_pairing_by_code_and_linking_the_group(daemon: FakeSignalDaemon, tmp_path: Path) -> None:
    """Alex invites with a code (no Telegram link), Sam joins, Alex links their Signal group;
    people are addressed by their ACI, the group by its id; a used code is refused."""
    with running_signal_bot(daemon, tmp_path) as story:
        story.start(ALEX)
        said = story.say(ALEX, "/timezone Europe/Madrid")
        story.wait_message(ALEX, "Done: your time zone is Europe/Madrid. It is", after=said)

        said = story.say(ALEX, "/pair")
        invite = story.wait_message(ALEX, "/join ", after=said)
        assert "t.me" not in invite.message and "https://" not in invite.message
        code = re.search(r"/join ([A-Z0-9]{4,})", invite.message)
        assert code is not None, invite.message

        story.start(SAM)
        said = story.say(SAM, f"/join {code[1]}")
        story.wait_message(SAM, "You and Alex are now paired", after=said)
        story.wait_message(ALEX, "You and Sam are now paired", after=said)

        story.start(STRANGER)
        said = story.say(STRANGER, f"/join {code[1]}")
        story.wait_message(STRANGER, "already been used", after=said)

        linked = story.link(ALEX, SAM)
        assert "Alex and Sam" in linked.message

        # The bot sees every group message on Signal: chatter not meant for it gets no answer.
        chatter = story.say(SAM, CHATTER, in_group=True)
        said = story.say(ALEX, "/help", in_group=True)
        helped = story.wait_message(None, "The commands you need", after=said)
        answered = [m for m in daemon.sent() if m.timestamp > chatter]
        assert answered == [helped], [m.message[:60] for m in answered]
        stop_cleanly(story)
        assert story.process is not None
        assert_private_logs(story.process, [CHATTER, "Retiro"])

    stored = b"".join(p.read_bytes() for p in tmp_path.glob("kept.db*"))
    assert b"Retiro" not in stored, "group chatter was stored"

    sent = daemon.sent()
    people = {ALEX.uuid, SAM.uuid, STRANGER.uuid}
    for message in sent:
        if message.group_id is None:
            assert len(message.recipients) == 1 and message.recipients[0] in people, (
                f"a person is addressed by the sourceUuid of their messages: {message.recipients}"
            )
        else:
            assert message.group_id == GROUP and "recipient" not in message.params
    assert [m for m in sent if m.group_id == GROUP], "the link reply goes to the group"


def test_a_nudge_answered_by_reply_and_one_by_reaction(
    daemon: FakeSignalDaemon, tmp_path: Path
) -> None:
    """Alex replies "kept", Sam reacts 👎 and reflects; the group sees both answers (never the
    reflection), Sam says "I noticed" by number (a stranger in the group cannot), and each
    nudge is edited to its answer."""
    daemon.add_group(GROUP, "Alex & Sam", [ALEX.number, SAM.number, STRANGER.number])
    with running_signal_bot(daemon, tmp_path) as story:
        story.pair(ALEX, SAM)
        story.link(ALEX, SAM)
        story.commit(ALEX, ALEX_PROMISE)
        story.commit(SAM, SAM_PROMISE)
        stop_cleanly(story)

    make_due_now(tmp_path, "Alex", "Sam")
    with running_signal_bot(daemon, tmp_path) as story:
        alex_nudge = story.nudge(ALEX, ALEX_PROMISE)
        sam_nudge = story.nudge(SAM, SAM_PROMISE)
        for nudge in (alex_nudge, sam_nudge):
            assert "Did you keep your promise today" in nudge.message
            assert (choice(nudge, "Kept"), choice(nudge, "Missed")) == (1, 2), nudge.message

        # Alex answers by typing.
        said = story.say(ALEX, "kept")
        edited = story.wait_edit(alex_nudge, "Kept")
        assert ALEX_PROMISE in edited.message and choices(edited) == {}, edited.message
        shared = story.wait_message(
            None, f"Alex kept a promise today: “{ALEX_PROMISE}”", after=said
        )
        assert "I noticed" in " ".join(choices(shared).values()), shared.message
        story.choose(STRANGER, shared, "I noticed")  # only the partner may notice
        # Sam types the number plainly in the group (Mallory quoted the message).
        said = story.say(SAM, str(choice(shared, "I noticed")), in_group=True)
        story.wait_message(ALEX, "🤝 Sam noticed", after=said)
        assert not [m for m in story.to(ALEX, edits=None) if "Mallory" in m.message]
        assert not [m for m in story.to(None, edits=None) if "Mallory noticed" in m.message]

        # Sam answers by reacting to the nudge, then reflects privately.
        reacted = story.react(SAM, "👎", sam_nudge)
        story.wait_edit(sam_nudge, "Missed")
        story.wait_message(SAM, f"Thank you for being honest about “{SAM_PROMISE}”", after=reacted)
        said = story.say(SAM, REFLECTION)
        story.wait_message(SAM, "Saved, privately", after=said)
        story.wait_message(None, "Sam let you know they missed", after=reacted)

        stop_cleanly(story)
        assert story.process is not None
        assert_private_logs(
            story.process,
            [
                ALEX_PROMISE,
                SAM_PROMISE,
                REFLECTION,
                *(t for t in every_text(daemon) if len(t) > 20),
            ],
        )

    assert not [t for t in every_text(daemon) if REFLECTION in t], "the reflection was shown"
    [alex_row] = Ledger(tmp_path / "kept.db").rows(
        "SELECT n.status FROM nudges n JOIN people p ON p.id = n.person_id WHERE p.name = 'Alex'"
    )
    assert alex_row["status"] == "kept"


def test_spanish_answers_and_the_partners_view_without_a_group(
    daemon: FakeSignalDaemon, tmp_path: Path
) -> None:
    """Ana and Ben speak Spanish and share no group: "hecho" keeps, "fallé" (quoting the nudge)
    misses, and each partner's view of it comes to the other's own chat, with a numbered
    "Lo veo"."""
    with running_signal_bot(daemon, tmp_path) as story:
        story.pair(ANA, BEN)
        story.commit(ANA, "Lavar los platos")
        story.commit(BEN, "Pasear al perro")
        for person in (ANA, BEN):
            said = story.say(person, "/language es")
            story.wait_message(person, "te escribo en español", after=said)
        stop_cleanly(story)

    make_due_now(tmp_path, "Ana", "Ben")
    with running_signal_bot(daemon, tmp_path) as story:
        ana_nudge = story.wait_message(ANA, "¿Has cumplido hoy tu promesa")
        ben_nudge = story.wait_message(BEN, "¿Has cumplido hoy tu promesa")
        assert "Lavar los platos" in ana_nudge.message and "Pasear al perro" in ben_nudge.message
        story.wait_recorded(ana_nudge)
        story.wait_recorded(ben_nudge)
        assert (choice(ana_nudge, "✅"), choice(ana_nudge, "❌")) == (1, 2), ana_nudge.message
        assert "Cumplido" in choices(ana_nudge)[1]

        said = story.say(ANA, "hecho")
        story.wait_edit(ana_nudge, "✅ Cumplido")
        seen = story.wait_message(
            BEN, "Ana ha cumplido hoy una promesa: «Lavar los platos»", after=said
        )
        said = story.choose(BEN, seen, "Lo veo")
        story.wait_message(ANA, "Ben vio tu respuesta", after=said)

        said = story.say(BEN, "fallé", quote=ben_nudge.timestamp)
        story.wait_edit(ben_nudge, "No cumplido")
        story.wait_message(BEN, "Gracias por tu honestidad con «Pasear al perro»", after=said)
        story.wait_message(ANA, "Ben te cuenta que no cumplió", after=said)
        skipped = story.say(BEN, "/skip")
        story.wait_message(BEN, "Está bien. Mañana es un nuevo día", after=skipped)
        stop_cleanly(story)

    assert not [m for m in daemon.sent() if m.group_id is not None], "no group was linked"


def test_a_typed_answer_after_the_partners_news_answers_the_one_open_nudge(
    daemon: FakeSignalDaemon, tmp_path: Path
) -> None:
    """Sam's nudge waits; Alex's Kept arrives in Sam's chat (with its "I noticed" choice); then
    Sam types "missed": that answers Sam's only open nudge."""
    with running_signal_bot(daemon, tmp_path) as story:
        story.pair(ALEX, SAM)
        story.commit(ALEX, ALEX_PROMISE)
        story.commit(SAM, SAM_PROMISE)
        stop_cleanly(story)

    make_due_now(tmp_path, "Alex", "Sam")
    with running_signal_bot(daemon, tmp_path) as story:
        story.nudge(ALEX, ALEX_PROMISE)
        sam_nudge = story.nudge(SAM, SAM_PROMISE)
        said = story.say(ALEX, "kept")
        news = story.wait_message(SAM, "Alex kept a promise today", after=said)
        story.wait_recorded(news)

        said = story.say(SAM, "missed")
        story.wait_edit(sam_nudge, "Missed")
        story.wait_message(SAM, f"Thank you for being honest about “{SAM_PROMISE}”", after=said)
        assert not [m for m in story.to(SAM) if "Several promises" in m.message]
        stop_cleanly(story)


def test_checkin_without_a_group_is_asked_and_revealed_in_private_chats(
    daemon: FakeSignalDaemon, tmp_path: Path
) -> None:
    """No linked group: Alex types /checkin in the 1:1 chat; both get the questions there, and
    the reveal with its chart comes to both private chats."""
    with running_signal_bot(daemon, tmp_path) as story:
        story.pair(ALEX, SAM)
        opened = story.say(ALEX, "/checkin")
        answer_checkin(story, ALEX, opened, ("4", "A little", "5"), ALEX_WORDS, share=True)
        answer_checkin(story, SAM, opened, ("3", "Not yet", "4"), SAM_WORDS, share=False)
        reveals = [
            story.wait_message(who, "your answers, side by side", after=opened)
            for who in (ALEX, SAM)
        ]
        charts = [
            story.wait_message(who, lambda m: bool(m.attachments), after=opened)
            for who in (ALEX, SAM)
        ]
        stop_cleanly(story)

    for reveal in reveals:
        assert re.search(r"Alex: 4\s+·\s+Sam: 3", reveal.message), reveal.message
        assert ALEX_WORDS in reveal.message and SAM_WORDS not in reveal.message
    for chart in charts:
        mime, png = data_url(chart.attachments[0])
        assert mime == "image/png" and png.startswith(b"\x89PNG")
    said = [m.message for m in daemon.sent()]
    assert not [t for t in said if "your group" in t], "Kept named a group they do not have"
    assert not [m for m in daemon.sent() if m.group_id is not None], "no group was linked"


def test_what_kept_does_not_need_changes_nothing(daemon: FakeSignalDaemon, tmp_path: Path) -> None:
    """Typing and receipt notices, a sync of the bot's own sent message, a text-less message,
    a reaction to a message without choices, an empty text, an edit in the group: no answer,
    no error. A 10 kB promise, its edit in private and an unknown stranger's answer word get
    kind answers and change nothing."""
    with running_signal_bot(daemon, tmp_path) as story:
        welcome = story.start(ALEX)
        first = daemon.sent()[-1].timestamp
        base = {"sourceNumber": ALEX.number, "sourceUuid": ALEX.uuid, "sourceName": "Alex"}
        daemon.push_envelope(
            {**base, "typingMessage": {"action": "STARTED", "timestamp": first + 1}}
        )
        daemon.push_envelope(
            {**base, "receiptMessage": {"isRead": True, "timestamps": [welcome.timestamp]}}
        )
        daemon.push_envelope(
            {
                "sourceNumber": BOT,
                "sourceUuid": signal_uuid(BOT),
                "syncMessage": {
                    "sentMessage": {"destinationNumber": ALEX.number, "message": "/help"}
                },
            }
        )
        daemon.push_envelope(
            {
                **base,
                "dataMessage": {
                    "timestamp": first + 2,
                    "message": None,
                    "attachments": [{"contentType": "image/jpeg", "filename": "cat.jpg"}],
                },
            }
        )
        story.react(ALEX, "👍", welcome)
        story.say(ALEX, "   ")
        said = story.say(ALEX, "/help")
        helped = story.wait_message(ALEX, "The commands you need", after=said)
        assert [m for m in daemon.sent() if m.timestamp > first] == [helped], story.report()

        said = story.say(ALEX, f"/commit 21:00 {'very ' * 2000}long promise")
        story.wait_message(ALEX, "That's a long promise", after=said)
        edit = daemon.push_edit(ALEX.number, said, "/commit 21:00 Walk", source_name="Alex")
        story.wait_message(ALEX, "edits don't reach me", after=edit)
        in_group = story.say(ALEX, "see you at 8", in_group=True)
        daemon.push_edit(ALEX.number, in_group, "see you at 9", GROUP, source_name="Alex")
        said = story.say(ALEX, "/help")  # Alex's messages are handled in order: the edit first
        story.wait_message(ALEX, "The commands you need", after=said)
        assert [m for m in daemon.sent() if m.group_id is not None] == [], "no word in the group"
        said = story.say(STRANGER, "kept")
        story.wait_message(STRANGER, "/start", after=said)
        stop_cleanly(story)

    ledger = Ledger(tmp_path / "kept.db")
    assert ledger.rows("SELECT id FROM commitments") == []
    assert [row["name"] for row in ledger.rows("SELECT name FROM people")] == ["Alex"]


def test_a_spanish_number_is_welcomed_in_spanish(daemon: FakeSignalDaemon, tmp_path: Path) -> None:
    """Signal tells no language: a Spanish (+34) number starts in Spanish, others in English."""
    carmen = Person("+34600111222", "Carmen")
    with running_signal_bot(daemon, tmp_path) as story:
        said = story.say(carmen, "/start")
        welcome = story.wait_message(carmen, "Hola, Carmen", after=said)
        assert "En Signal no hay botones" in welcome.message, "how to answer without buttons"
        assert "👍" in welcome.message
        story.start(ALEX)
        stop_cleanly(story)


def test_typed_commands_and_numbered_menus(daemon: FakeSignalDaemon, tmp_path: Path) -> None:
    """The commands typed as text get their answers; a numbered menu choice acts."""
    with running_signal_bot(daemon, tmp_path) as story:
        story.pair(ALEX, SAM)
        story.live_where_the_day_is_young(ALEX)  # so that /today holds the promise
        story.commit(ALEX, ALEX_PROMISE, at="23:00")

        def ask(text: str, expected: str, who: Person = ALEX) -> SentMessage:
            said = story.say(who, text)
            return story.wait_message(who, expected, after=said)

        helped = ask("/about", "Commands:")
        for command in ("/commit", "/checkin", "/export", "/forget", "/language"):
            assert command in helped.message
        assert "On Signal there are no buttons" in helped.message
        ask("/timezone Mars/Olympus", "I don't know the time zone “Mars/Olympus”")
        ask("/frobnicate", "I don't know that command")
        ask("/today", ALEX_PROMISE)
        progress = ask("/progress", "Your progress")
        assert ALEX_PROMISE in progress.message
        chart = story.wait_message(
            ALEX, lambda m: bool(m.attachments), after=progress.timestamp - 1
        )
        mime, png = data_url(chart.attachments[0])
        assert mime == "image/png" and png.startswith(b"\x89PNG")

        listed = ask("/commitments", "Your commitments:")
        assert ALEX_PROMISE in listed.message
        said = story.choose(ALEX, listed, "Pause")
        story.wait_message(ALEX, f"Paused: “{ALEX_PROMISE}”", after=said)

        chores = ask("/chores", "Chore plan of")
        assert "Add a chore" in " ".join(choices(chores).values()), chores.message

        said = story.say(ALEX, "/pause 3")
        story.wait_message(ALEX, "Done: no nudges until", after=said)
        story.wait_message(SAM, "Alex is taking a break from nudges", after=said)
        said = story.say(ALEX, "/resume")
        story.wait_message(ALEX, "Your nudges are on again", after=said)
        story.wait_message(SAM, "Alex is back from their break", after=said)

        ask("/language es", "te escribo en español")
        ask("/help", "Los comandos que necesitas")
        ask("/language en", "in English from now on")
        stop_cleanly(story)


def test_export_as_an_attachment_and_forget_by_number(
    daemon: FakeSignalDaemon, tmp_path: Path
) -> None:
    """/export attaches a JSON document with Alex's data; /forget asks, a number confirms, and
    Alex is gone while Sam is told kindly."""
    with running_signal_bot(daemon, tmp_path) as story:
        story.pair(ALEX, SAM)
        story.commit(ALEX, ALEX_PROMISE, at="07:30")
        document = export_of(story, ALEX)
        assert document["profile"]["name"] == "Alex"
        assert document["profile"]["timezone"] == "Europe/Madrid"
        assert document["couple"]["partner_name"] == "Sam"
        [commitment] = document["commitments"]
        assert commitment["text"] == ALEX_PROMISE and commitment["time"].startswith("07:30")
        assert SAM_PROMISE not in str(document)

        said = story.say(ALEX, "/forget")
        question = story.wait_message(ALEX, "Delete everything Kept knows about you?", after=said)
        said = story.choose(ALEX, question, "delete everything")
        story.wait_message(ALEX, "Everything Kept knew about you has been deleted", after=said)
        story.wait_message(SAM, "Alex has chosen to delete their data", after=said)
        stop_cleanly(story)

    ledger = Ledger(tmp_path / "kept.db")
    assert [row["name"] for row in ledger.rows("SELECT name FROM people")] == ["Sam"]
    assert ledger.rows("SELECT * FROM commitments") == []
    addresses = str(ledger.rows("SELECT * FROM signal_addresses"))
    assert ALEX.uuid not in addresses and ALEX.number not in addresses, "Alex's address is kept"


def test_checkin_asked_privately_and_revealed_in_the_group(
    daemon: FakeSignalDaemon, tmp_path: Path
) -> None:
    """/checkin in the group: an announcement there, the questions in each 1:1 chat, and only
    when both have answered the reveal (with the chart) in the group. Before it, nothing either
    partner answered reaches the group or the other partner; words kept private never do."""
    with running_signal_bot(daemon, tmp_path) as story:
        story.pair(ALEX, SAM)
        story.link(ALEX, SAM)
        opened = story.say(ALEX, "/checkin", in_group=True)
        announcement = story.wait_message(None, "check-in is open", after=opened)
        assert choices(announcement) == {}, announcement.message

        answer_checkin(story, ALEX, opened, ("4", "A little", "5"), ALEX_WORDS, share=True)
        answer_checkin(story, SAM, opened, ("3", "Not yet", "4"), SAM_WORDS, share=False)

        reveal = story.wait_message(None, "your answers, side by side", after=opened)
        chart = story.wait_message(
            None, lambda m: bool(m.attachments), after=announcement.timestamp
        )
        stop_cleanly(story)
        assert story.process is not None
        assert_private_logs(story.process, [ALEX_WORDS, SAM_WORDS])

    text = reveal.message
    assert re.search(r"Alex: 4\s+·\s+Sam: 3", text), text
    assert re.search(r"Alex: A little\s+·\s+Sam: Not yet", text), text
    # How safe each felt (Alex 5, Sam 4) is in no reveal: only its author ever sees it.
    assert not re.search(r"Alex: 5\s+·\s+Sam: 4", text) and "How safe" not in text, text
    assert ALEX_WORDS in text
    [attachment] = chart.attachments
    mime, png = data_url(attachment)
    assert mime == "image/png" and png.startswith(b"\x89PNG\r\n\x1a\n")

    # Every send call before the reveal, accepted or not.
    calls = [call.params for call in daemon.calls_to("send")]
    cut = next(i for i, p in enumerate(calls) if "side by side" in str(p.get("message")))
    answered = re.compile(r"(Alex|Sam): (\d|Yes|A little|Not yet)")
    for params in calls[:cut]:
        shown = str(params.get("message") or "")
        recipients = params.get("recipient") or []
        to_group = params.get("groupId") is not None
        to_sam = SAM.uuid in recipients or SAM.number in recipients
        to_alex = ALEX.uuid in recipients or ALEX.number in recipients
        if to_group or to_sam:
            assert ALEX_WORDS not in shown, f"Alex's words shown early: {shown!r}"
        if to_group or to_alex:
            assert SAM_WORDS not in shown, f"Sam's words shown early: {shown!r}"
        if to_group:
            assert not answered.search(shown), f"answers shown early: {shown!r}"
            assert not params.get("attachments"), "the chart came before the reveal"
    assert not [t for t in every_text(daemon) if SAM_WORDS in t], "Sam's private words shown"


def test_a_daily_summary_chosen_and_answered_by_numbers(
    daemon: FakeSignalDaemon, tmp_path: Path
) -> None:
    """Sam chooses one summary a day by numbers and a typed time (a bad one changes nothing);
    Alex's miss is not sent as it happens; the summary lists it with a numbered 🤝 choice."""
    with running_signal_bot(daemon, tmp_path) as story:
        story.pair(ALEX, SAM)
        story.commit(ALEX, ALEX_PROMISE, "21:00")
        said = story.say(SAM, "/sharing")
        shown = story.wait_message(SAM, "You hear about Alex's promises as they happen", after=said)
        assert list(choices(shown).values()) == ["As it happens", "One summary a day"]
        story.choose(SAM, shown, "One summary a day")
        asked = story.wait_edit(shown, "At what time should your summary come?")
        assert list(choices(asked).values()) == ["08:00", "13:00", "20:00", "21:30"]
        said = story.say(SAM, "half past nine")
        story.wait_message(SAM, "I can't read “half past nine” as a time", after=said)
        said = story.say(SAM, "21:45")
        story.wait_message(SAM, "Done: one summary a day at 21:45", after=said)
        stop_cleanly(story)

    make_due_now(tmp_path, "Alex")
    with running_signal_bot(daemon, tmp_path) as story:
        nudge = story.nudge(ALEX, ALEX_PROMISE)
        said = story.say(ALEX, "missed")
        story.wait_edit(nudge, "Missed")
        story.wait_message(ALEX, f"Thank you for being honest about “{ALEX_PROMISE}”", after=said)
        said = story.say(ALEX, "/skip")
        story.wait_message(ALEX, "Tomorrow is a new day", after=said)
        stop_cleanly(story)
    told = [m for m in daemon.sent() if "Alex let you know" in m.message]
    assert told == [], "Sam chose the summary: nothing is sent as it happens"

    Ledger(tmp_path / "kept.db").summary_due_now(chat_id_of(tmp_path, "Sam"))
    with running_signal_bot(daemon, tmp_path) as story:
        summary = story.wait_message(SAM, "🗓 Your daily summary of Alex's promises", timeout=90)
        assert f"{ALEX_PROMISE} — ❌ Missed" in summary.message, summary.message
        assert list(choices(summary).values()) == ["🤝 Thanks for telling me"]
        story.wait_recorded(summary)
        said = story.say(SAM, "1")
        story.wait_message(
            ALEX, f"🤝 Sam thanks you for telling them about “{ALEX_PROMISE}”", after=said
        )
        story.wait_edit(summary, "you said thanks")
        stop_cleanly(story)
        assert story.process is not None
        assert_private_logs(story.process, [ALEX_PROMISE, "Your daily summary"])
    assert len([m for m in story.to(SAM) if "Your daily summary" in m.message]) == 1
