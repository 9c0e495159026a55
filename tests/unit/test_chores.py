"""The chore plan with the fakes: adding, giving a chore to the partner, the grid, swaps."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time
from typing import Any

import pytest

from bot.domain import actions
from bot.domain.chore_plan import swap_arg
from bot.domain.chores import (
    CHORE_DAYS,
    CHORE_NAME,
    CHORE_TIME,
    CHORE_WHO,
    MAX_CHORE_NAME,
    ChoreService,
)
from bot.domain.errors import (
    AlreadyAnswered,
    AssigneeAtLimit,
    ChoreNameTooLong,
    ChoresElsewhere,
    NoChoreDays,
    NotAPartner,
    NotPaired,
    NotYours,
    StaleButton,
    TooManyCommitments,
)
from bot.domain.models import Chore, Commitment, CommitmentState, Person, SwapState
from bot.domain.ports import Outgoing
from bot.domain.schedule import EVERY_DAY, WEEKDAYS, WEEKENDS
from bot.texts import text
from bot.views.chores import plan_text
from tests.unit.conftest import NEW_YORK, World
from tests.weekdays import mask_of

GROUP = -700
DISHES = "Dishes after dinner"


@pytest.fixture
def chores(world: World) -> ChoreService:
    """The chore service over the world's fakes, with the default limit of three."""
    return ChoreService(world.uow, world.clock, world.messenger, max_active=3)


def data(message: Outgoing) -> list[str]:
    """The callback data of a message's buttons, row by row."""
    return [button.action for row in message.buttons for button in row]


def labels(message: Outgoing) -> list[str]:
    """The labels of a message's buttons, row by row."""
    return [button.label for row in message.buttons for button in row]


def state(world: World) -> tuple[Any, ...]:
    """Every committed row a chore use case could touch."""
    store = world.store
    return (
        dict(store.people),
        dict(store.commitments),
        dict(store.chores),
        dict(store.chore_swaps),
        dict(store.nudges),
    )


async def add_chore(
    world: World,
    chores: ChoreService,
    actor: Person,
    name: str,
    assignee: Person,
    days: str | list[int],
    at: str,
) -> Outgoing:
    """The whole guided flow: Add, the name, the assignee, the days (a preset or picked), the time."""
    couple_id = world.fresh(actor).couple_id
    assert couple_id is not None
    await chores.begin_add(world.fresh(actor), couple_id, actor.chat_id)
    await chores.got_text(world.fresh(actor), name)
    await chores.choose_who(world.fresh(actor), assignee.id)
    if isinstance(days, str):
        await chores.choose_days(world.fresh(actor), days)
    else:
        await chores.choose_days(world.fresh(actor), "pick")
        for day in days:
            await chores.choose_days(world.fresh(actor), str(day))
        await chores.choose_days(world.fresh(actor), "ok")
    return await chores.got_text(world.fresh(actor), at)


def shares(world: World, person: Person) -> list[Commitment]:
    """The person's committed chore commitments that are not deleted."""
    return [
        c
        for c in world.store.commitments.values()
        if c.person_id == person.id
        and c.chore_id is not None
        and c.state != CommitmentState.DELETED
    ]


# -- adding a chore ------------------------------------------------------------------------------


