"""Incoming Signal messages and reactions, turned into the same use cases as Telegram's buttons."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.conversation import COMMANDS, Conversation, Document, Photo, Reply, Where
from bot.domain import actions
from bot.domain.helplines import country_of_number
from bot.domain.notify import attempt
from bot.domain.people import Identity
from bot.domain.ports import Outgoing, Sent
from bot.domain.throttle import Throttle, Verdict
from bot.signal.addresses import Address
from bot.signal.messenger import SignalMessenger
from bot.signal.store import SqlSignalStore
from bot.signal.words import (
    Command,
    answer_verb,
    choice_number,
    is_sos,
    language_of_number,
    parse_command,
    reaction_verb,
)
from bot.texts import language_for, text
from bot.wiring import Services

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]
# How far back a typed number looks for the message whose choices it picks.
RECENT_MESSAGES = 10


class SignalSurface:
    """Signal has no deep links: an invitation is a code to type."""

    def invite_link(self, code: str) -> str | None:
        """No link on Signal."""
        return None

    def has_buttons(self) -> bool:
        """No buttons on Signal: people answer with words, numbers and reactions."""
        return False


@dataclass(frozen=True)
class Menu:
    """A message of the bot and the action data behind its numbers."""

    message_ts: int
    actions: list[str]

    def with_verb(self, verbs: Sequence[str]) -> list[str]:
        """The choices whose action is one of these verbs."""
        return [a for a in self.actions if _verb(a) in verbs]


def _verb(data: str) -> str | None:
    action = actions.decode(data)
    return action.verb if action else None


class SignalRouter:
    """Reads one envelope at a time: commands, numbers, answer words, reactions, free text."""

    def __init__(
        self,
        conversation: Conversation,
        services: Services,
        messenger: SignalMessenger,
        store: SqlSignalStore,
        throttle: Throttle | None = None,
    ) -> None:
        self._throttle = throttle or Throttle()
        self._conversation = conversation
        self._services = services
        self._messenger = messenger
        self._store = store
        self._surface = SignalSurface()

    async def handle(self, params: JSONDict) -> None:
        """One ``receive`` event's params; anything but a data message or its edit is ignored."""
        envelope = params.get("envelope")
        if not isinstance(envelope, dict):
            return
        edit = envelope.get("editMessage")
        edited = isinstance(edit, dict)
        data = (edit if isinstance(edit, dict) else envelope).get("dataMessage")
        source = envelope.get("sourceUuid") or envelope.get("sourceNumber")
        if not isinstance(data, dict) or not isinstance(source, str) or not source:
            return
        who, where = await self._who_and_where(envelope, data, source)
        if edited:
            await self._edited(who, where)
            return
        reaction = data.get("reaction")
        if isinstance(reaction, dict):
            await self._reaction(who, where, reaction)
            return
        message = data.get("message")
        if isinstance(message, str) and message.strip():
            if await self._over_the_limit(who, where, message):
                return
            quote = data.get("quote")
            quoted = quote.get("id") if isinstance(quote, dict) else None
            await self._message(
                who, where, message.strip(), quoted if isinstance(quoted, int) else None
            )

    async def _who_and_where(
        self, envelope: JSONDict, data: JSONDict, source: str
    ) -> tuple[Identity, Where]:
        person_chat = await self._store.chat_id_for(Address(recipient=source))
        name, number = envelope.get("sourceName"), envelope.get("sourceNumber")
        number = number if isinstance(number, str) else None
        who = Identity(
            person_chat,
            name if isinstance(name, str) else "",
            language_of_number(number),
            country_of_number(number),
        )
        group = data.get("groupInfo")
        group_id = group.get("groupId") if isinstance(group, dict) else None
        if isinstance(group_id, str) and group_id:
            return who, Where(await self._store.chat_id_for(Address(group_id=group_id)), True)
        return who, Where(person_chat, False)

    async def _over_the_limit(self, who: Identity, where: Where, message: str) -> bool:
        """The per-person limit, counted as on Telegram: commands anywhere, text in private."""
        if where.group and parse_command(message) is None:
            return False  # Group chatter is not for the bot and costs nothing.
        verdict = self._throttle.allow(("signal", who.chat_id), self._services.clock.now())
        if verdict is Verdict.WARN_ONCE:
            log.info("rate limit reached by a person; ignoring them for a minute")
            await self._say(who, who.chat_id, "slow_down")
        return verdict is not Verdict.ALLOW

    async def _edited(self, who: Identity, where: Where) -> None:
        """An edited message changes nothing Kept noted; in private, say so, so that nobody
        believes an edited answer was taken."""
        if where.group:
            return  # The couple's own talk.
        if not await self._over_the_limit(who, where, ""):
            await self._say(who, where.chat_id, "edit_not_read")

    # -- text ----------------------------------------------------------------------------

    async def _message(self, who: Identity, where: Where, message: str, quoted: int | None) -> None:
        command = parse_command(message)
        if command is None and not where.group and is_sos(message):
            command = Command("sos", [], "")
        if command is not None:
            if where.group and command.name not in COMMANDS:
                return  # People talk in their group; only Kept's own commands are for the bot.
            replies = await self._conversation.command(
                who, command.name, command.args, command.rest, where, self._surface
            )
            await self._deliver(where.chat_id, replies)
            return
        menu = await self._menu(who, where.chat_id, quoted)
        number = choice_number(message)
        if number is not None and menu is not None and menu.actions:
            await self._choose(who, where, menu, number)
        elif where.group:
            return  # Free talk in the couple's group is theirs, not the bot's.
        elif (verb := answer_verb(message)) is not None and not await self._writing(
            who, menu, verb
        ):
            await self._answer_by_word(who, where, menu, verb)
        else:
            await self._deliver(where.chat_id, await self._conversation.text(who, message))

    async def _menu(self, who: Identity, chat_id: int, quoted: int | None) -> Menu | None:
        """The choices a typed number or answer word refers to.

        The quoted message's, else the latest message's; when that one has no choices, the
        latest one with choices, unless the latest was a question waiting for typed words.
        """
        if quoted is not None:
            found = await self._store.menu(chat_id, quoted)
            if found is not None:
                return Menu(quoted, found)
        recent = [Menu(*m) for m in await self._store.recent_menus(chat_id, RECENT_MESSAGES)]
        if not recent or recent[0].actions:
            return recent[0] if recent else None
        if await self._pending(who):
            return None
        return next((m for m in recent if m.actions), None)

    async def _choose(self, who: Identity, where: Where, menu: Menu, number: int) -> None:
        if number > len(menu.actions):
            await self._say(who, where.chat_id, "no_such_choice")
            return
        await self._press(who, where.chat_id, menu.actions[number - 1], menu.message_ts)

    async def _writing(self, who: Identity, menu: Menu | None, verb: str) -> bool:
        """Whether a "no" or "done" is an answer to a question being written, not to a nudge."""
        if menu is not None and menu.with_verb((verb,)):
            return False
        return await self._pending(who)

    async def _pending(self, who: Identity) -> bool:
        person = await self._services.people.find(who)
        return person is not None and person.pending is not None

    async def _answer_by_word(
        self, who: Identity, where: Where, menu: Menu | None, verb: str
    ) -> None:
        """ "kept" / "missed": the one open promise it can mean, or show them to pick one."""
        chosen = menu.with_verb((verb,)) if menu is not None else []
        if len(chosen) == 1 and menu is not None:
            await self._press(who, where.chat_id, chosen[0], menu.message_ts)
            return
        await self._offer_today(who, where, verb)

    async def _offer_today(self, who: Identity, where: Where, verb: str) -> None:
        """No open promise in sight: show today's, numbered, or say nothing is waiting."""
        person = await self._services.people.find(who)
        if person is None:
            await self._deliver(where.chat_id, await self._conversation.text(who, ""))
            return
        today = await self._services.nudges.today(person)
        open_ones = [b for row in today.buttons for b in row if _verb(b.action) == verb]
        if not open_ones:
            await self._say(who, where.chat_id, "nothing_to_answer")
            return
        if len(open_ones) == 1:
            # Only one promise it can mean, its message far up the chat: answer that one.
            await self._press(who, where.chat_id, open_ones[0].action, None)
            return
        lead = text(person.language, "which_one")
        await self._deliver(where.chat_id, [Outgoing(f"{lead}\n\n{today.text}", today.buttons)])

    # -- reactions -----------------------------------------------------------------------

    async def _reaction(self, who: Identity, where: Where, reaction: JSONDict) -> None:
        """👍 / 👎 on a nudge answers it; 👍 on the partner's news is "I noticed"."""
        verb = reaction_verb(str(reaction.get("emoji") or ""))
        target = reaction.get("targetSentTimestamp")
        if reaction.get("isRemove") or verb is None or not isinstance(target, int):
            return
        found = await self._store.menu(where.chat_id, target)
        if not found:
            return  # A reaction to a message without choices is just a feeling.
        menu = Menu(target, found)
        verbs = (verb, actions.NOTICED) if verb == actions.KEPT else (verb,)
        chosen = menu.with_verb(verbs)
        if len(chosen) == 1:
            await self._press(who, where.chat_id, chosen[0], target)
        elif len(chosen) > 1:
            await self._offer_today(who, where, verb)

    # -- effects -------------------------------------------------------------------------

    async def _press(self, who: Identity, chat_id: int, data: str, message_ts: int | None) -> None:
        """A numbered choice is a button press on the message that showed it."""
        pressed = Sent(chat_id, message_ts) if message_ts is not None else None
        result = await self._conversation.press(who, data, pressed)
        if result.edit is not None and pressed is not None:
            await self._quietly(self._messenger.edit(pressed, result.edit))
        replies: list[Reply] = [Outgoing(result.toast)] if result.toast else []
        await self._deliver(chat_id, [*replies, *result.send])
        if _verb(data) == actions.FORGET and await self._services.people.find(who) is None:
            # Everything about the person is gone; so goes the address we reached them at.
            await self._store.forget(who.chat_id)

    async def _say(self, who: Identity, chat_id: int, key: str) -> None:
        person = await self._services.people.find(who)
        language = person.language if person else language_for(None)
        await self._deliver(chat_id, [Outgoing(text(language, key))])

    async def _deliver(self, chat_id: int, replies: Sequence[Reply]) -> None:
        for reply in replies:
            if isinstance(reply, Photo):
                await self._quietly(self._messenger.send_photo(chat_id, reply.png, reply.caption))
            elif isinstance(reply, Document):
                await self._quietly(
                    self._messenger.send_document(
                        chat_id, reply.data, reply.filename, reply.caption
                    )
                )
            else:
                await self._quietly(self._messenger.send(chat_id, reply))

    async def _quietly(self, sending: Awaitable[object]) -> None:
        await attempt(sending, "answer on Signal")


