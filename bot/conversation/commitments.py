"""Commitments: /commit, /cancel, /commitments and the buttons of the list and its steps."""

from __future__ import annotations

from bot.conversation.replies import Pressed, Reply, Request
from bot.domain.actions import Action
from bot.domain.models import Person
from bot.domain.ports import Outgoing, Sent
from bot.texts import text
from bot.views.commitments import (
    added_reply,
    commitment_list,
    delete_confirmation,
    resumed_toast,
)
from bot.wiring import Services

# -- commands ------------------------------------------------------------------------------


async def commit(s: Services, person: Person, request: Request) -> list[Reply]:
    """/commit (guided) or /commit HH:MM text (daily, at once)."""
    if not request.args:
        return [await s.commitments.begin(person)]
    added = await s.commitments.add_line(person, request.rest)
    return [added_reply(person.language, added)]


async def cancel(s: Services, person: Person, _: Request) -> list[Reply]:
    """/cancel: leave a guided step."""
    await s.commitments.cancel(person)
    return [Outgoing(text(person.language, "commit_cancelled"))]


async def commitments(s: Services, person: Person, _: Request) -> list[Reply]:
    """/commitments: list with pause / resume / change time / delete."""
    return [commitment_list(person.language, await s.commitments.listing(person))]


# -- presses -------------------------------------------------------------------------------


async def days(s: Services, person: Person, press: Action, pressed: Sent | None) -> Pressed:
    """A day preset, or a day toggled while picking, for the commitment being written."""
    return Pressed("", edit=await s.commitments.got_days(person, str(press.arg)))


async def pause(s: Services, person: Person, press: Action, pressed: Sent | None) -> Pressed:
    c = await s.commitments.pause(person, int(press.arg))
    return await _listed(s, person, text(person.language, "commitment_paused", text=c.text))


async def resume(s: Services, person: Person, press: Action, pressed: Sent | None) -> Pressed:
    c = await s.commitments.resume(person, int(press.arg))
    return await _listed(s, person, resumed_toast(person.language, c))


async def change_time(s: Services, person: Person, press: Action, pressed: Sent | None) -> Pressed:
    c = await s.commitments.ask_new_time(person, int(press.arg))
    ask = Outgoing(text(person.language, "commitment_time_ask", text=c.text))
    return Pressed("", send=(ask,))


async def fewer_days(s: Services, person: Person, press: Action, pressed: Sent | None) -> Pressed:
    return Pressed("", send=(await s.commitments.ask_fewer_days(person, int(press.arg)),))


async def smaller(s: Services, person: Person, press: Action, pressed: Sent | None) -> Pressed:
    return Pressed("", send=(await s.commitments.ask_smaller(person, int(press.arg)),))


async def delete(s: Services, person: Person, press: Action, pressed: Sent | None) -> Pressed:
    """Ask before deleting, in place of the list."""
    c = await s.commitments.get(person, int(press.arg))
    return Pressed("", edit=delete_confirmation(person.language, c))


async def confirm_delete(
    s: Services, person: Person, press: Action, pressed: Sent | None
) -> Pressed:
    c = await s.commitments.delete(person, int(press.arg))
    return await _listed(s, person, text(person.language, "commitment_deleted", text=c.text))


async def cancel_delete(
    s: Services, person: Person, press: Action, pressed: Sent | None
) -> Pressed:
    return await _listed(s, person, text(person.language, "commitment_delete_cancelled"))


async def _listed(s: Services, person: Person, toast: str) -> Pressed:
    """The toast, and the list as it now stands in place of the pressed message."""
    return Pressed(
        toast, edit=commitment_list(person.language, await s.commitments.listing(person))
    )