async def test_a_chore_given_to_the_partner_is_their_commitment_with_its_own_nudge(
    world: World, chores: ChoreService
) -> None:
    ana, ben = await world.couple()
    await world.people.set_timezone(ben, NEW_YORK)
    ben = world.fresh(ben)
    couple_id = ana.couple_id
    assert couple_id is not None

    plan = await chores.plan(ana, None)
    assert plan.text == "🧹 Chore plan of Ana and Ben\n\n" + text("en", "chores_none")
    assert data(plan) == [f"ha:{couple_id}", f"hs:{couple_id}"]

    toast = await chores.begin_add(ana, couple_id, ana.chat_id)
    assert toast == ""
    [ask] = world.messenger.to(101)
    assert ask.message.text.startswith("What's the chore?")
    assert world.fresh(ana).pending is not None
    assert world.fresh(ana).pending.kind == CHORE_NAME  # type: ignore[union-attr]

    who = await chores.got_text(world.fresh(ana), f"  {DISHES}\n")
    assert who.text == f"Who takes care of “{DISHES}”?"
    assert labels(who) == ["Ana (me)", "Ben"]
    assert data(who) == [f"hw:{ana.id}", f"hw:{ben.id}"]

    days = await chores.choose_who(world.fresh(ana), ben.id)
    assert days.edit is not None
    assert days.edit.text == f"On which days does Ben do “{DISHES}”?"
    assert data(days.edit) == ["hd:all", "hd:wk", "hd:we", "hd:pick"]

    await chores.choose_days(world.fresh(ana), "pick")
    await chores.choose_days(world.fresh(ana), "0")
    picked = await chores.choose_days(world.fresh(ana), "2")
    assert picked.edit is not None
    assert "Chosen: Mon, Wed" in picked.edit.text
    asked = await chores.choose_days(world.fresh(ana), "ok")
    assert asked.edit is not None
    assert "remind Ben" in asked.edit.text and NEW_YORK in asked.edit.text
    assert world.fresh(ana).pending.kind == CHORE_TIME  # type: ignore[union-attr]

    added = await chores.got_text(world.fresh(ana), "20:00")

    assert added.text.startswith(f"Added to the plan: “{DISHES}” for Ben, Mon, Wed at 20:00.")
    assert world.fresh(ana).pending is None
    [chore] = world.store.chores.values()
    assert (chore.couple_id, chore.name) == (couple_id, DISHES)
    assert shares(world, ana) == []
    [share] = shares(world, ben)
    assert share.text == DISHES
    assert share.chore_id == chore.id
    assert share.weekdays == mask_of([0, 2])
    assert share.local_time == time(20)
    # START is Wednesday 10 June, 02:00 in New York: tonight at 20:00 there.
    assert share.next_due_at == datetime(2026, 6, 11, 0, 0, tzinfo=UTC)
    [told] = world.messenger.to(202)
    assert told.message.text.startswith(f"🧹 Ana gave you a chore in your plan: “{DISHES}”")

    world.clock.set(share.next_due_at)
    report = await world.dispatcher.tick()

    assert report.sent == 1
    nudge = world.messenger.to(202)[-1].message
    assert DISHES in nudge.text
    [row] = world.nudges_of(share.id)
    assert row.person_id == ben.id
    assert data(nudge)[:2] == [f"k:{row.id}", f"m:{row.id}"]
    assert world.messenger.to(101)[-1] == ask, "Ana's chat got nothing more than the question"


async def test_a_chore_for_yourself_in_your_zone(world: World, chores: ChoreService) -> None:
    ana, _ = await world.couple()

    added = await add_chore(world, chores, ana, "Bins", ana, "wk", "7:30")

    assert added.text.startswith("Added to the plan: “Bins”, Weekdays at 07:30.")
    [share] = shares(world, ana)
    assert share.weekdays == WEEKDAYS
    # It is 08:00 in Madrid: tomorrow at 07:30 there.
    assert share.next_due_at == datetime(2026, 6, 11, 5, 30, tzinfo=UTC)
    assert world.messenger.to(202) == [], "nobody else is told of your own chore"


async def test_the_plan_is_posted_in_the_linked_group_when_it_changes(
    world: World, chores: ChoreService
) -> None:
    ana, ben = await world.couple()
    await world.pairing.link(ana, GROUP)

    await add_chore(world, chores, ana, DISHES, ben, "all", "20:00")
    await add_chore(world, chores, ben, "Bins", ana, [1, 4], "08:00")

    posted = [m.message for m in world.messenger.to(GROUP)]
    assert len(posted) == 2
    assert posted[-1].text == (
        "🧹 Chore plan of Ana and Ben\n\n"
        f"Mon: {DISHES} (Ben)\n"
        f"Tue: {DISHES} (Ben) · Bins (Ana)\n"
        f"Wed: {DISHES} (Ben)\n"
        f"Thu: {DISHES} (Ben)\n"
        f"Fri: {DISHES} (Ben) · Bins (Ana)\n"
        f"Sat: {DISHES} (Ben)\n"
        f"Sun: {DISHES} (Ben)"
    )
    assert posted[-1] == await chores.plan(ana, GROUP)
    assert posted[-1] == await chores.plan(ben, None)


