"""One dispatcher at a time: the advisory lock on PostgreSQL, always-leader on SQLite."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import make_engine
from bot.db.leader import AdvisoryLockLeader, SingleInstance, leader_for
from jobs.leadership import LeaderGate


@pytest.fixture
async def second_engine(engine: AsyncEngine) -> AsyncIterator[AsyncEngine]:
    """Another instance's engine on the same database."""
    other = make_engine(engine.url.render_as_string(hide_password=False))
    yield other
    await other.dispose()


async def test_the_leadership_fits_the_database(engine: AsyncEngine, backend: str) -> None:
    leader = leader_for(engine)
    expected = AdvisoryLockLeader if backend == "postgresql" else SingleInstance
    assert isinstance(leader, expected)
    assert await leader.hold() is True
    await leader.release()


async def test_only_one_instance_leads_and_another_takes_over(
    engine: AsyncEngine, second_engine: AsyncEngine, backend: str
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serves a single instance")
    first, second = AdvisoryLockLeader(engine), AdvisoryLockLeader(second_engine)
    assert await first.hold() is True
    assert await second.hold() is False
    assert await first.hold() is True, "the leader keeps leading"
    await first.release()
    assert await second.hold() is True
    assert await first.hold() is False
    await second.release()


async def test_a_dead_leaders_lock_passes_on(
    engine: AsyncEngine, second_engine: AsyncEngine, backend: str
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serves a single instance")
    first, second = AdvisoryLockLeader(engine), AdvisoryLockLeader(second_engine)
    assert await first.hold() is True
    connection = first._connection
    assert connection is not None
    # The process dies: its socket closes and nothing is unlocked.
    await connection.invalidate()
    assert await second.hold() is True
    assert await first.hold() is False, "the old leader notices and does not lead again"
    await second.release()


class CountingLeadership:
    """A leadership the test switches on and off."""

    def __init__(self) -> None:
        self.leading = False

    async def hold(self) -> bool:
        return self.leading

    async def release(self) -> None:
        self.leading = False


async def test_the_gate_recovers_claims_once_per_take_over() -> None:
    leadership = CountingLeadership()
    recovered: list[int] = []

    async def recover() -> None:
        recovered.append(1)

    gate = LeaderGate(leadership, recover)
    assert await gate.leads() is False and recovered == []
    leadership.leading = True
    assert await gate.leads() is True and await gate.leads() is True
    assert len(recovered) == 1
    leadership.leading = False
    assert await gate.leads() is False
    leadership.leading = True
    assert await gate.leads() is True
    assert len(recovered) == 2
