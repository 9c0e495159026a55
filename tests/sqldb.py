"""The real SQLite database for service tests: migrated once, copied for each test, read back.

Service tests run through the real repositories and unit of work. Alembic runs once per test
session into a template file; every test gets a copy of it (a file copy costs far less than a
migration). `CommittedRows` reads what has been committed, as the repositories' own dataclasses,
through a separate synchronous connection: it sees exactly what another process would.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session

from bot.db.encryption import FieldCipher
from bot.db.engine import make_engine
from bot.db.migrate import upgrade
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
from bot.db.repositories.base import commitment_from_row, person_from_row
from bot.db.repositories.checkins import _answer, _checkin
from bot.db.repositories.chores import _chore, _swap
from bot.db.repositories.nudges import _nudge
from bot.db.repositories.people import _couple, _invite, slot_from_row
from bot.db.repositories.summaries import _summary
from bot.domain.models import (
    Checkin,
    CheckinAnswer,
    CheckinSlot,
    Chore,
    ChoreSwap,
    Commitment,
    Couple,
    Invite,
    Nudge,
    Person,
    Summary,
)

TEMPLATE_NAME = "template.db"
DATABASE_NAME = "kept.db"


def migrated_template(folder: Path) -> Path:
    """A SQLite file at the newest schema, to be copied for each test."""
    path = folder / TEMPLATE_NAME
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


def fresh_copy(template: Path, folder: Path) -> Path:
    """A copy of the template for one test (WAL checkpointed by the migration's close)."""
    path = folder / DATABASE_NAME
    shutil.copyfile(template, path)
    return path


def open_database(template: Path, folder: Path) -> tuple[AsyncEngine, CommittedRows]:
    """The product's engine on a fresh copy, and a reader of what it commits."""
    path = fresh_copy(template, folder)
    engine = make_engine(f"sqlite+aiosqlite:///{path}")
    return engine, CommittedRows(path, engine)


class CommittedRows:
    """What the database holds once committed, read as the repositories read it.

    Also counts the product engine's commits, for tests that show a refusal wrote nothing.
    """

    def __init__(self, path: Path, engine: AsyncEngine) -> None:
        self._reader: Engine = create_engine(f"sqlite:///{path}")
        self._cipher = FieldCipher()  # the tests' databases store text as it is
        self.commits = 0
        event.listen(engine.sync_engine, "commit", self._count_commit)

    def _count_commit(self, _connection: Any) -> None:
        self.commits += 1

    def close(self) -> None:
        self._reader.dispose()

    def _rows(self, model: Any) -> list[Any]:
        with Session(self._reader) as session:
            return list(session.scalars(select(model).order_by(*model.__mapper__.primary_key)))

    def _row(self, model: Any, key: object) -> Any:
        with Session(self._reader) as session:
            row = session.get(model, key)
        assert row is not None, f"no {model.__tablename__} row {key!r}"
        return row

    # Whole tables, by key, as dataclasses (compare snapshots with ==).

    @property
    def people(self) -> dict[int, Person]:
        return {row.id: person_from_row(row) for row in self._rows(PersonRow)}

    @property
    def couples(self) -> dict[int, Couple]:
        return {row.id: _couple(row) for row in self._rows(CoupleRow)}

    @property
    def invites(self) -> dict[str, Invite]:
        return {row.code: _invite(row) for row in self._rows(InviteRow)}

    @property
    def commitments(self) -> dict[int, Commitment]:
        return {row.id: commitment_from_row(row) for row in self._rows(CommitmentRow)}

    @property
    def nudges(self) -> dict[int, Nudge]:
        return {row.id: _nudge(row, self._cipher) for row in self._rows(NudgeRow)}

    @property
    def checkins(self) -> dict[int, Checkin]:
        return {row.id: _checkin(row) for row in self._rows(CheckinRow)}

    @property
    def answers(self) -> list[CheckinAnswer]:
        return [_answer(row, self._cipher) for row in self._rows(CheckinAnswerRow)]

    @property
    def chores(self) -> dict[int, Chore]:
        return {row.id: _chore(row) for row in self._rows(ChoreRow)}

    @property
    def chore_swaps(self) -> dict[int, ChoreSwap]:
        return {row.id: _swap(row) for row in self._rows(ChoreSwapRow)}

    # One row, or the rows of one kind.

    def person(self, person_id: int) -> Person:
        return person_from_row(self._row(PersonRow, person_id))

    def commitment(self, commitment_id: int) -> Commitment:
        return commitment_from_row(self._row(CommitmentRow, commitment_id))

    def nudge(self, nudge_id: int) -> Nudge:
        return _nudge(self._row(NudgeRow, nudge_id), self._cipher)

    def nudge_rows(self) -> list[Nudge]:
        return list(self.nudges.values())

    def claimed_at(self, nudge_id: int) -> Any:
        """When the row was claimed for sending, if it is claimed."""
        return self._row(NudgeRow, nudge_id).claimed_at

    def summary_rows(self) -> list[Summary]:
        return [_summary(row) for row in self._rows(SummaryRow)]

    def summary_next_at(self, person_id: int) -> Any:
        """When the person's next daily summary is due."""
        return self._row(PersonRow, person_id).summary_next_at

    def couple(self, couple_id: int) -> Couple:
        return _couple(self._row(CoupleRow, couple_id))

    def therapy_suggested_on(self, couple_id: int) -> Any:
        """The day couples therapy was last suggested to the couple, if ever."""
        return self._row(CoupleRow, couple_id).therapy_suggested_on

    def slot(self, couple_id: int) -> CheckinSlot:
        return slot_from_row(self._row(CoupleRow, couple_id))

    def checkin_rows(self) -> list[Checkin]:
        return list(self.checkins.values())

    def answers_of(self, checkin_id: int) -> list[CheckinAnswer]:
        return [answer for answer in self.answers if answer.checkin_id == checkin_id]
