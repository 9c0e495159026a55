"""The nudge dispatcher: turn due commitments into ledger rows, then deliver them once.

The ledger is the source of truth. Planning writes one row per (commitment, local date), so
repeating a tick repeats nothing. Delivery claims rows, sends outside any transaction, then
records the message reference; only a crash (or a stop that abandons a send still in flight)
between the messenger accepting a message and that record being committed can send one twice,
and such re-sends are counted in `attempts` (which counts claims, so it is an upper bound).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.couples import partner_of
from bot.domain.models import Commitment, NewNudge, Nudge, NudgeStatus, Person
from bot.domain.notify import notify
from bot.domain.nudging import answer_window_open
from bot.domain.ports import (
    Clock,
    Messenger,
    Outgoing,
    RecipientBlocked,
    Sent,
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
    local_date,
    next_occurrence,
)
from bot.texts import text
from bot.views.nudges import nudge_message

log = logging.getLogger(__name__)

PLAN_BATCH = 500
CLAIM_BATCH = 200
MAX_ATTEMPTS = 12
# A claim older than this belongs to a process that died mid-send.
CLAIM_TIMEOUT = timedelta(minutes=5)
# Waits before the first retries of a transient failure, taken within the tick when the
# dispatcher is given them (the process is); later retries follow `backoff`, in later ticks.
QUICK_RETRIES = (1.0, 2.0, 4.0)
# A tick retries within itself only this long after it started, well before the next tick.
TICK_BUDGET = timedelta(seconds=45)


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
        *,
        quick_retries: Sequence[float] = (),
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._uow = uow
        self._messenger = messenger
        self._clock = clock
        # Each message in flight is one a crash could repeat, so by default there is only one.
        self._gate = asyncio.Semaphore(concurrency)
        self._quick_retries = tuple(quick_retries)
        self._sleep = sleep
        self._retry_times: list[datetime] = []
        self._stopping = asyncio.Event()
        self._aborting = asyncio.Event()

    def stop(self) -> None:
        """Start no more sends: claimed rows not sent yet go back to due, for the next start."""
        self._stopping.set()

    def abort(self) -> None:
        """Also give up the sends in flight (a stop that waited long enough); their rows go back
        to due. One of them may have reached the person: that re-send is counted in attempts."""
        self._stopping.set()
        self._aborting.set()

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
                for commitment, owner in due:
                    await self._plan_one(uow, commitment, owner, now, report)
                await uow.commit()
            if len(due) < PLAN_BATCH:
                return

    async def _plan_one(
        self,
        uow: UnitOfWork,
        commitment: Commitment,
        owner: Person,
        now: datetime,
        report: TickReport,
    ) -> None:
        zone = owner.zone
        if commitment.next_local_date is None or commitment.next_due_at is None:
            await uow.commitments.set_next(commitment.id, None, None)
            return
        occurrence = Occurrence(commitment.next_local_date, commitment.next_due_at)
        for _ in range(MAX_CATCH_UP_DAYS):
            if occurrence.due_at > now:
                break
            if owner.paused_on(occurrence.local_date):
                # A holiday day leaves no row: it counts neither as kept nor as missed.
                occurrence = following(
                    commitment.weekdays, commitment.local_time, zone, occurrence.local_date
                )
                continue
            # The day the due instant falls on where the person is now: a nudge still owed
            # from a zone they just left (east of it, past midnight) is late, not over.
            over = is_local_day_over(local_date(zone, occurrence.due_at), zone, now)
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
        """Claim due rows in batches and send each person's rows as one message; retries due
        within the tick's budget are waited for, later ones are left to later ticks."""
        started = self._clock.now()
        self._retry_times = []
        while not self._stopping.is_set():
            now = self._clock.now()
            async with self._uow() as uow:
                await uow.nudges.release_claims(now - CLAIM_TIMEOUT)
                claimed = await uow.nudges.claim_due(now, CLAIM_BATCH)
                await uow.commit()
            if not claimed:
                self._retry_times = [at for at in self._retry_times if at > now]
                soonest = min(self._retry_times, default=None)
                if not self._quick_retries or soonest is None or soonest > started + TICK_BUDGET:
                    return
                await self._pause((soonest - now).total_seconds())
                continue
            by_person: dict[int, list[Nudge]] = defaultdict(list)
            for nudge in claimed:
                by_person[nudge.person_id].append(nudge)
            await asyncio.gather(
                *(self._deliver_bundle(rows, report) for rows in by_person.values())
            )

    async def _skip_holiday(
        self, person: Person, nudges: Sequence[Nudge], report: TickReport
    ) -> list[Nudge]:
        """Drop the nudges of days the person has since put on holiday (a snooze, then /pause):
        recorded skipped, they count neither as kept nor as missed."""
        on_holiday = [n.id for n in nudges if person.paused_on(n.local_date)]
        if on_holiday:
            async with self._uow() as uow:
                await uow.nudges.mark_skipped(on_holiday)
                await uow.commit()
            report.skipped += len(on_holiday)
        return [n for n in nudges if n.id not in on_holiday]

    async def _deliver_bundle(self, nudges: Sequence[Nudge], report: TickReport) -> None:
        async with self._gate:
            ids = [n.id for n in nudges]
            if self._stopping.is_set():
                await self._release(ids)
                return
            async with self._uow() as uow:
                person = await uow.people.get(nudges[0].person_id)
                texts = await uow.commitments.texts([n.commitment_id for n in nudges])
            if person is None or person.chat_id is None:
                await self._fail(ids)
                report.failed += len(ids)
                return
            nudges = await self._skip_holiday(person, nudges, report)
            if not nudges:
                return
            ids = [n.id for n in nudges]
            now = self._clock.now()
            zone = person.zone
            if any(is_local_day_over(local_date(zone, n.due_at), zone, now) for n in nudges):
                # Left due past its day (a stop, then downtime over midnight; or retries that
                # ran out the day): a nudge for a day that is over is not sent any more.
                nudges, expired = _split_expired(nudges, zone, now)
                if expired:
                    # Their day ended while they waited (a stop, a long outage): recorded as
                    # skipped, like nudges of a day the bot was down for, never sent stale.
                    log.warning("nudges %s expired with their local day unsent", expired)
                    async with self._uow() as uow:
                        await uow.nudges.mark_skipped(expired)
                        await uow.commit()
                    report.skipped += len(expired)
                if not nudges:
                    return
                ids = [n.id for n in nudges]
            # Claimed rows are SENDING; show them as they will be once sent, with their buttons,
            # and say so when they come late (after downtime, or after retrying for a while).
            # A snoozed nudge (sent before) asked again is not late: the person chose the hour.
            shown = [
                replace(
                    n,
                    status=NudgeStatus.SENT,
                    late=n.late or (n.sent_at is None and is_late(n.due_at, now)),
                )
                for n in nudges
            ]
            try:
                sent = await self._send_unless_aborted(
                    person.chat_id, nudge_message(person, shown, texts)
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
                if sent is None:
                    log.warning("stopped while sending nudges %s; they go at the next start", ids)
                    await self._release(ids)
                    return
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
        quick = self._quick_retries
        wait = timedelta(seconds=quick[attempts - 1]) if attempts <= len(quick) else None
        wait = wait or backoff(attempts)
        if retry_after is not None:
            wait = max(wait, timedelta(seconds=retry_after))
        at = self._clock.now() + wait
        async with self._uow() as uow:
            await uow.nudges.retry_later([n.id for n in nudges], at)
            await uow.commit()
        self._retry_times.append(at)
        report.retried += len(nudges)

    async def _pause_blocked(self, person: Person) -> None:
        """Pause a person who blocked the bot and tell their partner, once, privately."""
        async with self._uow() as uow:
            newly = await uow.people.set_blocked(person.id, self._clock.now())
            await uow.commit()
            partner = await partner_of(uow, person) if newly else None
        if partner is not None:
            note = Outgoing(text(partner.language, "partner_unreachable", name=person.name))
            await notify(self._messenger, partner, note, "their partner is unreachable")

    async def _fail(self, ids: Sequence[int]) -> None:
        async with self._uow() as uow:
            await uow.nudges.mark_failed(ids)
            await uow.commit()

    async def _release(self, ids: Sequence[int]) -> None:
        """Hand claimed rows back as due now, unsent (their claim still counts in attempts)."""
        async with self._uow() as uow:
            await uow.nudges.retry_later(ids, self._clock.now())
            await uow.commit()

    async def _send_unless_aborted(self, chat_id: int, message: Outgoing) -> Sent | None:
        """Send; None when `abort()` came first (whether the message arrived is unknown)."""
        sending = asyncio.ensure_future(self._messenger.send(chat_id, message))
        aborting = asyncio.ensure_future(self._aborting.wait())
        try:
            await asyncio.wait({sending, aborting}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            aborting.cancel()
            if not sending.done():
                sending.cancel()
        await asyncio.wait({sending})
        return None if sending.cancelled() else sending.result()

    async def _pause(self, seconds: float) -> None:
        """Wait for a retry due within this tick; a stop ends the wait at once."""
        sleeping = asyncio.ensure_future(self._sleep(max(0.0, seconds)))
        stopping = asyncio.ensure_future(self._stopping.wait())
        try:
            await asyncio.wait({sleeping, stopping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeping.cancel()
            stopping.cancel()


def _split_expired(
    nudges: Sequence[Nudge], zone: ZoneInfo, now: datetime
) -> tuple[list[Nudge], list[int]]:
    """The nudges still to send, and the ids of those too late: a nudge never sent ends with
    its local day; a snoozed one (sent before) is asked again while it can still be answered."""
    today = local_date(zone, now)
    running = [
        n
        for n in nudges
        if not is_local_day_over(local_date(zone, n.due_at), zone, now)
        or (n.sent_at is not None and answer_window_open(n, today))
    ]
    expired = [n.id for n in nudges if n not in running]
    return running, expired
