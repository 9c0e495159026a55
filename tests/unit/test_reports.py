"""/progress: a person's figures over a known ledger, and the couple's view in their group."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bot.domain.errors import GroupNotLinked, NotAPartner
from bot.domain.models import CheckinAnswer, CommitmentState, NudgeStatus, Person
from bot.texts import text
from tests.fakes import PNG_SIGNATURE
from tests.unit.conftest import MADRID, World, daily_score, local

GROUP = -4000
# Wednesday 10 June 2026, 22:00 in Madrid: today's 21:00 nudge is sent and not yet answered.
NOW = local(MADRID, 2026, 6, 10, 22, 0)
TODAY = date(2026, 6, 10)
K, M, S = NudgeStatus.KEPT, NudgeStatus.MISSED, NudgeStatus.SKIPPED


def known_ledger() -> dict[date, NudgeStatus]:
    """Six weeks of a daily promise, oldest first.

    1-13 May missed (outside the 28 days); from 14 May kept, except misses on 20 May and 5 June
    and a day skipped on 7 June while the bot was down; today's nudge is still open.
    """
    days: dict[date, NudgeStatus] = {}
    day = date(2026, 5, 1)
    while day < TODAY:
        days[day] = M if day < date(2026, 5, 14) else K
        day += timedelta(days=1)
    days[date(2026, 5, 20)] = M
    days[date(2026, 6, 5)] = M
    days[date(2026, 6, 7)] = S
    days[TODAY] = NudgeStatus.SENT
    return days


def score_of(days: dict[date, NudgeStatus]) -> float:
    """The expected score: settled due days in order (skipped and today's open one left out)."""
    return daily_score([days[d] == K for d in sorted(days) if days[d] in (K, M)])


async def with_trust(world: World, person: Person, weeks: dict[int, int]) -> None:
    """Revealed check-ins of 2026 with this person's trust rating per ISO week."""
    assert person.couple_id is not None
    async with world.uow() as uow:
        for week, trust in weeks.items():
            opened = datetime.fromisocalendar(2026, week, 7).replace(tzinfo=NOW.tzinfo)
            checkin = await uow.checkins.add_if_absent(person.couple_id, 2026, week, opened)
            assert checkin is not None
            await uow.checkins.save_answer(
                CheckinAnswer(checkin.id, person.id, trust=trust, progress="yes", safety=3),
                opened,
            )
            assert await uow.checkins.close(checkin.id, opened + timedelta(hours=1))
        await uow.commit()


async def test_personal_view_for_a_known_ledger(world: World) -> None:
    ana, _ = await world.couple()
    world.clock.set(NOW)
    days = known_ledger()
    await world.ledger(ana, days, words="call mum")
    await world.ledger(ana, {}, words="dishes")
    gone = await world.ledger(ana, {TODAY - timedelta(days=1): K}, words="old promise")
    async with world.uow() as uow:
        await uow.commitments.set_state(gone.id, CommitmentState.DELETED)
        await uow.commit()
    await with_trust(world, ana, {22: 3, 23: 4})

    view = await world.progress.personal(world.fresh(ana))

    lines = view.text.splitlines()
    # 7 days (4-10 June): 4 kept of 5 due; the skipped day and today's open nudge do not count.
    # 28 days (14 May-10 June): 24 kept of 26 due. Streak: 6, 8 and 9 June (7 June skipped).
    assert (
        text(
            "en",
            "progress_line",
            text="call mum",
            rate_7="80 %",
            rate_28="92 %",
            score=f"{round(score_of(days) * 100)} %",
            streak=3,
        )
        in lines
    )
    # Nothing due yet: a sentence, not dashes and zeros.
    assert text("en", "progress_line_new", text="dishes") in lines
    assert not any("—" in line for line in lines)
    assert "old promise" not in view.text
    assert text("en", "progress_trust", trend="3 → 4") in lines
    assert lines[0] == text("en", "progress_header")

    (chart,) = world.charts.calls
    assert view.chart.startswith(PNG_SIGNATURE) and view.chart.endswith(b"chart 1")
    assert view.caption == text("en", "chart_caption")
    assert chart.title == text("en", "chart_title")
    # Weeks named by their Mondays, 23 March (ISO week 13) to 8 June (week 24).
    assert chart.week_labels[:3] == ("23 Mar", "30 Mar", "6 Apr")
    assert chart.week_labels[-2:] == ("1 Jun", "8 Jun") and len(chart.week_labels) == 12
    (series,) = chart.people
    assert series.name == "Ana"
    assert list(series.trust[-3:]) == [3, 4, None]
    # Week 23 (1-7 June): 5 kept of 6 due; week 24 so far: 8 and 9 June kept, today open.
    assert list(series.kept_rate[-2:]) == [5 / 6, 1.0]


async def test_personal_view_without_commitments_or_couple(world: World) -> None:
    carl = await world.person(303, "Carl")
    world.clock.set(NOW)

    view = await world.progress.personal(carl)

    assert text("en", "progress_none") in view.text.splitlines()
    assert text("en", "progress_trust_none") in view.text.splitlines()
    assert text("en", "progress_honesty", answered=0, due=0) not in view.text
    (chart,) = world.charts.calls
    assert list(chart.people[0].trust) == [None] * 12


async def test_chart_weeks_are_the_persons_local_weeks(world: World) -> None:
    ana, _ = await world.couple()
    # Monday 00:30 in Madrid is still Sunday of week 24 in UTC.
    world.clock.set(local(MADRID, 2026, 6, 15, 0, 30))
    await world.ledger(ana, {date(2026, 6, 14): K, date(2026, 6, 15): NudgeStatus.SENT})

    await world.progress.personal(world.fresh(ana))

    (chart,) = world.charts.calls
    assert chart.week_labels[-1] == "15 Jun"  # Madrid's Monday, not UTC's Sunday
    assert list(chart.people[0].kept_rate[-2:]) == [1.0, None]


async def test_couple_view_shows_both_partners(world: World) -> None:
    ana, ben = await world.couple()
    await world.pairing.link(ana, GROUP)
    world.clock.set(NOW)
    days = known_ledger()
    await world.ledger(ana, days, words="call mum")
    await world.ledger(ben, {TODAY - timedelta(days=1): K, TODAY - timedelta(days=2): M})

    view = await world.progress.couple(world.fresh(ben), GROUP)

    lines = view.text.splitlines()
    assert lines[0] == text("en", "progress_couple_header")
    # This week (8-10 June): 8 and 9 June kept, today still open.
    assert (
        text(
            "en",
            "progress_couple_line",
            name="Ana",
            rate_week="100 %",
            rate_28="92 %",
            score=f"{round(score_of(days) * 100)} %",
        )
        in lines
    )
    assert (
        text(
            "en",
            "progress_couple_line",
            name="Ben",
            rate_week="50 %",
            rate_28="50 %",
            score=f"{round(daily_score([False, True]) * 100)} %",
        )
        in lines
    )
    assert text("en", "reveal_normal") in lines
    (chart,) = world.charts.calls
    assert [p.name for p in chart.people] == ["Ana", "Ben"]


async def test_couple_view_refuses_strangers_and_other_groups(world: World) -> None:
    ana, _ = await world.couple()
    await world.pairing.link(ana, GROUP)
    carl = await world.person(303, "Carl")
    dana, eve = await world.couple((404, "Dana"), (505, "Eve"))
    await world.pairing.link(dana, -5000)
    world.clock.set(NOW)

    for person, group in ((carl, GROUP), (dana, GROUP), (ana, -5000)):
        with pytest.raises(NotAPartner):
            await world.progress.couple(world.fresh(person), group)
    # A group no couple linked: nothing to show there, said as such.
    with pytest.raises(GroupNotLinked):
        await world.progress.couple(world.fresh(ana), -6000)

    assert world.charts.calls == []
    assert eve.couple_id == dana.couple_id
