"""Pure arithmetic of kept promises: consistency score, kept rates, streaks, ISO weeks."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.schedule import EVERY_DAY

# A daily habit's score halves its distance to the latest answers in about 13 due days.
HALF_LIFE_DUE_DAYS = 13


@dataclass(frozen=True)
class DayRecord:
    """One commitment on one local date: was it due, kept, paused, answered."""

    day: date
    due: bool
    kept: bool
    paused: bool = False
    # None when the caller does not track it: an unkept due record on `today` is then taken
    # as still waiting for its answer, so it neither counts nor breaks a streak yet.
    answered: bool | None = None

    @property
    def counts(self) -> bool:
        """Whether this day is measured: due and not paused."""
        return self.due and not self.paused

    def waiting_on(self, today: date | None) -> bool:
        """Whether this is today's nudge with no answer yet (it may still be kept)."""
        return (
            today is not None
            and self.day == today
            and self.counts
            and not self.kept
            and self.answered is not True
        )


def _measured(days: Iterable[DayRecord], today: date | None) -> list[DayRecord]:
    """The due, unpaused records that are settled, oldest first."""
    return sorted((r for r in days if r.counts and not r.waiting_on(today)), key=lambda r: r.day)


def multiplier(frequency_per_day: float) -> float:
    """The weight the previous score keeps at each due day: 0.5 ** (sqrt(f) / 13)."""
    if not frequency_per_day > 0:
        raise ValueError("a frequency must be positive")
    return 0.5 ** (math.sqrt(frequency_per_day) / HALF_LIFE_DUE_DAYS)


def frequency_of_mask(weekdays_mask: int) -> float:
    """Due days per day of a weekday mask (bit 0 = Monday): 3 days a week gives 3/7."""
    count = (weekdays_mask & EVERY_DAY).bit_count()
    if count == 0:
        raise ValueError("a commitment needs at least one weekday")
    return count / 7


def consistency_score(
    days: Sequence[DayRecord],
    frequency_per_day: float,
    start: float = 0.0,
    *,
    today: date | None = None,
) -> float:
    """Exponentially weighted share of kept due days, in [0, 1]; one bad day costs little."""
    if not 0.0 <= start <= 1.0:
        raise ValueError("a score starts within [0, 1]")
    m = multiplier(frequency_per_day)
    score = start
    for record in _measured(days, today):
        score = score * m + (1.0 - m if record.kept else 0.0)
    # Rounding could nudge a long run of kept days a hair past 1.
    return min(1.0, max(0.0, score))


def kept_rate(days: Sequence[DayRecord], *, today: date | None = None) -> float | None:
    """Kept days over due, unpaused days; None when nothing was due."""
    measured = _measured(days, today)
    if not measured:
        return None
    return sum(r.kept for r in measured) / len(measured)


def current_streak(days: Sequence[DayRecord], today: date | None = None) -> int:
    """Kept due days in a row, counting back from the latest; days off and pauses are skipped."""
    streak = 0
    for record in reversed(_measured(days, today)):
        if not record.kept:
            break
        streak += 1
    return streak


def iso_week(day: date) -> tuple[int, int]:
    """The ISO year and week of a date (2027-01-01 is in 2026's week 53)."""
    year, week, _ = day.isocalendar()
    return year, week


def week_bounds(year: int, week: int) -> tuple[date, date]:
    """The Monday and Sunday of an ISO week; ValueError when the year has no such week."""
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)
