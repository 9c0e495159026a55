"""The weekly check-in: slots, opening once per ISO week, private answers, reveal, follow-up."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain import actions
from bot.domain.checkin_rules import (
    CheckinMode,
    Choice,
    decode_choice,
    encode_choice,
    next_slot,
    parse_weekday,
)
from bot.domain.checkins import WORDS, CheckinService
from bot.domain.errors import (
    CheckinAlreadyOpen,
    CheckinDone,
    InvalidTime,
    InvalidWeekday,
    NotAPartner,
    NotPaired,
    StaleButton,
)
from bot.domain.helplines import resources_for
from bot.domain.models import Checkin, CheckinSlot, NudgeStatus, Pending, Person
from bot.domain.ports import Button, Outgoing, Sent
from bot.texts import text
from bot.views.safety import individual_support, low_safety_reply
from tests.fakes import PNG_SIGNATURE, SentMessage
from tests.unit.conftest import MADRID, NEW_YORK, World, daily_score, local

GROUP = -4000
# Week 24 of 2026 runs from Monday 8 June to Sunday 14 June.
SLOT = local(MADRID, 2026, 6, 14, 19, 0)
SUNDAY_19_UTC = datetime(2026, 6, 14, 17, 0, tzinfo=UTC)
NEXT_SUNDAY_19_UTC = datetime(2026, 6, 21, 17, 0, tzinfo=UTC)
ANA_WORDS = ("ANA-LIKED-THE-TEA", "ANA-WISHES-FOR-WALKS")
BEN_WORDS = ("BEN-LIKED-THE-NOTES", "BEN-WISHES-FOR-CALLS")
STATUS = re.compile(r"^[✅⏳] Ana · [✅⏳] Ben$")


async def linked(world: World) -> tuple[Person, Person]:
    """Ana and Ben, paired, with their group linked."""
    ana, ben = await world.couple()
    await world.pairing.link(ana, GROUP)
    world.messenger.sent.clear()
    return world.fresh(ana), world.fresh(ben)


async def opened(world: World) -> tuple[Person, Person, Checkin]:
    """A linked couple whose week-24 check-in the tick opened at the Sunday slot."""
    ana, ben = await linked(world)
    world.clock.set(SLOT)
    assert await world.checkins.open_due() == 1
    (checkin,) = world.store.checkin_rows()
    return ana, ben, checkin


def group_message(world: World, checkin: Checkin) -> Outgoing:
    """The check-in message in the group as it reads now."""
    fresh = world.store.checkins[checkin.id]
    assert fresh.chat_id == GROUP and fresh.message_id is not None
    return world.messenger.current(Sent(fresh.chat_id, fresh.message_id))


async def press(world: World, person: Person, checkin: Checkin, row: int, label: str) -> str:
    """Press a button of the group message, as the transport would pass it on."""
    message = group_message(world, checkin)
    (button,) = [b for b in message.buttons[row] if b.label == label]
    action = actions.decode(button.action)
    assert action is not None and action.verb == actions.CHECKIN
    choice = decode_choice(str(action.arg))
    assert choice is not None
    return await world.checkins.choose(world.fresh(person), choice)


async def choices(
    world: World, person: Person, checkin: Checkin, trust: int, progress: str, safety: int
) -> None:
    """Answer trust and progress through the group's buttons, and safety in private."""
    await press(world, person, checkin, 0, str(trust))
    await press(world, person, checkin, 1, progress)
    await press_safety(world, person, checkin, safety)


def safety_question(world: World, person: Person, checkin: Checkin) -> Outgoing:
    """The safety question as the person's own chat last received it (never the group)."""
    asked = [
        m.message
        for m in world.messenger.to(int(person.chat_id or 0))
        if any(_safety_choice(b, checkin) for row in m.message.buttons for b in row)
    ]
    assert asked, "the safety question was not asked in private"
    return asked[-1]


def _safety_choice(button: Button, checkin: Checkin) -> bool:
    action = actions.decode(button.action)
    choice = decode_choice(str(action.arg)) if action and action.verb == actions.CHECKIN else None
    return choice is not None and choice.question == "safety" and choice.checkin_id == checkin.id


async def press_safety(world: World, person: Person, checkin: Checkin, safety: int) -> str:
    """Press a rating under the private safety question."""
    question = safety_question(world, person, checkin)
    (button,) = [b for row in question.buttons for b in row if b.label == str(safety)]
    action = actions.decode(button.action)
    assert action is not None
    choice = decode_choice(str(action.arg))
    assert choice is not None
    return await world.checkins.choose(world.fresh(person), choice)


async def words(
    world: World,
    person: Person,
    first: str | None,
    second: str | None,
    *,
    share: bool | None = None,
) -> Outgoing:
    """Answer (or skip, with None) the two open questions privately; the last reply.

    With `share`, the author then presses Share (True) or Keep private (False) on that reply.
    """
    await world.checkins.got_words(world.fresh(person), first)
    last = await world.checkins.got_words(world.fresh(person), second)
    if share is not None:
        await decide(world, person, last, share)
    return last


async def decide(world: World, person: Person, question: Outgoing, share: bool) -> str:
    """Press Share or Keep private on the share question, as the transport would pass it on."""
    label = text("en", "btn_share" if share else "btn_keep_private")
    (button,) = [b for row in question.buttons for b in row if b.label == label]
    action = actions.decode(button.action)
    assert action is not None and action.verb in (actions.SHARE_WORDS, actions.KEEP_WORDS)
    shared = action.verb == actions.SHARE_WORDS
    return await world.checkins.decide_share(world.fresh(person), int(action.arg), shared)


def share_question(checkin: Checkin) -> Outgoing:
    """The private question whether the words go into the reveal."""
    return Outgoing(
        text("en", "checkin_share_question"),
        (
            (
                Button(text("en", "btn_share"), actions.encode(actions.SHARE_WORDS, checkin.id)),
                Button(
                    text("en", "btn_keep_private"), actions.encode(actions.KEEP_WORDS, checkin.id)
                ),
            ),
        ),
    )


