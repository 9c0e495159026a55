"""/pair, /join, /start join-<code> and /link, through the real Application."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.pairing import INVITE_LIFETIME
from tests.telegram.conftest import (
    ANA,
    BEN,
    CARL,
    DANA,
    GROUP,
    GROUP_CHAT,
    INVITE_LINK,
    START,
    Kept,
)


async def test_pair_gives_a_deep_link_and_the_code(kept: Kept) -> None:
    await kept.start(ANA)

    reply, next_step = kept.invitation(await kept.send(ANA, "/pair"), ANA.id)

    # The first is written to Ben, to be forwarded as it is; the second is for Ana.
    assert reply.text.startswith("💌 Ana invites you to Kept")
    assert next_step.text.startswith("Forward the message above to your partner")
    found = INVITE_LINK.search(reply.text)
    assert found, reply.text
    code = found.group(1)
    assert len(code) == 8
    assert f"https://t.me/kept_test_bot?start=join-{code}" in reply.text
    assert f"/join {code}" in reply.text
    invite = await kept.invite(code)
    ana = await kept.must(ANA)
    assert invite is not None and invite.inviter_id == ana.id
    assert invite.used_at is None and invite.used_by is None
    assert invite.expires_at == START + INVITE_LIFETIME == START + timedelta(hours=48)
    assert ana.couple_id is None


async def test_second_person_joins_from_the_link_and_both_are_told(kept: Kept) -> None:
    await kept.start(ANA)
    code = await kept.pair_code(ANA)

    opened = await kept.send(BEN, f"/start join-{code}")

    # Opening the link shows who invites; nothing is paired and Ana hears nothing yet.
    assert [c.chat_id for c in opened] == [BEN.id, BEN.id]
    assert opened[0].text == "Hello Ben 🌱 I'm Kept. Here is the invitation you opened:"
    assert opened[1].text.startswith("💌 Ana has invited you to Kept.")
    assert [b["text"] for row in opened[1].buttons for b in row] == ["🤝 Join", "Not now"]
    assert await kept.couple(ANA) is None

    calls = await kept.press(BEN, opened[1].callback_data[0], opened[1])

    [edit] = [c for c in calls if c.method == "editMessageText"]
    to_ana = kept.sent(calls, ANA.id)
    assert edit.chat_id == BEN.id and edit.text.startswith("You and Ana are now paired")
    assert len(to_ana) == 1 and to_ana[0].text.startswith("You and Ben are now paired")
    assert kept.sent(calls, BEN.id) == []
    for told in (edit, to_ana[0]):
        assert "/link" in told.text and "on Sunday at 19:00 (UTC)" in told.text
    ana, ben = await kept.must(ANA), await kept.must(BEN)
    couple = await kept.couple(ANA)
    assert couple is not None and ana.couple_id == ben.couple_id == couple.id
    assert {couple.partner_a_id, couple.partner_b_id} == {ana.id, ben.id}
    assert couple.group_chat_id is None
    invite = await kept.invite(code)
    assert invite is not None and invite.used_by == ben.id and invite.used_at == START


async def test_join_command_accepts_the_code_loosely_typed(kept: Kept) -> None:
    await kept.start(ANA, BEN)
    code = await kept.pair_code(ANA)

    calls = await kept.send(BEN, f"/join {code[:4].lower()} {code[4:].lower()}")

    assert kept.sent(calls, BEN.id)[0].text.startswith("You and Ana are now paired")
    assert kept.sent(calls, ANA.id)[0].text.startswith("You and Ben are now paired")
    assert (await kept.couple(BEN)) == (await kept.couple(ANA)) is not None


async def test_join_without_a_code_shows_how(kept: Kept) -> None:
    await kept.start(BEN)

    reply = kept.only_reply(await kept.send(BEN, "/join"), BEN.id)

    assert reply.text.startswith("Send the code your partner gave you")


async def test_join_with_a_wrong_code_is_refused(kept: Kept) -> None:
    await kept.start(ANA, BEN)
    code = await kept.pair_code(ANA)
    before = await kept.snapshot(ANA, BEN, codes=(code,))

    reply = kept.only_reply(await kept.send(BEN, "/join NOPE2345"), BEN.id)

    assert reply.text.startswith("I don't know that code.")
    assert await kept.snapshot(ANA, BEN, codes=(code,)) == before


async def test_join_with_a_used_code_is_refused(kept: Kept) -> None:
    await kept.start(ANA, BEN, CARL)
    code = await kept.pair_code(ANA)
    await kept.send(BEN, f"/join {code}")
    before = await kept.snapshot(ANA, BEN, CARL, codes=(code,))

    reply = kept.only_reply(await kept.send(CARL, f"/join {code}"), CARL.id)

    assert reply.text.startswith("That code has already been used.")
    assert await kept.snapshot(ANA, BEN, CARL, codes=(code,)) == before
    assert await kept.couple(CARL) is None


async def test_a_third_person_following_a_used_link_is_refused(kept: Kept) -> None:
    await kept.start(ANA, BEN)
    code = await kept.pair_code(ANA)
    await kept.send(BEN, f"/join {code}")
    before = await kept.snapshot(ANA, BEN, codes=(code,))

    calls = await kept.send(CARL, f"/start join-{code}")

    # Refused before any choice is shown: the generic welcome, then why.
    assert [c.chat_id for c in calls] == [CARL.id, CARL.id]
    assert calls[0].text.startswith("Hello Carl")
    assert calls[1].text.startswith("That code has already been used.")
    assert await kept.snapshot(ANA, BEN, codes=(code,)) == before
    carl = await kept.must(CARL)
    assert carl.couple_id is None


async def test_a_third_person_with_an_unused_code_of_a_paired_inviter_is_refused(
    kept: Kept,
) -> None:
    await kept.start(ANA, BEN, CARL)
    first, second = await kept.pair_code(ANA), await kept.pair_code(ANA)
    await kept.send(BEN, f"/join {first}")
    before = await kept.snapshot(ANA, BEN, CARL, codes=(first, second))

    reply = kept.only_reply(await kept.send(CARL, f"/join {second}"), CARL.id)

    assert "is already in a couple in Kept, so it no longer works." in reply.text
    assert await kept.snapshot(ANA, BEN, CARL, codes=(first, second)) == before


@pytest.mark.parametrize(
    ("wait", "joined"),
    [(timedelta(hours=47, minutes=59), True), (timedelta(hours=48, minutes=1), False)],
)
async def test_invitations_expire_after_48_hours(kept: Kept, wait: timedelta, joined: bool) -> None:
    await kept.start(ANA, BEN)
    code = await kept.pair_code(ANA)
    kept.clock.advance(wait)

    calls = await kept.send(BEN, f"/join {code}")

    invite = await kept.invite(code)
    assert invite is not None
    if joined:
        assert kept.sent(calls, BEN.id)[0].text.startswith("You and Ana are now paired")
        assert await kept.couple(BEN) is not None
    else:
        reply = kept.only_reply(calls, BEN.id)
        assert reply.text.startswith("That code has expired (they last 48 hours).")
        assert await kept.couple(BEN) is None and await kept.couple(ANA) is None
        assert invite.used_at is None


async def test_joining_while_already_in_a_couple_is_refused(kept: Kept) -> None:
    await kept.paired(ANA, BEN)
    await kept.start(CARL)
    code = await kept.pair_code(CARL)
    before = await kept.snapshot(ANA, BEN, CARL, codes=(code,))

    reply = kept.only_reply(await kept.send(BEN, f"/join {code}"), BEN.id)

    assert reply.text.startswith("You and Ana are already a couple in Kept.")
    assert await kept.snapshot(ANA, BEN, CARL, codes=(code,)) == before


async def test_pair_while_already_in_a_couple_is_refused(kept: Kept) -> None:
    await kept.paired(ANA, BEN)

    reply = kept.only_reply(await kept.send(ANA, "/pair"), ANA.id)

    assert reply.text.startswith("You and Ben are already a couple in Kept.")
    assert "t.me" not in reply.text


async def test_joining_your_own_code_is_refused(kept: Kept) -> None:
    await kept.start(ANA)
    code = await kept.pair_code(ANA)
    before = await kept.snapshot(ANA, codes=(code,))

    reply = kept.only_reply(await kept.send(ANA, f"/join {code}"), ANA.id)

    assert reply.text.startswith("That's your own invitation")
    assert await kept.snapshot(ANA, codes=(code,)) == before


# -- /link ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["/link", "/link@kept_test_bot"])
async def test_a_partner_links_the_group_with_the_other_in_it(kept: Kept, command: str) -> None:
    await kept.paired(ANA, BEN)
    kept.api.members[(GROUP, BEN.id)] = "member"

    calls = await kept.send(ANA, command, GROUP_CHAT)

    assert [c.method for c in calls] == ["getChatMember", "sendMessage"]
    assert calls[0].params == {"chat_id": GROUP, "user_id": BEN.id}
    assert calls[1].chat_id == GROUP
    assert calls[1].text.startswith("This group is now linked to Ana and Ben")
    assert "can't see" not in calls[1].text
    couple = await kept.couple(BEN)
    assert couple is not None and couple.group_chat_id == GROUP


async def test_linking_says_when_the_other_partner_is_not_in_the_group(kept: Kept) -> None:
    await kept.paired(ANA, BEN)
    kept.api.members[(GROUP, BEN.id)] = "left"

    calls = await kept.send(BEN, "/link", GROUP_CHAT)

    reply = kept.sent(calls, GROUP)[0]
    assert reply.text.startswith("This group is now linked to Ben and Ana")
    assert "I can't see Ana in this group yet" in reply.text
    couple = await kept.couple(ANA)
    assert couple is not None and couple.group_chat_id == GROUP


async def test_a_group_owner_counts_as_present(kept: Kept) -> None:
    await kept.paired(ANA, BEN)
    kept.api.members[(GROUP, BEN.id)] = "creator"

    calls = await kept.send(ANA, "/link", GROUP_CHAT)

    assert "can't see" not in kept.sent(calls, GROUP)[0].text


async def test_a_stranger_cannot_link_a_group(kept: Kept) -> None:
    await kept.paired(ANA, BEN)
    await kept.start(CARL)
    before = await kept.snapshot(ANA, BEN, CARL)

    reply = kept.only_reply(await kept.send(CARL, "/link", GROUP_CHAT), GROUP)

    assert reply.text.startswith("You're not paired yet.")
    assert await kept.snapshot(ANA, BEN, CARL) == before


async def test_someone_who_never_started_cannot_link_a_group(kept: Kept) -> None:
    await kept.paired(ANA, BEN)
    before = await kept.snapshot(ANA, BEN)

    reply = kept.only_reply(await kept.send(CARL, "/link", GROUP_CHAT), GROUP)

    assert reply.text.startswith("Please send /start first")
    assert await kept.snapshot(ANA, BEN) == before
    assert await kept.person(CARL) is None


async def test_another_couple_cannot_take_over_a_linked_group(kept: Kept) -> None:
    await kept.linked(ANA, BEN)
    await kept.paired(CARL, DANA)
    before = await kept.snapshot(ANA, BEN, CARL, DANA)

    reply = kept.only_reply(await kept.send(CARL, "/link", GROUP_CHAT), GROUP)

    assert reply.text == "Sorry, only the two partners of this couple can do that."
    assert await kept.snapshot(ANA, BEN, CARL, DANA) == before
    carl_couple = await kept.couple(CARL)
    assert carl_couple is not None and carl_couple.group_chat_id is None


async def test_link_in_private_points_to_the_group(kept: Kept) -> None:
    await kept.paired(ANA, BEN)
    before = await kept.snapshot(ANA, BEN)

    reply = kept.only_reply(await kept.send(ANA, "/link"), ANA.id)

    assert reply.text.startswith("That one works in a group chat with your partner")
    assert await kept.snapshot(ANA, BEN) == before


@pytest.mark.parametrize(
    "command",
    [
        "/pair",
        "/join ABCD2345",
        "/commit 21:00 Do the dishes",
        "/commit",
        "/commitments",
        "/today",
        "/timezone Europe/Madrid",
        "/start",
    ],
)
async def test_private_commands_in_a_group_point_to_the_private_chat(
    kept: Kept, command: str
) -> None:
    await kept.start(ANA)
    before = await kept.snapshot(ANA)

    reply = kept.only_reply(await kept.send(ANA, command, GROUP_CHAT), GROUP)

    assert reply.text.startswith("Let's do that in our private chat")
    assert await kept.snapshot(ANA) == before


# /unpair

UNPAIR_STALE = "This choice is no longer open, so nothing changed. Send /unpair if you want to end your couple."
NOT_LINKED = "This group isn't linked to a couple in Kept"


async def test_unpair_is_private_and_needs_a_couple(kept: Kept) -> None:
    await kept.start(ANA)

    in_group = kept.only_reply(await kept.send(ANA, "/unpair", GROUP_CHAT), GROUP)
    alone = kept.only_reply(await kept.send(ANA, "/unpair"), ANA.id)

    assert in_group.text.startswith("Let's do that in our private chat")
    assert alone.text.startswith("You're not paired with anyone right now")
    assert in_group.buttons == [] and alone.buttons == []
    assert await kept.pending(ANA) is None


async def test_unpair_ends_the_couple_quietly_and_each_carries_on(kept: Kept) -> None:
    await kept.linked(ANA, BEN)
    await kept.send(ANA, "/commit 21:00 Text Ben when I leave work")
    await kept.send(BEN, "/commit 21:00 Walk the dog")
    opened = kept.sent(await kept.send(ANA, "/checkin", GROUP_CHAT), GROUP)
    [checkin] = [c for c in opened if c.buttons]
    couple = await kept.couple(ANA)
    assert couple is not None

    ask = kept.only_reply(await kept.send(ANA, "/unpair"), ANA.id)
    assert ask.text.startswith("End your couple in Kept?")
    assert ask.labels == ["Yes, end the couple", "Stay paired"]
    assert ask.callback_data == [f"uy:{couple.id}", f"ux:{couple.id}"]
    pressed = await kept.press(ANA, f"uy:{couple.id}", ask)

    [done] = kept.edits(pressed)
    assert done.text.startswith("Done: your couple in Kept has ended.") and done.buttons == []
    # Ben is told once, in private; the group hears nothing.
    [told] = kept.sent(pressed)
    assert told.chat_id == BEN.id and told.text.startswith("Your couple in Kept has ended.")
    assert [c for c in pressed if c.chat_id == GROUP] == []
    assert (await kept.must(ANA)).couple_id is None and (await kept.must(BEN)).couple_id is None
    # Pressed again: nothing ends twice, nobody is told twice.
    again = await kept.press(ANA, f"uy:{couple.id}", ask)
    assert kept.only_toast(again) == UNPAIR_STALE and kept.sent(again) == []
    # The old check-in's buttons and the old group's commands say so, kindly.
    late = kept.only_toast(await kept.press(BEN, checkin.callback_data[0], checkin))
    assert late == "This choice is no longer open. /today shows what's open now."
    for user in (ANA, BEN):
        for command in ("/checkin", "/progress", "/chores"):
            reply = kept.only_reply(await kept.send(user, command, GROUP_CHAT), GROUP)
            assert reply.text.startswith(NOT_LINKED), (user.first_name, command, reply.text)

    # Each is still nudged about their own promise; Ana's answer goes to nobody else.
    kept.clock.set(datetime(2026, 6, 10, 21, 0, tzinfo=UTC))
    nudges = {c.chat_id: c for c in kept.sent(await kept.tick())}
    assert set(nudges) == {ANA.id, BEN.id}
    assert "Text Ben when I leave work" in nudges[ANA.id].text
    assert "Walk the dog" in nudges[BEN.id].text
    [nudge] = await kept.nudges(ANA)
    answered = await kept.press(ANA, f"k:{nudge.id}", nudges[ANA.id])
    assert kept.toasts(answered) == ["✅ Kept. Well done."] and kept.sent(answered) == []
    assert [c.text for c in await kept.commitments(ANA)] == ["Text Ben when I leave work"]

    # Both are free to pair again, with each other too.
    assert kept.only_reply(await kept.send(ANA, "/unpair"), ANA.id).text.startswith(
        "You're not paired with anyone right now"
    )
    code = await kept.pair_code(BEN)
    joined = await kept.send(ANA, f"/join {code}")
    assert kept.sent(joined, ANA.id)[0].text.startswith("You and Ben are now paired")


async def test_stay_paired_keeps_the_couple_and_others_cannot_confirm(kept: Kept) -> None:
    await kept.paired(ANA, BEN)
    await kept.start(CARL)
    couple = await kept.couple(ANA)
    assert couple is not None
    ask = kept.only_reply(await kept.send(ANA, "/unpair"), ANA.id)

    # Ben and Carl press Ana's button (forged): refused, nothing changes.
    for user in (BEN, CARL):
        forged = await kept.press(user, f"uy:{couple.id}", chat_id=user.id)
        assert kept.only_toast(forged) == UNPAIR_STALE and kept.sent(forged) == []
    stay = await kept.press(ANA, f"ux:{couple.id}", ask)

    [edit] = kept.edits(stay)
    assert edit.text == "Nothing changed: you're still paired." and edit.buttons == []
    late = await kept.press(ANA, f"uy:{couple.id}", ask)
    assert kept.only_toast(late) == UNPAIR_STALE and kept.sent(late) == []
    assert await kept.couple(ANA) == await kept.couple(BEN) == couple
    assert await kept.pending(ANA) is None


async def test_not_now_pressed_twice_changes_nothing_and_tells_ana_nothing(kept: Kept) -> None:
    await kept.start(ANA, BEN)
    code = await kept.pair_code(ANA)
    before = await kept.snapshot(ANA, BEN, codes=(code,))
    offer = kept.sent(await kept.send(BEN, f"/start join-{code}"), BEN.id)[1]
    join, not_now = offer.callback_data

    first = await kept.press(BEN, not_now, offer)
    second = await kept.press(BEN, not_now, offer)
    late = await kept.press(BEN, join, offer)

    for calls in (first, second):
        [edit] = [c for c in calls if c.method == "editMessageText"]
        assert edit.chat_id == BEN.id and edit.text.startswith("That's all right.")
        assert kept.sent(calls) == []
    assert kept.only_toast(late).startswith("This invitation isn't waiting for an answer")
    # As before the link was opened: the shown invitation is forgotten, nothing else moved.
    assert await kept.snapshot(ANA, BEN, codes=(code,)) == before
    assert await kept.couple(ANA) is None
