"""Stopping and starting the real process: SIGTERM in the middle of a dispatch, and downtime.

Nudges are made due by moving the commitments' next instant in the SQLite file while the bot is
stopped; the catch-up tick at start-up sends them (see tests/e2e/ledger.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.texts import text
from tests.e2e.fake_bot_api import Call, FakeBotApi
from tests.e2e.kept_process import KeptProcess
from tests.e2e.ledger import Ledger
from tests.e2e.story import fake_api, running_bot

pytestmark = pytest.mark.e2e

PEOPLE = tuple(range(3001, 3009))
NUDGE = "Did you keep your promise today"
LATE = text("en", "nudge_late_note")


def promise(person: int) -> str:
    """The one promise each person names."""
    return f"promise number {person}"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A fake Bot API with eight more people."""
    with fake_api() as fake:
        for person in PEOPLE:
            fake.add_user(person, f"P{person}")
        yield fake


def nudge_calls(api: FakeBotApi, chat: int) -> list[Call]:
    """Every sendMessage attempted with this person's nudge, answered or not."""
    return [
        call
        for call in api.calls_to("sendMessage")
        if str(call.params.get("chat_id")) == str(chat)
        and promise(chat) in (body := str(call.params.get("text", "")))
        and NUDGE in body
    ]


def delivered(api: FakeBotApi, chat: int) -> list[dict[str, Any]]:
    """This person's nudges that reached them."""
    return [
        m
        for m in api.sent_messages(chat)
        if promise(chat) in (body := str(m.get("text", ""))) and NUDGE in body
    ]


def everyone_delivered(api: FakeBotApi) -> int:
    """How many people have had their nudge."""
    return sum(1 for person in PEOPLE if delivered(api, person))


def register(api: FakeBotApi, tmp_path: Path, people: tuple[int, ...]) -> None:
    """Each person starts and names one promise, at a time far from now; then the bot stops."""
    at = (datetime.now(UTC) + timedelta(hours=12)).strftime("%H:%M")
    with running_bot(api, tmp_path) as kept:
        for person in people:
            api.send_text(person, None, "/start")
            api.wait_for_message(person, "Hello P")
            api.send_text(person, None, f"/commit {at} {promise(person)}")
            api.wait_for_message(person, "Promise noted")
        assert kept.terminate() == 0


def stop_within(kept: KeptProcess, seconds: float) -> float:
    """SIGTERM; the process must exit 0 within `seconds`. Returns how long it took."""
    started = time.monotonic()
    assert kept.terminate(timeout=seconds + 5) == 0
    took = time.monotonic() - started
    assert took < seconds, f"the stop took {took:.1f}s"
    return took


def test_sigterm_mid_dispatch_leaves_every_nudge_sent_or_handed_back(
    api: FakeBotApi, tmp_path: Path
) -> None:
    ledger = Ledger(tmp_path / "kept.db")
    register(api, tmp_path, PEOPLE)
    ledger.due_now(*PEOPLE)

    # 1. Telegram answers slowly: the stop lets the send in flight finish and sends no more.
    api.set_latency("sendMessage", 1.0)
    with running_bot(api, tmp_path) as kept:
        api.wait_for(lambda: everyone_delivered(api) >= 2, what="two nudges delivered")
        api.wait_for(
            lambda: sum(len(nudge_calls(api, p)) for p in PEOPLE) >= 3, what="a third in flight"
        )
        stop_within(kept, 10)
    first = everyone_delivered(api)
    assert 3 <= first < len(PEOPLE)
    assert "sending" not in ledger.statuses()
    assert ledger.statuses() == {"sent": first, "due": len(PEOPLE) - first}

    # 2. A send that hangs past the drain is abandoned, and its row handed back.
    api.set_latency("sendMessage", 0)
    api.stall_next("sendMessage", 60)
    calls_before = len(api.calls_to("sendMessage"))
    with running_bot(api, tmp_path) as kept:
        api.wait_for(
            lambda: len(api.calls_to("sendMessage")) > calls_before, what="the hanging send"
        )
        stop_within(kept, 10)
    assert everyone_delivered(api) == first
    assert ledger.statuses() == {"sent": first, "due": len(PEOPLE) - first}

    # 3. The next start delivers the rest, once each.
    with running_bot(api, tmp_path) as kept:
        api.wait_for(lambda: everyone_delivered(api) == len(PEOPLE), what="every nudge")
        stop_within(kept, 10)
    assert ledger.statuses() == {"sent": len(PEOPLE)}
    for person in PEOPLE:
        assert len(delivered(api, person)) == 1
        # Only the send abandoned in step 2 was tried twice; the fake never carried it out.
        assert len(nudge_calls(api, person)) <= 2
    assert sum(len(nudge_calls(api, p)) for p in PEOPLE) == len(PEOPLE) + 1


def local_hour_zone(now: datetime, hour: int) -> str:
    """An Etc/GMT zone whose local hour is `hour` right now."""
    offset = (hour - now.hour) % 24
    offset = offset - 24 if offset > 14 else offset
    # The Etc zones count the other way round: Etc/GMT-5 is UTC+5.
    return "Etc/UTC" if offset == 0 else f"Etc/GMT{-offset:+d}"


def test_three_hours_down_sends_todays_late_and_skips_yesterdays(
    api: FakeBotApi, tmp_path: Path
) -> None:
    today_person, yesterday_person = PEOPLE[:2]
    ledger = Ledger(tmp_path / "kept.db")
    now = datetime.now(UTC)
    # Down for three hours: for one person it is mid-afternoon now, for the other about one in
    # the morning, so the nudge due three hours ago belonged to yesterday.
    zones = {today_person: local_hour_zone(now, 15), yesterday_person: local_hour_zone(now, 1)}
    due = {
        person: (now.astimezone(ZoneInfo(zone)) - timedelta(hours=3)).replace(
            second=0, microsecond=0
        )
        for person, zone in zones.items()
    }
    with running_bot(api, tmp_path) as kept:
        for person, zone in zones.items():
            api.send_text(person, None, "/start")
            api.wait_for_message(person, "Hello P")
            api.send_text(person, None, f"/timezone {zone}")
            api.wait_for_message(person, "Done: your time zone is")
            api.send_text(person, None, f"/commit {due[person]:%H:%M} {promise(person)}")
            api.wait_for_message(person, "Promise noted")
        assert kept.terminate() == 0
    for person, moment in due.items():  # as if the bot had stopped just before it
        ledger.set_next(person, moment.date(), moment)

    with running_bot(api, tmp_path) as kept:
        api.wait_for(lambda: delivered(api, today_person), what="the late nudge")
        stop_within(kept, 10)

    (late,) = delivered(api, today_person)
    assert LATE in late["text"]
    assert [(r["status"], r["late"]) for r in ledger.nudges_of(today_person)] == [("sent", 1)]
    assert nudge_calls(api, yesterday_person) == []
    assert [(r["status"], r["late"]) for r in ledger.nudges_of(yesterday_person)] == [
        ("skipped", 0)
    ]
