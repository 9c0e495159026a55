"""The check-in asked privately: with no group, in a group where a choice is seen by all (Signal),
or for a couple who share no group (one partner on each transport); one question at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain import actions
from bot.domain.checkin_rules import CheckinMode, Choice, decode_choice
from bot.domain.checkins import WORDS, CheckinService
from bot.domain.errors import NotAPartner
from bot.domain.models import Checkin, Pending, Person
from bot.domain.ports import Outgoing, Sent, TryLater
from bot.texts import text
from tests.fakes import PNG_SIGNATURE, RecordingMessenger, SentMessage
from tests.unit.conftest import World

GROUP = -4000
ANA, BEN = 101, 202
ANA_WORDS = "ANA-LIKED-THE-TEA"
RATINGS = ("1", "2", "3", "4", "5")
PROGRESS = ("Yes", "A little", "Not yet")


def intro(language: str, question: str, week: int = 24) -> str:
    """The first private message: what this is, then the question."""
    return f"{text(language, 'checkin_private_intro', week=week)}\n\n{text(language, question)}"


def reveal_header() -> str:
    return text("en", "reveal_header", week=999).split("999")[0]


async def couple(world: World, *, spanish_ben: bool = False) -> tuple[Person, Person]:
    """Ana and Ben, paired, no group; Ben may read Spanish."""
    ana, ben = await world.couple()
    if spanish_ben:
        await world.people.set_language(ben, "es")
    return world.fresh(ana), world.fresh(ben)


async def in_group(world: World, *, public_choices: bool) -> tuple[Person, Person]:
    """Ana and Ben with their group linked; in a Signal group a choice is seen by all."""
    ana, ben = await couple(world)
    if public_choices:
        world.messenger.make_choices_public(GROUP)
    await world.pairing.link(ana, GROUP)
    world.messenger.sent.clear()
    return world.fresh(ana), world.fresh(ben)


def last_question(world: World, chat_id: int) -> SentMessage:
    """The latest message with choices in a person's own chat."""
    return [m for m in world.messenger.to(chat_id) if m.message.buttons][-1]


async def pick(world: World, person: Person, label: str) -> str:
    """Pick a choice of the latest question in the person's own chat, as a transport would."""
    assert person.chat_id is not None
    message = last_question(world, person.chat_id).message
    (button,) = [b for row in message.buttons for b in row if b.label == label]
    action = actions.decode(button.action)
    assert action is not None and action.verb == actions.CHECKIN
    choice = decode_choice(str(action.arg))
    assert choice is not None
    return await world.checkins.choose(world.fresh(person), choice)


async def answer_all(world: World, person: Person, trust: str, progress: str, safety: str) -> None:
    """Three choices one after the other, then both open questions skipped."""
    for label in (trust, progress, safety):
        await pick(world, person, label)
    await world.checkins.got_words(world.fresh(person), None)
    await world.checkins.got_words(world.fresh(person), None)


def only_checkin(world: World) -> Checkin:
    (checkin,) = world.store.checkin_rows()
    return world.store.checkins[checkin.id]


def texts_to(world: World, chat_id: int) -> list[str]:
    return [m.message.text for m in world.messenger.to(chat_id)]


def reveals_to(world: World, chat_id: int) -> list[str]:
    return [t for t in texts_to(world, chat_id) if t.startswith(reveal_header())]


# -- no group ----------------------------------------------------------------------------


async def test_without_a_group_each_partner_gets_the_first_question_in_their_language(
    world: World,
) -> None:
    ana, _ = await couple(world, spanish_ben=True)

    assert await world.checkins.open_now(ana) == CheckinMode.PRIVATE

    checkin = only_checkin(world)
    assert checkin.chat_id is None and checkin.message_id is None
    (to_ana,) = world.messenger.to(ANA)
    (to_ben,) = world.messenger.to(BEN)
    assert to_ana.message.text == intro("en", "q_trust")
    assert to_ben.message.text == intro("es", "q_trust")
    assert [[b.label for b in row] for row in to_ana.message.buttons] == [list(RATINGS)]
    (row,) = to_ana.message.buttons
    decoded = [actions.decode(b.action) for b in row]
    chosen = [decode_choice(str(a.arg)) for a in decoded if a is not None]
    assert chosen == [Choice(checkin.id, "trust", v) for v in range(1, 6)]
    assert {m.chat_id for m in world.messenger.sent} == {ANA, BEN}


