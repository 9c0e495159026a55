"""Facts about promises over time: kept rates, consistency, streaks, weekly series."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.models import ANSWERED_STATUSES, Commitment, CommitmentState, Nudge, NudgeStatus
from bot.domain.stats import (
    DayRecord,
    consistency_score,
    current_streak,
    frequency_of_mask,
    kept_rate,
    week_bounds,
)

# Long enough that older days weigh almost nothing in the score (0.5 ** (120 / 13) < 0.2 %).
HISTORY_DAYS = 120
# Rows the person could not have answered (the bot was down, or could not deliver) are not due.
NOT_DUE = frozenset({NudgeStatus.SKIPPED, NudgeStatus.FAILED, NudgeStatus.DUE, NudgeStatus.SENDING})


def records(nudges: Sequence[Nudge]) -> list[DayRecord]:
    """Ledger rows as day records, oldest first."""
    return [
        DayRecord(
            day=n.local_date,
            due=n.status not in NOT_DUE,
            kept=n.status == NudgeStatus.KEPT,
            paused=False,
            answered=n.status in ANSWERED_STATUSES,
        )
        for n in sorted(nudges, key=lambda n: n.local_date)
    ]


def rate_between(
    nudges: Sequence[Nudge], first: date, last: date, today: date | None = None
) -> float | None:
    """Kept rate of the rows whose local date falls in [first, last]; today's open one waits."""
    return kept_rate([r for r in records(nudges) if first <= r.day <= last], today=today)


@dataclass(frozen=True)
class CommitmentProgress:
    """One commitment's facts for /progress."""

    commitment: Commitment
    rate_7: float | None
    rate_28: float | None
    consistency: float
    streak: int


def commitment_progress(
    commitment: Commitment, nudges: Sequence[Nudge], today: date
) -> CommitmentProgress:
    """Kept rates over 7 and 28 days, consistency score and current streak of a commitment."""
    own = [n for n in nudges if n.commitment_id == commitment.id]
    days = records(own)
    return CommitmentProgress(
        commitment=commitment,
        rate_7=rate_between(own, today - timedelta(days=6), today, today),
        rate_28=rate_between(own, today - timedelta(days=27), today, today),
        consistency=consistency_score(days, frequency_of_mask(commitment.weekdays), today=today),
        streak=current_streak(days, today=today),
    )


def person_consistency(
    commitments: Sequence[Commitment], nudges: Sequence[Nudge], today: date
) -> float | None:
    """The mean consistency of a person's current commitments, or None without any."""
    current = [c for c in commitments if c.state != CommitmentState.DELETED]
    if not current:
        return None
    scores = [commitment_progress(c, nudges, today).consistency for c in current]
    return sum(scores) / len(scores)


def week_rate(
    nudges: Sequence[Nudge], iso_year: int, iso_week: int, today: date | None = None
) -> float | None:
    """Kept rate of one ISO week; today's unanswered nudge is not counted as missed yet."""
    first, last = week_bounds(iso_year, iso_week)
    return rate_between(nudges, first, last, today)


def recent_weeks(today: date, count: int) -> list[tuple[int, int]]:
    """The last `count` ISO weeks, oldest first, ending with today's."""
    weeks = []
    for back in range(count - 1, -1, -1):
        year, week, _ = (today - timedelta(weeks=back)).isocalendar()
        weeks.append((year, week))
    return weeks


def percent(value: float | None) -> str:
    """A rate as '71 %', or '—' when there is nothing to measure."""
    return "—" if value is None else f"{round(value * 100)} %"


@dataclass(frozen=True)
class Honesty:
    """Days answered (Kept or Missed alike) over days something was due."""

    answered: int
    due: int


def honesty(nudges: Sequence[Nudge], first: date, last: date, today: date) -> Honesty:
    """On how many due days every nudge got an answer; owning a miss counts like keeping.

    Today's nudges still waiting for an answer are left out rather than counted as silence.
    """
    due: dict[date, bool] = {}
    for record in records(nudges):
        if not record.due or not first <= record.day <= last:
            continue
        if record.day == today and not record.answered:
            continue
        due[record.day] = due.get(record.day, True) and bool(record.answered)
    return Honesty(answered=sum(due.values()), due=len(due))
