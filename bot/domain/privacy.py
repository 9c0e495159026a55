"""Use cases of privacy: everything about a person as data (/export), and forgetting them (/forget).

Ending a couple lives here too (`end_couple`): /forget and /unpair both do it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.domain import actions
from bot.domain.commitments import (
    CHANGE_DAYS,
    CHANGE_TEXT,
    CHANGE_TIME,
    COMMIT_DAYS,
    COMMIT_TIME,
    COMMIT_WHAT,
)
from bot.domain.couples import couple_and_partner
from bot.domain.errors import ForgetNotAwaited
from bot.domain.models import (
    CheckinSlot,
    Chore,
    ChoreSwap,
    Commitment,
    Couple,
    Invite,
    Nudge,
    PastAnswer,
    Pending,
    Person,
    Summary,
)
from bot.domain.notify import notify
from bot.domain.nudging import REFLECTION
from bot.domain.ports import (
    Button,
    Clock,
    Messenger,
    Outgoing,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.domain.schedule import DAY_NAMES
from bot.texts import text

log = logging.getLogger(__name__)

# The pending step while the /forget confirmation waits for its button.
FORGET = "forget"
EXPORT_FORMAT = "kept-export"
EXPORT_VERSION = 2
EXPORT_FILE_NAME = "kept-export.json"
# Guided steps about a partner's own promises survive the end of their couple; any other step
# (check-in words, the chore plan…) belonged to the couple and may name the other partner.
OWN_STEPS = frozenset(
    {COMMIT_WHAT, COMMIT_DAYS, COMMIT_TIME, CHANGE_TIME, CHANGE_DAYS, CHANGE_TEXT, REFLECTION}
)


@dataclass(frozen=True)
class Forgotten:
    """The outcome of /forget: what to tell the person, in their language, now that they are gone."""

    message: str
    partner_told: bool


class PrivacyService:
    """Hands people their data, and deletes it for good when they ask."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, messenger: Messenger) -> None:
        self._uow = uow
        self._clock = clock
        self._messenger = messenger

    async def export(self, person: Person) -> dict[str, Any]:
        """Every stored row about the person, as JSON-ready data; of the partner only the name."""
        async with self._uow() as uow:
            fresh = await uow.people.get(person.id) or person
            couple, partner = await couple_and_partner(uow, fresh)
            slot = await uow.couples.slot(couple.id) if couple else None
            commitments = await uow.commitments.of_person(person.id, include_deleted=True)
            nudges = await uow.nudges.of_person_between(person.id, date.min, date.max)
            answers = await uow.checkins.answers_of_person(person.id)
            invites = await uow.invites.of_person(person.id)
            chores = await uow.chores.of_couple(couple.id) if couple else []
            swaps = await uow.chores.swaps_of_person(person.id)
            summaries = await uow.summaries.of_person(person.id)
        return export_document(
            fresh,
            couple,
            partner.name if partner else None,
            slot,
            commitments,
            nudges,
            answers,
            invites,
            ChoreRows(chores, swaps),
            self._clock.now(),
            summaries,
        )

    async def ask_forget(self, person: Person) -> Outgoing:
        """/forget: explain what goes, and wait for the confirmation button."""
        async with self._uow() as uow:
            await uow.people.set_pending(person.id, Pending(FORGET))
            await uow.commit()
        lang = person.language
        return Outgoing(
            text(lang, "forget_confirm"),
            (
                (
                    Button(text(lang, "btn_forget"), actions.encode(actions.FORGET, person.id)),
                    Button(
                        text(lang, "btn_keep_data"), actions.encode(actions.KEEP_DATA, person.id)
                    ),
                ),
            ),
        )

    async def keep(self, person: Person, person_id: int) -> str:
        """The "Keep my data" button: nothing is deleted."""
        async with self._uow() as uow:
            await _confirmable(uow, person, person_id)
            await uow.people.set_pending(person.id, None)
            await uow.commit()
        return text(person.language, "forget_cancelled")

    async def forget(self, person: Person, person_id: int) -> Forgotten:
        """Delete the person and everything about them, end their couple, tell the partner."""
        async with self._uow() as uow:
            fresh = await _confirmable(uow, person, person_id)
            couple, partner = await couple_and_partner(uow, fresh)
            if couple is not None:
                await end_couple(uow, couple, self._clock.now())
            await _erase(uow, fresh)
            await uow.commit()
        log.info("person %s was forgotten at their request", person.id)
        told = await self._tell_partner(fresh, partner) if partner else False
        return Forgotten(text(person.language, "forget_done"), told)

    async def _tell_partner(self, gone: Person, partner: Person) -> bool:
        note = Outgoing(text(partner.language, "partner_forgot", name=gone.name))
        return await notify(self._messenger, partner, note, "their couple ended")


async def _confirmable(uow: UnitOfWork, person: Person, person_id: int) -> Person:
    """The person, when this /forget button is theirs and its confirmation is still awaited."""
    fresh = await uow.people.get(person.id)
    # Someone else's button (forged, or of the person's former self before a /forget) is
    # refused like a stale one: either way nothing is deleted, and nothing is revealed.
    awaited = fresh is not None and fresh.pending is not None and fresh.pending.kind == FORGET
    if person_id != person.id or fresh is None or not awaited:
        raise ForgetNotAwaited()
    return fresh


