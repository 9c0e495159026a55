"""Help for someone who may not be safe: whose crisis lines to give, and /sos from a group.

A person's country comes from their Signal number where Kept has one, else from their time
zone; with neither, only the international directory is given.
"""

from __future__ import annotations

import logging

from bot.domain.helplines import CountryResources, country_of_zone, resources_for
from bot.domain.models import Person
from bot.domain.notify import attempt
from bot.domain.ports import Messenger
from bot.views.safety import sos_reply

log = logging.getLogger(__name__)

# A safety rating at or below this gets resources at once and holds back couples therapy,
# which is not advised where one partner fears the other.
LOW_SAFETY = 2


def is_low_safety(rating: int | None) -> bool:
    """Whether a check-in's safety rating says the person did not feel safe."""
    return rating is not None and rating <= LOW_SAFETY


def resources_of(person: Person | None, country: str | None = None) -> CountryResources | None:
    """The crisis lines for a person: the country given, their number's, else their zone's."""
    if country is None and person is not None:
        country = person.country or country_of_zone(person.timezone)
    return resources_for(country)


class SupportService:
    """Sends /sos privately when it was asked for in a group, where it is never answered."""

    def __init__(self, messenger: Messenger) -> None:
        self._messenger = messenger

    async def sos_privately(
        self, chat_id: int, language: str, resources: CountryResources | None
    ) -> bool:
        """The lines in the person's own chat; False when Kept cannot reach them there."""
        sent = await attempt(
            self._messenger.send(chat_id, sos_reply(language, resources)), "send /sos privately"
        )
        return sent is not None
