"""Use cases about a person: welcome, identity, time zone, language."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.domain.errors import InvalidTimezone, UnknownLanguage
from bot.domain.models import Person
from bot.domain.planning import replan_person
from bot.domain.ports import Clock, UnitOfWorkFactory
from bot.domain.schedule import valid_zone
from bot.domain.sharing import replan_summary
from bot.texts import language_for, language_named, text

MAX_NAME = 64


@dataclass(frozen=True)
class Identity:
    """Who is speaking, as the transport tells it."""

    chat_id: int
    name: str
    language_code: str | None = None
    # The country of the person's phone number where the transport knows it (Signal).
    country: str | None = None


def clean_name(name: str, language: str) -> str:
    """A display name safe to show: printable, trimmed, never empty (Signal may give none)."""
    printable = "".join(ch for ch in name if ch.isprintable()).strip()
    return printable[:MAX_NAME] or text(language, "name_fallback")


class PeopleService:
    """Registers people and keeps their settings."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, default_timezone: str) -> None:
        self._uow = uow
        self._clock = clock
        self._default_timezone = default_timezone

    async def find(self, who: Identity) -> Person | None:
        """The person behind an identity, if they have started."""
        async with self._uow() as uow:
            return await uow.people.by_chat_id(who.chat_id)

    async def start(self, who: Identity) -> tuple[Person, bool]:
        """Register someone on /start (or refresh their name); True when they are new."""
        async with self._uow() as uow:
            person = await uow.people.by_chat_id(who.chat_id)
            language = person.language if person else language_for(who.language_code)
            name = clean_name(who.name, language)
            if person is None:
                person = await uow.people.add(who.chat_id, name, language, self._default_timezone)
                if who.country:
                    await uow.people.set_country(person.id, who.country)
                await uow.commit()
                return replace(person, country=who.country), True
            if person.name != name:
                await uow.people.set_name(person.id, name)
            if who.country and person.country != who.country:
                await uow.people.set_country(person.id, who.country)
            if await uow.people.set_blocked(person.id, None):
                # Back after blocking the bot: nudges resume today; missed days stay missed.
                await replan_person(uow, person.id, person.timezone, self._clock.now())
            await uow.people.set_pending(person.id, None)
            await uow.commit()
            fresh = await uow.people.get(person.id)
            assert fresh is not None
            return fresh, False

    async def set_timezone(self, person: Person, name: str) -> str:
        """Set a person's IANA time zone and move their next nudges into it."""
        zone = valid_zone(name.strip())
        if zone is None:
            raise InvalidTimezone(name=name.strip()[:64])
        async with self._uow() as uow:
            await uow.people.set_timezone(person.id, zone.key)
            await replan_person(
                uow, person.id, zone.key, self._clock.now(), previous=person.timezone
            )
            # The daily summary stays at its local time, now in the new zone.
            await replan_summary(uow, person.id, self._clock.now())
            await uow.commit()
        return zone.key

    async def set_language(self, person: Person, word: str) -> str:
        """Set the language of a person's messages ('en', 'es', 'español'…); the code set."""
        language = language_named(word)
        if language is None:
            raise UnknownLanguage(value=word.strip()[:16])
        async with self._uow() as uow:
            await uow.people.set_language(person.id, language)
            await uow.commit()
        return language
