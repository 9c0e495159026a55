"""Promise-sizing: a promise kept on under half its days for two weeks is offered, once, to be
made smaller: fewer days, a smaller version, or a pause."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from bot.domain import actions
from bot.domain.commitments import CHANGE_DAYS, CHANGE_TEXT
from bot.domain.errors import NoDays, UnknownCommitment
from bot.domain.models import Commitment, CommitmentState, NudgeStatus, Person
from bot.domain.ports import Button, Outgoing
from bot.domain.schedule import EVERY_DAY
from bot.domain.sizing import SizingAdvisor
from bot.texts import text
from tests.unit.conftest import MADRID, World, local

K, M, S, SENT = NudgeStatus.KEPT, NudgeStatus.MISSED, NudgeStatus.SKIPPED, NudgeStatus.SENT
# Wednesday 24 June 2026, 21:30 in Madrid: today's 21:00 nudge has just been answered.
NOW = local(MADRID, 2026, 6, 24, 21, 30)
TODAY = date(2026, 6, 24)
# The last 14 local days: Thursday 11 to Wednesday 24 June.
FIRST = TODAY - timedelta(days=13)


@pytest.fixture
def advisor(world: World) -> SizingAdvisor:
    """The advisor over the world's fakes."""
    return SizingAdvisor(world.uow, world.clock)


def window(kept: int, missed: int, skipped: int = 0) -> dict[date, NudgeStatus]:
    """The 14 days from FIRST: `kept` kept, then `missed` missed, then `skipped` skipped."""
    statuses = [K] * kept + [M] * missed + [S] * skipped
    assert len(statuses) == 14
    return {FIRST + timedelta(days=i): status for i, status in enumerate(statuses)}


async def promise(
    world: World,
    person: Person,
    days: dict[date, NudgeStatus],
    created: datetime,
    words: str = "text when late",
) -> Commitment:
    """A daily 21:00 promise created at `created`, with these ledger rows; the clock at NOW."""
    world.clock.set(created)
    commitment = await world.ledger(person, days, words=words)
    world.clock.set(NOW)
    return commitment


def offer_of(commitment: Commitment) -> Outgoing:
    cid = commitment.id
    return Outgoing(
        text("en", "sizing_offer", text=commitment.text),
        (
            (
                Button("📅 Fewer days", actions.encode(actions.FEWER_DAYS, cid)),
                Button("✏️ A smaller version", actions.encode(actions.SMALLER, cid)),
            ),
            (
                Button("⏸ Pause it", actions.encode(actions.PAUSE, cid)),
                Button("Keep it", actions.encode(actions.CANCEL_DELETE, cid)),
            ),
        ),
    )


async def test_offered_at_fourteen_days_under_half_kept(
    world: World, advisor: SizingAdvisor
) -> None:
    ana = await world.person(101, "Ana")
    # 6 kept of 13 due days (one skipped while the bot was down): 46 %, just under half.
    # A kept day just before the window would make it 7 of 14 if it counted.
    days = {FIRST - timedelta(days=1): K, **window(6, 7, 1)}
    commitment = await promise(world, ana, days, NOW - timedelta(days=14))

    offer = await advisor.offer(ana, commitment.id)

    assert offer == offer_of(commitment)
    assert world.commitment(commitment.id).sizing_offered_at == NOW
    assert len(offer.buttons[0][0].action.encode()) < 64


async def test_not_offered_at_exactly_half(world: World, advisor: SizingAdvisor) -> None:
    ana = await world.person(101, "Ana")
    # 7 kept of 14: exactly half is not "under half". The missed day before the window would
    # make it 7 of 15 if it counted.
    days = {FIRST - timedelta(days=1): M, **window(7, 7)}
    commitment = await promise(world, ana, days, NOW - timedelta(days=30))

    assert await advisor.offer(ana, commitment.id) is None
    assert world.commitment(commitment.id).sizing_offered_at is None


async def test_not_offered_to_a_promise_thirteen_days_old(
    world: World, advisor: SizingAdvisor
) -> None:
    ana = await world.person(101, "Ana")
    days = window(0, 13, 1)  # nothing kept at all
    commitment = await promise(world, ana, days, NOW - timedelta(days=13))

    assert await advisor.offer(ana, commitment.id) is None
    assert world.commitment(commitment.id).sizing_offered_at is None
    # A day later it is old enough.
    world.clock.advance(days=1)
    assert await advisor.offer(ana, commitment.id) == offer_of(commitment)


