"""The couple's chore plan: chores given to a partner on weekdays, each share a commitment.

A chore's days belong to one partner at a time: giving days to someone takes them off whoever
had them, so the week grid shows one name per chore and day. The partner who gets a chore gets
it as one of their own commitments (nudged in their private chat, counted in their limit), and
a day can change hands only when the other partner accepts a swap.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time

from bot.domain import actions
from bot.domain.commitments import PRESET_MASKS, clean_text, days_label
from bot.domain.couples import couple_and_partner, linked_couple
from bot.domain.errors import (
    AlreadyAnswered,
    AssigneeAtLimit,
    ChoreNameTooLong,
    ChoresElsewhere,
    NoChoreDays,
    NoDays,
    NotAPartner,
    NotPaired,
    NotYours,
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
    SwapState,
)
from bot.domain.notify import attempt, notify
from bot.domain.planning import plan_next
from bot.domain.ports import (
    Button,
    Clock,
    Messenger,
    Outgoing,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.domain.safety import has_crisis_words
from bot.domain.schedule import days_of, parse_local_time
from bot.texts import day_name, text
from bot.views.chores import (
    assigned_note,
    days_question,
    pick_days_question,
    plan_message,
    plan_text,
    swap_label,
    taken_over_note,
    time_question,
    who_question,
)
from bot.views.nudges import short_label

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


def swap_arg(commitment_id: int, weekday: int) -> int:
    """One integer naming a commitment and one of its weekdays, for a button."""
    return commitment_id * 10 + weekday


@dataclass(frozen=True)
class ChoreReply:
    """What a chore button leads to: a toast, and maybe a new text for its message."""

    toast: str
    edit: Outgoing | None = None


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
        self._max_active = max_active

    # -- the plan ----------------------------------------------------------------------------

    async def plan(self, person: Person, group_chat_id: int | None) -> Outgoing:
        """/chores: the week grid, in private or in the couple's linked group."""
        async with self._uow() as uow:
            if group_chat_id is None:
                couple, _ = await _paired(uow, person)
                return await _view(uow, couple, person.language)
            if await uow.couples.by_group(group_chat_id) is None:
                own, _ = await couple_and_partner(uow, person)
                # Paired: the plan is elsewhere; not (or no longer) paired: nothing is here.
                if own is not None:
                    raise ChoresElsewhere()
            linked = await linked_couple(uow, person, group_chat_id)
            return await _view(uow, linked, person.language)

    async def _post_plan(self, couple: Couple, language: str) -> None:
        """Show the changed plan in the couple's group, when they linked one."""
        if couple.group_chat_id is None:
            return
        async with self._uow() as uow:
            view = await _view(uow, couple, language)
        await self._send(couple.group_chat_id, view, "the chore plan")

    async def _send(self, chat_id: int, message: Outgoing, what: str) -> None:
        await attempt(self._messenger.send(chat_id, message), f"send {what}")

    async def _privately(self, person: Person, message: Outgoing, pressed_in: int | None) -> str:
        """Send a guided step to the person's private chat; the toast to show where they pressed."""
        if person.chat_id is not None:
            await self._send(person.chat_id, message, "a chore step")
        private = pressed_in is None or pressed_in == person.chat_id
        return "" if private else text(person.language, "chores_in_private")

    # -- adding a chore ----------------------------------------------------------------------

    async def begin_add(self, person: Person, couple_id: int, pressed_in: int | None) -> str:
        """The "➕ Add a chore" button: ask the chore's name in the private chat."""
        async with self._uow() as uow:
            await _own_couple(uow, person, couple_id)
            await uow.people.set_pending(person.id, Pending(CHORE_NAME))
            await uow.commit()
        ask = Outgoing(text(person.language, "chore_ask_name"))
        return await self._privately(person, ask, pressed_in)

    async def got_text(self, person: Person, words: str) -> Outgoing:
        """Text typed during the guided steps: the name, the time, or a reminder of the step."""
        pending = person.pending
        assert pending is not None and pending.kind in CHORE_STEPS
        if pending.kind == CHORE_NAME:
            return await self._got_name(person, words)
        if pending.kind == CHORE_TIME:
            return await self._got_time(person, words)
        async with self._uow() as uow:
            couple, partner = await _paired(uow, person)
            if pending.kind == CHORE_WHO:
                return who_question(person, partner, str(pending.data["name"]))
            assignee = await _member(uow, couple, int(pending.data["who"]))
        return days_question(person.language, assignee, str(pending.data["name"]))

    async def _got_name(self, person: Person, words: str) -> Outgoing:
        if has_crisis_words(words):
            # The chore plan is shared with the partner: such words never become part of it.
            return Outgoing(text(person.language, "chore_name_not_shared"))
        name = clean_chore_name(words)
        async with self._uow() as uow:
            _, partner = await _paired(uow, person)
            await uow.people.set_pending(person.id, Pending(CHORE_WHO, {"name": name}))
            await uow.commit()
        return who_question(person, partner, name)

    async def choose_who(self, person: Person, assignee_id: int) -> ChoreReply:
        """The partner who will do the chore was chosen: ask which days."""
        pending = _step(person, CHORE_WHO)
        async with self._uow() as uow:
            couple, _ = await _paired(uow, person)
            if not couple.has(assignee_id):
                raise StaleButton()
            assignee = await _member(uow, couple, assignee_id)
            # Said now rather than after days and time; the add checks again.
            await self._check_limit(uow, person, assignee)
            name = str(pending.data["name"])
            step = Pending(CHORE_DAYS, {"name": name, "who": assignee.id})
            await uow.people.set_pending(person.id, step)
            await uow.commit()
        return ChoreReply("", days_question(person.language, assignee, name))

    async def choose_days(self, person: Person, choice: str) -> ChoreReply:
        """A day preset, or a day toggled while picking; ask the time once the days are known."""
        pending = _step(person, CHORE_DAYS)
        mask = int(pending.data.get("mask", 0))
        if choice in PRESET_MASKS:
            mask = PRESET_MASKS[choice]
        elif choice == "ok":
            if not mask:
                raise NoDays()
        elif choice != "pick":
            mask ^= 1 << int(choice)
        async with self._uow() as uow:
            couple, _ = await _paired(uow, person)
            assignee = await _member(uow, couple, int(pending.data["who"]))
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
        await self._post_plan(assigned.couple, person.language)
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
        couple, _ = await _paired(uow, actor)
        if not couple.has(who):
            raise StaleButton()
        assignee = await _member(uow, couple, who)
        now = self._clock.now()
        chore = await _chore_named(uow, couple, name) or await uow.chores.add(couple.id, name, now)
        relieved: list[tuple[Person, int]] = []
        for share in await uow.commitments.of_chores([chore.id]):
            lost = share.weekdays & mask
            if lost:
                owner = await _member(uow, couple, share.person_id)
                await _set_days(uow, share, owner, share.weekdays & ~mask, now)
                if owner.id not in (actor.id, assignee.id):
                    relieved.append((owner, lost))
        await self._check_limit(uow, actor, assignee)
        added = await uow.commitments.add(assignee.id, chore.name, mask, at, now, chore_id=chore.id)
        await plan_next(uow, added, assignee.timezone, now)
        planned = await uow.commitments.get(added.id)
        assert planned is not None
        return _Assigned(chore, planned, assignee, couple, tuple(relieved))

    async def _check_limit(self, uow: UnitOfWork, actor: Person, assignee: Person) -> None:
        if await uow.commitments.count_active(assignee.id) < self._max_active:
            return
        if assignee.id == actor.id:
            raise TooManyCommitments(limit=self._max_active)
        raise AssigneeAtLimit(name=assignee.name, limit=self._max_active)

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

    # -- swapping a day ----------------------------------------------------------------------

    async def ask_swap(self, person: Person, couple_id: int, pressed_in: int | None) -> str:
        """The "🔁 Ask to swap a day" button: offer the person's own chore days, privately."""
        async with self._uow() as uow:
            couple = await _own_couple(uow, person, couple_id)
            partner = await _member(uow, couple, couple.partner_of(person.id))
            chores = {chore.id: chore for chore in await uow.chores.of_couple(couple.id)}
            shares = [
                c for c in await uow.commitments.of_chores(list(chores)) if c.person_id == person.id
            ]
        buttons = [
            Button(
                f"{short_label(chores[c.chore_id].name, 16)} · {day_name(person.language, day)}",
                actions.encode(actions.SWAP_DAY, swap_arg(c.id, day)),
            )
            for c in shares
            if c.chore_id is not None
            for day in days_of(c.weekdays)
        ]
        if not buttons:
            raise NoChoreDays()
        rows = tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))
        pick = Outgoing(text(person.language, "swap_pick", name=partner.name), rows)
        return await self._privately(person, pick, pressed_in)

    async def request_swap(self, person: Person, arg: int) -> ChoreReply:
        """One of the person's chore days was picked: ask the partner to take it."""
        commitment_id, weekday = divmod(arg, 10)
        if weekday > 6:
            raise StaleButton()
        async with self._uow() as uow:
            share = await uow.commitments.get(commitment_id)
            if share is None or share.chore_id is None:
                raise StaleButton()
            if share.person_id != person.id:
                raise NotYours()
            if share.state == CommitmentState.DELETED or not share.weekdays & (1 << weekday):
                raise StaleButton()
            chore = await uow.chores.get(share.chore_id)
            couple = await uow.couples.get(chore.couple_id) if chore else None
            if chore is None or couple is None or not couple.has(person.id):
                raise NotAPartner()
            partner = await _member(uow, couple, couple.partner_of(person.id))
            swap = await uow.chores.add_swap(chore.id, person.id, weekday, self._clock.now())
            await uow.commit()
        lang = partner.language
        request = Outgoing(
            text(
                lang,
                "swap_request",
                name=person.name,
                chore=chore.name,
                day=day_name(lang, weekday),
                time=share.local_time.strftime("%H:%M"),
            ),
            (
                (
                    Button(
                        text(lang, "btn_swap_accept"), actions.encode(actions.SWAP_ACCEPT, swap.id)
                    ),
                    Button(
                        text(lang, "btn_swap_decline"),
                        actions.encode(actions.SWAP_DECLINE, swap.id),
                    ),
                ),
            ),
        )
        if partner.chat_id is not None:
            await self._send(partner.chat_id, request, "a swap request")
        asked = text(
            person.language,
            "swap_asked",
            name=partner.name,
            chore=chore.name,
            day=day_name(person.language, weekday),
        )
        return ChoreReply("", Outgoing(asked))

    async def answer_swap(self, person: Person, swap_id: int, accept: bool) -> ChoreReply:
        """The other partner accepts (the day becomes theirs) or declines (nothing moves)."""
        now = self._clock.now()
        async with self._uow() as uow:
            swap = await uow.chores.swap(swap_id)
            chore = await uow.chores.get(swap.chore_id) if swap else None
            if swap is None or chore is None:
                raise StaleButton()
            couple = await uow.couples.get(chore.couple_id)
            if couple is None or not couple.has(person.id):
                raise NotAPartner()
            if swap.requester_id == person.id:
                raise NotYours()
            if swap.state != SwapState.PENDING:
                raise AlreadyAnswered(answer=swap_label(person.language, swap.state))
            requester = await _member(uow, couple, swap.requester_id)
            state = SwapState.ACCEPTED if accept else SwapState.DECLINED
            if not await uow.chores.settle_swap(swap.id, state, now):
                raise AlreadyAnswered(answer=swap_label(person.language, state))
            taken = (
                await self._move_day(uow, chore, requester, person, swap.weekday)
                if accept
                else None
            )
            await uow.commit()
        if taken is None:
            to_requester = text(
                requester.language,
                "swap_declined_requester",
                name=person.name,
                chore=chore.name,
                day=day_name(requester.language, swap.weekday),
            )
            reply = text(person.language, "swap_declined_you", name=requester.name)
        else:
            to_requester = text(
                requester.language,
                "swap_accepted_requester",
                name=person.name,
                chore=chore.name,
                day=day_name(requester.language, swap.weekday),
            )
            reply = text(
                person.language,
                "swap_accepted_you",
                chore=chore.name,
                day=day_name(person.language, swap.weekday),
                time=taken.local_time.strftime("%H:%M"),
            )
        if requester.chat_id is not None:
            await self._send(requester.chat_id, Outgoing(to_requester), "a swap answer")
        if taken is not None:
            await self._post_plan(couple, person.language)
        return ChoreReply("", Outgoing(reply))

    async def _move_day(
        self, uow: UnitOfWork, chore: Chore, giver: Person, taker: Person, weekday: int
    ) -> Commitment:
        """Move one weekday of a chore from the giver's share to the taker's (made if needed)."""
        bit = 1 << weekday
        shares = await uow.commitments.of_chores([chore.id])
        source = next((c for c in shares if c.person_id == giver.id and c.weekdays & bit), None)
        if source is None:
            # The day changed hands since the request was made.
            raise StaleButton()
        now = self._clock.now()
        await _set_days(uow, source, giver, source.weekdays & ~bit, now)
        target = next(
            (c for c in shares if c.person_id == taker.id and c.state == CommitmentState.ACTIVE),
            None,
        )
        if target is None:
            await self._check_limit(uow, taker, taker)
            target = await uow.commitments.add(
                taker.id, chore.name, bit, source.local_time, now, chore_id=chore.id
            )
            await plan_next(uow, target, taker.timezone, now)
        else:
            await _set_days(uow, target, taker, target.weekdays | bit, now)
        moved = await uow.commitments.get(target.id)
        assert moved is not None
        return moved


