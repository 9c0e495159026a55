"""/sharing: each person chooses how they hear about their partner's answers, and the daily
summary comes once, at the chosen local time, on both sides of a daylight-saving change."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.domain import actions
from bot.domain.errors import StaleButton
from bot.domain.models import (
    SHARING_LIVE,
    SHARING_SUMMARY,
    NudgeStatus,
    Person,
    SummaryStatus,
)
from bot.domain.ports import Button, Outgoing, TryLater
from bot.domain.sharing import SHARING_TIME, SharingService
from bot.domain.summaries import SummaryDispatcher, SummaryReport
from tests.unit.conftest import MADRID, NEW_YORK, World, local

GROUP = -1000
BEN_CHAT = 202


@pytest.fixture
def sharing(world: World) -> SharingService:
    """The /sharing use cases over the world's store, clock and messenger."""
    return SharingService(world.uow, world.clock, world.messenger)


@pytest.fixture
def summaries(world: World) -> SummaryDispatcher:
    """The summary tick over the world's store, clock and messenger."""
    return SummaryDispatcher(world.uow, world.clock, world.messenger)


def labels(message: Outgoing) -> list[str]:
    return [b.label for row in message.buttons for b in row]


async def answered(
    world: World, ana: Person, day: date, kept: bool, words: str, at: time = time(21)
) -> int:
    """Ana's nudge of `words` on `day`, sent and answered Kept or Missed five minutes after."""
    commitment = await world.ledger(ana, {day: NudgeStatus.SENT}, words=words)
    (nudge,) = world.nudges_of(commitment.id)
    world.clock.set(local(MADRID, day.year, day.month, day.day, at.hour, at.minute + 5))
    await world.nudges.answer(world.fresh(ana), nudge.id, kept, None)
    return nudge.id


async def test_sharing_shows_both_choices_and_the_default(
    world: World, sharing: SharingService
) -> None:
    ana, ben = await world.couple()
    await world.pairing.link(ana, GROUP)

    shown = await sharing.show(ben)

    assert shown.text.startswith(
        "You hear about Ana's promises as they happen: each answer, kept or missed, comes in your"
        " linked group as soon as it is given."
    )
    assert "Ana hears about yours as they happen, in your linked group." in shown.text
    assert shown.buttons == (
        (
            Button("As it happens", actions.encode(actions.SHARING, "live")),
            Button("One summary a day", actions.encode(actions.SHARING, "sum")),
        ),
    )


async def test_choosing_the_summary_asks_its_time_and_then_holds_the_partners_answers(
    world: World, sharing: SharingService, summaries: SummaryDispatcher
) -> None:
    ana, ben = await world.couple()
    await world.pairing.link(ana, GROUP)
    world.clock.set(local(MADRID, 2026, 6, 10, 9, 0))

    asked = await sharing.choose(ben, "sum")
    assert labels(asked) == ["08:00", "13:00", "20:00", "21:30"]
    assert world.fresh(ben).pending is not None
    assert world.fresh(ben).pending.kind == SHARING_TIME  # type: ignore[union-attr]
    done = await sharing.choose(world.fresh(ben), "2130")

    assert "one summary a day at 21:30 (Europe/Madrid)" in done.text
    assert "Next summary: Wed 10 Jun, 21:30." in done.text
    fresh = world.fresh(ben)
    assert (fresh.sharing, fresh.summary_time, fresh.pending) == (
        SHARING_SUMMARY,
        time(21, 30),
        None,
    )
    assert world.store.summary_next_at(ben.id) == local(MADRID, 2026, 6, 10, 21, 30)

    # Ana's answers reach nobody as they happen: not Ben's chat, not their group.
    world.messenger.sent.clear()
    kept = await answered(world, ana, date(2026, 6, 10), True, "Dishes")
    missed = await answered(world, ana, date(2026, 6, 10), False, "Call mum", at=time(21, 10))
    assert world.messenger.to(BEN_CHAT) == [] and world.messenger.to(GROUP) == []

    world.clock.set(local(MADRID, 2026, 6, 10, 21, 29))
    await summaries.tick()
    assert world.messenger.to(BEN_CHAT) == []

    world.clock.set(local(MADRID, 2026, 6, 10, 21, 30))
    report = await summaries.tick()
    assert report.sent == 1
    (summary,) = world.messenger.to(BEN_CHAT)
    assert summary.message.text == (
        "🗓 Your daily summary of Ana's promises:\n\n"
        "• Dishes — ✅ Kept (Wed 10 Jun)\n"
        "• Call mum — ❌ Missed (Wed 10 Jun)"
    )
    assert summary.message.buttons == (
        (Button("🤝 I noticed · Dishes", actions.encode(actions.NOTICED, kept)),),
        (Button("🤝 Thanks for telling me · Call mum", actions.encode(actions.NOTICED, missed)),),
    )
    assert world.messenger.to(GROUP) == []
    (row,) = world.store.summary_rows()
    assert (row.status, row.local_date, row.items) == (SummaryStatus.SENT, date(2026, 6, 10), 2)
    assert world.store.summary_next_at(ben.id) == local(MADRID, 2026, 6, 11, 21, 30)

    # Once a day: more ticks that evening send nothing more.
    for _ in range(5):
        world.clock.advance(minutes=1)
        await summaries.tick()
    assert len(world.messenger.to(BEN_CHAT)) == 1


