"""Pure time rules: weekdays, local times in IANA zones, daylight saving, downtime."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.domain.errors import InvalidTime


class Located(Protocol):
    """Anyone with a time zone of their own: a person."""

    @property
    def zone(self) -> ZoneInfo: ...


EVERY_DAY = 0b1111111
WEEKDAYS = 0b0011111
WEEKENDS = 0b1100000
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# A nudge handed over later than this after its due instant is marked late.
LATE_AFTER = timedelta(minutes=2)
UTC_ZONE = ZoneInfo("UTC")
# After a very long downtime we record at most this many skipped days per commitment.
MAX_CATCH_UP_DAYS = 62

_TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")


def parse_local_time(text: str) -> time:
    """Parse HH:MM (also H:MM, HH.MM, HHhMM) into a time; raise InvalidTime otherwise."""
    match = _TIME_RE.match(text.strip())
    if not match:
        raise InvalidTime(value=text.strip()[:16])
    return time(int(match.group(1)), int(match.group(2)))


def is_scheduled(weekdays: int, day: date) -> bool:
    """Whether a weekday mask (bit 0 = Monday) includes this date."""
    return bool(weekdays & (1 << day.weekday()))


def days_of(mask: int) -> list[int]:
    """The weekday numbers (0 = Monday) a mask contains."""
    return [day for day in range(7) if mask & (1 << day)]


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall time; a time inside a skipped hour moves to the gap's end.

    On a repeated hour (autumn) the first of the two instants is taken, so a nudge comes once.
    """
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=zone, fold=0)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive:
        return first.astimezone(UTC)
    return _end_of_gap(naive, zone)


def _end_of_gap(naive: datetime, zone: ZoneInfo) -> datetime:
    """The first valid instant after a nonexistent local time: the transition itself."""
    edges = sorted(int(naive.replace(tzinfo=zone, fold=fold).timestamp()) for fold in (0, 1))
    low, high = edges
    after = datetime.fromtimestamp(high, zone).utcoffset()
    # Transitions fall on whole seconds, so bisecting seconds finds the exact instant.
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == after:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


@dataclass(frozen=True)
class Occurrence:
    """One scheduled nudge: its local date and its UTC instant."""

    local_date: date
    due_at: datetime


def first_occurrence_from(weekdays: int, at: time, zone: ZoneInfo, day: date) -> Occurrence:
    """The first scheduled occurrence on this local date or later."""
    if not weekdays & EVERY_DAY:
        raise ValueError("a commitment needs at least one weekday")
    while not is_scheduled(weekdays, day):
        day += timedelta(days=1)
    return Occurrence(day, local_instant(day, at, zone))


def next_occurrence(weekdays: int, at: time, zone: ZoneInfo, after: datetime) -> Occurrence:
    """The first occurrence due at or after the given instant."""
    day = after.astimezone(zone).date() - timedelta(days=1)
    while True:
        found = first_occurrence_from(weekdays, at, zone, day)
        if found.due_at >= after:
            return found
        day = found.local_date + timedelta(days=1)


def following(weekdays: int, at: time, zone: ZoneInfo, previous: date) -> Occurrence:
    """The occurrence after the one on `previous`: always a later local date."""
    return first_occurrence_from(weekdays, at, zone, previous + timedelta(days=1))


def local_date(zone: ZoneInfo, instant: datetime) -> date:
    """The date on the wall calendar of a zone at an instant."""
    return instant.astimezone(zone).date()


def local_today(person: Located, now: datetime) -> date:
    """The person's own date at this instant: the day their nudges, rates and holidays count."""
    return local_date(person.zone, now)


def is_local_day_over(day: date, zone: ZoneInfo, now: datetime) -> bool:
    """Whether the local date has ended in that zone."""
    return local_date(zone, now) > day


def is_late(due_at: datetime, now: datetime) -> bool:
    """Whether handing a nudge over now counts as late."""
    return now - due_at > LATE_AFTER


def zone_of(name: str) -> ZoneInfo:
    """The zone of a stored name; UTC for one tzdata no longer knows, so nudges keep coming.

    Names are checked when people set them (`valid_zone`): this only guards old rows.
    """
    return valid_zone(name) or UTC_ZONE


@lru_cache(maxsize=1024)
def valid_zone(name: str) -> ZoneInfo | None:
    """The zone of an IANA name, or None when there is no such zone."""
    # Cached: ZoneInfo keeps only the 8 most recent zones nobody holds, so with people in more
    # zones than that every nudge re-read its zone file from disk.
    from zoneinfo import ZoneInfoNotFoundError

    if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