async def test_days_given_to_one_partner_are_taken_off_the_other(
    world: World, chores: ChoreService
) -> None:
    ana, ben = await world.couple()
    await add_chore(world, chores, ana, DISHES, ana, "all", "20:00")

    await add_chore(world, chores, ana, "dishes after DINNER", ben, "we", "19:00")

    [chore] = world.store.chores.values()
    [mine] = shares(world, ana)
    [his] = shares(world, ben)
    assert (mine.chore_id, his.chore_id) == (chore.id, chore.id)
    assert his.text == DISHES, "the same chore keeps its first spelling"
    assert (mine.weekdays, his.weekdays) == (WEEKDAYS, WEEKENDS)
    assert his.local_time == time(19)

    world.messenger.sent.clear()
    await add_chore(world, chores, ben, DISHES, ben, [0], "19:00")

    [mine] = shares(world, ana)
    assert mine.weekdays == mask_of([1, 2, 3, 4])
    assert [c.weekdays for c in shares(world, ben)] == [WEEKENDS, mask_of([0])]
    [note] = world.messenger.to(101)
    assert (
        note.message.text
        == f"🧹 “{DISHES}” on Mon is with Ben now, so it's off your list on those days."
    )


async def test_a_share_left_without_days_ends_and_keeps_its_history(
    world: World, chores: ChoreService
) -> None:
    ana, ben = await world.couple()
    await add_chore(world, chores, ana, DISHES, ana, "we", "20:00")
    [old] = shares(world, ana)

    await add_chore(world, chores, ana, DISHES, ben, "all", "20:00")

    ended = world.commitment(old.id)
    assert ended.state == CommitmentState.DELETED
    assert ended.next_due_at is None
    assert [c.weekdays for c in shares(world, ben)] == [EVERY_DAY]


async def test_the_limit_applies_to_the_partner_who_gets_the_chore(
    world: World, chores: ChoreService
) -> None:
    ana, ben = await world.couple()
    for hour in (7, 8, 9):
        await world.commit(ben, f"Promise {hour}", time(hour))
    await chores.begin_add(ana, ana.couple_id or 0, ana.chat_id)
    await chores.got_text(world.fresh(ana), DISHES)
    before = state(world)

    with pytest.raises(AssigneeAtLimit) as refused:
        await chores.choose_who(world.fresh(ana), ben.id)

    message = text("en", refused.value.key, **refused.value.params)
    assert message.startswith("Ben already has 3 active commitments")
    assert state(world) == before
    assert world.fresh(ana).pending.kind == CHORE_WHO  # type: ignore[union-attr]
    # Ana can still take it herself.
    days = await chores.choose_who(world.fresh(ana), ana.id)
    assert days.edit is not None
    assert world.fresh(ana).pending.kind == CHORE_DAYS  # type: ignore[union-attr]


async def test_the_limit_is_checked_again_when_the_chore_is_added(
    world: World, chores: ChoreService
) -> None:
    ana, ben = await world.couple()
    for hour in (7, 8):
        await world.commit(ben, f"Promise {hour}", time(hour))
    await chores.begin_add(ana, ana.couple_id or 0, ana.chat_id)
    await chores.got_text(world.fresh(ana), DISHES)
    await chores.choose_who(world.fresh(ana), ben.id)
    await chores.choose_days(world.fresh(ana), "all")
    # Meanwhile Ben names a third promise of his own.
    await world.commit(ben, "Promise 9", time(9))
    before = state(world)

    with pytest.raises(AssigneeAtLimit):
        await chores.got_text(world.fresh(ana), "20:00")

    assert state(world) == before
    assert world.store.chores == {}


async def test_your_own_limit_gives_the_usual_refusal(world: World, chores: ChoreService) -> None:
    ana, _ = await world.couple()
    for hour in (7, 8, 9):
        await world.commit(ana, f"Promise {hour}", time(hour))
    await chores.begin_add(ana, ana.couple_id or 0, ana.chat_id)
    await chores.got_text(world.fresh(ana), DISHES)

    with pytest.raises(TooManyCommitments):
        await chores.choose_who(world.fresh(ana), ana.id)


async def test_names_and_steps_are_checked(world: World, chores: ChoreService) -> None:
    ana, ben = await world.couple()
    await chores.begin_add(ana, ana.couple_id or 0, ana.chat_id)
    before = state(world)

    with pytest.raises(ChoreNameTooLong):
        await chores.got_text(world.fresh(ana), "x" * (MAX_CHORE_NAME + 1))
    # Buttons of a later step, pressed now, are stale.
    with pytest.raises(StaleButton):
        await chores.choose_who(world.fresh(ana), ben.id)
    with pytest.raises(StaleButton):
        await chores.choose_days(world.fresh(ana), "all")
    assert state(world) == before

    await chores.got_text(world.fresh(ana), DISHES)
    # Someone outside the couple cannot be chosen, even with forged data.
    carl = await world.person(303, "Carl")
    with pytest.raises(StaleButton):
        await chores.choose_who(world.fresh(ana), carl.id)
    # Typing instead of pressing shows the question again.
    again = await chores.got_text(world.fresh(ana), "Ben please")
    assert again.text == f"Who takes care of “{DISHES}”?"