async def test_noticing_in_the_summary_updates_it_and_thanks_the_owner(
    world: World, sharing: SharingService, summaries: SummaryDispatcher
) -> None:
    ana, ben = await world.couple()
    world.clock.set(local(MADRID, 2026, 6, 10, 9, 0))
    await sharing.summary(ben, time(21, 30))
    kept = await answered(world, ana, date(2026, 6, 10), True, "Dishes")
    missed = await answered(world, ana, date(2026, 6, 10), False, "Call mum", at=time(21, 10))
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 30))
    await summaries.tick()
    (summary,) = world.messenger.to(BEN_CHAT)
    world.messenger.sent.clear()

    toast = await world.nudges.notice(world.fresh(ben), missed, summary.ref)

    assert toast == "Thank you. Ana will see your thanks."
    (to_ana,) = world.messenger.to(101)
    assert (
        to_ana.message.text == "🤝 Ben thanks you for telling them about “Call mum” (Wed 10 Jun)."
    )
    shown = world.messenger.current(summary.ref)
    assert shown.text.endswith("• Call mum — ❌ Missed (Wed 10 Jun) · 🤝 you said thanks")
    assert shown.buttons == (
        (Button("🤝 I noticed · Dishes", actions.encode(actions.NOTICED, kept)),),
    )
    assert await world.nudges.notice(world.fresh(ben), kept, summary.ref) == (
        "Thank you. Ana will see that you noticed."
    )
    assert world.messenger.current(summary.ref).buttons == ()


async def test_a_day_with_nothing_to_tell_sends_nothing(
    world: World, sharing: SharingService, summaries: SummaryDispatcher
) -> None:
    _, ben = await world.couple()
    world.clock.set(local(MADRID, 2026, 6, 10, 9, 0))
    await sharing.summary(ben, time(20))
    world.messenger.sent.clear()

    world.clock.set(local(MADRID, 2026, 6, 10, 20, 0))
    report = await summaries.tick()

    assert report.empty == 1 and world.messenger.sent == []
    (row,) = world.store.summary_rows()
    assert row.status == SummaryStatus.EMPTY


@pytest.mark.parametrize(
    ("at", "day", "expected_utc"),
    [
        # 21:30 on the last summer evening and the first winter one: 19:30 then 20:30 UTC.
        (time(21, 30), date(2026, 10, 24), datetime(2026, 10, 24, 19, 30, tzinfo=UTC)),
        (time(21, 30), date(2026, 10, 25), datetime(2026, 10, 25, 20, 30, tzinfo=UTC)),
        # 02:30 happens twice on 25 Oct 2026: the first one only.
        (time(2, 30), date(2026, 10, 25), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        # 02:30 does not exist on 28 Mar 2027: 03:00 CEST, the first valid instant after.
        (time(2, 30), date(2027, 3, 28), datetime(2027, 3, 28, 1, 0, tzinfo=UTC)),
    ],
)
async def test_the_summary_comes_once_at_its_local_time_across_daylight_saving(
    world: World,
    sharing: SharingService,
    summaries: SummaryDispatcher,
    at: time,
    day: date,
    expected_utc: datetime,
) -> None:
    ana, ben = await world.couple()
    previous = day - timedelta(days=1)
    world.clock.set(local(MADRID, previous.year, previous.month, previous.day, 12, 0))
    await sharing.summary(ben, at)
    # Something to tell each day, answered the evening before the summary's day.
    await answered(world, ana, previous, True, "Dishes")
    world.messenger.sent.clear()

    # Minute by minute through the whole local day of `day`, as the real tick runs.
    start = datetime.combine(day, time(0), tzinfo=local(MADRID, 2026, 1, 1).tzinfo)
    moment = start.astimezone(UTC).replace(second=0)
    end = moment + timedelta(hours=25)
    arrivals: list[datetime] = []
    while moment < end:
        world.clock.set(moment)
        before = len(world.messenger.to(BEN_CHAT))
        await summaries.tick()
        if len(world.messenger.to(BEN_CHAT)) > before:
            arrivals.append(moment)
        moment += timedelta(minutes=1)

    assert arrivals == [expected_utc]
    rows = [r for r in world.store.summary_rows() if r.local_date == day]
    assert [(r.status, r.due_at) for r in rows] == [(SummaryStatus.SENT, expected_utc)]


async def test_a_summary_sent_is_not_sent_again_after_a_restart_and_a_claim_lost_is(
    world: World, sharing: SharingService
) -> None:
    ana, ben = await world.couple()
    world.clock.set(local(MADRID, 2026, 6, 10, 9, 0))
    await sharing.summary(ben, time(21, 30))
    await answered(world, ana, date(2026, 6, 10), True, "Dishes")
    world.messenger.sent.clear()
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 30))

    # A process claims the summary and dies before sending it.
    first = SummaryDispatcher(world.uow, world.clock, world.messenger)
    await first.plan(world.clock.now(), SummaryReport())
    async with world.uow() as uow:
        (claimed,) = await uow.summaries.claim_due(world.clock.now(), 10)
        await uow.commit()
    assert world.messenger.sent == []

    # The next process takes over: the summary goes once, and never again.
    world.clock.advance(minutes=1)
    second = SummaryDispatcher(world.uow, world.clock, world.messenger)
    assert await second.recover() == 1
    await second.tick()
    third = SummaryDispatcher(world.uow, world.clock, world.messenger)
    await third.recover()
    await third.tick()
    assert len(world.messenger.to(BEN_CHAT)) == 1
    (row,) = world.store.summary_rows()
    assert (row.id, row.status, row.attempts) == (claimed.id, SummaryStatus.SENT, 2)


