"""People: /start and time zones, where a change must neither repeat nor lose a local day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from bot.domain.errors import InvalidTimezone
from bot.domain.models import NudgeStatus, Pending
from bot.domain.people import Identity
from tests.unit.conftest import MADRID, NEW_YORK, World, local


async def test_start_registers_once_and_refreshes_the_name(world: World) -> None:
    person, new = await world.people.start(Identity(101, "Ana\u0000  ", "es-MX"))
    assert new
    assert (person.name, person.language, person.timezone) == ("Ana", "es", "UTC")
    again, new = await world.people.start(Identity(101, "Ana María"))
    assert not new and again.id == person.id and again.created_at == person.created_at
    assert world.fresh(person).name == "Ana María"
    assert len(world.store.people) == 1
    assert await world.people.find(Identity(101, "x")) == world.fresh(person)
    assert await world.people.find(Identity(999, "x")) is None


@pytest.mark.parametrize(
    "name",
    ["Mars/Olympus", "", "   ", "../etc/passwd", "/etc/localtime", "Europe/Madrid/..", "x" * 200],
)
async def test_bad_time_zone_names_are_refused(world: World, name: str) -> None:
    ana = await world.person(101, "Ana")
    commitment = await world.commit(ana, "call mum", time(21))
    with pytest.raises(InvalidTimezone) as caught:
        await world.people.set_timezone(ana, name)
    assert caught.value.params == {"name": name.strip()[:64]}
    assert world.fresh(ana).timezone == MADRID
    assert world.commitment(commitment.id) == commitment


async def test_a_good_name_is_stored_by_its_key(world: World) -> None:
    ana = await world.person(101, "Ana")
    assert await world.people.set_timezone(ana, "  Asia/Kathmandu ") == "Asia/Kathmandu"
    assert world.fresh(ana).timezone == "Asia/Kathmandu"


async def run(world: World, until: datetime, step: timedelta = timedelta(minutes=15)) -> None:
    """Tick the dispatcher every `step` up to an instant."""
    while world.clock.now() < until:
        await world.dispatcher.tick()
        world.clock.advance(step)


async def test_moving_west_after_todays_nudge_does_not_repeat_the_day(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    commitment = await world.commit(ana, "call mum", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    await world.dispatcher.tick()
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 30))  # 15:30 the same day in New York

    await world.people.set_timezone(world.fresh(ana), NEW_YORK)

    moved = world.commitment(commitment.id)
    assert moved.next_local_date == date(2026, 6, 11)
    assert moved.next_due_at == local(NEW_YORK, 2026, 6, 11, 21)
    # 21:00 in New York on the 10th comes and goes without a second nudge.
    await run(world, local(NEW_YORK, 2026, 6, 12, 12, 0))
    rows = world.nudges_of(commitment.id)
    assert [(n.local_date, n.status) for n in rows] == [
        (date(2026, 6, 10), NudgeStatus.SENT),
        (date(2026, 6, 11), NudgeStatus.SENT),
    ]
    assert rows[1].due_at == local(NEW_YORK, 2026, 6, 11, 21)
    assert len(world.messenger.sent) == 2


async def test_moving_east_before_todays_nudge_does_not_skip_the_day(world: World) -> None:
    ana = await world.person(101, "Ana", NEW_YORK)
    world.clock.set(local(NEW_YORK, 2026, 6, 10, 10, 0))
    commitment = await world.commit(ana, "call mum", time(21))
    world.clock.set(local(NEW_YORK, 2026, 6, 10, 16, 0))  # 22:00 in Madrid: 21:00 has passed there

    await world.people.set_timezone(world.fresh(ana), MADRID)

    moved = world.commitment(commitment.id)
    assert moved.next_local_date == date(2026, 6, 10)
    report = await world.dispatcher.tick()
    assert (report.planned, report.sent, report.skipped) == (1, 1, 0)
    (first,) = world.nudges_of(commitment.id)
    assert (first.local_date, first.late) == (date(2026, 6, 10), True)
    await run(world, local(MADRID, 2026, 6, 12, 12, 0))
    assert [n.local_date for n in world.nudges_of(commitment.id)] == [
        date(2026, 6, 10),
        date(2026, 6, 11),
    ]


async def test_moving_twice_in_a_day_still_gives_one_nudge_per_date(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 8, 0))
    commitment = await world.commit(ana, "morning text", time(9))
    for zone in (NEW_YORK, MADRID, NEW_YORK, "Asia/Kathmandu", MADRID):
        world.clock.advance(hours=2)
        await world.people.set_timezone(world.fresh(ana), zone)
        await world.dispatcher.tick()
    await run(world, local(MADRID, 2026, 6, 12, 12, 0))
    days = [n.local_date for n in world.nudges_of(commitment.id)]
    assert days == sorted(set(days))
    assert days == [date(2026, 6, 10), date(2026, 6, 11), date(2026, 6, 12)]


async def test_paused_commitments_stay_paused_across_a_move(world: World) -> None:
    ana = await world.person(101, "Ana")
    commitment = await world.commit(ana, "call mum", time(21))
    await world.commitments.pause(ana, commitment.id)
    await world.people.set_timezone(world.fresh(ana), NEW_YORK)
    assert world.commitment(commitment.id).next_due_at is None


async def test_start_clears_a_guided_step(world: World) -> None:
    ana = await world.person(101, "Ana")
    await world.commitments.begin(ana)
    assert world.fresh(ana).pending == Pending("commit_what")
    await world.people.start(Identity(101, "Ana"))
    assert world.fresh(ana).pending is None
