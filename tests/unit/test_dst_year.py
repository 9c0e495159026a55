"""A simulated year of nudges across daylight-saving changes and odd offsets, and zone changes.

The expected instant of a nudge is computed here independently of bot.domain.schedule: it is
the first UTC minute at which the local clock reads the commitment's time or later that day.
That one rule gives the plain case, the first valid instant after a skipped time, and the first
of the two instants of a repeated time.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest

from bot.domain.models import Commitment, NudgeStatus, Person
from bot.domain.schedule import EVERY_DAY, is_scheduled
from tests.unit.conftest import World
from tests.weekdays import mask_of

YEAR = 2026
FIRST_DAY = date(YEAR, 1, 1)
LAST_DAY = date(YEAR, 12, 31)
ONE_MINUTE = timedelta(minutes=1)
SUNDAYS = mask_of([6])
# Every zone shares these; Madrid's 02:30 falls in both the skipped and the repeated hour, New
# York's in the skipped one. Lord Howe moves by 30 minutes at 02:00: 02:15 is skipped and 01:45
# repeated there. Kathmandu (+05:45) never changes. Sunday-only 02:30 meets every change day of
# these zones, which all fall on Sundays.
TIMES = (time(0, 30), time(2, 30), time(9, 0), time(23, 59))
EXTRA_TIMES = {"Australia/Lord_Howe": (time(1, 45), time(2, 15))}
ZONES = ("Europe/Madrid", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu")


@cache
def offsets(zone_name: str) -> tuple[timedelta, timedelta]:
    """The smallest and largest UTC offset of a zone around the simulated year."""
    zone = ZoneInfo(zone_name)
    start = datetime(YEAR - 1, 12, 1, tzinfo=UTC)
    seen = set()
    for hours in range(0, 24 * 400, 6):
        offset = (start + timedelta(hours=hours)).astimezone(zone).utcoffset()
        assert offset is not None
        seen.add(offset)
    return min(seen), max(seen)


def wall_clock(instant: datetime, zone: ZoneInfo) -> datetime:
    """What a clock on the wall reads at an instant (naive)."""
    return instant.astimezone(zone).replace(tzinfo=None)


def expected_instant(day: date, at: time, zone_name: str) -> datetime:
    """The first minute at which the local clock reads `at` or later on `day`."""
    zone = ZoneInfo(zone_name)
    target = datetime.combine(day, at)
    low, high = offsets(zone_name)
    # wall = utc + offset, and the offset lies in [low, high]: the answer is in this window.
    instant = (target - high).replace(tzinfo=UTC)
    while instant <= (target - low).replace(tzinfo=UTC):
        if wall_clock(instant, zone) >= target:
            assert wall_clock(instant, zone).date() == day
            return instant
        instant += ONE_MINUTE
    raise AssertionError(f"no instant for {day} {at} in {zone_name}")


def next_due(world: World, commitments: list[Commitment]) -> datetime:
    """The earliest next nudge among some commitments."""
    dues = [world.commitment(c.id).next_due_at for c in commitments]
    assert all(due is not None for due in dues)
    return min(due for due in dues if due is not None)


async def run_until(world: World, commitments: list[Commitment], end: datetime) -> int:
    """Tick a second before and at every due instant until `end`; return the ticks at due."""
    ticks = 0
    while (due := next_due(world, commitments)) <= end:
        assert due > world.clock.now(), "a commitment's next nudge lies in the past"
        world.clock.set(due - timedelta(seconds=1))
        early = await world.dispatcher.tick()
        assert early.planned == early.sent == 0, f"something went out before {due}"
        world.clock.set(due)
        report = await world.dispatcher.tick()
        assert report.sent >= 1 and report.failed == report.retried == report.skipped == 0
        ticks += 1
    return ticks


def days_of_year(mask: int) -> list[date]:
    """The scheduled dates of the simulated year."""
    days = [FIRST_DAY + timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    return [day for day in days if is_scheduled(mask, day)]


@pytest.mark.parametrize("zone_name", ZONES)
async def test_one_nudge_per_local_day_for_a_whole_year(world: World, zone_name: str) -> None:
    world.clock.set(datetime(YEAR - 1, 12, 30, 12, tzinfo=UTC))
    schedule = [(at, EVERY_DAY) for at in (*TIMES, *EXTRA_TIMES.get(zone_name, ()))]
    schedule.append((time(2, 30), SUNDAYS))
    people: list[Person] = []
    commitments: list[Commitment] = []
    for number, (at, mask) in enumerate(schedule):
        person = await world.person(500 + number, f"P{number}", zone_name)
        people.append(person)
        commitments.append(await world.commit(person, f"promise at {at:%H:%M}", at, mask))

    # Ends once 31 December is over everywhere.
    await run_until(world, commitments, datetime(YEAR + 1, 1, 1, 14, tzinfo=UTC))

    for person, commitment, (at, mask) in zip(people, commitments, schedule, strict=True):
        rows = [n for n in world.nudges_of(commitment.id) if n.local_date.year == YEAR]
        expected_days = days_of_year(mask)
        assert [n.local_date for n in rows] == expected_days, f"{at} in {zone_name}"
        for nudge in rows:
            due = expected_instant(nudge.local_date, at, zone_name)
            assert nudge.due_at == due, f"{nudge.local_date} {at} in {zone_name}"
            assert (nudge.status, nudge.late, nudge.attempts) == (NudgeStatus.SENT, False, 1)
            assert nudge.sent_at == due
        # One message each, never two in one local day.
        sent_days = Counter(
            wall_clock(n.sent_at, ZoneInfo(zone_name)).date() for n in rows if n.sent_at
        )
        assert max(sent_days.values()) == 1
        assert len(world.messenger.to(person.chat_id or 0)) >= len(expected_days)


def test_the_expected_instants_cover_the_awkward_cases() -> None:
    """The independent rule itself, on the days that make it interesting."""
    # Madrid: 02:30 does not exist on 29 March (03:00 CEST is the first valid instant) and
    # happens twice on 25 October (the first is 00:30 UTC, still CEST).
    assert expected_instant(date(2026, 3, 29), time(2, 30), "Europe/Madrid") == datetime(
        2026, 3, 29, 1, 0, tzinfo=UTC
    )
    assert expected_instant(date(2026, 10, 25), time(2, 30), "Europe/Madrid") == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )
    # Lord Howe springs forward from 02:00 to 02:30 on 4 October and falls back from 02:00 to
    # 01:30 on 5 April; its offset is +10:30 in winter, +11 in summer.
    assert expected_instant(date(2026, 10, 4), time(2, 15), "Australia/Lord_Howe") == datetime(
        2026, 10, 3, 15, 30, tzinfo=UTC
    )
    assert expected_instant(date(2026, 4, 5), time(1, 45), "Australia/Lord_Howe") == datetime(
        2026, 4, 4, 14, 45, tzinfo=UTC
    )
    assert expected_instant(date(2026, 6, 1), time(9), "Asia/Kathmandu") == datetime(
        2026, 6, 1, 3, 15, tzinfo=UTC
    )


MOVES = (("Europe/Madrid", "America/New_York"), ("America/New_York", "Asia/Tokyo"))
# Local times (in the zone being left) at which the person changes zone, around each nudge.
CHANGE_AT = (time(0, 10), time(0, 40), time(8, 50), time(9, 10), time(15, 0), time(23, 50))
MOVE_TIMES = (time(0, 30), time(9, 0), time(23, 59))


@pytest.mark.parametrize("change_at", CHANGE_AT, ids=lambda t: t.strftime("%H%M"))
@pytest.mark.parametrize("move", MOVES, ids=lambda m: f"{m[0]}->{m[1]}".replace("/", "_"))
async def test_changing_time_zone_neither_repeats_nor_loses_a_day(
    world: World, move: tuple[str, str], change_at: time
) -> None:
    old, new = move
    world.clock.set(datetime(2026, 6, 7, 12, tzinfo=ZoneInfo(old)))
    person = await world.person(700, "Traveller", old)
    commitments = [await world.commit(person, f"at {at:%H:%M}", at) for at in MOVE_TIMES]

    change = datetime.combine(date(2026, 6, 10), change_at, tzinfo=ZoneInfo(old))
    await run_until(world, commitments, change)
    world.clock.set(change)
    await world.dispatcher.tick()
    await world.people.set_timezone(world.fresh(person), new)
    await world.dispatcher.tick()  # anything owed in the new zone goes now
    await run_until(world, commitments, datetime(2026, 6, 14, 12, tzinfo=UTC))

    for commitment in commitments:
        rows = world.nudges_of(commitment.id)
        days = [n.local_date for n in rows]
        assert len(days) == len(set(days)), f"a local day twice: {days}"
        first, last = min(days), max(days)
        assert sorted(days) == [first + timedelta(days=n) for n in range((last - first).days + 1)]
        assert first <= date(2026, 6, 8) and last >= date(2026, 6, 13)
        assert all(n.status == NudgeStatus.SENT for n in rows), [n.status for n in rows]
        # After the move a nudge comes at its local time in the new zone, late at once, or (the
        # day still running in the zone left) at its time there.
        for nudge in rows:
            if nudge.sent_at is None or nudge.sent_at <= change:
                continue
            at = commitment.local_time
            here = wall_clock(nudge.sent_at, ZoneInfo(new)).time() == at
            there = wall_clock(nudge.sent_at, ZoneInfo(old)) == datetime.combine(
                wall_clock(change, ZoneInfo(old)).date(), at
            )
            assert here or there or nudge.sent_at == change, nudge