async def test_the_questions_come_one_at_a_time_in_order_then_the_words(world: World) -> None:
    ana, _ = await couple(world)
    await world.checkins.open_now(ana)
    checkin = only_checkin(world)

    # The next question acknowledges the choice: no note comes after it.
    assert await pick(world, ana, "4") == ""
    progress = world.messenger.to(ANA)[-1].message
    assert progress.text == text("en", "q_progress")
    assert [b.label for b in progress.buttons[0]] == list(PROGRESS)
    assert await pick(world, ana, "A little") == ""
    safety = world.messenger.to(ANA)[-1].message
    assert safety.text == f"{text('en', 'q_safety')}\n{text('en', 'q_safety_private')}"
    assert [b.label for b in safety.buttons[0]] == list(RATINGS)
    assert await pick(world, ana, "5") == ""

    assert texts_to(world, ANA)[-1] == text("en", "checkin_words_q1")
    assert world.fresh(ana).pending == Pending(WORDS, {"id": checkin.id, "q": 1})
    (answer,) = world.store.answers_of(checkin.id)
    assert (answer.trust, answer.progress, answer.safety) == (4, "little", 5)
    assert len(world.messenger.to(ANA)) == 4
    # Ben saw nothing but his own first question.
    assert texts_to(world, BEN) == [intro("en", "q_trust")]


async def test_without_a_group_the_reveal_and_chart_go_to_both_private_chats(
    world: World,
) -> None:
    ana, ben = await couple(world)
    await world.checkins.open_now(ana)
    checkin = only_checkin(world)
    await answer_all(world, ana, "2", "Not yet", "3")
    assert reveals_to(world, ANA) == [] and world.messenger.photos == []

    await answer_all(world, ben, "5", "Yes", "4")

    (to_ana,) = reveals_to(world, ANA)
    (to_ben,) = reveals_to(world, BEN)
    assert to_ana == to_ben
    lines = to_ana.splitlines()
    trust = lines[lines.index(text("en", "q_trust")) + 1]
    assert "Ana: 2" in trust and "Ben: 5" in trust
    assert sorted(p.chat_id for p in world.messenger.photos) == [ANA, BEN]
    assert all(p.png.startswith(PNG_SIGNATURE) for p in world.messenger.photos)
    assert world.store.checkins[checkin.id].closed_at == world.clock.now()
    assert world.messenger.edits == []


async def test_without_a_group_each_partner_reads_the_reveal_in_their_own_language(
    world: World,
) -> None:
    ana, ben = await couple(world, spanish_ben=True)
    await world.checkins.open_now(ana)
    await answer_all(world, ana, "2", "Not yet", "3")

    await answer_all(world, world.fresh(ben), "5", "Sí", "4")

    (to_ana,) = reveals_to(world, ANA)
    spanish_header = text("es", "reveal_header", week=999).split("999")[0]
    (to_ben,) = [t for t in texts_to(world, BEN) if t.startswith(spanish_header)]
    assert text("en", "q_trust") in to_ana and text("es", "q_trust") in to_ben
    assert [c.title for c in world.charts.calls] == [
        text("en", "chart_title"),
        text("es", "chart_title"),
    ]
    captions = {p.chat_id: p.caption for p in world.messenger.photos}
    assert captions == {ANA: text("en", "chart_caption"), BEN: text("es", "chart_caption")}


async def test_the_scheduled_slot_opens_a_private_checkin_without_a_group(world: World) -> None:
    ana, _ = await couple(world)
    assert ana.couple_id is not None
    slot = world.store.slot(ana.couple_id)
    assert slot.next_at is not None
    world.clock.set(slot.next_at)

    assert await world.checkins.open_due() == 1

    assert texts_to(world, ANA) == [intro("en", "q_trust")]
    assert texts_to(world, BEN) == [intro("en", "q_trust")]


# -- a group where a choice is seen by all --------------------------------------------------


async def test_in_a_signal_group_the_group_gets_an_announcement_and_the_questions_go_private(
    world: World,
) -> None:
    ana, _ = await in_group(world, public_choices=True)

    assert await world.checkins.open_now(ana) == CheckinMode.PRIVATE

    checkin = only_checkin(world)
    (posted,) = world.messenger.to(GROUP)
    assert (checkin.chat_id, checkin.message_id) == (GROUP, posted.message_id)
    announce = text("en", "checkin_announce", week=24)
    assert posted.message == Outgoing(f"{announce}\n\n⏳ Ana · ⏳ Ben")
    assert texts_to(world, ANA) == [intro("en", "q_trust")]
    assert texts_to(world, BEN) == [intro("en", "q_trust")]


