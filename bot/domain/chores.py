"""The couple's chore plan: chores given to a partner on weekdays, each share a commitment.

A chore's days belong to one partner at a time: giving days to someone takes them off whoever
had them, so the week grid shows one name per chore and day. The partner who gets a chore gets
it as one of their own commitments (nudged in their private chat, counted in their limit), and
a day can change hands only when the other partner accepts a swap.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import time

from bot.domain.chore_plan import (
    ChoreDesk,
    ChoreReply,
    awaited_step,
    chore_named,
    member,
    own_couple,
    paired,
    plan_view,
    set_days,
)
from bot.domain.chore_swaps import ChoreSwaps
from bot.domain.commitments import PRESET_MASKS, clean_text, days_label
from bot.domain.couples import couple_and_partner, linked_couple
from bot.domain.errors import (
    ChoreNameTooLong,
    ChoresElsewhere,
    NoDays,
    StaleButton,
)
from bot.domain.models import (
    Chore,
    Commitment,
    Couple,
    Pending,
    Person,
)
from bot.domain.notify import notify
from bot.domain.planning import plan_next
from bot.domain.ports import (
    Clock,
    Messenger,
    Outgoing,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.domain.safety import has_crisis_words
from bot.domain.schedule import parse_local_time
from bot.texts import text
from bot.views.chores import (
    assigned_note,
    days_question,
    pick_days_question,
    taken_over_note,
    time_question,
    who_question,
)

log = logging.getLogger(__name__)

CHORE_NAME = "chore_name"
CHORE_WHO = "chore_who"
CHORE_DAYS = "chore_days"
CHORE_TIME = "chore_time"
CHORE_STEPS = frozenset({CHORE_NAME, CHORE_WHO, CHORE_DAYS, CHORE_TIME})
MAX_CHORE_NAME = 60


def clean_chore_name(raw: str) -> str:
    """A chore's name: printable, single spaces, short enough for the grid."""
    name = clean_text(raw[: MAX_CHORE_NAME * 4])
    if len(name) > MAX_CHORE_NAME:
        raise ChoreNameTooLong(limit=MAX_CHORE_NAME)
    return name


@dataclass(frozen=True)
class _Assigned:
    """A chore share just written: what to say to whom once it is committed."""

    chore: Chore
    commitment: Commitment
    assignee: Person
    couple: Couple
    # People whose days of this chore went to the assignee, with the days they lost.
    relieved: tuple[tuple[Person, int], ...]