async def test_a_failed_send_is_retried_later_the_same_day(
    world: World, sharing: SharingService, summaries: SummaryDispatcher
) -> None:
    ana, ben = await world.couple()
    world.clock.set(local(MADRID, 2026, 6, 10, 9, 0))
    await sharing.summary(ben, time(21, 30))
    await answered(world, ana, date(2026, 6, 10), True, "Dishes")
    world.messenger.sent.clear()
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 30))
    world.messenger.fail_next(1, TryLater(60))

    assert (await summaries.tick()).retried == 1
    world.clock.advance(seconds=59)
    assert (await summaries.tick()).sent == 0
    world.clock.advance(seconds=2)
    assert (await summaries.tick()).sent == 1
    assert len(world.messenger.to(BEN_CHAT)) == 1


async def test_back_to_as_it_happens_sends_what_was_waiting(
    world: World, sharing: SharingService, summaries: SummaryDispatcher
) -> None:
    ana, ben = await world.couple()
    await world.pairing.link(ana, GROUP)
    world.clock.set(local(MADRID, 2026, 6, 10, 9, 0))
    await sharing.summary(ben, time(22))
    nudge_id = await answered(world, ana, date(2026, 6, 10), False, "Call mum")
    world.messenger.sent.clear()
    world.clock.advance(minutes=10)

    done = await sharing.choose(world.fresh(ben), "live")

    assert done.text.startswith(
        "Done: you'll hear about Ana's answers as they happen, in your linked group."
    )
    (told,) = world.messenger.to(GROUP)
    assert told.message.text == "❌ Ana let you know they missed “Call mum” (Wed 10 Jun)."
    assert world.store.nudge(nudge_id).partner_message_id == told.message_id
    assert world.fresh(ben).sharing == SHARING_LIVE
    assert world.store.summary_next_at(ben.id) is None
    world.clock.set(local(MADRID, 2026, 6, 10, 22, 0))
    await summaries.tick()
    assert world.messenger.to(BEN_CHAT) == [] and world.store.summary_rows() == []


async def test_a_typed_time_is_taken_and_bad_input_changes_nothing(
    world: World, sharing: SharingService
) -> None:
    _, ben = await world.couple()
    await sharing.choose(ben, "sum")

    refused = await sharing.got_time(world.fresh(ben), "tonight")

    assert refused.text.startswith("I can't read “tonight” as a time, so nothing has changed.")
    assert labels(refused) == ["08:00", "13:00", "20:00", "21:30"]
    assert world.fresh(ben).sharing == SHARING_LIVE
    assert world.fresh(ben).pending is not None

    done = await sharing.got_time(world.fresh(ben), "7:45")
    assert "one summary a day at 07:45" in done.text
    assert (world.fresh(ben).summary_time, world.fresh(ben).pending) == (time(7, 45), None)
    with pytest.raises(StaleButton):
        await sharing.choose(world.fresh(ben), "2599")


async def test_a_new_time_zone_keeps_the_summary_at_its_local_time(
    world: World, sharing: SharingService
) -> None:
    _, ben = await world.couple()
    world.clock.set(local(MADRID, 2026, 6, 10, 9, 0))
    await sharing.summary(ben, time(21, 30))

    await world.people.set_timezone(world.fresh(ben), NEW_YORK)

    assert world.store.summary_next_at(ben.id) == local(NEW_YORK, 2026, 6, 10, 21, 30)