async def test_in_a_signal_group_nothing_of_the_answers_shows_before_the_reveal(
    world: World,
) -> None:
    ana, ben = await in_group(world, public_choices=True)
    await world.checkins.open_now(ana)
    checkin = only_checkin(world)
    posted = Sent(GROUP, world.messenger.to(GROUP)[0].message_id)
    announce = text("en", "checkin_announce", week=24)

    for label in ("2", "Not yet", "3"):
        await pick(world, ana, label)
    await world.checkins.got_words(world.fresh(ana), ANA_WORDS)
    await world.checkins.got_words(world.fresh(ana), None)
    await world.checkins.decide_share(world.fresh(ana), checkin.id, False)
    for label in ("5", "Yes"):
        await pick(world, ben, label)

    # The group saw one announcement, edited once: Ana has answered. Nothing else.
    assert world.messenger.current(posted) == Outgoing(f"{announce}\n\n✅ Ana · ⏳ Ben")
    assert [e.message.text.splitlines()[-1] for e in world.messenger.edits] == ["✅ Ana · ⏳ Ben"]
    assert len(world.messenger.to(GROUP)) == 1 and world.messenger.photos == []
    # Each private chat saw only its own questions.
    private = {
        intro("en", "q_trust"),
        text("en", "q_progress"),
        f"{text('en', 'q_safety')}\n{text('en', 'q_safety_private')}",
        text("en", "checkin_words_q1"),
        text("en", "checkin_words_q2"),
        text("en", "checkin_share_question"),
    }
    for chat in (ANA, BEN):
        assert set(texts_to(world, chat)) <= private
    assert all(not m.message.buttons for m in world.messenger.to(GROUP))

    await pick(world, ben, "4")
    await world.checkins.got_words(world.fresh(ben), None)
    await world.checkins.got_words(world.fresh(ben), None)

    (reveal,) = reveals_to(world, GROUP)
    assert "Ana: 2" in reveal and "Ben: 5" in reveal and ANA_WORDS not in reveal
    (photo,) = world.messenger.photos
    assert photo.chat_id == GROUP
    assert reveals_to(world, ANA) == [] and reveals_to(world, BEN) == []
    assert world.messenger.current(posted) == Outgoing(text("en", "checkin_closed_header"))


async def test_a_signal_group_does_not_get_the_words_link(world: World) -> None:
    ana, _ = await in_group(world, public_choices=True)
    await world.checkins.open_now(ana)

    shown = [m.message for m in world.messenger.sent]

    assert all(b.url is None for m in shown for row in m.buttons for b in row)


# -- a couple who share no group -------------------------------------------------------------


async def test_a_partner_outside_the_group_makes_the_checkin_private_and_the_reveal_too(
    world: World,
) -> None:
    ana, ben = await in_group(world, public_choices=False)
    # Ben is on the other transport: he is not in Ana's group.
    world.messenger.set_member(GROUP, BEN, False)

    assert await world.checkins.open_now(ana) == CheckinMode.PRIVATE

    assert world.messenger.to(GROUP) == []
    assert only_checkin(world).chat_id is None
    await answer_all(world, ana, "3", "Yes", "4")
    await answer_all(world, ben, "4", "A little", "4")

    assert world.messenger.to(GROUP) == []
    assert len(reveals_to(world, ANA)) == 1 and len(reveals_to(world, BEN)) == 1
    assert sorted(p.chat_id for p in world.messenger.photos) == [ANA, BEN]


# -- the group, as it always was ------------------------------------------------------------


async def test_a_group_with_private_choices_and_both_partners_keeps_the_group_checkin(
    world: World,
) -> None:
    ana, _ = await in_group(world, public_choices=False)

    assert await world.checkins.open_now(ana) == CheckinMode.GROUP

    (posted,) = world.messenger.to(GROUP)
    assert posted.message.text.startswith(text("en", "checkin_header", week=24))
    # Trust and progress under the group's message, and the link for words; never safety.
    assert len(posted.message.buttons) == 3
    assert text("en", "q_safety") not in posted.message.text
    (to_ana,) = world.messenger.to(ANA)
    (to_ben,) = world.messenger.to(BEN)
    for asked in (to_ana, to_ben):
        assert asked.message.text.startswith(text("en", "checkin_safety_intro", week=24))
    checkin = only_checkin(world)
    # A choice under the group message asks nothing more privately, and says it is noted.
    toast = await world.checkins.choose(world.fresh(ana), Choice(checkin.id, "trust", 3))
    assert toast == text("en", "checkin_noted")
    assert world.messenger.to(ANA) == [to_ana]


