"""Commands about people and pairing: /start, /join, /timezone, /language, /pair, /link."""

from __future__ import annotations

from datetime import datetime

from bot.conversation.replies import Pressed, Reply, Request, Surface, Where, explain, with_hint
from bot.domain.actions import Action
from bot.domain.errors import KeptError
from bot.domain.models import Person
from bot.domain.pairing import Joined
from bot.domain.people import Identity
from bot.domain.ports import Outgoing, Sent
from bot.domain.schedule import valid_zone
from bot.texts import language_for, text
from bot.views.pairing import invitation_opened, invitation_to_forward, paired_message
from bot.wiring import Services

# The payloads of /start: an invitation link, and a check-in question answered in words.
JOIN_PREFIX = "join-"
WORDS_PREFIX = "words-"


async def start(
    s: Services, who: Identity, args: list[str], where: Where, surface: Surface
) -> list[Reply]:
    """/start, and /start join-<code> or words-<id> from a link."""
    if where.group:
        # Not known yet, maybe: the client's language, as for anyone else in a group.
        return [Outgoing(text(language_for(who.language_code), "private_only"))]
    person, new = await s.people.start(who)
    payload = args[0] if args else ""
    if payload.lower().startswith(JOIN_PREFIX):
        return await _invitation(s, person, new, payload[len(JOIN_PREFIX) :], surface)
    try:
        follow_up = await _words_payload(s, person, payload)
    except KeptError as error:
        follow_up = [explain(person.language, error)]
    return [Outgoing(_greeting(person, new, surface)), *follow_up]


def _greeting(person: Person, new: bool, surface: Surface) -> str:
    if not new:
        return text(person.language, "welcome_back", name=person.name)
    welcome = text(person.language, "welcome", name=person.name, timezone=person.timezone)
    return with_hint(welcome, person.language, surface)


async def _invitation(
    s: Services, person: Person, new: bool, code: str, surface: Surface
) -> list[Reply]:
    """An invitation link opened: not yet a yes. The invited partner sees who invites them
    and chooses; someone new is greeted as someone invited, not told how to invite."""
    try:
        inviter = await s.pairing.offer(person, code)
    except KeptError as error:
        return [Outgoing(_greeting(person, new, surface)), explain(person.language, error)]
    greeting = (
        text(person.language, "welcome_invited", name=person.name)
        if new
        else text(person.language, "welcome_back", name=person.name)
    )
    return [Outgoing(greeting), invitation_opened(person, inviter)]


async def _words_payload(s: Services, person: Person, payload: str) -> list[Reply]:
    """/start words-<id>: a check-in question answered in words, from the group's link."""
    number = payload[len(WORDS_PREFIX) :]
    if payload.startswith(WORDS_PREFIX) and _ascii_digits(number):
        return [await s.checkins.start_words(person, int(number[:18]))]
    return []


def _joined_reply(person: Person, joined: Joined) -> Outgoing:
    inviter = joined.inviter
    return Outgoing(paired_message(person.language, inviter.name, joined.slot, inviter.timezone))


async def accept_invitation(
    s: Services, person: Person, press: Action, pressed: Sent | None
) -> Pressed:
    """The Join button under an invitation opened by its link."""
    joined = await s.pairing.accept(person, int(press.arg))
    return Pressed("", edit=_joined_reply(person, joined))


async def decline_invitation(
    s: Services, person: Person, press: Action, pressed: Sent | None
) -> Pressed:
    """The Not now button: nothing changes, nobody is told (and a second press says the same)."""
    await s.pairing.decline(person)
    return Pressed("", edit=Outgoing(text(person.language, "invite_not_now")))


async def join(s: Services, person: Person, request: Request) -> list[Reply]:
    """/join <code>."""
    if not request.args:
        return [Outgoing(text(person.language, "join_usage"))]
    # Typing a code is itself the choice: it joins at once.
    return [_joined_reply(person, await s.pairing.join(person, " ".join(request.args)))]


async def timezone(s: Services, person: Person, request: Request) -> list[Reply]:
    """/timezone <Area/City>."""
    lang = person.language
    if not request.args:
        return [Outgoing(text(lang, "timezone_usage", timezone=person.timezone))]
    name = await s.people.set_timezone(person, request.args[0])
    local = datetime.now(valid_zone(name)).strftime("%H:%M")
    return [Outgoing(text(lang, "timezone_set", timezone=name, local_time=local))]


async def language(s: Services, person: Person, request: Request) -> list[Reply]:
    """/language <en or es>: the language of the person's messages, answered in it."""
    if not request.args:
        return [Outgoing(text(person.language, "language_usage"))]
    chosen = await s.people.set_language(person, request.args[0])
    return [Outgoing(text(chosen, "language_set"))]


async def pair(s: Services, person: Person, request: Request) -> list[Reply]:
    """/pair: an invitation code, as a link where the transport has links."""
    invite = await s.pairing.invite(person)
    link = request.surface.invite_link(invite.code)
    if link is None:
        return [Outgoing(text(person.language, "pair_invite_code", code=invite.code))]
    return [*invitation_to_forward(person.language, person.name, link, invite.code)]


async def link(s: Services, person: Person, request: Request) -> list[Reply]:
    """/link in the couple's group chat."""
    linked = await s.pairing.link(person, request.where.chat_id)
    done = text(person.language, "link_done", a=linked.names[0], b=linked.names[1])
    if not linked.partner_in_group:
        missing = text(person.language, "link_partner_missing", partner=linked.partner_name)
        done += "\n\n" + missing
    return [Outgoing(done)]


def _ascii_digits(word: str) -> bool:
    """Only 0-9: str.isdigit() also accepts '²', which int() refuses."""
    return word.isascii() and word.isdigit()