def reveal_texts(world: World) -> list[str]:
    """The reveal messages sent to the group, of any week."""
    header = text("en", "reveal_header", week=999).split("999")[0]
    return [m.message.text for m in world.messenger.to(GROUP) if m.message.text.startswith(header)]


# -- slots --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "day"),
    [("mon", 0), ("Tuesday", 1), ("WED", 2), ("thu.", 3), (" friday ", 4), ("sat", 5), ("Sun", 6)],
)
def test_weekday_names_and_abbreviations(word: str, day: int) -> None:
    assert parse_weekday(word) == day


@pytest.mark.parametrize(
    ("word", "day"),
    [
        ("lun", 0),
        ("Martes", 1),
        ("mié", 2),
        ("mie", 2),
        ("MIÉRCOLES", 2),
        ("miercoles", 2),
        ("jue.", 3),
        (" viernes ", 4),
        ("sáb", 5),
        ("sabado", 5),
        ("Dom", 6),
        ("domingo", 6),
    ],
)
def test_spanish_weekday_names_with_or_without_accents(word: str, day: int) -> None:
    assert parse_weekday(word) == day


@pytest.mark.parametrize("word", ["", "sunday-ish", "7", "dimanche", "mo", "miérc"])
def test_unknown_weekdays_are_refused(word: str) -> None:
    with pytest.raises(InvalidWeekday):
        parse_weekday(word)


async def test_set_slot_stores_the_day_time_zone_and_next_instant(world: World) -> None:
    ana, _ = await world.couple()

    day, at = await world.checkins.set_slot(ana, "Wednesday", "20:30")

    assert (day, at) == (2, time(20, 30))
    assert ana.couple_id is not None
    # Wednesday 06:00 UTC is 08:00 in Madrid: today's 20:30 is still to come.
    expected = local(MADRID, 2026, 6, 10, 20, 30).astimezone(UTC)
    assert world.store.slot(ana.couple_id) == CheckinSlot(2, time(20, 30), MADRID, expected)


@pytest.mark.parametrize(
    ("weekday", "at", "error"),
    [
        ("someday", "19:00", InvalidWeekday),
        ("sun", "25:00", InvalidTime),
        ("sun", "7pm", InvalidTime),
    ],
)
async def test_a_bad_slot_changes_nothing(
    world: World, weekday: str, at: str, error: type[Exception]
) -> None:
    ana, _ = await world.couple()
    assert ana.couple_id is not None
    before = world.store.slot(ana.couple_id)

    with pytest.raises(error):
        await world.checkins.set_slot(ana, weekday, at)

    assert world.store.slot(ana.couple_id) == before


async def test_setting_a_slot_needs_a_couple(world: World) -> None:
    alone = await world.person(303, "Carl")
    with pytest.raises(NotPaired):
        await world.checkins.set_slot(alone, "sun", "19:00")


def test_next_slot_keeps_local_time_across_the_autumn_change() -> None:
    slot = CheckinSlot(6, time(19), MADRID, None)
    # Madrid leaves summer time on Sunday 25 October 2026.
    before = next_slot(slot, MADRID, local(MADRID, 2026, 10, 12, 12))
    after = next_slot(slot, MADRID, local(MADRID, 2026, 10, 19, 12))

    assert before == datetime(2026, 10, 18, 17, 0, tzinfo=UTC)
    assert after == datetime(2026, 10, 25, 18, 0, tzinfo=UTC)
    assert after.astimezone(ZoneInfo(MADRID)).time() == time(19)


def test_next_slot_inside_the_skipped_hour_comes_at_the_end_of_the_gap() -> None:
    slot = CheckinSlot(6, time(2, 30), MADRID, None)
    # 02:30 does not exist in Madrid on Sunday 29 March 2026: clocks jump from 02:00 to 03:00.
    found = next_slot(slot, MADRID, local(MADRID, 2026, 3, 27, 12))
    assert found == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)


def test_next_slot_at_the_exact_instant_is_that_instant() -> None:
    slot = CheckinSlot(6, time(19), MADRID, None)
    assert next_slot(slot, MADRID, SLOT) == SUNDAY_19_UTC
    assert next_slot(slot, MADRID, SLOT + timedelta(seconds=1)) == NEXT_SUNDAY_19_UTC


async def test_a_new_couple_gets_sunday_19_in_the_inviters_zone(world: World) -> None:
    ana, _ = await world.couple()
    assert ana.couple_id is not None
    assert world.store.slot(ana.couple_id) == CheckinSlot(6, time(19), None, SUNDAY_19_UTC)


async def test_the_first_slot_follows_the_inviter_not_the_joiner(world: World) -> None:
    nora = await world.person(111, "Nora", NEW_YORK)
    ben = await world.person(202, "Ben", MADRID)
    invite = await world.pairing.invite(nora)

    joined = await world.pairing.join(ben, invite.code)

    # Sunday 19:00 in New York (EDT) is 23:00 UTC.
    expected = datetime(2026, 6, 14, 23, 0, tzinfo=UTC)
    assert world.store.slot(joined.couple.id).next_at == expected


async def test_the_tick_follows_the_slot_across_the_autumn_change(world: World) -> None:
    ana, _ = await linked(world)
    assert ana.couple_id is not None
    world.clock.set(local(MADRID, 2026, 10, 17, 12))
    await world.checkins.set_slot(ana, "sun", "19:00")
    assert world.store.slot(ana.couple_id).next_at == datetime(2026, 10, 18, 17, tzinfo=UTC)

    world.clock.set(local(MADRID, 2026, 10, 18, 19, 0))
    assert await world.checkins.open_due() == 1
    assert world.store.slot(ana.couple_id).next_at == datetime(2026, 10, 25, 18, tzinfo=UTC)

    # 17:00 UTC was 19:00 in Madrid last week; after the change it is only 18:00.
    world.clock.set(datetime(2026, 10, 25, 17, 0, tzinfo=UTC))
    assert await world.checkins.close_due() == 1
    assert await world.checkins.open_due() == 0
    world.clock.set(datetime(2026, 10, 25, 18, 0, tzinfo=UTC))
    assert await world.checkins.open_due() == 1
    assert [c.iso_week for c in world.store.checkin_rows()] == [42, 43]


