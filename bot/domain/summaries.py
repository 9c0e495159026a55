"""The daily summary's delivery: planned for each reader at their local time, claimed, sent once a
day (the ledger is keyed by person and local date), retried while the day lasts."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.couples import couple_and_partner
from bot.domain.models import (
    SHARING_SUMMARY,
    Nudge,
    Person,
    Summary,
    SummaryStatus,
)
from bot.domain.ports import (
    Clock,
    Messenger,
    RecipientBlocked,
    TryLater,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.domain.schedule import (
    is_local_day_over,
    local_date,
)
from bot.domain.sharing import next_summary
from bot.views.nudges import summary_message

log = logging.getLogger(__name__)


def backoff(attempts: int) -> timedelta:
    """Wait longer after each failed attempt: 30 s, 1 min, 2 min… up to 30 minutes."""
    return timedelta(seconds=min(1800, 30 * 2 ** max(0, attempts - 1)))


@dataclass
class SummaryReport:
    """What one summary tick did, for logs and tests."""

    planned: int = 0
    sent: int = 0
    empty: int = 0
    skipped: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def anything(self) -> bool:
        """Whether the tick did anything worth a log line."""
        return any((self.planned, self.sent, self.empty, self.skipped, self.retried, self.failed))


class SummaryDispatcher:
    """The summary tick: write each due summary's ledger row, then deliver it once."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, messenger: Messenger) -> None:
        self._uow = uow
        self._clock = clock
        self._messenger = messenger

    async def recover(self) -> int:
        """At take-over, hand back summaries a stopped process claimed and did not record."""
        async with self._uow() as uow:
            released = await uow.summaries.release_claims(self._clock.now() + timedelta(days=1))
            await uow.commit()
        if released:
            log.warning("released %d summaries claimed by a process that stopped", released)
        return released

    async def tick(self) -> SummaryReport:
        """Plan and deliver every summary due now."""
        report = SummaryReport()
        now = self._clock.now()
        await self.plan(now, report)
        await self.deliver(now, report)
        return report

    async def plan(self, now: datetime, report: SummaryReport) -> None:
        """One ledger row per due person and local date; their next summary moves on."""
        while True:
            async with self._uow() as uow:
                due = await uow.people.due_summaries(now, BATCH)
                for person, due_at in due:
                    await self._plan_one(uow, person, due_at, now, report)
                await uow.commit()
            if len(due) < BATCH:
                return

    async def _plan_one(
        self,
        uow: UnitOfWork,
        person: Person,
        due_at: datetime,
        now: datetime,
        report: SummaryReport,
    ) -> None:
        zone = person.zone
        if person.sharing != SHARING_SUMMARY or person.summary_time is None:
            await uow.people.set_summary_next(person.id, None)
            return
        day = local_date(zone, due_at)
        # Down for the rest of that day: no stale summary; what it held comes in the next one.
        over = is_local_day_over(day, zone, now)
        status = SummaryStatus.SKIPPED if over else SummaryStatus.DUE
        if await uow.summaries.add_if_absent(person.id, day, due_at, status):
            report.skipped += over
            report.planned += not over
        found = await next_summary(uow, person.id, person.summary_time, zone, now)
        await uow.people.set_summary_next(person.id, found.due_at)

    async def deliver(self, now: datetime, report: SummaryReport) -> None:
        """Claim the due rows and send each one's summary, or record that it had nothing."""
        async with self._uow() as uow:
            await uow.summaries.release_claims(now - CLAIM_TIMEOUT)
            claimed = await uow.summaries.claim_due(now, BATCH)
            await uow.commit()
        for summary in claimed:
            await self._deliver_one(summary, report)

    async def _finish(self, summary: Summary, status: SummaryStatus) -> None:
        async with self._uow() as uow:
            await uow.summaries.finish(summary.id, status)
            await uow.commit()

    async def _deliver_one(self, summary: Summary, report: SummaryReport) -> None:
        now = self._clock.now()
        async with self._uow() as uow:
            reader = await uow.people.get(summary.person_id)
            couple, owner = await couple_and_partner(uow, reader) if reader else (None, None)
            since = reader.sharing_since if reader is not None else None
            waiting = (
                await uow.nudges.held_for_partner(owner.id, since)
                if owner is not None and since is not None
                else []
            )
            texts = await uow.commitments.texts([n.commitment_id for n in waiting])
        if reader is None or is_local_day_over(summary.local_date, reader.zone, now):
            await self._finish(summary, SummaryStatus.SKIPPED)
            report.skipped += 1
            return
        if (
            reader.sharing != SHARING_SUMMARY
            or couple is None
            or owner is None
            or reader.chat_id is None
            or not waiting
        ):
            # Nothing to tell: no message at all (an empty one would report on the partner).
            await self._finish(summary, SummaryStatus.EMPTY)
            report.empty += 1
            return
        await self._send(summary, reader, owner, waiting, texts, report)

    async def _send(
        self,
        summary: Summary,
        reader: Person,
        owner: Person,
        nudges: Sequence[Nudge],
        texts: dict[int, str],
        report: SummaryReport,
    ) -> None:
        assert reader.chat_id is not None
        try:
            sent = await self._messenger.send(
                reader.chat_id, summary_message(owner, reader, nudges, texts)
            )
        except RecipientBlocked:
            log.warning("person %s cannot be reached; summary %s failed", reader.id, summary.id)
            await self._finish(summary, SummaryStatus.FAILED)
            report.failed += 1
            return
        except Exception as error:
            await self._retry(summary, error, report)
            return
        async with self._uow() as uow:
            await uow.summaries.mark_sent(
                summary.id, sent.chat_id, sent.message_id, len(nudges), self._clock.now()
            )
            for nudge in nudges:
                await uow.nudges.set_partner_message(nudge.id, sent.chat_id, sent.message_id)
            await uow.commit()
        report.sent += 1

    async def _retry(self, summary: Summary, error: Exception, report: SummaryReport) -> None:
        log.warning("sending summary %s failed: %s", summary.id, type(error).__name__)
        if summary.attempts >= MAX_ATTEMPTS:
            await self._finish(summary, SummaryStatus.FAILED)
            report.failed += 1
            return
        wait = backoff(summary.attempts)
        if isinstance(error, TryLater) and error.retry_after is not None:
            wait = max(wait, timedelta(seconds=error.retry_after))
        async with self._uow() as uow:
            await uow.summaries.retry_later(summary.id, self._clock.now() + wait)
            await uow.commit()
        report.retried += 1


BATCH = 200


MAX_ATTEMPTS = 12


# A claim older than this belongs to a process that died mid-send.
CLAIM_TIMEOUT = timedelta(minutes=5)
