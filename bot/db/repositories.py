"""Repositories over SQLAlchemy rows; every method returns domain dataclasses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.encryption import FieldCipher
from bot.db.models import (
    CheckinAnswerRow,
    CheckinRow,
    ChoreRow,
    ChoreSwapRow,
    CommitmentRow,
    CoupleRow,
    InviteRow,
    NudgeRow,
    PersonRow,
    SummaryRow,
)
from bot.domain.models import (
    Checkin,
    CheckinAnswer,
    CheckinSlot,
    Chore,
    ChoreSwap,
    Commitment,
    CommitmentState,
    Couple,
    Invite,
    NewNudge,
    Nudge,
    NudgeStatus,
    PastAnswer,
    Pending,
    Person,
    Summary,
    SummaryStatus,
    SwapState,
)

# A nudge being recorded as sent can already be answered: its message is on the person's phone.
ANSWERABLE = (NudgeStatus.SENT.value, NudgeStatus.SENDING.value)


def _person(row: PersonRow) -> Person:
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


def _couple(row: CoupleRow) -> Couple:
    return Couple(row.id, row.partner_a_id, row.partner_b_id, row.group_chat_id)


def _invite(row: InviteRow) -> Invite:
    return Invite(
        row.code, row.inviter_id, row.created_at, row.expires_at, row.used_at, row.used_by
    )


def _commitment(row: CommitmentRow) -> Commitment:
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


# Both ledgers (nudges, daily summaries) claim alike, over the same status values.
_DUE, _SENDING = NudgeStatus.DUE.value, NudgeStatus.SENDING.value
assert (SummaryStatus.DUE.value, SummaryStatus.SENDING.value) == (_DUE, _SENDING)


async def _claim_due(
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


class _Repository:
    def __init__(self, session: AsyncSession, cipher: FieldCipher | None = None) -> None:
        self._session = session
        # Encrypts what people write freely; a plain one when DATA_KEY is unset.
        self._cipher = cipher or FieldCipher()


class SqlPeople(_Repository):
    """People in SQL."""

    async def get(self, person_id: int) -> Person | None:
        row = await self._session.get(PersonRow, person_id, populate_existing=True)
        return _person(row) if row else None

    async def by_chat_id(self, chat_id: int) -> Person | None:
        row = await self._session.scalar(select(PersonRow).where(PersonRow.chat_id == chat_id))
        return _person(row) if row else None

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
        return _person(row)

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
        return [(_person(row), due) for row, due in rows if due is not None]


class SqlCouples(_Repository):
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
        return CheckinSlot(
            row.checkin_weekday, row.checkin_time, row.checkin_timezone, row.checkin_next_at
        )

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


class SqlInvites(_Repository):
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


class SqlCommitments(_Repository):
    """Commitments in SQL."""

    async def get(self, commitment_id: int) -> Commitment | None:
        row = await self._session.get(CommitmentRow, commitment_id, populate_existing=True)
        return _commitment(row) if row else None

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
        return _commitment(row)

    async def of_person(self, person_id: int, *, include_deleted: bool = False) -> list[Commitment]:
        query = select(CommitmentRow).where(CommitmentRow.person_id == person_id)
        if not include_deleted:
            query = query.where(CommitmentRow.state != CommitmentState.DELETED.value)
        rows = await self._session.scalars(query.order_by(CommitmentRow.id))
        return [_commitment(row) for row in rows]

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
        return [(_commitment(row), _person(owner)) for row, owner in rows]

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
        return [_commitment(row) for row in rows]

    async def delete_of_person(self, person_id: int) -> None:
        await self._session.execute(
            delete(CommitmentRow).where(CommitmentRow.person_id == person_id)
        )


class SqlNudges(_Repository):
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
        rows = await _claim_due(self._session, NudgeRow, now, limit)
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


class SqlSummaries(_Repository):
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
        rows = await _claim_due(self._session, SummaryRow, now, limit)
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


def _checkin(row: CheckinRow) -> Checkin:
    # Check-ins of an ended couple (couple_id NULL after a /forget) are never handed out here.
    assert row.couple_id is not None
    return Checkin(
        id=row.id,
        couple_id=row.couple_id,
        iso_year=row.iso_year,
        iso_week=row.iso_week,
        opened_at=row.opened_at,
        reminded_at=row.reminded_at,
        closed_at=row.closed_at,
        chat_id=row.chat_id,
        message_id=row.message_id,
    )


def _answer(row: CheckinAnswerRow, cipher: FieldCipher) -> CheckinAnswer:
    return CheckinAnswer(
        checkin_id=row.checkin_id,
        person_id=row.person_id,
        trust=row.trust,
        progress=row.progress,
        safety=_rating(cipher.decrypt(row.safety)),
        appreciated=cipher.decrypt(row.appreciated),
        differently=cipher.decrypt(row.differently),
        words_done=row.words_done,
        words_asked=row.words_asked,
        words_shared=row.words_shared,
    )


def _rating(stored: str | None) -> int | None:
    return int(stored) if stored else None


class SqlCheckins(_Repository):
    """Weekly check-ins and their answers in SQL."""

    async def get(self, checkin_id: int) -> Checkin | None:
        row = await self._session.get(CheckinRow, checkin_id, populate_existing=True)
        return _checkin(row) if row and row.couple_id is not None else None

    async def add_if_absent(
        self, couple_id: int, iso_year: int, iso_week: int, opened_at: datetime
    ) -> Checkin | None:
        exists = await self._session.scalar(
            select(CheckinRow.id).where(
                CheckinRow.couple_id == couple_id,
                CheckinRow.iso_year == iso_year,
                CheckinRow.iso_week == iso_week,
            )
        )
        if exists is not None:
            return None
        row = CheckinRow(
            couple_id=couple_id, iso_year=iso_year, iso_week=iso_week, opened_at=opened_at
        )
        try:
            async with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            return None
        return _checkin(row)

    async def open_of(self, couple_id: int) -> Checkin | None:
        row = await self._session.scalar(
            select(CheckinRow)
            .where(CheckinRow.couple_id == couple_id, CheckinRow.closed_at.is_(None))
            .order_by(CheckinRow.id.desc())
            .limit(1)
        )
        return _checkin(row) if row else None

    async def of_couple(self, couple_id: int, limit: int) -> list[Checkin]:
        rows = await self._session.scalars(
            select(CheckinRow)
            .where(CheckinRow.couple_id == couple_id)
            .order_by(CheckinRow.iso_year.desc(), CheckinRow.iso_week.desc())
            .limit(limit)
        )
        return [_checkin(row) for row in reversed(list(rows))]

    async def set_message(self, checkin_id: int, chat_id: int, message_id: int) -> None:
        await self._session.execute(
            update(CheckinRow)
            .where(CheckinRow.id == checkin_id)
            .values(chat_id=chat_id, message_id=message_id)
        )

    async def needing_reminder(self, opened_before: datetime, limit: int) -> list[Checkin]:
        rows = await self._session.scalars(
            select(CheckinRow)
            .where(
                CheckinRow.closed_at.is_(None),
                CheckinRow.reminded_at.is_(None),
                CheckinRow.opened_at <= opened_before,
                CheckinRow.couple_id.is_not(None),
            )
            .limit(limit)
        )
        return [_checkin(row) for row in rows]

    async def mark_reminded(self, checkin_id: int, at: datetime) -> None:
        await self._session.execute(
            update(CheckinRow).where(CheckinRow.id == checkin_id).values(reminded_at=at)
        )

    async def to_close(self, opened_before: datetime, limit: int) -> list[Checkin]:
        rows = await self._session.scalars(
            select(CheckinRow)
            .where(
                CheckinRow.closed_at.is_(None),
                CheckinRow.opened_at <= opened_before,
                CheckinRow.couple_id.is_not(None),
            )
            .limit(limit)
        )
        return [_checkin(row) for row in rows]

    async def close(self, checkin_id: int, at: datetime) -> bool:
        # Guarded so that two triggers of the reveal (last answer, 72 h tick) reveal once.
        result = await self._session.execute(
            update(CheckinRow)
            .where(CheckinRow.id == checkin_id, CheckinRow.closed_at.is_(None))
            .values(closed_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def answers(self, checkin_id: int) -> list[CheckinAnswer]:
        rows = await self._session.scalars(
            select(CheckinAnswerRow)
            .where(CheckinAnswerRow.checkin_id == checkin_id)
            .order_by(CheckinAnswerRow.id)
            .execution_options(populate_existing=True)
        )
        return [_answer(row, self._cipher) for row in rows]

    async def answers_of_couple(
        self, couple_id: int, limit: int
    ) -> list[tuple[Checkin, CheckinAnswer]]:
        recent = await self.of_couple(couple_id, limit)
        if not recent:
            return []
        by_id = {c.id: c for c in recent}
        rows = await self._session.scalars(
            select(CheckinAnswerRow).where(CheckinAnswerRow.checkin_id.in_(list(by_id)))
        )
        return [(by_id[row.checkin_id], _answer(row, self._cipher)) for row in rows]

    async def save_answer(self, answer: CheckinAnswer, at: datetime) -> None:
        row = await self._session.scalar(
            select(CheckinAnswerRow).where(
                CheckinAnswerRow.checkin_id == answer.checkin_id,
                CheckinAnswerRow.person_id == answer.person_id,
            )
        )
        if row is None:
            row = CheckinAnswerRow(checkin_id=answer.checkin_id, person_id=answer.person_id)
            self._session.add(row)
        row.trust = answer.trust
        row.progress = answer.progress
        row.safety = self._cipher.encrypt(None if answer.safety is None else str(answer.safety))
        row.appreciated = self._cipher.encrypt(answer.appreciated)
        row.differently = self._cipher.encrypt(answer.differently)
        row.words_done = answer.words_done
        row.words_asked = answer.words_asked
        row.words_shared = answer.words_shared
        row.updated_at = at
        await self._session.flush()

    async def answers_of_person(self, person_id: int) -> list[PastAnswer]:
        rows = await self._session.execute(
            select(CheckinRow, CheckinAnswerRow)
            .join(CheckinAnswerRow, CheckinAnswerRow.checkin_id == CheckinRow.id)
            .where(CheckinAnswerRow.person_id == person_id)
            .order_by(CheckinRow.iso_year, CheckinRow.iso_week, CheckinRow.id)
        )
        return [
            PastAnswer(
                checkin.iso_year,
                checkin.iso_week,
                checkin.opened_at,
                checkin.closed_at,
                _answer(answer, self._cipher),
            )
            for checkin, answer in rows
        ]

    async def delete_answers_of(self, person_id: int) -> None:
        await self._session.execute(
            delete(CheckinAnswerRow).where(CheckinAnswerRow.person_id == person_id)
        )

    async def delete_orphans(self) -> None:
        answered = select(CheckinAnswerRow.id).where(CheckinAnswerRow.checkin_id == CheckinRow.id)
        await self._session.execute(
            delete(CheckinRow).where(CheckinRow.couple_id.is_(None), ~answered.exists())
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


class SqlChores(_Repository):
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
