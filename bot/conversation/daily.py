"""The daily loop: /today, /skip, /pause, /resume and the buttons under a nudge."""

from __future__ import annotations

from bot.conversation.replies import Pressed, Reply, Request
from bot.domain import actions
from bot.domain.checkins import WORDS
from bot.domain.models import Person
from bot.domain.nudging import REFLECTION
from bot.domain.ports import Outgoing, Sent
from bot.texts import short_date, text
from bot.wiring import Services

# -- commands ------------------------------------------------------------------------------


async def today(s: Services, person: Person, _: Request) -> list[Reply]:
    """/today: today's nudges, answerable."""
    return [await s.nudges.today(person)]


async def skip(s: Services, person: Person, _: Request) -> list[Reply]:
    """/skip: leave the reflection after a miss (or a check-in's words) unwritten."""
    kind = person.pending.kind if person.pending else None
    if kind == WORDS:
        return [await s.checkins.got_words(person, None)]
    if kind != REFLECTION:
        return [Outgoing(text(person.language, "unknown_text"))]
    return [Outgoing(await s.nudges.skip_reflection(person))]


async def pause(s: Services, person: Person, request: Request) -> list[Reply]:
    """/pause <days>: a holiday from nudges, with no penalty."""
    if not request.args:
        return [Outgoing(text(person.language, "pause_usage"))]
    last = await s.holidays.pause(person, request.args[0])
    until = short_date(person.language, last)
    return [Outgoing(text(person.language, "paused", until=until))]


async def resume(s: Services, person: Person, _: Request) -> list[Reply]:
    """/resume: end a holiday early."""
    await s.holidays.resume(person)
    return [Outgoing(text(person.language, "resumed"))]


# -- presses -------------------------------------------------------------------------------


async def answer(
    s: Services, person: Person, press: actions.Action, pressed: Sent | None
) -> Pressed:
    """Kept or missed: the toast, then the reflection's question and an offer, when there are."""
    kept = press.verb == actions.KEPT
    answered = await s.nudges.answer(person, int(press.arg), kept, pressed)
    prompt = (Outgoing(answered.reflection_prompt),) if answered.reflection_prompt else ()
    offer = (answered.follow_up,) if answered.follow_up else ()
    return Pressed(answered.toast, send=prompt + offer)


async def share_reflection(
    s: Services, person: Person, press: actions.Action, pressed: Sent | None
) -> Pressed:
    return Pressed(await s.nudges.share_reflection(person, int(press.arg)))


async def snooze(
    s: Services, person: Person, press: actions.Action, pressed: Sent | None
) -> Pressed:
    return Pressed(await s.nudges.snooze(person, int(press.arg), pressed))


async def notice(
    s: Services, person: Person, press: actions.Action, pressed: Sent | None
) -> Pressed:
    """The partner noticed a kept promise (or was told of a miss)."""
    return Pressed(await s.nudges.notice(person, int(press.arg), pressed))
