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

from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.domain.couples import couple_and_partner
from bot.domain.errors import InvalidTime, StaleButton
from bot.domain.models import (
    SHARING_LIVE,
    SHARING_SUMMARY,
    Pending,
    Person,
)
from bot.domain.nudging import tell_partner
from bot.domain.ports import (
    Clock,
    Messenger,
    Outgoing,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.domain.schedule import (
    EVERY_DAY,
    Occurrence,
    following,
    next_occurrence,
    parse_local_time,
)
from bot.texts import text
from bot.views.sharing import (
    LIVE_ARG,
    SUMMARY_ARG,
    live_chosen,
    sharing_screen,
    summary_chosen,
    time_buttons,
    time_question,
)

# The guided step while Kept waits for a typed summary time.
SHARING_TIME = "sharing_time"


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
        return live_chosen(fresh.language, partner, couple)

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
        return summary_chosen(fresh, partner, at, found.due_at)
