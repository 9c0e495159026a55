"""Holidays: /pause <days> and /resume. No nudges while paused, and no penalty either."""

from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.dispatch import TickReport
from bot.domain.errors import BadPauseDays
from bot.domain.holidays import MAX_PAUSE_DAYS, HolidayService, parse_days
from bot.domain.models import NudgeStatus, Person
from bot.domain.ports import Sent
from bot.domain.progress import Honesty, commitment_progress, honesty
from bot.texts import text
from tests.unit.conftest import MADRID, World, daily_score, local

GROUP = -1000
# The world starts on Wednesday 10 June 2026 at 08:00 in Madrid.
TODAY = date(2026, 6, 10)


@pytest.fixture
def holidays(world: World) -> HolidayService:
    """The holiday use cases over the world's fakes."""
    return HolidayService(world.uow, world.clock, world.messenger)


async def tick_at(world: World, day: int, hour: int, minute: int = 0) -> TickReport:
    """One dispatcher tick at a wall-clock moment of June 2026 in Madrid."""
    world.clock.set(local(MADRID, 2026, 6, day, hour, minute))
    return await world.dispatcher.tick()


async def answer_todays(world: World, person: Person, commitment_id: int, kept: bool) -> None:
    """Answer the commitment's nudge of the clock's local day, five minutes later."""
    world.clock.advance(minutes=5)
    day = world.clock.now().astimezone(ZoneInfo(MADRID)).date()
    (nudge,) = [n for n in world.nudges_of(commitment_id) if n.local_date == day]
    await world.nudges.answer(world.fresh(person), nudge.id, kept, None)


@pytest.mark.parametrize("days", range(1, MAX_PAUSE_DAYS + 1))
async def test_one_to_sixty_days_are_accepted(
    world: World, holidays: HolidayService, days: int
) -> None:
    ana, _ = await world.couple()

    last = await holidays.pause(ana, str(days))

    assert last == TODAY + timedelta(days=days - 1)
    assert world.fresh(ana).paused_until == last


@pytest.mark.parametrize("raw", ["0", "61", "-3", "abc", "7.5", "", " ", "+3", "1e1", "٣", "100"])
async def test_other_day_counts_are_refused_and_change_nothing(
    world: World, holidays: HolidayService, raw: str
) -> None:
    ana, _ = await world.couple()
    await world.commit(ana, "call mum", time(21))
    people, commitments = dict(world.store.people), dict(world.store.commitments)
    commits = world.store.commits

    with pytest.raises(BadPauseDays) as caught:
        await holidays.pause(ana, raw)

    assert caught.value.params == {"limit": 60}
    assert world.store.people == people and world.store.commitments == commitments
    assert world.store.commits == commits
    assert world.messenger.sent == []
    with pytest.raises(BadPauseDays):
        parse_days(raw)


def test_parse_days_reads_whole_numbers_with_spaces_around() -> None:
    assert parse_days(" 7 ") == 7
    assert parse_days("01") == 1
    assert parse_days("60") == 60


async def test_paused_days_leave_no_row_and_send_nothing(
    world: World, holidays: HolidayService
) -> None:
    ana, _ = await world.couple()
    commitment = await world.commit(ana, "call mum", time(21))
    await holidays.pause(world.fresh(ana), "3")  # Wed 10, Thu 11 and Fri 12 June
    world.messenger.sent.clear()

    for day in (10, 11, 12):
        for hour, minute in ((20, 59), (21, 0), (21, 1), (23, 59)):
            assert await tick_at(world, day, hour, minute) == TickReport()

    assert world.nudges_of(commitment.id) == []
    assert world.messenger.sent == []
    # The day after the holiday the nudge comes again, at its usual time.
    assert await tick_at(world, 13, 20, 59) == TickReport()
    report = await tick_at(world, 13, 21, 0)
    assert (report.planned, report.sent, report.skipped) == (1, 1, 0)
    (nudge,) = world.nudges_of(commitment.id)
    assert (nudge.local_date, nudge.status) == (date(2026, 6, 13), NudgeStatus.SENT)
    (message,) = world.messenger.sent
    assert message.chat_id == 101 and message.ref == Sent(101, nudge.message_id or 0)
    assert [b.action for row in message.message.buttons for b in row] == [
        f"k:{nudge.id}",
        f"m:{nudge.id}",
        f"z:{nudge.id}",
    ]


async def test_paused_days_are_not_recorded_as_skipped_after_downtime(
    world: World, holidays: HolidayService
) -> None:
    ana, _ = await world.couple()
    commitment = await world.commit(ana, "call mum", time(21))
    await holidays.pause(world.fresh(ana), "3")
    world.messenger.sent.clear()

    # The bot was down for the whole holiday and comes back on Saturday evening.
    report = await tick_at(world, 13, 21, 30)

    assert (report.planned, report.skipped) == (1, 0)
    (nudge,) = world.nudges_of(commitment.id)
    assert nudge.local_date == date(2026, 6, 13) and nudge.late
    assert [m.chat_id for m in world.messenger.sent] == [101]


