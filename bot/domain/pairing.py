"""Use cases of pairing: invitations, joining, linking the couple's group chat, and /unpair."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, replace
from datetime import timedelta

from bot.domain import actions
from bot.domain.checkin_rules import next_slot
from bot.domain.couples import couple_and_partner, linked_couple
from bot.domain.errors import (
    AlreadyInCouple,
    AlreadyPaired,
    InviteExpired,
    InviteNotFound,
    InviteNotWaiting,
    InviterPaired,
    InviteUsed,
    NotAPartner,
    NothingToUnpair,
    NotPaired,
    OwnInvite,
    PartnerElsewhere,
    UnpairNotAwaited,
)
from bot.domain.models import CheckinSlot, Couple, Invite, Pending, Person
from bot.domain.notify import notify
from bot.domain.ports import (
    Button,
    Clock,
    Messenger,
    Outgoing,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.domain.privacy import end_couple
from bot.texts import text
from bot.views.pairing import paired_message

log = logging.getLogger(__name__)

INVITE_LIFETIME = timedelta(hours=48)
# The pending step while the /unpair confirmation waits for its button.
UNPAIR = "unpair"
# The pending step while an invitation opened by its link waits for Join or Not now; the code
# stays here, on the server, so a Join button can never name a code of its own.
INVITED = "invited"
# No 0/O or 1/I/L: codes are read aloud and typed on phones.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_code() -> str:
    """A fresh, unguessable invitation code."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """Codes are case-insensitive and forgive spaces and dashes."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())[:32]


@dataclass(frozen=True)
class Joined:
    """The outcome of a successful join, with the couple's first weekly check-in."""

    couple: Couple
    inviter: Person
    joiner: Person
    slot: CheckinSlot


@dataclass(frozen=True)
class Linked:
    """The outcome of /link in a group."""

    couple: Couple
    partner_in_group: bool
    partner_name: str
    names: tuple[str, str]


@dataclass(frozen=True)
class Unpaired:
    """The outcome of /unpair: what to tell the person, and whether the partner was told."""

    message: str
    partner_told: bool