# -- opening ------------------------------------------------------------------------------


async def test_the_tick_opens_once_per_iso_week_even_when_ticked_twice(world: World) -> None:
    ana, _ = await linked(world)
    assert ana.couple_id is not None
    world.clock.set(SLOT - timedelta(minutes=1))
    assert await world.checkins.open_due() == 0
    assert world.store.checkin_rows() == []

    world.clock.set(SLOT)
    assert await world.checkins.open_due() == 1
    assert await world.checkins.open_due() == 0
    world.clock.advance(minutes=1)
    assert await world.checkins.open_due() == 0

    (checkin,) = world.store.checkin_rows()
    assert (checkin.couple_id, checkin.iso_year, checkin.iso_week) == (ana.couple_id, 2026, 24)
    assert checkin.opened_at == SUNDAY_19_UTC and checkin.closed_at is None
    (posted,) = world.messenger.to(GROUP)
    assert (checkin.chat_id, checkin.message_id) == (GROUP, posted.message_id)
    assert posted.message.text.startswith(text("en", "checkin_header", week=24))
    assert world.store.slot(ana.couple_id).next_at == NEXT_SUNDAY_19_UTC


async def test_the_group_message_has_two_rows_of_choices_and_who_answered(world: World) -> None:
    ana, ben, checkin = await opened(world)

    message = group_message(world, checkin)

    labels = [[b.label for b in row] for row in message.buttons]
    assert labels[:2] == [["1", "2", "3", "4", "5"], ["Yes", "A little", "Not yet"]]
    assert not any(_safety_choice(b, checkin) for row in message.buttons for b in row)
    assert text("en", "q_safety") not in message.text
    assert all(len(b.action.encode()) < 64 for row in message.buttons[:2] for b in row)
    assert message.buttons[2][0].url is not None
    assert message.buttons[2][0].url.endswith(f"?start=words-{checkin.id}")
    assert message.text.splitlines()[-1] == "⏳ Ana · ⏳ Ben"
    # The safety question went to each partner's own chat, and to no other.
    for person in (ana, ben):
        asked = safety_question(world, person, checkin)
        assert asked.text.startswith(text("en", "checkin_safety_intro", week=24))
        assert text("en", "q_safety_private") in asked.text
    safety_chats = {
        m.chat_id
        for m in world.messenger.sent
        if any(_safety_choice(b, checkin) for row in m.message.buttons for b in row)
    }
    assert safety_chats == {101, 202}


async def test_a_late_tick_opens_while_the_iso_week_lasts(world: World) -> None:
    await linked(world)
    # The bot was down from before the slot until Sunday 23:30: still week 24 in Madrid.
    world.clock.set(local(MADRID, 2026, 6, 14, 23, 30))

    assert await world.checkins.open_due() == 1

    (checkin,) = world.store.checkin_rows()
    assert (checkin.iso_year, checkin.iso_week) == (2026, 24)
    assert checkin.opened_at == world.clock.now()


async def test_a_late_tick_in_the_next_week_skips_to_the_next_slot(world: World) -> None:
    ana, _ = await linked(world)
    assert ana.couple_id is not None
    # Monday 00:30 in Madrid is still Sunday in UTC, but week 24 is over for the couple.
    world.clock.set(local(MADRID, 2026, 6, 15, 0, 30))

    assert await world.checkins.open_due() == 0

    assert world.store.checkin_rows() == []
    assert world.messenger.to(GROUP) == []
    assert world.store.slot(ana.couple_id).next_at == NEXT_SUNDAY_19_UTC
    world.clock.set(NEXT_SUNDAY_19_UTC)
    assert await world.checkins.open_due() == 1
    (checkin,) = world.store.checkin_rows()
    assert checkin.iso_week == 25


async def test_without_a_group_the_slot_opens_a_private_checkin(world: World) -> None:
    ana, _ = await world.couple()
    assert ana.couple_id is not None
    world.clock.set(SLOT)

    assert await world.checkins.open_due() == 1
    with pytest.raises(CheckinAlreadyOpen):
        await world.checkins.open_now(ana)

    (checkin,) = world.store.checkin_rows()
    assert (checkin.iso_week, checkin.chat_id) == (24, None)
    # No group: each partner got the first question in their own chat, and nobody else did.
    assert {m.chat_id for m in world.messenger.sent} == {101, 202}
    assert world.store.slot(ana.couple_id).next_at == NEXT_SUNDAY_19_UTC


async def test_checkin_needs_a_couple(world: World) -> None:
    alone = await world.person(303, "Carl")
    with pytest.raises(NotPaired):
        await world.checkins.open_now(alone)


async def test_checkin_opens_now_then_refuses_a_second_and_a_finished_week(world: World) -> None:
    ana, ben = await linked(world)

    assert await world.checkins.open_now(ana) == CheckinMode.GROUP
    (checkin,) = world.store.checkin_rows()
    assert (checkin.iso_week, checkin.opened_at) == (24, world.clock.now())
    with pytest.raises(CheckinAlreadyOpen):
        await world.checkins.open_now(ben)

    world.clock.advance(hours=72)
    assert await world.checkins.close_due() == 1
    with pytest.raises(CheckinDone):
        await world.checkins.open_now(ana)
    # The Sunday slot of the same week opens nothing either.
    world.clock.set(SLOT)
    assert await world.checkins.open_due() == 0
    assert len(world.store.checkin_rows()) == 1


