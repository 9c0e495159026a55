"""Build the python-telegram-bot Application: handlers, rate limiter, commands menu."""

from __future__ import annotations

import logging
import os

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.config import Settings
from bot.conversation import COMMANDS
from bot.telegram.handlers import TelegramHandlers
from bot.telegram.throttling import PeopleThrottle
from bot.texts import CATALOGUES, DEFAULT_LANGUAGE, language_for, text
from bot.wiring import Services

log = logging.getLogger(__name__)

MENU = (
    "start",
    "timezone",
    "pair",
    "join",
    "link",
    "commit",
    "commitments",
    "today",
    "checkin",
    "progress",
    "chores",
    "pause",
    "resume",
    "language",
    "sharing",
    "export",
    "forget",
    "unpair",
    "help",
    "about",
    "sos",
)
# In groups only what works there; /sos is left out on purpose: typed in the group, the partner
# would read it (it still works there, answered in private).
GROUP_MENU = ("checkin", "progress", "chores", "link", "help")
# In private chats everything but what needs the group.
PRIVATE_MENU = tuple(name for name in MENU if name != "link")
MENUS = (
    (BotCommandScopeAllPrivateChats(), PRIVATE_MENU),
    (BotCommandScopeAllGroupChats(), GROUP_MENU),
)
# Seconds to wait for Telegram; long polling adds its own timeout on top.
REQUEST_TIMEOUT = 15.0
# On a 429 the rate limiter holds every request for retry_after and then retries once, in
# place: replies to people get through after a short flood wait, and nothing is sent early.
# A nudge thus gets at most two tries per claim; if the second is refused too, the dispatcher
# defers it through the ledger by at least retry_after (counted in attempts). Not more: more
# waiting in place would hold the dispatcher's send slot and delay a stop, while the ledger's
# retry survives a restart.
RETRY_AFTER_RETRIES = 1
# Telegram allows about 30 messages a second overall. Sending at exactly that rate is refused
# now and then: a message that travels a millisecond faster than the one before it arrives
# "early", and the replies of other instances (webhooks go to any of them) come on top. So we
# send 25 a second, in bursts of at most 5: never more than 30 within any one second
# (python-telegram-bot's default lets 30 go at once and 30 more within the same second).
MESSAGES_PER_SECOND = 25
BURST = 5


def build_application(settings: Settings, request: BaseRequest | None = None) -> Application:
    """The Application speaking to TELEGRAM_API_URL, before its handlers are attached.

    `request` replaces the HTTP transport for every call (tests pass an offline one).
    """
    # python-telegram-bot 22 warns on every 429 unless it may hand retry_after over as a
    # timedelta, which our adapter already accepts; set where the Bot is built, not on import.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    assert settings.telegram_token is not None
    api = settings.telegram_api_url
    builder = (
        Application.builder()
        .token(settings.telegram_token)
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=BURST,
                overall_time_period=BURST / MESSAGES_PER_SECOND,
                max_retries=RETRY_AFTER_RETRIES,
            )
        )
        .job_queue(None)
    )
    if request is None:
        builder = (
            builder.read_timeout(REQUEST_TIMEOUT)
            .write_timeout(REQUEST_TIMEOUT)
            .connect_timeout(REQUEST_TIMEOUT)
        )
    else:
        builder = builder.request(request).get_updates_request(request)
    return builder.build()


def register(application: Application, services: Services) -> None:
    """Attach every handler; order matters: commands, buttons, then free text."""
    handlers = TelegramHandlers(services, lambda: application.bot.username)
    # Group -1 runs before every handler and can stop an update there.
    application.add_handler(TypeHandler(Update, PeopleThrottle(services)), group=-1)
    # New messages only: by default commands also run on edits, so fixing a typo in an old
    # "/commit 21:00 …" would add a second promise.
    application.add_handler(
        CommandHandler(sorted(COMMANDS), handlers.command, filters.UpdateType.MESSAGE)
    )
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(
        MessageHandler(filters.COMMAND & filters.UpdateType.MESSAGE, handlers.unknown_command)
    )
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.EDITED,
            handlers.text_message,
        )
    )
    application.add_error_handler(_on_error)


async def publish_profile(application: Application) -> None:
    """What Telegram clients show of Kept, in each language: a command menu per kind of chat
    (each lists only what works there) and the descriptions, sent only when they changed."""
    bot = application.bot
    for language in CATALOGUES:
        code = None if language == DEFAULT_LANGUAGE else language
        for scope, menu in MENUS:
            commands = [BotCommand(name, text(language, f"commands_{name}")) for name in menu]
            await bot.set_my_commands(commands, scope=scope, language_code=code)
        description = text(language, "bot_description")
        if (await bot.get_my_description(code)).description != description:
            await bot.set_my_description(description, code)
        short = text(language, "bot_short_description")
        if (await bot.get_my_short_description(code)).short_description != short:
            await bot.set_my_short_description(short, code)


async def _on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure without any message text, and apologise to the person."""
    error = context.error
    log.error(
        "handler failed: %s",
        type(error).__name__,
        exc_info=(type(error), error, error.__traceback__) if error else None,
    )
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            user = update.effective_user
            language = language_for(user.language_code) if user else DEFAULT_LANGUAGE
            await update.effective_message.reply_text(text(language, "error_generic"))
        except Exception:
            log.warning("could not apologise for a failed update")
