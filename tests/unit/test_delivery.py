"""Delivery under failure: quick retries within a tick, retry_after, a stop and an abort."""

from __future__ import annotations

import asyncio
from datetime import time, timedelta

from bot.db.leader import SingleInstance
from bot.domain.dispatch import QUICK_RETRIES, TICK_BUDGET, Dispatcher, TickReport, backoff
from bot.domain.models import NudgeStatus
from bot.domain.ports import Outgoing, Sent, TryLater
from bot.texts import text
from jobs.leadership import LeaderGate
from jobs.nudges import NudgeTick
from tests.fakes import RecordingMessenger
from tests.unit.conftest import MADRID, World, local


class Pauses:
    """The dispatcher's sleep in tests: moves the world's clock instead of waiting."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.taken: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.taken.append(seconds)
        self.world.clock.advance(seconds=seconds)


def quick_dispatcher(world: World, pauses: Pauses) -> Dispatcher:
    """A dispatcher that retries within the tick, as the process runs it."""
    return Dispatcher(
        world.uow, world.messenger, world.clock, quick_retries=QUICK_RETRIES, sleep=pauses
    )


async def due_at_nine(world: World, chat_id: int = 101, name: str = "Ana") -> int:
    """A person whose 21:00 nudge is due now; the commitment id."""
    ana = await world.person(chat_id, name)
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    commitment = await world.commit(ana, "call mum", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    return commitment.id


async def test_transient_failures_are_retried_within_the_tick_with_growing_waits(
    world: World,
) -> None:
    commitment_id = await due_at_nine(world)
    pauses = Pauses(world)
    world.messenger.fail_next(3, TryLater())

    report = await quick_dispatcher(world, pauses).tick()

    assert report == TickReport(planned=1, sent=1, retried=3)
    assert pauses.taken == [1.0, 2.0, 4.0]
    (nudge,) = world.nudges_of(commitment_id)
    assert (nudge.status, nudge.attempts) == (NudgeStatus.SENT, 4)
    assert len(world.messenger.sent) == 1 and world.messenger.attempts == 4


async def test_retry_after_is_obeyed_within_the_tick(world: World) -> None:
    commitment_id = await due_at_nine(world)
    pauses = Pauses(world)
    world.messenger.fail_next(1, TryLater(retry_after=3))

    assert await quick_dispatcher(world, pauses).tick() == TickReport(planned=1, sent=1, retried=1)
    assert pauses.taken == [3.0]
    (nudge,) = world.nudges_of(commitment_id)
    assert nudge.sent_at == local(MADRID, 2026, 6, 10, 21, 0) + timedelta(seconds=3)


async def test_a_long_retry_after_is_left_to_a_later_tick(world: World) -> None:
    commitment_id = await due_at_nine(world)
    pauses = Pauses(world)
    dispatcher = quick_dispatcher(world, pauses)
    world.messenger.fail_next(1, TryLater(retry_after=90))

    assert await dispatcher.tick() == TickReport(planned=1, retried=1)
    assert pauses.taken == []
    (nudge,) = world.nudges_of(commitment_id)
    assert nudge.next_attempt_at == world.clock.now() + timedelta(seconds=90)

    world.clock.advance(seconds=89)
    assert await dispatcher.tick() == TickReport()
    world.clock.advance(seconds=1)
    assert await dispatcher.tick() == TickReport(sent=1)


async def test_after_the_quick_retries_the_backoff_goes_to_later_ticks(world: World) -> None:
    commitment_id = await due_at_nine(world)
    pauses = Pauses(world)
    dispatcher = quick_dispatcher(world, pauses)
    world.messenger.fail_next(5, TryLater())

    assert await dispatcher.tick() == TickReport(planned=1, retried=4)
    assert pauses.taken == [1.0, 2.0, 4.0]
    (nudge,) = world.nudges_of(commitment_id)
    assert nudge.attempts == 4 and nudge.status == NudgeStatus.DUE
    assert nudge.next_attempt_at == world.clock.now() + backoff(4)
    assert nudge.next_attempt_at > local(MADRID, 2026, 6, 10, 21, 0) + TICK_BUDGET
    world.clock.advance(backoff(4))
    assert await dispatcher.tick() == TickReport(retried=1)  # the fifth failure
    world.clock.advance(backoff(5))
    assert await dispatcher.tick() == TickReport(sent=1)
    assert len(world.messenger.sent) == 1


class HeldMessenger(RecordingMessenger):
    """Sends wait until released, one by one: a slow transport with messages in flight."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = asyncio.Queue[asyncio.Event]()

    async def send(self, chat_id: int, message: Outgoing) -> Sent:
        """Record after the test lets this send finish."""
        go = asyncio.Event()
        await self.waiting.put(go)
        await go.wait()
        return await super().send(chat_id, message)


