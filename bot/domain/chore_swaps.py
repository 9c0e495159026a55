"""Swapping a chore day: one partner asks, the other takes the day or declines."""

from __future__ import annotations

import logging

from bot.domain import actions
from bot.domain.chore_plan import ChoreDesk, ChoreReply, member, own_couple, set_days, swap_arg
from bot.domain.errors import (
    AlreadyAnswered,
    NoChoreDays,
    NotAPartner,
    NotYours,
    StaleButton,
)
from bot.domain.models import (
    Chore,
    Commitment,
    CommitmentState,
    Person,
    SwapState,
)
from bot.domain.planning import plan_next
from bot.domain.ports import (
    Button,
    Clock,
    Outgoing,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.domain.schedule import days_of
from bot.texts import day_name, text
from bot.views.chores import (
    swap_label,
)
from bot.views.nudges import short_label

log = logging.getLogger(__name__)


class ChoreSwaps:
    """Asks a partner to take one day of a chore, and moves the day when they accept."""

    def __init__(self, desk: ChoreDesk, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._desk = desk
        self._uow = uow
        self._clock = clock

    async def ask_swap(self, person: Person, couple_id: int, pressed_in: int | None) -> str:
        """The "🔁 Ask to swap a day" button: offer the person's own chore days, privately."""
        async with self._uow() as uow:
            couple = await own_couple(uow, person, couple_id)
            partner = await member(uow, couple, couple.partner_of(person.id))
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
        return await self._desk.privately(person, pick, pressed_in)

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
            partner = await member(uow, couple, couple.partner_of(person.id))
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
            await self._desk.send(partner.chat_id, request, "a swap request")
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
            requester = await member(uow, couple, swap.requester_id)
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
            await self._desk.send(requester.chat_id, Outgoing(to_requester), "a swap answer")
        if taken is not None:
            await self._desk.post_plan(couple, person.language)
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
        await set_days(uow, source, giver, source.weekdays & ~bit, now)
        target = next(
            (c for c in shares if c.person_id == taker.id and c.state == CommitmentState.ACTIVE),
            None,
        )
        if target is None:
            await self._desk.check_limit(uow, taker, taker)
            target = await uow.commitments.add(
                taker.id, chore.name, bit, source.local_time, now, chore_id=chore.id
            )
            await plan_next(uow, target, taker.timezone, now)
        else:
            await set_days(uow, target, taker, target.weekdays | bit, now)
        moved = await uow.commitments.get(target.id)
        assert moved is not None
        return moved
