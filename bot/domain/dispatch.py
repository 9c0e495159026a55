"""The nudge dispatcher: turn due commitments into ledger rows, then deliver them once.

The ledger is the source of truth. Planning writes one row per (commitment, local date), so
repeating a tick repeats nothing. Delivery claims rows, sends outside any transaction, then
records the message reference; only a crash between the messenger accepting a message and that
record being committed can send one twice, and such re-sends are counted in `attempts`.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.domain.couples import partner_of
from bot.domain.models import Commitment, NewNudge, Nudge, NudgeStatus, Person
from bot.domain.ports import (
    Clock,
    DeliveryError,
    Messenger,
    Outgoing,
    RecipientBlocked,
    TryLater,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.domain.schedule import (
    MAX_CATCH_UP_DAYS,
    Occurrence,
    following,
    is_late,
    is_local_day_over,
    next_occurrence,
    valid_zone,
)
from bot.domain.views import nudge_message
from bot.texts import text

log = logging.getLogger(__name__)

PLAN_BATCH = 500
CLAIM_BATCH = 200
MAX_ATTEMPTS = 12
# A claim older than this belongs to a process that died mid-send.
CLAIM_TIMEOUT = timedelta(minutes=5)


def backoff(attempts: int) -> timedelta:
    """Wait longer after each failed attempt: 5 s, 10 s, 20 s… up to 10 minutes."""
    return timedelta(seconds=min(600, 5 * 2 ** max(0, attempts - 1)))


@dataclass
class TickReport:
    """What one tick did, for logs and tests."""

    planned: int = 0
    skipped: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0


class Dispatcher:
    """Runs the nudge tick: plan due rows, claim them, deliver bundled per person."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        messenger: Messenger,
        clock: Clock,
        concurrency: int = 1,
    ) -> None:
        self._uow = uow
        self._messenger = messenger
        self._clock = clock
        # Each message in flight is one a crash could repeat, so by default there is only one.
        self._gate = asyncio.Semaphore(concurrency)

    async def recover(self) -> int:
        """At start-up, release claims a killed process left behind, so they are sent again."""
        async with self._uow() as uow:
            released = await uow.nudges.release_claims(self._clock.now() + timedelta(days=1))
            await uow.commit()
        if released:
            log.warning("released %d nudges claimed by a process that stopped mid-send", released)
        return released

    async def tick(self) -> TickReport:
        """Plan and deliver everything due now."""
        report = TickReport()
        now = self._clock.now()
        await self.plan(now, report)
        await self.deliver(report)
        return report

    async def plan(self, now: datetime, report: TickReport) -> None:
        """Write ledger rows for every commitment whose next nudge is due, and move it on."""
        while True:
            async with self._uow() as uow:
                due = await uow.commitments.due_for_planning(now, PLAN_BATCH)
                for commitment, timezone in due:
                    await self._plan_one(uow, commitment, timezone, now, report)
                await uow.commit()
            if len(due) < PLAN_BATCH:
                return

    async def _plan_one(
        self,
        uow: UnitOfWork,
        commitment: Commitment,
        timezone: str,
        now: datetime,
        report: TickReport,
    ) -> None:
        zone = valid_zone(timezone)
        if zone is None or commitment.next_local_date is None or commitment.next_due_at is None:
            await uow.commitments.set_next(commitment.id, None, None)
            return
        occurrence = Occurrence(commitment.next_local_date, commitment.next_due_at)
        for _ in range(MAX_CATCH_UP_DAYS):
            if occurrence.due_at > now:
                break
            over = is_local_day_over(occurrence.local_date, zone, now)
            row = NewNudge(
                commitment.id,
                commitment.person_id,
                occurrence.local_date,
                occurrence.due_at,
                NudgeStatus.SKIPPED if over else NudgeStatus.DUE,
                late=not over and is_late(occurrence.due_at, now),
            )
            if await uow.nudges.add_if_absent(row):
                report.skipped += over
                report.planned += not over
            occurrence = following(
                commitment.weekdays, commitment.local_time, zone, occurrence.local_date
            )
        if occurrence.due_at <= now:
            occurrence = next_occurrence(commitment.weekdays, commitment.local_time, zone, now)
        await uow.commitments.set_next(commitment.id, occurrence.local_date, occurrence.due_at)

    async def deliver(self, report: TickReport) -> None:
        """Claim due rows in batches and send each person's rows as one message."""
        while True:
            now = self._clock.now()
            async with self._uow() as uow:
                await uow.nudges.release_claims(now - CLAIM_TIMEOUT)
                claimed = await uow.nudges.claim_due(now, CLAIM_BATCH)
                await uow.commit()
            if not claimed:
                return
            by_person: dict[int, list[Nudge]] = defaultdict(list)
            for nudge in claimed:
                by_person[nudge.person_id].append(nudge)
            await asyncio.gather(
                *(self._deliver_bundle(rows, report) for rows in by_person.values())
            )

    async def _deliver_bundle(self, nudges: Sequence[Nudge], report: TickReport) -> None:
        async with self._gate:
            ids = [n.id for n in nudges]
            async with self._uow() as uow:
                person = await uow.people.get(nudges[0].person_id)
                texts = await uow.commitments.texts([n.commitment_id for n in nudges])
            if person is None or person.telegram_id is None:
                await self._fail(ids)
                report.failed += len(ids)
                return
            # Claimed rows are SENDING; show them as they will be once sent, with their buttons.
            shown = [replace(n, status=NudgeStatus.SENT) for n in nudges]
            try:
                sent = await self._messenger.send(
                    person.telegram_id, nudge_message(person, shown, texts)
                )
            except RecipientBlocked:
                log.warning("person %s cannot be reached; nudges %s failed", person.id, ids)
                await self._fail(ids)
                report.failed += len(ids)
                await self._pause_blocked(person)
            except TryLater as error:
                await self._retry(nudges, error.retry_after, report)
            except Exception as error:
                log.warning("sending nudges %s failed: %s", ids, type(error).__name__)
                await self._retry(nudges, None, report)
            else:
                async with self._uow() as uow:
                    await uow.nudges.mark_sent(
                        ids, sent.chat_id, sent.message_id, self._clock.now()
                    )
                    await uow.commit()
                report.sent += len(ids)

    async def _retry(
        self, nudges: Sequence[Nudge], retry_after: float | None, report: TickReport
    ) -> None:
        attempts = max(n.attempts for n in nudges)
        if attempts >= MAX_ATTEMPTS:
            log.warning(
                "giving up on nudges %s after %d attempts", [n.id for n in nudges], attempts
            )
            await self._fail([n.id for n in nudges])
            report.failed += len(nudges)
            return
        wait = backoff(attempts)
        if retry_after is not None:
            wait = max(wait, timedelta(seconds=retry_after))
        async with self._uow() as uow:
            await uow.nudges.retry_later([n.id for n in nudges], self._clock.now() + wait)
            await uow.commit()
        report.retried += len(nudges)

    async def _pause_blocked(self, person: Person) -> None:
        """Pause a person who blocked the bot and tell their partner, once, privately."""
        async with self._uow() as uow:
            newly = await uow.people.set_blocked(person.id, self._clock.now())
            await uow.commit()
            partner = await partner_of(uow, person) if newly else None
        if partner is None or partner.telegram_id is None:
            return
        note = Outgoing(text(partner.language, "partner_unreachable", name=person.name))
        try:
            await self._messenger.send(partner.telegram_id, note)
        except DeliveryError as error:
            log.warning("could not tell partner %s: %s", partner.id, type(error).__name__)

    async def _fail(self, ids: Sequence[int]) -> None:
        async with self._uow() as uow:
            await uow.nudges.mark_failed(ids)
            await uow.commit()
