"""Commitments: few, small, concrete; guided or one-line; paused, resumed, deleted."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.domain import actions
from bot.domain.commitments import (
    CHANGE_TIME,
    COMMIT_DAYS,
    COMMIT_TIME,
    COMMIT_WHAT,
    MAX_TEXT,
    vague_word,
)
from bot.domain.errors import (
    InvalidTime,
    NoDays,
    StaleButton,
    TextEmpty,
    TextTooLong,
    TooManyCommitments,
    UnknownCommitment,
)
from bot.domain.models import CommitmentState, NudgeStatus, Pending
from bot.domain.schedule import EVERY_DAY, WEEKDAYS, WEEKENDS
from bot.texts import text
from tests.unit.conftest import MADRID, World, local
from tests.weekdays import mask_of


async def test_add_line_adds_a_daily_commitment_and_plans_it(world: World) -> None:
    ana = await world.person(101, "Ana")
    world.clock.set(local(MADRID, 2026, 6, 10, 22, 0))

    added = await world.commitments.add_line(ana, "21:00   text you  when I'm late ")

    assert added.vague is None
    stored = world.commitment(added.commitment.id)
    assert stored.text == "text you when I'm late"
    assert (stored.weekdays, stored.local_time, stored.state) == (
        EVERY_DAY,
        time(21),
        CommitmentState.ACTIVE,
    )
    assert stored.person_id == ana.id
    assert stored.created_at == world.clock.now()
    # 21:00 has passed today, so the first nudge is tomorrow.
    assert stored.next_local_date == date(2026, 6, 11)
    assert stored.next_due_at == local(MADRID, 2026, 6, 11, 21)


async def test_the_limit_of_three_active_commitments(world: World) -> None:
    ana = await world.person(101, "Ana")
    first = await world.commit(ana, "one", time(8))
    await world.commit(ana, "two", time(9))
    await world.commit(ana, "three", time(10))

    with pytest.raises(TooManyCommitments) as caught:
        await world.commitments.add_line(ana, "11:00 four")
    assert caught.value.params == {"limit": 3}
    with pytest.raises(TooManyCommitments):
        await world.commitments.begin(ana)
    assert len(world.store.commitments) == 3
    assert world.fresh(ana).pending is None

    # A paused one frees a place; resuming it while full is refused.
    await world.commitments.pause(ana, first.id)
    fourth = await world.commitments.add_line(ana, "11:00 four")
    with pytest.raises(TooManyCommitments):
        await world.commitments.resume(ana, first.id)
    assert world.commitment(first.id).state == CommitmentState.PAUSED
    assert world.commitment(fourth.commitment.id).state == CommitmentState.ACTIVE


async def test_the_limit_is_per_person(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    for hour in (8, 9, 10):
        await world.commit(ana, f"ana {hour}", time(hour))
    await world.commit(ben, "ben", time(8))
    assert len(world.store.commitments) == 4


async def test_a_ten_thousand_character_promise_is_refused_and_nothing_stored(world: World) -> None:
    ana = await world.person(101, "Ana")
    commits_before = world.store.commits
    with pytest.raises(TextTooLong) as caught:
        await world.commitments.add_line(ana, "21:00 " + "x" * 10_000)
    assert caught.value.params == {"limit": MAX_TEXT}
    with pytest.raises(TextTooLong):
        await world.commitments.got_what(ana, "y" * 10_000)
    assert world.store.commitments == {}
    assert world.store.commits == commits_before
    assert world.fresh(ana).pending is None


async def test_the_longest_accepted_text(world: World) -> None:
    ana = await world.person(101, "Ana")
    added = await world.commitments.add_line(ana, "21:00 " + "z" * MAX_TEXT)
    assert len(world.commitment(added.commitment.id).text) == MAX_TEXT


@pytest.mark.parametrize("line", ["25:99 call mum", "24:00 call mum", "call mum", "", "9 call"])
async def test_bad_times_are_refused(world: World, line: str) -> None:
    ana = await world.person(101, "Ana")
    with pytest.raises(InvalidTime):
        await world.commitments.add_line(ana, line)
    assert world.store.commitments == {}


@pytest.mark.parametrize("line", ["21:00", "21:00    ", "21:00 \u200b\u0007"])
async def test_a_time_without_words_is_refused(world: World, line: str) -> None:
    ana = await world.person(101, "Ana")
    with pytest.raises(TextEmpty):
        await world.commitments.add_line(ana, line)
    assert world.store.commitments == {}


async def test_no_days_is_refused(world: World) -> None:
    ana = await world.person(101, "Ana")
    with pytest.raises(NoDays):
        await world.commitments.add(ana, "call", 0, time(9))
    with pytest.raises(NoDays):
        await world.commitments.add(ana, "call", 0b10000000, time(9))
    assert world.store.commitments == {}


@pytest.mark.parametrize(
    ("words", "vague"),
    [
        ("always tell you where I am", "always"),
        ("Never lie to you again", "never"),
        ("tell you EVERYTHING", "everything"),
        ("text you every time I'm late", "every time"),
        ("text you when I leave work", None),
        ("nevertheless call at lunch", None),
        ("tell you about everything-ish", "everything"),
    ],
)
async def test_vague_words_are_flagged(world: World, words: str, vague: str | None) -> None:
    assert vague_word(words) == vague
    ana = await world.person(101, "Ana")
    added = await world.commitments.add_line(ana, f"21:00 {words}")
    assert added.vague == vague


async def test_guided_flow_with_a_preset(world: World) -> None:
    ana = await world.person(101, "Ana")
    asked = await world.commitments.begin(ana)
    assert asked.text == text("en", "commit_ask_what")
    assert world.fresh(ana).pending == Pending(COMMIT_WHAT)

    days = await world.commitments.got_what(world.fresh(ana), "  do the dishes ")
    assert world.fresh(ana).pending == Pending(COMMIT_DAYS, {"text": "do the dishes"})
    assert days.text == text("en", "commit_ask_days")
    assert [b.action for row in days.buttons for b in row] == ["d:all", "d:wk", "d:we", "d:pick"]

    time_question = await world.commitments.got_days(world.fresh(ana), "wk")
    assert time_question.text == text("en", "commit_ask_time", timezone=MADRID)
    assert world.fresh(ana).pending == Pending(
        COMMIT_TIME, {"text": "do the dishes", "mask": WEEKDAYS}
    )

    added = await world.commitments.got_time(world.fresh(ana), "7.30")

    stored = world.commitment(added.commitment.id)
    assert (stored.text, stored.weekdays, stored.local_time) == (
        "do the dishes",
        WEEKDAYS,
        time(7, 30),
    )
    assert world.fresh(ana).pending is None
    # Wednesday 08:00 in Madrid: 07:30 has passed, so Thursday.
    assert stored.next_local_date == date(2026, 6, 11)


async def test_guided_flow_picking_days(world: World) -> None:
    ana = await world.person(101, "Ana")
    await world.commitments.begin(ana)
    await world.commitments.got_what(world.fresh(ana), "walk the dog")

    picker = await world.commitments.got_days(world.fresh(ana), "pick")
    assert [len(row) for row in picker.buttons] == [4, 3, 1]
    assert picker.buttons[2][0].action == actions.encode(actions.PICK_DAY, "ok")
    with pytest.raises(NoDays):
        await world.commitments.got_days(world.fresh(ana), "ok")

    await world.commitments.got_days(world.fresh(ana), "0")
    await world.commitments.got_days(world.fresh(ana), "2")
    await world.commitments.got_days(world.fresh(ana), "5")
    shown = await world.commitments.got_days(world.fresh(ana), "5")  # toggled off again
    assert shown.text == text("en", "commit_pick_days", days="Mon, Wed")
    assert shown.buttons[0][0].label == "✔️ Mon"
    assert shown.buttons[0][1].label == "Tue"

    await world.commitments.got_days(world.fresh(ana), "ok")
    assert world.fresh(ana).pending == Pending(
        COMMIT_TIME, {"text": "walk the dog", "mask": mask_of([0, 2])}
    )
    added = await world.commitments.got_time(world.fresh(ana), "18:00")
    assert world.commitment(added.commitment.id).weekdays == mask_of([0, 2])


async def test_guided_flow_bad_time_keeps_waiting(world: World) -> None:
    ana = await world.person(101, "Ana")
    await world.commitments.begin(ana)
    await world.commitments.got_what(world.fresh(ana), "call mum")
    await world.commitments.got_days(world.fresh(ana), "we")
    with pytest.raises(InvalidTime):
        await world.commitments.got_time(world.fresh(ana), "25:99")
    assert world.fresh(ana).pending == Pending(COMMIT_TIME, {"text": "call mum", "mask": WEEKENDS})
    assert world.store.commitments == {}


async def test_a_day_button_without_the_guided_step_is_stale(world: World) -> None:
    ana = await world.person(101, "Ana")
    with pytest.raises(StaleButton):
        await world.commitments.got_days(ana, "all")


async def test_cancel_leaves_the_guided_step(world: World) -> None:
    ana = await world.person(101, "Ana")
    await world.commitments.begin(ana)
    await world.commitments.cancel(world.fresh(ana))
    assert world.fresh(ana).pending is None
    assert world.store.commitments == {}


async def test_pause_and_resume(world: World) -> None:
    ana = await world.person(101, "Ana")
    commitment = await world.commit(ana, "call mum", time(21))
    assert world.commitment(commitment.id).next_local_date == date(2026, 6, 10)

    await world.commitments.pause(ana, commitment.id)
    paused = world.commitment(commitment.id)
    assert (paused.state, paused.next_due_at, paused.next_local_date) == (
        CommitmentState.PAUSED,
        None,
        None,
    )
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    await world.dispatcher.tick()
    assert world.store.nudges == {} and world.messenger.sent == []

    world.clock.set(local(MADRID, 2026, 6, 12, 10, 0))
    resumed = await world.commitments.resume(ana, commitment.id)
    assert resumed.state == CommitmentState.ACTIVE
    assert resumed.next_local_date == date(2026, 6, 12)
    assert resumed.next_due_at == local(MADRID, 2026, 6, 12, 21)
    assert world.commitment(commitment.id) == resumed
    # No skipped rows for the paused days: a pause is not a penalty.
    world.clock.set(local(MADRID, 2026, 6, 12, 21, 0))
    await world.dispatcher.tick()
    assert [n.local_date for n in world.nudges_of(commitment.id)] == [date(2026, 6, 12)]


async def test_delete_hides_keeps_history_and_stales_the_nudge(world: World) -> None:
    ana = await world.person(101, "Ana")
    commitment = await world.commit(ana, "call mum", time(21))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 0))
    await world.dispatcher.tick()
    (nudge,) = world.nudges_of(commitment.id)

    await world.commitments.delete(ana, commitment.id)

    deleted = world.commitment(commitment.id)
    assert (deleted.state, deleted.next_due_at) == (CommitmentState.DELETED, None)
    assert await world.commitments.listing(ana) == []
    with pytest.raises(StaleButton):
        await world.nudges.answer(ana, nudge.id, True, None)
    assert world.store.nudge(nudge.id).status == NudgeStatus.SENT
    with pytest.raises(UnknownCommitment):
        await world.commitments.pause(ana, commitment.id)
    with pytest.raises(UnknownCommitment):
        await world.commitments.delete(ana, commitment.id)
    # Deleting frees a place under the limit.
    for hour in (8, 9, 10):
        await world.commit(ana, f"new {hour}", time(hour))
    assert [c.text for c in await world.commitments.listing(ana)] == ["new 8", "new 9", "new 10"]


async def test_someone_elses_commitment_is_unknown(world: World) -> None:
    ana = await world.person(101, "Ana")
    ben = await world.person(202, "Ben")
    commitment = await world.commit(ana, "call mum", time(21))
    for action in (world.commitments.pause, world.commitments.resume, world.commitments.delete):
        with pytest.raises(UnknownCommitment):
            await action(ben, commitment.id)
    with pytest.raises(UnknownCommitment):
        await world.commitments.pause(ben, 9999)
    assert world.commitment(commitment.id).state == CommitmentState.ACTIVE


async def test_changing_the_time_does_not_repeat_todays_nudge(world: World) -> None:
    ana = await world.person(101, "Ana")
    commitment = await world.commit(ana, "morning text", time(9))
    world.clock.set(local(MADRID, 2026, 6, 10, 9, 0))
    await world.dispatcher.tick()
    world.clock.set(local(MADRID, 2026, 6, 10, 10, 0))

    await world.commitments.ask_new_time(ana, commitment.id)
    assert world.fresh(ana).pending == Pending(CHANGE_TIME, {"id": commitment.id})
    changed = await world.commitments.got_new_time(world.fresh(ana), "22:00")

    assert changed.local_time == time(22)
    assert world.fresh(ana).pending is None
    moved = world.commitment(commitment.id)
    assert moved.next_local_date == date(2026, 6, 11)
    assert moved.next_due_at == local(MADRID, 2026, 6, 11, 22)
    world.clock.set(local(MADRID, 2026, 6, 10, 22, 0))
    await world.dispatcher.tick()
    assert len(world.messenger.sent) == 1


async def test_changing_the_time_before_todays_nudge_moves_today(world: World) -> None:
    ana = await world.person(101, "Ana")
    commitment = await world.commit(ana, "evening text", time(21))
    await world.commitments.ask_new_time(ana, commitment.id)
    await world.commitments.got_new_time(world.fresh(ana), "20:00")
    moved = world.commitment(commitment.id)
    assert moved.next_due_at == local(MADRID, 2026, 6, 10, 20)
