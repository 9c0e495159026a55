"""Commands about people and pairing: /start, /join, /timezone, /language, /pair, /link."""

from __future__ import annotations

from datetime import datetime

from bot.conversation.replies import Reply, Request, Surface, Where, explain, with_hint
from bot.domain.errors import KeptError
from bot.domain.models import Person
from bot.domain.people import Identity
from bot.domain.ports import Outgoing
from bot.domain.schedule import valid_zone
from bot.texts import language_for, text
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
    greeting = (
        with_hint(
            text(person.language, "welcome", name=person.name, timezone=person.timezone),
            person.language,
            surface,
        )
        if new
        else text(person.language, "welcome_back", name=person.name)
    )
    payload = args[0] if args else ""
    try:
        follow_up = await _start_payload(s, person, payload)
    except KeptError as error:
        follow_up = [explain(person.language, error)]
    return [Outgoing(greeting), *follow_up]


async def _start_payload(s: Services, person: Person, payload: str) -> list[Reply]:
    if payload.lower().startswith(JOIN_PREFIX):
        return [await _join(s, person, payload[len(JOIN_PREFIX) :])]
    number = payload[len(WORDS_PREFIX) :]
    if payload.startswith(WORDS_PREFIX) and _ascii_digits(number):
        return [await s.checkins.start_words(person, int(number[:18]))]
    return []


async def _join(s: Services, person: Person, code: str) -> Outgoing:
    joined = await s.pairing.join(person, code)
    paired = text(person.language, "paired_you", partner=joined.inviter.name)
    return Outgoing(f"{paired}\n\n{text(person.language, 'paired_hint')}")


async def join(s: Services, person: Person, request: Request) -> list[Reply]:
    """/join <code>."""
    if not request.args:
        return [Outgoing(text(person.language, "join_usage"))]
    return [await _join(s, person, " ".join(request.args))]


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
    return [Outgoing(text(person.language, "pair_invite", link=link, code=invite.code))]


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
