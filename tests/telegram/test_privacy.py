"""/export and /forget on Telegram: all of a person's data out, or all of it gone for good."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.db.engine import make_engine
from bot.db.models import Base
from bot.domain.models import NudgeStatus, PastAnswer
from bot.domain.privacy import FORGET
from tests.telegram.conftest import BEN, CARL, GROUP, GROUP_CHAT, Kept, TgUser
from tests.telegram.offline import Call

# The person who asks to be forgotten: an id that cannot be mistaken for any other number.
FRIDA = TgUser(918_273_645, "Frida")
DUE = datetime(2026, 6, 10, 21, 0, tzinfo=UTC)
FRIDA_PROMISE = "Call my sister Odile on Sundays"
FRIDA_REFLECTION = "I hid in work again; I will set an alarm zebra"
FRIDA_WORDS = ("You listened to me about the quince tree", "Ask before booking the ferry")
BEN_PROMISE = "Walk the dog before work"
BEN_REFLECTION = "Overslept after the night shift"
BEN_WORDS = "You made soup when I was tired"
FORGET_LABELS = ["🗑 Yes, delete everything", "Keep my data"]
STALE_FORGET = "This choice is no longer open. Send /forget if you want to delete your data."


@pytest.fixture
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    """A second engine on the bot's database file, to look at every table directly."""
    engine = make_engine(settings.database_url)
    try:
        yield engine
    finally:
        await engine.dispose()


async def all_rows(engine: AsyncEngine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table of the models, by table name."""
    rows: dict[str, list[dict[str, Any]]] = {}
    async with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            result = await connection.execute(select(table))
            rows[table.name] = [dict(row._mapping) for row in result]
    return rows


def person_columns() -> set[tuple[str, str]]:
    """(table, column) of every column that holds a person's id."""
    columns = {("people", "id")}
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == "people" for fk in column.foreign_keys):
                columns.add((table.name, column.name))
    return columns


async def answer_nudge(kept: Kept, user: TgUser, message: Call, reflection: str) -> int:
    """The user presses Missed on their nudge and writes a reflection; the nudge id."""
    [nudge] = [n for n in await kept.nudges(user) if n.local_date == DUE.date()]
    pressed = await kept.press(user, f"m:{nudge.id}", message)
    assert kept.toasts(pressed) == ["❌ Missed: noted."]
    await kept.send(user, reflection)
    assert (await kept.nudge(nudge.id)).reflection == reflection
    return nudge.id


async def answer_checkin(
    kept: Kept, user: TgUser, checkin: Call, safety: Call, words: tuple[str, ...], *, share: bool
) -> None:
    """The user taps 4 / Yes in the group and 5 under the private safety question, writes the
    open answers privately, and shares them in the reveal or keeps them private."""
    choices = [d for d in checkin.callback_data if d.endswith((".t.4", ".p.yes"))]
    assert len(choices) == 2, checkin.callback_data
    for data in choices:
        kept.clock.advance(timedelta(seconds=5))
        await kept.press(user, data, checkin)
    [data] = [d for d in safety.callback_data if d.endswith(".s.5")]
    await kept.press(user, data, safety)
    calls = []
    for said in words:
        calls = await kept.send(user, said)
    if len(words) < 2:
        calls = await kept.send(user, "/skip")
    [question] = [c for c in kept.sent(calls, user.id) if c.buttons]
    verb = "sw" if share else "kw"
    [data] = [d for d in question.callback_data if d.startswith(f"{verb}:")]
    await kept.press(user, data, question)