class PairingService:
    """Pairs two people into a couple and links their group chat."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, messenger: Messenger) -> None:
        self._uow = uow
        self._clock = clock
        self._messenger = messenger

    async def invite(self, person: Person) -> Invite:
        """Create a single-use invitation that expires after 48 hours."""
        async with self._uow() as uow:
            await _refuse_if_paired(uow, person)
            now = self._clock.now()
            invite = Invite(new_code(), person.id, now, now + INVITE_LIFETIME)
            await uow.invites.add(invite)
            await uow.commit()
            return invite

    async def offer(self, person: Person, raw_code: str) -> Person:
        """An invitation opened by its link: check it as a join would, remember it for the
        Join button, and return who invites. Nothing is paired and nobody is told."""
        code = normalise_code(raw_code)
        async with self._uow() as uow:
            invite = await self._usable_invite(uow, person, code)
            inviter = await _free_inviter(uow, invite)
            offered = Pending(INVITED, {"code": code, "inviter": inviter.id})
            await uow.people.set_pending(person.id, offered)
            await uow.commit()
        return inviter

    async def accept(self, person: Person, inviter_id: int) -> Joined:
        """The Join button: join by the code this person was shown, if it is still waiting."""
        pending = person.pending
        if pending is None or pending.kind != INVITED or pending.data["inviter"] != inviter_id:
            raise InviteNotWaiting()
        return await self.join(person, str(pending.data["code"]))

    async def decline(self, person: Person) -> None:
        """The Not now button: forget the invitation shown; the inviter hears nothing, and a
        second press finds nothing to forget."""
        if person.pending is None or person.pending.kind != INVITED:
            return
        async with self._uow() as uow:
            await uow.people.set_pending(person.id, None)
            await uow.commit()

    async def join(self, person: Person, raw_code: str) -> Joined:
        """Join the couple of the invitation's author, and tell them both."""
        async with self._uow() as uow:
            invite = await self._usable_invite(uow, person, normalise_code(raw_code))
            inviter = await _free_inviter(uow, invite)
            couple = await uow.couples.add(inviter.id, person.id)
            slot = await uow.couples.slot(couple.id)
            first = next_slot(slot, inviter.timezone, self._clock.now())
            await uow.couples.set_next_checkin(couple.id, first)
            await uow.people.set_couple(inviter.id, couple.id)
            await uow.people.set_couple(person.id, couple.id)
            await uow.invites.mark_used(invite.code, person.id, self._clock.now())
            if person.pending is not None and person.pending.kind == INVITED:
                await uow.people.set_pending(person.id, None)
            await uow.commit()
        joined = Joined(couple, inviter, person, replace(slot, next_at=first))
        await self._tell_paired(joined)
        return joined

    async def _usable_invite(self, uow: UnitOfWork, person: Person, code: str) -> Invite:
        invite = await uow.invites.get(code) if code else None
        if invite is None:
            raise InviteNotFound()
        if invite.inviter_id == person.id:
            raise OwnInvite()
        await _refuse_if_paired(uow, person)
        if invite.used_at is not None:
            raise InviteUsed()
        if invite.expires_at <= self._clock.now():
            raise InviteExpired()
        return invite

    async def _tell_paired(self, joined: Joined) -> None:
        inviter = joined.inviter
        message = paired_message(
            inviter.language, joined.joiner.name, joined.slot, inviter.timezone
        )
        # The couple exists already; failing the joiner's /join over this would mislead them.
        await notify(self._messenger, inviter, Outgoing(message), "they are paired")

    async def link(self, person: Person, group_chat_id: int) -> Linked:
        """Link a group chat to the couple of the person who sent /link there."""
        async with self._uow() as uow:
            if person.couple_id is None:
                raise NotPaired()
            couple = await uow.couples.get(person.couple_id)
            if couple is None or not couple.has(person.id):
                raise NotAPartner()
            other = await uow.couples.by_group(group_chat_id)
            if other is not None and other.id != couple.id:
                raise NotAPartner()
            partner = await uow.people.get(couple.partner_of(person.id))
            assert partner is not None and partner.chat_id is not None
            if not self._messenger.can_reach(group_chat_id, partner.chat_id):
                raise PartnerElsewhere(partner=partner.name)
            await uow.couples.link_group(couple.id, group_chat_id)
            await uow.commit()
        present = await self._messenger.is_member(group_chat_id, partner.chat_id)
        return Linked(couple, present, partner.name, (person.name, partner.name))

    async def check_linked(self, person: Person, group_chat_id: int) -> None:
        """Refuse a couple's command in a group that is not linked to the person's couple."""
        async with self._uow() as uow:
            await linked_couple(uow, person, group_chat_id)

    # -- /unpair: a quiet way out ------------------------------------------------------------

    async def ask_unpair(self, person: Person) -> Outgoing:
        """/unpair: say plainly what ending the couple does, and wait for the button."""
        async with self._uow() as uow:
            couple, _ = await couple_and_partner(uow, person)
            if couple is None:
                raise NothingToUnpair()
            # The couple's id in the step and the buttons: a confirmation of this couple can
            # never end a later one.
            await uow.people.set_pending(person.id, Pending(UNPAIR, {"couple": couple.id}))
            await uow.commit()
        lang = person.language
        return Outgoing(
            text(lang, "unpair_confirm"),
            (
                (
                    Button(text(lang, "btn_unpair"), actions.encode(actions.UNPAIR, couple.id)),
                    Button(
                        text(lang, "btn_stay_paired"),
                        actions.encode(actions.KEEP_COUPLE, couple.id),
                    ),
                ),
            ),
        )

    async def keep_couple(self, person: Person, couple_id: int) -> str:
        """The "Stay paired" button: nothing changes."""
        async with self._uow() as uow:
            await _awaiting_unpair(uow, person, couple_id)
            await uow.people.set_pending(person.id, None)
            await uow.commit()
        return text(person.language, "unpair_cancelled")

    async def unpair(self, person: Person, couple_id: int) -> Unpaired:
        """End the couple: each keeps their own; the partner is told once, in private."""
        async with self._uow() as uow:
            couple = await _awaiting_unpair(uow, person, couple_id)
            partner = await uow.people.get(couple.partner_of(person.id))
            await end_couple(uow, couple, self._clock.now())
            await uow.commit()
        log.info("person %s ended couple %s", person.id, couple.id)
        told = await self._tell_unpaired(partner) if partner is not None else False
        done = "unpair_done" if told else "unpair_done_untold"
        return Unpaired(text(person.language, done), told)

    async def _tell_unpaired(self, partner: Person) -> bool:
        # Their private chat only, never the group, and no reason: it is not ours to give.
        note = Outgoing(text(partner.language, "partner_unpaired"))
        return await notify(self._messenger, partner, note, "their couple ended")


async def _awaiting_unpair(uow: UnitOfWork, person: Person, couple_id: int) -> Couple:
    """The couple, when this /unpair button is the person's and its confirmation is awaited."""
    fresh = await uow.people.get(person.id)
    pending = fresh.pending if fresh is not None else None
    # Someone else's button, an old one, or one pressed again after the couple ended: refused
    # alike, and nothing changes (so the partner is told once).
    awaited = (
        fresh is not None
        and fresh.couple_id == couple_id
        and pending is not None
        and pending.kind == UNPAIR
        and pending.data.get("couple") == couple_id
    )
    couple = await uow.couples.get(couple_id) if awaited else None
    if couple is None or not couple.has(person.id):
        raise UnpairNotAwaited()
    return couple


async def _free_inviter(uow: UnitOfWork, invite: Invite) -> Person:
    """The invitation's author, if they can still form a couple."""
    inviter = await uow.people.get(invite.inviter_id)
    if inviter is None:
        raise InviteNotFound()
    if inviter.couple_id is not None:
        raise InviterPaired()
    return inviter


async def _refuse_if_paired(uow: UnitOfWork, person: Person) -> None:
    fresh = await uow.people.get(person.id)
    if fresh is not None and fresh.couple_id is not None:
        couple = await uow.couples.get(fresh.couple_id)
        partner = await uow.people.get(couple.partner_of(person.id)) if couple else None
        if partner is None:
            raise AlreadyInCouple()
        raise AlreadyPaired(partner=partner.name)