# -- helpers -----------------------------------------------------------------------------------


async def _paired(uow: UnitOfWork, person: Person) -> tuple[Couple, Person]:
    couple, partner = await couple_and_partner(uow, person)
    if couple is None or partner is None:
        raise NotPaired()
    return couple, partner


async def _own_couple(uow: UnitOfWork, person: Person, couple_id: int) -> Couple:
    """The couple a plan's button belongs to, when the presser is one of its partners."""
    couple = await uow.couples.get(couple_id)
    if couple is None or not couple.has(person.id):
        raise NotAPartner()
    fresh = await uow.people.get(person.id)
    if fresh is None or fresh.couple_id != couple.id:
        raise NotAPartner()
    return couple


async def _member(uow: UnitOfWork, couple: Couple, person_id: int) -> Person:
    member = await uow.people.get(person_id) if couple.has(person_id) else None
    if member is None:
        raise StaleButton()
    return member


async def _chore_named(uow: UnitOfWork, couple: Couple, name: str) -> Chore | None:
    wanted = name.casefold()
    return next(
        (c for c in await uow.chores.of_couple(couple.id) if c.name.casefold() == wanted), None
    )


async def _set_days(
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


async def _view(uow: UnitOfWork, couple: Couple, language: str) -> Outgoing:
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


def _step(person: Person, kind: str) -> Pending:
    if person.pending is None or person.pending.kind != kind:
        raise StaleButton()
    return person.pending
