"""/sharing end to end: the real `kept run` process, its clock moved to the evenings around
Madrid's autumn daylight-saving change (Sunday 25 Oct 2026, 03:00 CEST -> 02:00 CET), so that a
21:xx summary is shown to come once a day at its local time on both sides of it, and never twice
across a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.ledger import Ledger
from tests.e2e.story import ALEX, GROUP, SAM, TOKEN, buttons, pair_and_link, running_bot

pytestmark = pytest.mark.e2e

MADRID = ZoneInfo("Europe/Madrid")
PROMISE = "Call before the night shift"
SUMMARY = "Your daily summary of Alex's promises"
MADRID_ENV = {"DEFAULT_TIMEZONE": "Europe/Madrid"}


def offset_to(moment: datetime) -> float:
    """Whole minutes that move the real clock near `moment`: the process's minutes, when its
    ticks run, stay on the real clock's (within 30 s of `moment`)."""
    return round((moment - datetime.now(UTC)).total_seconds() / 60) * 60


def moved_now(offset: float) -> datetime:
    """The process's clock now."""
    return datetime.now(UTC) + timedelta(seconds=offset)


def next_minute(offset: float) -> datetime:
    """The next whole minute of the moved clock at least ten seconds away, in Madrid."""
    now = moved_now(offset)
    target = (now + timedelta(minutes=1)).replace(second=0, microsecond=0)
    if (target - now).total_seconds() < 10:
        target += timedelta(minutes=1)
    return target.astimezone(MADRID)


def sent_at(message: dict[str, object], offset: float) -> datetime:
    """When the fake API received a message, on the process's clock."""
    stamp = message["date"]
    assert isinstance(stamp, int)
    return datetime.fromtimestamp(stamp, UTC) + timedelta(seconds=offset)


def summaries(api: FakeBotApi) -> list[dict[str, object]]:
    return [m for m in api.sent_messages(SAM) if SUMMARY in str(m.get("text", ""))]


def nudge_and_answer(api: FakeBotApi, label: str, after_id: int) -> None:
    """Alex's nudge comes; Alex answers it with `label`."""
    nudge = api.wait_for(
        lambda: next(
            (
                m
                for m in api.sent_messages(ALEX)
                if m["message_id"] > after_id and "Did you keep" in m["text"]
            ),
            None,
        ),
        timeout=90,
        what="Alex's nudge",
    )
    api.press(ALEX, nudge, buttons(nudge)[label])
    api.wait_for(
        lambda: label.split()[-1] in api.message(ALEX, nudge["message_id"])["text"],
        what="the nudge edited with the answer",
    )


@pytest.mark.long  # crosses a daylight-saving change in real minutes: about four minutes
def test_the_summary_comes_once_at_its_local_time_on_both_sides_of_the_change(
    api: FakeBotApi, tmp_path: Path
) -> None:
    # Saturday 24 Oct, a little before 21:30 CEST (UTC+2).
    offset = offset_to(datetime(2026, 10, 24, 21, 28, 20, tzinfo=MADRID))
    with running_bot(api, tmp_path, MADRID_ENV, clock_offset=offset) as kept:
        pair_and_link(api)
        api.send_text(SAM, None, "/sharing")
        shown = api.wait_for_message(SAM, "You hear about Alex's promises as they happen")
        api.press(SAM, shown, buttons(shown)["One summary a day"])
        api.wait_for(
            lambda: "At what time" in api.message(SAM, shown["message_id"])["text"],
            what="the question of the summary's time",
        )
        due = next_minute(offset)
        at = due + timedelta(minutes=1)
        api.send_text(SAM, None, f"{at:%H:%M}")
        api.wait_for_message(SAM, f"one summary a day at {at:%H:%M} (Europe/Madrid)")
        api.send_text(ALEX, None, f"/commit {due:%H:%M} {PROMISE}")
        api.wait_for_message(ALEX, "Promise noted")

        nudge_and_answer(api, "✅ Kept", 0)
        # Nothing of Alex's answer is posted as it happens, in the group or to Sam.
        [summary] = api.wait_for(lambda: summaries(api), timeout=90, what="Sam's summary")
        assert not [m for m in api.sent_messages(GROUP) if "Alex kept" in m["text"]]
        assert not [m for m in api.sent_messages(SAM) if "Alex kept" in m["text"]]
        first = sent_at(summary, offset)
        assert at.astimezone(UTC) <= first < at.astimezone(UTC) + timedelta(seconds=60)
        assert first.astimezone(MADRID).utcoffset() == timedelta(hours=2)
        assert f"{PROMISE} — ✅ Kept" in summary["text"]
        assert list(buttons(summary)) == ["🤝 I noticed"]
        assert kept.terminate() == 0

    # Sunday 25 Oct, after the change: the same wall-clock minutes, now CET (UTC+1).
    ledger = Ledger(tmp_path / "kept.db")
    offset = offset_to(
        datetime(2026, 10, 25, due.hour, due.minute, tzinfo=MADRID) - timedelta(seconds=80)
    )
    with running_bot(api, tmp_path, MADRID_ENV, clock_offset=offset) as kept:
        last = max(m["message_id"] for m in api.sent_messages(ALEX))
        nudge_and_answer(api, "❌ Missed", last)
        second = api.wait_for(lambda: summaries(api)[1:], timeout=90, what="Sam's second summary")[
            0
        ]
        arrived = sent_at(second, offset)
        local = arrived.astimezone(MADRID)
        assert (local.date().isoformat(), f"{local:%H:%M}") == ("2026-10-25", f"{at:%H:%M}")
        assert local.utcoffset() == timedelta(hours=1)
        assert f"{PROMISE} — ❌ Missed" in second["text"]
        assert list(buttons(second)) == ["🤝 Thanks for telling me"]

        api.press(SAM, second, buttons(second)["🤝 Thanks for telling me"])
        api.wait_for_message(ALEX, f"🤝 Sam thanks you for telling them about “{PROMISE}”")
        assert kept.terminate() == 0

    # A restart later that evening sends nothing again: one row per local day, both sent.
    offset = offset_to(arrived + timedelta(minutes=1))
    with running_bot(api, tmp_path, MADRID_ENV, clock_offset=offset) as kept:
        ticks = kept.logs().count("summary tick done")
        kept.wait_for_log_count("summary tick done", ticks + 1, timeout=90)
        assert len(summaries(api)) == 2
        assert kept.terminate() == 0
    rows = ledger.rows("SELECT local_date, status, items FROM summaries ORDER BY local_date")
    assert rows == [
        {"local_date": "2026-10-24", "status": "sent", "items": 1},
        {"local_date": "2026-10-25", "status": "sent", "items": 1},
    ]
    logs = (tmp_path / "kept.log").read_text(encoding="utf-8")
    for secret in (TOKEN, PROMISE, SUMMARY):
        assert secret not in logs, f"{secret!r} leaked into the logs"
