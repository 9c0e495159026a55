"""Answering late: a nudge is answerable on its day and to the end of the next local day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.errors import StaleButton
from bot.domain.models import Nudge, NudgeStatus, Person
from bot.domain.nudging import answer_window_open
from bot.domain.ports import Sent
from bot.texts import short_date, text
from tests.unit.conftest import MADRID, NEW_YORK, World

KATHMANDU = "Asia/Kathmandu"  # UTC+05:45, no daylight saving


def wall(zone: str, day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A wall-clock moment in a zone (aware)."""
    return datetime.combine(day, time(hour, minute, second), tzinfo=ZoneInfo(zone))


def message_of(nudge: Nudge) -> Sent:
    assert nudge.chat_id is not None and nudge.message_id is not None
    return Sent(nudge.chat_id, nudge.message_id)


async def two_nudges(world: World, zone: str, day: date) -> tuple[Person, Nudge, Nudge]:
    """Ana in `zone` with two 21:00 promises, both nudged (in one message) on `day`."""
    world.clock.set(wall(zone, day, 8))
    ana = await world.person(101, "Ana", zone)
    first = await world.commit(ana, "call mum", time(21))
    second = await world.commit(ana, "walk the dog", time(21))
    world.clock.set(wall(zone, day, 21))
    await world.dispatcher.tick()
    (one,) = world.nudges_of(first.id)
    (other,) = world.nudges_of(second.id)
    assert one.local_date == other.local_date == day
    assert one.status == other.status == NudgeStatus.SENT
    return world.fresh(ana), one, other


CASES = [
    pytest.param(MADRID, date(2026, 6, 10), id="madrid-summer"),
    pytest.param(KATHMANDU, date(2026, 6, 10), id="kathmandu"),
    # Spring forward in Madrid on Sunday 29 March 2026: the next day is 23 hours long...
    pytest.param(MADRID, date(2026, 3, 28), id="madrid-next-day-springs-forward"),
    pytest.param(MADRID, date(2026, 3, 29), id="madrid-nudged-on-spring-forward"),
    # ...and falls back on Sunday 25 October 2026: 25 hours long.
    pytest.param(MADRID, date(2026, 10, 24), id="madrid-next-day-falls-back"),
    pytest.param(NEW_YORK, date(2026, 10, 31), id="new-york-next-day-falls-back"),
    pytest.param(NEW_YORK, date(2026, 3, 7), id="new-york-next-day-springs-forward"),
]


@pytest.mark.parametrize(("zone", "day"), CASES)
async def test_answerable_until_the_last_second_of_the_next_local_day(
    world: World, zone: str, day: date
) -> None:
    ana, one, other = await two_nudges(world, zone, day)
    next_day = day + timedelta(days=1)
    last_second = wall(zone, next_day, 23, 59, 59)
    world.clock.set(last_second)

    await world.nudges.answer(ana, one.id, True, message_of(one))

    row = world.store.nudge(one.id)
    assert row.status == NudgeStatus.KEPT
    assert row.answered_at == last_second and row.answered_at is not None
    assert row.answered_at.tzinfo == UTC
    stamp = f"{short_date('en', next_day)}, 23:59"
    view = world.messenger.current(message_of(one))
    assert text("en", "nudge_line_kept", text="call mum", date=stamp) in view.text.splitlines()

    # One second later, at midnight starting the day after, the other nudge is closed.
    world.clock.set(wall(zone, day + timedelta(days=2), 0, 0))
    assert world.clock.now() - last_second == timedelta(seconds=1)
    edits = list(world.messenger.edits)
    with pytest.raises(StaleButton):
        await world.nudges.answer(ana, other.id, False, message_of(other))
    assert world.store.nudge(other.id).status == NudgeStatus.SENT
    assert world.store.nudge(other.id).answered_at is None
    assert world.messenger.edits == edits
    assert world.fresh(ana).pending is None


