"""The ledger of nudges: one row per commitment and local date."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.db.encryption import FieldCipher
from bot.db.models import (
    NudgeRow,
)
from bot.db.repositories.base import Repository, claim_due
from bot.domain.models import (
    NewNudge,
    Nudge,
    NudgeStatus,
)

# A nudge being recorded as sent can already be answered: its message is on the person's phone.
ANSWERABLE = (NudgeStatus.SENT.value, NudgeStatus.SENDING.value)


def _nudge(row: NudgeRow, cipher: FieldCipher) -> Nudge:
    return Nudge(
        id=row.id,
        commitment_id=row.commitment_id,
        person_id=row.person_id,
        local_date=row.local_date,
        due_at=row.due_at,
        status=NudgeStatus(row.status),
        late=row.late,
        attempts=row.attempts,
        chat_id=row.chat_id,
        message_id=row.message_id,
        sent_at=row.sent_at,
        answered_at=row.answered_at,
        reflection=cipher.decrypt(row.reflection),
        partner_chat_id=row.partner_chat_id,
        partner_message_id=row.partner_message_id,
        noticed_at=row.noticed_at,
        reflection_shared_at=row.reflection_shared_at,
        next_attempt_at=row.next_attempt_at,
    )


class SqlNudges(Repository):
    """The nudge ledger in SQL."""

    async def get(self, nudge_id: int) -> Nudge | None:
        row = await self._session.get(NudgeRow, nudge_id, populate_existing=True)
        return _nudge(row, self._cipher) if row else None

    async def add_if_absent(self, nudge: NewNudge) -> bool:
        # One statement rather than a look-up and a savepoint: planning runs it for every due
        # commitment. A row already there (planned by an earlier tick, or by another instance
        # at the same moment) is left as it is.
        dialect = self._session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        result = await self._session.execute(
            insert(NudgeRow)
            .values(
                commitment_id=nudge.commitment_id,
                person_id=nudge.person_id,
                local_date=nudge.local_date,
                due_at=nudge.due_at,
                status=nudge.status.value,
                late=nudge.late,
                attempts=0,
            )
            .on_conflict_do_nothing(index_elements=["commitment_id", "local_date"])
        )
        return bool(getattr(result, "rowcount", 0))

    async def exists(self, commitment_id: int, local_date: date) -> bool:
        found = await self._session.scalar(
            select(NudgeRow.id).where(
                NudgeRow.commitment_id == commitment_id, NudgeRow.local_date == local_date
            )
        )
        return found is not None

    async def claim_due(self, now: datetime, limit: int) -> list[Nudge]:
        rows = await claim_due(self._session, NudgeRow, now, limit)
        return [_nudge(row, self._cipher) for row in rows]

    async def release_claims(self, claimed_before: datetime) -> int:
        result = await self._session.execute(
            update(NudgeRow)
            .where(
                NudgeRow.status == NudgeStatus.SENDING.value, NudgeRow.claimed_at < claimed_before
            )
            .values(status=NudgeStatus.DUE.value, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def _set_many(self, nudge_ids: Sequence[int], **values: Any) -> None:
        await self._session.execute(
            update(NudgeRow)
            .where(NudgeRow.id.in_(list(nudge_ids)))
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    async def mark_sent(
        self, nudge_ids: Sequence[int], chat_id: int, message_id: int, at: datetime
    ) -> None:
        await self._set_many(
            nudge_ids, chat_id=chat_id, message_id=message_id, sent_at=at, claimed_at=None
        )
        # A person quick enough to answer before this commit keeps their answer, and one who
        # snoozed it (due again later) keeps the snooze. A row handed back as due when its
        # claim timed out (its next attempt not in the future) was sent after all.
        await self._session.execute(
            update(NudgeRow)
            .where(
                NudgeRow.id.in_(list(nudge_ids)),
                or_(
                    NudgeRow.status == NudgeStatus.SENDING.value,
                    and_(
                        NudgeRow.status == NudgeStatus.DUE.value,
                        or_(NudgeRow.next_attempt_at.is_(None), NudgeRow.next_attempt_at <= at),
                    ),
                ),
            )
            .values(status=NudgeStatus.SENT.value)
            .execution_options(synchronize_session=False)
        )

    async def retry_later(self, nudge_ids: Sequence[int], at: datetime) -> None:
        await self._set_many(
            nudge_ids, status=NudgeStatus.DUE.value, next_attempt_at=at, claimed_at=None
        )

    async def mark_failed(self, nudge_ids: Sequence[int]) -> None:
        await self._set_many(nudge_ids, status=NudgeStatus.FAILED.value, claimed_at=None)

    async def mark_skipped(self, nudge_ids: Sequence[int]) -> None:
        await self._set_many(nudge_ids, status=NudgeStatus.SKIPPED.value, claimed_at=None)

    async def answer(self, nudge_id: int, status: NudgeStatus, at: datetime) -> bool:
        # The status guard makes two simultaneous presses record one answer.
        result = await self._session.execute(
            update(NudgeRow)
            .where(NudgeRow.id == nudge_id, NudgeRow.status.in_(ANSWERABLE))
            .values(status=status.value, answered_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def snooze(self, nudge_id: int, until: datetime) -> bool:
        # Back to DUE with a later attempt time: the tick sends it again; tomorrow is untouched.
        # SENDING too: pressed before its send is recorded, which then keeps the snooze.
        result = await self._session.execute(
            update(NudgeRow)
            .where(NudgeRow.id == nudge_id, NudgeRow.status.in_(ANSWERABLE))
            .values(status=NudgeStatus.DUE.value, next_attempt_at=until, attempts=0)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def mark_reflection_shared(self, nudge_id: int, at: datetime) -> bool:
        result = await self._session.execute(
            update(NudgeRow)
            .where(NudgeRow.id == nudge_id, NudgeRow.reflection_shared_at.is_(None))
            .values(reflection_shared_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def set_reflection(self, nudge_id: int, text: str) -> None:
        await self._set_many([nudge_id], reflection=self._cipher.encrypt(text))

    async def set_partner_message(self, nudge_id: int, chat_id: int, message_id: int) -> None:
        await self._set_many([nudge_id], partner_chat_id=chat_id, partner_message_id=message_id)

    async def mark_noticed(self, nudge_id: int, at: datetime) -> bool:
        result = await self._session.execute(
            update(NudgeRow)
            .where(NudgeRow.id == nudge_id, NudgeRow.noticed_at.is_(None))
            .values(noticed_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def in_message(self, chat_id: int, message_id: int) -> list[Nudge]:
        rows = await self._session.scalars(
            select(NudgeRow)
            .where(NudgeRow.chat_id == chat_id, NudgeRow.message_id == message_id)
            .order_by(NudgeRow.id)
            .execution_options(populate_existing=True)
        )
        return [_nudge(row, self._cipher) for row in rows]

    async def held_for_partner(self, owner_id: int, since: datetime) -> list[Nudge]:
        rows = await self._session.scalars(
            select(NudgeRow)
            .where(
                NudgeRow.person_id == owner_id,
                NudgeRow.status.in_((NudgeStatus.KEPT.value, NudgeStatus.MISSED.value)),
                NudgeRow.answered_at >= since,
                NudgeRow.partner_message_id.is_(None),
            )
            .order_by(NudgeRow.answered_at, NudgeRow.id)
            .execution_options(populate_existing=True)
        )
        return [_nudge(row, self._cipher) for row in rows]

    async def in_partner_message(self, chat_id: int, message_id: int) -> list[Nudge]:
        rows = await self._session.scalars(
            select(NudgeRow)
            .where(NudgeRow.partner_chat_id == chat_id, NudgeRow.partner_message_id == message_id)
            .order_by(NudgeRow.answered_at, NudgeRow.id)
            .execution_options(populate_existing=True)
        )
        return [_nudge(row, self._cipher) for row in rows]

    async def answerable(self, person_id: int, since: date) -> list[Nudge]:
        rows = await self._session.scalars(
            select(NudgeRow)
            .where(
                NudgeRow.person_id == person_id,
                NudgeRow.local_date >= since,
                NudgeRow.status == NudgeStatus.SENT.value,
            )
            .order_by(NudgeRow.local_date, NudgeRow.id)
        )
        return [_nudge(row, self._cipher) for row in rows]

    async def of_person_between(self, person_id: int, first: date, last: date) -> list[Nudge]:
        rows = await self._session.scalars(
            select(NudgeRow)
            .where(
                and_(
                    NudgeRow.person_id == person_id,
                    NudgeRow.local_date >= first,
                    NudgeRow.local_date <= last,
                )
            )
            .order_by(NudgeRow.local_date, NudgeRow.id)
            .execution_options(populate_existing=True)
        )
        return [_nudge(row, self._cipher) for row in rows]

    async def delete_of_person(self, person_id: int) -> None:
        await self._session.execute(delete(NudgeRow).where(NudgeRow.person_id == person_id))

    async def forget_partner_chat(self, chat_id: int) -> None:
        await self._session.execute(
            update(NudgeRow)
            .where(NudgeRow.partner_chat_id == chat_id)
            .values(partner_chat_id=None, partner_message_id=None)
            .execution_options(synchronize_session=False)
        )
