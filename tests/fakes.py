"""Fakes of the ports whose real thing is outside: the messenger, the clock and the chart maker.

The database is not faked: service tests run on a real SQLite copy (tests/sqldb.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bot.domain.charts_port import ChartMaker, PersonSeries
from bot.domain.ports import (
    Clock,
    DeliveryError,
    Messenger,
    Outgoing,
    RecipientBlocked,
    Sent,
    TryLater,
)


def _utc(moment: datetime) -> datetime:
    """The clock keeps UTC; like the database's column type, it refuses naive instants."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetimes are not stored")
    return moment.astimezone(UTC)


class FixedClock:
    """A clock that only moves when told to; always answers in UTC."""

    def __init__(self, now: datetime) -> None:
        self._now = _utc(now)

    def now(self) -> datetime:
        """The current instant."""
        return self._now

    def set(self, moment: datetime) -> None:
        """Jump to an instant (aware; converted to UTC)."""
        self._now = _utc(moment)

    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime:
        """Move forward by a timedelta or by timedelta keyword parts; returns the new now."""
        step = delta if delta is not None else timedelta(**parts)
        if step < timedelta(0):
            raise ValueError("a clock does not go backwards")
        self._now += step
        return self._now


@dataclass(frozen=True)
class SentMessage:
    """One message the messenger accepted."""

    chat_id: int
    message_id: int
    message: Outgoing

    @property
    def ref(self) -> Sent:
        """Where it landed, as the messenger returned it."""
        return Sent(self.chat_id, self.message_id)


@dataclass(frozen=True)
class Edit:
    """One edit the messenger accepted."""

    sent: Sent
    message: Outgoing


@dataclass(frozen=True)
class SentPhoto:
    """One image the messenger accepted."""

    chat_id: int
    message_id: int
    png: bytes
    caption: str

    @property
    def ref(self) -> Sent:
        """Where it landed, as the messenger returned it."""
        return Sent(self.chat_id, self.message_id)


