"""Engine creation: SQLite in WAL mode with a busy timeout, or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

BUSY_TIMEOUT_MS = 10_000


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory ones."""
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


def ensure_sqlite_dir(url: str) -> None:
    """Create the folder of a SQLite file (data/ on first run)."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # We issue BEGIN ourselves (below), so the driver must not open transactions on its own.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    # Taking the write lock up front lets busy_timeout queue writers instead of failing them
    # when a read transaction later tries to write (SQLITE_BUSY_SNAPSHOT in WAL mode).
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> AsyncEngine:
    """An async engine for the URL, tuned for its database."""
    ensure_sqlite_dir(url)
    engine = create_async_engine(url, pool_pre_ping=make_url(url).get_backend_name() != "sqlite")
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _begin_immediate)
    return engine
