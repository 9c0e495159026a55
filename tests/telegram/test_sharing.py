"""/sharing on Telegram: buttons to choose, a typed time, the daily summary and its 🤝 buttons."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.db.models import SummaryRow
from bot.domain.summaries import SummaryDispatcher
from bot.telegram.messenger import TelegramMessenger
from tests.telegram.conftest import ANA, BEN, GROUP, GROUP_CHAT, Kept
from tests.telegram.offline import Call

DUE = datetime(2026, 6, 10, 21, 0, tzinfo=UTC)
SUMMARY_AT = datetime(2026, 6, 10, 21, 30, tzinfo=UTC)


async def summary_tick(kept: Kept) -> list[Call]:
    """One run of the summary tick at the clock's instant, through the real Telegram messenger."""
    mark = len(kept.api.calls)
    kept.api.set_time(int(kept.clock.now().timestamp()))
    summaries = SummaryDispatcher(kept.uow, kept.clock, TelegramMessenger(kept.application.bot))
    await summaries.tick()
    return kept.api.calls[mark:]


async def choose_summary(kept: Kept) -> Call:
    """Ben opens /sharing and picks one summary a day at 21:30 with the buttons."""
    shown = kept.only_reply(await kept.send(BEN, "/sharing"), BEN.id)
    assert shown.labels == ["As it happens", "One summary a day"]
    asked = await kept.press(BEN, "sh:sum", shown)
    [question] = kept.edits(asked)
    assert question.labels == ["08:00", "13:00", "20:00", "21:30"]
    done = await kept.press(BEN, "sh:2130", question)
    [confirmed] = kept.edits(done)
    assert confirmed.labels == []
    return confirmed


async def test_sharing_is_private(kept: Kept) -> None:
    await kept.linked(ANA, BEN)
    reply = kept.only_reply(await kept.send(BEN, "/sharing", GROUP_CHAT), GROUP)
    assert reply.labels == []
    assert "private" in reply.text.lower()


async def test_with_a_summary_the_partners_answers_come_once_in_private(kept: Kept) -> None:
    await kept.linked(ANA, BEN)
    await kept.send(ANA, "/commit 21:00 Do the dishes")
    kept.clock.set(DUE - timedelta(hours=2))
    confirmed = await choose_summary(kept)
    assert "one summary a day at 21:30" in confirmed.text
    assert "neither here nor in your group" in confirmed.text

    kept.clock.set(DUE)
    [nudge_message] = kept.sent(await kept.tick())
    [nudge] = await kept.nudges(ANA)
    kept.clock.set(DUE + timedelta(minutes=5))
    pressed = await kept.press(ANA, f"m:{nudge.id}", nudge_message)
    # Nothing reaches Ben or the group as it happens.
    assert kept.sent(pressed, GROUP) == [] and kept.sent(pressed, BEN.id) == []

    kept.clock.set(SUMMARY_AT - timedelta(minutes=1))
    assert await summary_tick(kept) == []
    kept.clock.set(SUMMARY_AT)
    [summary] = kept.sent(await summary_tick(kept))
    assert summary.chat_id == BEN.id
    assert summary.text == (
        "🗓 Your daily summary of Ana's promises:\n\n• Do the dishes — ❌ Missed (Wed 10 Jun)"
    )
    assert summary.labels == ["🤝 Thanks for telling me"]
    kept.clock.set(SUMMARY_AT + timedelta(minutes=1))
    assert await summary_tick(kept) == []

    thanked = await kept.press(BEN, summary.callback_data[0], summary)
    assert kept.toasts(thanked) == ["Thank you. Ana will see your thanks."]
    [edit] = kept.edits(thanked)
    assert edit.params["message_id"] == summary.message_id
    assert edit.text.endswith("· 🤝 you said thanks") and edit.labels == []
    [to_ana] = kept.sent(thanked, ANA.id)
    assert to_ana.text.startswith("🤝 Ben thanks you for telling them about “Do the dishes”")

    # /export says how Ben hears, and lists the summary; /forget takes it away.
    [document] = [c for c in await kept.send(BEN, "/export") if c.method == "sendDocument"]
    [(_, content, _)] = document.params["uploads"].values()
    exported = json.loads(content)
    assert exported["sharing"] == {
        "partner_answers": "summary",
        "summary_time": "21:30",
        "since": (DUE - timedelta(hours=2)).isoformat(),
    }
    assert [(s["date"], s["status"], s["answers_told"]) for s in exported["summaries"]] == [
        ("2026-06-10", "sent", 1)
    ]
    asked = kept.only_reply(await kept.send(BEN, "/forget"), BEN.id)
    await kept.press(BEN, asked.callback_data[0], asked)
    assert kept.engine is not None
    async with kept.engine.connect() as connection:
        assert list(await connection.execute(select(SummaryRow))) == []


async def test_a_typed_time_works_and_a_bad_one_changes_nothing(kept: Kept) -> None:
    await kept.paired(ANA, BEN)
    shown = kept.only_reply(await kept.send(BEN, "/sharing"), BEN.id)
    await kept.press(BEN, "sh:sum", shown)

    refused = kept.only_reply(await kept.send(BEN, "half past nine"), BEN.id)
    assert refused.text.startswith("I can't read “half past nine” as a time")
    assert refused.labels == ["08:00", "13:00", "20:00", "21:30"]
    assert (await kept.must(BEN)).sharing == "live"

    done = kept.only_reply(await kept.send(BEN, "21:45"), BEN.id)
    assert "one summary a day at 21:45" in done.text
    me = await kept.must(BEN)
    assert (me.sharing, str(me.summary_time)) == ("summary", "21:45:00")
    again = kept.only_reply(await kept.send(BEN, "/sharing"), BEN.id)
    assert again.text.startswith("You hear about Ana's promises in one summary a day, at 21:45")
    mine = kept.only_reply(await kept.send(ANA, "/sharing"), ANA.id)
    assert "Ben hears about yours in one summary a day, at 21:45" in mine.text
