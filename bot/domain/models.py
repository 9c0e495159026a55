"""Domain dataclasses: what Kept knows about people, couples, commitments and nudges."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.domain.schedule import zone_of


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

# How a person hears about their partner's answers (/sharing): each one as it is given, or
# one summary a day at a local time they choose.
SHARING_LIVE = "live"
SHARING_SUMMARY = "summary"


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
    chat_id: int | None
    name: str
    language: str
    timezone: str
    couple_id: int | None = None
    pending: Pending | None = None
    created_at: datetime | None = None
    blocked_at: datetime | None = None
    paused_until: date | None = None
    # ISO 3166 code of the person's Signal number, where it says; crisis resources follow it.
    country: str | None = None
    # How this person hears about their partner's answers, since when, and at what local time
    # their daily summary comes (SHARING_SUMMARY only).
    sharing: str = SHARING_LIVE
    summary_time: time | None = None
    sharing_since: datetime | None = None

    @property
    def zone(self) -> ZoneInfo:
        """Where the person lives, for their local day and their wall clock."""
        return zone_of(self.timezone)

    def paused_on(self, day: date) -> bool:
        """Whether this local date falls in the person's holiday."""
        return self.paused_until is not None and day <= self.paused_until


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
    sizing_offered_at: datetime | None = None
    chore_id: int | None = None


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
    reflection_shared_at: datetime | None = None


@dataclass(frozen=True)
class NewNudge:
    """A ledger row about to be written by the planner."""

    commitment_id: int
    person_id: int
    local_date: date
    due_at: datetime
    status: NudgeStatus
    late: bool


class SummaryStatus(enum.StrEnum):
    """Where a daily summary is in its life; one ledger row per person and local date."""

    DUE = "due"
    SENDING = "sending"
    SENT = "sent"
    # Nothing to tell that day: nothing was sent.
    EMPTY = "empty"
    # Its local day ended before it could be sent (downtime): what it held comes in the next.
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class Summary:
    """One ledger row: a person's daily summary of their partner's answers on one local date."""

    id: int
    person_id: int
    local_date: date
    due_at: datetime
    status: SummaryStatus
    attempts: int = 0
    next_attempt_at: datetime | None = None
    chat_id: int | None = None
    message_id: int | None = None
    sent_at: datetime | None = None
    items: int = 0


PROGRESS_CHOICES = ("yes", "little", "notyet")
CHOICE_QUESTIONS = ("trust", "progress", "safety")


@dataclass(frozen=True)
class CheckinSlot:
    """When a couple's weekly check-in opens: a weekday and local time in a zone."""

    weekday: int
    local_time: time
    timezone: str | None
    next_at: datetime | None


@dataclass(frozen=True)
class Checkin:
    """One couple's check-in of one ISO week."""

    id: int
    couple_id: int
    iso_year: int
    iso_week: int
    opened_at: datetime
    reminded_at: datetime | None = None
    closed_at: datetime | None = None
    chat_id: int | None = None
    message_id: int | None = None


@dataclass(frozen=True)
class CheckinAnswer:
    """One partner's answers to one check-in; private until the reveal."""

    checkin_id: int
    person_id: int
    trust: int | None = None
    progress: str | None = None
    safety: int | None = None
    appreciated: str | None = None
    differently: str | None = None
    words_done: bool = False
    words_asked: bool = False
    words_shared: bool = False

    @property
    def choices_done(self) -> bool:
        """Whether the three choice questions are answered."""
        return None not in (self.trust, self.progress, self.safety)

    def with_choice(self, question: str, value: int | str) -> CheckinAnswer:
        """This answer with one choice question answered (or changed)."""
        if question == "progress":
            return replace(self, progress=str(value))
        rating = int(value)
        return replace(self, trust=rating) if question == "trust" else replace(self, safety=rating)

    def with_words(self, number: int, words: str | None) -> CheckinAnswer:
        """This answer with open question 1 or 2 answered (None when skipped)."""
        # New words are private again: an earlier "Share" was about the words written then.
        if number == 1:
            return replace(self, appreciated=words, words_shared=False)
        # With words to show, the author still decides whether to share them.
        done = not (self.appreciated or words)
        return replace(self, differently=words, words_done=done, words_shared=False)

    def with_share(self, shared: bool) -> CheckinAnswer:
        """The author's decision about their words; the open questions are then done."""
        return replace(self, words_shared=shared, words_done=True)

    @property
    def has_words(self) -> bool:
        """Whether the author wrote anything in the open questions."""
        return bool(self.appreciated or self.differently)

    @property
    def complete(self) -> bool:
        """Choices answered and the open questions answered or skipped."""
        return self.choices_done and self.words_done


@dataclass(frozen=True)
class PastAnswer:
    """One of a person's check-in answers with the week it belongs to (what /export shows)."""

    iso_year: int
    iso_week: int
    opened_at: datetime
    closed_at: datetime | None
    answer: CheckinAnswer


class SwapState(enum.StrEnum):
    """A request to swap one chore day: waiting, then accepted or declined once."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@dataclass(frozen=True)
class Chore:
    """A chore of the couple's weekly plan; its days are commitments of the partners."""

    id: int
    couple_id: int
    name: str
    created_at: datetime


@dataclass(frozen=True)
class ChoreSwap:
    """One partner asking the other to take over one weekday of a chore."""

    id: int
    chore_id: int
    requester_id: int
    weekday: int
    state: SwapState
    created_at: datetime
    settled_at: datetime | None = None