async def test_where_the_plan_can_be_seen(world: World, chores: ChoreService) -> None:
    ana, _ = await world.couple()
    carl = await world.person(303, "Carl")

    with pytest.raises(NotPaired):
        await chores.plan(carl, None)
    with pytest.raises(ChoresElsewhere):
        await chores.plan(ana, GROUP)  # not linked yet
    await world.pairing.link(ana, GROUP)
    with pytest.raises(NotAPartner):
        await chores.plan(carl, GROUP)
    with pytest.raises(NotAPartner):
        await chores.begin_add(carl, ana.couple_id or 0, GROUP)
    assert world.store.person(carl.id).pending is None


async def test_add_pressed_in_the_group_continues_in_private(
    world: World, chores: ChoreService
) -> None:
    ana, _ = await world.couple()
    await world.pairing.link(ana, GROUP)

    toast = await chores.begin_add(ana, ana.couple_id or 0, GROUP)

    assert toast == text("en", "chores_in_private")
    [ask] = world.messenger.to(101)
    assert ask.message.text.startswith("What's the chore?")
    assert world.messenger.to(GROUP) == []


# -- the grid ------------------------------------------------------------------------------------


def test_the_grid_has_a_line_per_weekday_with_who_does_what() -> None:
    now = datetime(2026, 6, 10, tzinfo=UTC)
    dishes, bins = Chore(1, 9, "Dishes", now), Chore(2, 9, "Bins", now)

    def share(
        cid: int, person: int, chore: int, days: list[int], state: CommitmentState
    ) -> Commitment:
        return Commitment(
            cid, person, "x", mask_of(days), time(20), state, None, None, now, None, chore
        )

    body = plan_text(
        "en",
        ("Ana", "Ben"),
        {1: "Ana", 2: "Ben"},
        [dishes, bins],
        [
            share(10, 2, 2, [0, 3], CommitmentState.ACTIVE),
            share(11, 1, 1, [0, 1, 2], CommitmentState.ACTIVE),
            share(12, 2, 1, [3], CommitmentState.PAUSED),
        ],
    )

    assert body == (
        "🧹 Chore plan of Ana and Ben\n\n"
        "Mon: Dishes (Ana) · Bins (Ben)\n"
        "Tue: Dishes (Ana)\n"
        "Wed: Dishes (Ana)\n"
        "Thu: Dishes (Ben, paused) · Bins (Ben)\n"
        "Fri: —\n"
        "Sat: —\n"
        "Sun: —"
    )
    assert max(len(line) for line in body.splitlines()) < 45, "it fits a phone's width"


# -- swapping a day ------------------------------------------------------------------------------


async def swap_requested(world: World, chores: ChoreService) -> tuple[Person, Person, int]:
    """Ana does the dishes on weekdays at 20:00 and asks Ben to take Wednesday."""
    ana, ben = await world.couple()
    await world.pairing.link(ana, GROUP)
    await add_chore(world, chores, ana, DISHES, ana, "wk", "20:00")
    [share] = shares(world, ana)
    world.messenger.sent.clear()

    toast = await chores.ask_swap(world.fresh(ana), ana.couple_id or 0, 101)
    assert toast == ""
    [pick] = world.messenger.to(101)
    assert pick.message.text == "Which of your chore days would you like Ben to take?"
    assert labels(pick.message) == [
        f"Dishes after di… · {d}" for d in ("Mon", "Tue", "Wed", "Thu", "Fri")
    ]
    wednesday = swap_arg(share.id, 2)
    assert f"hq:{wednesday}" in data(pick.message)

    asked = await chores.request_swap(world.fresh(ana), wednesday)

    assert asked.edit == Outgoing(
        f"I've asked Ben if they can take “{DISHES}” on Wed. I'll tell you their answer."
    )
    [swap] = world.store.chore_swaps.values()
    assert (swap.requester_id, swap.weekday, swap.state) == (ana.id, 2, SwapState.PENDING)
    [request] = world.messenger.to(202)
    assert request.message.text.startswith(
        f"🔁 Ana asks if you could take “{DISHES}” on Wed (20:00)"
    )
    assert data(request.message) == [f"hk:{swap.id}", f"hn:{swap.id}"]
    assert labels(request.message) == ["✅ Accept", "Not this time"]
    world.messenger.sent.clear()
    return world.fresh(ana), world.fresh(ben), swap.id


