"""What Kept answers to each command, free text and button press, whatever the transport.

A transport turns what it received into a call here and renders the replies; the checks that
do not depend on the transport (who is speaking, where a command may run, the domain's
refusals) live here so that Telegram and Signal answer alike.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain import actions
from bot.domain.checkins import WORDS, CheckinMode, decode_choice
from bot.domain.chores import CHORE_STEPS
from bot.domain.commitments import (
    CHANGE_TEXT,
    CHANGE_TIME,
    COMMIT_DAYS,
    COMMIT_TIME,
    COMMIT_WHAT,
    days_question,
)
from bot.domain.errors import KeptError, StaleButton
from bot.domain.models import Person
from bot.domain.nudging import REFLECTION
from bot.domain.people import Identity
from bot.domain.ports import Outgoing, Sent
from bot.domain.privacy import EXPORT_FILE_NAME
from bot.domain.reports import ProgressView
from bot.domain.safety import has_crisis_words
from bot.domain.schedule import valid_zone
from bot.domain.sharing import SHARING_TIME
from bot.domain.support import resources_of
from bot.texts import day_name, language_for, short_date, text
from bot.views.commitments import (
    added_reply,
    commitment_list,
    delete_confirmation,
    resumed_toast,
    time_set_reply,
)
from bot.views.safety import crisis_reply, sos_reply
from bot.wiring import Services

# The payloads of /start: an invitation link, and a check-in question answered in words.
JOIN_PREFIX = "join-"
WORDS_PREFIX = "words-"

COMMANDS = frozenset(
    {
        "start",
        "join",
        "timezone",
        "language",
        "pair",
        "link",
        "help",
        "about",
        "commit",
        "cancel",
        "commitments",
        "today",
        "skip",
        "pause",
        "resume",
        "checkin",
        "progress",
        "chores",
        "export",
        "forget",
        "sos",
        "unpair",
        "sharing",
    }
)

# Where a command may run.
PRIVATE = "private"
GROUP = "group"
ANYWHERE = "anywhere"


@dataclass(frozen=True)
class Where:
    """The chat a message came from, as any transport sees it."""

    chat_id: int
    group: bool


@dataclass(frozen=True)
class Photo:
    """An image to send, with its caption."""

    png: bytes
    caption: str


@dataclass(frozen=True)
class Document:
    """A file to send, with its name and caption."""

    data: bytes
    filename: str
    caption: str


Reply = Outgoing | Photo | Document


@dataclass(frozen=True)
class Pressed:
    """What a button press leads to: a toast, maybe an edit of its message, maybe new ones."""

    toast: str
    edit: Outgoing | None = None
    send: tuple[Outgoing, ...] = ()


class Surface(Protocol):
    """What differs between transports that the conversation needs to know."""

    def invite_link(self, code: str) -> str | None:
        """A link that joins the couple by this code, when the transport has such links."""
        ...

    def has_buttons(self) -> bool:
        """Whether choices are buttons; without them people are told how to answer."""
        ...


@dataclass(frozen=True)
class Request:
    """One command as its action sees it."""

    args: list[str]
    rest: str
    where: Where
    surface: Surface


Action = Callable[[Person, Request], Awaitable[list[Reply]]]


class Conversation:
    """Every command, free text and button of Kept, answered as replies a transport renders."""

    def __init__(self, services: Services) -> None:
        self._s = services
        # start, help and sos also answer people Kept does not know yet; command() takes them
        # first.
        self._actions: dict[str, tuple[str, Action]] = {
            "join": (PRIVATE, self._join_command),
            "timezone": (PRIVATE, self._timezone),
            "language": (PRIVATE, self._language),
            "pair": (PRIVATE, self._pair),
            "link": (GROUP, self._link),
            "commit": (PRIVATE, self._commit),
            "cancel": (PRIVATE, self._cancel),
            "commitments": (PRIVATE, self._commitments),
            "today": (PRIVATE, self._today),
            "skip": (PRIVATE, self._skip),
            "pause": (PRIVATE, self._pause),
            "resume": (PRIVATE, self._resume),
            "checkin": (ANYWHERE, self._checkin),
            "progress": (ANYWHERE, self._progress),
            "chores": (ANYWHERE, self._chores),
            "export": (PRIVATE, self._export),
            "forget": (PRIVATE, self._forget),
            "unpair": (PRIVATE, self._unpair),
            "sharing": (PRIVATE, self._sharing),
        }
        assert set(self._actions) | {"start", "help", "about", "sos"} == COMMANDS

    # -- entry points ----------------------------------------------------------------------

    async def command(
        self,
        who: Identity,
        name: str,
        args: list[str],
        rest: str,
        where: Where,
        surface: Surface,
    ) -> list[Reply]:
        """Run one command: check who and where, act, or explain the refusal."""
        person = await self._s.people.find(who)
        # Group text is never read; in private, a command's words are read like any other.
        help_first = [] if where.group else self._crisis_help(person, who, rest)
        if name == "start":
            return help_first + await self._start(who, args, where, surface)
        if name == "sos":
            return await self._sos(person, who, where)
        return help_first + await self._command(person, who, name, args, rest, where, surface)

    async def _command(
        self,
        person: Person | None,
        who: Identity,
        name: str,
        args: list[str],
        rest: str,
        where: Where,
        surface: Surface,
    ) -> list[Reply]:
        language = _language(person, who)
        if name in ("help", "about"):
            guide = "about" if name == "about" else "help"
            return [Outgoing(_with_hint(text(language, guide), language, surface))]
        if name not in self._actions:
            return [Outgoing(text(language, "unknown_command"))]
        allowed, action = self._actions[name]
        if not _may_run(allowed, where):
            wrong_chat = "private_only" if allowed == PRIVATE else "group_only"
            return [Outgoing(text(language, wrong_chat))]
        if person is None:
            return [Outgoing(text(language, "need_start"))]
        try:
            return await action(person, Request(args, rest, where, surface))
        except KeptError as error:
            return [_explain(language, error)]

    async def text(self, who: Identity, words: str) -> list[Reply]:
        """Free text in a private chat: the answer to whatever guided step is pending, after
        crisis lines when the words call for them."""
        person = await self._s.people.find(who)
        help_first = self._crisis_help(person, who, words)
        if person is None:
            return help_first or [Outgoing(text(_language(person, who), "need_start"))]
        if help_first and person.pending is None:
            return help_first  # Nothing was asked: "I'm not sure what you mean" would hurt.
        try:
            return [*help_first, await self._pending_answer(person, words)]
        except KeptError as error:
            return [*help_first, _explain(person.language, error)]

    def _crisis_help(self, person: Person | None, who: Identity, words: str) -> list[Reply]:
        """Crisis lines, first, for words of crisis written in private."""
        if not has_crisis_words(words):
            return []
        return [crisis_reply(_language(person, who), resources_of(person, who.country))]

    async def _sos(self, person: Person | None, who: Identity, where: Where) -> list[Reply]:
        """/sos at any moment: the lines for the person's country; from a group, privately."""
        language = _language(person, who)
        resources = resources_of(person, who.country)
        if where.group:
            # Never in the group: the partner may be reading it.
            await self._s.support.sos_privately(who.chat_id, language, resources)
            return []
        return [sos_reply(language, resources)]

    async def press(self, who: Identity, data: str, pressed: Sent | None) -> Pressed:
        """A button press: decode, check against the database, act, say what happened."""
        person = await self._s.people.find(who)
        language = _language(person, who)
        action = actions.decode(data)
        if person is None or action is None:
            return Pressed(text(language, refusal_for_unknown(action)))
        try:
            return await self._press(person, action, pressed)
        except KeptError as error:
            return Pressed(_explain(language, error).text)

    # -- pairing and people ----------------------------------------------------------------

    async def _start(
        self, who: Identity, args: list[str], where: Where, surface: Surface
    ) -> list[Reply]:
        """/start, and /start join-<code> or words-<id> from a link."""
        if where.group:
            # Not known yet, maybe: the client's language, as for anyone else in a group.
            return [Outgoing(text(language_for(who.language_code), "private_only"))]
        person, new = await self._s.people.start(who)
        greeting = (
            _with_hint(
                text(person.language, "welcome", name=person.name, timezone=person.timezone),
                person.language,
                surface,
            )
            if new
            else text(person.language, "welcome_back", name=person.name)
        )
        payload = args[0] if args else ""
        try:
            follow_up = await self._start_payload(person, payload)
        except KeptError as error:
            follow_up = [_explain(person.language, error)]
        return [Outgoing(greeting), *follow_up]

    async def _start_payload(self, person: Person, payload: str) -> list[Reply]:
        if payload.lower().startswith(JOIN_PREFIX):
            return [await self._join(person, payload[len(JOIN_PREFIX) :])]
        number = payload[len(WORDS_PREFIX) :]
        if payload.startswith(WORDS_PREFIX) and _ascii_digits(number):
            return [await self._s.checkins.start_words(person, int(number[:18]))]
        return []

    async def _join(self, person: Person, code: str) -> Outgoing:
        joined = await self._s.pairing.join(person, code)
        paired = text(person.language, "paired_you", partner=joined.inviter.name)
        return Outgoing(f"{paired}\n\n{text(person.language, 'paired_hint')}")

    async def _join_command(self, person: Person, request: Request) -> list[Reply]:
        """/join <code>."""
        if not request.args:
            return [Outgoing(text(person.language, "join_usage"))]
        return [await self._join(person, " ".join(request.args))]

    async def _timezone(self, person: Person, request: Request) -> list[Reply]:
        """/timezone <Area/City>."""
        lang = person.language
        if not request.args:
            return [Outgoing(text(lang, "timezone_usage", timezone=person.timezone))]
        name = await self._s.people.set_timezone(person, request.args[0])
        local = datetime.now(valid_zone(name)).strftime("%H:%M")
        return [Outgoing(text(lang, "timezone_set", timezone=name, local_time=local))]

    async def _language(self, person: Person, request: Request) -> list[Reply]:
        """/language <en or es>: the language of the person's messages, answered in it."""
        if not request.args:
            return [Outgoing(text(person.language, "language_usage"))]
        chosen = await self._s.people.set_language(person, request.args[0])
        return [Outgoing(text(chosen, "language_set"))]

    async def _pair(self, person: Person, request: Request) -> list[Reply]:
        """/pair: an invitation code, as a link where the transport has links."""
        invite = await self._s.pairing.invite(person)
        link = request.surface.invite_link(invite.code)
        if link is None:
            return [Outgoing(text(person.language, "pair_invite_code", code=invite.code))]
        return [Outgoing(text(person.language, "pair_invite", link=link, code=invite.code))]

    async def _link(self, person: Person, request: Request) -> list[Reply]:
        """/link in the couple's group chat."""
        linked = await self._s.pairing.link(person, request.where.chat_id)
        done = text(person.language, "link_done", a=linked.names[0], b=linked.names[1])
        if not linked.partner_in_group:
            missing = text(person.language, "link_partner_missing", partner=linked.partner_name)
            done += "\n\n" + missing
        return [Outgoing(done)]

    # -- commitments -----------------------------------------------------------------------

    async def _commit(self, person: Person, request: Request) -> list[Reply]:
        """/commit (guided) or /commit HH:MM text (daily, at once)."""
        if not request.args:
            return [await self._s.commitments.begin(person)]
        added = await self._s.commitments.add_line(person, request.rest)
        return [added_reply(person.language, added)]

    async def _cancel(self, person: Person, _: Request) -> list[Reply]:
        """/cancel: leave a guided step."""
        await self._s.commitments.cancel(person)
        return [Outgoing(text(person.language, "commit_cancelled"))]

    async def _commitments(self, person: Person, _: Request) -> list[Reply]:
        """/commitments: list with pause / resume / change time / delete."""
        return [commitment_list(person.language, await self._s.commitments.listing(person))]

    # -- the daily loop --------------------------------------------------------------------

    async def _today(self, person: Person, _: Request) -> list[Reply]:
        """/today: today's nudges, answerable."""
        return [await self._s.nudges.today(person)]

    async def _skip(self, person: Person, _: Request) -> list[Reply]:
        """/skip: leave the reflection after a miss (or a check-in's words) unwritten."""
        kind = person.pending.kind if person.pending else None
        if kind == WORDS:
            return [await self._s.checkins.got_words(person, None)]
        if kind != REFLECTION:
            return [Outgoing(text(person.language, "unknown_text"))]
        return [Outgoing(await self._s.nudges.skip_reflection(person))]

    async def _pending_answer(self, person: Person, words: str) -> Outgoing:
        """The answer to the guided step the person is in, if any."""
        kind = person.pending.kind if person.pending else None
        if kind == COMMIT_WHAT:
            return await self._s.commitments.got_what(person, words)
        if kind == COMMIT_TIME:
            return added_reply(person.language, await self._s.commitments.got_time(person, words))
        if kind == CHANGE_TEXT:
            return await self._s.commitments.got_smaller(person, words)
        if kind == CHANGE_TIME:
            changed = await self._s.commitments.got_new_time(person, words)
            return time_set_reply(person.language, changed)
        if kind == REFLECTION:
            return await self._s.nudges.reflect(person, words)
        if kind == WORDS:
            return await self._s.checkins.got_words(person, words)
        if kind in CHORE_STEPS:
            return await self._s.chores.got_text(person, words)
        if kind == SHARING_TIME:
            return await self._s.sharing.got_time(person, words)
        if kind == COMMIT_DAYS:
            # The days are chosen with buttons: ask again rather than guess from words.
            return days_question(person.language)
        return Outgoing(text(person.language, "unknown_text"))

    async def _pause(self, person: Person, request: Request) -> list[Reply]:
        """/pause <days>: a holiday from nudges, with no penalty."""
        if not request.args:
            return [Outgoing(text(person.language, "pause_usage"))]
        last = await self._s.holidays.pause(person, request.args[0])
        until = short_date(person.language, last)
        return [Outgoing(text(person.language, "paused", until=until))]

    async def _resume(self, person: Person, _: Request) -> list[Reply]:
        """/resume: end a holiday early."""
        await self._s.holidays.resume(person)
        return [Outgoing(text(person.language, "resumed"))]

    # -- the weekly check-in, progress and chores ------------------------------------------

    async def _checkin(self, person: Person, request: Request) -> list[Reply]:
        """/checkin opens this week's check-in now; /checkin <weekday> <HH:MM> sets the slot."""
        if request.where.group:
            # Only in the group the couple linked (an ended couple's group is linked to no one).
            await self._s.pairing.check_linked(person, request.where.chat_id)
        if len(request.args) >= 2:
            return [await self._set_checkin_slot(person, request.args[0], request.args[1])]
        mode = await self._s.checkins.open_now(person)
        # The check-in message (in the group) or the first question (here, in private) is the
        # answer; anything sent after the question would stand between it and a typed number.
        if request.where.group or mode == CheckinMode.PRIVATE:
            return []
        return [Outgoing(text(person.language, "checkin_opened"))]

    async def _set_checkin_slot(self, person: Person, weekday: str, at: str) -> Outgoing:
        day, local = await self._s.checkins.set_slot(person, weekday, at)
        return Outgoing(
            text(
                person.language,
                "checkin_slot_set",
                day=day_name(person.language, day, wide=True),
                time=local.strftime("%H:%M"),
                timezone=person.timezone,
            )
        )

    async def _progress(self, person: Person, request: Request) -> list[Reply]:
        """/progress: yours in private, the couple's in the group; both with the chart."""
        view = await self._progress_view(person, request.where)
        return [Outgoing(view.text), Photo(view.chart, view.caption)]

    async def _progress_view(self, person: Person, where: Where) -> ProgressView:
        if where.group:
            return await self._s.progress.couple(person, where.chat_id)
        return await self._s.progress.personal(person)

    async def _chores(self, person: Person, request: Request) -> list[Reply]:
        """/chores: the couple's week of chores, in private or in their linked group."""
        where = request.where
        return [await self._s.chores.plan(person, where.chat_id if where.group else None)]

    async def _sharing(self, person: Person, _: Request) -> list[Reply]:
        """/sharing: how the person hears about their partner's promises."""
        return [await self._s.sharing.show(person)]

    # -- privacy ---------------------------------------------------------------------------

    async def _export(self, person: Person, _: Request) -> list[Reply]:
        """/export: everything stored about the person, as a JSON document."""
        document = await self._s.privacy.export(person)
        data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
        caption = text(person.language, "export_caption")
        return [Document(data, EXPORT_FILE_NAME, caption)]

    async def _forget(self, person: Person, _: Request) -> list[Reply]:
        """/forget: ask for the confirmation button before deleting anything."""
        return [await self._s.privacy.ask_forget(person)]

    async def _unpair(self, person: Person, _: Request) -> list[Reply]:
        """/unpair: ask for the confirmation button before ending the couple."""
        return [await self._s.pairing.ask_unpair(person)]

    # -- buttons ---------------------------------------------------------------------------

    async def _press(self, person: Person, action: actions.Action, pressed: Sent | None) -> Pressed:
        """Run a button's use case."""
        verb, arg = action.verb, action.arg
        if verb in (actions.KEPT, actions.MISSED):
            answered = await self._s.nudges.answer(person, int(arg), verb == actions.KEPT, pressed)
            prompt = (Outgoing(answered.reflection_prompt),) if answered.reflection_prompt else ()
            offer = (answered.follow_up,) if answered.follow_up else ()
            return Pressed(answered.toast, send=prompt + offer)
        if verb == actions.SHARE_REFLECTION:
            return Pressed(await self._s.nudges.share_reflection(person, int(arg)))
        if verb in (actions.SHARE_WORDS, actions.KEEP_WORDS):
            shared = verb == actions.SHARE_WORDS
            return Pressed(await self._s.checkins.decide_share(person, int(arg), shared))
        if verb == actions.SNOOZE:
            return Pressed(await self._s.nudges.snooze(person, int(arg), pressed))
        if verb == actions.NOTICED:
            return Pressed(await self._s.nudges.notice(person, int(arg), pressed))
        if verb == actions.CHECKIN:
            choice = decode_choice(str(arg))
            if choice is None:
                raise StaleButton()
            return Pressed(await self._s.checkins.choose(person, choice))
        if verb in (actions.DAYS, actions.PICK_DAY):
            return Pressed("", edit=await self._s.commitments.got_days(person, str(arg)))
        if verb == actions.FORGET:
            forgotten = await self._s.privacy.forget(person, int(arg))
            return Pressed("", edit=Outgoing(forgotten.message))
        if verb == actions.SHARING:
            return Pressed("", edit=await self._s.sharing.choose(person, str(arg)))
        if verb == actions.KEEP_DATA:
            return Pressed("", edit=Outgoing(await self._s.privacy.keep(person, int(arg))))
        if verb == actions.UNPAIR:
            unpaired = await self._s.pairing.unpair(person, int(arg))
            return Pressed("", edit=Outgoing(unpaired.message))
        if verb == actions.KEEP_COUPLE:
            return Pressed("", edit=Outgoing(await self._s.pairing.keep_couple(person, int(arg))))
        if verb in actions.CHORE_VERBS:
            return await self._chore_press(person, verb, arg, pressed)
        return await self._commitment_press(person, verb, int(arg))

    async def _chore_press(
        self, person: Person, verb: str, arg: int | str, pressed: Sent | None
    ) -> Pressed:
        chores = self._s.chores
        where = pressed.chat_id if pressed else None
        if verb == actions.CHORE_ADD:
            return Pressed(await chores.begin_add(person, int(arg), where))
        if verb == actions.CHORE_SWAP:
            return Pressed(await chores.ask_swap(person, int(arg), where))
        if verb == actions.CHORE_WHO:
            done = await chores.choose_who(person, int(arg))
        elif verb in (actions.CHORE_DAYS, actions.CHORE_PICK_DAY):
            done = await chores.choose_days(person, str(arg))
        elif verb == actions.SWAP_DAY:
            done = await chores.request_swap(person, int(arg))
        else:
            done = await chores.answer_swap(person, int(arg), verb == actions.SWAP_ACCEPT)
        return Pressed(done.toast, edit=done.edit)

    async def _commitment_press(self, person: Person, verb: str, commitment_id: int) -> Pressed:
        lang = person.language
        service = self._s.commitments
        if verb == actions.PAUSE:
            c = await service.pause(person, commitment_id)
            toast = text(lang, "commitment_paused", text=c.text)
        elif verb == actions.RESUME:
            c = await service.resume(person, commitment_id)
            toast = resumed_toast(lang, c)
        elif verb == actions.CHANGE_TIME:
            c = await service.ask_new_time(person, commitment_id)
            return Pressed("", send=(Outgoing(text(lang, "commitment_time_ask", text=c.text)),))
        elif verb == actions.FEWER_DAYS:
            return Pressed("", send=(await service.ask_fewer_days(person, commitment_id),))
        elif verb == actions.SMALLER:
            return Pressed("", send=(await service.ask_smaller(person, commitment_id),))
        elif verb == actions.DELETE:
            c = await service.get(person, commitment_id)
            return Pressed("", edit=delete_confirmation(lang, c))
        elif verb == actions.CONFIRM_DELETE:
            c = await service.delete(person, commitment_id)
            toast = text(lang, "commitment_deleted", text=c.text)
        elif verb == actions.CANCEL_DELETE:
            toast = text(lang, "commitment_delete_cancelled")
        else:
            raise StaleButton()
        return Pressed(toast, edit=commitment_list(person.language, await service.listing(person)))


