"""How each person hears about their partner's answers (/sharing), and the daily summary.

A person hears about their partner's Kept / Missed answers either as they happen (the default:
in the couple's linked group, else in private) or in one summary a day, in private, at a local
time they choose. With the summary, nothing of the partner's answers is sent as it happens, not
in private and not in the group: each answer waits, unsent, until the summary tells it.

The schedule lives in the people rows (the UTC instant of each one's next summary, computed from
their local time and IANA zone, so a daylight-saving change moves nothing), and every summary is
a row of a ledger keyed UNIQUE(person, local date): one a day, never two across restarts.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain import actions
from bot.domain.couples import couple_and_partner
from bot.domain.errors import InvalidTime, StaleButton
from bot.domain.models import (
    SHARING_LIVE,
    SHARING_SUMMARY,
    Couple,
    Nudge,
    Pending,
    Person,
    Summary,
    SummaryStatus,
)
from bot.domain.nudging import tell_partner
from bot.domain.ports import (
    Button,
    Clock,
    Messenger,
    Outgoing,
    RecipientBlocked,
    TryLater,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.domain.schedule import (
    EVERY_DAY,
    Occurrence,
    following,
    is_local_day_over,
    local_date,
    next_occurrence,
    parse_local_time,
)
from bot.domain.views import local_moment, summary_message
from bot.texts import short_date, text

log = logging.getLogger(__name__)

# The guided step while Kept waits for a typed summary time.
SHARING_TIME = "sharing_time"
# The times offered as buttons; any other HH:MM may be typed.
SUMMARY_TIMES = (time(8), time(13), time(20), time(21, 30))
# Button arguments of /sharing: the two choices, or a time as HHMM.
LIVE_ARG = "live"
SUMMARY_ARG = "sum"
BATCH = 200
MAX_ATTEMPTS = 12
# A claim older than this belongs to a process that died mid-send.
CLAIM_TIMEOUT = timedelta(minutes=5)


def time_arg(at: time) -> str:
    """The button argument of a summary time (HHMM)."""
    return at.strftime("%H%M")


def backoff(attempts: int) -> timedelta:
    """Wait longer after each failed attempt: 30 s, 1 min, 2 min… up to 30 minutes."""
    return timedelta(seconds=min(1800, 30 * 2 ** max(0, attempts - 1)))


async def next_summary(
    uow: UnitOfWork, person_id: int, at: time, zone: ZoneInfo, start: datetime
) -> Occurrence:
    """The first summary instant at or after `start` whose local date has no summary yet."""
    found = next_occurrence(EVERY_DAY, at, zone, start)
    while await uow.summaries.exists(person_id, found.local_date):
        found = following(EVERY_DAY, at, zone, found.local_date)
    return found


async def replan_summary(uow: UnitOfWork, person_id: int, now: datetime) -> None:
    """Put a person's next summary at their time in their (possibly new) time zone."""
    person = await uow.people.get(person_id)
    if person is None or person.sharing != SHARING_SUMMARY or person.summary_time is None:
        return
    found = await next_summary(uow, person_id, person.summary_time, person.zone, now)
    await uow.people.set_summary_next(person_id, found.due_at)


