"""Daily summaries for partners who chose one a day."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.db.models import (
    SummaryRow,
)
from bot.db.repositories.base import Repository, claim_due
from bot.domain.models import (
    Summary,
    SummaryStatus,
)


def _summary(row: SummaryRow) -> Summary:
    return Summary(
        id=row.id,
        person_id=row.person_id,
        local_date=row.local_date,
        due_at=row.due_at,
        status=SummaryStatus(row.status),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        chat_id=row.chat_id,
        message_id=row.message_id,
        sent_at=row.sent_at,
        items=row.items,
    )


class SqlSummaries(Repository):
    """The daily-summary ledger in SQL: UNIQUE(person, local date)."""

    async def add_if_absent(
        self, person_id: int, local_date: date, due_at: datetime, status: SummaryStatus
    ) -> bool:
        dialect = self._session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        result = await self._session.execute(
            insert(SummaryRow)
            .values(
                person_id=person_id,
                local_date=local_date,
                due_at=due_at,
                status=status.value,
                attempts=0,
                items=0,
            )
            .on_conflict_do_nothing(index_elements=["person_id", "local_date"])
        )
        return bool(getattr(result, "rowcount", 0))

    async def exists(self, person_id: int, local_date: date) -> bool:
        found = await self._session.scalar(
            select(SummaryRow.id).where(
                SummaryRow.person_id == person_id, SummaryRow.local_date == local_date
            )
        )
        return found is not None

    async def claim_due(self, now: datetime, limit: int) -> list[Summary]:
        rows = await claim_due(self._session, SummaryRow, now, limit)
        return [_summary(row) for row in rows]

    async def release_claims(self, claimed_before: datetime) -> int:
        result = await self._session.execute(
            update(SummaryRow)
            .where(
                SummaryRow.status == SummaryStatus.SENDING.value,
                SummaryRow.claimed_at < claimed_before,
            )
            .values(status=SummaryStatus.DUE.value, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def _set(self, summary_id: int, **values: Any) -> None:
        await self._session.execute(
            update(SummaryRow)
            .where(SummaryRow.id == summary_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    async def mark_sent(
        self, summary_id: int, chat_id: int, message_id: int, items: int, at: datetime
    ) -> None:
        await self._set(
            summary_id,
            status=SummaryStatus.SENT.value,
            chat_id=chat_id,
            message_id=message_id,
            items=items,
            sent_at=at,
            claimed_at=None,
        )

    async def finish(self, summary_id: int, status: SummaryStatus) -> None:
        await self._set(summary_id, status=status.value, claimed_at=None)

    async def retry_later(self, summary_id: int, at: datetime) -> None:
        await self._set(
            summary_id, status=SummaryStatus.DUE.value, next_attempt_at=at, claimed_at=None
        )

    async def by_message(self, chat_id: int, message_id: int) -> Summary | None:
        row = await self._session.scalar(
            select(SummaryRow).where(
                SummaryRow.chat_id == chat_id, SummaryRow.message_id == message_id
            )
        )
        return _summary(row) if row else None

    async def of_person(self, person_id: int) -> list[Summary]:
        rows = await self._session.scalars(
            select(SummaryRow)
            .where(SummaryRow.person_id == person_id)
            .order_by(SummaryRow.local_date, SummaryRow.id)
            .execution_options(populate_existing=True)
        )
        return [_summary(row) for row in rows]

    async def delete_of_person(self, person_id: int) -> None:
        await self._session.execute(delete(SummaryRow).where(SummaryRow.person_id == person_id))
