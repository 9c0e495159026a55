"""When the bot suggests couples therapy: each rule at its boundary, and the four-week pause."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest

from bot.domain.stats import iso_week
from bot.domain.therapy import (
    TherapyReason,
    WeekCheckin,
    should_suggest_therapy,
    therapy_reason,
)

TODAY = date(2026, 11, 22)  # Sunday of 2026-W47, the week being revealed
Rating = int | None


def weeks(
    trust_a: Sequence[Rating],
    trust_b: Sequence[Rating] | None = None,
    rates: Sequence[float | None] | None = None,
    last: date = TODAY,
) -> list[WeekCheckin]:
    """Consecutive weeks, oldest first, ending with the week of `last`."""
    count = len(trust_a)
    b = list(trust_b) if trust_b is not None else [4] * count
    r = list(rates) if rates is not None else [0.8] * count
    out = []
    for back in range(count - 1, -1, -1):
        year, week = iso_week(last - timedelta(weeks=back))
        i = count - 1 - back
        out.append(WeekCheckin(year, week, trust_a[i], b[i], r[i]))
    return out


def reason(
    history: Sequence[WeekCheckin], last_suggested: date | None = None
) -> TherapyReason | None:
    return therapy_reason(history, TODAY, last_suggested)


def test_calm_weeks_suggest_nothing() -> None:
    assert reason([]) is None
    assert reason(weeks([4, 4, 4, 4])) is None
    assert not should_suggest_therapy(weeks([4, 4, 4]), TODAY, None)


# low trust three weeks in a row


def test_low_trust_two_weeks_is_not_enough() -> None:
    assert reason(weeks([4, 2, 2])) is None


def test_low_trust_three_weeks_in_a_row() -> None:
    assert reason(weeks([2, 2, 2])) is TherapyReason.LOW_TRUST
    assert reason(weeks([4, 1, 2, 1])) is TherapyReason.LOW_TRUST
    assert should_suggest_therapy(weeks([2, 2, 2]), TODAY, None)


def test_low_trust_of_partner_b() -> None:
    assert reason(weeks([4, 4, 4], [2, 1, 2])) is TherapyReason.LOW_TRUST


def test_rating_three_is_not_low() -> None:
    assert reason(weeks([2, 3, 2])) is None
    assert reason(weeks([3, 3, 3])) is None


def test_low_trust_must_be_the_same_partner() -> None:
    # A: 2, 2, 3 and B: 3, 3, 2: each partner is low only twice, and no one fell by two.
    assert reason(weeks([2, 2, 3], [3, 3, 2])) is None


def test_a_week_without_a_rating_breaks_the_run() -> None:
    assert reason(weeks([2, None, 2])) is None
    assert reason(weeks([2, 2, None])) is None


def test_weeks_with_a_gap_are_not_in_a_row() -> None:
    history = weeks([2, 2, 2, 2])
    assert reason([history[0], history[2], history[3]]) is None


def test_low_trust_across_the_new_year() -> None:
    history = weeks([2, 2, 2], last=date(2027, 1, 4))
    assert [(w.year, w.week) for w in history] == [(2026, 52), (2026, 53), (2027, 1)]
    assert reason(history) is TherapyReason.LOW_TRUST


def test_an_old_hard_stretch_does_not_fire_again() -> None:
    assert reason(weeks([1, 1, 1, 3, 3])) is None


# a sharp fall from one week to the next


def test_a_fall_of_one_point_is_not_sharp() -> None:
    assert reason(weeks([5, 4])) is None
    assert reason(weeks([4, 3])) is None


def test_a_fall_of_two_points_or_more() -> None:
    assert reason(weeks([5, 3])) is TherapyReason.TRUST_DROP
    assert reason(weeks([4, 4], [5, 1])) is TherapyReason.TRUST_DROP


def test_a_rise_is_not_a_fall() -> None:
    assert reason(weeks([3, 5])) is None


def test_a_fall_needs_consecutive_rated_weeks() -> None:
    assert reason(weeks([5, None, 3])) is None
    history = weeks([5, 4, 3])
    assert reason([history[0], history[2]]) is None


def test_only_the_revealed_week_can_fall() -> None:
    assert reason(weeks([5, 3, 3])) is None


# low kept rate three weeks in a row


def test_kept_rate_just_under_forty_percent() -> None:
    assert reason(weeks([4, 4, 4], rates=[0.39, 0.39, 0.39])) is TherapyReason.LOW_KEPT_RATE


def test_kept_rate_of_exactly_forty_percent_is_not_low() -> None:
    assert reason(weeks([4, 4, 4], rates=[0.39, 0.40, 0.39])) is None
    assert reason(weeks([4, 4, 4], rates=[0.40, 0.40, 0.40])) is None


def test_low_kept_rate_two_weeks_is_not_enough() -> None:
    assert reason(weeks([4, 4, 4], rates=[0.8, 0.1, 0.1])) is None
    assert reason(weeks([4, 4], rates=[0.1, 0.1])) is None


def test_a_week_without_a_kept_rate_breaks_the_run() -> None:
    assert reason(weeks([4, 4, 4], rates=[0.1, None, 0.1])) is None


# which rule, and how often


def test_low_trust_is_named_before_the_others() -> None:
    history = weeks([2, 2, 2], [5, 5, 3], rates=[0.1, 0.1, 0.1])
    assert reason(history) is TherapyReason.LOW_TRUST
    assert reason(weeks([4, 4, 4], [5, 5, 3], rates=[0.1, 0.1, 0.1])) is TherapyReason.TRUST_DROP


@pytest.mark.parametrize(
    ("days_since", "suggested"),
    [(0, False), (27, False), (28, True), (60, True)],
)
def test_at_most_once_every_four_weeks(days_since: int, suggested: bool) -> None:
    last = TODAY - timedelta(days=days_since)
    assert should_suggest_therapy(weeks([2, 2, 2]), TODAY, last) is suggested
    assert (reason(weeks([2, 2, 2]), last) is not None) is suggested


def test_the_pause_only_matters_when_a_rule_fires() -> None:
    assert reason(weeks([4, 4, 4]), TODAY - timedelta(days=100)) is None
