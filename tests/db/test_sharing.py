"""The sharing choice and the daily-summary ledger on real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain.models import (
    SHARING_LIVE,
    SHARING_SUMMARY,
    NewNudge,
    NudgeStatus,
    SummaryStatus,
)

NOW = datetime(2026, 6, 10, 19, 0, 0, 250000, tzinfo=UTC)
DAY = date(2026, 6, 10)


async def test_the_sharing_choice_is_stored_and_people_come_due(uow: SqlUnitOfWorkFactory) -> None:
    async with uow() as work:
        ana = await work.people.add(1001, "Ana", "en", "Europe/Madrid")
        ben = await work.people.add(1002, "Ben", "en", "Europe/Madrid")
        assert (ana.sharing, ana.summary_time, ana.sharing_since) == (SHARING_LIVE, None, None)
        await work.people.set_sharing(ben.id, SHARING_SUMMARY, time(21, 30), NOW, NOW)
        await work.commit()
    async with uow() as work:
        fresh = await work.people.get(ben.id)
        assert fresh is not None
        assert (fresh.sharing, fresh.summary_time, fresh.sharing_since) == (
            SHARING_SUMMARY,
            time(21, 30),
            NOW,
        )
        assert await work.people.summary_next(ben.id) == NOW
        assert await work.people.due_summaries(NOW - timedelta(seconds=1), 10) == []
        [(due, at)] = await work.people.due_summaries(NOW, 10)
        assert (due.id, at) == (ben.id, NOW)
        await work.people.set_summary_next(ben.id, None)
        await work.commit()
    async with uow() as work:
        assert await work.people.due_summaries(NOW + timedelta(days=9), 10) == []


async def test_one_summary_per_person_and_local_date_claimed_once(
    uow: SqlUnitOfWorkFactory,
) -> None:
    async with uow() as work:
        ben = await work.people.add(1002, "Ben", "en", "Europe/Madrid")
        assert await work.summaries.add_if_absent(ben.id, DAY, NOW, SummaryStatus.DUE)
        assert not await work.summaries.add_if_absent(ben.id, DAY, NOW, SummaryStatus.DUE)
        await work.commit()
    async with uow() as work:
        assert not await work.summaries.add_if_absent(ben.id, DAY, NOW, SummaryStatus.DUE)
        assert await work.summaries.exists(ben.id, DAY)
        assert not await work.summaries.exists(ben.id, DAY + timedelta(days=1))
        assert await work.summaries.claim_due(NOW - timedelta(seconds=1), 10) == []
        [claimed] = await work.summaries.claim_due(NOW, 10)
        assert (claimed.status, claimed.attempts) == (SummaryStatus.SENDING, 1)
        assert await work.summaries.claim_due(NOW, 10) == []
        await work.commit()
    async with uow() as work:
        assert await work.summaries.release_claims(NOW) == 0
        assert await work.summaries.release_claims(NOW + timedelta(seconds=1)) == 1
        await work.summaries.retry_later(claimed.id, NOW + timedelta(minutes=1))
        await work.commit()
    async with uow() as work:
        assert await work.summaries.claim_due(NOW + timedelta(seconds=59), 10) == []
        [again] = await work.summaries.claim_due(NOW + timedelta(minutes=1), 10)
        assert again.attempts == 2
        await work.summaries.mark_sent(again.id, 1002, 77, 3, NOW + timedelta(minutes=1))
        await work.commit()
    async with uow() as work:
        found = await work.summaries.by_message(1002, 77)
        assert found is not None
        assert (found.status, found.items, found.sent_at) == (
            SummaryStatus.SENT,
            3,
            NOW + timedelta(minutes=1),
        )
        assert [s.id for s in await work.summaries.of_person(ben.id)] == [again.id]
        await work.summaries.delete_of_person(ben.id)
        await work.commit()
    async with uow() as work:
        assert await work.summaries.of_person(ben.id) == []


async def test_answers_held_for_the_partner_until_a_message_tells_them(
    uow: SqlUnitOfWorkFactory,
) -> None:
    async with uow() as work:
        ana = await work.people.add(1001, "Ana", "en", "Europe/Madrid")
        commitment = await work.commitments.add(ana.id, "call", 0b1111111, time(21), NOW)
        for offset, status in ((0, NudgeStatus.SENT), (1, NudgeStatus.SENT), (2, NudgeStatus.SENT)):
            row = NewNudge(
                commitment.id, ana.id, DAY + timedelta(days=offset), NOW, status, late=False
            )
            assert await work.nudges.add_if_absent(row)
        await work.commit()
    async with uow() as work:
        rows = await work.nudges.of_person_between(ana.id, DAY, DAY + timedelta(days=2))
        first, second, third = (r.id for r in rows)
        assert await work.nudges.answer(first, NudgeStatus.KEPT, NOW - timedelta(minutes=1))
        assert await work.nudges.answer(second, NudgeStatus.MISSED, NOW + timedelta(minutes=2))
        assert await work.nudges.answer(third, NudgeStatus.KEPT, NOW + timedelta(minutes=1))
        await work.commit()
    async with uow() as work:
        held = await work.nudges.held_for_partner(ana.id, NOW)
        # Answered since the choice, in the order they were given.
        assert [n.id for n in held] == [third, second]
        await work.nudges.set_partner_message(third, 1002, 9)
        await work.nudges.set_partner_message(second, 1002, 9)
        await work.commit()
    async with uow() as work:
        assert await work.nudges.held_for_partner(ana.id, NOW) == []
        assert [n.id for n in await work.nudges.in_partner_message(1002, 9)] == [third, second]
