"""What every repository shares: the session, claiming due rows, rows read as people and commitments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.encryption import FieldCipher
from bot.db.models import (
    CommitmentRow,
    NudgeRow,
    PersonRow,
    SummaryRow,
)
from bot.domain.models import (
    Commitment,
    CommitmentState,
    NudgeStatus,
    Pending,
    Person,
    SummaryStatus,
)


def person_from_row(row: PersonRow) -> Person:
    pending = Pending(row.pending_kind, dict(row.pending_data or {})) if row.pending_kind else None
    return Person(
        id=row.id,
        chat_id=row.chat_id,
        name=row.name,
        language=row.language,
        timezone=row.timezone,
        couple_id=row.couple_id,
        pending=pending,
        created_at=row.created_at,
        blocked_at=row.blocked_at,
        paused_until=row.paused_until,
        country=row.country,
        sharing=row.sharing,
        summary_time=row.summary_time,
        sharing_since=row.sharing_since,
    )


def commitment_from_row(row: CommitmentRow) -> Commitment:
    return Commitment(
        id=row.id,
        person_id=row.person_id,
        text=row.text,
        weekdays=row.weekdays,
        local_time=row.local_time,
        state=CommitmentState(row.state),
        next_due_at=row.next_due_at,
        next_local_date=row.next_local_date,
        created_at=row.created_at,
        sizing_offered_at=row.sizing_offered_at,
        chore_id=row.chore_id,
    )


# Both ledgers (nudges, daily summaries) claim alike, over the same status values.
_DUE, _SENDING = NudgeStatus.DUE.value, NudgeStatus.SENDING.value
assert (SummaryStatus.DUE.value, SummaryStatus.SENDING.value) == (_DUE, _SENDING)


async def claim_due(
    session: AsyncSession, row_class: type[NudgeRow] | type[SummaryRow], now: datetime, limit: int
) -> Sequence[Any]:
    """Move due rows of a ledger to "sending", skipping rows another instance holds; the rows
    this claim took, by id."""
    candidates = (
        select(row_class.id)
        .where(
            row_class.status == _DUE,
            row_class.due_at <= now,
            or_(row_class.next_attempt_at.is_(None), row_class.next_attempt_at <= now),
        )
        .order_by(row_class.due_at, row_class.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = list(await session.scalars(candidates))
    if not ids:
        return []
    await session.execute(
        update(row_class)
        .where(row_class.id.in_(ids), row_class.status == _DUE)
        .values(status=_SENDING, claimed_at=now, attempts=row_class.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    rows = await session.scalars(
        select(row_class)
        .where(row_class.id.in_(ids), row_class.status == _SENDING)
        .order_by(row_class.id)
        .execution_options(populate_existing=True)
    )
    return list(rows)


class Repository:
    def __init__(self, session: AsyncSession, cipher: FieldCipher | None = None) -> None:
        self._session = session
        # Encrypts what people write freely; a plain one when DATA_KEY is unset.
        self._cipher = cipher or FieldCipher()
