"""Three hours down: the still-running local day's nudges come late and say so; older ones are
recorded skipped and never sent."""

from __future__ import annotations

from datetime import date, time

from bot.domain.dispatch import TickReport
from bot.domain.models import NudgeStatus
from bot.texts import text
from tests.unit.conftest import MADRID, NEW_YORK, World, local

KATHMANDU = "Asia/Kathmandu"
LATE = text("en", "nudge_late_note")


async def test_three_hours_down_sends_todays_late_and_skips_yesterdays(world: World) -> None:
    ana = await world.person(101, "Ana", MADRID)
    ben = await world.person(202, "Ben", NEW_YORK)
    kiran = await world.person(303, "Kiran", KATHMANDU)
    evening = await world.commit(ana, "ana evening", time(22, 30))
    midnight = await world.commit(ana, "ana midnight", time(23, 59))
    small_hours = await world.commit(ana, "ana small hours", time(0, 30))
    afternoon = await world.commit(ben, "ben afternoon", time(16, 30))
    dusk = await world.commit(ben, "ben dusk", time(18, 45))
    night = await world.commit(ben, "ben night", time(19, 30))
    early = await world.commit(kiran, "kiran early", time(2, 0))

    # Running until 22:00 in Madrid (16:00 in New York, 01:45 in Kathmandu), then down.
    world.clock.set(local(MADRID, 2026, 6, 10, 21, 59))
    assert await world.dispatcher.tick() == TickReport()
    world.clock.set(local(MADRID, 2026, 6, 11, 1, 0))  # back at 01:00 Madrid, 19:00 New York
    await world.dispatcher.recover()
    report = await world.dispatcher.tick()

    assert report == TickReport(planned=4, skipped=2, sent=4)
    assert [(n.local_date, n.status, n.late) for n in world.nudges_of(evening.id)] == [
        (date(2026, 6, 10), NudgeStatus.SKIPPED, False)
    ]
    assert [(n.local_date, n.status, n.late) for n in world.nudges_of(midnight.id)] == [
        (date(2026, 6, 10), NudgeStatus.SKIPPED, False)
    ]
    for commitment, day in (
        (small_hours, date(2026, 6, 11)),
        (afternoon, date(2026, 6, 10)),
        (dusk, date(2026, 6, 10)),
        (early, date(2026, 6, 11)),
    ):
        (nudge,) = world.nudges_of(commitment.id)
        assert (nudge.local_date, nudge.status, nudge.late) == (day, NudgeStatus.SENT, True)
    assert world.nudges_of(night.id) == []

    (to_ana,) = world.messenger.to(101)
    assert "ana small hours" in to_ana.message.text and LATE in to_ana.message.text
    assert "ana evening" not in to_ana.message.text and "ana midnight" not in to_ana.message.text
    (to_ben,) = world.messenger.to(202)  # both late ones in one message
    assert "ben afternoon" in to_ben.message.text and "ben dusk" in to_ben.message.text
    assert LATE in to_ben.message.text
    (to_kiran,) = world.messenger.to(303)
    assert LATE in to_kiran.message.text

    # Nothing is owed any more: every commitment looks ahead.
    for commitment in (evening, midnight, small_hours, afternoon, dusk, night, early):
        due = world.commitment(commitment.id).next_due_at
        assert due is not None and due > world.clock.now()

    # The rest of the day runs on time again.
    world.clock.set(local(NEW_YORK, 2026, 6, 10, 19, 30))
    assert await world.dispatcher.tick() == TickReport(planned=1, sent=1)
    (nudge,) = world.nudges_of(night.id)
    assert (nudge.status, nudge.late) == (NudgeStatus.SENT, False)
    assert LATE not in world.messenger.to(202)[-1].message.text
    world.clock.set(local(MADRID, 2026, 6, 11, 22, 30))  # also 16:30 in New York
    assert await world.dispatcher.tick() == TickReport(planned=3, sent=3)
    assert [n.local_date for n in world.nudges_of(evening.id)] == [
        date(2026, 6, 10),
        date(2026, 6, 11),
    ]
    assert not world.nudges_of(evening.id)[-1].late
