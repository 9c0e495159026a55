"""When to suggest couples therapy, gently and rarely, from the weekly check-ins."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.stats import week_bounds

LOW_TRUST = 2
LOW_TRUST_WEEKS = 3
TRUST_DROP = 2
LOW_KEPT_RATE = 0.40
LOW_KEPT_WEEKS = 3
# Never more than once every four weeks: a suggestion repeated too often becomes a reproach.
SUGGEST_EVERY = timedelta(days=28)


class TherapyReason(enum.StrEnum):
    """Which rule called for the suggestion, so the message can name it kindly."""

    LOW_TRUST = "low_trust"
    TRUST_DROP = "trust_drop"
    LOW_KEPT_RATE = "low_kept_rate"


@dataclass(frozen=True)
class WeekCheckin:
    """One revealed week of a couple: each partner's trust rating and their joint kept rate."""

    year: int
    week: int
    trust_a: int | None
    trust_b: int | None
    couple_kept_rate: float | None


def _consecutive(earlier: WeekCheckin, later: WeekCheckin) -> bool:
    """Whether `later` is the ISO week right after `earlier`."""
    first, _ = week_bounds(earlier.year, earlier.week)
    second, _ = week_bounds(later.year, later.week)
    return second - first == timedelta(weeks=1)


def _last_run(history: Sequence[WeekCheckin], count: int) -> Sequence[WeekCheckin] | None:
    """The last `count` weeks when they are consecutive ISO weeks, else None."""
    if count <= 0 or len(history) < count:
        return None
    run = history[-count:]
    if all(_consecutive(a, b) for a, b in itertools.pairwise(run)):
        return run
    return None


_PARTNERS: tuple[Callable[[WeekCheckin], int | None], ...] = (
    lambda w: w.trust_a,
    lambda w: w.trust_b,
)


def _low_trust(history: Sequence[WeekCheckin]) -> bool:
    """One partner rated trust 2 or less in each of the last three weeks."""
    run = _last_run(history, LOW_TRUST_WEEKS)
    if run is None:
        return False
    for trust in _PARTNERS:
        ratings = [trust(w) for w in run]
        if all(r is not None and r <= LOW_TRUST for r in ratings):
            return True
    return False


def _trust_drop(history: Sequence[WeekCheckin]) -> bool:
    """One partner's trust fell by two points or more since the week before."""
    run = _last_run(history, 2)
    if run is None:
        return False
    before, now = run
    for trust in _PARTNERS:
        old, new = trust(before), trust(now)
        if old is not None and new is not None and old - new >= TRUST_DROP:
            return True
    return False


def _low_kept_rate(history: Sequence[WeekCheckin]) -> bool:
    """The couple kept under 40 % of their promises in each of the last three weeks."""
    run = _last_run(history, LOW_KEPT_WEEKS)
    if run is None:
        return False
    rates = [w.couple_kept_rate for w in run]
    return all(r is not None and r < LOW_KEPT_RATE for r in rates)


# Each rule looks only at the weeks ending with the one being revealed, so an old hard
# stretch does not call for therapy again. Trust in a partner's own words comes first.
_RULES: tuple[tuple[TherapyReason, Callable[[Sequence[WeekCheckin]], bool]], ...] = (
    (TherapyReason.LOW_TRUST, _low_trust),
    (TherapyReason.TRUST_DROP, _trust_drop),
    (TherapyReason.LOW_KEPT_RATE, _low_kept_rate),
)


def therapy_reason(
    history: Sequence[WeekCheckin], today: date, last_suggested: date | None
) -> TherapyReason | None:
    """The rule that calls for suggesting therapy at this reveal, or None; at most every 28 days."""
    if last_suggested is not None and today - last_suggested < SUGGEST_EVERY:
        return None
    for reason, fired in _RULES:
        if fired(history):
            return reason
    return None


def should_suggest_therapy(
    history: Sequence[WeekCheckin], today: date, last_suggested: date | None
) -> bool:
    """Whether this week's reveal should carry a gentle therapy suggestion."""
    return therapy_reason(history, today, last_suggested) is not None