async def history(kept: Kept, *, linked: bool) -> Call | None:
    """Frida and Ben paired a while ago: promises, misses with reflections, noticing, a check-in.

    Returns the group's check-in message when there is a group.
    """
    if linked:
        await kept.linked(FRIDA, BEN)
    else:
        await kept.paired(FRIDA, BEN)
    await kept.send(FRIDA, f"/commit 21:00 {FRIDA_PROMISE}")
    await kept.send(BEN, f"/commit 21:00 {BEN_PROMISE}")
    kept.clock.set(DUE)
    nudges = {c.chat_id: c for c in kept.sent(await kept.tick())}
    kept.clock.advance(timedelta(minutes=5))
    frida_nudge = await answer_nudge(kept, FRIDA, nudges[FRIDA.id], FRIDA_REFLECTION)
    ben_nudge = await answer_nudge(kept, BEN, nudges[BEN.id], BEN_REFLECTION)
    shared = {
        n.id: n
        for n in [await kept.nudge(frida_nudge), await kept.nudge(ben_nudge)]
        if n.partner_chat_id is not None
    }
    assert set(shared) == {frida_nudge, ben_nudge}
    await kept.press(BEN, f"n:{frida_nudge}", chat_id=shared[frida_nudge].partner_chat_id)
    await kept.press(FRIDA, f"n:{ben_nudge}", chat_id=shared[ben_nudge].partner_chat_id)
    checkin = None
    if linked:
        kept.clock.advance(timedelta(minutes=5))
        calls = await kept.send(FRIDA, "/checkin", GROUP_CHAT)
        [checkin] = [c for c in kept.sent(calls, GROUP) if c.buttons]
        [frida_safety] = [c for c in kept.sent(calls, FRIDA.id) if c.buttons]
        [ben_safety] = [c for c in kept.sent(calls, BEN.id) if c.buttons]
        await answer_checkin(kept, FRIDA, checkin, frida_safety, FRIDA_WORDS, share=True)
        await answer_checkin(kept, BEN, checkin, ben_safety, (BEN_WORDS,), share=False)
    kept.clock.advance(timedelta(hours=1))
    return checkin


async def ben_rows(kept: Kept) -> tuple[Any, ...]:
    """What Ben owns: his commitments, his nudges, his check-in answers."""
    person = await kept.must(BEN)
    async with kept.uow() as uow:
        answers = await uow.checkins.answers_of_person(person.id)
    return (await kept.commitments(BEN), await kept.nudges(BEN), answers)


# /export


async def test_export_sends_every_row_about_the_person_as_json(kept: Kept) -> None:
    await history(kept, linked=True)
    frida = await kept.must(FRIDA)

    calls = await kept.send(FRIDA, "/export")

    assert [c.method for c in calls] == ["sendDocument"]
    [(name, content, mime)] = calls[0].params["uploads"].values()
    assert calls[0].chat_id == FRIDA.id
    assert (name, mime) == ("kept-export.json", "application/json")
    assert "only their name" in calls[0].params["caption"]
    document = json.loads(content)
    assert document["format"] == "kept-export" and document["version"] == 2
    assert document["profile"] == {
        "chat_id": FRIDA.id,
        "name": "Frida",
        "language": "en",
        "timezone": "UTC",
        "created_at": frida.created_at.isoformat() if frida.created_at else None,
        "blocked_at": None,
        "waiting_for": None,
    }
    couple = document["couple"]
    assert couple["id"] == frida.couple_id and couple["partner_name"] == "Ben"
    assert couple["group_chat_id"] == GROUP
    assert couple["checkin_slot"]["weekday"] == "Sun" and couple["checkin_slot"]["time"] == "19:00"
    [commitment] = document["commitments"]
    assert commitment["text"] == FRIDA_PROMISE
    assert commitment["days"] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert (commitment["time"], commitment["state"]) == ("21:00", "active")
    [nudge] = document["nudges"]
    assert nudge["commitment_id"] == commitment["id"] and nudge["date"] == "2026-06-10"
    assert nudge["status"] == "missed" and nudge["reflection"] == FRIDA_REFLECTION
    assert nudge["answered_at"] == (DUE + timedelta(minutes=5)).isoformat()
    assert nudge["sent_at"] == DUE.isoformat() and nudge["noticed_at"] is not None
    [answer] = document["checkin_answers"]
    assert (answer["trust"], answer["progress"], answer["safety"]) == (4, "yes", 5)
    assert (answer["appreciated"], answer["differently"]) == FRIDA_WORDS
    assert answer["words_shared"] is True and nudge["reflection_shared_at"] is None
    assert answer["week"] == DUE.isocalendar().week and answer["closed_at"] is not None
    [invite] = document["invites"]
    assert invite["made_by_you"] is True and invite["used_at"] is not None
    # Of the partner, the name only: none of Ben's ids, words or promises.
    flat = json.dumps(document, ensure_ascii=False)
    for secret in (str(BEN.id), BEN_PROMISE, BEN_REFLECTION, BEN_WORDS):
        assert secret not in flat


