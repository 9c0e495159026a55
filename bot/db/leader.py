"""Who dispatches: one instance at a time, chosen by a PostgreSQL advisory lock.

Several instances may serve webhooks, but only the holder of the lock runs the nudge and
check-in ticks, so the overall send rate stays within Telegram's limits and a nudge has one
sender. The lock belongs to a dedicated connection: when its process dies, PostgreSQL drops the
connection and the lock with it, and another instance takes over at its next tick.
"""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)

# Any constant shared by every instance of Kept on one database ("KEPT" in ASCII).
LOCK_KEY = 0x4B455054
HELD = text(
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 0"
    " AND objid = :key AND objsubid = 1 AND pid = pg_backend_pid() AND granted)"
)


class SingleInstance:
    """SQLite serves one process: it always leads."""

    async def hold(self) -> bool:
        """Always the leader."""
        return True

    async def release(self) -> None:
        """Nothing to release."""


class AdvisoryLockLeader:
    """Holds pg_try_advisory_lock on a connection of its own while it leads."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None

    async def hold(self) -> bool:
        """Keep or try to take the lock; False while another instance has it."""
        if self._connection is not None:
            if await self._still_connected():
                return True
            log.warning("lost the dispatcher lock's connection; trying to take it again")
        return await self._try_take()

    async def _still_connected(self) -> bool:
        # Asking pg_locks, not just pinging: a connection that was silently re-opened has lost
        # the lock, and only this session's granted lock makes us the leader.
        assert self._connection is not None
        try:
            held = await self._connection.scalar(HELD, {"key": LOCK_KEY})
            await self._connection.commit()
        except (DBAPIError, SQLAlchemyError, OSError):
            held = False
        if not held:
            await self._forget_connection()
        return bool(held)

    async def _try_take(self) -> bool:
        try:
            connection = await self._engine.connect()
        except (DBAPIError, SQLAlchemyError, OSError):
            return False
        try:
            taken = await connection.scalar(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}
            )
            await connection.commit()
        except (DBAPIError, SQLAlchemyError, OSError):
            await connection.close()
            return False
        if not taken:
            await connection.close()
            return False
        self._connection = connection
        log.info("this instance now runs the dispatcher")
        return True

    async def _forget_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                await connection.invalidate()
                await connection.close()
            except (DBAPIError, SQLAlchemyError, OSError):
                log.debug("closing a broken lock connection failed")

    async def release(self) -> None:
        """Let another instance lead (at a clean stop)."""
        if self._connection is None:
            return
        try:
            await self._connection.execute(
                text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY}
            )
            await self._connection.commit()
        except (DBAPIError, SQLAlchemyError, OSError):
            log.debug("unlocking failed; closing the connection releases the lock anyway")
        await self._connection.close()
        self._connection = None


def leader_for(engine: AsyncEngine) -> SingleInstance | AdvisoryLockLeader:
    """The leadership that fits the database: the advisory lock on PostgreSQL."""
    if engine.dialect.name == "postgresql":
        return AdvisoryLockLeader(engine)
    return SingleInstance()
