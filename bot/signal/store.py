"""What the Signal adapter keeps in the database: addresses behind chat ids, numbered menus."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.db.models import SignalAddressRow, SignalMenuRow
from bot.signal.addresses import SIGNAL_BASE, Address

# A choice typed weeks after its message is not meant for it; older menus are dropped.
MENU_KEEP_MS = 14 * 24 * 3600 * 1000


class SqlSignalStore:
    """Signal addresses and menus over their own short transactions."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        # Rows never change once written, so every instance may cache them for good.
        self._ids: dict[str, int] = {}
        self._keys: dict[int, str] = {}

    async def chat_id_for(self, address: Address) -> int:
        """The chat id of an address, given one the first time it is seen."""
        key = address.key()
        if key not in self._ids:
            row_id = await self._find(key) or await self._insert(key)
            self._remember(key, row_id + SIGNAL_BASE)
        return self._ids[key]

    async def address_of(self, chat_id: int) -> Address | None:
        """The address behind a chat id, or None when unknown (or forgotten)."""
        if chat_id not in self._keys:
            async with self._sessions() as session:
                row = await session.get(SignalAddressRow, chat_id - SIGNAL_BASE)
            if row is None:
                return None
            self._remember(row.address, chat_id)
        return Address.from_key(self._keys[chat_id])

    async def save_menu(self, chat_id: int, message_ts: int, actions: Sequence[str]) -> None:
        """Remember the numbered choices under a message (an edit replaces them)."""
        async with self._sessions() as session, session.begin():
            await session.merge(
                SignalMenuRow(chat_id=chat_id, message_ts=message_ts, actions=list(actions))
            )
            await session.execute(
                delete(SignalMenuRow).where(
                    SignalMenuRow.chat_id == chat_id,
                    SignalMenuRow.message_ts < message_ts - MENU_KEEP_MS,
                )
            )

    async def menu(self, chat_id: int, message_ts: int) -> list[str] | None:
        """The choices under one message, or None when it had none recorded."""
        async with self._sessions() as session:
            row = await session.get(SignalMenuRow, (chat_id, message_ts))
        return list(row.actions) if row is not None else None

    async def recent_menus(self, chat_id: int, limit: int) -> list[tuple[int, list[str]]]:
        """The bot's latest messages in a chat, newest first, with their choices (maybe none)."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(SignalMenuRow)
                .where(SignalMenuRow.chat_id == chat_id)
                .order_by(SignalMenuRow.message_ts.desc())
                .limit(limit)
            )
            return [(row.message_ts, list(row.actions)) for row in rows]

    async def forget(self, chat_id: int) -> None:
        """Delete the address (a phone number or UUID) and the menus of a chat."""
        async with self._sessions() as session, session.begin():
            await session.execute(delete(SignalMenuRow).where(SignalMenuRow.chat_id == chat_id))
            await session.execute(
                delete(SignalAddressRow).where(SignalAddressRow.id == chat_id - SIGNAL_BASE)
            )
        key = self._keys.pop(chat_id, None)
        if key is not None:
            self._ids.pop(key, None)

    async def _find(self, key: str) -> int | None:
        async with self._sessions() as session:
            return await _id_of(session, key)

    async def _insert(self, key: str) -> int:
        try:
            async with self._sessions() as session, session.begin():
                row = SignalAddressRow(address=key)
                session.add(row)
                await session.flush()
                return row.id
        except IntegrityError:
            # Another instance (or message) stored it first: use theirs.
            found = await self._find(key)
            assert found is not None
            return found

    def _remember(self, key: str, chat_id: int) -> None:
        self._ids[key] = chat_id
        self._keys[chat_id] = key


async def _id_of(session: AsyncSession, key: str) -> int | None:
    return await session.scalar(select(SignalAddressRow.id).where(SignalAddressRow.address == key))
