"""People, couples and invitations."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import delete, or_, select, update

from bot.db.models import (
    CoupleRow,
    InviteRow,
    PersonRow,
)
from bot.db.repositories.base import Repository, person_from_row
from bot.domain.models import (
    CheckinSlot,
    Couple,
    Invite,
    Pending,
    Person,
)


def _couple(row: CoupleRow) -> Couple:
    return Couple(row.id, row.partner_a_id, row.partner_b_id, row.group_chat_id)


def slot_from_row(row: CoupleRow) -> CheckinSlot:
    return CheckinSlot(
        row.checkin_weekday, row.checkin_time, row.checkin_timezone, row.checkin_next_at
    )


def _invite(row: InviteRow) -> Invite:
    return Invite(
        row.code, row.inviter_id, row.created_at, row.expires_at, row.used_at, row.used_by
    )


class SqlPeople(Repository):
    """People in SQL."""

    async def get(self, person_id: int) -> Person | None:
        row = await self._session.get(PersonRow, person_id, populate_existing=True)
        return person_from_row(row) if row else None

    async def by_chat_id(self, chat_id: int) -> Person | None:
        row = await self._session.scalar(select(PersonRow).where(PersonRow.chat_id == chat_id))
        return person_from_row(row) if row else None

    async def add(self, chat_id: int, name: str, language: str, timezone: str) -> Person:
        row = PersonRow(
            chat_id=chat_id,
            name=name,
            language=language,
            timezone=timezone,
            created_at=datetime.now(UTC),
        )
        self._session.add(row)
        await self._session.flush()
        return person_from_row(row)

    async def _set(self, person_id: int, **values: Any) -> None:
        await self._session.execute(
            update(PersonRow).where(PersonRow.id == person_id).values(**values)
        )

    async def set_name(self, person_id: int, name: str) -> None:
        await self._set(person_id, name=name)

    async def set_timezone(self, person_id: int, timezone: str) -> None:
        await self._set(person_id, timezone=timezone)

    async def set_country(self, person_id: int, country: str | None) -> None:
        await self._set(person_id, country=country)

    async def set_couple(self, person_id: int, couple_id: int | None) -> None:
        await self._set(person_id, couple_id=couple_id)

    async def set_pending(self, person_id: int, pending: Pending | None) -> None:
        await self._set(
            person_id,
            pending_kind=pending.kind if pending else None,
            pending_data=dict(pending.data) if pending else None,
        )

    async def set_blocked(self, person_id: int, at: datetime | None) -> bool:
        # Guarded so that only the change of state reports True: the partner is told once.
        state = PersonRow.blocked_at.is_(None) if at else PersonRow.blocked_at.is_not(None)
        result = await self._session.execute(
            update(PersonRow)
            .where(PersonRow.id == person_id, state)
            .values(blocked_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def delete(self, person_id: int) -> None:
        await self._session.execute(delete(PersonRow).where(PersonRow.id == person_id))

    async def set_paused_until(self, person_id: int, last_day: date | None) -> None:
        await self._set(person_id, paused_until=last_day)

    async def set_language(self, person_id: int, language: str) -> None:
        await self._set(person_id, language=language)

    async def set_sharing(
        self,
        person_id: int,
        sharing: str,
        summary_time: time | None,
        since: datetime,
        next_at: datetime | None,
    ) -> None:
        await self._set(
            person_id,
            sharing=sharing,
            summary_time=summary_time,
            sharing_since=since,
            summary_next_at=next_at,
        )

    async def set_summary_next(self, person_id: int, next_at: datetime | None) -> None:
        await self._set(person_id, summary_next_at=next_at)

    async def summary_next(self, person_id: int) -> datetime | None:
        row = await self._session.get(PersonRow, person_id, populate_existing=True)
        return row.summary_next_at if row else None

    async def due_summaries(self, now: datetime, limit: int) -> list[tuple[Person, datetime]]:
        rows = await self._session.execute(
            select(PersonRow, PersonRow.summary_next_at)
            .where(PersonRow.summary_next_at <= now)
            .order_by(PersonRow.summary_next_at, PersonRow.id)
            .limit(limit)
        )
        return [(person_from_row(row), due) for row, due in rows if due is not None]


class SqlCouples(Repository):
    """Couples in SQL."""

    async def get(self, couple_id: int) -> Couple | None:
        row = await self._session.get(CoupleRow, couple_id, populate_existing=True)
        return _couple(row) if row else None

    async def add(self, partner_a_id: int, partner_b_id: int) -> Couple:
        row = CoupleRow(
            partner_a_id=partner_a_id, partner_b_id=partner_b_id, created_at=datetime.now(UTC)
        )
        self._session.add(row)
        await self._session.flush()
        return _couple(row)

    async def by_group(self, group_chat_id: int) -> Couple | None:
        row = await self._session.scalar(
            select(CoupleRow).where(CoupleRow.group_chat_id == group_chat_id)
        )
        return _couple(row) if row else None

    async def link_group(self, couple_id: int, group_chat_id: int) -> None:
        await self._set(couple_id, group_chat_id=group_chat_id)

    async def _set(self, couple_id: int, **values: Any) -> None:
        await self._session.execute(
            update(CoupleRow).where(CoupleRow.id == couple_id).values(**values)
        )

    async def slot(self, couple_id: int) -> CheckinSlot:
        row = await self._session.get(CoupleRow, couple_id, populate_existing=True)
        assert row is not None
        return slot_from_row(row)

    async def set_slot(self, couple_id: int, slot: CheckinSlot) -> None:
        await self._set(
            couple_id,
            checkin_weekday=slot.weekday,
            checkin_time=slot.local_time,
            checkin_timezone=slot.timezone,
            checkin_next_at=slot.next_at,
        )

    async def set_next_checkin(self, couple_id: int, at: datetime | None) -> None:
        await self._set(couple_id, checkin_next_at=at)

    async def due_checkins(self, now: datetime, limit: int) -> list[Couple]:
        rows = await self._session.scalars(
            select(CoupleRow)
            .where(CoupleRow.checkin_next_at <= now)
            .order_by(CoupleRow.checkin_next_at)
            .limit(limit)
        )
        return [_couple(row) for row in rows]

    async def set_therapy_suggested(self, couple_id: int, day: date) -> None:
        await self._set(couple_id, therapy_suggested_on=day)

    async def therapy_suggested_on(self, couple_id: int) -> date | None:
        return await self._session.scalar(
            select(CoupleRow.therapy_suggested_on).where(CoupleRow.id == couple_id)
        )

    async def delete(self, couple_id: int) -> None:
        await self._session.execute(delete(CoupleRow).where(CoupleRow.id == couple_id))


class SqlInvites(Repository):
    """Invitation codes in SQL."""

    async def get(self, code: str) -> Invite | None:
        row = await self._session.get(InviteRow, code, populate_existing=True)
        return _invite(row) if row else None

    async def add(self, invite: Invite) -> None:
        self._session.add(
            InviteRow(
                code=invite.code,
                inviter_id=invite.inviter_id,
                created_at=invite.created_at,
                expires_at=invite.expires_at,
            )
        )
        await self._session.flush()

    async def mark_used(self, code: str, used_by: int, at: datetime) -> None:
        await self._session.execute(
            update(InviteRow).where(InviteRow.code == code).values(used_by=used_by, used_at=at)
        )

    async def of_person(self, person_id: int) -> list[Invite]:
        rows = await self._session.scalars(
            select(InviteRow)
            .where(or_(InviteRow.inviter_id == person_id, InviteRow.used_by == person_id))
            .order_by(InviteRow.created_at)
        )
        return [_invite(row) for row in rows]

    async def expire_unused(self, inviter_id: int, at: datetime) -> None:
        # Expired rather than deleted: /export still shows the invitation that was made.
        await self._session.execute(
            update(InviteRow)
            .where(
                InviteRow.inviter_id == inviter_id,
                InviteRow.used_at.is_(None),
                InviteRow.expires_at > at,
            )
            .values(expires_at=at)
        )

    async def delete_of_person(self, person_id: int) -> None:
        await self._session.execute(delete(InviteRow).where(InviteRow.inviter_id == person_id))
        await self._session.execute(
            update(InviteRow).where(InviteRow.used_by == person_id).values(used_by=None)
        )
