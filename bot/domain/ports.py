"""Small ports the domain needs, named by role; adapters live in db/ and the transports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from types import TracebackType
from typing import Protocol

from bot.domain.models import (
    Commitment,
    CommitmentState,
    Couple,
    Invite,
    NewNudge,
    Nudge,
    NudgeStatus,
    Pending,
    Person,
)


class People(Protocol):
    """Repository of people."""

    async def get(self, person_id: int) -> Person | None: ...
    async def by_telegram_id(self, telegram_id: int) -> Person | None: ...
    async def add(self, telegram_id: int, name: str, language: str, timezone: str) -> Person: ...
    async def set_name(self, person_id: int, name: str) -> None: ...
    async def set_timezone(self, person_id: int, timezone: str) -> None: ...
    async def set_couple(self, person_id: int, couple_id: int | None) -> None: ...
    async def set_pending(self, person_id: int, pending: Pending | None) -> None: ...


class Couples(Protocol):
    """Repository of couples."""

    async def get(self, couple_id: int) -> Couple | None: ...
    async def add(self, partner_a_id: int, partner_b_id: int) -> Couple: ...
    async def by_group(self, group_chat_id: int) -> Couple | None: ...
    async def link_group(self, couple_id: int, group_chat_id: int) -> None: ...


class Invites(Protocol):
    """Repository of invitation codes."""

    async def get(self, code: str) -> Invite | None: ...
    async def add(self, invite: Invite) -> None: ...
    async def mark_used(self, code: str, used_by: int, at: datetime) -> None: ...


class Commitments(Protocol):
    """Repository of commitments."""

    async def get(self, commitment_id: int) -> Commitment | None: ...
    async def add(
        self,
        person_id: int,
        text: str,
        weekdays: int,
        local_time: time,
        created_at: datetime,
    ) -> Commitment: ...
    async def of_person(
        self, person_id: int, *, include_deleted: bool = False
    ) -> list[Commitment]: ...
    async def count_active(self, person_id: int) -> int: ...
    async def set_state(self, commitment_id: int, state: CommitmentState) -> None: ...
    async def set_time(self, commitment_id: int, local_time: time) -> None: ...
    async def set_next(
        self, commitment_id: int, next_local_date: date | None, next_due_at: datetime | None
    ) -> None: ...
    async def due_for_planning(self, now: datetime, limit: int) -> list[tuple[Commitment, str]]: ...
    async def texts(self, commitment_ids: Sequence[int]) -> dict[int, str]: ...


class Nudges(Protocol):
    """The nudge ledger: one row per commitment and local date."""

    async def get(self, nudge_id: int) -> Nudge | None: ...
    async def add_if_absent(self, nudge: NewNudge) -> bool: ...
    async def exists(self, commitment_id: int, local_date: date) -> bool: ...
    async def claim_due(self, now: datetime, limit: int) -> list[Nudge]: ...
    async def release_claims(self, claimed_before: datetime) -> int: ...
    async def mark_sent(
        self, nudge_ids: Sequence[int], chat_id: int, message_id: int, at: datetime
    ) -> None: ...
    async def retry_later(self, nudge_ids: Sequence[int], at: datetime) -> None: ...
    async def mark_failed(self, nudge_ids: Sequence[int]) -> None: ...
    async def answer(self, nudge_id: int, status: NudgeStatus, at: datetime) -> bool: ...
    async def set_reflection(self, nudge_id: int, text: str) -> None: ...
    async def set_partner_message(self, nudge_id: int, chat_id: int, message_id: int) -> None: ...
    async def mark_noticed(self, nudge_id: int, at: datetime) -> bool: ...
    async def in_message(self, chat_id: int, message_id: int) -> list[Nudge]: ...
    async def answerable(self, person_id: int, since: date) -> list[Nudge]: ...
    async def of_person_between(self, person_id: int, first: date, last: date) -> list[Nudge]: ...


class UnitOfWork(Protocol):
    """One transaction over every repository; nothing is kept unless commit() is called."""

    @property
    def people(self) -> People: ...
    @property
    def couples(self) -> Couples: ...
    @property
    def invites(self) -> Invites: ...
    @property
    def commitments(self) -> Commitments: ...
    @property
    def nudges(self) -> Nudges: ...

    async def __aenter__(self) -> UnitOfWork: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    async def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    """Makes a fresh unit of work for each use case."""

    def __call__(self) -> UnitOfWork: ...


class Clock(Protocol):
    """The current instant, in UTC; tests pass a clock they control."""

    def now(self) -> datetime: ...


@dataclass(frozen=True)
class Button:
    """A choice offered under a message: a label and opaque, short action data."""

    label: str
    action: str
    url: str | None = None


@dataclass(frozen=True)
class Outgoing:
    """A message to show a person or a group: text and rows of buttons."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Sent:
    """Where a message landed, so that it can be edited later."""

    chat_id: int
    message_id: int


class DeliveryError(Exception):
    """The messenger could not deliver; subclasses say whether to try again."""


class RecipientBlocked(DeliveryError):
    """The person blocked the bot or left: do not retry."""


class TryLater(DeliveryError):
    """A temporary failure; retry after `retry_after` seconds when given."""

    def __init__(self, retry_after: float | None = None) -> None:
        super().__init__(f"try later ({retry_after})")
        self.retry_after = retry_after


class Messenger(Protocol):
    """Sends and edits messages on one transport."""

    async def send(self, chat_id: int, message: Outgoing) -> Sent: ...
    async def edit(self, sent: Sent, message: Outgoing) -> None: ...
    async def is_member(self, chat_id: int, user_id: int) -> bool: ...
