"""Use cases of commitments: adding (guided or in one line), listing, pausing, changing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from bot.domain import actions
from bot.domain.errors import (
    NoDays,
    StaleButton,
    TextEmpty,
    TextTooLong,
    TooManyCommitments,
    UnknownCommitment,
)
from bot.domain.models import Commitment, CommitmentState, Pending, Person
from bot.domain.planning import plan_next
from bot.domain.ports import Button, Clock, Outgoing, UnitOfWork, UnitOfWorkFactory
from bot.domain.schedule import (
    EVERY_DAY,
    WEEKDAYS,
    WEEKENDS,
    days_of,
    parse_local_time,
)
from bot.texts import day_names, text

MAX_TEXT = 200
# English and Spanish: the word flagged is quoted back from the person's own promise.
VAGUE_WORDS = (
    "always",
    "never",
    "everything",
    "every time",
    "all the time",
    "forever",
    "siempre",
    "nunca",
    "jamás",
    "todo el tiempo",
    "cada vez",
)
PRESET_MASKS = {"all": EVERY_DAY, "wk": WEEKDAYS, "we": WEEKENDS}

COMMIT_WHAT = "commit_what"
COMMIT_DAYS = "commit_days"
COMMIT_TIME = "commit_time"
CHANGE_TIME = "change_time"
CHANGE_DAYS = "change_days"
CHANGE_TEXT = "change_text"


def clean_text(raw: str) -> str:
    """A commitment text: printable, single spaces, within the length limit."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw)
    cleaned = " ".join(printable.split())
    if not cleaned:
        raise TextEmpty()
    if len(cleaned) > MAX_TEXT:
        raise TextTooLong(limit=MAX_TEXT)
    return cleaned


def vague_word(commitment_text: str) -> str | None:
    """The first vague word in a promise ('always', 'never'…), if any."""
    lowered = commitment_text.lower()
    for word in VAGUE_WORDS:
        if re.search(rf"\b{re.escape(word)}\b", lowered):
            return word
    return None


def days_label(language: str, mask: int) -> str:
    """How a weekday mask reads to a person."""
    if mask == EVERY_DAY:
        return text(language, "days_every")
    if mask == WEEKDAYS:
        return text(language, "days_weekdays")
    if mask == WEEKENDS:
        return text(language, "days_weekends")
    names = day_names(language)
    return ", ".join(names[day] for day in days_of(mask))


@dataclass(frozen=True)
class Added:
    """A new commitment and the hint to show with it."""

    commitment: Commitment
    vague: str | None


