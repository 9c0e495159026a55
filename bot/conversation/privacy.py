"""Privacy and ending: /export, /forget, /unpair and their confirmation buttons."""

from __future__ import annotations

import json

from bot.conversation.replies import Document, Pressed, Reply, Request
from bot.domain.actions import Action
from bot.domain.models import Person
from bot.domain.ports import Outgoing, Sent
from bot.domain.privacy import EXPORT_FILE_NAME
from bot.texts import text
from bot.wiring import Services

# -- commands ------------------------------------------------------------------------------


async def export(s: Services, person: Person, _: Request) -> list[Reply]:
    """/export: everything stored about the person, as a JSON document."""
    document = await s.privacy.export(person)
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    caption = text(person.language, "export_caption")
    return [Document(data, EXPORT_FILE_NAME, caption)]


async def forget(s: Services, person: Person, _: Request) -> list[Reply]:
    """/forget: ask for the confirmation button before deleting anything."""
    return [await s.privacy.ask_forget(person)]


async def unpair(s: Services, person: Person, _: Request) -> list[Reply]:
    """/unpair: ask for the confirmation button before ending the couple."""
    return [await s.pairing.ask_unpair(person)]


# -- presses -------------------------------------------------------------------------------


async def confirm_forget(
    s: Services, person: Person, press: Action, pressed: Sent | None
) -> Pressed:
    forgotten = await s.privacy.forget(person, int(press.arg))
    return Pressed("", edit=Outgoing(forgotten.message))


async def keep_data(s: Services, person: Person, press: Action, pressed: Sent | None) -> Pressed:
    return Pressed("", edit=Outgoing(await s.privacy.keep(person, int(press.arg))))


async def confirm_unpair(
    s: Services, person: Person, press: Action, pressed: Sent | None
) -> Pressed:
    unpaired = await s.pairing.unpair(person, int(press.arg))
    return Pressed("", edit=Outgoing(unpaired.message))


async def keep_couple(s: Services, person: Person, press: Action, pressed: Sent | None) -> Pressed:
    return Pressed("", edit=Outgoing(await s.pairing.keep_couple(person, int(press.arg))))
