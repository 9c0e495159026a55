"""Databases for the repository contract: a SQLite file per test, and PostgreSQL when reachable.

Every fixture that names a database is parametrised by backend, so each contract test runs once
on SQLite and once on PostgreSQL. PostgreSQL gets fresh databases with random names for the test
session, dropped at the end. When it is unreachable its tests are skipped, except under CI=true
where they fail: CI must not pass by skipping the PostgreSQL half.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.db.models import Base
from bot.db.uow import SqlUnitOfWorkFactory

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
BACKENDS = [pytest.param(SQLITE, id=SQLITE), pytest.param(POSTGRESQL, id=POSTGRESQL)]

# The server's maintenance database; test databases are created next to it.
POSTGRES_ROOT_URL = os.environ.get(
    "KEPT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
CONNECT_TIMEOUT_S = 5.0


def sqlite_url(folder: Path, name: str = "kept.db") -> str:
    """The aiosqlite URL of a database file in the folder."""
    return f"sqlite+aiosqlite:///{folder / name}"


class PostgresServer:
    """Creates throw-away databases on one PostgreSQL server and drops them all at the end."""

    def __init__(self, root_url: str) -> None:
        self._root = make_url(root_url)
        self._created: list[str] = []

    async def _execute(self, statement: str) -> None:
        import asyncpg  # imported here so that SQLite-only runs do not need the driver

        connection = await asyncpg.connect(
            host=self._root.host,
            port=self._root.port,
            user=self._root.username,
            password=self._root.password,
            database=self._root.database,
            timeout=CONNECT_TIMEOUT_S,
        )
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    def ping(self) -> None:
        """Raise if the server cannot be reached."""
        asyncio.run(self._execute("SELECT 1"))

    def create_database(self) -> str:
        """A new, empty database; returns its URL."""
        name = f"kept_test_{secrets.token_hex(6)}"
        asyncio.run(self._execute(f'CREATE DATABASE "{name}"'))
        self._created.append(name)
        url: URL = self._root.set(database=name)
        return url.render_as_string(hide_password=False)

    def drop_all(self) -> None:
        """Drop every database this object created, even with connections left open."""
        while self._created:
            name = self._created.pop()
            asyncio.run(self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _postgres_unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is required when CI=true but is unreachable: {reason}")
    pytest.skip(f"PostgreSQL unreachable ({reason})")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The PostgreSQL server, or a skip (a failure under CI=true) when it cannot be reached."""
    server = PostgresServer(POSTGRES_ROOT_URL)
    try:
        server.ping()
    # Broad on purpose: no driver, refused connection, timeout, unknown role all mean "no server".
    except Exception as error:
        _postgres_unavailable(f"{type(error).__name__}: {error}")
    try:
        yield server
    finally:
        server.drop_all()


@pytest.fixture(scope="session")
def postgres_migrated_url(postgres_server: PostgresServer) -> str:
    """One database for the session's contract tests, migrated to head once."""
    url = postgres_server.create_database()
    upgrade(url)
    return url


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend name of this test's parameter."""
    return str(request.param)


@pytest.fixture
def fresh_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty database of the backend, without any migration applied."""
    if backend == SQLITE:
        return sqlite_url(tmp_path)
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A database of the backend at the head migration (tables emptied before each test)."""
    if backend == SQLITE:
        url = sqlite_url(tmp_path)
        upgrade(url)
        return url
    return str(request.getfixturevalue("postgres_migrated_url"))


@pytest.fixture
async def engine(db_url: str, backend: str) -> AsyncIterator[AsyncEngine]:
    """The production engine over the test database; disposed at the end."""
    engine = make_engine(db_url)
    try:
        if backend == POSTGRESQL:
            # The PostgreSQL database is shared by the session: start every test from empty.
            tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
            async with engine.begin() as connection:
                await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture
def uow(engine: AsyncEngine) -> SqlUnitOfWorkFactory:
    """The real SQL unit-of-work factory, as wired in production."""
    return SqlUnitOfWorkFactory(engine)