async def test_no_second_checkin_while_one_is_open(world: World) -> None:
    ana, _, _ = await opened(world)
    assert ana.couple_id is not None
    # The slot moves to Monday while Sunday's check-in is still open.
    await world.checkins.set_slot(ana, "mon", "10:00")
    world.clock.set(local(MADRID, 2026, 6, 15, 10, 0))

    assert await world.checkins.open_due() == 0

    assert len(world.store.checkin_rows()) == 1
    assert world.store.slot(ana.couple_id).next_at == local(MADRID, 2026, 6, 22, 10).astimezone(UTC)


# -- answering ----------------------------------------------------------------------------


def test_choice_data_round_trips_and_forgeries_are_refused() -> None:
    for question, value in (("trust", 5), ("progress", "little"), ("safety", 1)):
        action = actions.decode(encode_choice(42, question, value))
        assert action is not None
        assert decode_choice(str(action.arg)) == Choice(42, question, value)
    for forged in ("42.t.6", "42.t.0", "42.p.maybe", "42.x.1", "x.t.1", "42.t", "42.t.1.1", ""):
        assert decode_choice(forged) is None


async def test_a_stranger_is_refused_and_nothing_is_recorded(world: World) -> None:
    _, _, checkin = await opened(world)
    carl = await world.person(303, "Carl")
    before = group_message(world, checkin)

    with pytest.raises(NotAPartner):
        await press(world, carl, checkin, 0, "1")

    assert world.store.answers == []
    assert world.messenger.edits == []
    assert group_message(world, checkin) == before
    assert world.fresh(carl).pending is None


async def test_a_button_of_an_unknown_checkin_is_stale(world: World) -> None:
    ana, _, _ = await opened(world)
    with pytest.raises(StaleButton):
        await world.checkins.choose(ana, Choice(999, "trust", 3))
    assert world.store.answers == []


async def test_a_partner_may_change_an_answer_until_the_reveal(world: World) -> None:
    ana, _, checkin = await opened(world)

    toast = await press(world, ana, checkin, 0, "2")
    await press(world, ana, checkin, 0, "4")
    await press(world, ana, checkin, 1, "Not yet")
    await press(world, ana, checkin, 1, "Yes")

    assert toast == text("en", "checkin_noted")
    (answer,) = world.store.answers_of(checkin.id)
    assert (answer.person_id, answer.trust, answer.progress, answer.safety) == (
        ana.id,
        4,
        "yes",
        None,
    )


async def test_the_status_line_shows_who_answered_and_nothing_else(world: World) -> None:
    ana, ben, checkin = await opened(world)
    first = group_message(world, checkin)

    await press(world, ana, checkin, 0, "1")
    assert group_message(world, checkin).text.splitlines()[-1] == "⏳ Ana · ⏳ Ben"
    await press(world, ana, checkin, 1, "A little")
    await press_safety(world, ana, checkin, 5)
    assert group_message(world, checkin).text.splitlines()[-1] == "✅ Ana · ⏳ Ben"
    await press(world, ben, checkin, 0, "3")
    await press(world, ben, checkin, 1, "Not yet")
    await press_safety(world, ben, checkin, 2)

    assert group_message(world, checkin).text.splitlines()[-1] == "✅ Ana · ✅ Ben"
    assert len(world.messenger.edits) == 6
    for edit in world.messenger.edits:
        lines = edit.message.text.splitlines()
        assert STATUS.match(lines[-1])
        # Everything but the status line is exactly what was posted first: no answer leaks.
        assert lines[:-1] == first.text.splitlines()[:-1]
        assert edit.message.buttons == first.buttons


async def test_the_open_questions_are_asked_privately_after_the_three_choices(
    world: World,
) -> None:
    ana, _, checkin = await opened(world)

    await press(world, ana, checkin, 0, "3")
    await press(world, ana, checkin, 1, "Yes")
    assert len(world.messenger.to(101)) == 1  # the private safety question
    await press_safety(world, ana, checkin, 4)

    (_, asked) = world.messenger.to(101)
    assert asked.message.text == text("en", "checkin_words_q1")
    assert world.fresh(ana).pending == Pending(WORDS, {"id": checkin.id, "q": 1})
    # Changing a choice afterwards does not ask again.
    await press_safety(world, ana, checkin, 5)
    assert len(world.messenger.to(101)) == 2


async def test_words_are_kept_and_skip_moves_on(world: World) -> None:
    ana, _, checkin = await opened(world)
    await choices(world, ana, checkin, 3, "Yes", 4)

    second = await world.checkins.got_words(world.fresh(ana), "  thanks for the tea  ")
    done = await world.checkins.got_words(world.fresh(ana), None)

    assert second == Outgoing(text("en", "checkin_words_q2"))
    # Words were written: they stay private until their author decides.
    assert done == share_question(checkin)
    (answer,) = world.store.answers_of(checkin.id)
    assert (answer.appreciated, answer.differently, answer.words_done) == (
        "thanks for the tea",
        None,
        False,
    )
    assert world.fresh(ana).pending is None

    toast = await decide(world, ana, done, share=False)

    assert toast == text("en", "words_private")
    (answer,) = world.store.answers_of(checkin.id)
    assert (answer.words_done, answer.words_shared) == (True, False)
    # Ben has not answered: nothing is revealed, the check-in stays open.
    assert world.store.checkins[checkin.id].closed_at is None
    assert reveal_texts(world) == []


async def test_the_deep_link_asks_the_first_open_question(world: World) -> None:
    ana, _, checkin = await opened(world)

    asked = await world.checkins.start_words(ana, checkin.id)

    assert asked == Outgoing(text("en", "checkin_words_q1"))
    assert world.fresh(ana).pending == Pending(WORDS, {"id": checkin.id, "q": 1})
    await words(world, ana, "early words", None, share=True)
    before = len(world.messenger.to(101))
    await choices(world, ana, checkin, 3, "Yes", 4)
    # The words were given already: the choices do not ask for them again.
    assert len(world.messenger.to(101)) == before
    (answer,) = world.store.answers_of(checkin.id)
    assert answer.complete


