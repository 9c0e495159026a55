"""What adding and swapping chores share: the plan as the couple sees it, the guided steps in
private, the limit of commitments, and the couple's checks."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.domain.couples import couple_and_partner
from bot.domain.errors import (
    AssigneeAtLimit,
    NotAPartner,
    NotPaired,
    StaleButton,
    TooManyCommitments,
)
from bot.domain.models import (
    Chore,
    Commitment,
    CommitmentState,
    Couple,
    Pending,
    Person,
)
from bot.domain.notify import attempt
from bot.domain.planning import plan_next
from bot.domain.ports import (
    Messenger,
    Outgoing,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.texts import text
from bot.views.chores import (
    plan_message,
    plan_text,
)

log = logging.getLogger(__name__)


async def paired(uow: UnitOfWork, person: Person) -> tuple[Couple, Person]:
    couple, partner = await couple_and_partner(uow, person)
    if couple is None or partner is None:
        raise NotPaired()
    return couple, partner


async def own_couple(uow: UnitOfWork, person: Person, couple_id: int) -> Couple:
    """The couple a plan's button belongs to, when the presser is one of its partners."""
    couple = await uow.couples.get(couple_id)
    if couple is None or not couple.has(person.id):
        raise NotAPartner()
    fresh = await uow.people.get(person.id)
    if fresh is None or fresh.couple_id != couple.id:
        raise NotAPartner()
    return couple


async def member(uow: UnitOfWork, couple: Couple, person_id: int) -> Person:
    member = await uow.people.get(person_id) if couple.has(person_id) else None
    if member is None:
        raise StaleButton()
    return member


async def chore_named(uow: UnitOfWork, couple: Couple, name: str) -> Chore | None:
    wanted = name.casefold()
    return next(
        (c for c in await uow.chores.of_couple(couple.id) if c.name.casefold() == wanted), None
    )


async def set_days(
    uow: UnitOfWork, share: Commitment, owner: Person, mask: int, now: datetime
) -> None:
    """Change a chore share's days and replan it; with no day left it ends (history stays)."""
    if not mask:
        await uow.commitments.set_state(share.id, CommitmentState.DELETED)
        await uow.commitments.set_next(share.id, None, None)
        return
    await uow.commitments.set_weekdays(share.id, mask)
    changed = await uow.commitments.get(share.id)
    assert changed is not None
    await plan_next(uow, changed, owner.timezone, now)


async def plan_view(uow: UnitOfWork, couple: Couple, language: str) -> Outgoing:
    """The week's grid as the couple sees it, with its buttons."""
    a = await uow.people.get(couple.partner_a_id)
    b = await uow.people.get(couple.partner_b_id)
    names = {p.id: p.name for p in (a, b) if p is not None}
    chores = await uow.chores.of_couple(couple.id)
    shares = await uow.commitments.of_chores([c.id for c in chores])
    body = plan_text(
        language,
        (names.get(couple.partner_a_id, "?"), names.get(couple.partner_b_id, "?")),
        names,
        chores,
        shares,
    )
    return plan_message(language, couple.id, body)


def awaited_step(person: Person, kind: str) -> Pending:
    """The guided step the person is in, when it is this one; a stale button otherwise."""
    if person.pending is None or person.pending.kind != kind:
        raise StaleButton()
    return person.pending


class ChoreDesk:
    """Shows the plan, sends the guided steps, and keeps the limit, for both chore flows."""

    def __init__(self, uow: UnitOfWorkFactory, messenger: Messenger, max_active: int) -> None:
        self._uow = uow
        self._messenger = messenger
        self._max_active = max_active

    async def post_plan(self, couple: Couple, language: str) -> None:
        """Show the changed plan in the couple's group, when they linked one."""
        if couple.group_chat_id is None:
            return
        async with self._uow() as uow:
            view = await plan_view(uow, couple, language)
        await self.send(couple.group_chat_id, view, "the chore plan")

    async def send(self, chat_id: int, message: Outgoing, what: str) -> None:
        await attempt(self._messenger.send(chat_id, message), f"send {what}")

    async def privately(self, person: Person, message: Outgoing, pressed_in: int | None) -> str:
        """Send a guided step to the person's private chat; the toast to show where they pressed."""
        if person.chat_id is not None:
            await self.send(person.chat_id, message, "a chore step")
        private = pressed_in is None or pressed_in == person.chat_id
        return "" if private else text(person.language, "chores_in_private")

    async def check_limit(self, uow: UnitOfWork, actor: Person, assignee: Person) -> None:
        if await uow.commitments.count_active(assignee.id) < self._max_active:
            return
        if assignee.id == actor.id:
            raise TooManyCommitments(limit=self._max_active)
        raise AssigneeAtLimit(name=assignee.name, limit=self._max_active)


def swap_arg(commitment_id: int, weekday: int) -> int:
    """One integer naming a commitment and one of its weekdays, for a button."""
    return commitment_id * 10 + weekday


@dataclass(frozen=True)
class ChoreReply:
    """What a chore button leads to: a toast, and maybe a new text for its message."""

    toast: str
    edit: Outgoing | None = None