class FlakyMembership(RecordingMessenger):
    """A transport whose membership question fails."""

    async def is_member(self, chat_id: int, user_id: int) -> bool:
        raise TryLater(None)


async def test_a_failed_membership_check_keeps_the_group_checkin(world: World) -> None:
    ana, _ = await in_group(world, public_choices=False)
    flaky = FlakyMembership()
    checkins = CheckinService(world.uow, world.clock, flaky, world.charts)

    assert await checkins.open_now(ana) == CheckinMode.GROUP

    (posted,) = flaky.to(GROUP)
    assert len(posted.message.buttons) == 3
    # Only the safety question, which is never asked in the group.
    assert len(flaky.to(ANA)) == 1 and len(flaky.to(BEN)) == 1


# -- presses twice, out of order, by others ----------------------------------------------------


async def test_a_choice_pressed_twice_asks_the_next_question_once(world: World) -> None:
    ana, _ = await couple(world)
    await world.checkins.open_now(ana)
    checkin = only_checkin(world)
    first = last_question(world, ANA).message
    trust_3 = Choice(checkin.id, "trust", 3)

    await world.checkins.choose(world.fresh(ana), trust_3)
    # The same press again, and a change of mind on the first question's message.
    assert await world.checkins.choose(world.fresh(ana), trust_3) == text("en", "checkin_noted")
    await world.checkins.choose(world.fresh(ana), Choice(checkin.id, "trust", 4))

    assert texts_to(world, ANA) == [first.text, text("en", "q_progress")]
    (answer,) = world.store.answers_of(checkin.id)
    assert (answer.trust, answer.progress, answer.safety) == (4, None, None)


async def test_a_choice_out_of_order_asks_the_first_question_still_unanswered(
    world: World,
) -> None:
    ana, _ = await couple(world)
    await world.checkins.open_now(ana)
    checkin = only_checkin(world)

    # Safety first (a forged or old message): the next question is still trust.
    await world.checkins.choose(world.fresh(ana), Choice(checkin.id, "safety", 2))
    assert texts_to(world, ANA)[-1] == text("en", "q_trust")
    await world.checkins.choose(world.fresh(ana), Choice(checkin.id, "trust", 5))
    assert texts_to(world, ANA)[-1] == text("en", "q_progress")
    await world.checkins.choose(world.fresh(ana), Choice(checkin.id, "progress", "yes"))
    sent = len(world.messenger.to(ANA))
    assert texts_to(world, ANA)[-1] == text("en", "checkin_words_q1")

    # All three are done: a late press on any question sends nothing.
    for again in (Choice(checkin.id, "safety", 3), Choice(checkin.id, "progress", "notyet")):
        await world.checkins.choose(world.fresh(ana), again)
    assert len(world.messenger.to(ANA)) == sent
    (answer,) = world.store.answers_of(checkin.id)
    assert (answer.trust, answer.progress, answer.safety) == (5, "notyet", 3)


async def test_a_stranger_cannot_answer_a_private_question(world: World) -> None:
    ana, _ = await couple(world)
    await world.checkins.open_now(ana)
    checkin = only_checkin(world)
    carl = await world.person(303, "Carl")

    with pytest.raises(NotAPartner):
        await world.checkins.choose(carl, Choice(checkin.id, "trust", 1))

    assert world.store.answers == [] and world.messenger.to(303) == []


# -- the reminder ---------------------------------------------------------------------------


async def test_the_private_reminder_is_the_next_question_itself(world: World) -> None:
    ana, ben = await couple(world, spanish_ben=True)
    await world.checkins.open_now(ana)
    await answer_all(world, ana, "3", "Yes", "4")
    await pick(world, ben, "2")
    ana_before = len(world.messenger.to(ANA))

    world.clock.advance(hours=24)
    assert await world.checkins.remind_due() == 1

    reminder = world.messenger.to(BEN)[-1].message
    assert reminder.text == intro("es", "q_progress")
    assert [b.label for b in reminder.buttons[0]] == [
        text("es", f"progress_{c}") for c in ("yes", "little", "notyet")
    ]
    assert len(world.messenger.to(ANA)) == ana_before
    world.clock.advance(timedelta(hours=1))
    assert await world.checkins.remind_due() == 0
