"""Pairing: single-use invitations that expire, one couple per person, linking the group."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.errors import (
    AlreadyPaired,
    InviteExpired,
    InviteNotFound,
    InviteNotWaiting,
    InviterPaired,
    InviteUsed,
    NotAPartner,
    NotPaired,
    OwnInvite,
    PartnerElsewhere,
)
from bot.domain.pairing import CODE_ALPHABET, CODE_LENGTH, INVITED
from bot.texts import text
from tests.unit.conftest import World


async def test_invite_is_a_fresh_code_valid_for_48_hours(world: World) -> None:
    ana = await world.person(101, "Ana")
    invite = await world.pairing.invite(ana)
    assert len(invite.code) == CODE_LENGTH
    assert set(invite.code) <= set(CODE_ALPHABET)
    assert invite.inviter_id == ana.id
    assert invite.created_at == world.clock.now()
    assert invite.expires_at == world.clock.now() + timedelta(hours=48)
    assert world.store.invites == {invite.code: invite}
    other = await world.pairing.invite(ana)
    assert other.code != invite.code


async def test_join_pairs_both_and_tells_the_inviter(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    invite = await world.pairing.invite(ana)
    world.clock.advance(hours=1)

    joined = await world.pairing.join(ben, invite.code)

    (couple_id,) = world.store.couples
    couple = world.store.couple(couple_id)
    assert joined.couple == couple
    assert (couple.partner_a_id, couple.partner_b_id, couple.group_chat_id) == (
        ana.id,
        ben.id,
        None,
    )
    assert world.fresh(ana).couple_id == couple.id
    assert world.fresh(ben).couple_id == couple.id
    used = world.store.invites[invite.code]
    assert (used.used_by, used.used_at) == (ben.id, world.clock.now())
    (told,) = world.messenger.sent
    assert told.chat_id == 101
    # Who, then the weekly check-in's default slot in the inviter's zone, then what next.
    assert told.message.text == "\n\n".join(
        (
            text("en", "paired_you", partner="Ben"),
            text("en", "paired_checkin_slot", day="Sunday", time="19:00", timezone="Europe/Madrid"),
            text("en", "paired_hint"),
        )
    )


async def test_codes_forgive_case_spaces_and_dashes(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    invite = await world.pairing.invite(ana)
    typed = f" {invite.code[:4].lower()}-{invite.code[4:].lower()} "
    await world.pairing.join(ben, typed)
    assert world.fresh(ben).couple_id is not None


@pytest.mark.parametrize("code", ["", "NOPE2345", "!!!!", "x" * 500])
async def test_unknown_code_is_refused_and_changes_nothing(world: World, code: str) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    invite = await world.pairing.invite(ana)
    with pytest.raises(InviteNotFound):
        await world.pairing.join(ben, code)
    assert world.store.couples == {}
    assert world.store.invites[invite.code].used_at is None
    assert world.messenger.sent == []


async def test_own_code_is_refused(world: World) -> None:
    ana = await world.person(101, "Ana")
    invite = await world.pairing.invite(ana)
    with pytest.raises(OwnInvite):
        await world.pairing.join(ana, invite.code)
    assert world.store.couples == {}


async def test_used_code_is_refused(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    carl = await world.person(303, "Carl")
    invite = await world.pairing.invite(ana)
    await world.pairing.join(ben, invite.code)
    with pytest.raises(InviteUsed):
        await world.pairing.join(carl, invite.code)
    assert len(world.store.couples) == 1
    assert world.fresh(carl).couple_id is None
    assert world.store.invites[invite.code].used_by == ben.id


async def test_code_expires_exactly_after_48_hours(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    carl = await world.person(303, "Carl")
    dana = await world.person(404, "Dana")
    late = await world.pairing.invite(ana)
    just_in_time = await world.pairing.invite(carl)

    world.clock.set(late.created_at + timedelta(hours=48) - timedelta(seconds=1))
    await world.pairing.join(dana, just_in_time.code)
    world.clock.advance(seconds=1)
    with pytest.raises(InviteExpired):
        await world.pairing.join(ben, late.code)

    assert world.fresh(ben).couple_id is None
    assert world.fresh(dana).couple_id is not None
    assert world.store.invites[late.code].used_at is None


async def test_a_paired_person_cannot_invite_or_join(world: World) -> None:
    ana, ben = await world.couple()
    with pytest.raises(AlreadyPaired) as caught:
        await world.pairing.invite(ana)
    assert caught.value.params == {"partner": "Ben"}

    carl = await world.person(303, "Carl")
    carls_code = await world.pairing.invite(carl)
    with pytest.raises(AlreadyPaired) as caught:
        await world.pairing.join(ben, carls_code.code)
    assert caught.value.params == {"partner": "Ana"}
    assert len(world.store.couples) == 1
    assert world.store.invites[carls_code.code].used_at is None


async def test_stale_person_object_still_refused_when_already_paired(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    invite = await world.pairing.invite(ana)
    await world.pairing.join(ben, invite.code)
    with pytest.raises(AlreadyPaired):
        await world.pairing.invite(ana)  # `ana` still says couple_id=None


async def test_a_third_person_cannot_use_a_second_code_of_a_paired_inviter(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    carl = await world.person(303, "Carl")
    first = await world.pairing.invite(ana)
    second = await world.pairing.invite(ana)
    await world.pairing.join(ben, first.code)

    with pytest.raises(InviterPaired):
        await world.pairing.join(carl, second.code)

    (couple,) = world.store.couples.values()
    assert (couple.partner_a_id, couple.partner_b_id) == (ana.id, ben.id)
    assert world.fresh(carl).couple_id is None
    assert world.store.invites[second.code].used_at is None


async def test_join_succeeds_even_if_the_inviter_cannot_be_told(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    invite = await world.pairing.invite(ana)
    world.messenger.block(101)

    joined = await world.pairing.join(ben, invite.code)

    assert world.fresh(ben).couple_id == joined.couple.id
    assert world.messenger.sent == []


async def test_link_a_group_to_the_couple(world: World) -> None:
    ana, ben = await world.couple()
    world.messenger.set_member(-500, 202, False)

    linked = await world.pairing.link(ana, -500)

    assert world.store.couples[linked.couple.id].group_chat_id == -500
    assert not linked.partner_in_group
    assert linked.partner_name == "Ben"
    assert linked.names == ("Ana", "Ben")
    world.messenger.set_member(-500, 202, True)
    again = await world.pairing.link(ben, -500)
    assert again.partner_in_group and again.names == ("Ben", "Ana")


async def test_a_group_the_partner_could_never_read_is_not_linked(world: World) -> None:
    ana, ben = await world.couple()
    world.messenger.move_elsewhere(ben.chat_id or 0)

    with pytest.raises(PartnerElsewhere) as refused:
        await world.pairing.link(ana, -500)

    assert refused.value.params == {"partner": "Ben"}
    assert ana.couple_id is not None
    assert world.store.couples[ana.couple_id].group_chat_id is None


async def test_link_refuses_the_unpaired_and_another_couples_group(world: World) -> None:
    ana, _ = await world.couple()
    carl, dana = await world.couple((303, "Carl"), (404, "Dana"))
    loner = await world.person(505, "Eve")
    await world.pairing.link(ana, -500)
    with pytest.raises(NotPaired):
        await world.pairing.link(loner, -500)
    with pytest.raises(NotAPartner):
        await world.pairing.link(carl, -500)
    assert ana.couple_id is not None and dana.couple_id is not None
    assert world.store.couples[ana.couple_id].group_chat_id == -500
    assert world.store.couples[dana.couple_id].group_chat_id is None


async def test_an_opened_invitation_pairs_nobody_and_tells_nobody_until_join(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    invite = await world.pairing.invite(ana)

    inviter = await world.pairing.offer(ben, invite.code.lower())

    assert inviter.id == ana.id and inviter.name == "Ana"
    assert world.store.couples == {} and world.messenger.sent == []
    assert world.store.invites[invite.code].used_at is None
    shown = world.fresh(ben).pending
    assert shown is not None and shown.kind == INVITED

    joined = await world.pairing.accept(world.fresh(ben), ana.id)

    assert world.fresh(ana).couple_id == world.fresh(ben).couple_id == joined.couple.id
    assert world.fresh(ben).pending is None
    assert [m.chat_id for m in world.messenger.sent] == [101]


async def test_not_now_changes_nothing_tells_nobody_and_may_be_pressed_twice(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    invite = await world.pairing.invite(ana)
    await world.pairing.offer(ben, invite.code)
    before = (world.store.couples, world.store.invites)

    await world.pairing.decline(world.fresh(ben))
    await world.pairing.decline(world.fresh(ben))

    assert (world.store.couples, world.store.invites) == before
    assert world.fresh(ben).pending is None and world.messenger.sent == []
    # Join after Not now finds nothing waiting; the link, opened again, still works.
    with pytest.raises(InviteNotWaiting):
        await world.pairing.accept(world.fresh(ben), ana.id)
    assert world.store.couples == {}
    await world.pairing.offer(ben, invite.code)
    await world.pairing.accept(world.fresh(ben), ana.id)
    assert len(world.store.couples) == 1


async def test_a_join_naming_another_inviter_is_refused_and_pairs_nobody(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    carl = await world.person(303, "Carl")
    await world.pairing.invite(carl)  # Carl has an invitation open too, never shown to Ben
    await world.pairing.offer(ben, (await world.pairing.invite(ana)).code)

    with pytest.raises(InviteNotWaiting):
        await world.pairing.accept(world.fresh(ben), carl.id)
    with pytest.raises(InviteNotWaiting):
        await world.pairing.accept(world.fresh(carl), ana.id)  # shown nothing at all

    assert world.store.couples == {} and world.messenger.sent == []


async def test_an_invitation_opened_after_the_couple_formed_is_refused(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    invite = await world.pairing.invite(ana)
    await world.pairing.offer(ben, invite.code)
    await world.pairing.accept(world.fresh(ben), ana.id)
    dana = await world.person(404, "Dana")

    with pytest.raises(AlreadyPaired):
        await world.pairing.offer(world.fresh(ben), invite.code)
    with pytest.raises(InviteUsed):
        await world.pairing.offer(dana, invite.code)
    assert world.fresh(dana).pending is None and len(world.store.couples) == 1


async def test_an_invitation_expiring_while_shown_cannot_be_joined(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    await world.pairing.offer(ben, (await world.pairing.invite(ana)).code)
    world.clock.advance(hours=48)

    with pytest.raises(InviteExpired):
        await world.pairing.accept(world.fresh(ben), ana.id)
    assert world.store.couples == {} and world.messenger.sent == []