async def test_export_of_someone_alone_has_no_couple(kept: Kept) -> None:
    await kept.start(CARL)

    [call] = await kept.send(CARL, "/export")

    document = json.loads(next(iter(call.params["uploads"].values()))[1])
    assert document["couple"] is None
    assert document["commitments"] == document["nudges"] == document["checkin_answers"] == []
    assert document["profile"]["name"] == "Carl"


async def test_export_and_forget_work_only_in_private(kept: Kept) -> None:
    await kept.linked(FRIDA, BEN)
    before = await kept.snapshot(FRIDA, BEN)

    for command in ("/export", "/forget"):
        reply = kept.only_reply(await kept.send(FRIDA, command, GROUP_CHAT), GROUP)
        assert "private chat" in reply.text

    assert await kept.pending(FRIDA) is None
    assert await kept.snapshot(FRIDA, BEN) == before


# /forget


async def test_forget_asks_for_confirmation_first(kept: Kept) -> None:
    await history(kept, linked=False)
    before = await kept.snapshot(FRIDA, BEN)

    reply = kept.only_reply(await kept.send(FRIDA, "/forget"), FRIDA.id)

    frida = await kept.must(FRIDA)
    assert "Delete everything Kept knows about you?" in reply.text
    assert reply.labels == FORGET_LABELS
    assert reply.callback_data == [f"fy:{frida.id}", f"fx:{frida.id}"]
    assert await kept.pending(FRIDA) == FORGET
    # Asking changed nothing but the step Kept now waits for.
    (frida_before, *frida_rest), ben_before = before
    assert frida_before.pending is None
    assert await kept.snapshot(FRIDA, BEN) == ((frida, *frida_rest), ben_before)


async def test_keep_my_data_deletes_nothing_and_the_button_goes_stale(kept: Kept) -> None:
    await history(kept, linked=False)
    ask = kept.only_reply(await kept.send(FRIDA, "/forget"), FRIDA.id)
    frida = await kept.must(FRIDA)

    pressed = await kept.press(FRIDA, f"fx:{frida.id}", ask)

    [edit] = kept.edits(pressed)
    assert edit.text == "Nothing was deleted. Your data stays as it was."
    assert edit.buttons == []
    assert await kept.pending(FRIDA) is None
    before = await kept.snapshot(FRIDA, BEN)

    late = kept.only_toast(await kept.press(FRIDA, f"fy:{frida.id}", ask))

    assert late == STALE_FORGET
    assert await kept.snapshot(FRIDA, BEN) == before


async def test_forget_buttons_of_someone_else_or_unasked_are_refused(kept: Kept) -> None:
    await history(kept, linked=False)
    await kept.start(CARL)
    frida = await kept.must(FRIDA)
    ask = kept.only_reply(await kept.send(FRIDA, "/forget"), FRIDA.id)
    before = await kept.snapshot(FRIDA, BEN, CARL)

    # Forged presses: Ben and Carl press Frida's button; Ben presses one of his own he never got.
    partner = kept.only_toast(await kept.press(BEN, f"fy:{frida.id}", ask))
    stranger = kept.only_toast(await kept.press(CARL, f"fy:{frida.id}", chat_id=CARL.id))
    ben = await kept.must(BEN)
    unasked = kept.only_toast(await kept.press(BEN, f"fy:{ben.id}", chat_id=BEN.id))

    assert partner == stranger == unasked == STALE_FORGET
    assert await kept.snapshot(FRIDA, BEN, CARL) == before


