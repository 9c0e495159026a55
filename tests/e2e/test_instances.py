"""Several instances on one PostgreSQL database, behind a load balancer, in webhook mode.

Three real `kept run` processes share a fresh PostgreSQL database and a fake Bot API that
enforces Telegram's flood limits. Updates may reach any instance; only the one holding the
advisory lock dispatches. It is SIGKILLed mid-dispatch of 5,000 nudges and another takes over:
every nudge arrives, at most the one in flight at the kill twice, and no 429 is provoked.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.db.models import CommitmentRow, NudgeRow, PersonRow
from bot.domain.models import CommitmentState
from bot.domain.schedule import EVERY_DAY
from tests.db.conftest import POSTGRES_ROOT_URL, PostgresServer
from tests.e2e.fake_bot_api import Call, FakeBotApi
from tests.e2e.kept_process import KeptProcess
from tests.e2e.story import TOKEN, run_kept
from tests.e2e.test_webhook import free_port, post, start_update

pytestmark = pytest.mark.e2e

PEOPLE = 5000
INSTANCES = 3
FIRST_ID = 200_000
NEWCOMER = 7
PROMISE = "Walk the dog"
NUDGE = "Did you keep"
SECRET = "instances-Secret_0123456789abcdef"
LEADS = "this instance now runs the dispatcher"
# Killed once this many nudges went out, in the last seconds of a minute: the survivors try
# the lock at their next tick (second 0), so the kill stays mid-dispatch without idling a minute.
KILL_AFTER = 1000
KILL_FROM_SECOND = 50


@pytest.fixture
def database_url() -> Iterator[str]:
    """A fresh PostgreSQL database, dropped WITH (FORCE) at the end; a failure under CI=true
    when the server is unreachable, a skip elsewhere."""
    server = PostgresServer(POSTGRES_ROOT_URL)
    try:
        server.ping()
    # Broad on purpose: no driver, refused connection, timeout, unknown role all mean "no server".
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required when CI=true but is unreachable: {reason}")
        pytest.skip(f"PostgreSQL unreachable ({reason})")
    try:
        yield server.create_database()
    finally:
        server.drop_all()


async def seed(url: str, due: datetime) -> None:
    """5,000 people, each with one daily commitment due at `due` (UTC): two bulk inserts."""
    engine = make_engine(url)
    created = due - timedelta(days=1)
    try:
        async with engine.begin() as connection:
            people = await connection.scalars(
                insert(PersonRow).returning(PersonRow.id, sort_by_parameter_order=True),
                [
                    {
                        "chat_id": FIRST_ID + offset,
                        "name": f"P{offset}",
                        "language": "en",
                        "timezone": "UTC",
                        "created_at": created,
                    }
                    for offset in range(PEOPLE)
                ],
            )
            await connection.execute(
                insert(CommitmentRow),
                [
                    {
                        "person_id": person_id,
                        "text": PROMISE,
                        "weekdays": EVERY_DAY,
                        "local_time": due.time(),
                        "state": CommitmentState.ACTIVE.value,
                        "next_due_at": due,
                        "next_local_date": due.date(),
                        "created_at": created,
                    }
                    for person_id in people.all()
                ],
            )
    finally:
        await engine.dispose()


async def ledger(url: str) -> Counter[str]:
    """How many ledger rows are in each status."""
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                select(NudgeRow.status, func.count()).group_by(NudgeRow.status)
            )
            return Counter({status: count for status, count in rows})
    finally:
        await engine.dispose()


def nudge_calls(api: FakeBotApi) -> list[Call]:
    """Every nudge the bot tried to send (a refused one included)."""
    return [c for c in api.calls_to("sendMessage") if NUDGE in str(c.params.get("text", ""))]


def peak_per_second(calls: list[Call]) -> int:
    """The most calls that arrived within any one second."""
    times = sorted(call.at for call in calls)
    peak, first = 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= 1.0:
            first += 1
        peak = max(peak, last - first + 1)
    return peak


def leaders(instances: list[KeptProcess]) -> list[int]:
    """Which instances said they took the dispatcher lock."""
    return [index for index, kept in enumerate(instances) if LEADS in kept.logs()]


def wait_until(condition: Callable[[], object], timeout: float, what: str) -> None:
    """Poll until the condition is truthy."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(0.2)


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A fake Bot API with Telegram's flood limits, knowing 5,000 people and a newcomer."""
    with FakeBotApi(token=TOKEN, bot_username="kept_test_bot", enforce_limits=True) as fake:
        for offset in range(PEOPLE):
            fake.add_user(FIRST_ID + offset, f"P{offset}")
        fake.add_user(NEWCOMER, "Nova")
        yield fake