async def test_accepting_a_swap(world: World, chores: ChoreService) -> None:
    ana, ben, swap_id = await swap_requested(world, chores)
    [before] = shares(world, ana)

    accepted = await chores.answer_swap(ben, swap_id, accept=True)

    assert accepted.edit == Outgoing(
        f"Thank you 🤝 “{DISHES}” on Wed is yours now; I'll remind you at 20:00."
    )
    [mine] = shares(world, ana)
    assert mine.id == before.id
    assert mine.weekdays == mask_of([0, 1, 3, 4])
    # Ana's next nudge skips tonight (Wednesday) and comes on Thursday.
    assert mine.next_due_at == datetime(2026, 6, 11, 18, 0, tzinfo=UTC)
    [his] = shares(world, ben)
    assert (his.chore_id, his.weekdays, his.local_time) == (mine.chore_id, mask_of([2]), time(20))
    assert his.next_due_at == datetime(2026, 6, 10, 18, 0, tzinfo=UTC)
    assert world.store.chore_swaps[swap_id].state == SwapState.ACCEPTED
    assert world.store.chore_swaps[swap_id].settled_at == world.clock.now()
    [told] = world.messenger.to(101)
    assert told.message.text == f"🤝 Ben said yes: “{DISHES}” on Wed is theirs from now on."
    [plan] = world.messenger.to(GROUP)
    assert f"Wed: {DISHES} (Ben)" in plan.message.text
    assert f"Thu: {DISHES} (Ana)" in plan.message.text

    before_again = state(world)
    with pytest.raises(AlreadyAnswered):
        await chores.answer_swap(ben, swap_id, accept=False)
    assert state(world) == before_again


async def test_an_accepted_day_joins_the_partners_share_of_that_chore(
    world: World, chores: ChoreService
) -> None:
    _, ben, swap_id = await swap_requested(world, chores)
    await add_chore(world, chores, ben, DISHES, ben, "we", "21:00")
    [weekend] = shares(world, ben)

    await chores.answer_swap(world.fresh(ben), swap_id, accept=True)

    [his] = shares(world, ben)
    assert his.id == weekend.id
    assert his.weekdays == WEEKENDS | mask_of([2])
    assert his.local_time == time(21)
    assert his.next_due_at == datetime(2026, 6, 10, 19, 0, tzinfo=UTC)


async def test_declining_a_swap_changes_nothing_and_is_said_kindly(
    world: World, chores: ChoreService
) -> None:
    ana, ben, swap_id = await swap_requested(world, chores)
    [before] = shares(world, ana)

    declined = await chores.answer_swap(ben, swap_id, accept=False)

    assert declined.edit == Outgoing("Okay, nothing changes. I've let Ana know, kindly.")
    assert shares(world, ana) == [before]
    assert shares(world, ben) == []
    assert world.store.chore_swaps[swap_id].state == SwapState.DECLINED
    [told] = world.messenger.to(101)
    assert told.message.text.startswith(
        f"Ben can't take “{DISHES}” on Wed this time. That's okay 🌱"
    )
    assert world.messenger.to(GROUP) == [], "the plan did not change"
    with pytest.raises(AlreadyAnswered):
        await chores.answer_swap(ben, swap_id, accept=True)


async def test_only_the_other_partner_answers_a_swap(world: World, chores: ChoreService) -> None:
    ana, ben, swap_id = await swap_requested(world, chores)
    carl = await world.person(303, "Carl")
    dana = await world.person(404, "Dana")
    invite = await world.pairing.invite(carl)
    await world.pairing.join(dana, invite.code)
    world.messenger.sent.clear()
    before = state(world)

    with pytest.raises(NotYours):
        await chores.answer_swap(ana, swap_id, accept=True)
    for stranger in (world.fresh(carl), world.fresh(dana)):
        with pytest.raises(NotAPartner):
            await chores.answer_swap(stranger, swap_id, accept=True)
    with pytest.raises(StaleButton):
        await chores.answer_swap(ben, swap_id + 1, accept=True)

    assert state(world) == before
    assert world.messenger.sent == []