class RecordingMessenger:
    """A Messenger that records what it is asked to do and can be told to fail."""

    def __init__(
        self, *, members_by_default: bool = True, public_choices_in: Iterable[int] = ()
    ) -> None:
        self.sent: list[SentMessage] = []
        self.edits: list[Edit] = []
        self.photos: list[SentPhoto] = []
        self.attempts = 0
        self.members_by_default = members_by_default
        self._members: dict[tuple[int, int], bool] = {}
        # Chats where a choice is a typed reply everyone reads, as in a Signal group.
        self.public_choices_in: set[int] = set(public_choices_in)
        self.elsewhere: set[int] = set()
        self._next_ids: dict[int, int] = defaultdict(lambda: 1)
        self._current: dict[tuple[int, int], Outgoing] = {}
        self._chat_failures: dict[int, DeliveryError] = {}
        self._next_failures: list[DeliveryError] = []

    # Setting up failures and membership.

    def block(self, chat_id: int) -> None:
        """Every send or edit to this chat raises RecipientBlocked until unblocked."""
        self._chat_failures[chat_id] = RecipientBlocked()

    def fail_chat(self, chat_id: int, error: DeliveryError) -> None:
        """Every send or edit to this chat raises this error until unblocked."""
        self._chat_failures[chat_id] = error

    def unblock(self, chat_id: int) -> None:
        """Deliver to this chat again."""
        self._chat_failures.pop(chat_id, None)

    def fail_next(self, count: int = 1, error: DeliveryError | None = None) -> None:
        """The next `count` sends raise this error (TryLater() by default)."""
        self._next_failures.extend([error if error is not None else TryLater()] * count)

    def set_member(self, chat_id: int, user_id: int, member: bool = True) -> None:
        """Say whether a user is in a group chat."""
        self._members[(chat_id, user_id)] = member

    def make_choices_public(self, chat_id: int) -> None:
        """In this chat a choice becomes a reply the others read (a Signal group)."""
        self.public_choices_in.add(chat_id)

    # The Messenger port.

    async def send(self, chat_id: int, message: Outgoing) -> Sent:
        """Record a message and give it the chat's next message id."""
        self.attempts += 1
        if self._next_failures:
            raise self._next_failures.pop(0)
        if chat_id in self._chat_failures:
            raise self._chat_failures[chat_id]
        message_id = self._next_ids[chat_id]
        self._next_ids[chat_id] += 1
        self.sent.append(SentMessage(chat_id, message_id, message))
        self._current[(chat_id, message_id)] = message
        return Sent(chat_id, message_id)

    async def send_photo(self, chat_id: int, png: bytes, caption: str) -> Sent:
        """Record an image and its caption; it takes the chat's next message id too."""
        self.attempts += 1
        if self._next_failures:
            raise self._next_failures.pop(0)
        if chat_id in self._chat_failures:
            raise self._chat_failures[chat_id]
        if not isinstance(png, bytes) or not png:
            raise ValueError("a photo needs image bytes")
        message_id = self._next_ids[chat_id]
        self._next_ids[chat_id] += 1
        self.photos.append(SentPhoto(chat_id, message_id, bytes(png), caption))
        return Sent(chat_id, message_id)

    async def edit(self, sent: Sent, message: Outgoing) -> None:
        """Record an edit of a message this messenger sent; others cannot be edited."""
        if sent.chat_id in self._chat_failures:
            raise self._chat_failures[sent.chat_id]
        if (sent.chat_id, sent.message_id) not in self._current:
            raise DeliveryError(f"message {sent.message_id} to edit not found")
        self.edits.append(Edit(sent, message))
        self._current[(sent.chat_id, sent.message_id)] = message

    async def is_member(self, chat_id: int, user_id: int) -> bool:
        """Whether the user is in the chat, as configured."""
        return self._members.get((chat_id, user_id), self.members_by_default)

    def move_elsewhere(self, user_id: int) -> None:
        """This person uses another messenger: no chat here can reach them."""
        self.elsewhere.add(user_id)

    def can_reach(self, chat_id: int, user_id: int) -> bool:
        """Everyone, but the people moved elsewhere."""
        return user_id not in self.elsewhere

    def choices_are_private(self, chat_id: int) -> bool:
        """Private everywhere but in the chats made public."""
        return chat_id not in self.public_choices_in

    # Reading what happened.

    def to(self, chat_id: int) -> list[SentMessage]:
        """The text messages sent to one chat, in order (images are in `photos`)."""
        return [m for m in self.sent if m.chat_id == chat_id]

    def current(self, sent: Sent) -> Outgoing:
        """A message as it reads now, after any edits."""
        return self._current[(sent.chat_id, sent.message_id)]


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class ChartCall:
    """What the domain asked a chart maker to draw."""

    title: str
    week_labels: tuple[str, ...]
    people: tuple[PersonSeries, ...]
    trust_label: str = ""
    kept_label: str = ""


class RecordingCharts:
    """A ChartMaker that records what it is asked to draw and returns small PNG-looking bytes."""

    def __init__(self) -> None:
        self.calls: list[ChartCall] = []

    def __call__(
        self,
        title: str,
        week_labels: Sequence[str],
        people: Sequence[PersonSeries],
        *,
        trust_label: str,
        kept_label: str,
    ) -> bytes:
        """Record the inputs; the bytes name the call so tests can match image to call."""
        call = ChartCall(title, tuple(week_labels), tuple(people), trust_label, kept_label)
        self.calls.append(call)
        return PNG_SIGNATURE + f"chart {len(self.calls)}".encode()


if TYPE_CHECKING:
    # mypy proves the fakes satisfy the ports the services take.
    _clock: Clock = FixedClock(datetime.now(UTC))
    _messenger: Messenger = RecordingMessenger()
    _charts: ChartMaker = RecordingCharts()
