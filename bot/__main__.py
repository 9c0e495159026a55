"""Entry point: `kept run` serves every configured transport; `kept migrate` migrates only."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from datetime import UTC, datetime

from dotenv import load_dotenv
from sqlalchemy.exc import SQLAlchemyError
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.config import ConfigError, Settings, load_settings
from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain.dispatch import Dispatcher
from bot.logs import configure_logging
from bot.telegram.app import build_application, register, set_commands
from bot.telegram.messenger import TelegramMessenger
from bot.wiring import build_services
from jobs.checkins import CheckinTick
from jobs.nudges import NudgeTick
from jobs.scheduler import build_scheduler

log = logging.getLogger("kept")

NO_TRANSPORT = """Kept has no messenger to serve yet.

To run on Telegram:
  1. Open Telegram, talk to @BotFather, send /newbot and follow the steps.
  2. Copy the token it gives you into .env as:  TELEGRAM_BOT_TOKEN=123456:ABC...
  3. Run it again.
(.env.example documents every setting.)"""
# A stop waits this long for a dispatch in flight before releasing it to the next start.
DRAIN_SECONDS = 8.0


class SystemClock:
    """The real clock, in UTC."""

    def now(self) -> datetime:
        """The current instant."""
        return datetime.now(UTC)


class StartupError(Exception):
    """Start-up cannot go on; the message says what to do."""


def fail(message: str) -> int:
    """Say what to do and give the exit status for a start-up error."""
    print(f"kept: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run it."""
    parser = argparse.ArgumentParser(prog="kept", description="Kept: small promises, kept.")
    parser.add_argument("command", nargs="?", default="run", choices=("run", "migrate"))
    args = parser.parse_args(argv)
    load_dotenv(override=False)
    try:
        settings = load_settings()
    except ConfigError as error:
        return fail(str(error))
    configure_logging(settings.log_level, [settings.telegram_token or ""])
    if args.command == "run" and not settings.has_transport:
        return fail(NO_TRANSPORT)
    try:
        upgrade(settings.database_url)
    except (SQLAlchemyError, OSError) as error:
        return fail(
            f"could not prepare the database ({type(error).__name__}). Check DATABASE_URL "
            "and that the database is reachable and writable."
        )
    if args.command == "migrate":
        log.info("database is up to date")
        return 0
    try:
        asyncio.run(serve(settings))
    except StartupError as error:
        return fail(str(error))
    return 0


async def serve(settings: Settings) -> None:
    """Serve Telegram and the nudge tick until SIGTERM or SIGINT."""
    engine = make_engine(settings.database_url)
    application = build_application(settings)
    uow = SqlUnitOfWorkFactory(engine)
    clock = SystemClock()
    messenger = TelegramMessenger(application.bot)
    services = build_services(settings, uow, clock, messenger)
    register(application, services)
    dispatcher = Dispatcher(uow, messenger, clock, settings.send_concurrency)
    tick = NudgeTick(dispatcher)
    checkin_tick = CheckinTick(services.checkins)
    stop = _stop_event()
    try:
        await _initialize(application, settings)
        await set_commands(application)
        await dispatcher.recover()
        await application.start()
        await _receive_updates(application, settings)
        services.checkins.set_bot_link(f"https://t.me/{application.bot.username}")
        scheduler = build_scheduler(tick.run, checkin_tick.run)
        scheduler.start()
        log.info("Kept is running as @%s", application.bot.username)
        catch_up = asyncio.create_task(tick.run())
        await stop.wait()
        log.info("stopping")
        scheduler.shutdown(wait=False)
        await tick.drain(DRAIN_SECONDS)
        catch_up.cancel()
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        await application.stop()
        await application.shutdown()
    finally:
        await engine.dispose()


def _stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def _initialize(application: object, settings: Settings) -> None:
    from telegram.ext import Application

    assert isinstance(application, Application)
    try:
        await application.initialize()
    except InvalidToken:
        raise StartupError(
            "Telegram refused TELEGRAM_BOT_TOKEN. Copy the token again from @BotFather "
            "(/mybots → your bot → API Token) into .env."
        ) from None
    except (NetworkError, TelegramError) as error:
        raise StartupError(
            f"could not reach the Telegram Bot API at {settings.telegram_api_url} "
            f"({type(error).__name__}). Check the network and TELEGRAM_API_URL."
        ) from None


async def _receive_updates(application: object, settings: Settings) -> None:
    from telegram.ext import Application

    assert isinstance(application, Application) and application.updater is not None
    if settings.webhook_url:
        path = "telegram"
        await application.updater.start_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=path,
            secret_token=settings.webhook_secret,
            webhook_url=f"{settings.webhook_url.rstrip('/')}/{path}",
        )
    else:
        await application.updater.start_polling(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
