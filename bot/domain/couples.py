"""Finding a person's couple and partner, shared by the use cases."""

from __future__ import annotations

from bot.domain.errors import GroupNotLinked, NotAPartner
from bot.domain.models import Couple, Person
from bot.domain.ports import UnitOfWork


async def couple_and_partner(
    uow: UnitOfWork, person: Person
) -> tuple[Couple | None, Person | None]:
    """The person's couple and partner, or (None, None) when they are not paired."""
    fresh = await uow.people.get(person.id)
    if fresh is None or fresh.couple_id is None:
        return None, None
    couple = await uow.couples.get(fresh.couple_id)
    if couple is None:
        return None, None
    return couple, await uow.people.get(couple.partner_of(person.id))


async def partner_of(uow: UnitOfWork, person: Person) -> Person | None:
    """The person's partner, if any."""
    _, partner = await couple_and_partner(uow, person)
    return partner


async def linked_couple(uow: UnitOfWork, person: Person, group_chat_id: int) -> Couple:
    """The couple that linked this group, when the person is one of its partners."""
    couple = await uow.couples.by_group(group_chat_id)
    if couple is None:
        # Never linked, or its couple ended (/unpair, /forget): there is nothing to show here.
        raise GroupNotLinked()
    if not couple.has(person.id):
        raise NotAPartner()
    return couple


async def both_partners(uow: UnitOfWork, couple: Couple) -> tuple[Person, Person]:
    """The couple's two partners, the inviter first."""
    a = await uow.people.get(couple.partner_a_id)
    b = await uow.people.get(couple.partner_b_id)
    assert a is not None and b is not None
    return a, b
