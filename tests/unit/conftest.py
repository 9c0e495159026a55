"""A small world for domain tests: the real services on a fresh copy of the real SQLite database,
with a fixed clock, a recording messenger and a recording chart maker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain.checkins import CheckinService
from bot.domain.commitments import CommitmentService
from bot.domain.dispatch import Dispatcher
from bot.domain.models import Commitment, NewNudge, Nudge, NudgeStatus, Person
from bot.domain.nudging import NudgeService
from bot.domain.pairing import PairingService
from bot.domain.people import Identity, PeopleService
from bot.domain.reports import ProgressService
from bot.domain.schedule import EVERY_DAY
from tests.fakes import FixedClock, RecordingCharts, RecordingMessenger
from tests.sqldb import CommittedRows, open_database

MADRID = "Europe/Madrid"
NEW_YORK = "America/New_York"
# A Wednesday in summer, far from any daylight-saving change.
START = datetime(2026, 6, 10, 6, 0, tzinfo=UTC)


def local(zone: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A wall-clock moment in a zone (aware)."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def daily_score(kept: list[bool]) -> float:
    """The consistency score of a daily habit as DESIGN.md defines it (half-life 13 days)."""
    m = 0.5 ** (1 / 13)
    score = 0.0
    for day in kept:
        score = score * m + (1 - m if day else 0.0)
    return score


@dataclass
class World:
    """Services sharing one database, clock and messenger."""

    engine: AsyncEngine
    store: CommittedRows
    clock: FixedClock
    uow: SqlUnitOfWorkFactory
    messenger: RecordingMessenger
    people: PeopleService
    pairing: PairingService
    commitments: CommitmentService
    nudges: NudgeService
    dispatcher: Dispatcher
    charts: RecordingCharts
    checkins: CheckinService
    progress: ProgressService

    async def person(self, chat_id: int, name: str, timezone: str = MADRID) -> Person:
        """Someone who sent /start and set a time zone."""
        person, new = await self.people.start(Identity(chat_id, name, "en"))
        assert new
        await self.people.set_timezone(person, timezone)
        return self.fresh(person)

    def fresh(self, person: Person) -> Person:
        """The person as committed now (handlers load the person on every update)."""
        return self.store.person(person.id)

    async def couple(
        self, a: tuple[int, str] = (101, "Ana"), b: tuple[int, str] = (202, "Ben")
    ) -> tuple[Person, Person]:
        """Two people paired through an invitation."""
        first = await self.person(*a)
        second = await self.person(*b)
        invite = await self.pairing.invite(first)
        await self.pairing.join(second, invite.code)
        self.messenger.sent.clear()
        return self.fresh(first), self.fresh(second)

    async def commit(
        self, person: Person, words: str, at: time, weekdays: int = EVERY_DAY
    ) -> Commitment:
        """A commitment added through the service."""
        added = await self.commitments.add(self.fresh(person), words, weekdays, at)
        return self.store.commitment(added.commitment.id)

    async def ledger(
        self,
        person: Person,
        days: dict[date, NudgeStatus],
        words: str = "text when late",
        weekdays: int = EVERY_DAY,
    ) -> Commitment:
        """A 21:00 commitment written straight into the store with these ledger rows."""
        async with self.uow() as uow:
            commitment = await uow.commitments.add(
                person.id, words, weekdays, time(21), self.clock.now()
            )
            for day, status in days.items():
                due = local(person.timezone, day.year, day.month, day.day, 21)
                row = NewNudge(commitment.id, person.id, day, due, status, late=False)
                assert await uow.nudges.add_if_absent(row)
            await uow.commit()
        return commitment

    def commitment(self, commitment_id: int) -> Commitment:
        """The committed commitment row."""
        return self.store.commitment(commitment_id)

    def nudges_of(self, commitment_id: int) -> list[Nudge]:
        """The committed ledger rows of one commitment, by id."""
        return [n for n in self.store.nudge_rows() if n.commitment_id == commitment_id]

    async def write(self, statement: Any) -> None:
        """Commit a raw statement: a state no service makes (a crash midway, a lost chat)."""
        async with self.engine.begin() as connection:
            await connection.execute(statement)


@pytest.fixture
async def world(template_db: Path, tmp_path: Path) -> AsyncIterator[World]:
    """A fresh world at START, on its own copy of the migrated database."""
    engine, store = open_database(template_db, tmp_path)
    clock = FixedClock(START)
    uow = SqlUnitOfWorkFactory(engine)
    messenger = RecordingMessenger()
    charts = RecordingCharts()
    yield World(
        engine=engine,
        store=store,
        clock=clock,
        uow=uow,
        messenger=messenger,
        people=PeopleService(uow, clock, "UTC"),
        pairing=PairingService(uow, clock, messenger),
        commitments=CommitmentService(uow, clock, max_active=3),
        nudges=NudgeService(uow, clock, messenger),
        dispatcher=Dispatcher(uow, messenger, clock),
        charts=charts,
        checkins=CheckinService(uow, clock, messenger, charts),
        progress=ProgressService(uow, clock, charts),
    )
    store.close()
    await engine.dispose()