async def end_couple(uow: UnitOfWork, couple: Couple, now: datetime) -> None:
    """Undo the couple (/forget and /unpair): an open check-in closes unrevealed, invitations
    stop working, and both partners are single again with their own promises, nudges, check-in
    answers and settings; steps that belonged to the couple end."""
    open_checkin = await uow.checkins.open_of(couple.id)
    if open_checkin is not None:
        # Closed without a reveal: the couple it was for is over (and under /forget, half of it
        # is about to be deleted).
        await uow.checkins.close(open_checkin.id, now)
    for person_id in (couple.partner_a_id, couple.partner_b_id):
        person = await uow.people.get(person_id)
        if person is None:
            continue
        # A code made before the pairing would otherwise come alive again now, and pair the
        # person with whoever holds it (the former partner too).
        await uow.invites.expire_unused(person.id, now)
        await uow.people.set_couple(person.id, None)
        if person.pending is not None and person.pending.kind not in OWN_STEPS:
            await uow.people.set_pending(person.id, None)
    await uow.couples.delete(couple.id)


async def _erase(uow: UnitOfWork, person: Person) -> None:
    """Delete every row about the person (the database's cascades would too; this says what)."""
    if person.chat_id is not None:
        # The partner's nudges may name the private chat where this person saw them.
        await uow.nudges.forget_partner_chat(person.chat_id)
    await uow.checkins.delete_answers_of(person.id)
    await uow.checkins.delete_orphans()
    await uow.summaries.delete_of_person(person.id)
    await uow.nudges.delete_of_person(person.id)
    await uow.commitments.delete_of_person(person.id)
    await uow.invites.delete_of_person(person.id)
    await uow.people.delete(person.id)


def _iso(moment: datetime | date | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _days(weekdays: int) -> list[str]:
    return [name for bit, name in enumerate(DAY_NAMES) if weekdays & (1 << bit)]


@dataclass(frozen=True)
class ChoreRows:
    """The couple's chores, and the swaps of a day the person asked for."""

    chores: list[Chore]
    swaps: list[ChoreSwap]


def export_document(
    person: Person,
    couple: Couple | None,
    partner_name: str | None,
    slot: CheckinSlot | None,
    commitments: list[Commitment],
    nudges: list[Nudge],
    answers: list[PastAnswer],
    invites: list[Invite],
    chores: ChoreRows,
    now: datetime,
    summaries: list[Summary] | None = None,
) -> dict[str, Any]:
    """The /export document: the person's own rows, in a stable, documented shape."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _iso(now),
        "profile": {
            "chat_id": person.chat_id,
            "name": person.name,
            "language": person.language,
            "timezone": person.timezone,
            "created_at": _iso(person.created_at),
            "blocked_at": _iso(person.blocked_at),
            "waiting_for": person.pending.kind if person.pending else None,
        },
        "sharing": {
            "partner_answers": person.sharing,
            "summary_time": person.summary_time.strftime("%H:%M") if person.summary_time else None,
            "since": _iso(person.sharing_since),
        },
        "summaries": [
            {
                "date": _iso(s.local_date),
                "due_at": _iso(s.due_at),
                "status": s.status.value,
                "sent_at": _iso(s.sent_at),
                "answers_told": s.items,
            }
            for s in summaries or []
        ],
        "couple": None
        if couple is None
        else {
            "id": couple.id,
            "partner_name": partner_name,
            "group_chat_id": couple.group_chat_id,
            "checkin_slot": None
            if slot is None
            else {
                "weekday": DAY_NAMES[slot.weekday],
                "time": slot.local_time.strftime("%H:%M"),
                "timezone": slot.timezone,
                "next_at": _iso(slot.next_at),
            },
        },
        "commitments": [
            {
                "id": c.id,
                "text": c.text,
                "days": _days(c.weekdays),
                "time": c.local_time.strftime("%H:%M"),
                "state": c.state.value,
                "created_at": _iso(c.created_at),
                "chore_id": c.chore_id,
            }
            for c in commitments
        ],
        "nudges": [
            {
                "id": n.id,
                "commitment_id": n.commitment_id,
                "date": _iso(n.local_date),
                "due_at": _iso(n.due_at),
                "status": n.status.value,
                "late": n.late,
                "sent_at": _iso(n.sent_at),
                "answered_at": _iso(n.answered_at),
                "reflection": n.reflection,
                "reflection_shared_at": _iso(n.reflection_shared_at),
                "noticed_at": _iso(n.noticed_at),
            }
            for n in nudges
        ],
        "checkin_answers": [
            {
                "year": a.iso_year,
                "week": a.iso_week,
                "opened_at": _iso(a.opened_at),
                "closed_at": _iso(a.closed_at),
                "trust": a.answer.trust,
                "progress": a.answer.progress,
                "safety": a.answer.safety,
                "appreciated": a.answer.appreciated,
                "differently": a.answer.differently,
                "words_shared": a.answer.words_shared,
            }
            for a in answers
        ],
        "invites": [
            {
                "code": i.code,
                "made_by_you": i.inviter_id == person.id,
                "created_at": _iso(i.created_at),
                "expires_at": _iso(i.expires_at),
                "used_at": _iso(i.used_at),
            }
            for i in invites
        ],
        "chores": [
            {"id": c.id, "name": c.name, "created_at": _iso(c.created_at)} for c in chores.chores
        ],
        "chore_swaps": [
            {
                "id": s.id,
                "chore_id": s.chore_id,
                "weekday": DAY_NAMES[s.weekday],
                "state": s.state.value,
                "created_at": _iso(s.created_at),
                "settled_at": _iso(s.settled_at),
            }
            for s in chores.swaps
        ],
    }
