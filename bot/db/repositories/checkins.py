"""Weekly check-ins and their answers (the private ones encrypted)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from bot.db.encryption import FieldCipher
from bot.db.models import (
    CheckinAnswerRow,
    CheckinRow,
)
from bot.db.repositories.base import Repository
from bot.domain.models import (
    Checkin,
    CheckinAnswer,
    PastAnswer,
)


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


class SqlCheckins(Repository):
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
