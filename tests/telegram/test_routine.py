"""The depth of the routine on Telegram: holidays, "⏰ Ask again in 1 h", and "make it smaller"."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.domain.commitments import CHANGE_TEXT
from bot.domain.models import CommitmentState, NudgeStatus
from bot.domain.schedule import EVERY_DAY
from tests.telegram.conftest import ANA, BEN, GROUP_CHAT, Kept
from tests.telegram.offline import Call

# Ana's time zone is UTC (the default of these settings); the world starts Wed 10 June, 18:00.
DUE = datetime(2026, 6, 10, 21, 0, tzinfo=UTC)
BAD_DAYS = "Please give a whole number of days from 1 to 60, for example /pause 7."


async def with_promise(kept: Kept) -> int:
    """Ana and Ben paired; Ana's daily 21:00 promise; its id."""
    await kept.paired(ANA, BEN)
    await kept.send(ANA, "/commit 21:00 Do the dishes")
    [commitment] = await kept.commitments(ANA)
    return commitment.id


async def test_pause_three_days_then_resume(kept: Kept) -> None:
    await with_promise(kept)

    calls = await kept.send(ANA, "/pause 3")

    [told] = kept.sent(calls, BEN.id)
    assert told.text == (
        "Ana is taking a break from nudges until Fri 12 Jun. "
        "Those days count neither as kept nor as missed."
    )
    [reply] = kept.sent(calls, ANA.id)
    assert reply.text == (
        "Done: no nudges until Fri 12 Jun included. Those days count neither as kept nor as "
        "missed. Take the time you need 🌿 /resume ends the pause early."
    )
    assert [c.chat_id for c in kept.sent(calls)] == [BEN.id, ANA.id]
    assert (await kept.must(ANA)).paused_until == date(2026, 6, 12)

    for day in range(2):
        kept.clock.set(DUE + timedelta(days=day))
        assert await kept.tick() == []
    assert await kept.nudges(ANA) == []

    kept.clock.set(datetime(2026, 6, 12, 12, 0, tzinfo=UTC))
    calls = await kept.send(ANA, "/resume")

    [told] = kept.sent(calls, BEN.id)
    assert told.text == "Ana is back from their break; their nudges are on again."
    [reply] = kept.sent(calls, ANA.id)
    assert reply.text == "Welcome back 🌱 Your nudges are on again."
    assert (await kept.must(ANA)).paused_until is None

    kept.clock.set(DUE + timedelta(days=2))
    message = kept.only_reply(await kept.tick(), ANA.id)
    [nudge] = await kept.nudges(ANA)
    assert nudge.local_date == date(2026, 6, 12) and nudge.status == NudgeStatus.SENT
    assert message.callback_data == [f"k:{nudge.id}", f"m:{nudge.id}", f"z:{nudge.id}"]


async def test_the_pause_ends_by_itself(kept: Kept) -> None:
    await with_promise(kept)
    await kept.send(ANA, "/pause 1")

    assert await kept.tick() == []
    kept.clock.set(DUE)
    assert await kept.tick() == []
    kept.clock.set(DUE + timedelta(days=1))
    kept.only_reply(await kept.tick(), ANA.id)
    assert [n.local_date for n in await kept.nudges(ANA)] == [date(2026, 6, 11)]


@pytest.mark.parametrize("days", ["0", "61", "-3", "abc", "7.5"])
async def test_a_bad_number_of_days_is_refused_and_changes_nothing(kept: Kept, days: str) -> None:
    await with_promise(kept)
    before = await kept.rows()

    reply = kept.only_reply(await kept.send(ANA, f"/pause {days}"), ANA.id)

    assert reply.text == BAD_DAYS
    assert await kept.rows() == before


async def test_pause_without_days_explains_itself(kept: Kept) -> None:
    await with_promise(kept)
    before = await kept.rows()

    reply = kept.only_reply(await kept.send(ANA, "/pause"), ANA.id)

    assert reply.text.startswith("Taking a break? Send /pause and a number of days")
    assert await kept.rows() == before