def _may_run(allowed: str, where: Where) -> bool:
    """Whether a command allowed in private, in a group or anywhere may run in this chat."""
    if allowed == PRIVATE:
        return not where.group
    if allowed == GROUP:
        return where.group
    return True


def refusal_for_unknown(action: actions.Action | None) -> str:
    """What to tell someone Kept does not know yet (or a press it cannot read)."""
    if action is None:
        return "error_stale"
    if action.verb in (actions.CHECKIN, actions.NOTICED):
        return "error_not_partner"
    if action.verb in (actions.KEPT, actions.MISSED):
        return "error_not_yours"
    if action.verb in (actions.FORGET, actions.KEEP_DATA):
        return "error_forget_stale"
    if action.verb in (actions.UNPAIR, actions.KEEP_COUPLE):
        return "error_unpair_stale"
    if action.verb in (
        actions.CHORE_ADD,
        actions.CHORE_SWAP,
        actions.SWAP_ACCEPT,
        actions.SWAP_DECLINE,
    ):
        return "error_not_partner"
    return "need_start"


def _with_hint(message: str, language: str, surface: Surface) -> str:
    """The message, followed by how to answer where there are no buttons."""
    if surface.has_buttons():
        return message
    return f"{message}\n\n{text(language, 'how_to_answer_typed')}"


def _explain(language: str, error: KeptError) -> Outgoing:
    """A domain refusal in the person's words."""
    return Outgoing(text(language, error.key, **error.params))


def _language(person: Person | None, who: Identity) -> str:
    """The person's language, or their client's for someone Kept does not know yet."""
    return person.language if person else language_for(who.language_code)


def _ascii_digits(word: str) -> bool:
    """Only 0-9: str.isdigit() also accepts '²', which int() refuses."""
    return word.isascii() and word.isdigit()
