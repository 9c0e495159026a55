"""The weekly check-in, /progress and /sharing, with their buttons."""

from __future__ import annotations

from bot.conversation.replies import Photo, Pressed, Reply, Request, Where
from bot.domain import actions
from bot.domain.checkin_rules import CheckinMode, decode_choice
from bot.domain.errors import StaleButton
from bot.domain.models import Person
from bot.domain.ports import Outgoing, Sent
from bot.domain.reports import ProgressView
from bot.texts import day_name, text
from bot.wiring import Services

# -- commands ------------------------------------------------------------------------------


async def checkin(s: Services, person: Person, request: Request) -> list[Reply]:
    """/checkin opens this week's check-in now; /checkin <weekday> <HH:MM> sets the slot."""
    if request.where.group:
        # Only in the group the couple linked (an ended couple's group is linked to no one).
        await s.pairing.check_linked(person, request.where.chat_id)
    if len(request.args) >= 2:
        return [await _set_checkin_slot(s, person, request.args[0], request.args[1])]
    mode = await s.checkins.open_now(person)
    # The check-in message (in the group) or the first question (here, in private) is the
    # answer; anything sent after the question would stand between it and a typed number.
    if request.where.group or mode == CheckinMode.PRIVATE:
        return []
    return [Outgoing(text(person.language, "checkin_opened"))]


async def _set_checkin_slot(s: Services, person: Person, weekday: str, at: str) -> Outgoing:
    day, local = await s.checkins.set_slot(person, weekday, at)
    return Outgoing(
        text(
            person.language,
            "checkin_slot_set",
            day=day_name(person.language, day, wide=True),
            time=local.strftime("%H:%M"),
            timezone=person.timezone,
        )
    )


async def progress(s: Services, person: Person, request: Request) -> list[Reply]:
    """/progress: yours in private, the couple's in the group; both with the chart."""
    view = await _progress_view(s, person, request.where)
    return [Outgoing(view.text), Photo(view.chart, view.caption)]


async def _progress_view(s: Services, person: Person, where: Where) -> ProgressView:
    if where.group:
        return await s.progress.couple(person, where.chat_id)
    return await s.progress.personal(person)


async def sharing(s: Services, person: Person, _: Request) -> list[Reply]:
    """/sharing: how the person hears about their partner's promises."""
    return [await s.sharing.show(person)]


# -- presses -------------------------------------------------------------------------------


async def choose(
    s: Services, person: Person, press: actions.Action, pressed: Sent | None
) -> Pressed:
    """One answer of the check-in, chosen with a button."""
    choice = decode_choice(str(press.arg))
    if choice is None:
        raise StaleButton()
    return Pressed(await s.checkins.choose(person, choice))


async def decide_share(
    s: Services, person: Person, press: actions.Action, pressed: Sent | None
) -> Pressed:
    """The check-in's words: shared in the reveal, or kept private."""
    shared = press.verb == actions.SHARE_WORDS
    return Pressed(await s.checkins.decide_share(person, int(press.arg), shared))


async def choose_sharing(
    s: Services, person: Person, press: actions.Action, pressed: Sent | None
) -> Pressed:
    return Pressed("", edit=await s.sharing.choose(person, str(press.arg)))
