"""The chore plan, end to end: the real `kept run` process over real HTTP against a fake Bot API."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.e2e.fake_bot_api import FakeBotApi, JSONDict
from tests.e2e.kept_process import KeptProcess
from tests.e2e.story import (
    ALEX,
    GROUP,
    SAM,
    buttons,
    next_whole_minute,
    pair_and_link,
)

CHORE = "Water the plants"

pytestmark = pytest.mark.e2e


def next_minute_utc() -> datetime:
    """A time at least ten seconds away in Sam's zone (UTC, the default), at a whole minute."""
    return next_whole_minute()


def edited_to(api: FakeBotApi, message: JSONDict, contains: str) -> JSONDict:
    """Wait until a message the bot sent has been edited to contain a text."""

    def current() -> JSONDict | None:
        now = api.message(message["chat"]["id"], message["message_id"])
        return now if contains in now.get("text", "") else None

    return api.wait_for(current, what=f"the message edited to show {contains!r}")


def test_alex_gives_sam_a_chore_and_sams_nudge_comes(api: FakeBotApi, kept: KeptProcess) -> None:
    """Alex adds a chore for Sam due next minute; Sam is nudged privately; the group sees the plan."""
    pair_and_link(api)

    api.send_text(ALEX, None, "/chores")
    grid = api.wait_for_message(ALEX, "Chore plan of Alex and Sam")
    api.press(ALEX, grid, buttons(grid)["➕ Add a chore"])
    api.wait_for_message(ALEX, "What's the chore?")
    api.send_text(ALEX, None, CHORE)
    who = api.wait_for_message(ALEX, "Who takes care of")
    assert set(buttons(who)) == {"Alex (me)", "Sam"}
    api.press(ALEX, who, buttons(who)["Sam"])
    days = edited_to(api, who, "On which days does Sam do")
    api.press(ALEX, days, buttons(days)["Every day"])
    edited_to(api, who, "At what time should I remind Sam?")

    due = next_minute_utc()
    api.send_text(ALEX, None, f"{due:%H:%M}")

    api.wait_for_message(ALEX, f"Added to the plan: “{CHORE}” for Sam")
    api.wait_for_message(SAM, f"Alex gave you a chore in your plan: “{CHORE}”")
    plan = api.wait_for_message(GROUP, "Chore plan of Alex and Sam")
    assert f"Mon: {CHORE} (Sam)" in plan["text"]
    assert f"Sun: {CHORE} (Sam)" in plan["text"]
    assert "➕ Add a chore" in buttons(plan)

    nudge = api.wait_for(
        lambda: next(
            (
                m
                for m in api.sent_messages(SAM)
                if "Did you keep" in m.get("text", "") and CHORE in m["text"]
            ),
            None,
        ),
        timeout=140,
        what="the chore nudge in Sam's private chat",
    )
    assert datetime.now(UTC) >= due, "the nudge came before its time"
    assert not any("Did you keep" in m.get("text", "") for m in api.sent_messages(ALEX)), (
        "the chore is Sam's promise, not Alex's"
    )
    labels = buttons(nudge)
    assert {"✅ Kept", "❌ Missed"} <= set(labels)

    api.press(SAM, nudge, labels["✅ Kept"])
    edited_to(api, nudge, "✅ Kept (")
    api.wait_for_message(GROUP, f"Sam kept a promise today: “{CHORE}”")

    assert kept.terminate(timeout=15) == 0
    assert CHORE not in kept.logs()
