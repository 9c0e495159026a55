"""The daily loop: Kept / Missed once, the partner told, 'I noticed' once, /today."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import update

from bot.db.models import NudgeRow
from bot.domain import actions
from bot.domain.errors import AlreadyAnswered, NotAPartner, NotYours, StaleButton
from bot.domain.models import Commitment, Nudge, NudgeStatus, Pending, Person
from bot.domain.nudging import REFLECTION
from bot.domain.ports import Button, Outgoing, Sent
from bot.texts import text
from bot.views.nudges import partner_message
from tests.unit.conftest import MADRID, World, local

GROUP = -1000


async def nudged(
    world: World, owner: Person, words: str = "text you when I'm late"
) -> tuple[Commitment, Nudge]:
    """A 21:00 commitment of `owner`, nudged on 2026-06-10."""
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    commitment = await world.commit(owner, words, time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    await world.dispatcher.tick()
    (nudge,) = world.nudges_of(commitment.id)
    assert nudge.status == NudgeStatus.SENT
    world.clock.advance(minutes=5)
    return commitment, nudge


def original(nudge: Nudge) -> Sent:
    assert nudge.chat_id is not None and nudge.message_id is not None
    return Sent(nudge.chat_id, nudge.message_id)


async def test_kept_edits_the_nudge_and_tells_the_partner_in_the_group(world: World) -> None:
    ana, _ = await world.couple()
    await world.pairing.link(ana, GROUP)
    commitment, nudge = await nudged(world, ana)
    world.messenger.sent.clear()

    answered = await world.nudges.answer(ana, nudge.id, True, original(nudge))

    assert answered.toast == text("en", "answer_kept")
    assert answered.reflection_prompt is None
    row = world.store.nudge(nudge.id)
    assert (row.status, row.answered_at) == (NudgeStatus.KEPT, world.clock.now())
    # The original message is edited in place: no buttons left, the answer shown.
    (edit,) = world.messenger.edits
    assert edit.sent == original(nudge)
    assert edit.message.buttons == ()
    assert "text you when I'm late — ✅ Kept (Wed 10 Jun, 21:05)" in edit.message.text
    # The partner learns it in the couple's group, with an 'I noticed' button.
    (told,) = world.messenger.sent
    assert told.chat_id == GROUP
    assert told.message == Outgoing(
        text("en", "partner_kept", name="Ana", text=commitment.text, date="Wed 10 Jun"),
        ((Button("🤝 I noticed", actions.encode(actions.NOTICED, nudge.id)),),),
    )
    assert (row.partner_chat_id, row.partner_message_id) == (GROUP, told.message_id)
    assert world.fresh(ana).pending is None


async def test_without_a_group_the_partner_is_told_privately(world: World) -> None:
    ana, _ = await world.couple()
    _, nudge = await nudged(world, ana)
    world.messenger.sent.clear()

    await world.nudges.answer(ana, nudge.id, True, original(nudge))

    (told,) = world.messenger.sent
    assert told.chat_id == 202
    assert told.message.text.startswith("✅ Ana kept a promise today")
    assert world.store.nudge(nudge.id).partner_chat_id == 202


async def test_unpaired_owner_answers_without_anyone_told(world: World) -> None:
    ana = await world.person(101, "Ana")
    _, nudge = await nudged(world, ana)
    world.messenger.sent.clear()
    await world.nudges.answer(ana, nudge.id, True, original(nudge))
    assert world.messenger.sent == []
    assert world.store.nudge(nudge.id).status == NudgeStatus.KEPT


async def test_pressing_twice_is_refused_and_changes_nothing(world: World) -> None:
    ana, _ = await world.couple()
    _, nudge = await nudged(world, ana)
    await world.nudges.answer(ana, nudge.id, True, original(nudge))
    after_first = world.store.nudge(nudge.id)
    sent, edits = list(world.messenger.sent), list(world.messenger.edits)
    world.clock.advance(minutes=1)

    with pytest.raises(AlreadyAnswered) as caught:
        await world.nudges.answer(ana, nudge.id, True, original(nudge))
    assert caught.value.params == {"answer": "✅ Kept"}
    with pytest.raises(AlreadyAnswered):
        await world.nudges.answer(ana, nudge.id, False, original(nudge))

    assert world.store.nudge(nudge.id) == after_first
    assert world.messenger.sent == sent and world.messenger.edits == edits
    assert world.fresh(ana).pending is None


async def test_the_partner_cannot_press_the_owners_buttons(world: World) -> None:
    ana, ben = await world.couple()
    _, nudge = await nudged(world, ana)
    sent = list(world.messenger.sent)
    with pytest.raises(NotYours):
        await world.nudges.answer(ben, nudge.id, True, None)
    assert world.store.nudge(nudge.id).status == NudgeStatus.SENT
    assert world.messenger.sent == sent and world.messenger.edits == []


async def test_unknown_nudge_is_stale(world: World) -> None:
    ana = await world.person(101, "Ana")
    with pytest.raises(StaleButton):
        await world.nudges.answer(ana, 424242, True, None)


async def test_answer_on_a_deleted_commitment_is_stale(world: World) -> None:
    ana, _ = await world.couple()
    commitment, nudge = await nudged(world, ana)
    await world.commitments.delete(ana, commitment.id)
    sent = list(world.messenger.sent)
    with pytest.raises(StaleButton):
        await world.nudges.answer(ana, nudge.id, True, original(nudge))
    assert world.store.nudge(nudge.id).status == NudgeStatus.SENT
    assert world.messenger.sent == sent and world.messenger.edits == []


async def test_answers_close_after_the_next_local_day(world: World) -> None:
    ana = await world.person(101, "Ana")
    _, nudge = await nudged(world, ana)
    world.clock.set(local(MADRID, 2026, 6, 12, 0, 0))
    with pytest.raises(StaleButton):
        await world.nudges.answer(ana, nudge.id, True, None)
    assert world.store.nudge(nudge.id).status == NudgeStatus.SENT


async def test_yesterdays_nudge_can_still_be_answered(world: World) -> None:
    ana = await world.person(101, "Ana")
    _, nudge = await nudged(world, ana)
    world.clock.set(local(MADRID, 2026, 6, 11, 23, 59))
    await world.nudges.answer(ana, nudge.id, False, None)
    assert world.store.nudge(nudge.id).status == NudgeStatus.MISSED


async def test_missed_asks_for_a_private_reflection_and_keeps_it(world: World) -> None:
    ana, _ = await world.couple()
    commitment, nudge = await nudged(world, ana)

    answered = await world.nudges.answer(ana, nudge.id, False, original(nudge))

    assert answered.toast == text("en", "answer_missed")
    assert answered.reflection_prompt == text("en", "reflection_prompt", text=commitment.text)
    assert world.store.nudge(nudge.id).status == NudgeStatus.MISSED
    assert world.fresh(ana).pending == Pending(REFLECTION, {"id": nudge.id})
    told = world.messenger.to(202)[-1].message
    assert told.text == f"❌ Ana let you know they missed “{commitment.text}” (Wed 10 Jun)."
    assert [b.label for row in told.buttons for b in row] == ["🤝 Thanks for telling me"]

    reply = await world.nudges.reflect(world.fresh(ana), "  I stayed late and forgot.  ")

    # Saved privately, with the one button that would share it.
    assert reply == Outgoing(
        text("en", "reflection_saved_share"),
        ((Button(text("en", "btn_share"), actions.encode(actions.SHARE_REFLECTION, nudge.id)),),),
    )
    assert world.store.nudge(nudge.id).reflection == "I stayed late and forgot."
    assert world.store.nudge(nudge.id).reflection_shared_at is None
    assert world.fresh(ana).pending is None
    # The reflection is private: it is in no message.
    assert all("forgot" not in m.message.text for m in world.messenger.sent)


CRISIS_REFLECTION = "Sometimes I'm afraid he will hit me"
OWN_WORDS = "I froze when the bill came; next time I'll tell you straight away"


async def reflected(world: World, words: str) -> tuple[Person, Person, Nudge, Outgoing]:
    """Ana and Ben with a linked group; Ana missed her nudge and wrote these words."""
    ana, ben = await world.couple()
    await world.pairing.link(ana, GROUP)
    _, nudge = await nudged(world, ana)
    await world.nudges.answer(ana, nudge.id, False, original(nudge))
    reply = await world.nudges.reflect(world.fresh(ana), words)
    return world.fresh(ana), world.fresh(ben), nudge, reply


def share_reflection_button(nudge: Nudge) -> tuple[tuple[Button, ...], ...]:
    """The one button under a saved reflection."""
    return ((Button(text("en", "btn_share"), actions.encode(actions.SHARE_REFLECTION, nudge.id)),),)


def showing(world: World, words: str) -> list[int]:
    """The chats of every message sent or edited that shows these words."""
    return [m.chat_id for m in world.messenger.sent if words in m.message.text] + [
        e.sent.chat_id for e in world.messenger.edits if words in e.message.text
    ]


async def test_a_reflection_with_crisis_words_is_kept_private_with_no_share_offered(
    world: World,
) -> None:
    ana, _, nudge, reply = await reflected(world, CRISIS_REFLECTION)

    assert reply == Outgoing(text("en", "reflection_kept_private"))
    row = world.store.nudge(nudge.id)
    assert (row.reflection, row.reflection_shared_at) == (CRISIS_REFLECTION, None)
    # Not even a forged share button passes them on.
    with pytest.raises(StaleButton):
        await world.nudges.share_reflection(world.fresh(ana), nudge.id)
    assert world.store.nudge(nudge.id).reflection_shared_at is None
    assert showing(world, CRISIS_REFLECTION) == []
    assert showing(world, "afraid") == []


async def test_everyday_words_get_no_crisis_resources(world: World) -> None:
    _, _, nudge, reply = await reflected(world, "I was busy at the skill workshop with Gunther")
    assert reply == Outgoing(text("en", "reflection_saved_share"), share_reflection_button(nudge))


async def test_a_shared_reflection_reaches_the_partner_privately_and_only_once(
    world: World,
) -> None:
    ana, _, nudge, _ = await reflected(world, OWN_WORDS)
    world.clock.advance(minutes=3)

    toast = await world.nudges.share_reflection(ana, nudge.id)

    assert toast == text("en", "shared_done", name="Ben")
    # To Ben's private chat, never the couple's group.
    assert showing(world, OWN_WORDS) == [202]
    assert world.messenger.to(202)[-1].message == Outgoing(
        text(
            "en",
            "partner_reflection",
            name="Ana",
            text="text you when I'm late",
            words=OWN_WORDS,
        )
    )
    assert world.store.nudge(nudge.id).reflection_shared_at == world.clock.now()

    with pytest.raises(AlreadyAnswered):
        await world.nudges.share_reflection(world.fresh(ana), nudge.id)
    assert showing(world, OWN_WORDS) == [202]


@pytest.mark.parametrize("who", ["partner", "stranger"])
async def test_someone_elses_share_button_is_refused(world: World, who: str) -> None:
    _, ben, nudge, _ = await reflected(world, OWN_WORDS)
    presser = ben if who == "partner" else await world.person(303, "Carl")
    sent_before = len(world.messenger.sent)

    with pytest.raises(NotYours):
        await world.nudges.share_reflection(presser, nudge.id)

    assert len(world.messenger.sent) == sent_before
    assert showing(world, OWN_WORDS) == []
    assert world.store.nudge(nudge.id).reflection_shared_at is None


async def test_sharing_an_unknown_or_unwritten_reflection_is_stale(world: World) -> None:
    ana, _ = await world.couple()
    _, nudge = await nudged(world, ana)
    await world.nudges.answer(ana, nudge.id, False, original(nudge))
    await world.nudges.skip_reflection(world.fresh(ana))
    sent_before = len(world.messenger.sent)

    for nudge_id in (nudge.id, 999):
        with pytest.raises(StaleButton):
            await world.nudges.share_reflection(world.fresh(ana), nudge_id)

    assert len(world.messenger.sent) == sent_before


async def test_skipping_the_reflection_stores_nothing(world: World) -> None:
    ana = await world.person(101, "Ana")
    _, nudge = await nudged(world, ana)
    await world.nudges.answer(ana, nudge.id, False, None)
    assert await world.nudges.skip_reflection(world.fresh(ana)) == text("en", "reflection_skipped")
    assert world.store.nudge(nudge.id).reflection is None
    assert world.fresh(ana).pending is None


async def test_partner_notices_once_and_the_owner_is_told(world: World) -> None:
    ana, ben = await world.couple()
    await world.pairing.link(ana, GROUP)
    commitment, nudge = await nudged(world, ana)
    await world.nudges.answer(ana, nudge.id, True, original(nudge))
    told = world.messenger.to(GROUP)[-1]
    world.clock.advance(minutes=30)

    thanks = await world.nudges.notice(ben, nudge.id)

    assert thanks == text("en", "noticed_thanks", name="Ana")
    row = world.store.nudge(nudge.id)
    assert row.noticed_at == world.clock.now()
    assert world.messenger.current(told.ref) == partner_message(
        ana, "en", row, commitment.text, "Ben"
    )
    assert world.messenger.current(told.ref).buttons == ()
    owner_note = world.messenger.to(101)[-1]
    assert owner_note.message.text == text(
        "en", "noticed_you", partner="Ben", text=commitment.text, date="Wed 10 Jun"
    )

    sent, edits = list(world.messenger.sent), list(world.messenger.edits)
    world.clock.advance(minutes=1)
    with pytest.raises(AlreadyAnswered):
        await world.nudges.notice(ben, nudge.id)
    assert world.store.nudge(nudge.id).noticed_at == row.noticed_at
    assert world.messenger.sent == sent and world.messenger.edits == edits


async def test_noticed_before_the_partner_message_is_recorded_edits_the_pressed_one(
    world: World,
) -> None:
    """Ben presses "🤝 I noticed" the moment Ana's news arrives, before its message is
    recorded: the message he pressed shows it, without the button."""
    ana, ben = await world.couple()
    await world.pairing.link(ana, GROUP)
    commitment, nudge = await nudged(world, ana)
    await world.nudges.answer(ana, nudge.id, True, original(nudge))
    told = world.messenger.to(GROUP)[-1]
    # As if the news were on the phone, not yet recorded.
    await world.write(
        update(NudgeRow)
        .where(NudgeRow.id == nudge.id)
        .values(partner_chat_id=None, partner_message_id=None)
    )

    await world.nudges.notice(ben, nudge.id, told.ref)

    row = world.store.nudge(nudge.id)
    assert world.messenger.current(told.ref) == partner_message(
        ana, "en", row, commitment.text, "Ben"
    )
    assert world.messenger.current(told.ref).buttons == ()


async def test_a_stranger_cannot_notice(world: World) -> None:
    ana, _ = await world.couple()
    carl, _ = await world.couple((303, "Carl"), (404, "Dana"))
    eve = await world.person(505, "Eve")
    _, nudge = await nudged(world, ana)
    await world.nudges.answer(ana, nudge.id, True, original(nudge))
    sent = list(world.messenger.sent)
    for stranger in (carl, eve):
        with pytest.raises(NotAPartner):
            await world.nudges.notice(stranger, nudge.id)
    assert world.store.nudge(nudge.id).noticed_at is None
    assert world.messenger.sent == sent


async def test_the_owner_cannot_notice_their_own_answer(world: World) -> None:
    ana, _ = await world.couple()
    _, nudge = await nudged(world, ana)
    await world.nudges.answer(ana, nudge.id, True, original(nudge))
    with pytest.raises(NotYours):
        await world.nudges.notice(ana, nudge.id)
    assert world.store.nudge(nudge.id).noticed_at is None


async def test_an_unanswered_nudge_cannot_be_noticed(world: World) -> None:
    ana, ben = await world.couple()
    _, nudge = await nudged(world, ana)
    with pytest.raises(StaleButton):
        await world.nudges.notice(ben, nudge.id)
    with pytest.raises(StaleButton):
        await world.nudges.notice(ben, 424242)


async def test_answering_one_of_a_bundle_keeps_the_other_buttons(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    dishes = await world.commit(ana, "do the dishes", time(21))
    walk = await world.commit(ana, "walk the dog", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    await world.dispatcher.tick()
    (dishes_nudge,) = world.nudges_of(dishes.id)
    (walk_nudge,) = world.nudges_of(walk.id)

    await world.nudges.answer(ana, dishes_nudge.id, True, original(dishes_nudge))

    view = world.messenger.current(original(dishes_nudge))
    assert view.buttons == (
        (
            Button("✅ Kept · walk the dog", f"k:{walk_nudge.id}"),
            Button("❌ Missed · walk the dog", f"m:{walk_nudge.id}"),
            Button("⏰ Ask again in 1 h", f"z:{walk_nudge.id}"),
        ),
    )
    assert "do the dishes — ✅ Kept" in view.text
    assert world.store.nudge(walk_nudge.id).status == NudgeStatus.SENT


async def test_today_lists_todays_and_yesterdays_open_nudges(world: World) -> None:
    ana = await world.person(101, "Ana")
    commitment, yesterday = await nudged(world, ana, "call mum")
    world.clock.set(local(MADRID, 2026, 6, 11, 21, 0))
    await world.dispatcher.tick()
    todays = [n for n in world.nudges_of(commitment.id) if n.local_date == date(2026, 6, 11)]
    (today,) = todays
    world.clock.set(local(MADRID, 2026, 6, 11, 21, 30))
    later = await world.commit(ana, "read together", time(23))

    shown = await world.nudges.today(world.fresh(ana))

    assert shown.text.splitlines() == [
        text("en", "today_header", date="Thu 11 Jun"),
        "• call mum",
        text("en", "today_later", text="read together", time="23:00"),
        "",
        text("en", "today_yesterday_header", date="Wed 10 Jun"),
        "• call mum",
    ]
    assert shown.buttons == (
        (
            Button("✅ Kept · call mum", f"k:{today.id}"),
            Button("❌ Missed · call mum", f"m:{today.id}"),
            Button("⏰ Ask again in 1 h", f"z:{today.id}"),
        ),
        (
            Button("✅ Kept · call mum", f"k:{yesterday.id}"),
            Button("❌ Missed · call mum", f"m:{yesterday.id}"),
            Button("⏰ Ask again in 1 h", f"z:{yesterday.id}"),
        ),
    )
    assert later.next_local_date == date(2026, 6, 11)

    # Answering yesterday's from the /today message refreshes both messages.
    pressed = await world.messenger.send(101, shown)
    await world.nudges.answer(world.fresh(ana), yesterday.id, True, pressed)
    assert [e.sent for e in world.messenger.edits] == [original(yesterday), pressed]
    refreshed = world.messenger.current(pressed)
    assert text("en", "today_yesterday_header", date="Wed 10 Jun") not in refreshed.text
    assert refreshed.buttons == (
        (
            Button("✅ Kept", f"k:{today.id}"),
            Button("❌ Missed", f"m:{today.id}"),
            Button("⏰ Ask again in 1 h", f"z:{today.id}"),
        ),
    )


async def test_today_without_anything(world: World) -> None:
    ana = await world.person(101, "Ana")
    assert await world.nudges.today(ana) == Outgoing(text("en", "today_none"))


async def test_today_shows_answered_skipped_and_failed_without_buttons(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 8, 0))
    kept = await world.commit(ana, "morning text", time(9))
    blocked = await world.commit(ana, "lunch call", time(13))
    world.clock.set(local(MADRID, 2026, 6, 10, 9, 0))
    await world.dispatcher.tick()
    (kept_nudge,) = world.nudges_of(kept.id)
    await world.nudges.answer(ana, kept_nudge.id, True, None)
    world.messenger.block(101)
    world.clock.set(local(MADRID, 2026, 6, 10, 13, 0))
    await world.dispatcher.tick()
    world.messenger.unblock(101)
    world.clock.advance(minutes=1)

    shown = await world.nudges.today(world.fresh(ana))

    assert shown.text.splitlines() == [
        text("en", "today_header", date="Wed 10 Jun"),
        "• morning text — ✅ Kept (Wed 10 Jun, 09:00)",
        text("en", "today_failed", text="lunch call"),
    ]
    assert shown.buttons == ()
    assert world.nudges_of(blocked.id)[0].status == NudgeStatus.FAILED


async def test_today_offers_no_button_for_a_deleted_commitment(world: World) -> None:
    ana = await world.person(101, "Ana")
    commitment, nudge = await nudged(world, ana, "call mum")
    await world.commitments.delete(ana, commitment.id)
    shown = await world.nudges.today(world.fresh(ana))
    assert shown == Outgoing(text("en", "today_none"))
    assert world.store.nudge(nudge.id).status == NudgeStatus.SENT  # history stays


async def test_a_failed_edit_does_not_undo_the_answer(world: World) -> None:
    ana, _ = await world.couple()
    _, nudge = await nudged(world, ana)
    gone = Sent(101, 999)  # a /today message the messenger no longer knows
    await world.nudges.answer(ana, nudge.id, True, gone)
    assert world.store.nudge(nudge.id).status == NudgeStatus.KEPT
    assert [e.sent for e in world.messenger.edits] == [original(nudge)]


async def test_a_press_before_the_send_is_recorded_answers_and_edits_the_pressed_message(
    world: World,
) -> None:
    ana, _ = await world.couple()
    _, nudge = await nudged(world, ana)
    on_phone = original(nudge)
    # The message is on the phone, its send not yet committed.
    await world.write(
        update(NudgeRow)
        .where(NudgeRow.id == nudge.id)
        .values(status=NudgeStatus.SENDING.value, chat_id=None, message_id=None)
    )

    await world.nudges.answer(ana, nudge.id, True, on_phone)

    assert world.store.nudge(nudge.id).status == NudgeStatus.KEPT
    (edit,) = world.messenger.edits
    assert edit.sent == on_phone
    assert "✅ Kept" in edit.message.text and edit.message.buttons == ()
