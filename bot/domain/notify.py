"""Telling people things that must not undo what already happened when they cannot be reached."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TypeVar

from bot.domain.models import Person
from bot.domain.ports import DeliveryError, Messenger, Outgoing

log = logging.getLogger(__name__)

T = TypeVar("T")


async def attempt(delivery: Awaitable[T], what: str) -> T | None:
    """The delivery's result, or None after logging what could not be delivered.

    Only what and why are logged, never the text: the answer is already recorded, and a
    message that did not arrive is not worth failing the person's action for.
    """
    try:
        return await delivery
    except DeliveryError as error:
        log.warning("could not %s: %s", what, type(error).__name__)
        return None


async def notify(messenger: Messenger, person: Person | None, message: Outgoing, what: str) -> bool:
    """Tell this person in their own chat, or log that they could not be reached."""
    if person is None or person.chat_id is None:
        return False
    sent = await attempt(messenger.send(person.chat_id, message), f"tell person {person.id} {what}")
    return sent is not None
