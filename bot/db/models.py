"""SQLAlchemy tables. Only bot.db knows about them; the domain sees dataclasses."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Stores instants in UTC and always gives back aware UTC datetimes (SQLite forgets zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        moment = value.astimezone(UTC)
        return moment.replace(tzinfo=None) if dialect.name == "sqlite" else moment

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with stable constraint names for migrations."""

    metadata = MetaData(naming_convention=NAMING)


class PersonRow(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    name: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    timezone: Mapped[str] = mapped_column(String(64))
    # No foreign key: couples point at people, and SQLite cannot add a cycle later.
    couple_id: Mapped[int | None] = mapped_column(Integer, index=True)
    pending_kind: Mapped[str | None] = mapped_column(String(32))
    pending_data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Set when Telegram says the person blocked the bot: their nudges wait until /start.
    blocked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Holiday: no nudges up to and including this local date; those days count nowhere.
    paused_until: Mapped[date | None] = mapped_column(Date)
    # ISO 3166 code of the person's Signal number: where their crisis resources come from.
    country: Mapped[str | None] = mapped_column(String(2))
    # /sharing: how this person hears about their partner's answers ("live" or "summary"),
    # since when, the local time of their daily summary and the UTC instant of the next one.
    sharing: Mapped[str] = mapped_column(String(16), default="live", server_default="live")
    summary_time: Mapped[time | None] = mapped_column(Time)
    sharing_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    summary_next_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)


class CoupleRow(Base):
    __tablename__ = "couples"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_a_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    partner_b_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    group_chat_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    checkin_weekday: Mapped[int] = mapped_column(Integer, default=6, server_default="6")
    checkin_time: Mapped[time] = mapped_column(Time, default=time(19), server_default="19:00:00")
    checkin_timezone: Mapped[str | None] = mapped_column(String(64))
    checkin_next_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    therapy_suggested_on: Mapped[date | None] = mapped_column(Date)


class InviteRow(Base):
    __tablename__ = "invites"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    inviter_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    used_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))


class CommitmentRow(Base):
    __tablename__ = "commitments"
    __table_args__ = (Index("ix_commitments_state_next_due_at", "state", "next_due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(400))
    weekdays: Mapped[int] = mapped_column(Integer)
    local_time: Mapped[time] = mapped_column(Time)
    state: Mapped[str] = mapped_column(String(16))
    next_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    next_local_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # "Make it smaller" is offered once; this remembers that it was.
    sizing_offered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Set when the commitment is one partner's share of a chore in the couple's plan.
    chore_id: Mapped[int | None] = mapped_column(
        ForeignKey("chores.id", ondelete="SET NULL"), index=True
    )


class ChoreRow(Base):
    """A chore of a couple's weekly plan; who does it on which days lives in commitments."""

    __tablename__ = "chores"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    couple_id: Mapped[int] = mapped_column(ForeignKey("couples.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ChoreSwapRow(Base):
    """One partner asking the other to take one weekday of a chore."""

    __tablename__ = "chore_swaps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chore_id: Mapped[int] = mapped_column(ForeignKey("chores.id", ondelete="CASCADE"), index=True)
    requester_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    settled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class NudgeRow(Base):
    __tablename__ = "nudges"
    __table_args__ = (
        UniqueConstraint("commitment_id", "local_date", name="uq_nudges_commitment_id_local_date"),
        Index("ix_nudges_status_due_at", "status", "due_at"),
        Index("ix_nudges_chat_id_message_id", "chat_id", "message_id"),
        Index("ix_nudges_person_id_local_date", "person_id", "local_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    local_date: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reflection: Mapped[str | None] = mapped_column(Text)
    partner_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    partner_message_id: Mapped[int | None] = mapped_column(BigInteger)
    noticed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reflection_shared_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SummaryRow(Base):
    """The daily-summary ledger: one row per person and local date, so one summary a day."""

    __tablename__ = "summaries"
    __table_args__ = (
        UniqueConstraint("person_id", "local_date", name="uq_summaries_person_id_local_date"),
        Index("ix_summaries_status_due_at", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    local_date: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # How many of the partner's answers it told (none for an empty one).
    items: Mapped[int] = mapped_column(Integer, default=0)


class CheckinRow(Base):
    __tablename__ = "checkins"
    __table_args__ = (
        UniqueConstraint("couple_id", "iso_year", "iso_week", name="uq_checkins_couple_week"),
        Index("ix_checkins_closed_at_opened_at", "closed_at", "opened_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # SET NULL: when one partner uses /forget the couple ends, and the other partner's own
    # answers stay theirs; such check-ins belong to no couple any more.
    couple_id: Mapped[int | None] = mapped_column(ForeignKey("couples.id", ondelete="SET NULL"))
    iso_year: Mapped[int] = mapped_column(Integer)
    iso_week: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)


class CheckinAnswerRow(Base):
    __tablename__ = "checkin_answers"
    __table_args__ = (
        UniqueConstraint("checkin_id", "person_id", name="uq_checkin_answers_checkin_person"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    checkin_id: Mapped[int] = mapped_column(ForeignKey("checkins.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    trust: Mapped[int | None] = mapped_column(Integer)
    progress: Mapped[str | None] = mapped_column(String(16))
    # Encrypted with DATA_KEY like the words: how safe a person felt is shown to nobody else.
    safety: Mapped[str | None] = mapped_column(Text)
    appreciated: Mapped[str | None] = mapped_column(Text)
    differently: Mapped[str | None] = mapped_column(Text)
    words_done: Mapped[bool] = mapped_column(Boolean, default=False)
    words_asked: Mapped[bool] = mapped_column(Boolean, default=False)
    words_shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AppMetaRow(Base):
    """Facts about the installation itself, such as the value that checks DATA_KEY."""

    __tablename__ = "app_meta"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SignalAddressRow(Base):
    """A Signal recipient (a person's UUID or number, or a group) behind a synthetic chat id."""

    __tablename__ = "signal_addresses"
    # Never reuse a forgotten id: a new person must not inherit anything of an old chat.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    address: Mapped[str] = mapped_column(String(200), unique=True)


class SignalMenuRow(Base):
    """The numbered choices shown under one Signal message, as the action data of each."""

    __tablename__ = "signal_menus"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    message_ts: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    actions: Mapped[list[str]] = mapped_column(JSON)
