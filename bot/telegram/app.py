"""Build the python-telegram-bot Application: handlers, rate limiter, commands menu."""

from __future__ import annotations

import logging

from telegram import BotCommand, Update
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
from bot.telegram.handlers import TelegramHandlers
from bot.telegram.throttling import PeopleThrottle
from bot.texts import DEFAULT_LANGUAGE, text
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
    "help",
)
# Seconds to wait for Telegram; long polling adds its own timeout on top.
REQUEST_TIMEOUT = 15.0


def build_application(settings: Settings, request: BaseRequest | None = None) -> Application:
    """The Application speaking to TELEGRAM_API_URL, before its handlers are attached.

    `request` replaces the HTTP transport for every call (tests pass an offline one).
    """
    assert settings.telegram_token is not None
    api = settings.telegram_api_url
    builder = (
        Application.builder()
        .token(settings.telegram_token)
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(AIORateLimiter(max_retries=1))
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
    commands = {
        "start": handlers.start,
        "join": handlers.join,
        "timezone": handlers.timezone,
        "pair": handlers.pair,
        "link": handlers.link,
        "help": handlers.help,
        "commit": handlers.commit,
        "commitments": handlers.commitments,
        "cancel": handlers.cancel,
        "today": handlers.today,
        "skip": handlers.skip,
        "checkin": handlers.checkin,
        "progress": handlers.progress,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(MessageHandler(filters.COMMAND, handlers.unknown_command))
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.EDITED,
            handlers.text_message,
        )
    )
    application.add_error_handler(_on_error)


async def set_commands(application: Application) -> None:
    """Show the command menu in Telegram clients."""
    commands = [BotCommand(name, text(DEFAULT_LANGUAGE, f"commands_{name}")) for name in MENU]
    await application.bot.set_my_commands(commands)


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
            await update.effective_message.reply_text(text(DEFAULT_LANGUAGE, "error_generic"))
        except Exception:
            log.warning("could not apologise for a failed update")
