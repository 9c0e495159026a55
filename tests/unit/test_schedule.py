"""Time rules: local wall times across daylight-saving changes, odd offsets, weekday masks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.errors import InvalidTime
from bot.domain.models import Person
from bot.domain.schedule import (
    EVERY_DAY,
    WEEKDAYS,
    WEEKENDS,
    days_of,
    first_occurrence_from,
    following,
    is_late,
    is_local_day_over,
    is_scheduled,
    local_date,
    local_instant,
    local_today,
    next_occurrence,
    parse_local_time,
    valid_zone,
)
from tests.weekdays import mask_of

MADRID = ZoneInfo("Europe/Madrid")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
KATHMANDU = ZoneInfo("Asia/Kathmandu")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def walk(zone: ZoneInfo, at: time, start: datetime, count: int) -> list[tuple[date, datetime]]:
    """The next `count` daily occurrences from an instant, as the dispatcher moves on."""
    found = next_occurrence(EVERY_DAY, at, zone, start)
    seen = [(found.local_date, found.due_at)]
    for _ in range(count - 1):
        found = following(EVERY_DAY, at, zone, found.local_date)
        seen.append((found.local_date, found.due_at))
    return seen


# --- 21:00 stays 21:00 local on both sides of a change ---------------------------------


def test_madrid_evening_nudge_around_spring_forward() -> None:
    seen = walk(MADRID, time(21), utc(2026, 3, 27, 12), 3)
    assert seen == [
        (date(2026, 3, 27), utc(2026, 3, 27, 20)),  # CET, +01:00
        (date(2026, 3, 28), utc(2026, 3, 28, 20)),
        (date(2026, 3, 29), utc(2026, 3, 29, 19)),  # CEST, +02:00
    ]
    assert all(moment.astimezone(MADRID).hour == 21 for _, moment in seen)


def test_madrid_evening_nudge_around_fall_back() -> None:
    seen = walk(MADRID, time(21), utc(2026, 10, 24, 12), 3)
    assert seen == [
        (date(2026, 10, 24), utc(2026, 10, 24, 19)),  # CEST
        (date(2026, 10, 25), utc(2026, 10, 25, 20)),  # CET
        (date(2026, 10, 26), utc(2026, 10, 26, 20)),
    ]


def test_new_york_evening_nudge_around_spring_forward() -> None:
    seen = walk(NEW_YORK, time(21), utc(2026, 3, 7, 12), 3)
    assert seen == [
        (date(2026, 3, 7), utc(2026, 3, 8, 2)),  # EST, -05:00
        (date(2026, 3, 8), utc(2026, 3, 9, 1)),  # EDT, -04:00
        (date(2026, 3, 9), utc(2026, 3, 10, 1)),
    ]
    assert all(moment.astimezone(NEW_YORK).hour == 21 for _, moment in seen)


def test_new_york_evening_nudge_around_fall_back() -> None:
    seen = walk(NEW_YORK, time(21), utc(2026, 10, 31, 12), 3)
    assert seen == [
        (date(2026, 10, 31), utc(2026, 11, 1, 1)),  # EDT
        (date(2026, 11, 1), utc(2026, 11, 2, 2)),  # EST
        (date(2026, 11, 2), utc(2026, 11, 3, 2)),
    ]


# --- the repeated hour: the first of the two instants, once -------------------------------


def test_new_york_repeated_hour_gives_one_nudge_on_the_first_instant() -> None:
    assert local_instant(date(2026, 11, 1), time(1, 30), NEW_YORK) == utc(2026, 11, 1, 5, 30)
    seen = walk(NEW_YORK, time(1, 30), utc(2026, 10, 31, 12), 3)
    assert [day for day, _ in seen] == [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)]
    assert seen[0][1] == utc(2026, 11, 1, 5, 30)  # 01:30 EDT, not 01:30 EST
    assert seen[1][1] == utc(2026, 11, 2, 6, 30)


def test_after_the_first_repeated_instant_the_next_nudge_is_tomorrow() -> None:
    # Asked between the two 01:30s (the second is 06:30 UTC), nothing more is due that day.
    found = next_occurrence(EVERY_DAY, time(1, 30), NEW_YORK, utc(2026, 11, 1, 6, 0))
    assert (found.local_date, found.due_at) == (date(2026, 11, 2), utc(2026, 11, 2, 6, 30))


def test_madrid_repeated_hour_gives_one_nudge_on_the_first_instant() -> None:
    assert local_instant(date(2026, 10, 25), time(2, 30), MADRID) == utc(2026, 10, 25, 0, 30)
    found = next_occurrence(EVERY_DAY, time(2, 30), MADRID, utc(2026, 10, 25, 0, 31))
    assert (found.local_date, found.due_at) == (date(2026, 10, 26), utc(2026, 10, 26, 1, 30))


# --- the skipped hour: the first valid instant after it ---------------------------------


def test_madrid_time_inside_skipped_hour_fires_at_three_cest() -> None:
    moment = local_instant(date(2026, 3, 29), time(2, 30), MADRID)
    assert moment == utc(2026, 3, 29, 1, 0)
    assert moment.astimezone(MADRID).strftime("%H:%M %Z") == "03:00 CEST"


def test_new_york_time_inside_skipped_hour_fires_at_three_edt() -> None:
    moment = local_instant(date(2026, 3, 8), time(2, 30), NEW_YORK)
    assert moment == utc(2026, 3, 8, 7, 0)
    assert moment.astimezone(NEW_YORK).strftime("%H:%M %Z") == "03:00 EDT"


def test_skipped_hour_day_still_has_exactly_one_nudge() -> None:
    seen = walk(MADRID, time(2, 30), utc(2026, 3, 28, 0), 3)
    assert seen == [
        (date(2026, 3, 28), utc(2026, 3, 28, 1, 30)),
        (date(2026, 3, 29), utc(2026, 3, 29, 1, 0)),
        (date(2026, 3, 30), utc(2026, 3, 30, 0, 30)),
    ]


def test_time_just_before_the_gap_is_untouched() -> None:
    assert local_instant(date(2026, 3, 29), time(1, 59), MADRID) == utc(2026, 3, 29, 0, 59)
    assert local_instant(date(2026, 3, 29), time(3, 0), MADRID) == utc(2026, 3, 29, 1, 0)


# --- odd offsets -------------------------------------------------------------------------


def test_lord_howe_half_hour_spring_forward() -> None:
    # 2026-10-04 02:00 +10:30 -> 02:30 +11:00; 02:15 does not exist there.
    assert local_instant(date(2026, 10, 4), time(2, 15), LORD_HOWE) == utc(2026, 10, 3, 15, 30)
    assert local_instant(date(2026, 10, 4), time(2, 30), LORD_HOWE) == utc(2026, 10, 3, 15, 30)
    assert local_instant(date(2026, 10, 3), time(21), LORD_HOWE) == utc(2026, 10, 3, 10, 30)
    assert local_instant(date(2026, 10, 4), time(21), LORD_HOWE) == utc(2026, 10, 4, 10, 0)


def test_lord_howe_half_hour_fall_back() -> None:
    # 2026-04-05 02:00 +11:00 -> 01:30 +10:30; 01:45 happens twice, the first is taken.
    assert local_instant(date(2026, 4, 5), time(1, 45), LORD_HOWE) == utc(2026, 4, 4, 14, 45)
    seen = walk(LORD_HOWE, time(1, 45), utc(2026, 4, 4, 0), 3)
    assert [day for day, _ in seen] == [date(2026, 4, 5), date(2026, 4, 6), date(2026, 4, 7)]
    assert seen[1][1] == utc(2026, 4, 5, 15, 15)


def test_kathmandu_quarter_hour_offset() -> None:
    assert local_instant(date(2026, 6, 1), time(21), KATHMANDU) == utc(2026, 6, 1, 15, 15)
    assert local_instant(date(2026, 6, 1), time(3), KATHMANDU) == utc(2026, 5, 31, 21, 15)


# --- weekday masks -----------------------------------------------------------------------


def test_masks_and_days() -> None:
    assert mask_of([0, 2, 4]) == 0b0010101
    assert days_of(0b0010101) == [0, 2, 4]
    assert days_of(WEEKDAYS) == [0, 1, 2, 3, 4]
    assert days_of(WEEKENDS) == [5, 6]
    assert mask_of(list(range(7))) == EVERY_DAY
    wednesday = date(2026, 6, 10)
    assert is_scheduled(WEEKDAYS, wednesday)
    assert not is_scheduled(WEEKENDS, wednesday)
    assert not is_scheduled(mask_of([0, 4]), wednesday)


def test_weekday_mask_skips_unscheduled_days() -> None:
    mon_wed_fri = mask_of([0, 2, 4])
    # From Thursday 2026-06-11 morning: Friday, then Monday, then Wednesday.
    found = next_occurrence(mon_wed_fri, time(9), MADRID, utc(2026, 6, 11, 5))
    days = [found.local_date]
    for _ in range(2):
        found = following(mon_wed_fri, time(9), MADRID, found.local_date)
        days.append(found.local_date)
    assert days == [date(2026, 6, 12), date(2026, 6, 15), date(2026, 6, 17)]


def test_weekend_mask_from_a_sunday_evening_goes_to_saturday() -> None:
    found = next_occurrence(WEEKENDS, time(9), MADRID, utc(2026, 6, 14, 18))
    assert (found.local_date, found.due_at) == (date(2026, 6, 20), utc(2026, 6, 20, 7))


def test_next_occurrence_includes_an_instant_exactly_due() -> None:
    due = utc(2026, 6, 10, 19)
    assert next_occurrence(EVERY_DAY, time(21), MADRID, due).due_at == due
    later = next_occurrence(EVERY_DAY, time(21), MADRID, due + timedelta(seconds=1))
    assert later.local_date == date(2026, 6, 11)


def test_a_mask_without_days_is_refused() -> None:
    with pytest.raises(ValueError):
        first_occurrence_from(0, time(9), MADRID, date(2026, 6, 10))


# --- parsing times -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7:05", time(7, 5)),
        ("07:05", time(7, 5)),
        ("21.00", time(21, 0)),
        ("21h30", time(21, 30)),
        (" 00:00 ", time(0, 0)),
        ("23:59", time(23, 59)),
    ],
)
def test_parse_local_time_accepts(raw: str, expected: time) -> None:
    assert parse_local_time(raw) == expected


@pytest.mark.parametrize(
    "raw", ["25:99", "24:00", "", "abc", "9", "12:60", "-1:00", "7:5", "123:00", "07:05pm", "٠٧:٠٥"]
)
def test_parse_local_time_rejects(raw: str) -> None:
    with pytest.raises(InvalidTime) as caught:
        parse_local_time(raw)
    assert caught.value.params["value"] == raw.strip()[:16]


# --- days, lateness, zones ---------------------------------------------------------------


def test_local_day_over_and_lateness() -> None:
    assert not is_local_day_over(date(2026, 6, 10), MADRID, utc(2026, 6, 10, 21, 59))
    assert is_local_day_over(date(2026, 6, 10), MADRID, utc(2026, 6, 10, 22, 0))
    due = utc(2026, 6, 10, 19)
    assert not is_late(due, due + timedelta(minutes=2))
    assert is_late(due, due + timedelta(minutes=2, seconds=1))


@pytest.mark.parametrize(
    "name", ["Mars/Olympus", "", "../etc/passwd", "/etc/localtime", "Europe/../UTC", "x" * 65]
)
def test_valid_zone_refuses_bad_names(name: str) -> None:
    assert valid_zone(name) is None


def test_valid_zone_accepts_iana_names() -> None:
    zone = valid_zone("America/Argentina/Buenos_Aires")
    assert zone is not None and zone.key == "America/Argentina/Buenos_Aires"


def test_a_stored_zone_tzdata_no_longer_knows_reads_as_utc_for_the_persons_day() -> None:
    gone = Person(1, 101, "Ana", "en", "Mars/Olympus")
    madrid = Person(2, 202, "Ben", "en", "Europe/Madrid")
    late_evening = datetime(2026, 6, 10, 22, 30, tzinfo=UTC)
    assert gone.zone.key == "UTC" and local_today(gone, late_evening) == date(2026, 6, 10)
    assert madrid.zone.key == "Europe/Madrid"
    assert local_today(madrid, late_evening) == date(2026, 6, 11)
    assert local_date(ZoneInfo("America/New_York"), late_evening) == date(2026, 6, 10)