async def test_reveal_only_when_both_are_complete_and_nothing_leaks_before(
    world: World,
) -> None:
    ana, ben, checkin = await opened(world)
    await world.ledger(
        ana,
        {
            date(2026, 6, 8): NudgeStatus.KEPT,
            date(2026, 6, 9): NudgeStatus.KEPT,
            date(2026, 6, 10): NudgeStatus.MISSED,
            date(2026, 6, 11): NudgeStatus.KEPT,
            date(2026, 6, 12): NudgeStatus.KEPT,
            date(2026, 6, 13): NudgeStatus.KEPT,
        },
    )
    await world.ledger(
        ben,
        {
            date(2026, 6, 8): NudgeStatus.KEPT,
            date(2026, 6, 9): NudgeStatus.MISSED,
            date(2026, 6, 10): NudgeStatus.KEPT,
            date(2026, 6, 11): NudgeStatus.KEPT,
        },
    )
    world.clock.advance(minutes=30)

    await choices(world, ana, checkin, 2, "A little", 3)
    await words(world, ana, *ANA_WORDS, share=True)
    await choices(world, ben, checkin, 5, "Not yet", 4)
    await world.checkins.got_words(world.fresh(ben), BEN_WORDS[0])
    # Ben has one open question left: still nothing revealed.
    assert world.store.checkins[checkin.id].closed_at is None
    assert reveal_texts(world) == [] and world.messenger.photos == []
    asked = await world.checkins.got_words(world.fresh(ben), BEN_WORDS[1])
    # Ben has not decided about his words yet: still nothing revealed.
    assert asked == share_question(checkin)
    assert world.store.checkins[checkin.id].closed_at is None
    assert reveal_texts(world) == [] and world.messenger.photos == []
    before = [m.message.text for m in world.messenger.sent] + [
        e.message.text for e in world.messenger.edits
    ]
    sent_before = len(world.messenger.sent)

    await decide(world, ben, asked, share=True)

    # Before the reveal: the group saw only who answered; privately each saw only questions.
    private = {text("en", "checkin_words_q1"), text("en", "checkin_words_q2")}
    private |= {safety_question(world, p, checkin).text for p in (ana, ben)}
    first = world.messenger.sent[0].message.text.splitlines()
    for shown in before:
        assert not any(w in shown for w in (*ANA_WORDS, *BEN_WORDS))
        lines = shown.splitlines()
        assert shown in private or (lines[:-1] == first[:-1] and STATUS.match(lines[-1]))
    for sent in world.messenger.sent[:sent_before]:
        assert sent.chat_id in (GROUP, 101, 202)
        assert sent.chat_id == GROUP or sent.message.text in private

    (reveal,) = reveal_texts(world)
    lines = reveal.splitlines()
    for question, ana_says, ben_says in (
        ("q_trust", "Ana: 2", "Ben: 5"),
        ("q_progress", "Ana: A little", "Ben: Not yet"),
    ):
        answers = lines[lines.index(text("en", question)) + 1]
        assert ana_says in answers and ben_says in answers
    # How safe each felt is shown to nobody: not the question, not the answers.
    assert text("en", "q_safety") not in reveal
    assert not any(line.startswith("  Ana: 3") or "Ben: 4 " in line for line in lines)
    for said in (*ANA_WORDS, *BEN_WORDS):
        assert said in reveal
    ana_score = daily_score([True, True, False, True, True, True])
    ben_score = daily_score([True, False, True, True])
    assert (
        text(
            "en", "reveal_person_rate", name="Ana", rate="83 %", score=f"{round(ana_score * 100)} %"
        )
        in lines
    )
    assert (
        text(
            "en", "reveal_person_rate", name="Ben", rate="75 %", score=f"{round(ben_score * 100)} %"
        )
        in lines
    )
    assert text("en", "reveal_normal") in reveal
    assert "did not answer" not in reveal
    assert text("en", "therapy_suggestion") not in reveal

    (photo,) = world.messenger.photos
    assert photo.chat_id == GROUP and photo.png.startswith(PNG_SIGNATURE)
    assert photo.caption == text("en", "chart_caption")
    chart = world.charts.calls[-1]
    assert photo.png.endswith(f"chart {len(world.charts.calls)}".encode())
    assert chart.week_labels[-1] == "8 Jun" and len(chart.week_labels) == 12
    assert [p.name for p in chart.people] == ["Ana", "Ben"]
    assert [p.trust[-1] for p in chart.people] == [2, 5]
    assert [p.kept_rate[-1] for p in chart.people] == [5 / 6, 3 / 4]

    closed = world.store.checkins[checkin.id]
    assert closed.closed_at == world.clock.now()
    assert group_message(world, checkin).text == text("en", "checkin_closed_header")
    assert group_message(world, checkin).buttons == ()
    with pytest.raises(StaleButton):
        await world.checkins.choose(world.fresh(ana), Choice(checkin.id, "trust", 5))
    assert world.store.answers_of(checkin.id)[0].trust == 2


async def test_a_second_trigger_does_not_reveal_twice(world: World) -> None:
    ana, ben, checkin = await opened(world)
    await choices(world, ana, checkin, 4, "Yes", 4)
    await words(world, ana, None, None)
    await choices(world, ben, checkin, 4, "Yes", 4)
    await words(world, ben, None, None)
    assert len(reveal_texts(world)) == 1

    world.clock.advance(hours=72)
    assert await world.checkins.close_due() == 0
    assert await world.checkins.reveal(checkin.id) is False

    assert len(reveal_texts(world)) == 1
    assert len(world.messenger.photos) == 1


# -- reminder and close -------------------------------------------------------------------


