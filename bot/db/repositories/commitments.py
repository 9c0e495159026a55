"""Commitments and their next nudge."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import delete, func, select, update

from bot.db.models import (
    CommitmentRow,
    PersonRow,
)
from bot.db.repositories.base import Repository, commitment_from_row, person_from_row
from bot.domain.models import (
    Commitment,
    CommitmentState,
    Person,
)


class SqlCommitments(Repository):
    """Commitments in SQL."""

    async def get(self, commitment_id: int) -> Commitment | None:
        row = await self._session.get(CommitmentRow, commitment_id, populate_existing=True)
        return commitment_from_row(row) if row else None

    async def add(
        self,
        person_id: int,
        text: str,
        weekdays: int,
        local_time: time,
        created_at: datetime,
        *,
        chore_id: int | None = None,
    ) -> Commitment:
        row = CommitmentRow(
            person_id=person_id,
            text=text,
            weekdays=weekdays,
            local_time=local_time,
            state=CommitmentState.ACTIVE.value,
            created_at=created_at,
            chore_id=chore_id,
        )
        self._session.add(row)
        await self._session.flush()
        return commitment_from_row(row)

    async def of_person(self, person_id: int, *, include_deleted: bool = False) -> list[Commitment]:
        query = select(CommitmentRow).where(CommitmentRow.person_id == person_id)
        if not include_deleted:
            query = query.where(CommitmentRow.state != CommitmentState.DELETED.value)
        rows = await self._session.scalars(query.order_by(CommitmentRow.id))
        return [commitment_from_row(row) for row in rows]

    async def count_active(self, person_id: int) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(CommitmentRow)
            .where(
                CommitmentRow.person_id == person_id,
                CommitmentRow.state == CommitmentState.ACTIVE.value,
            )
        )
        return int(count or 0)

    async def _set(self, commitment_id: int, **values: Any) -> None:
        await self._session.execute(
            update(CommitmentRow).where(CommitmentRow.id == commitment_id).values(**values)
        )

    async def set_state(self, commitment_id: int, state: CommitmentState) -> None:
        await self._set(commitment_id, state=state.value)

    async def set_time(self, commitment_id: int, local_time: time) -> None:
        await self._set(commitment_id, local_time=local_time)

    async def set_next(
        self, commitment_id: int, next_local_date: date | None, next_due_at: datetime | None
    ) -> None:
        await self._set(commitment_id, next_local_date=next_local_date, next_due_at=next_due_at)

    async def due_for_planning(self, now: datetime, limit: int) -> list[tuple[Commitment, Person]]:
        rows = await self._session.execute(
            select(CommitmentRow, PersonRow)
            .join(PersonRow, PersonRow.id == CommitmentRow.person_id)
            .where(
                CommitmentRow.state == CommitmentState.ACTIVE.value,
                CommitmentRow.next_due_at <= now,
                # Someone who blocked the bot is paused: planning resumes after their /start.
                PersonRow.blocked_at.is_(None),
            )
            .order_by(CommitmentRow.next_due_at)
            .limit(limit)
        )
        return [(commitment_from_row(row), person_from_row(owner)) for row, owner in rows]

    async def mark_sizing_offered(self, commitment_id: int, at: datetime) -> bool:
        result = await self._session.execute(
            update(CommitmentRow)
            .where(CommitmentRow.id == commitment_id, CommitmentRow.sizing_offered_at.is_(None))
            .values(sizing_offered_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def set_text(self, commitment_id: int, text: str) -> None:
        await self._set(commitment_id, text=text)

    async def set_weekdays(self, commitment_id: int, weekdays: int) -> None:
        await self._set(commitment_id, weekdays=weekdays)

    async def texts(self, commitment_ids: Sequence[int]) -> dict[int, str]:
        if not commitment_ids:
            return {}
        rows = await self._session.execute(
            select(CommitmentRow.id, CommitmentRow.text).where(
                CommitmentRow.id.in_(set(commitment_ids))
            )
        )
        return {row_id: text for row_id, text in rows}

    async def of_chores(self, chore_ids: Sequence[int]) -> list[Commitment]:
        if not chore_ids:
            return []
        rows = await self._session.scalars(
            select(CommitmentRow)
            .where(
                CommitmentRow.chore_id.in_(set(chore_ids)),
                CommitmentRow.state != CommitmentState.DELETED.value,
            )
            .order_by(CommitmentRow.id)
            .execution_options(populate_existing=True)
        )
        return [commitment_from_row(row) for row in rows]

    async def delete_of_person(self, person_id: int) -> None:
        await self._session.execute(
            delete(CommitmentRow).where(CommitmentRow.person_id == person_id)
        )
