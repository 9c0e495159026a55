"""The weekly check-in's rules: its slot, its choices and their buttons' data, what comes next,
where the reveal goes, and the weeks the therapy rules read."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.domain import actions
from bot.domain.charts_port import PersonSeries
from bot.domain.errors import InvalidWeekday
from bot.domain.models import PROGRESS_CHOICES, Checkin, CheckinAnswer, CheckinSlot, Person
from bot.domain.progress import recent_weeks
from bot.domain.safety import has_crisis_words
from bot.domain.schedule import local_date, local_instant, zone_of
from bot.domain.series import WEEKS as CHART_WEEKS
from bot.domain.support import is_low_safety
from bot.domain.therapy import WeekCheckin
from bot.texts import without_accents

# English and Spanish names and abbreviations, without accents: "mié" and "mie" both work.
WEEKDAY_WORDS = {
    name: day
    for names in (
        ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        ("lun", "mar", "mie", "jue", "vie", "sab", "dom"),
        ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"),
    )
    for day, name in enumerate(names)
}


# The order in which the choice questions are asked one at a time.
CHOICE_QUESTIONS = ("trust", "progress", "safety")


SAFETY = "safety"


# Under the group's message: never the safety question, which is asked in private only.
GROUP_QUESTIONS = ("trust", "progress")


class CheckinMode(enum.StrEnum):
    """Where the partners pick their answers."""

    # Under one message in the shared group, where a choice is seen by the bot only.
    GROUP = "group"
    # One question at a time in each partner's own chat with the bot.
    PRIVATE = "private"


def parse_weekday(word: str) -> int:
    """A weekday name or abbreviation as a number (0 = Monday)."""
    day = WEEKDAY_WORDS.get(without_accents(word.strip().lower().rstrip(".")))
    if day is None:
        raise InvalidWeekday(value=word[:16])
    return day


def next_slot(slot: CheckinSlot, zone_name: str, after: datetime) -> datetime:
    """The next instant of a weekly slot at or after `after`, in local time."""
    zone = zone_of(zone_name)
    day = local_date(zone, after)
    for offset in range(8):
        candidate = day + timedelta(days=offset)
        if candidate.weekday() == slot.weekday:
            moment = local_instant(candidate, slot.local_time, zone)
            if moment >= after:
                return moment
    raise AssertionError("a weekly slot always comes within eight days")


def encode_choice(checkin_id: int, question: str, value: str | int) -> str:
    """Callback data of one check-in choice."""
    return actions.encode(actions.CHECKIN, f"{checkin_id}.{question[0]}.{value}")


@dataclass(frozen=True)
class Choice:
    """A decoded check-in button press."""

    checkin_id: int
    question: str
    value: int | str


def decode_choice(arg: str) -> Choice | None:
    """The check-in choice of callback data, or None when malformed."""
    parts = arg.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or len(parts[0]) > 18:
        return None
    question = {"t": "trust", "p": "progress", "s": "safety"}.get(parts[1])
    value = parts[2]
    if question in ("trust", "safety") and value in {"1", "2", "3", "4", "5"}:
        return Choice(int(parts[0]), question, int(value))
    if question == "progress" and value in PROGRESS_CHOICES:
        return Choice(int(parts[0]), question, value)
    return None


def reveal_chats(checkin: Checkin, a: Person, b: Person) -> tuple[tuple[int, str], ...]:
    """Where the reveal goes, and in which language: the group the check-in was posted in, which
    both partners shared when it opened; without one, each partner's own chat."""
    if checkin.chat_id is not None:
        return ((checkin.chat_id, a.language),)
    return tuple((p.chat_id, p.language) for p in (a, b) if p.chat_id is not None)


def next_question(answer: CheckinAnswer) -> str | None:
    """The first choice question still unanswered, or None when all three are."""
    for question in CHOICE_QUESTIONS:
        if getattr(answer, question) is None:
            return question
    return None


def words_of_crisis(answer: CheckinAnswer) -> bool:
    """Whether either open answer holds words of crisis, which are never offered for sharing."""
    return has_crisis_words(answer.appreciated) or has_crisis_words(answer.differently)


def therapy_history(last_day: date, series: list[PersonSeries]) -> list[WeekCheckin]:
    """The couple's weeks as the therapy rules read them: both trust ratings, the mean rate."""
    history = []
    for index, (year, week) in enumerate(recent_weeks(last_day, CHART_WEEKS)):
        rates = [r for r in (s.kept_rate[index] for s in series) if r is not None]
        couple_rate = sum(rates) / len(rates) if rates else None
        history.append(
            WeekCheckin(year, week, series[0].trust[index], series[1].trust[index], couple_rate)
        )
    return history


def newly_low(before: CheckinAnswer, after: CheckinAnswer) -> bool:
    """Whether this choice made the safety answer low: once, not at every repeated press."""
    return is_low_safety(after.safety) and not is_low_safety(before.safety)
