"""The "⏰ Ask again in 1 h" button: ask again an hour later, without moving tomorrow or counting a miss."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, time, timedelta

import pytest

from bot.db.uow import SqlUnitOfWork, SqlUnitOfWorkFactory
from bot.domain.dispatch import TickReport
from bot.domain.errors import AlreadyAnswered, NotYours, StaleButton
from bot.domain.holidays import HolidayService
from bot.domain.models import Commitment, Nudge, NudgeStatus, Person
from bot.domain.nudging import NudgeService
from bot.domain.ports import Button, Outgoing, Sent
from bot.domain.progress import rate_between
from bot.texts import text
from tests.unit.conftest import MADRID, World, local


async def nudged(
    world: World, owner: Person, at: time = time(21), words: str = "call mum"
) -> tuple[Commitment, Nudge]:
    """A commitment of `owner` at `at`, nudged on Wednesday 10 June 2026 in Madrid."""
    world.clock.set(local(MADRID, 2026, 6, 10, 8, 0))
    commitment = await world.commit(owner, words, at)
    world.clock.set(local(MADRID, 2026, 6, 10, at.hour, at.minute))
    await world.dispatcher.tick()
    (nudge,) = world.nudges_of(commitment.id)
    assert nudge.status == NudgeStatus.SENT
    return commitment, nudge


def message_of(nudge: Nudge) -> Sent:
    assert nudge.chat_id is not None and nudge.message_id is not None
    return Sent(nudge.chat_id, nudge.message_id)


def actions_of(buttons: tuple[tuple[Button, ...], ...]) -> list[str]:
    return [b.action for row in buttons for b in row]


async def test_snooze_sets_the_row_due_again_an_hour_later(world: World) -> None:
    ana, _ = await world.couple()
    commitment, nudge = await nudged(world, ana)
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 5))
    tomorrow = world.commitment(commitment.id).next_due_at

    toast = await world.nudges.snooze(ana, nudge.id, message_of(nudge))

    assert toast == text("en", "snoozed", time="22:05")
    row = world.store.nudge(nudge.id)
    assert row.status == NudgeStatus.DUE
    assert row.next_attempt_at == local(MADRID, 2026, 6, 10, 22, 5)
    assert row.next_attempt_at is not None and row.next_attempt_at.tzinfo == UTC
    assert row.answered_at is None
    # Tomorrow's nudge keeps its time.
    assert world.commitment(commitment.id).next_due_at == tomorrow
    assert tomorrow == local(MADRID, 2026, 6, 11, 21, 0)


async def test_the_original_message_says_when_and_loses_its_buttons(world: World) -> None:
    ana, _ = await world.couple()
    _, nudge = await nudged(world, ana)
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 5))
    sent = list(world.messenger.sent)

    await world.nudges.snooze(ana, nudge.id, message_of(nudge))

    (edit,) = world.messenger.edits
    assert edit.sent == message_of(nudge)
    assert text("en", "nudge_line_snoozed", text="call mum", time="22:05") in edit.message.text
    assert "I'll ask again at 22:05" in edit.message.text
    assert edit.message.buttons == ()
    assert world.messenger.sent == sent  # nothing new is sent, the partner hears of nothing


async def test_only_the_snoozed_row_of_a_bundle_loses_its_buttons(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 8, 0))
    dishes = await world.commit(ana, "do the dishes", time(21))
    walk = await world.commit(ana, "walk the dog", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    await world.dispatcher.tick()
    (dishes_nudge,) = world.nudges_of(dishes.id)
    (walk_nudge,) = world.nudges_of(walk.id)
    world.clock.advance(minutes=10)

    await world.nudges.snooze(ana, dishes_nudge.id, message_of(dishes_nudge))

    view = world.messenger.current(message_of(dishes_nudge))
    assert "• do the dishes — ⏰ I'll ask again at 22:10" in view.text
    assert "• walk the dog" in view.text
    assert actions_of(view.buttons) == [
        f"k:{walk_nudge.id}",
        f"m:{walk_nudge.id}",
        f"z:{walk_nudge.id}",
    ]
    assert world.store.nudge(walk_nudge.id).status == NudgeStatus.SENT


async def test_a_tick_before_the_hour_sends_nothing_and_at_the_hour_asks_again(
    world: World,
) -> None:
    ana, _ = await world.couple()
    commitment, nudge = await nudged(world, ana)
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 5))
    await world.nudges.snooze(ana, nudge.id, message_of(nudge))
    tomorrow = world.commitment(commitment.id).next_due_at
    world.messenger.sent.clear()

    for minute in (6, 30, 59):
        world.clock.set(local(MADRID, 2026, 6, 10, 21, minute))
        assert await world.dispatcher.tick() == TickReport()
    world.clock.set(local(MADRID, 2026, 6, 10, 22, 4))
    assert await world.dispatcher.tick() == TickReport()
    assert world.messenger.sent == []

    world.clock.set(local(MADRID, 2026, 6, 10, 22, 5))
    report = await world.dispatcher.tick()

    assert (report.sent, report.planned) == (1, 0)
    (again,) = world.messenger.sent
    assert again.chat_id == 101 and again.message_id != nudge.message_id
    assert "• call mum" in again.message.text
    # Asked again at the hour the person chose: not "late".
    assert text("en", "nudge_late_note") not in again.message.text
    assert actions_of(again.message.buttons) == [
        f"k:{nudge.id}",
        f"m:{nudge.id}",
        f"z:{nudge.id}",
    ]
    row = world.store.nudge(nudge.id)
    assert row.status == NudgeStatus.SENT
    assert (row.chat_id, row.message_id) == (101, again.message_id)
    assert world.commitment(commitment.id).next_due_at == tomorrow
    # Once asked again it is not sent a third time.
    world.clock.advance(minutes=1)
    assert await world.dispatcher.tick() == TickReport()
    # The new message answers as usual; tomorrow still comes at 21:00.
    await world.nudges.answer(world.fresh(ana), nudge.id, True, again.ref)
    assert world.store.nudge(nudge.id).status == NudgeStatus.KEPT
    assert world.messenger.current(again.ref).buttons == ()
    world.clock.set(local(MADRID, 2026, 6, 11, 21, 0))
    await world.dispatcher.tick()
    assert [n.local_date for n in world.nudges_of(commitment.id)] == [
        date(2026, 6, 10),
        date(2026, 6, 11),
    ]


async def test_a_snoozed_nudge_is_not_counted_as_missed_while_it_waits(world: World) -> None:
    ana = await world.person(101, "Ana")
    commitment, nudge = await nudged(world, ana, at=time(23, 30))
    day = date(2026, 6, 10)
    world.clock.set(local(MADRID, 2026, 6, 10, 23, 40))
    await world.nudges.snooze(ana, nudge.id, message_of(nudge))

    # Just past midnight the 10th is over and the nudge is still waiting to be asked again.
    world.clock.set(local(MADRID, 2026, 6, 11, 0, 15))
    rows = world.nudges_of(commitment.id)
    assert rate_between(rows, day, day, date(2026, 6, 11)) is None

    # Asked again at 00:40 and still unanswered, it is an open (unkept) due day like any other.
    world.clock.set(local(MADRID, 2026, 6, 11, 0, 40))
    await world.dispatcher.tick()
    rows = world.nudges_of(commitment.id)
    assert rows[0].status == NudgeStatus.SENT
    assert rate_between(rows, day, day, date(2026, 6, 11)) == 0.0
    # And it can still be answered, on the next local day.
    await world.nudges.answer(world.fresh(ana), nudge.id, True, None)
    assert rate_between(world.nudges_of(commitment.id), day, day, date(2026, 6, 11)) == 1.0


async def test_someone_else_cannot_snooze(world: World) -> None:
    ana, ben = await world.couple()
    _, nudge = await nudged(world, ana)
    before = world.store.nudge(nudge.id)

    with pytest.raises(NotYours):
        await world.nudges.snooze(ben, nudge.id, message_of(nudge))

    assert world.store.nudge(nudge.id) == before
    assert world.messenger.edits == []


async def test_an_answered_nudge_cannot_be_snoozed(world: World) -> None:
    ana, _ = await world.couple()
    _, nudge = await nudged(world, ana)
    await world.nudges.answer(ana, nudge.id, False, message_of(nudge))
    before = world.store.nudge(nudge.id)
    edits = list(world.messenger.edits)

    with pytest.raises(AlreadyAnswered) as caught:
        await world.nudges.snooze(ana, nudge.id, message_of(nudge))

    assert caught.value.params == {"answer": "❌ Missed"}
    assert world.store.nudge(nudge.id) == before
    assert world.messenger.edits == edits


async def test_a_snoozed_nudge_cannot_be_snoozed_or_answered_until_asked_again(
    world: World,
) -> None:
    ana = await world.person(101, "Ana")
    _, nudge = await nudged(world, ana)
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 5))
    await world.nudges.snooze(ana, nudge.id, message_of(nudge))
    before = world.store.nudge(nudge.id)

    with pytest.raises(StaleButton):
        await world.nudges.snooze(ana, nudge.id, message_of(nudge))
    with pytest.raises(StaleButton):
        await world.nudges.answer(ana, nudge.id, True, message_of(nudge))

    assert world.store.nudge(nudge.id) == before


async def test_no_snooze_past_the_end_of_the_answer_window(world: World) -> None:
    ana = await world.person(101, "Ana")
    _, nudge = await nudged(world, ana)
    # Thursday 23:30: yesterday's nudge can be answered for another half hour, not in an hour.
    world.clock.set(local(MADRID, 2026, 6, 11, 23, 30))
    before = world.store.nudge(nudge.id)

    with pytest.raises(StaleButton):
        await world.nudges.snooze(ana, nudge.id, message_of(nudge))

    assert world.store.nudge(nudge.id) == before
    await world.nudges.answer(ana, nudge.id, True, message_of(nudge))
    assert world.store.nudge(nudge.id).status == NudgeStatus.KEPT


async def test_snoozing_from_today_shows_the_new_time_there_too(world: World) -> None:
    ana = await world.person(101, "Ana")
    _, nudge = await nudged(world, ana)
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 5))
    listing = await world.messenger.send(101, await world.nudges.today(world.fresh(ana)))

    await world.nudges.snooze(ana, nudge.id, listing)

    assert [e.sent for e in world.messenger.edits] == [message_of(nudge), listing]
    refreshed = world.messenger.current(listing)
    assert "• call mum — ⏰ I'll ask again at 22:05" in refreshed.text
    assert refreshed.buttons == ()
    assert world.clock.now() + timedelta(hours=1) == world.store.nudge(nudge.id).next_attempt_at


async def test_a_nudge_snoozed_before_a_pause_is_not_asked_again_on_the_holiday(
    world: World,
) -> None:
    ana, _ = await world.couple()
    _, nudge = await nudged(world, ana)
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 5))
    await world.nudges.snooze(ana, nudge.id, message_of(nudge))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 10))
    await HolidayService(world.uow, world.clock, world.messenger).pause(world.fresh(ana), "2")
    world.messenger.sent.clear()

    world.clock.set(local(MADRID, 2026, 6, 10, 22, 5))
    report = await world.dispatcher.tick()

    assert (report.sent, report.skipped) == (0, 1)
    assert world.messenger.to(101) == []
    assert world.store.nudge(nudge.id).status == NudgeStatus.SKIPPED
    # Skipped counts neither way: the holiday day is not a miss.
    assert rate_between([world.store.nudge(nudge.id)], date(2026, 6, 10), date(2026, 6, 10)) is None


class MeanwhileFactory:
    """Units of work over the same store; just before the `at`-th one opens, `meanwhile` runs:
    what another task (the dispatcher) commits while a press is being handled."""

    def __init__(
        self, inner: SqlUnitOfWorkFactory, at: int, meanwhile: Callable[[], Awaitable[None]]
    ) -> None:
        self._inner, self._at, self._meanwhile = inner, at, meanwhile
        self.made = 0

    def __call__(self) -> _Meanwhile:
        self.made += 1
        hook = self._meanwhile if self.made == self._at else None
        return _Meanwhile(self._inner(), hook)


class _Meanwhile:
    def __init__(self, inner: SqlUnitOfWork, hook: Callable[[], Awaitable[None]] | None) -> None:
        self._inner, self._hook = inner, hook

    async def __aenter__(self) -> SqlUnitOfWork:
        if self._hook is not None:
            await self._hook()
        return await self._inner.__aenter__()

    async def __aexit__(self, *exc: object) -> None:
        await self._inner.__aexit__(None, None, None)


async def test_a_press_on_the_snoozed_nudge_sent_again_survives_its_send_being_recorded_meanwhile(
    world: World,
) -> None:
    """The nudge asked again goes out in a new message; Ana answers it at once, and the
    dispatcher records that send while her answer is being handled. Her answer is taken and
    the new message shows it (it once failed here: the view was built for the old message)."""
    ana, _ = await world.couple()
    _, nudge = await nudged(world, ana)
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 5))
    await world.nudges.snooze(ana, nudge.id, message_of(nudge))
    world.clock.set(local(MADRID, 2026, 6, 10, 22, 5))
    async with world.uow() as tx:  # the dispatcher claims it again and sends it...
        (claimed,) = await tx.nudges.claim_due(world.clock.now(), 10)
        await tx.commit()
    assert ana.chat_id is not None
    # ...and it is on Ana's phone, its send not recorded yet.
    asked_again = await world.messenger.send(ana.chat_id, Outgoing("Did you keep it today?"))

    async def record_the_send() -> None:
        async with world.uow() as tx:
            await tx.nudges.mark_sent(
                [claimed.id], asked_again.chat_id, asked_again.message_id, world.clock.now()
            )
            await tx.commit()

    # The answer is recorded in the first unit of work; the send is recorded before the next.
    service = NudgeService(
        MeanwhileFactory(world.uow, 2, record_the_send), world.clock, world.messenger
    )
    world.messenger.edits.clear()
    await service.answer(world.fresh(ana), nudge.id, True, asked_again)

    row = world.store.nudge(nudge.id)
    assert (row.status, row.message_id) == (NudgeStatus.KEPT, asked_again.message_id)
    (edit,) = world.messenger.edits
    assert edit.sent == asked_again
    assert "✅ Kept" in edit.message.text and edit.message.buttons == ()


async def test_a_snooze_pressed_before_the_send_is_recorded_holds(world: World) -> None:
    """Ana presses "⏰ Ask again in 1 h" the moment the nudge arrives, before its send is recorded: the
    snooze is taken, recording the send keeps it, and the nudge is asked again an hour later."""
    ana, _ = await world.couple()
    world.clock.set(local(MADRID, 2026, 6, 10, 8, 0))
    commitment = await world.commit(ana, "call mum", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    await world.dispatcher.plan(world.clock.now(), TickReport())
    async with world.uow() as tx:  # the dispatcher claims it and sends it...
        (claimed,) = await tx.nudges.claim_due(world.clock.now(), 10)
        await tx.commit()
    assert ana.chat_id is not None
    on_phone = await world.messenger.send(ana.chat_id, Outgoing("Did you keep it today?"))

    toast = await world.nudges.snooze(world.fresh(ana), claimed.id, on_phone)
    async with world.uow() as tx:  # ...and records the send after the press
        await tx.nudges.mark_sent(
            [claimed.id], on_phone.chat_id, on_phone.message_id, world.clock.now()
        )
        await tx.commit()

    assert toast == text("en", "snoozed", time="22:00")
    (edit,) = world.messenger.edits
    assert edit.sent == on_phone and "I'll ask again at 22:00" in edit.message.text
    row = world.store.nudge(claimed.id)
    assert (row.status, row.next_attempt_at) == (
        NudgeStatus.DUE,
        local(MADRID, 2026, 6, 10, 22, 0),
    )
    world.messenger.sent.clear()
    world.clock.set(local(MADRID, 2026, 6, 10, 22, 0))
    await world.dispatcher.tick()
    (again,) = world.messenger.sent
    assert "call mum" in again.message.text and world.nudges_of(commitment.id)[0].status == (
        NudgeStatus.SENT
    )
