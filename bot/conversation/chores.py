"""The couple's chores: /chores and the buttons of the plan, its steps and its swaps."""

from __future__ import annotations

from bot.conversation.replies import Pressed, Reply, Request
from bot.domain import actions
from bot.domain.chores import ChoreReply
from bot.domain.models import Person
from bot.domain.ports import Sent
from bot.wiring import Services


async def plan(s: Services, person: Person, request: Request) -> list[Reply]:
    """/chores: the couple's week of chores, in private or in their linked group."""
    where = request.where
    return [await s.chores.plan(person, where.chat_id if where.group else None)]


# -- presses -------------------------------------------------------------------------------


async def add(s: Services, person: Person, press: actions.Action, pressed: Sent | None) -> Pressed:
    where = pressed.chat_id if pressed else None
    return Pressed(await s.chores.begin_add(person, int(press.arg), where))


async def ask_swap(
    s: Services, person: Person, press: actions.Action, pressed: Sent | None
) -> Pressed:
    where = pressed.chat_id if pressed else None
    return Pressed(await s.chores.ask_swap(person, int(press.arg), where))


async def who(s: Services, person: Person, press: actions.Action, pressed: Sent | None) -> Pressed:
    return _step(await s.chores.choose_who(person, int(press.arg)))


async def days(s: Services, person: Person, press: actions.Action, pressed: Sent | None) -> Pressed:
    return _step(await s.chores.choose_days(person, str(press.arg)))


async def swap_day(
    s: Services, person: Person, press: actions.Action, pressed: Sent | None
) -> Pressed:
    return _step(await s.chores.request_swap(person, int(press.arg)))


async def answer_swap(
    s: Services, person: Person, press: actions.Action, pressed: Sent | None
) -> Pressed:
    accept = press.verb == actions.SWAP_ACCEPT
    return _step(await s.chores.answer_swap(person, int(press.arg), accept))


def _step(done: ChoreReply) -> Pressed:
    return Pressed(done.toast, edit=done.edit)