async def test_reminder_after_exactly_24_hours_only_to_who_has_not_answered(
    world: World,
) -> None:
    ana, ben, checkin = await opened(world)
    world.clock.advance(hours=1)
    await choices(world, ana, checkin, 4, "Yes", 4)
    private_to_ana = len(world.messenger.to(101))

    world.clock.set(SLOT + timedelta(hours=23, minutes=59))
    assert await world.checkins.remind_due() == 0
    assert len(world.messenger.to(202)) == 1  # only the private safety question, when it opened

    world.clock.set(SLOT + timedelta(hours=24))
    assert await world.checkins.remind_due() == 1

    (_, reminder) = world.messenger.to(202)
    assert reminder.message.text == text("en", "checkin_reminder")
    assert len(world.messenger.to(101)) == private_to_ana
    assert world.store.checkins[checkin.id].reminded_at == world.clock.now()

    world.clock.advance(hours=1)
    assert await world.checkins.remind_due() == 0
    assert len(world.messenger.to(202)) == 2
    assert ben.chat_id == 202


async def test_close_after_72_hours_reveals_and_names_who_did_not_answer(world: World) -> None:
    ana, _, checkin = await opened(world)
    await choices(world, ana, checkin, 2, "A little", 3)
    await words(world, ana, ANA_WORDS[0], None, share=True)

    world.clock.set(SLOT + timedelta(hours=71, minutes=59))
    assert await world.checkins.close_due() == 0
    assert world.store.checkins[checkin.id].closed_at is None

    world.clock.set(SLOT + timedelta(hours=72))
    assert await world.checkins.close_due() == 1

    (reveal,) = reveal_texts(world)
    lines = reveal.splitlines()
    trust = lines[lines.index(text("en", "q_trust")) + 1]
    assert "Ana: 2" in trust and "Ben: —" in trust
    assert ANA_WORDS[0] in reveal
    assert text("en", "reveal_missing", names="Ben") in lines
    assert len(world.messenger.photos) == 1
    assert world.store.checkins[checkin.id].closed_at == world.clock.now()
    assert await world.checkins.close_due() == 0


async def test_a_checkin_survives_a_restart(world: World) -> None:
    ana, ben, checkin = await opened(world)
    await choices(world, ana, checkin, 1, "Not yet", 2)

    # A new process: fresh units of work and service over the same database and transport.
    restarted = CheckinService(
        SqlUnitOfWorkFactory(world.engine), world.clock, world.messenger, world.charts
    )
    await restarted.got_words(world.fresh(ana), ANA_WORDS[0])
    question = await restarted.got_words(world.fresh(ana), ANA_WORDS[1])
    assert question == share_question(checkin)
    await restarted.decide_share(world.fresh(ana), checkin.id, True)
    group_rows = group_message(world, checkin).buttons
    (safety_row,) = safety_question(world, ben, checkin).buttons
    for row, label in ((group_rows[0], "5"), (group_rows[1], "Yes"), (safety_row, "5")):
        (button,) = [b for b in row if b.label == label]
        action = actions.decode(button.action)
        assert action is not None
        choice = decode_choice(str(action.arg))
        assert choice is not None
        await restarted.choose(world.fresh(ben), choice)
    await restarted.got_words(world.fresh(ben), None)
    await restarted.got_words(world.fresh(ben), None)

    (reveal,) = reveal_texts(world)
    trust = reveal.splitlines()[reveal.splitlines().index(text("en", "q_trust")) + 1]
    assert "Ana: 1" in trust and "Ben: 5" in trust
    assert ANA_WORDS[1] in reveal


# -- therapy ------------------------------------------------------------------------------


async def test_therapy_is_suggested_after_three_low_weeks_and_not_again_within_four(
    world: World,
) -> None:
    ana, ben = await linked(world)
    assert ana.couple_id is not None
    suggested: list[bool] = []
    for week in range(7):
        sunday = SLOT + timedelta(weeks=week)
        world.clock.set(sunday)
        assert await world.checkins.open_due() == 1
        checkin = world.store.checkin_rows()[-1]
        # They answer on Monday morning, in the week after the one being revealed.
        world.clock.set(sunday + timedelta(hours=14))
        await choices(world, ana, checkin, 2, "Not yet", 3)
        await words(world, ana, None, None)
        await choices(world, ben, checkin, 4, "A little", 4)
        await words(world, ben, None, None)
        reveal = world.messenger.to(GROUP)[-1].message.text
        assert reveal.startswith(text("en", "reveal_header", week=checkin.iso_week))
        suggested.append(text("en", "therapy_suggestion") in reveal)
        if week == 2:
            assert world.store.therapy_suggested_on(ana.couple_id) == date(2026, 6, 29)

    assert suggested == [False, False, True, False, False, False, True]
    assert world.store.therapy_suggested_on(ana.couple_id) == date(2026, 7, 27)
    assert world.charts.calls[-1].week_labels[-1] == "20 Jul"
    assert list(world.charts.calls[-1].people[0].trust[-7:]) == [2] * 7


async def test_no_therapy_suggestion_for_good_weeks(world: World) -> None:
    ana, ben = await linked(world)
    assert ana.couple_id is not None
    for week in range(3):
        world.clock.set(SLOT + timedelta(weeks=week))
        assert await world.checkins.open_due() == 1
        checkin = world.store.checkin_rows()[-1]
        await choices(world, ana, checkin, 4, "Yes", 5)
        await words(world, ana, None, None)
        await choices(world, ben, checkin, 5, "Yes", 5)
        await words(world, ben, None, None)

    assert len(world.messenger.photos) == 3
    assert all(text("en", "therapy_suggestion") not in t for t in reveal_texts(world))
    assert world.store.therapy_suggested_on(ana.couple_id) is None


# -- words: private unless their author shares them; crisis words -------------------------

CRISIS_WORDS = "Sometimes I'm afraid he will hit me"


def shown_anywhere(world: World) -> list[str]:
    """Every text the bot sent or edited, in any chat, and every chart caption."""
    return (
        [m.message.text for m in world.messenger.sent]
        + [e.message.text for e in world.messenger.edits]
        + [p.caption or "" for p in world.messenger.photos]
    )


