"""The nudge ledger contract on real databases: planning, claiming, sending and answering."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.models import NudgeRow
from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain.models import NewNudge, Nudge, NudgeStatus

NOW = datetime(2026, 6, 10, 19, 0, 0, 250000, tzinfo=UTC)
DAY = date(2026, 6, 10)
EVERY_DAY = 0b1111111


@dataclass(frozen=True)
class Owner:
    """A person with one daily commitment, ready to be nudged."""

    person_id: int
    commitment_id: int

    def nudge(
        self,
        local_date: date,
        due_at: datetime,
        status: NudgeStatus = NudgeStatus.DUE,
        *,
        late: bool = False,
    ) -> NewNudge:
        return NewNudge(self.commitment_id, self.person_id, local_date, due_at, status, late)


async def owner(uow: SqlUnitOfWorkFactory, chat_id: int = 1001) -> Owner:
    async with uow() as work:
        person = await work.people.add(chat_id, "Ana", "en", "Europe/Madrid")
        commitment = await work.commitments.add(person.id, "call", EVERY_DAY, time(21), NOW)
        await work.commit()
    return Owner(person.id, commitment.id)


async def plan(uow: SqlUnitOfWorkFactory, *nudges: NewNudge) -> list[int]:
    """Write the nudges and return their ids, in the order given."""
    async with uow() as work:
        for nudge in nudges:
            assert await work.nudges.add_if_absent(nudge)
        await work.commit()
    async with uow() as work:
        ids = []
        for nudge in nudges:
            rows = await work.nudges.of_person_between(
                nudge.person_id, nudge.local_date, nudge.local_date
            )
            ids += [row.id for row in rows if row.commitment_id == nudge.commitment_id]
    return ids


async def get(uow: SqlUnitOfWorkFactory, nudge_id: int) -> Nudge:
    async with uow() as work:
        nudge = await work.nudges.get(nudge_id)
    assert nudge is not None
    return nudge


async def claim(uow: SqlUnitOfWorkFactory, now: datetime, limit: int = 100) -> list[Nudge]:
    async with uow() as work:
        claimed = await work.nudges.claim_due(now, limit)
        await work.commit()
    return claimed


async def sent(uow: SqlUnitOfWorkFactory, nudge_id: int, message_id: int = 9001) -> None:
    """Bring a planned nudge through a claim to SENT."""
    nudge = await get(uow, nudge_id)
    assert [n.id for n in await claim(uow, nudge.due_at)] == [nudge_id]
    async with uow() as work:
        await work.nudges.mark_sent([nudge_id], 555, message_id, nudge.due_at)
        await work.commit()


async def count_rows(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(NudgeRow)) or 0)


def assert_utc(moment: datetime | None) -> None:
    assert moment is not None
    assert moment.utcoffset() == timedelta(0)


# Planning


async def test_add_if_absent_writes_one_row_per_commitment_and_local_date(
    uow: SqlUnitOfWorkFactory, engine: AsyncEngine
) -> None:
    ana = await owner(uow)

    async with uow() as work:
        assert not await work.nudges.exists(ana.commitment_id, DAY)
        assert await work.nudges.add_if_absent(ana.nudge(DAY, NOW))
        assert await work.nudges.exists(ana.commitment_id, DAY)
        # Same commitment and local date, even with another instant: refused.
        assert not await work.nudges.add_if_absent(ana.nudge(DAY, NOW + timedelta(hours=1)))
        await work.commit()
    async with uow() as work:
        assert not await work.nudges.add_if_absent(ana.nudge(DAY, NOW, NudgeStatus.SKIPPED))
        # The next local date is a different row.
        assert await work.nudges.add_if_absent(ana.nudge(DAY + timedelta(days=1), NOW))
        await work.commit()

    assert await count_rows(engine) == 2
    async with uow() as work:
        [today, tomorrow] = await work.nudges.of_person_between(
            ana.person_id, DAY, DAY + timedelta(days=1)
        )
    assert (today.local_date, today.due_at, today.status) == (DAY, NOW, NudgeStatus.DUE)
    assert (today.attempts, today.late) == (0, False)
    assert tomorrow.local_date == DAY + timedelta(days=1)


async def test_concurrent_planners_write_the_row_once_and_both_carry_on(
    uow: SqlUnitOfWorkFactory, engine: AsyncEngine
) -> None:
    ana = await owner(uow)
    start = asyncio.Barrier(2)

    async def planner(other_day: date) -> bool:
        async with uow() as work:
            await start.wait()
            added = await work.nudges.add_if_absent(ana.nudge(DAY, NOW))
            # A lost race must not spoil the rest of the planner's transaction.
            assert await work.nudges.add_if_absent(ana.nudge(other_day, NOW))
            await work.commit()
        return added

    results = await asyncio.gather(
        planner(DAY + timedelta(days=1)), planner(DAY + timedelta(days=2))
    )

    assert sorted(results) == [False, True]
    assert await count_rows(engine) == 3


async def test_late_flag_and_skipped_status_are_stored(uow: SqlUnitOfWorkFactory) -> None:
    ana = await owner(uow)

    [late, skipped] = await plan(
        uow,
        ana.nudge(DAY, NOW, late=True),
        ana.nudge(DAY - timedelta(days=1), NOW - timedelta(days=1), NudgeStatus.SKIPPED),
    )

    assert (await get(uow, late)).late is True
    assert (await get(uow, skipped)).status is NudgeStatus.SKIPPED


# Claiming


async def test_claim_due_takes_only_due_rows_whose_time_has_come(
    uow: SqlUnitOfWorkFactory,
) -> None:
    ana = await owner(uow)
    days = [DAY - timedelta(days=n) for n in range(8)]
    earlier = NOW - timedelta(hours=1)
    # Rows that went through a first claim: one to retry later, one to retry now, one sent.
    [retry_later, retry_now, already_sent] = await plan(
        uow,
        ana.nudge(days[1], NOW - timedelta(hours=2)),
        ana.nudge(days[2], NOW - timedelta(hours=3)),
        ana.nudge(days[3], NOW - timedelta(hours=4)),
    )
    assert len(await claim(uow, earlier)) == 3
    async with uow() as work:
        await work.nudges.retry_later([retry_later], NOW + timedelta(minutes=5))
        await work.nudges.retry_later([retry_now], NOW - timedelta(minutes=1))
        await work.nudges.mark_sent([already_sent], 555, 9001, earlier)
        await work.commit()
    [overdue, due_now, future, skipped, failed] = await plan(
        uow,
        ana.nudge(days[4], NOW - timedelta(hours=1)),
        ana.nudge(days[5], NOW),
        ana.nudge(days[0], NOW + timedelta(microseconds=1)),
        ana.nudge(days[6], NOW - timedelta(hours=5), NudgeStatus.SKIPPED),
        ana.nudge(days[7], NOW - timedelta(hours=6)),
    )
    async with uow() as work:
        await work.nudges.mark_failed([failed])
        await work.commit()

    claimed = await claim(uow, NOW)

    # Oldest first; a retried row counts its earlier attempt.
    assert [n.id for n in claimed] == [retry_now, overdue, due_now]
    assert all(n.status is NudgeStatus.SENDING for n in claimed)
    assert [n.attempts for n in claimed] == [2, 1, 1]
    for nudge_id in (retry_now, overdue, due_now):
        stored = await get(uow, nudge_id)
        assert (stored.status, stored.attempts) == (
            NudgeStatus.SENDING,
            2 if nudge_id == retry_now else 1,
        )
    waiting = await get(uow, retry_later)
    assert (waiting.status, waiting.next_attempt_at) == (
        NudgeStatus.DUE,
        NOW + timedelta(minutes=5),
    )
    assert (await get(uow, future)).status is NudgeStatus.DUE
    assert (await get(uow, skipped)).status is NudgeStatus.SKIPPED
    assert (await get(uow, failed)).status is NudgeStatus.FAILED
    assert (await get(uow, already_sent)).status is NudgeStatus.SENT

    assert await claim(uow, NOW) == []
    # Once their time comes, the waiting row and the future one are claimed too.
    assert [n.id for n in await claim(uow, NOW + timedelta(minutes=5))] == [retry_later, future]


async def test_claim_due_honours_the_limit_oldest_first(uow: SqlUnitOfWorkFactory) -> None:
    ana = await owner(uow)
    ids = await plan(
        uow,
        ana.nudge(DAY, NOW - timedelta(minutes=1)),
        ana.nudge(DAY - timedelta(days=1), NOW - timedelta(minutes=3)),
        ana.nudge(DAY - timedelta(days=2), NOW - timedelta(minutes=2)),
    )

    first = await claim(uow, NOW, limit=2)
    rest = await claim(uow, NOW, limit=2)

    assert [n.id for n in first] == [ids[1], ids[2]]
    assert [n.id for n in rest] == [ids[0]]


async def test_concurrent_claims_never_take_the_same_row(uow: SqlUnitOfWorkFactory) -> None:
    ana = await owner(uow)
    ids = await plan(
        uow, *(ana.nudge(DAY - timedelta(days=n), NOW - timedelta(minutes=n)) for n in range(6))
    )
    start = asyncio.Barrier(2)

    async def dispatcher() -> list[int]:
        async with uow() as work:
            await start.wait()
            claimed = await work.nudges.claim_due(NOW, 100)
            await work.commit()
        return [n.id for n in claimed]

    first, second = await asyncio.gather(dispatcher(), dispatcher())

    assert sorted(first + second) == sorted(ids)
    assert not set(first) & set(second)


async def test_claims_left_by_a_crash_are_uncommitted(uow: SqlUnitOfWorkFactory) -> None:
    ana = await owner(uow)
    [nudge_id] = await plan(uow, ana.nudge(DAY, NOW))

    async with uow() as work:
        assert len(await work.nudges.claim_due(NOW, 10)) == 1

    assert (await get(uow, nudge_id)).status is NudgeStatus.DUE
    assert [n.id for n in await claim(uow, NOW)] == [nudge_id]


async def test_release_claims_returns_old_sending_rows_to_due(uow: SqlUnitOfWorkFactory) -> None:
    ana = await owner(uow)
    [stuck, delivered, unclaimed] = await plan(
        uow,
        ana.nudge(DAY, NOW - timedelta(minutes=2)),
        ana.nudge(DAY - timedelta(days=1), NOW - timedelta(minutes=3)),
        ana.nudge(DAY + timedelta(days=1), NOW + timedelta(hours=1)),
    )
    assert len(await claim(uow, NOW)) == 2
    async with uow() as work:
        await work.nudges.mark_sent([delivered], 555, 9001, NOW)
        await work.commit()

    async with uow() as work:
        # Claimed exactly at the cut-off: not old enough.
        assert await work.nudges.release_claims(NOW) == 0
        assert await work.nudges.release_claims(NOW + timedelta(seconds=1)) == 1
        await work.commit()

    assert (await get(uow, stuck)).status is NudgeStatus.DUE
    assert (await get(uow, delivered)).status is NudgeStatus.SENT
    assert (await get(uow, unclaimed)).status is NudgeStatus.DUE
    again = await claim(uow, NOW + timedelta(seconds=1))
    assert [(n.id, n.attempts) for n in again] == [(stuck, 2)]


# Sending


async def test_mark_sent_and_find_the_nudges_in_a_message(uow: SqlUnitOfWorkFactory) -> None:
    ana = await owner(uow)
    async with uow() as work:
        other = await work.commitments.add(ana.person_id, "dishes", EVERY_DAY, time(21), NOW)
        await work.commit()
    [first, second, elsewhere] = await plan(
        uow,
        ana.nudge(DAY, NOW),
        NewNudge(other.id, ana.person_id, DAY, NOW, NudgeStatus.DUE, False),
        ana.nudge(DAY - timedelta(days=1), NOW - timedelta(days=1)),
    )
    assert len(await claim(uow, NOW)) == 3
    sent_at = NOW + timedelta(seconds=2)

    async with uow() as work:
        # One message can carry several nudges of the same person.
        await work.nudges.mark_sent([second, first], 555, 9001, sent_at)
        await work.nudges.mark_sent([elsewhere], 555, 9002, sent_at)
        await work.commit()
    async with uow() as work:
        in_message = await work.nudges.in_message(555, 9001)
        other_chat = await work.nudges.in_message(556, 9001)
        unknown = await work.nudges.in_message(555, 9003)

    assert [n.id for n in in_message] == [first, second]
    for nudge in in_message:
        assert (nudge.status, nudge.chat_id, nudge.message_id) == (NudgeStatus.SENT, 555, 9001)
        assert nudge.sent_at == sent_at
        assert_utc(nudge.sent_at)
    assert other_chat == []
    assert unknown == []


async def test_retry_later_and_mark_failed(uow: SqlUnitOfWorkFactory) -> None:
    ana = await owner(uow)
    [retried, failed] = await plan(
        uow, ana.nudge(DAY, NOW), ana.nudge(DAY - timedelta(days=1), NOW - timedelta(days=1))
    )
    await claim(uow, NOW)
    retry_at = NOW + timedelta(seconds=30)

    async with uow() as work:
        await work.nudges.retry_later([retried], retry_at)
        await work.nudges.mark_failed([failed])
        await work.commit()

    waiting = await get(uow, retried)
    assert (waiting.status, waiting.next_attempt_at) == (NudgeStatus.DUE, retry_at)
    assert_utc(waiting.next_attempt_at)
    assert (await get(uow, failed)).status is NudgeStatus.FAILED
    assert [n.id for n in await claim(uow, retry_at)] == [retried]


# Answering


async def test_answer_is_recorded_once(uow: SqlUnitOfWorkFactory) -> None:
    ana = await owner(uow)
    [nudge_id] = await plan(uow, ana.nudge(DAY, NOW))
    await sent(uow, nudge_id)
    first_at = NOW + timedelta(minutes=5)

    async with uow() as work:
        assert await work.nudges.answer(nudge_id, NudgeStatus.KEPT, first_at)
        assert not await work.nudges.answer(nudge_id, NudgeStatus.MISSED, first_at)
        await work.commit()
    async with uow() as work:
        assert not await work.nudges.answer(
            nudge_id, NudgeStatus.MISSED, first_at + timedelta(minutes=1)
        )
        await work.commit()

    answered = await get(uow, nudge_id)
    assert (answered.status, answered.answered_at) == (NudgeStatus.KEPT, first_at)
    assert_utc(answered.answered_at)


async def test_a_nudge_not_yet_sent_cannot_be_answered(uow: SqlUnitOfWorkFactory) -> None:
    ana = await owner(uow)
    [nudge_id] = await plan(uow, ana.nudge(DAY, NOW))

    async with uow() as work:
        assert not await work.nudges.answer(nudge_id, NudgeStatus.KEPT, NOW)
        await work.commit()

    untouched = await get(uow, nudge_id)
    assert (untouched.status, untouched.answered_at) == (NudgeStatus.DUE, None)


async def test_a_press_before_the_send_is_recorded_keeps_its_answer(
    uow: SqlUnitOfWorkFactory,
) -> None:
    ana = await owner(uow)
    [nudge_id] = await plan(uow, ana.nudge(DAY, NOW))
    assert [n.id for n in await claim(uow, NOW)] == [nudge_id]
    pressed_at = NOW + timedelta(seconds=1)

    async with uow() as work:  # the message is on the phone, its send not yet committed
        assert await work.nudges.answer(nudge_id, NudgeStatus.KEPT, pressed_at)
        await work.commit()
    async with uow() as work:
        await work.nudges.mark_sent([nudge_id], 555, 9001, NOW)
        await work.commit()

    nudge = await get(uow, nudge_id)
    assert (nudge.status, nudge.answered_at) == (NudgeStatus.KEPT, pressed_at)
    assert (nudge.chat_id, nudge.message_id) == (555, 9001)


async def test_a_snooze_before_the_send_is_recorded_keeps_the_snooze(
    uow: SqlUnitOfWorkFactory,
) -> None:
    ana = await owner(uow)
    [nudge_id] = await plan(uow, ana.nudge(DAY, NOW))
    assert [n.id for n in await claim(uow, NOW)] == [nudge_id]
    until = NOW + timedelta(hours=1)

    async with uow() as work:  # "⏰ Ask again in 1 h" on the phone, its send not yet committed
        assert await work.nudges.snooze(nudge_id, until)
        await work.commit()
    async with uow() as work:
        await work.nudges.mark_sent([nudge_id], 555, 9001, NOW)
        await work.commit()

    nudge = await get(uow, nudge_id)
    assert (nudge.status, nudge.next_attempt_at) == (NudgeStatus.DUE, until)
    assert (nudge.chat_id, nudge.message_id) == (555, 9001)
    assert await claim(uow, until - timedelta(seconds=1)) == []
    assert [n.id for n in await claim(uow, until)] == [nudge_id]


async def test_a_row_handed_back_after_its_claim_timed_out_is_still_marked_sent(
    uow: SqlUnitOfWorkFactory,
) -> None:
    ana = await owner(uow)
    [nudge_id] = await plan(uow, ana.nudge(DAY, NOW))
    assert [n.id for n in await claim(uow, NOW)] == [nudge_id]
    async with uow() as work:  # another instance took over and handed the claim back
        assert await work.nudges.release_claims(NOW + timedelta(minutes=6)) == 1
        await work.commit()
    async with uow() as work:  # the first instance's send went through after all
        await work.nudges.mark_sent([nudge_id], 555, 9001, NOW + timedelta(minutes=6))
        await work.commit()

    assert (await get(uow, nudge_id)).status == NudgeStatus.SENT


async def test_two_simultaneous_presses_record_one_answer(uow: SqlUnitOfWorkFactory) -> None:
    ana = await owner(uow)
    [nudge_id] = await plan(uow, ana.nudge(DAY, NOW))
    await sent(uow, nudge_id)
    start = asyncio.Barrier(2)

    async def press(status: NudgeStatus) -> bool:
        async with uow() as work:
            await start.wait()
            recorded = await work.nudges.answer(nudge_id, status, NOW)
            await work.commit()
        return recorded

    kept, missed = await asyncio.gather(press(NudgeStatus.KEPT), press(NudgeStatus.MISSED))

    assert [kept, missed].count(True) == 1
    winner = NudgeStatus.KEPT if kept else NudgeStatus.MISSED
    assert (await get(uow, nudge_id)).status is winner


async def test_noticed_is_recorded_once(uow: SqlUnitOfWorkFactory) -> None:
    ana = await owner(uow)
    [nudge_id] = await plan(uow, ana.nudge(DAY, NOW))
    await sent(uow, nudge_id)
    noticed_at = NOW + timedelta(hours=1)

    async with uow() as work:
        await work.nudges.answer(nudge_id, NudgeStatus.KEPT, NOW)
        assert await work.nudges.mark_noticed(nudge_id, noticed_at)
        await work.commit()
    async with uow() as work:
        assert not await work.nudges.mark_noticed(nudge_id, noticed_at + timedelta(hours=1))
        await work.commit()

    noticed = await get(uow, nudge_id)
    assert noticed.noticed_at == noticed_at
    assert_utc(noticed.noticed_at)


async def test_reflection_and_partner_message_round_trip(uow: SqlUnitOfWorkFactory) -> None:
    ana = await owner(uow)
    [nudge_id] = await plan(uow, ana.nudge(DAY, NOW))
    reflection = "Work ran late; I'll set an alarm at 20:45. ❤️ " + "x" * 2000

    async with uow() as work:
        await work.nudges.set_reflection(nudge_id, reflection)
        await work.nudges.set_partner_message(nudge_id, 777, 31337)
        await work.commit()

    stored = await get(uow, nudge_id)
    assert stored.reflection == reflection
    assert (stored.partner_chat_id, stored.partner_message_id) == (777, 31337)


async def test_answerable_and_history_of_a_person(uow: SqlUnitOfWorkFactory) -> None:
    ana = await owner(uow, 1001)
    ben = await owner(uow, 1002)
    yesterday, before = DAY - timedelta(days=1), DAY - timedelta(days=2)
    [today_id, yesterday_id, before_id, answered_id, bens_id] = await plan(
        uow,
        ana.nudge(DAY, NOW),
        ana.nudge(yesterday, NOW - timedelta(days=1)),
        ana.nudge(before, NOW - timedelta(days=2)),
        ana.nudge(DAY + timedelta(days=1), NOW + timedelta(days=1)),
        ben.nudge(DAY, NOW),
    )
    assert len(await claim(uow, NOW + timedelta(days=1))) == 5
    async with uow() as work:
        for message_id, nudge_id in enumerate(
            [before_id, yesterday_id, today_id, answered_id, bens_id]
        ):
            await work.nudges.mark_sent([nudge_id], 555, message_id, NOW)
        await work.nudges.answer(answered_id, NudgeStatus.MISSED, NOW + timedelta(days=1))
        await work.commit()

    async with uow() as work:
        answerable = await work.nudges.answerable(ana.person_id, yesterday)
        history = await work.nudges.of_person_between(ana.person_id, before, DAY)

    assert [n.id for n in answerable] == [yesterday_id, today_id]
    assert [n.id for n in history] == [before_id, yesterday_id, today_id]