async def test_only_your_own_chore_days_can_be_offered(world: World, chores: ChoreService) -> None:
    ana, ben = await world.couple()
    await add_chore(world, chores, ana, DISHES, ana, "wk", "20:00")
    [share] = shares(world, ana)
    before = state(world)

    with pytest.raises(NotYours):
        await chores.request_swap(ben, swap_arg(share.id, 0))
    with pytest.raises(StaleButton):
        await chores.request_swap(ana, swap_arg(share.id, 5))  # Saturday is not one of them
    with pytest.raises(StaleButton):
        await chores.request_swap(ana, share.id * 10 + 9)
    with pytest.raises(StaleButton):
        await chores.request_swap(ana, swap_arg(share.id + 99, 0))
    with pytest.raises(NoChoreDays):
        await chores.ask_swap(ben, ben.couple_id or 0, 202)
    assert state(world) == before


async def test_a_swap_whose_day_moved_meanwhile_is_stale(
    world: World, chores: ChoreService
) -> None:
    ana, ben, swap_id = await swap_requested(world, chores)
    await add_chore(world, chores, ana, DISHES, ben, [2], "20:00")
    before = state(world)

    with pytest.raises(StaleButton):
        await chores.answer_swap(world.fresh(ben), swap_id, accept=True)

    assert state(world) == before
    assert world.store.chore_swaps[swap_id].state == SwapState.PENDING


async def test_accepting_within_the_limit_only(world: World, chores: ChoreService) -> None:
    _, ben, swap_id = await swap_requested(world, chores)
    for hour in (7, 8, 9):
        await world.commit(ben, f"Promise {hour}", time(hour))
    before = state(world)

    with pytest.raises(TooManyCommitments):
        await chores.answer_swap(world.fresh(ben), swap_id, accept=True)

    assert state(world) == before
    # Declining is always possible.
    await chores.answer_swap(world.fresh(ben), swap_id, accept=False)
    assert world.store.chore_swaps[swap_id].state == SwapState.DECLINED


async def test_a_chore_button_of_another_couple_is_refused(
    world: World, chores: ChoreService
) -> None:
    ana, _ = await world.couple()
    carl = await world.person(303, "Carl")
    dana = await world.person(404, "Dana")
    invite = await world.pairing.invite(carl)
    await world.pairing.join(dana, invite.code)
    before = state(world)

    with pytest.raises(NotAPartner):
        await chores.begin_add(world.fresh(carl), ana.couple_id or 0, 303)
    with pytest.raises(NotAPartner):
        await chores.ask_swap(world.fresh(carl), ana.couple_id or 0, 303)

    assert state(world) == before


def test_chore_buttons_are_short_and_parse_back() -> None:
    for data_ in ("ha:1", "hs:12", "hw:3", "hd:wk", "hp:6", "hp:ok", "hq:123454", "hk:9", "hn:9"):
        assert len(data_.encode()) < 64
        assert actions.decode(data_) is not None
    for forged in ("hp:7", "hp:²", "hd:x", "hq:-1", "hk:", "hw:٣", "hq:" + "9" * 30):
        assert actions.decode(forged) is None


async def test_accept_and_decline_pressed_at_once_settle_once(
    world: World, chores: ChoreService
) -> None:
    _, ben, swap_id = await swap_requested(world, chores)

    results = await asyncio.gather(
        chores.answer_swap(ben, swap_id, accept=True),
        chores.answer_swap(ben, swap_id, accept=False),
        return_exceptions=True,
    )

    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(refused) == 1 and isinstance(refused[0], AlreadyAnswered)
    settled = world.store.chore_swaps[swap_id].state
    moved = [c.weekdays for c in shares(world, ben)]
    assert (settled, moved) in ((SwapState.ACCEPTED, [mask_of([2])]), (SwapState.DECLINED, []))
    assert len(world.messenger.to(101)) == 1, "Ana hears one answer"


async def test_crisis_words_never_become_a_chore_the_partner_sees(
    world: World, chores: ChoreService
) -> None:
    ana, _ = await world.couple()
    assert ana.couple_id is not None
    await chores.begin_add(ana, ana.couple_id, ana.chat_id)
    before = state(world)

    reply = await chores.got_text(world.fresh(ana), "he hits me when I don't clean")

    assert reply == Outgoing(text("en", "chore_name_not_shared"))
    assert state(world) == before and world.store.chores == {}
    assert world.fresh(ana).pending is not None
    assert world.fresh(ana).pending.kind == CHORE_NAME  # type: ignore[union-attr]
    who = await chores.got_text(world.fresh(ana), DISHES)
    assert who.text == f"Who takes care of “{DISHES}”?"
