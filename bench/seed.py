"""Fast seeding: fresh databases migrated with Alembic, then bulk inserts of couples.

`n` commitments belong to `n` people in `n / 2` couples, one commitment each, spread over a few
time zones. All of them are due at the instant `due` (the same minute everywhere), except when
`due_now` is False: then they are due a day later and only one probe commitment is due now.
SQLite gets one executemany per table inside one transaction; PostgreSQL gets COPY.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg

from bot.db.migrate import upgrade

ZONES = (
    "UTC",
    "Europe/Madrid",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
)
TELEGRAM_BASE = 1_000_000_000
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def telegram_id(person_id: int) -> int:
    """The private chat id of a seeded person."""
    return TELEGRAM_BASE + person_id


@dataclass(frozen=True)
class Seeded:
    """What was seeded, and how long it took."""

    url: str
    commitments: int
    due: datetime
    seconds: float


def this_minute() -> datetime:
    """The start of the current UTC minute: everything seeded is due in it."""
    return datetime.now(UTC).replace(second=0, microsecond=0)


def _rows(n: int, due: datetime, due_now: bool) -> Iterator[tuple[tuple, tuple, tuple | None]]:
    """(person, commitment, couple or None) rows as Python values."""
    zones = [(name, ZoneInfo(name)) for name in ZONES]
    created = due - timedelta(days=30)
    # A database "with 0 commitments" still holds the probe, when there is one.
    for i in range(1, (n if due_now else max(n, 1)) + 1):
        name, zone = zones[i % len(zones)]
        at = due if (due_now or i == 1) else due + timedelta(days=1)
        local = at.astimezone(zone)
        couple_id = (i + 1) // 2
        person = (
            i,
            telegram_id(i),
            f"Person {i}",
            "es" if i % 4 == 0 else "en",
            name,
            couple_id,
            created,
        )
        commitment = (
            i,
            i,
            f"Text my partner when I leave work (#{i})",
            127,
            local.time().replace(second=0, microsecond=0),
            "active",
            at,
            local.date(),
            created,
        )
        couple = None
        if i % 2 == 0:
            couple = (couple_id, i - 1, i, created, 6, time(19), name, due + timedelta(days=3))
        yield person, commitment, couple


PEOPLE = ("id", "telegram_id", "name", "language", "timezone", "couple_id", "created_at")
COMMITMENTS = (
    "id",
    "person_id",
    "text",
    "weekdays",
    "local_time",
    "state",
    "next_due_at",
    "next_local_date",
    "created_at",
)
COUPLES = (
    "id",
    "partner_a_id",
    "partner_b_id",
    "created_at",
    "checkin_weekday",
    "checkin_time",
    "checkin_timezone",
    "checkin_next_at",
)


@lru_cache(maxsize=4096)
def _sqlite_value(value: object) -> object:
    # The storage formats of SQLAlchemy's SQLite types (UtcDateTime stores naive UTC). Only a
    # few distinct instants are seeded, hence the cache.
    if isinstance(value, datetime):
        return f"{value.astimezone(UTC):%Y-%m-%d %H:%M:%S.%f}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, time):
        return f"{value:%H:%M:%S.%f}"
    return value


def _for_sqlite(row: tuple, temporal: tuple[int, ...]) -> tuple:
    """The row with its date and time columns (at these positions) as SQLite stores them."""
    values = list(row)
    for position in temporal:
        values[position] = _sqlite_value(values[position])
    return tuple(values)


def _insert(table: str, columns: tuple[str, ...]) -> str:
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


def seed_sqlite(path: Path, n: int, due: datetime, *, due_now: bool = True) -> Seeded:
    """A fresh SQLite file at `path`, migrated, with `n` commitments."""
    started = datetime.now(UTC)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url)
    people, commitments, couples = [], [], []
    for person, commitment, couple in _rows(n, due, due_now):
        people.append(_for_sqlite(person, (6,)))
        commitments.append(_for_sqlite(commitment, (4, 6, 7, 8)))
        if couple is not None:
            couples.append(_for_sqlite(couple, (3, 5, 7)))
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("BEGIN")
        db.executemany(_insert("people", PEOPLE), people)
        db.executemany(_insert("couples", COUPLES), couples)
        db.executemany(_insert("commitments", COMMITMENTS), commitments)
        db.execute("COMMIT")
        db.execute("ANALYZE")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    seconds = (datetime.now(UTC) - started).total_seconds()
    return Seeded(url, n, due, seconds)


def pg_url(database: str) -> str:
    """The SQLAlchemy URL of a database on the local PostgreSQL."""
    return f"postgresql+asyncpg://postgres@127.0.0.1:5432/{database}"


async def drop_pg(database: str) -> None:
    """Drop a benchmark database (closing other sessions on it)."""
    admin = await asyncpg.connect(PG_ADMIN)
    try:
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", database
        )
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
    finally:
        await admin.close()


async def seed_pg(database: str, n: int, due: datetime, *, due_now: bool = True) -> Seeded:
    """A fresh PostgreSQL database, migrated, with `n` commitments (COPY)."""
    started = datetime.now(UTC)
    await drop_pg(database)
    admin = await asyncpg.connect(PG_ADMIN)
    try:
        await admin.execute(f'CREATE DATABASE "{database}"')
    finally:
        await admin.close()
    url = pg_url(database)
    await asyncio.to_thread(upgrade, url)
    people, commitments, couples = [], [], []
    for person, commitment, couple in _rows(n, due, due_now):
        people.append(person)
        commitments.append(commitment)
        if couple is not None:
            couples.append(couple)
    db = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:5432/{database}")
    try:
        async with db.transaction():
            await db.copy_records_to_table("people", records=people, columns=PEOPLE)
            await db.copy_records_to_table("couples", records=couples, columns=COUPLES)
            await db.copy_records_to_table("commitments", records=commitments, columns=COMMITMENTS)
            for table in ("people", "couples", "commitments"):
                await db.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
        await db.execute("ANALYZE")
    finally:
        await db.close()
    seconds = (datetime.now(UTC) - started).total_seconds()
    return Seeded(url, n, due, seconds)