async def crisis_answer(world: World, person: Person, checkin: Checkin) -> Outgoing:
    """Choices, then an everyday first answer and crisis words in the second."""
    await choices(world, person, checkin, 2, "Not yet", 3)
    await world.checkins.got_words(world.fresh(person), ANA_WORDS[0])
    return await world.checkins.got_words(world.fresh(person), CRISIS_WORDS)


async def test_crisis_words_are_kept_private_with_no_share_offered(world: World) -> None:
    ana, ben, checkin = await opened(world)

    reply = await crisis_answer(world, ana, checkin)

    assert reply == Outgoing(text("en", "words_kept_private"))
    (answer,) = [a for a in world.store.answers_of(checkin.id) if a.person_id == ana.id]
    assert answer.differently == CRISIS_WORDS and answer.complete and not answer.words_shared
    await choices(world, ben, checkin, 4, "Yes", 4)
    await words(world, ben, None, None)

    (reveal,) = reveal_texts(world)
    trust = reveal.splitlines()[reveal.splitlines().index(text("en", "q_trust")) + 1]
    assert "Ana: 2" in trust and "Ben: 4" in trust
    assert text("en", "reveal_differently") not in reveal
    assert all(w not in shown for w in (CRISIS_WORDS, "afraid") for shown in shown_anywhere(world))
    assert all(ANA_WORDS[0] not in shown for shown in shown_anywhere(world))


async def test_a_forged_share_of_crisis_words_is_refused_and_changes_nothing(world: World) -> None:
    ana, ben, checkin = await opened(world)
    await crisis_answer(world, ana, checkin)
    answers_before = world.store.answers_of(checkin.id)

    with pytest.raises(StaleButton):
        await world.checkins.decide_share(world.fresh(ana), checkin.id, True)

    assert world.store.answers_of(checkin.id) == answers_before
    await choices(world, ben, checkin, 4, "Yes", 4)
    await words(world, ben, None, None)
    (reveal,) = reveal_texts(world)
    assert CRISIS_WORDS not in reveal and ANA_WORDS[0] not in reveal


async def test_words_kept_private_are_not_revealed_beside_shared_ones(world: World) -> None:
    ana, ben, checkin = await opened(world)
    await choices(world, ana, checkin, 3, "Yes", 4)
    await words(world, ana, *ANA_WORDS, share=False)
    await choices(world, ben, checkin, 4, "A little", 5)
    assert reveal_texts(world) == []

    await words(world, ben, *BEN_WORDS, share=True)

    (reveal,) = reveal_texts(world)
    assert f"Ben: “{BEN_WORDS[0]}”" in reveal and f"Ben: “{BEN_WORDS[1]}”" in reveal
    assert all(w not in shown for w in ANA_WORDS for shown in shown_anywhere(world))


async def test_the_therapy_suggestion_stays_beside_crisis_words_kept_private(
    world: World,
) -> None:
    ana, ben = await linked(world)
    suggested = []
    for week, ana_trust in enumerate((5, 2)):
        world.clock.set(SLOT + timedelta(weeks=week))
        assert await world.checkins.open_due() == 1
        checkin = world.store.checkin_rows()[-1]
        world.clock.advance(minutes=30)
        await choices(world, ben, checkin, 4, "Yes", 4)
        await words(world, ben, None, None)
        await choices(world, ana, checkin, ana_trust, "Not yet", 3)
        if week == 1:
            # Ana's trust fell by three points, and what she wrote needs care, not an audience.
            await world.checkins.got_words(world.fresh(ana), None)
            reply = await world.checkins.got_words(world.fresh(ana), CRISIS_WORDS)
            assert reply == Outgoing(text("en", "words_kept_private"))
        else:
            await words(world, ana, None, None)
        suggested.append(text("en", "therapy_suggestion") in reveal_texts(world)[-1])

    assert suggested == [False, True]
    assert all(CRISIS_WORDS not in shown for shown in shown_anywhere(world))


async def test_new_crisis_words_after_sharing_are_kept_private(world: World) -> None:
    ana, ben, checkin = await opened(world)
    await choices(world, ana, checkin, 3, "Yes", 4)
    await words(world, ana, *ANA_WORDS, share=True)

    # Ana opens the group's "add your words" link again and writes something else.
    await world.checkins.start_words(world.fresh(ana), checkin.id)
    reply = await words(world, ana, CRISIS_WORDS, None)
    assert reply == Outgoing(text("en", "words_kept_private"))
    await choices(world, ben, checkin, 4, "Yes", 4)
    await words(world, ben, None, None)

    (reveal,) = reveal_texts(world)
    assert "Ana: 3" in reveal
    assert all(CRISIS_WORDS not in shown for shown in shown_anywhere(world))


async def test_a_share_decision_is_refused_to_others_and_without_words(world: World) -> None:
    ana, ben, checkin = await opened(world)
    await choices(world, ana, checkin, 3, "Yes", 4)
    question = await words(world, ana, *ANA_WORDS)
    await choices(world, ben, checkin, 4, "Yes", 4)
    carl = await world.person(303, "Carl")
    answers_before = world.store.answers_of(checkin.id)

    with pytest.raises(NotAPartner):
        await world.checkins.decide_share(carl, checkin.id, True)
    # Ben wrote nothing: a Share press of his (forged, since he has no such button) is stale.
    with pytest.raises(StaleButton):
        await world.checkins.decide_share(world.fresh(ben), checkin.id, True)
    with pytest.raises(StaleButton):
        await world.checkins.decide_share(world.fresh(ana), 999, True)

    assert world.store.answers_of(checkin.id) == answers_before
    assert reveal_texts(world) == []
    assert question.buttons == share_question(checkin).buttons


# -- the safety answer ---------------------------------------------------------------------