@pytest.mark.parametrize("linked", [True, False], ids=["group", "private"])
async def test_forget_deletes_every_row_about_the_person_and_keeps_the_partners(
    kept: Kept, engine: AsyncEngine, linked: bool
) -> None:
    await history(kept, linked=linked)
    frida = await kept.must(FRIDA)
    ben_before = await ben_rows(kept)
    ask = kept.only_reply(await kept.send(FRIDA, "/forget"), FRIDA.id)

    pressed = await kept.press(FRIDA, f"fy:{frida.id}", ask)

    assert kept.toasts(pressed) == [""]
    [done] = kept.edits(pressed)
    assert done.text.startswith("Done. Everything Kept knew about you has been deleted.")
    assert done.buttons == []
    [told] = kept.sent(pressed)
    assert told.chat_id == BEN.id
    assert told.text.startswith("Frida has chosen to delete their data from Kept")
    assert "your couple here has ended" in told.text and "gentle" in told.text
    for secret in (FRIDA_PROMISE, FRIDA_REFLECTION, *FRIDA_WORDS):
        assert secret not in told.text

    # Every table, every row: nothing names Frida, her chat, or anything she wrote.
    rows = await all_rows(engine)
    ids = person_columns()
    for table, table_rows in rows.items():
        for row in table_rows:
            for column, value in row.items():
                if (table, column) in ids:
                    assert value != frida.id, f"{table}.{column} still points at Frida"
                assert value != FRIDA.id, f"{table}.{column} still holds Frida's chat id"
                if isinstance(value, (str, dict, list)):
                    shown = value if isinstance(value, str) else json.dumps(value)
                    for secret in (FRIDA_PROMISE, FRIDA_REFLECTION, *FRIDA_WORDS, str(FRIDA.id)):
                        assert secret not in shown, f"{table}.{column} still holds {secret!r}"
    assert rows["couples"] == [] and rows["invites"] == []
    assert [p["chat_id"] for p in rows["people"]] == [BEN.id]

    # Ben's own rows are intact: his promise, his nudge with its reflection, his check-in words.
    ben = await kept.must(BEN)
    assert ben.couple_id is None
    commitments, nudges, answers = await ben_rows(kept)
    assert commitments == ben_before[0]
    [nudge], [nudge_before] = nudges, ben_before[1]
    assert nudge.reflection == BEN_REFLECTION and nudge.status == NudgeStatus.MISSED
    assert nudge.noticed_at == nudge_before.noticed_at is not None
    if linked:
        assert nudge == nudge_before
        [answer] = answers
        assert isinstance(answer, PastAnswer) and answer.answer.appreciated == BEN_WORDS
        assert answers == ben_before[2]
        assert len(rows["checkins"]) == 1 and rows["checkins"][0]["couple_id"] is None
    else:
        # The message that told Frida of Ben's answer was in her private chat: only that goes.
        assert nudge_before.partner_chat_id == FRIDA.id
        assert (nudge.partner_chat_id, nudge.partner_message_id) == (None, None)
        assert {**vars(nudge), "partner_chat_id": 1, "partner_message_id": 1} == {
            **vars(nudge_before),
            "partner_chat_id": 1,
            "partner_message_id": 1,
        }