class SharingService:
    """/sharing: each person chooses how they hear about their partner's promises."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, messenger: Messenger) -> None:
        self._uow = uow
        self._clock = clock
        self._messenger = messenger

    async def show(self, person: Person) -> Outgoing:
        """The current choice (this person's and their partner's), with the two buttons."""
        async with self._uow() as uow:
            fresh = await uow.people.get(person.id) or person
            couple, partner = await couple_and_partner(uow, fresh)
            next_at = await uow.people.summary_next(fresh.id)
        return sharing_screen(fresh, partner, couple, next_at)

    async def choose(self, person: Person, arg: str) -> Outgoing:
        """A /sharing button: as it happens, one summary a day (then its time), or a time."""
        if arg == LIVE_ARG:
            return await self.live(person)
        if arg == SUMMARY_ARG:
            async with self._uow() as uow:
                await uow.people.set_pending(person.id, Pending(SHARING_TIME))
                await uow.commit()
            return time_question(person)
        if len(arg) == 4 and arg.isascii() and arg.isdigit():
            hour, minute = int(arg[:2]), int(arg[2:])
            if hour < 24 and minute < 60:
                return await self.summary(person, time(hour, minute))
        raise StaleButton()

    async def got_time(self, person: Person, words: str) -> Outgoing:
        """A typed summary time; anything else gets a kind word and changes nothing."""
        try:
            at = parse_local_time(words)
        except InvalidTime as error:
            value = str(error.params.get("value", ""))
            return Outgoing(
                text(person.language, "sharing_bad_time", value=value), time_buttons(person)
            )
        return await self.summary(person, at)

    async def live(self, person: Person) -> Outgoing:
        """Hear about the partner's answers as they happen; what waited for a summary comes now."""
        now = self._clock.now()
        async with self._uow() as uow:
            fresh = await uow.people.get(person.id) or person
            await uow.people.set_sharing(fresh.id, SHARING_LIVE, None, now, None)
            if fresh.pending is not None and fresh.pending.kind == SHARING_TIME:
                await uow.people.set_pending(fresh.id, None)
            await uow.commit()
            couple, partner = await couple_and_partner(uow, fresh)
        if fresh.sharing == SHARING_SUMMARY and fresh.sharing_since is not None:
            await self._send_waiting(fresh, fresh.sharing_since, now)
        place = _live_place(fresh.language, couple)
        name = partner.name if partner else text(fresh.language, "sharing_your_partner")
        return Outgoing(text(fresh.language, "sharing_set_live", partner=name, place=place))

    async def _send_waiting(self, reader: Person, since: datetime, until: datetime) -> None:
        """The answers that waited for a summary that will not come: sent now, as they would
        have been had the person heard as they happen."""
        async with self._uow() as uow:
            fresh = await uow.people.get(reader.id)
            if fresh is None:
                return
            couple, owner = await couple_and_partner(uow, fresh)
            if couple is None or owner is None or fresh.chat_id is None:
                return
            waiting = [
                n
                for n in await uow.nudges.held_for_partner(owner.id, since)
                if n.answered_at is not None and n.answered_at <= until
            ]
            texts = await uow.commitments.texts([n.commitment_id for n in waiting])
        for nudge in waiting:
            words = texts.get(nudge.commitment_id, "…")
            await tell_partner(self._uow, self._messenger, owner, fresh, couple, nudge, words)

    async def summary(self, person: Person, at: time) -> Outgoing:
        """One summary a day at this local time, from now on (or a new time for it)."""
        now = self._clock.now()
        zone = person.zone
        async with self._uow() as uow:
            fresh = await uow.people.get(person.id) or person
            # Changing only the time keeps what already waits for the summary waiting.
            since = (
                fresh.sharing_since
                if fresh.sharing == SHARING_SUMMARY and fresh.sharing_since is not None
                else now
            )
            found = await next_summary(uow, fresh.id, at, zone, now)
            await uow.people.set_sharing(fresh.id, SHARING_SUMMARY, at, since, found.due_at)
            if fresh.pending is not None and fresh.pending.kind == SHARING_TIME:
                await uow.people.set_pending(fresh.id, None)
            await uow.commit()
            _, partner = await couple_and_partner(uow, fresh)
        lang = fresh.language
        name = partner.name if partner else text(lang, "sharing_your_partner")
        return Outgoing(
            text(
                lang,
                "sharing_set_summary",
                partner=name,
                time=at.strftime("%H:%M"),
                timezone=fresh.timezone,
                next=_when(lang, found.due_at, fresh.zone),
            )
        )


def _when(language: str, moment: datetime, zone: ZoneInfo) -> str:
    local = local_moment(moment, zone)
    return f"{short_date(language, local.date())}, {local:%H:%M}"


def _live_place(language: str, couple: Couple | None) -> str:
    """Where news as it happens goes: the couple's linked group, else the private chat."""
    linked = couple is not None and couple.group_chat_id is not None
    return text(language, "sharing_place_group" if linked else "sharing_place_private")


def sharing_screen(
    person: Person, partner: Person | None, couple: Couple | None, next_at: datetime | None
) -> Outgoing:
    """What /sharing shows: how this person hears, how their partner hears, the choices."""
    lang = person.language
    name = partner.name if partner else text(lang, "sharing_your_partner")
    if person.sharing == SHARING_SUMMARY and person.summary_time is not None:
        mine = text(
            lang,
            "sharing_now_summary",
            partner=name,
            time=person.summary_time.strftime("%H:%M"),
            timezone=person.timezone,
        )
        if next_at is not None:
            mine += "\n" + text(lang, "sharing_next", next=_when(lang, next_at, person.zone))
    else:
        mine = text(lang, "sharing_now_live", partner=name, place=_live_place(lang, couple))
    lines = [mine]
    if partner is not None:
        if partner.sharing == SHARING_SUMMARY and partner.summary_time is not None:
            theirs = text(
                lang,
                "sharing_partner_summary",
                partner=partner.name,
                time=partner.summary_time.strftime("%H:%M"),
                timezone=partner.timezone,
            )
        else:
            theirs = text(
                lang,
                "sharing_partner_live",
                partner=partner.name,
                place=_live_place(lang, couple),
            )
        lines.append(theirs)
    lines.append(text(lang, "sharing_choose"))
    buttons = (
        (
            Button(text(lang, "btn_sharing_live"), actions.encode(actions.SHARING, LIVE_ARG)),
            Button(text(lang, "btn_sharing_summary"), actions.encode(actions.SHARING, SUMMARY_ARG)),
        ),
    )
    return Outgoing("\n\n".join(lines), buttons)


def time_buttons(person: Person) -> tuple[tuple[Button, ...], ...]:
    """The summary times offered as buttons."""
    del person  # the same times for everyone; kept for symmetry with the other views
    return (
        tuple(
            Button(at.strftime("%H:%M"), actions.encode(actions.SHARING, time_arg(at)))
            for at in SUMMARY_TIMES
        ),
    )


def time_question(person: Person) -> Outgoing:
    """Ask for the summary's time: a button, or a typed HH:MM."""
    return Outgoing(
        text(person.language, "sharing_pick_time", timezone=person.timezone),
        time_buttons(person),
    )


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