class ChoreService:
    """Builds the couple's chore plan, gives chores to a partner and swaps their days."""

    def __init__(
        self, uow: UnitOfWorkFactory, clock: Clock, messenger: Messenger, max_active: int
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._messenger = messenger
        self._desk = ChoreDesk(uow, messenger, max_active)
        self._swaps = ChoreSwaps(self._desk, uow, clock)

    # -- the plan ----------------------------------------------------------------------------

    async def plan(self, person: Person, group_chat_id: int | None) -> Outgoing:
        """/chores: the week grid, in private or in the couple's linked group."""
        async with self._uow() as uow:
            if group_chat_id is None:
                couple, _ = await paired(uow, person)
                return await plan_view(uow, couple, person.language)
            if await uow.couples.by_group(group_chat_id) is None:
                own, _ = await couple_and_partner(uow, person)
                # Paired: the plan is elsewhere; not (or no longer) paired: nothing is here.
                if own is not None:
                    raise ChoresElsewhere()
            linked = await linked_couple(uow, person, group_chat_id)
            return await plan_view(uow, linked, person.language)

    # -- adding a chore ----------------------------------------------------------------------

    async def begin_add(self, person: Person, couple_id: int, pressed_in: int | None) -> str:
        """The "➕ Add a chore" button: ask the chore's name in the private chat."""
        async with self._uow() as uow:
            await own_couple(uow, person, couple_id)
            await uow.people.set_pending(person.id, Pending(CHORE_NAME))
            await uow.commit()
        ask = Outgoing(text(person.language, "chore_ask_name"))
        return await self._desk.privately(person, ask, pressed_in)

    async def got_text(self, person: Person, words: str) -> Outgoing:
        """Text typed during the guided steps: the name, the time, or a reminder of the step."""
        pending = person.pending
        assert pending is not None and pending.kind in CHORE_STEPS
        if pending.kind == CHORE_NAME:
            return await self._got_name(person, words)
        if pending.kind == CHORE_TIME:
            return await self._got_time(person, words)
        async with self._uow() as uow:
            couple, partner = await paired(uow, person)
            if pending.kind == CHORE_WHO:
                return who_question(person, partner, str(pending.data["name"]))
            assignee = await member(uow, couple, int(pending.data["who"]))
        return days_question(person.language, assignee, str(pending.data["name"]))

    async def _got_name(self, person: Person, words: str) -> Outgoing:
        if has_crisis_words(words):
            # The chore plan is shared with the partner: such words never become part of it.
            return Outgoing(text(person.language, "chore_name_not_shared"))
        name = clean_chore_name(words)
        async with self._uow() as uow:
            _, partner = await paired(uow, person)
            await uow.people.set_pending(person.id, Pending(CHORE_WHO, {"name": name}))
            await uow.commit()
        return who_question(person, partner, name)

    async def choose_who(self, person: Person, assignee_id: int) -> ChoreReply:
        """The partner who will do the chore was chosen: ask which days."""
        pending = awaited_step(person, CHORE_WHO)
        async with self._uow() as uow:
            couple, _ = await paired(uow, person)
            if not couple.has(assignee_id):
                raise StaleButton()
            assignee = await member(uow, couple, assignee_id)
            # Said now rather than after days and time; the add checks again.
            await self._desk.check_limit(uow, person, assignee)
            name = str(pending.data["name"])
            step = Pending(CHORE_DAYS, {"name": name, "who": assignee.id})
            await uow.people.set_pending(person.id, step)
            await uow.commit()
        return ChoreReply("", days_question(person.language, assignee, name))

    async def choose_days(self, person: Person, choice: str) -> ChoreReply:
        """A day preset, or a day toggled while picking; ask the time once the days are known."""
        pending = awaited_step(person, CHORE_DAYS)
        mask = int(pending.data.get("mask", 0))
        if choice in PRESET_MASKS:
            mask = PRESET_MASKS[choice]
        elif choice == "ok":
            if not mask:
                raise NoDays()
        elif choice != "pick":
            mask ^= 1 << int(choice)
        async with self._uow() as uow:
            couple, _ = await paired(uow, person)
            assignee = await member(uow, couple, int(pending.data["who"]))
            if choice in PRESET_MASKS or choice == "ok":
                step = Pending(CHORE_TIME, {**pending.data, "mask": mask})
                shown = time_question(person, assignee)
            else:
                step = Pending(CHORE_DAYS, {**pending.data, "mask": mask})
                shown = pick_days_question(person.language, mask)
            await uow.people.set_pending(person.id, step)
            await uow.commit()
        return ChoreReply("", shown)

    async def _got_time(self, person: Person, raw: str) -> Outgoing:
        at = parse_local_time(raw)
        assert person.pending is not None
        data = person.pending.data
        name, who, mask = str(data["name"]), int(data["who"]), int(data["mask"])
        async with self._uow() as uow:
            assigned = await self._assign(uow, person, name, who, mask, at)
            await uow.people.set_pending(person.id, None)
            await uow.commit()
        await self._tell_assigned(person, assigned)
        await self._desk.post_plan(assigned.couple, person.language)
        c = assigned.commitment
        key = "chore_added" if assigned.assignee.id == person.id else "chore_added_partner"
        return Outgoing(
            text(
                person.language,
                key,
                chore=assigned.chore.name,
                name=assigned.assignee.name,
                days=days_label(person.language, c.weekdays),
                time=c.local_time.strftime("%H:%M"),
            )
        )

    async def _assign(
        self, uow: UnitOfWork, actor: Person, name: str, who: int, mask: int, at: time
    ) -> _Assigned:
        """Give these days of the chore to `who`, taking them off whoever had them."""
        couple, _ = await paired(uow, actor)
        if not couple.has(who):
            raise StaleButton()
        assignee = await member(uow, couple, who)
        now = self._clock.now()
        chore = await chore_named(uow, couple, name) or await uow.chores.add(couple.id, name, now)
        relieved: list[tuple[Person, int]] = []
        for share in await uow.commitments.of_chores([chore.id]):
            lost = share.weekdays & mask
            if lost:
                owner = await member(uow, couple, share.person_id)
                await set_days(uow, share, owner, share.weekdays & ~mask, now)
                if owner.id not in (actor.id, assignee.id):
                    relieved.append((owner, lost))
        await self._desk.check_limit(uow, actor, assignee)
        added = await uow.commitments.add(assignee.id, chore.name, mask, at, now, chore_id=chore.id)
        await plan_next(uow, added, assignee.timezone, now)
        planned = await uow.commitments.get(added.id)
        assert planned is not None
        return _Assigned(chore, planned, assignee, couple, tuple(relieved))

    async def ask_swap(self, person: Person, couple_id: int, pressed_in: int | None) -> str:
        """The "🔁 Ask to swap a day" button: offer the person's own chore days, privately."""
        return await self._swaps.ask_swap(person, couple_id, pressed_in)

    async def request_swap(self, person: Person, arg: int) -> ChoreReply:
        """One of the person's chore days was picked: ask the partner to take it."""
        return await self._swaps.request_swap(person, arg)

    async def answer_swap(self, person: Person, swap_id: int, accept: bool) -> ChoreReply:
        """The partner accepts or declines taking the day."""
        return await self._swaps.answer_swap(person, swap_id, accept)

    async def _tell_assigned(self, actor: Person, assigned: _Assigned) -> None:
        c, chore = assigned.commitment, assigned.chore
        assignee = assigned.assignee
        if assignee.id != actor.id:
            lang = assignee.language
            note = assigned_note(lang, actor.name, chore.name, c.weekdays, c.local_time)
            await notify(self._messenger, assignee, Outgoing(note), "of a chore")
        for owner, lost in assigned.relieved:
            note = taken_over_note(owner.language, chore.name, lost, assignee.name)
            await notify(self._messenger, owner, Outgoing(note), "of a chore taken over")


# -- helpers -----------------------------------------------------------------------------------
