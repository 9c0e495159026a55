"""The per-person rate limit in front of every handler (group -1 of the Application)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes, filters

from bot.domain.throttle import Throttle, Verdict
from bot.telegram.handlers import identity
from bot.texts import language_for, text
from bot.wiring import Services

log = logging.getLogger(__name__)

# What a person can send that makes the bot work: commands anywhere, and text in private (a
# flood of plain text costs as much as commands, and would otherwise go around the limit).
# Button presses are not counted: they can only answer messages the bot sent, each is refused
# or recorded once, the day picker legitimately produces bursts of them, and a press left
# unanswered keeps spinning in the client. Edits, group chatter and other kinds are not handled.
COUNTED = filters.UpdateType.MESSAGE & filters.TEXT & (filters.COMMAND | filters.ChatType.PRIVATE)


class PeopleThrottle:
    """A TypeHandler callback: serve, say "slow down" once, or stop the update silently."""

    def __init__(self, services: Services, throttle: Throttle | None = None) -> None:
        self._services = services
        self._throttle = throttle or Throttle()

    async def __call__(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Let the update through, or raise ApplicationHandlerStop when it is over the limit."""
        user, message = update.effective_user, update.effective_message
        if user is None or message is None or not COUNTED.check_update(update):
            return
        verdict = self._throttle.allow(("telegram", user.id), self._services.clock.now())
        if verdict is Verdict.ALLOW:
            return
        if verdict is Verdict.WARN_ONCE:
            log.info("rate limit reached by a person; ignoring them for a minute")
            person = await self._services.people.find(identity(user))
            language = person.language if person else language_for(user.language_code)
            try:
                await message.reply_text(text(language, "slow_down"))
            except TelegramError as error:
                log.warning("could not ask a person to slow down: %s", type(error).__name__)
        raise ApplicationHandlerStop
