"""A person's weeks in figures: the one series the reveal, the therapy rules and /progress read."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.charts_port import PersonSeries
from bot.domain.models import Person
from bot.domain.ports import UnitOfWork
from bot.domain.progress import recent_weeks, week_rate

WEEKS = 12


async def weekly_series(
    uow: UnitOfWork, person: Person, last_day: date, today: date, weeks: int = WEEKS
) -> PersonSeries:
    """The trust a person gave and the rate they kept, week by week up to `last_day`'s week.

    `today` is the person's local date: a nudge of today still waiting for its answer is not a
    miss yet, so the reveal on a Sunday evening and /progress at noon say the same rate.
    """
    span = recent_weeks(last_day, weeks)
    nudges = await uow.nudges.of_person_between(
        person.id, last_day - timedelta(weeks=weeks), last_day
    )
    trust = await _trust_given(uow, person, weeks)
    return PersonSeries(
        person.name,
        [trust.get(week) for week in span],
        [week_rate(nudges, year, week, today) for year, week in span],
    )


async def _trust_given(uow: UnitOfWork, person: Person, weeks: int) -> dict[tuple[int, int], int]:
    """The trust rating this person gave, by ISO week, in their couple's recent check-ins."""
    if person.couple_id is None:
        return {}
    given = {}
    for checkin, answer in await uow.checkins.answers_of_couple(person.couple_id, weeks + 2):
        if answer.person_id == person.id and answer.trust is not None:
            given[(checkin.iso_year, checkin.iso_week)] = answer.trust
    return given
