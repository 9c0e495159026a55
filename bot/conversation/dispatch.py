"""Who is speaking, where a command may run, and which handler answers: the tables of commands
and presses, and the checks every transport shares."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.conversation import chores, commitments, daily, people, privacy, weekly
from bot.conversation.replies import (
    Pressed,
    Reply,
    Request,
    Surface,
    Where,
    explain,
    language_of,
    with_hint,
)
from bot.domain import actions
from bot.domain.checkins import WORDS
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
from bot.domain.safety import has_crisis_words
from bot.domain.sharing import SHARING_TIME
from bot.domain.support import resources_of
from bot.texts import text
from bot.views.commitments import added_reply, time_set_reply
from bot.views.safety import crisis_reply, sos_reply
from bot.wiring import Services

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

Command = Callable[[Services, Person, Request], Awaitable[list[Reply]]]
Press = Callable[[Services, Person, actions.Action, Sent | None], Awaitable[Pressed]]

# start, help and sos also answer people Kept does not know yet; command() takes them first.
ACTIONS: dict[str, tuple[str, Command]] = {
    "join": (PRIVATE, people.join),
    "timezone": (PRIVATE, people.timezone),
    "language": (PRIVATE, people.language),
    "pair": (PRIVATE, people.pair),
    "link": (GROUP, people.link),
    "commit": (PRIVATE, commitments.commit),
    "cancel": (PRIVATE, commitments.cancel),
    "commitments": (PRIVATE, commitments.commitments),
    "today": (PRIVATE, daily.today),
    "skip": (PRIVATE, daily.skip),
    "pause": (PRIVATE, daily.pause),
    "resume": (PRIVATE, daily.resume),
    "checkin": (ANYWHERE, weekly.checkin),
    "progress": (ANYWHERE, weekly.progress),
    "chores": (ANYWHERE, chores.plan),
    "export": (PRIVATE, privacy.export),
    "forget": (PRIVATE, privacy.forget),
    "unpair": (PRIVATE, privacy.unpair),
    "sharing": (PRIVATE, weekly.sharing),
}

# Every verb actions.decode() reads; a verb missing here is answered as a stale button.
PRESSES: dict[str, Press] = {
    actions.KEPT: daily.answer,
    actions.MISSED: daily.answer,
    actions.SHARE_REFLECTION: daily.share_reflection,
    actions.SNOOZE: daily.snooze,
    actions.NOTICED: daily.notice,
    actions.CHECKIN: weekly.choose,
    actions.SHARE_WORDS: weekly.decide_share,
    actions.KEEP_WORDS: weekly.decide_share,
    actions.SHARING: weekly.choose_sharing,
    actions.DAYS: commitments.days,
    actions.PICK_DAY: commitments.days,
    actions.PAUSE: commitments.pause,
    actions.RESUME: commitments.resume,
    actions.CHANGE_TIME: commitments.change_time,
    actions.FEWER_DAYS: commitments.fewer_days,
    actions.SMALLER: commitments.smaller,
    actions.DELETE: commitments.delete,
    actions.CONFIRM_DELETE: commitments.confirm_delete,
    actions.CANCEL_DELETE: commitments.cancel_delete,
    actions.CHORE_ADD: chores.add,
    actions.CHORE_SWAP: chores.ask_swap,
    actions.CHORE_WHO: chores.who,
    actions.CHORE_DAYS: chores.days,
    actions.CHORE_PICK_DAY: chores.days,
    actions.SWAP_DAY: chores.swap_day,
    actions.SWAP_ACCEPT: chores.answer_swap,
    actions.SWAP_DECLINE: chores.answer_swap,
    actions.FORGET: privacy.confirm_forget,
    actions.KEEP_DATA: privacy.keep_data,
    actions.UNPAIR: privacy.confirm_unpair,
    actions.KEEP_COUPLE: privacy.keep_couple,
    actions.JOIN: people.accept_invitation,
    actions.NOT_NOW: people.decline_invitation,
}


class Conversation:
    """Every command, free text and button of Kept, answered as replies a transport renders."""

    def __init__(self, services: Services) -> None:
        self._s = services
        assert set(ACTIONS) | {"start", "help", "about", "sos"} == COMMANDS

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
            return help_first + await people.start(self._s, who, args, where, surface)
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
        language = language_of(person, who)
        if name in ("help", "about"):
            guide = "about" if name == "about" else "help"
            return [Outgoing(with_hint(text(language, guide), language, surface))]
        if name not in ACTIONS:
            return [Outgoing(text(language, "unknown_command"))]
        allowed, action = ACTIONS[name]
        if not _may_run(allowed, where):
            wrong_chat = "private_only" if allowed == PRIVATE else "group_only"
            return [Outgoing(text(language, wrong_chat))]
        if person is None:
            return [Outgoing(text(language, "need_start"))]
        try:
            return await action(self._s, person, Request(args, rest, where, surface))
        except KeptError as error:
            return [explain(language, error)]

    async def text(self, who: Identity, words: str) -> list[Reply]:
        """Free text in a private chat: the answer to whatever guided step is pending, after
        crisis lines when the words call for them."""
        person = await self._s.people.find(who)
        help_first = self._crisis_help(person, who, words)
        if person is None:
            return help_first or [Outgoing(text(language_of(person, who), "need_start"))]
        if help_first and person.pending is None:
            return help_first  # Nothing was asked: "I'm not sure what you mean" would hurt.
        try:
            return [*help_first, await self._pending_answer(person, words)]
        except KeptError as error:
            return [*help_first, explain(person.language, error)]

    def _crisis_help(self, person: Person | None, who: Identity, words: str) -> list[Reply]:
        """Crisis lines, first, for words of crisis written in private."""
        if not has_crisis_words(words):
            return []
        return [crisis_reply(language_of(person, who), resources_of(person, who.country))]

    async def _sos(self, person: Person | None, who: Identity, where: Where) -> list[Reply]:
        """/sos at any moment: the lines for the person's country; from a group, privately."""
        language = language_of(person, who)
        resources = resources_of(person, who.country)
        if where.group:
            # Never in the group: the partner may be reading it.
            await self._s.support.sos_privately(who.chat_id, language, resources)
            return []
        return [sos_reply(language, resources)]

    async def press(self, who: Identity, data: str, pressed: Sent | None) -> Pressed:
        """A button press: decode, check against the database, act, say what happened."""
        person = await self._s.people.find(who)
        language = language_of(person, who)
        action = actions.decode(data)
        if person is None or action is None:
            return Pressed(text(language, refusal_for_unknown(action)))
        try:
            return await self._press(person, action, pressed)
        except KeptError as error:
            return Pressed(explain(language, error).text)

    async def _press(self, person: Person, action: actions.Action, pressed: Sent | None) -> Pressed:
        """Run a button's use case."""
        handler = PRESSES.get(action.verb)
        if handler is None:
            raise StaleButton()
        return await handler(self._s, person, action, pressed)

    async def _pending_answer(self, person: Person, words: str) -> Outgoing:
        """The answer to the guided step the person is in, if any."""
        s = self._s
        kind = person.pending.kind if person.pending else None
        if kind == COMMIT_WHAT:
            return await s.commitments.got_what(person, words)
        if kind == COMMIT_TIME:
            return added_reply(person.language, await s.commitments.got_time(person, words))
        if kind == CHANGE_TEXT:
            return await s.commitments.got_smaller(person, words)
        if kind == CHANGE_TIME:
            changed = await s.commitments.got_new_time(person, words)
            return time_set_reply(person.language, changed)
        if kind == REFLECTION:
            return await s.nudges.reflect(person, words)
        if kind == WORDS:
            return await s.checkins.got_words(person, words)
        if kind in CHORE_STEPS:
            return await s.chores.got_text(person, words)
        if kind == SHARING_TIME:
            return await s.sharing.got_time(person, words)
        if kind == COMMIT_DAYS:
            # The days are chosen with buttons: ask again rather than guess from words.
            return days_question(person.language)
        return Outgoing(text(person.language, "unknown_text"))


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
