"""Holidays: /pause <days> and /resume. No nudges while paused, and no penalty either."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from bot.domain.couples import partner_of
from bot.domain.errors import BadPauseDays
from bot.domain.models import Person
from bot.domain.notify import notify
from bot.domain.planning import plan_next
from bot.domain.ports import Clock, Messenger, Outgoing, UnitOfWorkFactory
from bot.domain.schedule import local_today
from bot.texts import short_date, text

log = logging.getLogger(__name__)

MAX_PAUSE_DAYS = 60


def parse_days(raw: str) -> int:
    """A number of holiday days, 1 to 60."""
    cleaned = raw.strip()
    if not cleaned.isascii() or not cleaned.isdigit() or not 1 <= int(cleaned) <= MAX_PAUSE_DAYS:
        raise BadPauseDays(limit=MAX_PAUSE_DAYS)
    return int(cleaned)


class HolidayService:
    """Pauses and resumes all of a person's nudges, and lets the partner know."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, messenger: Messenger) -> None:
        self._uow = uow
        self._clock = clock
        self._messenger = messenger

    async def pause(self, person: Person, raw_days: str) -> date:
        """Pause from today for that many local days; returns the last paused day."""
        days = parse_days(raw_days)
        last = local_today(person, self._clock.now()) + timedelta(days=days - 1)
        async with self._uow() as uow:
            await uow.people.set_paused_until(person.id, last)
            await uow.commit()
            partner = await partner_of(uow, person)
        if partner is not None:
            until = short_date(partner.language, last)
            await self._tell(partner, "partner_paused", name=person.name, until=until)
        return last

    async def resume(self, person: Person) -> None:
        """End the holiday now: today's nudges still to come are sent as usual."""
        now = self._clock.now()
        async with self._uow() as uow:
            stored = await uow.people.get(person.id)
            # Only a holiday still running ends here; otherwise the partner hears of no "return".
            was_paused = stored is not None and stored.paused_on(local_today(person, now))
            await uow.people.set_paused_until(person.id, None)
            for commitment in await uow.commitments.of_person(person.id):
                await plan_next(uow, commitment, person.timezone, now)
            await uow.commit()
            partner = await partner_of(uow, person)
        if was_paused:
            await self._tell(partner, "partner_resumed", name=person.name)

    async def _tell(self, partner: Person | None, key: str, **params: object) -> None:
        if partner is not None:
            note = Outgoing(text(partner.language, key, **params))
            await notify(self._messenger, partner, note, "of their partner's holiday")