async def test_pause_in_a_group_is_asked_for_in_private(kept: Kept) -> None:
    await kept.linked(ANA, BEN)
    before = await kept.rows()

    reply = kept.only_reply(await kept.send(ANA, "/pause 3", GROUP_CHAT), GROUP_CHAT["id"])

    assert reply.text.startswith("Let's do that in our private chat")
    assert await kept.rows() == before


async def nudged(kept: Kept) -> tuple[Call, int, int]:
    """Ana's 21:00 promise nudged on 10 June: the message, the nudge id, the commitment id."""
    commitment_id = await with_promise(kept)
    kept.clock.set(DUE)
    message = kept.only_reply(await kept.tick(), ANA.id)
    [nudge] = await kept.nudges(ANA)
    return message, nudge.id, commitment_id


async def test_snooze_asks_again_an_hour_later(kept: Kept) -> None:
    message, nudge_id, commitment_id = await nudged(kept)
    kept.clock.set(DUE + timedelta(minutes=5))

    pressed = await kept.press(ANA, f"z:{nudge_id}", message)

    assert kept.toasts(pressed) == ["Okay, I'll ask again at 22:05. Tomorrow stays as it is."]
    [edit] = kept.edits(pressed)
    assert (edit.chat_id, edit.params["message_id"]) == (ANA.id, message.message_id)
    assert edit.text.endswith("• Do the dishes — ⏰ I'll ask again at 22:05")
    assert edit.buttons == []
    assert kept.sent(pressed) == []
    nudge = await kept.nudge(nudge_id)
    assert nudge.status == NudgeStatus.DUE
    assert nudge.next_attempt_at == datetime(2026, 6, 10, 22, 5, tzinfo=UTC)
    [commitment] = await kept.commitments(ANA)
    assert commitment.id == commitment_id
    assert commitment.next_due_at == DUE + timedelta(days=1)

    kept.clock.set(datetime(2026, 6, 10, 22, 4, tzinfo=UTC))
    assert await kept.tick() == []
    kept.clock.set(datetime(2026, 6, 10, 22, 5, tzinfo=UTC))
    again = kept.only_reply(await kept.tick(), ANA.id)

    assert again.message_id != message.message_id
    assert again.text == (
        "Good evening, Ana. Did you keep your promise today (Wed 10 Jun)?\n\n• Do the dishes"
    )
    assert again.callback_data == [f"k:{nudge_id}", f"m:{nudge_id}", f"z:{nudge_id}"]
    nudge = await kept.nudge(nudge_id)
    assert (nudge.status, nudge.message_id) == (NudgeStatus.SENT, again.message_id)
    [commitment] = await kept.commitments(ANA)
    assert commitment.next_due_at == DUE + timedelta(days=1)
    assert await kept.tick() == []

    answered = await kept.press(ANA, f"k:{nudge_id}", again)
    assert kept.toasts(answered) == ["✅ Kept. Well done."]
    assert (await kept.nudge(nudge_id)).status == NudgeStatus.KEPT


async def test_someone_else_cannot_snooze(kept: Kept) -> None:
    message, nudge_id, _ = await nudged(kept)
    before = await kept.snapshot(ANA, BEN)

    toast = kept.only_toast(await kept.press(BEN, f"z:{nudge_id}", message))

    assert toast == "This choice belongs to someone else, so I've left it as it is."
    assert await kept.snapshot(ANA, BEN) == before


def follow_up(calls: list[Call]) -> Call:
    """The one message a press sent to Ana after its (empty) toast, nothing else."""
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"], calls
    assert calls[1].chat_id == ANA.id
    return calls[1]


def days_of(kept_days: set[int]) -> list[tuple[datetime, bool]]:
    """Each day from 10 to 24 June at 21:00, and whether Ana kept it."""
    return [(DUE + timedelta(days=i), 10 + i in kept_days) for i in range(15)]


