"""Consistency score, kept rates, streaks and ISO weeks: exact values and edges."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.schedule import EVERY_DAY, WEEKDAYS
from bot.domain.stats import (
    DayRecord,
    consistency_score,
    current_streak,
    frequency_of_mask,
    iso_week,
    kept_rate,
    multiplier,
    week_bounds,
)
from tests.weekdays import mask_of

# A Monday.
START = date(2026, 6, 1)
DAILY = multiplier(1.0)


def kept(day: date) -> DayRecord:
    return DayRecord(day=day, due=True, kept=True, paused=False, answered=True)


def missed(day: date) -> DayRecord:
    return DayRecord(day=day, due=True, kept=False, paused=False, answered=True)


def unanswered(day: date) -> DayRecord:
    return DayRecord(day=day, due=True, kept=False, paused=False, answered=False)


def paused(day: date) -> DayRecord:
    return DayRecord(day=day, due=True, kept=False, paused=True)


def off(day: date) -> DayRecord:
    return DayRecord(day=day, due=False, kept=False)


def run(pattern: str, start: date = START) -> list[DayRecord]:
    """Records from a pattern, one letter a day: k kept, m missed, u unanswered, p paused, - off."""
    make = {"k": kept, "m": missed, "u": unanswered, "p": paused, "-": off}
    return [make[letter](start + timedelta(days=i)) for i, letter in enumerate(pattern)]


# multiplier and frequency


def test_multiplier_of_a_daily_habit_halves_in_13_days() -> None:
    assert pytest.approx(0.5 ** (1 / 13)) == DAILY
    assert pytest.approx(0.5) == DAILY**13


def test_multiplier_of_a_weekly_rhythm() -> None:
    assert multiplier(3 / 7) == pytest.approx(0.5 ** (math.sqrt(3 / 7) / 13))
    # Rarer habits move less per due day.
    assert multiplier(1 / 7) > multiplier(3 / 7) > multiplier(1.0) > multiplier(2.0)


@pytest.mark.parametrize("frequency", [0.0, -1.0, math.nan])
def test_multiplier_needs_a_positive_frequency(frequency: float) -> None:
    with pytest.raises(ValueError):
        multiplier(frequency)


@pytest.mark.parametrize(
    ("mask", "frequency"),
    [
        (EVERY_DAY, 1.0),
        (WEEKDAYS, 5 / 7),
        (mask_of([0, 2, 4]), 3 / 7),
        (mask_of([6]), 1 / 7),
        (0b1000_0000 | mask_of([0]), 1 / 7),
    ],
)
def test_frequency_of_mask(mask: int, frequency: float) -> None:
    assert frequency_of_mask(mask) == pytest.approx(frequency)


def test_frequency_of_an_empty_mask_is_an_error() -> None:
    with pytest.raises(ValueError):
        frequency_of_mask(0)


# consistency score


def test_thirteen_kept_days_from_zero_give_one_half() -> None:
    assert consistency_score(run("k" * 13), 1.0) == pytest.approx(0.5)


def test_twenty_six_kept_days_give_three_quarters() -> None:
    assert consistency_score(run("k" * 26), 1.0) == pytest.approx(0.75)


def test_no_days_leave_the_start() -> None:
    assert consistency_score([], 1.0) == 0.0
    assert consistency_score([], 1.0, start=0.6) == 0.6


def test_missed_days_decay_from_the_start() -> None:
    assert consistency_score(run("mmm"), 1.0, start=1.0) == pytest.approx(DAILY**3)


def test_one_bad_day_after_a_long_run_costs_little() -> None:
    before = consistency_score(run("k" * 60), 1.0)
    after = consistency_score(run("k" * 60 + "m"), 1.0)
    assert before == pytest.approx(1 - 0.5 ** (60 / 13))
    assert after == pytest.approx(before * DAILY)
    assert before - after < 0.05
    assert after > 0.9


def test_a_kept_day_after_the_miss_wins_most_of_it_back() -> None:
    recovered = consistency_score(run("k" * 60 + "mk"), 1.0)
    assert recovered > consistency_score(run("k" * 60 + "m"), 1.0)
    assert recovered == pytest.approx(
        consistency_score(run("k" * 60 + "m"), 1.0) * DAILY + 1 - DAILY
    )


def test_paused_and_days_off_leave_the_score_unchanged() -> None:
    base = consistency_score(run("kkmk"), 1.0)
    assert consistency_score(run("kk--p-mppk---"), 1.0) == pytest.approx(base)


def test_unanswered_past_days_count_as_not_kept() -> None:
    assert consistency_score(run("kku"), 1.0) == pytest.approx(consistency_score(run("kkm"), 1.0))


def test_todays_open_nudge_waits_when_today_is_given() -> None:
    days = [*run("kkk"), unanswered(START + timedelta(days=3))]
    assert consistency_score(days, 1.0, today=START + timedelta(days=3)) == pytest.approx(
        consistency_score(run("kkk"), 1.0)
    )
    assert consistency_score(days, 1.0) < consistency_score(run("kkk"), 1.0)


def test_a_three_day_habit_over_three_weeks() -> None:
    mwf = [
        kept(START + timedelta(days=week * 7 + weekday))
        for week in range(3)
        for weekday in (0, 2, 4)
    ]
    m = multiplier(frequency_of_mask(mask_of([0, 2, 4])))
    assert consistency_score(mwf, 3 / 7) == pytest.approx(1 - m**9)


def test_order_of_records_does_not_matter() -> None:
    days = run("kkmkmk")
    assert consistency_score(list(reversed(days)), 1.0) == pytest.approx(
        consistency_score(days, 1.0)
    )


@pytest.mark.parametrize("start", [-0.01, 1.01])
def test_start_outside_the_unit_interval_is_an_error(start: float) -> None:
    with pytest.raises(ValueError):
        consistency_score([], 1.0, start=start)


# kept rate


def test_kept_rate_without_due_days_is_none() -> None:
    assert kept_rate([]) is None
    assert kept_rate(run("--pp-")) is None


def test_kept_rate_boundaries() -> None:
    assert kept_rate(run("kkkk")) == 1.0
    assert kept_rate(run("mmmm")) == 0.0
    assert kept_rate(run("kkm-p")) == pytest.approx(2 / 3)
    assert kept_rate(run("km")) == 0.5


def test_kept_rate_leaves_todays_open_nudge_out() -> None:
    today = START + timedelta(days=2)
    assert kept_rate(run("kku"), today=today) == 1.0
    assert kept_rate(run("kkm"), today=today) == pytest.approx(2 / 3)
    assert kept_rate(run("u"), today=START) is None


def test_unknown_answer_today_waits_but_counts_on_earlier_days() -> None:
    today = START + timedelta(days=1)
    days = [
        DayRecord(day=START, due=True, kept=False, paused=False),
        DayRecord(day=today, due=True, kept=False, paused=False),
    ]
    assert kept_rate(days, today=today) == 0.0
    assert kept_rate([days[1]], today=today) is None


# streaks


@pytest.mark.parametrize(
    ("pattern", "streak"),
    [
        ("", 0),
        ("kkk", 3),
        ("kkmkk", 2),
        ("kkkm", 0),
        ("kkku", 0),
        ("k-k-p-k", 3),
        ("mk--pp", 1),
        ("----", 0),
        ("kkkp", 3),
    ],
)
def test_current_streak(pattern: str, streak: int) -> None:
    assert current_streak(run(pattern)) == streak


def test_todays_unanswered_nudge_does_not_break_the_streak() -> None:
    days = run("kkku")
    today = START + timedelta(days=3)
    assert current_streak(days, today=today) == 3
    assert current_streak(days, today=today + timedelta(days=1)) == 0
    assert current_streak(days) == 0


def test_todays_answers_count_at_once() -> None:
    today = START + timedelta(days=3)
    assert current_streak(run("kkkm"), today=today) == 0
    assert current_streak(run("kkkk"), today=today) == 4


def test_yesterdays_unanswered_nudge_breaks_the_streak() -> None:
    assert current_streak(run("kkuk"), today=START + timedelta(days=4)) == 1


def test_streak_of_unordered_records() -> None:
    assert current_streak(list(reversed(run("mkk-k")))) == 3


# ISO weeks


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2026, 12, 28), (2026, 53)),
        (date(2026, 12, 31), (2026, 53)),
        (date(2027, 1, 1), (2026, 53)),
        (date(2027, 1, 3), (2026, 53)),
        (date(2027, 1, 4), (2027, 1)),
        (date(2025, 12, 29), (2026, 1)),
        (date(2026, 6, 1), (2026, 23)),
    ],
)
def test_iso_week(day: date, week: tuple[int, int]) -> None:
    assert iso_week(day) == week


def test_week_bounds_across_the_year_boundary() -> None:
    assert week_bounds(2026, 53) == (date(2026, 12, 28), date(2027, 1, 3))
    assert week_bounds(2027, 1) == (date(2027, 1, 4), date(2027, 1, 10))
    assert week_bounds(2026, 1) == (date(2025, 12, 29), date(2026, 1, 4))


def test_a_year_without_week_53() -> None:
    with pytest.raises(ValueError):
        week_bounds(2027, 53)


# properties

outcomes = st.lists(st.sampled_from("kmup-"), max_size=80).map("".join)
frequencies = st.floats(min_value=1 / 7, max_value=3.0)
starts = st.floats(min_value=0.0, max_value=1.0)


@given(outcomes, frequencies, starts)
def test_score_stays_in_the_unit_interval(pattern: str, frequency: float, start: float) -> None:
    assert 0.0 <= consistency_score(run(pattern), frequency, start) <= 1.0


@given(outcomes, frequencies, starts)
def test_a_kept_day_never_lowers_the_score(pattern: str, frequency: float, start: float) -> None:
    days = run(pattern)
    before = consistency_score(days, frequency, start)
    after = consistency_score([*days, kept(START + timedelta(days=len(days)))], frequency, start)
    assert after >= before


@given(outcomes, frequencies, starts)
def test_a_missed_day_never_raises_the_score(pattern: str, frequency: float, start: float) -> None:
    days = run(pattern)
    before = consistency_score(days, frequency, start)
    after = consistency_score([*days, missed(START + timedelta(days=len(days)))], frequency, start)
    assert after <= before


@given(outcomes)
def test_streak_and_rate_agree_with_the_counts(pattern: str) -> None:
    days = run(pattern)
    rate = kept_rate(days)
    assert current_streak(days) <= pattern.count("k")
    assert rate is None or 0.0 <= rate <= 1.0
    assert (rate is None) == (not any(c in "kmu" for c in pattern))


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_week_bounds_contain_the_day(day: date) -> None:
    monday, sunday = week_bounds(*iso_week(day))
    assert monday.weekday() == 0
    assert sunday - monday == timedelta(days=6)
    assert monday <= day <= sunday