async def test_a_stop_finishes_the_send_in_flight_and_hands_back_the_rest(world: World) -> None:
    ids = [await due_at_nine(world, 101 + n, f"P{n}") for n in range(4)]
    held = HeldMessenger()
    dispatcher = Dispatcher(world.uow, held, world.clock)
    tick = asyncio.create_task(dispatcher.tick())

    (await held.waiting.get()).set()  # the first goes through
    in_flight = await held.waiting.get()
    dispatcher.stop()
    in_flight.set()
    report = await asyncio.wait_for(tick, 5)

    assert report == TickReport(planned=4, sent=2)
    rows = [world.nudges_of(i)[0] for i in ids]
    assert [n.status for n in rows] == [NudgeStatus.SENT] * 2 + [NudgeStatus.DUE] * 2
    assert all(world.store.claimed_at(n.id) is None for n in rows)
    assert len(held.sent) == 2

    # The next start sends the two left, once each.
    assert await Dispatcher(world.uow, world.messenger, world.clock).tick() == TickReport(sent=2)
    assert [m.chat_id for m in world.messenger.sent] == [103, 104]


async def test_an_abort_gives_up_the_send_in_flight_and_hands_its_rows_back(world: World) -> None:
    commitment_id = await due_at_nine(world)
    held = HeldMessenger()
    dispatcher = Dispatcher(world.uow, held, world.clock)
    tick = asyncio.create_task(dispatcher.tick())
    await held.waiting.get()  # in flight, and never answered

    dispatcher.abort()
    report = await asyncio.wait_for(tick, 5)

    assert report == TickReport(planned=1)
    (nudge,) = world.nudges_of(commitment_id)
    assert (nudge.status, nudge.attempts) == (NudgeStatus.DUE, 1)
    assert world.store.claimed_at(nudge.id) is None
    assert held.sent == []


async def test_a_stop_ends_a_wait_for_a_retry(world: World) -> None:
    commitment_id = await due_at_nine(world)
    world.messenger.fail_next(1, TryLater(retry_after=30))
    slept = asyncio.Event()

    async def sleep_forever(seconds: float) -> None:
        slept.set()
        await asyncio.Event().wait()

    dispatcher = Dispatcher(
        world.uow, world.messenger, world.clock, quick_retries=QUICK_RETRIES, sleep=sleep_forever
    )
    tick = asyncio.create_task(dispatcher.tick())
    await asyncio.wait_for(slept.wait(), 5)
    dispatcher.stop()

    assert await asyncio.wait_for(tick, 5) == TickReport(planned=1, retried=1)
    (nudge,) = world.nudges_of(commitment_id)
    assert nudge.status == NudgeStatus.DUE


async def test_a_nudge_handed_back_and_sent_hours_later_says_it_is_late(world: World) -> None:
    commitment_id = await due_at_nine(world)
    held = HeldMessenger()
    first = Dispatcher(world.uow, held, world.clock)
    tick = asyncio.create_task(first.tick())
    await held.waiting.get()
    first.abort()
    await asyncio.wait_for(tick, 5)

    world.clock.set(local(MADRID, 2026, 6, 10, 23, 30))  # back 2.5 hours later, same day
    assert await world.dispatcher.tick() == TickReport(sent=1)
    (message,) = world.messenger.sent
    assert text("en", "nudge_late_note") in message.message.text
    (nudge,) = world.nudges_of(commitment_id)
    assert nudge.status == NudgeStatus.SENT


async def test_a_nudge_handed_back_is_not_sent_once_its_day_is_over(world: World) -> None:
    commitment_id = await due_at_nine(world)
    held = HeldMessenger()
    first = Dispatcher(world.uow, held, world.clock)
    tick = asyncio.create_task(first.tick())
    await held.waiting.get()
    first.abort()
    await asyncio.wait_for(tick, 5)

    world.clock.set(local(MADRID, 2026, 6, 11, 0, 30))  # back after midnight
    assert await world.dispatcher.tick() == TickReport(skipped=1)
    assert world.messenger.sent == []
    (nudge,) = world.nudges_of(commitment_id)
    assert nudge.status == NudgeStatus.SKIPPED


async def test_the_tick_drain_waits_then_abandons_a_hanging_send(world: World) -> None:
    commitment_id = await due_at_nine(world)
    held = HeldMessenger()
    dispatcher = Dispatcher(world.uow, held, world.clock)
    tick = NudgeTick(dispatcher, LeaderGate(SingleInstance(), dispatcher.recover))
    running = asyncio.create_task(tick.run())
    await held.waiting.get()  # in flight, never answered

    assert await tick.drain(0.05) is False
    await asyncio.wait_for(running, 5)

    (nudge,) = world.nudges_of(commitment_id)
    assert (nudge.status, world.store.claimed_at(nudge.id)) == (NudgeStatus.DUE, None)
    assert await tick.drain(0.05) is True  # nothing left in flight
