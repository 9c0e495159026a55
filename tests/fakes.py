"""Honest in-memory fakes of every port in bot.domain.ports, for domain tests.

The store behaves like a small database at READ COMMITTED: a unit of work sees what others
committed plus its own changes; its inserts and updates stay private until commit() and are
thrown away when the `async with` block ends without one. Updates are field by field (like
`UPDATE ... SET`), unique constraints are checked on commit, ids come from sequences that a
rollback does not give back, and rows come back as the same frozen dataclasses the SQL
repositories return.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from bot.domain.charts_port import ChartMaker, PersonSeries
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
from bot.domain.ports import (
    Clock,
    DeliveryError,
    Messenger,
    Outgoing,
    RecipientBlocked,
    Sent,
    TryLater,
    UnitOfWorkFactory,
)

K = TypeVar("K")
R = TypeVar("R")


class IntegrityError(Exception):
    """A unique constraint or primary key would be violated (the fake's IntegrityError)."""


class OutsideUnitOfWork(RuntimeError):
    """A repository was used outside its `async with` block."""


def _utc(moment: datetime) -> datetime:
    """Instants are stored in UTC; like the SQL column type, naive ones are refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetimes are not stored")
    return moment.astimezone(UTC)


def _utc_or_none(moment: datetime | None) -> datetime | None:
    return None if moment is None else _utc(moment)


@dataclass(frozen=True)
class StoredNudge(Nudge):
    """A ledger row as stored: a Nudge plus the claim instant the domain never sees."""

    claimed_at: datetime | None = None

    def public(self) -> Nudge:
        """The row as the repositories return it: a plain Nudge."""
        return Nudge(**{f.name: getattr(self, f.name) for f in dataclasses.fields(Nudge)})


@dataclass(frozen=True)
class StoredPerson(Person):
    """A person row; the pending step is kept as JSON text, as the JSON column keeps it."""

    pending_json: str | None = None
    # The UTC instant of the person's next daily summary; the domain never sees it on Person.
    summary_next_at: datetime | None = None

    def public(self) -> Person:
        """The row as the repositories return it: a Person with a fresh Pending."""
        pending = None
        if self.pending_json is not None:
            stored = json.loads(self.pending_json)
            pending = Pending(stored["kind"], dict(stored["data"]))
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(Person)}
        return Person(**{**values, "pending": pending})


@dataclass(frozen=True)
class StoredSummary(Summary):
    """A summary ledger row as stored: a Summary plus its claim instant."""

    claimed_at: datetime | None = None

    def public(self) -> Summary:
        """The row as the repositories return it: a plain Summary."""
        return Summary(**{f.name: getattr(self, f.name) for f in dataclasses.fields(Summary)})


@dataclass(frozen=True)
class StoredCouple(Couple):
    """A couple row: a Couple plus its weekly check-in slot and the last therapy suggestion."""

    checkin_weekday: int = 6
    checkin_time: time = time(19)
    checkin_timezone: str | None = None
    checkin_next_at: datetime | None = None
    therapy_suggested_on: date | None = None

    def public(self) -> Couple:
        """The row as the repositories return it: a plain Couple."""
        return Couple(**{f.name: getattr(self, f.name) for f in dataclasses.fields(Couple)})

    def slot(self) -> CheckinSlot:
        """The weekly check-in slot stored on the row."""
        return CheckinSlot(
            self.checkin_weekday, self.checkin_time, self.checkin_timezone, self.checkin_next_at
        )


@dataclass(frozen=True)
class StoredAnswer(CheckinAnswer):
    """A check-in answer row: a CheckinAnswer plus its id and when it last changed."""

    id: int = 0
    updated_at: datetime | None = None

    def public(self) -> CheckinAnswer:
        """The row as the repositories return it: a plain CheckinAnswer."""
        return CheckinAnswer(
            **{f.name: getattr(self, f.name) for f in dataclasses.fields(CheckinAnswer)}
        )


@dataclass
class InMemoryStore:
    """The committed state: one dict of rows per table, and the id sequences."""

    clock: Clock | None = None
    people: dict[int, StoredPerson] = field(default_factory=dict)
    couples: dict[int, StoredCouple] = field(default_factory=dict)
    invites: dict[str, Invite] = field(default_factory=dict)
    commitments: dict[int, Commitment] = field(default_factory=dict)
    nudges: dict[int, StoredNudge] = field(default_factory=dict)
    checkins: dict[int, Checkin] = field(default_factory=dict)
    answers: dict[int, StoredAnswer] = field(default_factory=dict)
    chores: dict[int, Chore] = field(default_factory=dict)
    chore_swaps: dict[int, ChoreSwap] = field(default_factory=dict)
    summaries: dict[int, StoredSummary] = field(default_factory=dict)
    commits: int = 0
    rollbacks: int = 0
    _sequences: dict[str, Iterator[int]] = field(
        default_factory=lambda: defaultdict(lambda: itertools.count(1))
    )
    # Nudge ids with uncommitted writes, by the unit of work holding them (FOR UPDATE SKIP LOCKED).
    _locks: dict[int, int] = field(default_factory=dict)
    # Unique keys inserted and guarded rows updated but not yet committed, by unit of work: in
    # SQL a second writer waits for the first and then finds the key taken or the guard false.
    _claims: dict[tuple[object, ...], int] = field(default_factory=dict)

    def next_id(self, table: str) -> int:
        """The next value of a table's id sequence (not returned on rollback, as in SQL)."""
        return next(self._sequences[table])

    def now(self) -> datetime:
        """The store's notion of now, for server-side defaults such as created_at."""
        return self.clock.now() if self.clock is not None else datetime.now(UTC)

    # Read helpers for tests: committed state only, as domain dataclasses.

    def person(self, person_id: int) -> Person:
        """The committed person row."""
        return self.people[person_id].public()

    def nudge(self, nudge_id: int) -> Nudge:
        """The committed nudge row."""
        return self.nudges[nudge_id].public()

    def nudge_rows(self) -> list[Nudge]:
        """Every committed nudge row, by id."""
        return [self.nudges[key].public() for key in sorted(self.nudges)]

    def claimed_at(self, nudge_id: int) -> datetime | None:
        """When the row was claimed for sending, if it is claimed."""
        return self.nudges[nudge_id].claimed_at

    def summary_rows(self) -> list[Summary]:
        """Every committed summary ledger row, by id."""
        return [self.summaries[key].public() for key in sorted(self.summaries)]

    def summary_next_at(self, person_id: int) -> datetime | None:
        """When the person's next daily summary is due, as committed."""
        return self.people[person_id].summary_next_at

    def couple(self, couple_id: int) -> Couple:
        """The committed couple row, as a Couple."""
        return self.couples[couple_id].public()

    def slot(self, couple_id: int) -> CheckinSlot:
        """The committed weekly check-in slot of a couple."""
        return self.couples[couple_id].slot()

    def checkin_rows(self) -> list[Checkin]:
        """Every committed check-in, by id."""
        return [self.checkins[key] for key in sorted(self.checkins)]

    def answers_of(self, checkin_id: int) -> list[CheckinAnswer]:
        """The committed answers of one check-in, by id."""
        return [
            self.answers[key].public()
            for key in sorted(self.answers)
            if self.answers[key].checkin_id == checkin_id
        ]


class _Table(Generic[K, R]):
    """One table as a unit of work sees it: committed rows, then its own inserts and patches."""

    def __init__(self, committed: dict[K, R]) -> None:
        self.committed = committed
        self.inserted: dict[K, R] = {}
        self.patches: dict[K, dict[str, Any]] = {}
        self.deleted: set[K] = set()

    def get(self, key: K) -> R | None:
        if key in self.deleted:
            return None
        row = self.inserted.get(key)
        if row is None:
            row = self.committed.get(key)
        if row is None:
            return None
        patch = self.patches.get(key)
        return dataclasses.replace(row, **patch) if patch else row  # type: ignore[type-var]

    def rows(self) -> list[R]:
        keys = [*self.committed, *(k for k in self.inserted if k not in self.committed)]
        found = (self.get(key) for key in keys)
        return [row for row in found if row is not None]

    def insert(self, key: K, row: R) -> None:
        if key in self.inserted or key in self.committed:
            raise IntegrityError(f"duplicate primary key {key!r}")
        self.inserted[key] = row

    def delete(self, key: K) -> None:
        """Delete a visible row, at commit (DELETE ... WHERE key)."""
        self.inserted.pop(key, None)
        self.patches.pop(key, None)
        if key in self.committed:
            self.deleted.add(key)

    def update(self, key: K, **values: Any) -> bool:
        """Change some fields of a visible row; False when there is no such row."""
        if key in self.deleted:
            return False
        if key in self.inserted:
            self.inserted[key] = dataclasses.replace(self.inserted[key], **values)  # type: ignore[type-var]
            return True
        if key not in self.committed:
            return False
        self.patches.setdefault(key, {}).update(values)
        return True

    def after_commit(self) -> dict[K, R]:
        """The committed dict as it will be once this table's changes are applied."""
        merged = dict(self.committed)
        for key in self.deleted:
            merged.pop(key, None)
        for key, row in self.inserted.items():
            if key in merged:
                raise IntegrityError(f"duplicate primary key {key!r}")
            merged[key] = row
        for key, patch in self.patches.items():
            if key in merged:  # a row deleted meanwhile is simply not updated
                merged[key] = dataclasses.replace(merged[key], **patch)  # type: ignore[type-var]
        return merged

    def reset(self) -> None:
        self.inserted.clear()
        self.patches.clear()
        self.deleted.clear()


def _unique(rows: Sequence[R], key: Callable[[R], object], what: str) -> None:
    seen: set[object] = set()
    for row in rows:
        value = key(row)
        if value is None:
            continue
        if value in seen:
            raise IntegrityError(f"duplicate {what} {value!r}")
        seen.add(value)


def _replace(target: dict[K, R], merged: dict[K, R]) -> None:
    target.clear()
    target.update(merged)


class _Repository:
    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow

    @property
    def _tx(self) -> _Transaction:
        return self._uow.transaction()


class InMemoryPeople(_Repository):
    """People over the store."""

    async def get(self, person_id: int) -> Person | None:
        row = self._tx.people.get(person_id)
        return row.public() if row is not None else None

    async def by_chat_id(self, chat_id: int) -> Person | None:
        for row in self._tx.people.rows():
            if row.chat_id == chat_id:
                return row.public()
        return None

    async def add(self, chat_id: int, name: str, language: str, timezone: str) -> Person:
        if await self.by_chat_id(chat_id) is not None:
            raise IntegrityError(f"duplicate chat_id {chat_id}")
        row = StoredPerson(
            id=self._tx.store.next_id("people"),
            chat_id=chat_id,
            name=name,
            language=language,
            timezone=timezone,
            created_at=_utc(self._tx.store.now()),
        )
        self._tx.people.insert(row.id, row)
        return row.public()

    def _set(self, person_id: int, **values: Any) -> None:
        self._tx.people.update(person_id, **values)

    async def set_name(self, person_id: int, name: str) -> None:
        self._set(person_id, name=name)

    async def set_timezone(self, person_id: int, timezone: str) -> None:
        self._set(person_id, timezone=timezone)

    async def set_country(self, person_id: int, country: str | None) -> None:
        self._set(person_id, country=country)

    async def set_couple(self, person_id: int, couple_id: int | None) -> None:
        self._set(person_id, couple_id=couple_id)

    async def set_pending(self, person_id: int, pending: Pending | None) -> None:
        # json.dumps fails loudly on anything a JSON column could not hold.
        encoded = (
            json.dumps({"kind": pending.kind, "data": dict(pending.data)}) if pending else None
        )
        self._tx.people.update(person_id, pending_json=encoded)

    async def set_blocked(self, person_id: int, at: datetime | None) -> bool:
        # Guarded like the SQL update: only a change of state reports True.
        row = self._tx.people.get(person_id)
        if row is None or (row.blocked_at is None) == (at is None):
            return False
        return self._tx.people.update(person_id, blocked_at=_utc_or_none(at))

    async def set_paused_until(self, person_id: int, last_day: date | None) -> None:
        self._set(person_id, paused_until=last_day)

    async def set_language(self, person_id: int, language: str) -> None:
        self._set(person_id, language=language)

    async def set_sharing(
        self,
        person_id: int,
        sharing: str,
        summary_time: time | None,
        since: datetime,
        next_at: datetime | None,
    ) -> None:
        self._set(
            person_id,
            sharing=sharing,
            summary_time=summary_time,
            sharing_since=_utc(since),
            summary_next_at=_utc_or_none(next_at),
        )

    async def set_summary_next(self, person_id: int, next_at: datetime | None) -> None:
        self._set(person_id, summary_next_at=_utc_or_none(next_at))

    async def summary_next(self, person_id: int) -> datetime | None:
        row = self._tx.people.get(person_id)
        return row.summary_next_at if row is not None else None

    async def due_summaries(self, now: datetime, limit: int) -> list[tuple[Person, datetime]]:
        now = _utc(now)
        due = sorted(
            (
                p
                for p in self._tx.people.rows()
                if p.summary_next_at is not None and p.summary_next_at <= now
            ),
            key=lambda p: (p.summary_next_at, p.id),
        )[:limit]
        return [(p.public(), p.summary_next_at) for p in due if p.summary_next_at is not None]


class InMemoryCouples(_Repository):
    """Couples over the store, with their weekly check-in slot (Sunday 19:00 by default)."""

    def _row(self, couple_id: int) -> StoredCouple | None:
        return self._tx.couples.get(couple_id)

    async def get(self, couple_id: int) -> Couple | None:
        row = self._row(couple_id)
        return row.public() if row is not None else None

    async def add(self, partner_a_id: int, partner_b_id: int) -> Couple:
        for partner in (partner_a_id, partner_b_id):
            if self._tx.people.get(partner) is None:
                raise IntegrityError(f"no person {partner}")
        row = StoredCouple(self._tx.store.next_id("couples"), partner_a_id, partner_b_id)
        self._tx.couples.insert(row.id, row)
        return row.public()

    async def by_group(self, group_chat_id: int) -> Couple | None:
        for row in self._tx.couples.rows():
            if row.group_chat_id == group_chat_id:
                return row.public()
        return None

    async def link_group(self, couple_id: int, group_chat_id: int) -> None:
        other = await self.by_group(group_chat_id)
        if other is not None and other.id != couple_id:
            raise IntegrityError(f"duplicate group_chat_id {group_chat_id}")
        self._tx.couples.update(couple_id, group_chat_id=group_chat_id)

    async def slot(self, couple_id: int) -> CheckinSlot:
        row = self._row(couple_id)
        assert row is not None, f"no couple {couple_id}"
        return row.slot()

    async def set_slot(self, couple_id: int, slot: CheckinSlot) -> None:
        self._tx.couples.update(
            couple_id,
            checkin_weekday=slot.weekday,
            checkin_time=slot.local_time,
            checkin_timezone=slot.timezone,
            checkin_next_at=_utc_or_none(slot.next_at),
        )

    async def set_next_checkin(self, couple_id: int, at: datetime | None) -> None:
        self._tx.couples.update(couple_id, checkin_next_at=_utc_or_none(at))

    async def due_checkins(self, now: datetime, limit: int) -> list[Couple]:
        now = _utc(now)
        due = sorted(
            (
                row
                for row in self._tx.couples.rows()
                if row.checkin_next_at is not None and row.checkin_next_at <= now
            ),
            key=lambda row: (row.checkin_next_at, row.id),
        )
        return [row.public() for row in due[:limit]]

    async def set_therapy_suggested(self, couple_id: int, day: date) -> None:
        self._tx.couples.update(couple_id, therapy_suggested_on=day)

    async def therapy_suggested_on(self, couple_id: int) -> date | None:
        row = self._row(couple_id)
        return row.therapy_suggested_on if row is not None else None


class InMemoryInvites(_Repository):
    """Invitation codes over the store."""

    async def get(self, code: str) -> Invite | None:
        return self._tx.invites.get(code)

    async def add(self, invite: Invite) -> None:
        if self._tx.people.get(invite.inviter_id) is None:
            raise IntegrityError(f"no person {invite.inviter_id}")
        stored = Invite(
            invite.code,
            invite.inviter_id,
            _utc(invite.created_at),
            _utc(invite.expires_at),
        )
        self._tx.invites.insert(invite.code, stored)

    async def mark_used(self, code: str, used_by: int, at: datetime) -> None:
        self._tx.invites.update(code, used_by=used_by, used_at=_utc(at))

    async def expire_unused(self, inviter_id: int, at: datetime) -> None:
        moment = _utc(at)
        for invite in self._tx.invites.rows():
            unused = invite.inviter_id == inviter_id and invite.used_at is None
            if unused and invite.expires_at > moment:
                self._tx.invites.update(invite.code, expires_at=moment)


class InMemoryCommitments(_Repository):
    """Commitments over the store."""

    async def get(self, commitment_id: int) -> Commitment | None:
        return self._tx.commitments.get(commitment_id)

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
        if self._tx.people.get(person_id) is None:
            raise IntegrityError(f"no person {person_id}")
        if chore_id is not None and self._tx.chores.get(chore_id) is None:
            raise IntegrityError(f"no chore {chore_id}")
        commitment = Commitment(
            id=self._tx.store.next_id("commitments"),
            person_id=person_id,
            text=text,
            weekdays=weekdays,
            local_time=local_time,
            state=CommitmentState.ACTIVE,
            next_due_at=None,
            next_local_date=None,
            created_at=_utc(created_at),
            chore_id=chore_id,
        )
        self._tx.commitments.insert(commitment.id, commitment)
        return commitment

    async def of_person(self, person_id: int, *, include_deleted: bool = False) -> list[Commitment]:
        found = [
            c
            for c in self._tx.commitments.rows()
            if c.person_id == person_id and (include_deleted or c.state != CommitmentState.DELETED)
        ]
        return sorted(found, key=lambda c: c.id)

    async def count_active(self, person_id: int) -> int:
        return sum(
            1
            for c in self._tx.commitments.rows()
            if c.person_id == person_id and c.state == CommitmentState.ACTIVE
        )

    async def set_state(self, commitment_id: int, state: CommitmentState) -> None:
        self._tx.commitments.update(commitment_id, state=CommitmentState(state))

    async def set_time(self, commitment_id: int, local_time: time) -> None:
        self._tx.commitments.update(commitment_id, local_time=local_time)

    async def set_text(self, commitment_id: int, text: str) -> None:
        self._tx.commitments.update(commitment_id, text=text)

    async def set_weekdays(self, commitment_id: int, weekdays: int) -> None:
        self._tx.commitments.update(commitment_id, weekdays=weekdays)

    async def mark_sizing_offered(self, commitment_id: int, at: datetime) -> bool:
        row = self._tx.commitments.get(commitment_id)
        if row is None or row.sizing_offered_at is not None:
            return False
        self._tx.commitments.update(commitment_id, sizing_offered_at=_utc(at))
        return True

    async def set_next(
        self, commitment_id: int, next_local_date: date | None, next_due_at: datetime | None
    ) -> None:
        self._tx.commitments.update(
            commitment_id, next_local_date=next_local_date, next_due_at=_utc_or_none(next_due_at)
        )

    async def due_for_planning(self, now: datetime, limit: int) -> list[tuple[Commitment, Person]]:
        now = _utc(now)
        due = sorted(
            (
                c
                for c in self._tx.commitments.rows()
                if c.state == CommitmentState.ACTIVE
                and c.next_due_at is not None
                and c.next_due_at <= now
            ),
            key=lambda c: (c.next_due_at, c.id),
        )
        found: list[tuple[Commitment, Person]] = []
        for commitment in due:
            owner = self._tx.people.get(commitment.person_id)
            # An inner join, filtered before the limit as in SQL; someone who blocked the bot
            # is paused until their /start.
            if owner is not None and owner.blocked_at is None:
                found.append((commitment, owner))
        return found[:limit]

    async def texts(self, commitment_ids: Sequence[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        for commitment_id in set(commitment_ids):
            commitment = self._tx.commitments.get(commitment_id)
            if commitment is not None:
                found[commitment_id] = commitment.text
        return found

    async def of_chores(self, chore_ids: Sequence[int]) -> list[Commitment]:
        wanted = set(chore_ids)
        found = [
            c
            for c in self._tx.commitments.rows()
            if c.chore_id in wanted and c.state != CommitmentState.DELETED
        ]
        return sorted(found, key=lambda c: c.id)


class InMemoryNudges(_Repository):
    """The nudge ledger over the store, UNIQUE(commitment_id, local_date)."""

    def _visible(self) -> list[StoredNudge]:
        return sorted(self._tx.nudges.rows(), key=lambda n: n.id)

    def _write(self, nudge_id: int, **values: Any) -> bool:
        changed = self._tx.nudges.update(nudge_id, **values)
        if changed:
            self._tx.lock(nudge_id)
        return changed

    async def get(self, nudge_id: int) -> Nudge | None:
        row = self._tx.nudges.get(nudge_id)
        return row.public() if row is not None else None

    async def add_if_absent(self, nudge: NewNudge) -> bool:
        if await self.exists(nudge.commitment_id, nudge.local_date):
            return False
        if self._tx.commitments.get(nudge.commitment_id) is None:
            raise IntegrityError(f"no commitment {nudge.commitment_id}")
        row = StoredNudge(
            id=self._tx.store.next_id("nudges"),
            commitment_id=nudge.commitment_id,
            person_id=nudge.person_id,
            local_date=nudge.local_date,
            due_at=_utc(nudge.due_at),
            status=NudgeStatus(nudge.status),
            late=nudge.late,
            attempts=0,
        )
        self._tx.nudges.insert(row.id, row)
        return True

    async def exists(self, commitment_id: int, local_date: date) -> bool:
        return any(
            n.commitment_id == commitment_id and n.local_date == local_date
            for n in self._tx.nudges.rows()
        )

    async def claim_due(self, now: datetime, limit: int) -> list[Nudge]:
        now = _utc(now)
        candidates = sorted(
            (
                n
                for n in self._tx.nudges.rows()
                if n.status == NudgeStatus.DUE
                and n.due_at <= now
                and (n.next_attempt_at is None or n.next_attempt_at <= now)
                and not self._tx.locked_by_other(n.id)
            ),
            key=lambda n: (n.due_at, n.id),
        )[:limit]
        claimed: list[Nudge] = []
        for row in candidates:
            self._write(
                row.id, status=NudgeStatus.SENDING, attempts=row.attempts + 1, claimed_at=now
            )
            fresh = self._tx.nudges.get(row.id)
            assert fresh is not None
            claimed.append(fresh.public())
        return claimed

    async def release_claims(self, claimed_before: datetime) -> int:
        claimed_before = _utc(claimed_before)
        released = 0
        for row in self._visible():
            if (
                row.status == NudgeStatus.SENDING
                and row.claimed_at is not None
                and row.claimed_at < claimed_before
            ):
                self._write(row.id, status=NudgeStatus.DUE, claimed_at=None)
                released += 1
        return released

    async def mark_sent(
        self, nudge_ids: Sequence[int], chat_id: int, message_id: int, at: datetime
    ) -> None:
        for nudge_id in nudge_ids:
            row = self._tx.nudges.get(nudge_id)
            now_sent = row is not None and (
                row.status == NudgeStatus.SENDING
                or (
                    row.status == NudgeStatus.DUE
                    and (row.next_attempt_at is None or row.next_attempt_at <= _utc(at))
                )
            )
            self._write(
                nudge_id,
                chat_id=chat_id,
                message_id=message_id,
                sent_at=_utc(at),
                claimed_at=None,
                **({"status": NudgeStatus.SENT} if now_sent else {}),
            )

    async def retry_later(self, nudge_ids: Sequence[int], at: datetime) -> None:
        for nudge_id in nudge_ids:
            self._write(nudge_id, status=NudgeStatus.DUE, next_attempt_at=_utc(at), claimed_at=None)

    async def mark_failed(self, nudge_ids: Sequence[int]) -> None:
        for nudge_id in nudge_ids:
            self._write(nudge_id, status=NudgeStatus.FAILED, claimed_at=None)

    async def mark_skipped(self, nudge_ids: Sequence[int]) -> None:
        for nudge_id in nudge_ids:
            self._write(nudge_id, status=NudgeStatus.SKIPPED, claimed_at=None)

    async def answer(self, nudge_id: int, status: NudgeStatus, at: datetime) -> bool:
        row = self._tx.nudges.get(nudge_id)
        if row is None or row.status not in (NudgeStatus.SENT, NudgeStatus.SENDING):
            return False
        return self._write(nudge_id, status=NudgeStatus(status), answered_at=_utc(at))

    async def snooze(self, nudge_id: int, until: datetime) -> bool:
        row = self._tx.nudges.get(nudge_id)
        if row is None or row.status not in (NudgeStatus.SENT, NudgeStatus.SENDING):
            return False
        return self._write(
            nudge_id, status=NudgeStatus.DUE, next_attempt_at=_utc(until), attempts=0
        )

    async def set_reflection(self, nudge_id: int, text: str) -> None:
        self._write(nudge_id, reflection=text)

    async def mark_reflection_shared(self, nudge_id: int, at: datetime) -> bool:
        row = self._tx.nudges.get(nudge_id)
        if row is None or row.reflection_shared_at is not None:
            return False
        return self._write(nudge_id, reflection_shared_at=_utc(at))

    async def set_partner_message(self, nudge_id: int, chat_id: int, message_id: int) -> None:
        self._write(nudge_id, partner_chat_id=chat_id, partner_message_id=message_id)

    async def mark_noticed(self, nudge_id: int, at: datetime) -> bool:
        row = self._tx.nudges.get(nudge_id)
        if row is None or row.noticed_at is not None:
            return False
        return self._write(nudge_id, noticed_at=_utc(at))

    async def in_message(self, chat_id: int, message_id: int) -> list[Nudge]:
        return [
            n.public()
            for n in self._visible()
            if n.chat_id == chat_id and n.message_id == message_id
        ]

    async def held_for_partner(self, owner_id: int, since: datetime) -> list[Nudge]:
        since = _utc(since)
        found = [
            n
            for n in self._visible()
            if n.person_id == owner_id
            and n.status in (NudgeStatus.KEPT, NudgeStatus.MISSED)
            and n.answered_at is not None
            and n.answered_at >= since
            and n.partner_message_id is None
        ]
        return [n.public() for n in sorted(found, key=lambda n: (n.answered_at, n.id))]

    async def in_partner_message(self, chat_id: int, message_id: int) -> list[Nudge]:
        found = [
            n
            for n in self._visible()
            if n.partner_chat_id == chat_id and n.partner_message_id == message_id
        ]
        return [n.public() for n in sorted(found, key=lambda n: (n.answered_at, n.id))]

    async def answerable(self, person_id: int, since: date) -> list[Nudge]:
        found = [
            n
            for n in self._visible()
            if n.person_id == person_id and n.local_date >= since and n.status == NudgeStatus.SENT
        ]
        return [n.public() for n in sorted(found, key=lambda n: (n.local_date, n.id))]

    async def of_person_between(self, person_id: int, first: date, last: date) -> list[Nudge]:
        found = [
            n for n in self._visible() if n.person_id == person_id and first <= n.local_date <= last
        ]
        return [n.public() for n in sorted(found, key=lambda n: (n.local_date, n.id))]


class InMemorySummaries(_Repository):
    """The daily-summary ledger over the store, UNIQUE(person_id, local_date)."""

    def _visible(self) -> list[StoredSummary]:
        return sorted(self._tx.summaries.rows(), key=lambda s: s.id)

    async def add_if_absent(
        self, person_id: int, local_date: date, due_at: datetime, status: SummaryStatus
    ) -> bool:
        if await self.exists(person_id, local_date):
            return False
        if not self._tx.claim(("summary", person_id, local_date)):
            return False  # another open unit of work is inserting the same key
        row = StoredSummary(
            id=self._tx.store.next_id("summaries"),
            person_id=person_id,
            local_date=local_date,
            due_at=_utc(due_at),
            status=SummaryStatus(status),
        )
        self._tx.summaries.insert(row.id, row)
        return True

    async def exists(self, person_id: int, local_date: date) -> bool:
        return any(s.person_id == person_id and s.local_date == local_date for s in self._visible())

    async def claim_due(self, now: datetime, limit: int) -> list[Summary]:
        now = _utc(now)
        due = sorted(
            (
                s
                for s in self._visible()
                if s.status == SummaryStatus.DUE
                and s.due_at <= now
                and (s.next_attempt_at is None or s.next_attempt_at <= now)
            ),
            key=lambda s: (s.due_at, s.id),
        )[:limit]
        for row in due:
            self._tx.summaries.update(
                row.id, status=SummaryStatus.SENDING, attempts=row.attempts + 1, claimed_at=now
            )
        return [self._tx.summaries.get(row.id).public() for row in due]  # type: ignore[union-attr]

    async def release_claims(self, claimed_before: datetime) -> int:
        claimed_before = _utc(claimed_before)
        released = 0
        for row in self._visible():
            if (
                row.status == SummaryStatus.SENDING
                and row.claimed_at is not None
                and row.claimed_at < claimed_before
            ):
                self._tx.summaries.update(row.id, status=SummaryStatus.DUE, claimed_at=None)
                released += 1
        return released

    async def mark_sent(
        self, summary_id: int, chat_id: int, message_id: int, items: int, at: datetime
    ) -> None:
        self._tx.summaries.update(
            summary_id,
            status=SummaryStatus.SENT,
            chat_id=chat_id,
            message_id=message_id,
            items=items,
            sent_at=_utc(at),
            claimed_at=None,
        )

    async def finish(self, summary_id: int, status: SummaryStatus) -> None:
        self._tx.summaries.update(summary_id, status=SummaryStatus(status), claimed_at=None)

    async def retry_later(self, summary_id: int, at: datetime) -> None:
        self._tx.summaries.update(
            summary_id, status=SummaryStatus.DUE, next_attempt_at=_utc(at), claimed_at=None
        )

    async def by_message(self, chat_id: int, message_id: int) -> Summary | None:
        for row in self._visible():
            if row.chat_id == chat_id and row.message_id == message_id:
                return row.public()
        return None

    async def of_person(self, person_id: int) -> list[Summary]:
        found = [s for s in self._visible() if s.person_id == person_id]
        return [s.public() for s in sorted(found, key=lambda s: (s.local_date, s.id))]

    async def delete_of_person(self, person_id: int) -> None:
        for row in self._visible():
            if row.person_id == person_id:
                self._tx.summaries.delete(row.id)


class InMemoryCheckins(_Repository):
    """Weekly check-ins, UNIQUE(couple_id, iso_year, iso_week), and their answers over the store.

    Answers are one row per (checkin_id, person_id), as the unique constraint in SQL keeps them.
    """

    def _visible(self) -> list[Checkin]:
        return sorted(self._tx.checkins.rows(), key=lambda c: c.id)

    def _answers(self) -> list[StoredAnswer]:
        return sorted(self._tx.answers.rows(), key=lambda a: a.id)

    async def get(self, checkin_id: int) -> Checkin | None:
        return self._tx.checkins.get(checkin_id)

    async def add_if_absent(
        self, couple_id: int, iso_year: int, iso_week: int, opened_at: datetime
    ) -> Checkin | None:
        if self._tx.couples.get(couple_id) is None:
            raise IntegrityError(f"no couple {couple_id}")
        key = (couple_id, iso_year, iso_week)
        taken = any((c.couple_id, c.iso_year, c.iso_week) == key for c in self._visible())
        if taken or not self._tx.claim(("checkin", *key)):
            return None
        checkin = Checkin(
            id=self._tx.store.next_id("checkins"),
            couple_id=couple_id,
            iso_year=iso_year,
            iso_week=iso_week,
            opened_at=_utc(opened_at),
        )
        self._tx.checkins.insert(checkin.id, checkin)
        return checkin

    async def open_of(self, couple_id: int) -> Checkin | None:
        found = [c for c in self._visible() if c.couple_id == couple_id and c.closed_at is None]
        return found[-1] if found else None

    async def of_couple(self, couple_id: int, limit: int) -> list[Checkin]:
        mine = sorted(
            (c for c in self._visible() if c.couple_id == couple_id),
            key=lambda c: (c.iso_year, c.iso_week),
            reverse=True,
        )[:limit]
        return list(reversed(mine))

    async def set_message(self, checkin_id: int, chat_id: int, message_id: int) -> None:
        self._tx.checkins.update(checkin_id, chat_id=chat_id, message_id=message_id)

    async def needing_reminder(self, opened_before: datetime, limit: int) -> list[Checkin]:
        opened_before = _utc(opened_before)
        return [
            c
            for c in self._visible()
            if c.closed_at is None and c.reminded_at is None and c.opened_at <= opened_before
        ][:limit]

    async def mark_reminded(self, checkin_id: int, at: datetime) -> None:
        self._tx.checkins.update(checkin_id, reminded_at=_utc(at))

    async def to_close(self, opened_before: datetime, limit: int) -> list[Checkin]:
        opened_before = _utc(opened_before)
        found = [c for c in self._visible() if c.closed_at is None and c.opened_at <= opened_before]
        return found[:limit]

    async def close(self, checkin_id: int, at: datetime) -> bool:
        row = self._tx.checkins.get(checkin_id)
        if row is None or row.closed_at is not None:
            return False
        # Another open unit of work closing it too: SQL would wait, then update no row.
        if not self._tx.claim(("close", checkin_id)):
            return False
        return self._tx.checkins.update(checkin_id, closed_at=_utc(at))

    async def answers(self, checkin_id: int) -> list[CheckinAnswer]:
        return [a.public() for a in self._answers() if a.checkin_id == checkin_id]

    async def answers_of_couple(
        self, couple_id: int, limit: int
    ) -> list[tuple[Checkin, CheckinAnswer]]:
        by_id = {c.id: c for c in await self.of_couple(couple_id, limit)}
        return [(by_id[a.checkin_id], a.public()) for a in self._answers() if a.checkin_id in by_id]

    async def answers_of_person(self, person_id: int) -> list[PastAnswer]:
        found = []
        for answer in self._answers():
            checkin = self._tx.checkins.get(answer.checkin_id)
            if answer.person_id == person_id and checkin is not None:
                found.append(
                    PastAnswer(
                        checkin.iso_year,
                        checkin.iso_week,
                        checkin.opened_at,
                        checkin.closed_at,
                        answer.public(),
                    )
                )
        return sorted(found, key=lambda p: (p.iso_year, p.iso_week, p.opened_at))

    async def save_answer(self, answer: CheckinAnswer, at: datetime) -> None:
        values = {
            f.name: getattr(answer, f.name)
            for f in dataclasses.fields(CheckinAnswer)
            if f.name not in ("checkin_id", "person_id")
        }
        for row in self._answers():
            if (row.checkin_id, row.person_id) == (answer.checkin_id, answer.person_id):
                self._tx.answers.update(row.id, **values, updated_at=_utc(at))
                return
        if self._tx.checkins.get(answer.checkin_id) is None:
            raise IntegrityError(f"no checkin {answer.checkin_id}")
        if self._tx.people.get(answer.person_id) is None:
            raise IntegrityError(f"no person {answer.person_id}")
        row = StoredAnswer(
            answer.checkin_id,
            answer.person_id,
            **values,
            id=self._tx.store.next_id("checkin_answers"),
            updated_at=_utc(at),
        )
        self._tx.answers.insert(row.id, row)


class InMemoryChores(_Repository):
    """Chores (a couple's plan) and the requests to swap one of their days, over the store."""

    async def get(self, chore_id: int) -> Chore | None:
        return self._tx.chores.get(chore_id)

    async def add(self, couple_id: int, name: str, created_at: datetime) -> Chore:
        if self._tx.couples.get(couple_id) is None:
            raise IntegrityError(f"no couple {couple_id}")
        chore = Chore(self._tx.store.next_id("chores"), couple_id, name, _utc(created_at))
        self._tx.chores.insert(chore.id, chore)
        return chore

    async def of_couple(self, couple_id: int) -> list[Chore]:
        return sorted(
            (c for c in self._tx.chores.rows() if c.couple_id == couple_id), key=lambda c: c.id
        )

    async def add_swap(
        self, chore_id: int, requester_id: int, weekday: int, created_at: datetime
    ) -> ChoreSwap:
        if self._tx.chores.get(chore_id) is None:
            raise IntegrityError(f"no chore {chore_id}")
        if self._tx.people.get(requester_id) is None:
            raise IntegrityError(f"no person {requester_id}")
        swap = ChoreSwap(
            id=self._tx.store.next_id("chore_swaps"),
            chore_id=chore_id,
            requester_id=requester_id,
            weekday=weekday,
            state=SwapState.PENDING,
            created_at=_utc(created_at),
        )
        self._tx.chore_swaps.insert(swap.id, swap)
        return swap

    async def swap(self, swap_id: int) -> ChoreSwap | None:
        return self._tx.chore_swaps.get(swap_id)

    async def swaps_of_person(self, person_id: int) -> list[ChoreSwap]:
        return sorted(
            (s for s in self._tx.chore_swaps.rows() if s.requester_id == person_id),
            key=lambda s: s.id,
        )

    async def settle_swap(self, swap_id: int, state: SwapState, at: datetime) -> bool:
        row = self._tx.chore_swaps.get(swap_id)
        if row is None or row.state != SwapState.PENDING:
            return False
        # Another open unit of work settling it too: SQL would wait, then update no row.
        if not self._tx.claim(("swap", swap_id)):
            return False
        return self._tx.chore_swaps.update(swap_id, state=SwapState(state), settled_at=_utc(at))


class _Transaction:
    """The private changes of one open unit of work."""

    _tokens = itertools.count(1)

    def __init__(self, store: InMemoryStore) -> None:
        self.store = store
        self.token = next(self._tokens)
        self.people: _Table[int, StoredPerson] = _Table(store.people)
        self.couples: _Table[int, StoredCouple] = _Table(store.couples)
        self.invites: _Table[str, Invite] = _Table(store.invites)
        self.commitments: _Table[int, Commitment] = _Table(store.commitments)
        self.nudges: _Table[int, StoredNudge] = _Table(store.nudges)
        self.checkins: _Table[int, Checkin] = _Table(store.checkins)
        self.answers: _Table[int, StoredAnswer] = _Table(store.answers)
        self.chores: _Table[int, Chore] = _Table(store.chores)
        self.chore_swaps: _Table[int, ChoreSwap] = _Table(store.chore_swaps)
        self.summaries: _Table[int, StoredSummary] = _Table(store.summaries)

    def _tables(self) -> tuple[_Table[Any, Any], ...]:
        return (
            self.people,
            self.couples,
            self.invites,
            self.commitments,
            self.nudges,
            self.checkins,
            self.answers,
            self.chores,
            self.chore_swaps,
            self.summaries,
        )

    def lock(self, nudge_id: int) -> None:
        self.store._locks.setdefault(nudge_id, self.token)

    def locked_by_other(self, nudge_id: int) -> bool:
        holder = self.store._locks.get(nudge_id)
        return holder is not None and holder != self.token

    def claim(self, key: tuple[object, ...]) -> bool:
        """Hold a unique key or a guarded row until commit or rollback; False if another holds it."""
        holder = self.store._claims.setdefault(key, self.token)
        return holder == self.token

    def unlock(self) -> None:
        for nudge_id, holder in list(self.store._locks.items()):
            if holder == self.token:
                del self.store._locks[nudge_id]
        for key, holder in list(self.store._claims.items()):
            if holder == self.token:
                del self.store._claims[key]

    def commit(self) -> None:
        """Apply every change at once, or none when a constraint would break."""
        people = self.people.after_commit()
        couples = self.couples.after_commit()
        invites = self.invites.after_commit()
        commitments = self.commitments.after_commit()
        nudges = self.nudges.after_commit()
        checkins = self.checkins.after_commit()
        answers = self.answers.after_commit()
        chores = self.chores.after_commit()
        chore_swaps = self.chore_swaps.after_commit()
        summaries = self.summaries.after_commit()
        _unique(list(people.values()), lambda p: p.chat_id, "chat_id")
        _unique(list(couples.values()), lambda c: c.group_chat_id, "group_chat_id")
        _unique(
            list(nudges.values()),
            lambda n: (n.commitment_id, n.local_date),
            "nudge (commitment_id, local_date)",
        )
        _unique(
            list(summaries.values()),
            lambda s: (s.person_id, s.local_date),
            "summary (person_id, local_date)",
        )
        _unique(
            list(checkins.values()),
            lambda c: (c.couple_id, c.iso_year, c.iso_week),
            "checkin (couple_id, iso_year, iso_week)",
        )
        _unique(
            list(answers.values()),
            lambda a: (a.checkin_id, a.person_id),
            "checkin answer (checkin_id, person_id)",
        )
        # Replace contents, not the dicts: open transactions hold references to them.
        _replace(self.store.people, people)
        _replace(self.store.couples, couples)
        _replace(self.store.invites, invites)
        _replace(self.store.commitments, commitments)
        _replace(self.store.nudges, nudges)
        _replace(self.store.checkins, checkins)
        _replace(self.store.answers, answers)
        _replace(self.store.chores, chores)
        _replace(self.store.chore_swaps, chore_swaps)
        _replace(self.store.summaries, summaries)
        for table in self._tables():
            table.reset()
        self.unlock()
        self.store.commits += 1

    def rollback(self) -> None:
        changed = any(t.inserted or t.patches or t.deleted for t in self._tables())
        for table in self._tables():
            table.reset()
        self.unlock()
        if changed:
            self.store.rollbacks += 1


class InMemoryUnitOfWork:
    """One transaction over the in-memory store; leaving without commit() discards it."""

    people: InMemoryPeople
    couples: InMemoryCouples
    invites: InMemoryInvites
    commitments: InMemoryCommitments
    nudges: InMemoryNudges
    checkins: InMemoryCheckins
    chores: InMemoryChores
    summaries: InMemorySummaries

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self._transaction: _Transaction | None = None
        self.committed = False

    def transaction(self) -> _Transaction:
        """The open transaction; using a repository outside `async with` is an error."""
        if self._transaction is None:
            raise OutsideUnitOfWork("repository used outside `async with uow`")
        return self._transaction

    async def __aenter__(self) -> InMemoryUnitOfWork:
        if self._transaction is not None:
            raise RuntimeError("unit of work entered twice")
        self._transaction = _Transaction(self._store)
        self.people = InMemoryPeople(self)
        self.couples = InMemoryCouples(self)
        self.invites = InMemoryInvites(self)
        self.commitments = InMemoryCommitments(self)
        self.nudges = InMemoryNudges(self)
        self.checkins = InMemoryCheckins(self)
        self.chores = InMemoryChores(self)
        self.summaries = InMemorySummaries(self)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        transaction = self.transaction()
        transaction.rollback()
        self._transaction = None

    async def commit(self) -> None:
        """Make every change of this unit of work visible in the store."""
        self.transaction().commit()
        self.committed = True


class InMemoryUnitOfWorkFactory:
    """Makes a fresh unit of work over one store, as the SQL factory does over one engine."""

    def __init__(self, store: InMemoryStore) -> None:
        self.store = store
        self.made = 0

    def __call__(self) -> InMemoryUnitOfWork:
        self.made += 1
        return InMemoryUnitOfWork(self.store)


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
    _factory: UnitOfWorkFactory = InMemoryUnitOfWorkFactory(InMemoryStore())
    _clock: Clock = FixedClock(datetime.now(UTC))
    _messenger: Messenger = RecordingMessenger()
    _charts: ChartMaker = RecordingCharts()
