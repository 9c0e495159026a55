"""Crash and restart: SIGKILL the real process again and again during a big dispatch.

Every due nudge must be delivered; the only duplicates allowed are those sent in the window
between Telegram accepting a message and the ledger row being committed, at most one per kill.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain.schedule import EVERY_DAY
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.kept_process import KeptProcess
from tests.e2e.story import TOKEN, bot_env

pytestmark = pytest.mark.e2e

PEOPLE = 2000
KILLS = 20
FIRST_ID = 100_000
PROMISE = "Walk the dog"


async def seed(url: str, due: datetime) -> None:
    """2,000 people, each with one daily commitment due at `due` (UTC)."""
    engine = make_engine(url)
    try:
        async with SqlUnitOfWorkFactory(engine)() as uow:
            for offset in range(PEOPLE):
                person = await uow.people.add(FIRST_ID + offset, f"P{offset}", "en", "UTC")
                commitment = await uow.commitments.add(
                    person.id,
                    PROMISE,
                    EVERY_DAY,
                    time(due.hour, due.minute),
                    due - timedelta(days=1),
                )
                await uow.commitments.set_next(commitment.id, due.date(), due)
            await uow.commit()
    finally:
        await engine.dispose()


def nudges_sent(api: FakeBotApi) -> list[int]:
    """The chat ids of every nudge the fake API accepted, duplicates included."""
    return [
        int(call.params["chat_id"])
        for call in api.calls_to("sendMessage")
        if "Did you keep" in str(call.params.get("text", ""))
    ]


def ledger(tmp_path: Path) -> Counter[str]:
    """How many ledger rows are in each status."""
    import sqlite3

    with sqlite3.connect(tmp_path / "kept.db") as connection:
        return Counter(
            dict(connection.execute("select status, count(*) from nudges group by status"))
        )


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A fake Bot API that knows 2,000 people."""
    with FakeBotApi(token=TOKEN, bot_username="kept_test_bot") as fake:
        for offset in range(PEOPLE):
            fake.add_user(FIRST_ID + offset, f"P{offset}")
        yield fake


@pytest.mark.long  # 21 starts and 2,000 nudges: about two minutes
def test_sigkill_twenty_times_during_a_dispatch_of_2000(api: FakeBotApi, tmp_path: Path) -> None:
    """Kill -9 at random moments mid-dispatch, restart, and account for every nudge."""
    env = bot_env(api, tmp_path)
    env["LOG_LEVEL"] = "INFO"
    upgrade(env["DATABASE_URL"])
    due = datetime.now(UTC).replace(second=0, microsecond=0)
    asyncio.run(seed(env["DATABASE_URL"], due))
    chance = random.Random(20261125)
    kills = 0
    while kills < KILLS:
        before = len(nudges_sent(api))
        process = KeptProcess(env, tmp_path).start()
        target = before + chance.randint(10, 80)
        api.wait_for(lambda t=target: len(nudges_sent(api)) >= t, timeout=60, what="more nudges")
        process.kill()
        kills += 1
    with KeptProcess(env, tmp_path) as process:
        api.wait_for(
            lambda: len(set(nudges_sent(api))) >= PEOPLE, timeout=180, what="every nudge delivered"
        )
        process.wait_for_log("nudge tick", timeout=30)
        assert process.terminate() == 0

    per_chat = Counter(nudges_sent(api))
    duplicates = sum(per_chat.values()) - len(per_chat)
    rows = ledger(tmp_path)
    print(
        f"\ncrash test: {PEOPLE} nudges, {kills} SIGKILLs, {sum(per_chat.values())} sends, "
        f"{len(per_chat)} people reached, {duplicates} duplicates, ledger {dict(rows)}"
    )
    assert len(per_chat) == PEOPLE, "a due nudge was lost"
    assert rows == Counter({"sent": PEOPLE}), "every ledger row ends sent, none lost or stuck"
    assert duplicates <= kills, f"{duplicates} duplicates for {kills} kills"