class CommitmentService:
    """Adds and changes a person's commitments."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, max_active: int) -> None:
        self._uow = uow
        self._clock = clock
        self._max_active = max_active

    async def add(self, person: Person, raw_text: str, weekdays: int, at: time) -> Added:
        """Add a commitment, within the limit of active ones, and plan its first nudge."""
        commitment_text = clean_text(raw_text)
        if not weekdays & EVERY_DAY:
            raise NoDays()
        async with self._uow() as uow:
            await self._check_limit(uow, person)
            now = self._clock.now()
            commitment = await uow.commitments.add(
                person.id, commitment_text, weekdays & EVERY_DAY, at, now
            )
            await plan_next(uow, commitment, await _zone_of(uow, person), now)
            await uow.people.set_pending(person.id, None)
            await uow.commit()
            planned = await uow.commitments.get(commitment.id)
        assert planned is not None
        return Added(planned, vague_word(commitment_text))

    async def add_line(self, person: Person, args: str) -> Added:
        """The one-line form: 'HH:MM text', every day."""
        first, _, rest = args.strip().partition(" ")
        at = parse_local_time(first)
        return await self.add(person, rest, EVERY_DAY, at)

    async def _check_limit(self, uow: UnitOfWork, person: Person) -> None:
        if await uow.commitments.count_active(person.id) >= self._max_active:
            raise TooManyCommitments(limit=self._max_active)

    async def begin(self, person: Person) -> Outgoing:
        """Start the guided conversation: ask what."""
        async with self._uow() as uow:
            await self._check_limit(uow, person)
            await uow.people.set_pending(person.id, Pending(COMMIT_WHAT))
            await uow.commit()
        return Outgoing(text(person.language, "commit_ask_what"))

    async def got_what(self, person: Person, raw_text: str) -> Outgoing:
        """The promise's words arrived: ask which days."""
        commitment_text = clean_text(raw_text)
        await self._set_pending(person, Pending(COMMIT_DAYS, {"text": commitment_text}))
        return days_question(person.language)

    async def got_days(self, person: Person, choice: str) -> Outgoing:
        """A day preset, or a day toggled while picking; ask the time once days are known."""
        pending = person.pending
        if pending is not None and pending.kind == CHANGE_DAYS:
            return await self._change_days(person, pending, choice)
        if pending is None or pending.kind != COMMIT_DAYS:
            raise StaleButton()
        if choice in PRESET_MASKS:
            return await self._ask_time(person, str(pending.data["text"]), PRESET_MASKS[choice])
        mask = int(pending.data.get("mask", 0))
        if choice == "ok":
            if not mask:
                raise NoDays()
            return await self._ask_time(person, str(pending.data["text"]), mask)
        if choice != "pick":
            mask ^= 1 << int(choice)
        await self._set_pending(person, Pending(COMMIT_DAYS, {**pending.data, "mask": mask}))
        return pick_days_question(person.language, mask)

    async def ask_fewer_days(self, person: Person, commitment_id: int) -> Outgoing:
        """Start picking fewer days for an existing commitment, from its current days."""
        async with self._uow() as uow:
            commitment = await self.owned(uow, person, commitment_id)
            pending = Pending(CHANGE_DAYS, {"id": commitment.id, "mask": commitment.weekdays})
            await uow.people.set_pending(person.id, pending)
            await uow.commit()
        return pick_days_question(person.language, commitment.weekdays)

    async def _change_days(self, person: Person, pending: Pending, choice: str) -> Outgoing:
        mask = int(pending.data["mask"])
        if choice in PRESET_MASKS:
            mask = PRESET_MASKS[choice]
        elif choice not in ("ok", "pick"):
            mask ^= 1 << int(choice)
            await self._set_pending(person, Pending(CHANGE_DAYS, {**pending.data, "mask": mask}))
            return pick_days_question(person.language, mask)
        if choice == "pick":
            return pick_days_question(person.language, mask)
        if not mask:
            raise NoDays()
        async with self._uow() as uow:
            commitment = await self.owned(uow, person, int(pending.data["id"]))
            await uow.commitments.set_weekdays(commitment.id, mask)
            changed = await uow.commitments.get(commitment.id)
            assert changed is not None
            await plan_next(uow, changed, await _zone_of(uow, person), self._clock.now())
            await uow.people.set_pending(person.id, None)
            await uow.commit()
        return Outgoing(
            text(
                person.language,
                "commitment_days_set",
                text=commitment.text,
                days=days_label(person.language, mask),
            )
        )

    async def ask_smaller(self, person: Person, commitment_id: int) -> Outgoing:
        """Wait for a smaller version of a commitment's words."""
        async with self._uow() as uow:
            commitment = await self.owned(uow, person, commitment_id)
            await uow.people.set_pending(person.id, Pending(CHANGE_TEXT, {"id": commitment.id}))
            await uow.commit()
        return Outgoing(text(person.language, "commitment_smaller_ask", text=commitment.text))

    async def _pending_target(self, uow: UnitOfWork, person: Person) -> Commitment:
        """The commitment a guided change is waiting on; if it is gone, stop waiting."""
        assert person.pending is not None
        try:
            return await self.owned(uow, person, int(person.pending.data["id"]))
        except UnknownCommitment:
            # Deleted meanwhile: without this, every later message would fail the same way.
            await uow.people.set_pending(person.id, None)
            await uow.commit()
            raise

    async def got_smaller(self, person: Person, raw: str) -> Outgoing:
        """The smaller version arrived: keep the commitment, its days, time and history."""
        assert person.pending is not None
        smaller = clean_text(raw)
        async with self._uow() as uow:
            commitment = await self._pending_target(uow, person)
            await uow.commitments.set_text(commitment.id, smaller)
            await uow.people.set_pending(person.id, None)
            await uow.commit()
        return Outgoing(text(person.language, "commitment_text_set", text=smaller))

    async def _ask_time(self, person: Person, commitment_text: str, mask: int) -> Outgoing:
        await self._set_pending(
            person, Pending(COMMIT_TIME, {"text": commitment_text, "mask": mask})
        )
        return Outgoing(text(person.language, "commit_ask_time", timezone=person.timezone))

    async def got_time(self, person: Person, raw: str) -> Added:
        """The time arrived: the guided commitment is complete."""
        assert person.pending is not None
        at = parse_local_time(raw)
        data = person.pending.data
        return await self.add(person, str(data["text"]), int(data["mask"]), at)

    async def cancel(self, person: Person) -> None:
        """Leave any guided step."""
        await self._set_pending(person, None)

    async def _set_pending(self, person: Person, pending: Pending | None) -> None:
        async with self._uow() as uow:
            await uow.people.set_pending(person.id, pending)
            await uow.commit()

    async def listing(self, person: Person) -> list[Commitment]:
        """A person's commitments that are not deleted, oldest first."""
        async with self._uow() as uow:
            return await uow.commitments.of_person(person.id)

    async def owned(self, uow: UnitOfWork, person: Person, commitment_id: int) -> Commitment:
        """A commitment of this person that is not deleted, or UnknownCommitment."""
        commitment = await uow.commitments.get(commitment_id)
        if (
            commitment is None
            or commitment.person_id != person.id
            or commitment.state == CommitmentState.DELETED
        ):
            raise UnknownCommitment()
        return commitment

    async def get(self, person: Person, commitment_id: int) -> Commitment:
        """One of this person's commitments."""
        async with self._uow() as uow:
            return await self.owned(uow, person, commitment_id)

    async def pause(self, person: Person, commitment_id: int) -> Commitment:
        """Stop nudging a commitment until it is resumed."""
        async with self._uow() as uow:
            commitment = await self.owned(uow, person, commitment_id)
            await uow.commitments.set_state(commitment.id, CommitmentState.PAUSED)
            await uow.commitments.set_next(commitment.id, None, None)
            await uow.commit()
            return commitment

    async def resume(self, person: Person, commitment_id: int) -> Commitment:
        """Nudge a paused commitment again, from its next time on (no penalty for the pause)."""
        async with self._uow() as uow:
            commitment = await self.owned(uow, person, commitment_id)
            if commitment.state == CommitmentState.PAUSED:
                await self._check_limit(uow, person)
                await uow.commitments.set_state(commitment.id, CommitmentState.ACTIVE)
            fresh = await self.owned(uow, person, commitment_id)
            await plan_next(uow, fresh, await _zone_of(uow, person), self._clock.now())
            await uow.commit()
            resumed = await uow.commitments.get(commitment_id)
            assert resumed is not None
            return resumed

    async def delete(self, person: Person, commitment_id: int) -> Commitment:
        """Stop a commitment for good; its history stays."""
        async with self._uow() as uow:
            commitment = await self.owned(uow, person, commitment_id)
            await uow.commitments.set_state(commitment.id, CommitmentState.DELETED)
            await uow.commitments.set_next(commitment.id, None, None)
            await uow.commit()
            return commitment

    async def ask_new_time(self, person: Person, commitment_id: int) -> Commitment:
        """Wait for the new time of a commitment."""
        async with self._uow() as uow:
            commitment = await self.owned(uow, person, commitment_id)
            await uow.people.set_pending(person.id, Pending(CHANGE_TIME, {"id": commitment.id}))
            await uow.commit()
            return commitment

    async def got_new_time(self, person: Person, raw: str) -> Commitment:
        """Change a commitment's time; today's nudge is not repeated if already sent."""
        assert person.pending is not None
        at = parse_local_time(raw)
        async with self._uow() as uow:
            commitment = await self._pending_target(uow, person)
            await uow.commitments.set_time(commitment.id, at)
            changed = await uow.commitments.get(commitment.id)
            assert changed is not None
            await plan_next(uow, changed, await _zone_of(uow, person), self._clock.now())
            await uow.people.set_pending(person.id, None)
            await uow.commit()
            return changed