async def test_kathmandu_answers_stamp_utc_and_show_local_time(world: World) -> None:
    day = date(2026, 6, 10)
    ana, one, other = await two_nudges(world, KATHMANDU, day)
    # 00:30 on Thursday in Kathmandu is still Wednesday 18:45 in UTC.
    given = wall(KATHMANDU, date(2026, 6, 11), 0, 30)
    assert given.astimezone(UTC) == datetime(2026, 6, 10, 18, 45, tzinfo=UTC)
    world.clock.set(given)

    await world.nudges.answer(ana, one.id, False, message_of(one))

    row = world.store.nudge(one.id)
    assert row.answered_at == datetime(2026, 6, 10, 18, 45, tzinfo=UTC)
    assert row.answered_at is not None and row.answered_at.tzinfo == UTC
    view = world.messenger.current(message_of(one))
    assert (
        text("en", "nudge_line_missed", text="call mum", date="Thu 11 Jun, 00:30")
        in view.text.splitlines()
    )
    # Friday 00:00 in Kathmandu is Thursday 18:15 in UTC: the window is local, so it is closed.
    world.clock.set(wall(KATHMANDU, date(2026, 6, 12), 0, 0))
    assert world.clock.now().date() == date(2026, 6, 11)
    with pytest.raises(StaleButton):
        await world.nudges.answer(ana, other.id, True, None)
    assert world.store.nudge(other.id).status == NudgeStatus.SENT


@pytest.mark.parametrize(("zone", "day"), CASES)
async def test_today_lists_yesterdays_open_nudges_and_answers_them(
    world: World, zone: str, day: date
) -> None:
    ana, one, other = await two_nudges(world, zone, day)
    next_day = day + timedelta(days=1)
    world.clock.set(wall(zone, next_day, 21))
    await world.dispatcher.tick()
    todays = sorted(n.id for n in world.store.nudge_rows() if n.local_date == next_day)
    assert len(todays) == 2
    given = wall(zone, next_day, 23, 59, 59)
    world.clock.set(given)

    shown = await world.nudges.today(ana)

    assert shown.text.splitlines() == [
        text("en", "today_header", date=short_date("en", next_day)),
        "• call mum",
        "• walk the dog",
        "",
        text("en", "today_yesterday_header", date=short_date("en", day)),
        "• call mum",
        "• walk the dog",
    ]
    assert [b.action for row in shown.buttons for b in row][6:] == [
        f"k:{one.id}",
        f"m:{one.id}",
        f"z:{one.id}",
        f"k:{other.id}",
        f"m:{other.id}",
        f"z:{other.id}",
    ]
    listing = await world.messenger.send(101, shown)

    await world.nudges.answer(ana, other.id, True, listing)

    row = world.store.nudge(other.id)
    assert row.status == NudgeStatus.KEPT and row.answered_at == given
    assert [e.sent for e in world.messenger.edits] == [message_of(other), listing]
    refreshed = world.messenger.current(listing)
    assert refreshed.text.splitlines()[-2:] == [
        text("en", "today_yesterday_header", date=short_date("en", day)),
        "• call mum",
    ]
    assert [b.action for row in refreshed.buttons for b in row][6:] == [
        f"k:{one.id}",
        f"m:{one.id}",
        f"z:{one.id}",
    ]
    original = world.messenger.current(message_of(other))
    stamp = f"{short_date('en', next_day)}, 23:59"
    assert text("en", "nudge_line_kept", text="walk the dog", date=stamp) in original.text

    # From midnight on, the nudge of two days ago is no longer listed, nor answerable.
    world.clock.set(wall(zone, day + timedelta(days=2), 0, 0))
    later = await world.nudges.today(world.fresh(ana))
    assert short_date("en", day) not in later.text
    assert f"k:{one.id}" not in [b.action for row in later.buttons for b in row]
    with pytest.raises(StaleButton):
        await world.nudges.answer(ana, one.id, True, listing)


def nudge_on(day: date) -> Nudge:
    return Nudge(1, 1, 1, day, datetime(2026, 6, 10, 19, tzinfo=UTC), NudgeStatus.SENT)


def test_the_window_rule_is_its_day_and_the_next() -> None:
    day = date(2026, 6, 10)
    assert not answer_window_open(nudge_on(day), day + timedelta(days=2))
    assert answer_window_open(nudge_on(day), day + timedelta(days=1))
    assert answer_window_open(nudge_on(day), day)
    # A month end and a year end are no different.
    assert answer_window_open(nudge_on(date(2026, 12, 31)), date(2027, 1, 1))
    assert not answer_window_open(nudge_on(date(2026, 12, 31)), date(2027, 1, 2))