async def test_a_low_safety_answer_gets_resources_at_once_in_private_only(world: World) -> None:
    ana, _, checkin = await opened(world)
    await press(world, ana, checkin, 0, "4")
    before = len(world.messenger.sent)

    await press_safety(world, ana, checkin, 2)

    (help_now,) = [m for m in world.messenger.sent[before:] if m.chat_id == 101]
    assert help_now.message == low_safety_reply("en", resources_for("ES"))
    assert "016" in help_now.message.text and "findahelpline.com" in help_now.message.text
    assert all(m.chat_id != 202 and m.chat_id != GROUP for m in world.messenger.sent[before:])
    # Pressed again, or lowered further: the help is not repeated.
    await press_safety(world, ana, checkin, 2)
    await press_safety(world, ana, checkin, 1)
    assert len([m for m in world.messenger.sent if m.message == help_now.message]) == 1


async def test_a_safe_answer_gets_no_crisis_message(world: World) -> None:
    ana, _, checkin = await opened(world)
    before = len(world.messenger.sent)

    await press_safety(world, ana, checkin, 3)

    assert world.messenger.sent[before:] == []


async def test_a_low_safety_answer_holds_back_couples_therapy_and_offers_support_alone(
    world: World,
) -> None:
    ana, ben = await linked(world)
    reveals, supported = [], []
    for week in range(3):
        sunday = SLOT + timedelta(weeks=week)
        world.clock.set(sunday)
        assert await world.checkins.open_due() == 1
        checkin = world.store.checkin_rows()[-1]
        world.clock.set(sunday + timedelta(hours=1))
        before = len(world.messenger.sent)
        # Three weeks of low trust call for therapy; Ana says she does not feel safe.
        await choices(world, ana, checkin, 1, "Not yet", 2 if week == 2 else 3)
        await words(world, ana, None, None)
        await choices(world, ben, checkin, 4, "A little", 4)
        await words(world, ben, None, None)
        reveals.append(reveal_texts(world)[-1])
        supported.append([m.chat_id for m in world.messenger.sent[before:] if is_support(m)])

    assert all(text("en", "therapy_suggestion") not in reveal for reveal in reveals)
    assert supported == [[], [], [101]]
    (support,) = [m.message for m in world.messenger.sent if is_support(m)]
    assert support == individual_support("en", resources_for("ES"))
    assert "016" in support.text
    assert all(text("en", "individual_support") not in shown for shown in reveals)


def is_support(sent: SentMessage) -> bool:
    """Whether a message is the offer of support of one's own."""
    return sent.message.text.startswith(text("en", "individual_support"))


async def test_therapy_returns_once_the_latest_safety_answer_is_safe_again(world: World) -> None:
    ana, ben = await linked(world)
    suggested = []
    for week in range(7):
        sunday = SLOT + timedelta(weeks=week)
        world.clock.set(sunday)
        assert await world.checkins.open_due() == 1
        checkin = world.store.checkin_rows()[-1]
        world.clock.set(sunday + timedelta(hours=1))
        await choices(world, ana, checkin, 1, "Not yet", 2 if week < 3 else 4)
        await words(world, ana, None, None)
        await choices(world, ben, checkin, 1, "Not yet", 4)
        await words(world, ben, None, None)
        suggested.append(text("en", "therapy_suggestion") in reveal_texts(world)[-1])

    # Held back while Ana felt unsafe: support went to her instead, and like the suggestion it
    # counts for four weeks; then, with Ana safe again, the couple hears of therapy.
    assert suggested == [False, False, False, False, False, False, True]
    assert len([m for m in world.messenger.sent if is_support(m)]) == 1


async def test_the_safety_answer_is_in_the_authors_progress_only(world: World) -> None:
    ana, ben, checkin = await opened(world)
    await choices(world, ana, checkin, 4, "Yes", 2)
    await words(world, ana, None, None)
    await choices(world, ben, checkin, 5, "Yes", 4)
    await words(world, ben, None, None)

    mine = await world.progress.personal(world.fresh(ana))
    theirs = await world.progress.personal(world.fresh(ben))
    together = await world.progress.couple(world.fresh(ben), GROUP)

    assert text("en", "progress_safety", trend="2") in mine.text
    assert text("en", "progress_safety", trend="4") in theirs.text
    assert text("en", "progress_safety", trend="2") not in theirs.text
    assert "safe" not in together.text.lower()


# -- one series for the reveal, its chart and /progress -------------------------------------


async def test_reveal_text_chart_and_progress_agree_on_a_week_with_a_nudge_unanswered_today(
    world: World,
) -> None:
    ana, ben, checkin = await opened(world)
    kept_five_missed_one = {date(2026, 6, d): NudgeStatus.KEPT for d in (8, 9, 11, 12, 13)}
    kept_five_missed_one[date(2026, 6, 10)] = NudgeStatus.MISSED
    # Sunday's 21:00 nudge went out an hour ago and waits for Ana's answer: not a miss yet.
    await world.ledger(ana, {**kept_five_missed_one, date(2026, 6, 14): NudgeStatus.SENT})
    world.clock.set(local(MADRID, 2026, 6, 14, 22, 0))

    await choices(world, ana, checkin, 4, "Yes", 4)
    await words(world, ana, None, None)
    await choices(world, ben, checkin, 4, "Yes", 4)
    await words(world, ben, None, None)

    (reveal,) = reveal_texts(world)
    said = text("en", "reveal_person_rate", name="Ana", rate="83 %", score="").rstrip()
    assert [line for line in reveal.splitlines() if line.startswith(said)]
    reveal_chart = world.charts.calls[-1]
    assert reveal_chart.people[0].kept_rate[-1] == 5 / 6

    await world.progress.personal(world.fresh(ana))
    assert world.charts.calls[-1].people[0].kept_rate[-1] == 5 / 6
    couple = await world.progress.couple(world.fresh(ana), GROUP)
    assert world.charts.calls[-1].people[0].kept_rate[-1] == 5 / 6
    assert "• Ana: this week 83 %" in couple.text
