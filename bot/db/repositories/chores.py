"""Chores and the swaps of their days."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from bot.db.models import (
    ChoreRow,
    ChoreSwapRow,
)
from bot.db.repositories.base import Repository
from bot.domain.models import (
    Chore,
    ChoreSwap,
    SwapState,
)


def _chore(row: ChoreRow) -> Chore:
    return Chore(row.id, row.couple_id, row.name, row.created_at)


def _swap(row: ChoreSwapRow) -> ChoreSwap:
    return ChoreSwap(
        id=row.id,
        chore_id=row.chore_id,
        requester_id=row.requester_id,
        weekday=row.weekday,
        state=SwapState(row.state),
        created_at=row.created_at,
        settled_at=row.settled_at,
    )


class SqlChores(Repository):
    """Chores and chore swaps in SQL."""

    async def get(self, chore_id: int) -> Chore | None:
        row = await self._session.get(ChoreRow, chore_id, populate_existing=True)
        return _chore(row) if row else None

    async def add(self, couple_id: int, name: str, created_at: datetime) -> Chore:
        row = ChoreRow(couple_id=couple_id, name=name, created_at=created_at)
        self._session.add(row)
        await self._session.flush()
        return _chore(row)

    async def of_couple(self, couple_id: int) -> list[Chore]:
        rows = await self._session.scalars(
            select(ChoreRow).where(ChoreRow.couple_id == couple_id).order_by(ChoreRow.id)
        )
        return [_chore(row) for row in rows]

    async def add_swap(
        self, chore_id: int, requester_id: int, weekday: int, created_at: datetime
    ) -> ChoreSwap:
        row = ChoreSwapRow(
            chore_id=chore_id,
            requester_id=requester_id,
            weekday=weekday,
            state=SwapState.PENDING.value,
            created_at=created_at,
        )
        self._session.add(row)
        await self._session.flush()
        return _swap(row)

    async def swaps_of_person(self, person_id: int) -> list[ChoreSwap]:
        rows = await self._session.scalars(
            select(ChoreSwapRow)
            .where(ChoreSwapRow.requester_id == person_id)
            .order_by(ChoreSwapRow.id)
        )
        return [_swap(row) for row in rows]

    async def swap(self, swap_id: int) -> ChoreSwap | None:
        row = await self._session.get(ChoreSwapRow, swap_id, populate_existing=True)
        return _swap(row) if row else None

    async def settle_swap(self, swap_id: int, state: SwapState, at: datetime) -> bool:
        # Guarded so that two presses at once (accept and decline) settle it once.
        result = await self._session.execute(
            update(ChoreSwapRow)
            .where(ChoreSwapRow.id == swap_id, ChoreSwapRow.state == SwapState.PENDING.value)
            .values(state=state.value, settled_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))
