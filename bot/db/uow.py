"""The SQL unit of work: one session, one transaction, committed only on request."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.db.encryption import FieldCipher
from bot.db.repositories import (
    SqlCheckins,
    SqlChores,
    SqlCommitments,
    SqlCouples,
    SqlInvites,
    SqlNudges,
    SqlPeople,
    SqlSummaries,
)


class SqlUnitOfWork:
    """Repositories sharing one session; leaving without commit() rolls everything back."""

    people: SqlPeople
    couples: SqlCouples
    invites: SqlInvites
    commitments: SqlCommitments
    nudges: SqlNudges
    checkins: SqlCheckins
    chores: SqlChores
    summaries: SqlSummaries

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher | None = None
    ) -> None:
        self._sessions = sessions
        self._cipher = cipher or FieldCipher()
        self._session: AsyncSession | None = None

    async def __aenter__(self) -> SqlUnitOfWork:
        session = self._sessions()
        self._session = session
        self.people = SqlPeople(session)
        self.couples = SqlCouples(session)
        self.invites = SqlInvites(session)
        self.commitments = SqlCommitments(session)
        self.nudges = SqlNudges(session, self._cipher)
        self.checkins = SqlCheckins(session, self._cipher)
        self.chores = SqlChores(session)
        self.summaries = SqlSummaries(session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            await self._session.rollback()
        finally:
            await self._session.close()
            self._session = None

    async def commit(self) -> None:
        """Make everything done in this unit of work permanent."""
        assert self._session is not None
        await self._session.commit()


class SqlUnitOfWorkFactory:
    """Makes a unit of work per use case over one engine."""

    def __init__(self, engine: AsyncEngine, cipher: FieldCipher | None = None) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        # DATA_KEY's cipher; without one, text is stored as it is.
        self._cipher = cipher or FieldCipher()

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._sessions, self._cipher)