async def test_the_sizing_offer_after_a_missed_press_and_its_buttons(kept: Kept) -> None:
    commitment_id = await with_promise(kept)
    # Kept on 5 of the last 14 days (11 to 24 June): under half.
    offers: list[Call] = []
    for moment, was_kept in days_of({10, 11, 14, 17, 20, 23}):
        kept.clock.set(moment)
        message = kept.only_reply(await kept.tick(), ANA.id)
        [nudge] = [n for n in await kept.nudges(ANA) if n.local_date == moment.date()]
        kept.clock.set(moment + timedelta(minutes=5))
        pressed = await kept.press(ANA, f"{'k' if was_kept else 'm'}:{nudge.id}", message)
        offers += [c for c in kept.sent(pressed, ANA.id) if "hard to keep" in c.text]
        # Not before the promise is two weeks old.
        assert offers == [] or moment.date() == date(2026, 6, 24)

    [offer] = offers
    assert offer.text.startswith("“Do the dishes” has been hard to keep these last two weeks.")
    assert offer.labels == ["📅 Fewer days", "✏️ A smaller version", "⏸ Pause it", "Keep it"]
    assert offer.callback_data == [
        f"sd:{commitment_id}",
        f"st:{commitment_id}",
        f"cp:{commitment_id}",
        f"cx:{commitment_id}",
    ]
    [commitment] = await kept.commitments(ANA)
    assert commitment.sizing_offered_at == datetime(2026, 6, 24, 21, 5, tzinfo=UTC)
    assert commitment.next_local_date == date(2026, 6, 25)

    # Fewer days: the picker starts from today's days; leave Thursday out.
    picker = follow_up(await kept.press(ANA, f"sd:{commitment_id}", offer))
    assert picker.labels[:7] == ["✔️ Mon", "✔️ Tue", "✔️ Wed", "✔️ Thu", "✔️ Fri", "✔️ Sat", "✔️ Sun"]
    [toggled] = kept.edits(await kept.press(ANA, "dp:3", picker))
    assert toggled.labels[3] == "Thu"
    [done] = kept.edits(await kept.press(ANA, "dp:ok", picker))
    assert (
        done.text
        == "Changed: I'll ask about “Do the dishes” on these days: Mon, Tue, Wed, Fri, Sat, Sun."
    )
    assert done.buttons == []
    [commitment] = await kept.commitments(ANA)
    assert commitment.weekdays == EVERY_DAY & ~(1 << 3)
    assert commitment.next_local_date == date(2026, 6, 26)
    assert commitment.next_due_at == datetime(2026, 6, 26, 21, 0, tzinfo=UTC)
    assert await kept.pending(ANA) is None

    # A smaller version: new words, same days, time and history.
    asked = follow_up(await kept.press(ANA, f"st:{commitment_id}", offer))
    assert asked.text == (
        "What smaller version of “Do the dishes” could you keep? Write it in a few words."
    )
    assert await kept.pending(ANA) == CHANGE_TEXT
    reply = kept.only_reply(await kept.send(ANA, "Dishes after dinner on Fridays"), ANA.id)
    assert reply.text == (
        "Changed: your promise is now “Dishes after dinner on Fridays”. Its history stays."
    )
    [commitment] = await kept.commitments(ANA)
    assert commitment.text == "Dishes after dinner on Fridays"
    assert commitment.weekdays == EVERY_DAY & ~(1 << 3)
    assert commitment.local_time == time(21)
    assert len(await kept.nudges(ANA)) == 15
    assert await kept.pending(ANA) is None

    # Thursday passes without a nudge.
    kept.clock.set(DUE + timedelta(days=15))
    assert await kept.tick() == []

    # Pause it.
    paused = await kept.press(ANA, f"cp:{commitment_id}", offer)
    assert kept.toasts(paused) == [
        "Paused: “Dishes after dinner on Fridays”. No nudges until you resume it."
    ]
    [listing] = kept.edits(paused)
    assert "(paused)" in listing.text
    [commitment] = await kept.commitments(ANA)
    assert commitment.state == CommitmentState.PAUSED and commitment.next_due_at is None
    kept.clock.set(DUE + timedelta(days=16))
    assert await kept.tick() == []