async def test_paused_days_count_neither_as_kept_nor_as_missed(
    world: World, holidays: HolidayService
) -> None:
    world.clock.set(local(MADRID, 2026, 6, 7, 8, 0))
    ana, _ = await world.couple()
    commitment = await world.commit(ana, "call mum", time(21))
    for day, kept in ((7, False), (8, True), (9, True)):
        await tick_at(world, day, 21)
        await answer_todays(world, ana, commitment.id, kept)
    world.clock.set(local(MADRID, 2026, 6, 10, 8, 0))
    await holidays.pause(world.fresh(ana), "3")
    for day in (10, 11, 12):
        await tick_at(world, day, 21)
    await tick_at(world, 13, 21)
    await answer_todays(world, ana, commitment.id, True)
    world.clock.set(local(MADRID, 2026, 6, 13, 22, 0))
    today = date(2026, 6, 13)

    rows = world.nudges_of(commitment.id)
    assert [n.local_date.day for n in rows] == [7, 8, 9, 13]
    facts = commitment_progress(world.commitment(commitment.id), rows, today)
    # Three kept of four due days: the holiday is neither kept nor missed.
    assert (facts.rate_7, facts.rate_28) == (0.75, 0.75)
    assert facts.consistency == pytest.approx(daily_score([False, True, True, True]))
    # The streak goes on across the holiday.
    assert facts.streak == 3
    assert honesty(rows, today - timedelta(days=27), today, today) == Honesty(4, 4)

    view = await world.progress.personal(world.fresh(ana))
    lines = view.text.splitlines()
    score = f"{round(daily_score([False, True, True, True]) * 100)} %"
    assert (
        text(
            "en",
            "progress_line",
            text="call mum",
            rate_7="75 %",
            rate_28="75 %",
            score=score,
            streak=3,
        )
        in lines
    )
    assert text("en", "progress_honesty", answered=4, due=4) in lines


async def test_resume_mid_pause_brings_back_the_rest_of_todays_nudges(
    world: World, holidays: HolidayService
) -> None:
    ana, _ = await world.couple()
    morning = await world.commit(ana, "morning text", time(9))
    evening = await world.commit(ana, "call mum", time(21))
    await holidays.pause(world.fresh(ana), "3")
    await tick_at(world, 10, 9)
    await tick_at(world, 10, 21)
    await tick_at(world, 11, 9)
    world.messenger.sent.clear()

    world.clock.set(local(MADRID, 2026, 6, 11, 12, 0))
    await holidays.resume(world.fresh(ana))

    assert world.fresh(ana).paused_until is None
    (told,) = world.messenger.sent
    assert told.chat_id == 202
    assert told.message.text == text("en", "partner_resumed", name="Ana")
    world.messenger.sent.clear()
    # This morning's nudge fell in the holiday; tonight's is still to come and comes.
    assert await tick_at(world, 11, 20, 59) == TickReport()
    await tick_at(world, 11, 21)
    (tonight,) = world.nudges_of(evening.id)
    assert (tonight.local_date, tonight.status) == (date(2026, 6, 11), NudgeStatus.SENT)
    assert world.nudges_of(morning.id) == []
    assert [m.chat_id for m in world.messenger.sent] == [101]
    assert "call mum" in world.messenger.sent[0].message.text
    # Tomorrow (still inside the cancelled holiday) both come as usual.
    await tick_at(world, 12, 9)
    assert [n.local_date for n in world.nudges_of(morning.id)] == [date(2026, 6, 12)]


async def test_the_partner_is_told_privately_of_the_pause_and_the_resume(
    world: World, holidays: HolidayService
) -> None:
    ana, _ = await world.couple()
    await world.pairing.link(ana, GROUP)
    world.messenger.sent.clear()

    await holidays.pause(world.fresh(ana), "3")

    (told,) = world.messenger.sent
    assert told.chat_id == 202
    assert told.message.text == text("en", "partner_paused", name="Ana", until="Fri 12 Jun")
    assert told.message.buttons == ()

    world.clock.advance(hours=4)
    await holidays.resume(world.fresh(ana))

    assert [m.chat_id for m in world.messenger.sent] == [202, 202]
    assert world.messenger.sent[1].message.text == text("en", "partner_resumed", name="Ana")
    assert world.messenger.to(GROUP) == [] and world.messenger.to(101) == []


async def test_resume_without_a_running_holiday_tells_the_partner_nothing(
    world: World, holidays: HolidayService
) -> None:
    ana, _ = await world.couple()

    await holidays.resume(world.fresh(ana))
    assert world.messenger.sent == []

    # A holiday that ended by itself is not "resumed" either.
    await holidays.pause(world.fresh(ana), "1")
    world.messenger.sent.clear()
    world.clock.set(local(MADRID, 2026, 6, 11, 9, 0))
    await holidays.resume(world.fresh(ana))
    assert world.messenger.sent == []


async def test_a_person_without_a_partner_can_take_a_holiday(
    world: World, holidays: HolidayService
) -> None:
    carl = await world.person(303, "Carl")

    assert await holidays.pause(carl, "2") == date(2026, 6, 11)
    await holidays.resume(world.fresh(carl))

    assert world.messenger.sent == []
    assert world.fresh(carl).paused_until is None


async def test_today_during_a_holiday_promises_no_nudge_for_later(
    world: World, holidays: HolidayService
) -> None:
    ana, _ = await world.couple()
    await world.commit(ana, "call mum", time(21))
    assert (
        text("en", "today_later", text="call mum", time="21:00")
        in (await world.nudges.today(world.fresh(ana))).text
    )

    await holidays.pause(world.fresh(ana), "2")

    shown = await world.nudges.today(world.fresh(ana))
    assert "later today" not in shown.text
    await holidays.resume(world.fresh(ana))
    assert (
        text("en", "today_later", text="call mum", time="21:00")
        in (await world.nudges.today(world.fresh(ana))).text
    )