async def test_not_offered_with_nothing_due(world: World, advisor: SizingAdvisor) -> None:
    ana = await world.person(101, "Ana")
    commitment = await promise(world, ana, window(0, 0, 14), NOW - timedelta(days=30))

    assert await advisor.offer(ana, commitment.id) is None


async def test_offered_only_once(world: World, advisor: SizingAdvisor) -> None:
    ana = await world.person(101, "Ana")
    commitment = await promise(world, ana, window(2, 12), NOW - timedelta(days=20))

    assert await advisor.offer(ana, commitment.id) is not None
    world.clock.advance(days=1)

    assert await advisor.offer(ana, commitment.id) is None
    assert world.commitment(commitment.id).sizing_offered_at == NOW


async def test_not_offered_for_someone_elses_or_a_paused_promise(
    world: World, advisor: SizingAdvisor
) -> None:
    ana, ben = await world.couple()
    commitment = await promise(world, ana, window(0, 14), NOW - timedelta(days=20))

    assert await advisor.offer(ben, commitment.id) is None
    await world.commitments.pause(ana, commitment.id)
    assert await advisor.offer(ana, commitment.id) is None
    assert world.commitment(commitment.id).sizing_offered_at is None


async def test_the_offer_follows_an_answer_that_tips_the_balance(world: World) -> None:
    ana = await world.person(101, "Ana")
    # Thursday 11 to Tuesday 23 June: 6 kept of 13; today's nudge is still open.
    days = {**window(6, 7, 1), TODAY: SENT}
    commitment = await promise(world, ana, days, NOW - timedelta(days=20))
    (today,) = [n for n in world.nudges_of(commitment.id) if n.local_date == TODAY]

    answered = await world.nudges.answer(world.fresh(ana), today.id, False, None)

    assert answered.follow_up == offer_of(commitment)
    assert answered.reflection_prompt is not None
    assert world.commitment(commitment.id).sizing_offered_at == NOW


async def test_a_kept_answer_that_keeps_it_at_half_brings_no_offer(world: World) -> None:
    ana = await world.person(101, "Ana")
    # 6 kept and 7 missed; keeping today's makes 7 of 14.
    days = {**window(6, 7, 1), TODAY: SENT}
    commitment = await promise(world, ana, days, NOW - timedelta(days=20))
    (today,) = [n for n in world.nudges_of(commitment.id) if n.local_date == TODAY]

    answered = await world.nudges.answer(world.fresh(ana), today.id, True, None)

    assert answered.follow_up is None
    assert world.commitment(commitment.id).sizing_offered_at is None


async def offered(world: World, advisor: SizingAdvisor) -> tuple[Person, Commitment]:
    """Ana's daily 21:00 promise, offered to be made smaller; its next nudge is tomorrow."""
    ana = await world.person(101, "Ana")
    commitment = await promise(world, ana, window(3, 11), NOW - timedelta(days=20))
    # Plan its next nudge as the service would (the ledger was written straight in).
    await world.commitments.resume(ana, commitment.id)
    assert world.commitment(commitment.id).next_local_date == TODAY + timedelta(days=1)
    assert await advisor.offer(ana, commitment.id) is not None
    return world.fresh(ana), world.commitment(commitment.id)