class SignalReceiver:
    """Follows the daemon's event stream; one sender's messages are handled in order."""

    def __init__(self, router: SignalRouter) -> None:
        self._router = router
        # One lock per sender with messages being handled, and how many hold or wait on it:
        # the lock goes with the last of them, so the map never outgrows who is talking now.
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def take(self, params: JSONDict) -> None:
        """Handle an event in the background, after the same sender's earlier ones."""
        sender = _sender(params)
        lock, holders = self._locks.get(sender, (asyncio.Lock(), 0))
        self._locks[sender] = (lock, holders + 1)
        task = asyncio.create_task(self._handle(sender, lock, params))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self, seconds: float) -> None:
        """Let the messages being handled finish, for at most `seconds`."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=seconds)

    @property
    def senders_in_hand(self) -> int:
        """How many senders have messages being handled or waiting their turn."""
        return len(self._locks)

    async def _handle(self, sender: str, lock: asyncio.Lock, params: JSONDict) -> None:
        try:
            async with lock:
                await self._router.handle(params)
        except Exception as error:  # one bad message must not stop the others
            # The type only: an exception's message could quote what someone wrote.
            log.error("could not handle a Signal message: %s", type(error).__name__)
        finally:
            self._release(sender)

    def _release(self, sender: str) -> None:
        lock, holders = self._locks[sender]
        if holders == 1:
            del self._locks[sender]
        else:
            self._locks[sender] = (lock, holders - 1)


def _sender(params: JSONDict) -> str:
    envelope = params.get("envelope")
    if not isinstance(envelope, dict):
        return ""
    return str(envelope.get("sourceUuid") or envelope.get("sourceNumber") or "")