async def _zone_of(uow: UnitOfWork, person: Person) -> str:
    fresh = await uow.people.get(person.id)
    return fresh.timezone if fresh else person.timezone


def days_question(language: str) -> Outgoing:
    """The buttons of the 'which days?' step."""
    row = (
        Button(text(language, "days_every"), actions.encode(actions.DAYS, "all")),
        Button(text(language, "days_weekdays"), actions.encode(actions.DAYS, "wk")),
    )
    row2 = (
        Button(text(language, "days_weekends"), actions.encode(actions.DAYS, "we")),
        Button(text(language, "days_pick"), actions.encode(actions.DAYS, "pick")),
    )
    return Outgoing(text(language, "commit_ask_days"), (row, row2))


def pick_days_question(language: str, mask: int) -> Outgoing:
    """Seven toggles and Done, showing the days chosen so far."""
    toggles = tuple(
        Button(("✔️ " if mask & (1 << day) else "") + name, actions.encode(actions.PICK_DAY, day))
        for day, name in enumerate(day_names(language))
    )
    done = Button(text(language, "days_done"), actions.encode(actions.PICK_DAY, "ok"))
    chosen = days_label(language, mask) if mask else "—"
    return Outgoing(
        text(language, "commit_pick_days", days=chosen), (toggles[:4], toggles[4:], (done,))
    )