async def test_fewer_days_starts_from_the_current_days_and_replans(
    world: World, advisor: SizingAdvisor
) -> None:
    ana, commitment = await offered(world, advisor)
    rows = world.nudges_of(commitment.id)

    question = await world.commitments.ask_fewer_days(ana, commitment.id)

    labels = [b.label for row in question.buttons for b in row]
    assert labels == ["✔️ Mon", "✔️ Tue", "✔️ Wed", "✔️ Thu", "✔️ Fri", "✔️ Sat", "✔️ Sun", "Done ✔️"]
    pending = world.fresh(ana).pending
    assert pending is not None and pending.kind == CHANGE_DAYS
    # Tomorrow is Thursday: leave out Thursday and Sunday.
    await world.commitments.got_days(world.fresh(ana), "3")
    shown = await world.commitments.got_days(world.fresh(ana), "6")
    assert [b.label for row in shown.buttons for b in row][:7] == [
        "✔️ Mon",
        "✔️ Tue",
        "✔️ Wed",
        "Thu",
        "✔️ Fri",
        "✔️ Sat",
        "Sun",
    ]
    assert world.commitment(commitment.id).weekdays == EVERY_DAY  # nothing saved before Done

    done = await world.commitments.got_days(world.fresh(ana), "ok")

    assert done == Outgoing(
        text("en", "commitment_days_set", text=commitment.text, days="Mon, Tue, Wed, Fri, Sat")
    )
    changed = world.commitment(commitment.id)
    assert changed.weekdays == 0b0110111
    assert changed.local_time == time(21) and changed.text == commitment.text
    assert changed.next_local_date == date(2026, 6, 26)
    assert changed.next_due_at == local(MADRID, 2026, 6, 26, 21, 0)
    assert world.fresh(ana).pending is None
    assert world.nudges_of(commitment.id) == rows
    # Thursday passes without a nudge; Friday's comes.
    world.clock.set(local(MADRID, 2026, 6, 25, 21, 0))
    await world.dispatcher.tick()
    assert world.nudges_of(commitment.id) == rows
    world.clock.set(local(MADRID, 2026, 6, 26, 21, 0))
    await world.dispatcher.tick()
    assert world.nudges_of(commitment.id)[-1].local_date == date(2026, 6, 26)


async def test_fewer_days_needs_at_least_one(world: World, advisor: SizingAdvisor) -> None:
    ana, commitment = await offered(world, advisor)
    await world.commitments.ask_fewer_days(ana, commitment.id)
    for day in range(7):
        await world.commitments.got_days(world.fresh(ana), str(day))

    with pytest.raises(NoDays):
        await world.commitments.got_days(world.fresh(ana), "ok")

    assert world.commitment(commitment.id).weekdays == EVERY_DAY
    await world.commitments.got_days(world.fresh(ana), "0")
    await world.commitments.got_days(world.fresh(ana), "ok")
    assert world.commitment(commitment.id).weekdays == 0b0000001


async def test_a_smaller_version_changes_the_words_and_keeps_the_rest(
    world: World, advisor: SizingAdvisor
) -> None:
    ana, commitment = await offered(world, advisor)
    rows = world.nudges_of(commitment.id)

    asked = await world.commitments.ask_smaller(ana, commitment.id)

    assert asked == Outgoing(text("en", "commitment_smaller_ask", text=commitment.text))
    pending = world.fresh(ana).pending
    assert pending is not None and pending.kind == CHANGE_TEXT

    reply = await world.commitments.got_smaller(world.fresh(ana), "  text when  late on Fridays ")

    assert reply == Outgoing(text("en", "commitment_text_set", text="text when late on Fridays"))
    changed = world.commitment(commitment.id)
    assert changed.text == "text when late on Fridays"
    assert (changed.weekdays, changed.local_time) == (commitment.weekdays, commitment.local_time)
    assert (changed.next_local_date, changed.next_due_at) == (
        commitment.next_local_date,
        commitment.next_due_at,
    )
    assert (changed.created_at, changed.state) == (commitment.created_at, commitment.state)
    assert changed.sizing_offered_at == commitment.sizing_offered_at
    assert world.nudges_of(commitment.id) == rows  # the history stays
    assert world.fresh(ana).pending is None


async def test_a_smaller_version_for_a_promise_deleted_meanwhile_stops_waiting(
    world: World, advisor: SizingAdvisor
) -> None:
    ana, commitment = await offered(world, advisor)
    await world.commitments.ask_smaller(ana, commitment.id)
    await world.commitments.delete(ana, commitment.id)

    with pytest.raises(UnknownCommitment):
        await world.commitments.got_smaller(world.fresh(ana), "a smaller one")

    assert world.fresh(ana).pending is None
    assert world.commitment(commitment.id).text == commitment.text


async def test_pause_it_stops_the_nudges(world: World, advisor: SizingAdvisor) -> None:
    ana, commitment = await offered(world, advisor)
    rows = world.nudges_of(commitment.id)

    await world.commitments.pause(ana, commitment.id)

    paused = world.commitment(commitment.id)
    assert paused.state == CommitmentState.PAUSED and paused.next_due_at is None
    world.clock.set(local(MADRID, 2026, 6, 25, 21, 0))
    await world.dispatcher.tick()
    assert world.nudges_of(commitment.id) == rows