@pytest.mark.long  # 5,000 nudges within Telegram's 30 messages/s: about three minutes
def test_three_instances_share_the_work_and_survive_the_dispatchers_death(
    api: FakeBotApi, database_url: str, tmp_path: Path
) -> None:
    """Any instance serves updates; the dispatcher's death loses nothing and provokes no 429."""
    upgrade(database_url)
    due = datetime.now(UTC).replace(second=0, microsecond=0)
    asyncio.run(seed(database_url, due))
    ports = [free_port() for _ in range(INSTANCES)]
    instances = [
        KeptProcess(
            {
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_API_URL": api.url,
                "DATABASE_URL": database_url,
                "LOG_LEVEL": "INFO",
                "WEBHOOK_URL": "https://kept.example.org",
                "WEBHOOK_SECRET": SECRET,
                "WEBHOOK_LISTEN": "127.0.0.1",
                "WEBHOOK_PORT": str(port),
            },
            tmp_path,
            f"kept-{index}.log",
        )
        for index, port in enumerate(ports)
    ]
    try:
        for kept in instances:
            kept.start()
        for kept in instances:
            kept.wait_for_log("Kept is running", timeout=60)
        wait_until(lambda: leaders(instances), 60, "a dispatcher")
        (first,) = leaders(instances)
        api.wait_for(lambda: nudge_calls(api), timeout=120, what="the first nudge")

        # Updates reach any instance: one that does not dispatch serves a /start.
        other = (first + 1) % INSTANCES
        update = start_update(1, NEWCOMER, "Nova")
        assert post(f"http://127.0.0.1:{ports[other]}/telegram", update, SECRET) == 200
        api.wait_for_message(NEWCOMER, "Hello Nova", timeout=30)

        wait_until(
            lambda: (
                len(nudge_calls(api)) >= KILL_AFTER and datetime.now(UTC).second >= KILL_FROM_SECOND
            ),
            180,
            f"{KILL_AFTER} nudges sent",
        )
        instances[first].kill()
        killed_at = time.monotonic()
        at_kill = len(nudge_calls(api))
        assert at_kill < PEOPLE, "the dispatch was over before the kill"

        wait_until(lambda: len(leaders(instances)) == 2, 120, "a new dispatcher")
        (second,) = set(leaders(instances)) - {first}
        api.wait_for(
            lambda: len({c.params["chat_id"] for c in nudge_calls(api)}) >= PEOPLE,
            timeout=300,
            what="every nudge",
        )
        wait_until(
            lambda: asyncio.run(ledger(database_url)) == Counter(sent=PEOPLE), 30, "the ledger"
        )
        survivors = [kept for index, kept in enumerate(instances) if index != first]
        assert [kept.terminate() for kept in survivors] == [0, 0]
    finally:
        for kept in instances:
            kept.kill()

    calls = nudge_calls(api)
    per_chat = Counter(
        m["chat"]["id"] for m in api.sent_messages() if NUDGE in str(m.get("text", ""))
    )
    sends = sum(per_chat.values())
    duplicates = sends - len(per_chat)
    took = calls[-1].at - calls[0].at
    resumed = next(call.at for call in calls[at_kill:] if call.at > killed_at) - killed_at
    counted = ("sendMessage", "sendPhoto", "sendDocument", "editMessageText")
    limited = [c for c in api.calls if c.method in counted]
    print(
        f"\n{INSTANCES} instances on PostgreSQL: {PEOPLE} nudges in {took:.1f}s, {sends} sends, "
        f"{duplicates} duplicates, {api.too_many_requests} 429s, "
        f"{sends / took:.1f} nudges/s (peak {peak_per_second(limited)} messages in 1 s); "
        f"killed instance {first} after {at_kill} nudges, instance {second} took over "
        f"{resumed:.1f}s later"
    )
    assert len(per_chat) == PEOPLE, "a due nudge was lost"
    assert duplicates <= 1, f"{duplicates} duplicates for one kill"
    assert api.too_many_requests == 0, "the instances went beyond Telegram's limits"


def test_instances_started_together_on_a_fresh_database_all_migrate_it(
    database_url: str, tmp_path: Path
) -> None:
    """Each instance migrates at start-up; started at once, they take turns instead of failing."""
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "DATABASE_URL": database_url}
    with ThreadPoolExecutor(INSTANCES) as pool:
        runs = list(pool.map(lambda _: run_kept(env, tmp_path, "migrate"), range(INSTANCES)))

    assert [run.returncode for run in runs] == [0] * INSTANCES, [run.stderr for run in runs]
    assert asyncio.run(ledger(database_url)) == Counter(), "the tables are there, empty"


def test_an_unreachable_postgresql_stops_the_start_with_a_clear_message(tmp_path: Path) -> None:
    finished = run_kept(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "DATABASE_URL": "postgresql+asyncpg://kept@127.0.0.1:1/kept",
        },
        tmp_path,
    )

    assert finished.returncode == 2
    assert "could not prepare the database" in finished.stderr
    assert "DATABASE_URL" in finished.stderr
    assert "Traceback" not in finished.stderr + finished.stdout
