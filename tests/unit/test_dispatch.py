"""The nudge tick: planned once, sent once, bundled, late or skipped, retried, recovered."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import update

from bot.db.models import PersonRow
from bot.domain import actions
from bot.domain.dispatch import TickReport
from bot.domain.models import NudgeStatus
from bot.domain.ports import Button, TryLater
from bot.texts import text
from tests.unit.conftest import MADRID, NEW_YORK, World, local

JUNE_10 = date(2026, 6, 10)
JUNE_11 = date(2026, 6, 11)


async def test_due_commitment_is_planned_and_sent_exactly_once(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    commitment = await world.commit(ana, "text you when I'm late", time(21))
    assert commitment.next_local_date == JUNE_10
    assert commitment.next_due_at == local(MADRID, 2026, 6, 10, 21)

    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    first = await world.dispatcher.tick()
    second = await world.dispatcher.tick()
    world.clock.advance(minutes=1)
    third = await world.dispatcher.tick()

    assert first == TickReport(planned=1, sent=1)
    assert second == TickReport() and third == TickReport()
    assert len(world.messenger.sent) == 1
    message = world.messenger.sent[0]
    assert (message.chat_id, message.message_id) == (101, 1)
    (nudge,) = world.nudges_of(commitment.id)
    assert nudge.local_date == JUNE_10
    assert nudge.status == NudgeStatus.SENT
    assert (nudge.chat_id, nudge.message_id) == (101, 1)
    assert nudge.sent_at == local(MADRID, 2026, 6, 10, 21, 0)
    assert nudge.attempts == 1 and not nudge.late
    assert message.message.buttons == (
        (
            Button("✅ Kept", actions.encode(actions.KEPT, nudge.id)),
            Button("❌ Missed", actions.encode(actions.MISSED, nudge.id)),
            Button("⏰ Ask again in 1 h", actions.encode(actions.SNOOZE, nudge.id)),
        ),
    )
    assert "text you when I'm late" in message.message.text
    assert text("en", "nudge_late_note") not in message.message.text
    moved = world.commitment(commitment.id)
    assert moved.next_local_date == JUNE_11
    assert moved.next_due_at == local(MADRID, 2026, 6, 11, 21)


async def test_nothing_is_sent_before_the_due_minute(world: World) -> None:
    ana = await world.person(101, "Ana")
    await world.commit(ana, "call mum", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 59))
    assert await world.dispatcher.tick() == TickReport()
    assert world.messenger.sent == [] and world.store.nudges == {}


async def test_two_commitments_due_in_one_minute_share_one_message(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    dishes = await world.commit(ana, "do the dishes", time(21))
    walk = await world.commit(ana, "walk the dog together", time(21))
    call = await world.commit(ben, "call at lunch", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))

    report = await world.dispatcher.tick()

    assert report == TickReport(planned=3, sent=3)
    assert len(world.messenger.to(101)) == 1
    assert len(world.messenger.to(202)) == 1
    (bundle,) = world.messenger.to(101)
    (dishes_nudge,) = world.nudges_of(dishes.id)
    (walk_nudge,) = world.nudges_of(walk.id)
    assert (dishes_nudge.chat_id, dishes_nudge.message_id) == (101, bundle.message_id)
    assert (walk_nudge.chat_id, walk_nudge.message_id) == (101, bundle.message_id)
    assert bundle.message.buttons == (
        (
            Button("✅ Kept · do the dishes", f"k:{dishes_nudge.id}"),
            Button("❌ Missed · do the dishes", f"m:{dishes_nudge.id}"),
            Button("⏰ Ask again in 1 h", f"z:{dishes_nudge.id}"),
        ),
        (
            Button("✅ Kept · walk the dog toge…", f"k:{walk_nudge.id}"),
            Button("❌ Missed · walk the dog toge…", f"m:{walk_nudge.id}"),
            Button("⏰ Ask again in 1 h", f"z:{walk_nudge.id}"),
        ),
    )
    assert "do the dishes" in bundle.message.text and "walk the dog together" in bundle.message.text
    (ben_nudge,) = world.nudges_of(call.id)
    assert ben_nudge.chat_id == 202


async def test_downtime_on_the_same_local_day_sends_late(world: World) -> None:
    ana = await world.person(101, "Ana")
    commitment = await world.commit(ana, "morning message", time(9))
    world.clock.set(local(MADRID, 2026, 6, 10, 12, 0))  # down from before 09:00 until noon

    report = await world.dispatcher.tick()

    assert report == TickReport(planned=1, sent=1)
    (nudge,) = world.nudges_of(commitment.id)
    assert (nudge.local_date, nudge.status, nudge.late) == (JUNE_10, NudgeStatus.SENT, True)
    assert nudge.due_at == local(MADRID, 2026, 6, 10, 9)
    (message,) = world.messenger.sent
    assert text("en", "nudge_late_note") in message.message.text
    assert world.commitment(commitment.id).next_due_at == local(MADRID, 2026, 6, 11, 9)


async def test_downtime_past_the_local_day_skips_and_sends_nothing(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    commitment = await world.commit(ana, "call mum", time(21))
    world.clock.set(local(MADRID, 2026, 6, 11, 2, 0))  # down from 20:00 until after midnight

    report = await world.dispatcher.tick()

    assert report == TickReport(skipped=1)
    assert world.messenger.sent == []
    (nudge,) = world.nudges_of(commitment.id)
    assert (nudge.local_date, nudge.status, nudge.attempts) == (JUNE_10, NudgeStatus.SKIPPED, 0)
    moved = world.commitment(commitment.id)
    assert moved.next_local_date == JUNE_11
    assert moved.next_due_at == local(MADRID, 2026, 6, 11, 21)
    assert moved.next_due_at > world.clock.now()
    # The day goes on normally afterwards.
    world.clock.set(local(MADRID, 2026, 6, 11, 21, 0))
    assert await world.dispatcher.tick() == TickReport(planned=1, sent=1)


async def test_days_long_downtime_skips_each_day_and_sends_today_late(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 8, 0))
    commitment = await world.commit(ana, "stretch", time(9))
    world.clock.set(local(MADRID, 2026, 6, 13, 10, 0))

    report = await world.dispatcher.tick()

    assert report == TickReport(planned=1, skipped=3, sent=1)
    rows = world.nudges_of(commitment.id)
    assert [(n.local_date.day, n.status, n.late) for n in rows] == [
        (10, NudgeStatus.SKIPPED, False),
        (11, NudgeStatus.SKIPPED, False),
        (12, NudgeStatus.SKIPPED, False),
        (13, NudgeStatus.SENT, True),
    ]
    assert len(world.messenger.sent) == 1


async def test_try_later_keeps_the_row_due_until_retry_after(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    commitment = await world.commit(ana, "call mum", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    world.messenger.fail_next(1, TryLater(retry_after=30))

    report = await world.dispatcher.tick()

    assert report == TickReport(planned=1, retried=1)
    (nudge,) = world.nudges_of(commitment.id)
    assert nudge.status == NudgeStatus.DUE
    assert nudge.attempts == 1
    assert nudge.next_attempt_at == world.clock.now() + timedelta(seconds=30)
    assert world.store.claimed_at(nudge.id) is None
    assert world.messenger.sent == []

    world.clock.advance(seconds=29)
    assert await world.dispatcher.tick() == TickReport()
    assert world.messenger.sent == []

    world.clock.advance(seconds=1)
    assert await world.dispatcher.tick() == TickReport(sent=1)
    (nudge,) = world.nudges_of(commitment.id)
    assert (nudge.status, nudge.attempts) == (NudgeStatus.SENT, 2)
    assert len(world.messenger.sent) == 1


async def test_try_later_without_retry_after_backs_off(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    commitment = await world.commit(ana, "call mum", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    world.messenger.fail_next(2, TryLater())

    await world.dispatcher.tick()
    (nudge,) = world.nudges_of(commitment.id)
    assert nudge.next_attempt_at == world.clock.now() + timedelta(seconds=5)
    world.clock.advance(seconds=5)
    assert await world.dispatcher.tick() == TickReport(retried=1)
    (nudge,) = world.nudges_of(commitment.id)
    assert nudge.attempts == 2
    assert nudge.next_attempt_at == world.clock.now() + timedelta(seconds=10)
    world.clock.advance(seconds=10)
    assert await world.dispatcher.tick() == TickReport(sent=1)


async def test_an_unexpected_transport_error_is_retried_not_lost(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    commitment = await world.commit(ana, "call mum", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    world.messenger.fail_next(1, TimeoutError())  # type: ignore[arg-type]

    assert await world.dispatcher.tick() == TickReport(planned=1, retried=1)
    (nudge,) = world.nudges_of(commitment.id)
    assert nudge.status == NudgeStatus.DUE


async def test_recipient_blocked_marks_failed_and_stops(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    commitment = await world.commit(ana, "call mum", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    world.messenger.block(101)

    assert await world.dispatcher.tick() == TickReport(planned=1, failed=1)
    world.clock.advance(minutes=10)
    assert await world.dispatcher.tick() == TickReport()

    (nudge,) = world.nudges_of(commitment.id)
    assert (nudge.status, nudge.attempts) == (NudgeStatus.FAILED, 1)
    assert world.store.claimed_at(nudge.id) is None
    assert world.messenger.sent == []
    assert world.messenger.attempts == 1


async def test_recover_releases_a_claim_left_by_a_dead_process(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    commitment = await world.commit(ana, "call mum", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    await world.dispatcher.plan(world.clock.now(), TickReport())
    # A process claims the row and dies before sending.
    async with world.uow() as uow:
        (claimed,) = await uow.nudges.claim_due(world.clock.now(), 10)
        await uow.commit()
    assert world.store.nudge(claimed.id).status == NudgeStatus.SENDING

    world.clock.advance(seconds=30)
    assert await world.dispatcher.tick() == TickReport()  # a fresh claim is left alone
    assert world.messenger.sent == []

    assert await world.dispatcher.recover() == 1
    restored = world.store.nudge(claimed.id)
    assert (restored.status, restored.attempts) == (NudgeStatus.DUE, 1)
    assert world.store.claimed_at(claimed.id) is None
    assert await world.dispatcher.recover() == 0

    assert await world.dispatcher.tick() == TickReport(sent=1)
    (nudge,) = world.nudges_of(commitment.id)
    assert (nudge.status, nudge.attempts) == (NudgeStatus.SENT, 2)
    assert len(world.messenger.sent) == 1


async def test_a_stale_claim_is_released_by_the_tick_after_the_timeout(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    commitment = await world.commit(ana, "call mum", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    await world.dispatcher.plan(world.clock.now(), TickReport())
    async with world.uow() as uow:
        await uow.nudges.claim_due(world.clock.now(), 10)
        await uow.commit()

    world.clock.advance(minutes=5)
    assert await world.dispatcher.tick() == TickReport()
    world.clock.advance(seconds=1)
    assert await world.dispatcher.tick() == TickReport(sent=1)
    (nudge,) = world.nudges_of(commitment.id)
    assert nudge.attempts == 2


async def test_person_without_chat_fails_instead_of_looping(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    commitment = await world.commit(ana, "call mum", time(21))
    # A person known only on another transport has no Telegram chat.
    await world.write(update(PersonRow).where(PersonRow.id == ana.id).values(chat_id=None))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    assert await world.dispatcher.tick() == TickReport(planned=1, failed=1)
    assert world.nudges_of(commitment.id)[0].status == NudgeStatus.FAILED


async def test_fall_back_day_sends_one_nudge_per_local_day_in_new_york(world: World) -> None:
    world.clock.set(local(NEW_YORK, 2026, 10, 30, 12, 0))
    ana = await world.person(101, "Ana", NEW_YORK)
    commitment = await world.commit(ana, "goodnight text", time(1, 30))
    end = local(NEW_YORK, 2026, 11, 3, 12, 0)
    while world.clock.now() < end:
        await world.dispatcher.tick()
        world.clock.advance(minutes=10)

    rows = world.nudges_of(commitment.id)
    assert [n.local_date for n in rows] == [
        date(2026, 10, 31),
        date(2026, 11, 1),
        date(2026, 11, 2),
        date(2026, 11, 3),
    ]
    assert all(n.status == NudgeStatus.SENT and not n.late for n in rows)
    assert len(world.messenger.sent) == 4
    # On the fall-back day the first 01:30 (EDT) is the one used.
    assert rows[1].due_at == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    assert rows[2].due_at == datetime(2026, 11, 2, 6, 30, tzinfo=UTC)


async def test_fall_back_and_spring_forward_in_madrid_at_half_past_two(world: World) -> None:
    world.clock.set(local(MADRID, 2026, 10, 23, 12, 0))
    ana = await world.person(101, "Ana", MADRID)
    commitment = await world.commit(ana, "take the pill", time(2, 30))
    end = local(MADRID, 2026, 10, 27, 12, 0)
    while world.clock.now() < end:
        await world.dispatcher.tick()
        world.clock.advance(minutes=15)
    days = [n.local_date for n in world.nudges_of(commitment.id)]
    assert days == [date(2026, 10, d) for d in (24, 25, 26, 27)]
    assert len(world.messenger.sent) == 4
