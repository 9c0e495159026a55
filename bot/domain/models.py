"""Domain dataclasses: what Kept knows about people, couples, commitments and nudges."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time


class NudgeStatus(enum.StrEnum):
    """Where a nudge is in its life; one ledger row per commitment and local date."""

    DUE = "due"
    SENDING = "sending"
    SENT = "sent"
    KEPT = "kept"
    MISSED = "missed"
    SKIPPED = "skipped"
    FAILED = "failed"


OPEN_STATUSES = frozenset({NudgeStatus.SENT})
ANSWERED_STATUSES = frozenset({NudgeStatus.KEPT, NudgeStatus.MISSED})


class CommitmentState(enum.StrEnum):
    """Active commitments are nudged; paused ones wait; deleted ones keep their history."""

    ACTIVE = "active"
    PAUSED = "paused"
    DELETED = "deleted"


@dataclass(frozen=True)
class Pending:
    """What the bot is waiting for this person to type next (a guided step)."""

    kind: str
    data: dict[str, str | int] = field(default_factory=dict)


@dataclass(frozen=True)
class Person:
    """Someone who talks to Kept."""

    id: int
    telegram_id: int | None
    name: str
    language: str
    timezone: str
    couple_id: int | None = None
    pending: Pending | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class Couple:
    """Exactly two partners, and optionally the group chat they share with the bot."""

    id: int
    partner_a_id: int
    partner_b_id: int
    group_chat_id: int | None = None

    def partner_of(self, person_id: int) -> int:
        """The other partner's id."""
        return self.partner_b_id if person_id == self.partner_a_id else self.partner_a_id

    def has(self, person_id: int) -> bool:
        """Whether this person is one of the two partners."""
        return person_id in (self.partner_a_id, self.partner_b_id)


@dataclass(frozen=True)
class Invite:
    """A single-use code one partner gives the other."""

    code: str
    inviter_id: int
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    used_by: int | None = None


@dataclass(frozen=True)
class Commitment:
    """A concrete promise, nudged on some weekdays at a local time."""

    id: int
    person_id: int
    text: str
    weekdays: int
    local_time: time
    state: CommitmentState
    next_due_at: datetime | None
    next_local_date: date | None
    created_at: datetime


@dataclass(frozen=True)
class Nudge:
    """One ledger row: the nudge of one commitment on one local date."""

    id: int
    commitment_id: int
    person_id: int
    local_date: date
    due_at: datetime
    status: NudgeStatus
    late: bool = False
    attempts: int = 0
    chat_id: int | None = None
    message_id: int | None = None
    sent_at: datetime | None = None
    answered_at: datetime | None = None
    reflection: str | None = None
    partner_chat_id: int | None = None
    partner_message_id: int | None = None
    noticed_at: datetime | None = None
    next_attempt_at: datetime | None = None


@dataclass(frozen=True)
class NewNudge:
    """A ledger row about to be written by the planner."""

    commitment_id: int
    person_id: int
    local_date: date
    due_at: datetime
    status: NudgeStatus
    late: bool