async def test_after_forget_the_partner_carries_on_alone(kept: Kept) -> None:
    checkin = await history(kept, linked=True)
    assert checkin is not None
    frida = await kept.must(FRIDA)
    ask = kept.only_reply(await kept.send(FRIDA, "/forget"), FRIDA.id)
    await kept.press(FRIDA, f"fy:{frida.id}", ask)

    # The next evening only Ben is nudged, and his answer is no longer shared with anyone.
    kept.clock.set(DUE + timedelta(days=1))
    [nudge_message] = kept.sent(await kept.tick())
    assert nudge_message.chat_id == BEN.id and BEN_PROMISE in nudge_message.text
    [nudge] = [n for n in await kept.nudges(BEN) if n.local_date == date(2026, 6, 11)]
    pressed = await kept.press(BEN, f"k:{nudge.id}", nudge_message)
    assert kept.toasts(pressed) == ["✅ Kept. Well done."]
    assert kept.sent(pressed) == []
    # The old group check-in's buttons are stale now, and Ben is free to pair again.
    stale = kept.only_toast(await kept.press(BEN, checkin.callback_data[0], checkin))
    assert stale == "This choice is no longer open. /today shows what's open now."
    invitation, _ = kept.invitation(await kept.send(BEN, "/pair"), BEN.id)
    assert "start=join-" in invitation.text


async def test_forget_confirmed_twice_or_after_coming_back_is_refused(kept: Kept) -> None:
    await history(kept, linked=False)
    frida = await kept.must(FRIDA)
    ask = kept.only_reply(await kept.send(FRIDA, "/forget"), FRIDA.id)
    await kept.press(FRIDA, f"fy:{frida.id}", ask)

    again = kept.only_toast(await kept.press(FRIDA, f"fy:{frida.id}", ask))
    await kept.start(FRIDA)
    back = await kept.must(FRIDA)
    after_return = kept.only_toast(await kept.press(FRIDA, f"fy:{frida.id}", ask))

    assert again == after_return == STALE_FORGET
    assert back.id != frida.id and back.couple_id is None
    assert await kept.commitments(FRIDA) == [] and await kept.nudges(FRIDA) == []
    assert await kept.person(BEN) is not None


async def test_forget_ends_the_partners_couple_steps_but_not_their_own(kept: Kept) -> None:
    await kept.linked(FRIDA, BEN)
    await kept.send(BEN, f"/commit 21:00 {BEN_PROMISE}")
    kept.clock.set(DUE)
    [nudge_message] = kept.sent(await kept.tick())
    kept.clock.advance(timedelta(minutes=5))
    [nudge] = await kept.nudges(BEN)
    await kept.press(BEN, f"m:{nudge.id}", nudge_message)
    assert await kept.pending(BEN) == "reflection"
    ask = kept.only_reply(await kept.send(FRIDA, "/forget"), FRIDA.id)
    frida = await kept.must(FRIDA)

    await kept.press(FRIDA, f"fy:{frida.id}", ask)

    # Ben was about to write his own reflection: that step is still his.
    assert await kept.pending(BEN) == "reflection"
    reply = kept.only_reply(await kept.send(BEN, BEN_REFLECTION), BEN.id)
    assert reply.text.startswith("Saved, privately")
    assert (await kept.nudge(nudge.id)).reflection == BEN_REFLECTION


async def test_forget_ends_the_partners_check_in_step(kept: Kept) -> None:
    await kept.linked(FRIDA, BEN)
    calls = await kept.send(FRIDA, "/checkin", GROUP_CHAT)
    [checkin] = [c for c in kept.sent(calls, GROUP) if c.buttons]
    [safety] = [c for c in kept.sent(calls, BEN.id) if c.buttons]
    for data in [d for d in checkin.callback_data if d.endswith((".t.3", ".p.yes"))]:
        kept.clock.advance(timedelta(seconds=5))
        await kept.press(BEN, data, checkin)
    await kept.press(BEN, next(d for d in safety.callback_data if d.endswith(".s.3")), safety)
    assert await kept.pending(BEN) == "checkin_words"
    ask = kept.only_reply(await kept.send(FRIDA, "/forget"), FRIDA.id)
    frida = await kept.must(FRIDA)

    await kept.press(FRIDA, f"fy:{frida.id}", ask)

    assert await kept.pending(BEN) is None
    # His answers so far stay his, in a check-in that now belongs to no couple.
    ben = await kept.must(BEN)
    async with kept.uow() as uow:
        [past] = await uow.checkins.answers_of_person(ben.id)
    assert (past.answer.trust, past.answer.safety, past.closed_at) == (3, 3, kept.clock.now())
