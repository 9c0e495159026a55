"""Entry point: `kept run` serves every configured transport; `kept migrate` migrates only;
`kept rekey` re-encrypts stored text with the first key of DATA_KEY."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from datetime import UTC, datetime

from dotenv import load_dotenv
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot.config import ConfigError, Settings, load_settings
from bot.conversation import Conversation
from bot.db.encryption import DataKeyError, FieldCipher, rekey, verify_key
from bot.db.engine import make_engine
from bot.db.leader import leader_for
from bot.db.migrate import upgrade
from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain.dispatch import QUICK_RETRIES, Dispatcher
from bot.domain.summaries import SummaryDispatcher
from bot.logs import configure_logging
from bot.routing import RoutingMessenger
from bot.signal.client import (
    SignalAccountMissing,
    SignalClient,
    SignalError,
    SignalUnavailable,
    account_advice,
)
from bot.signal.messenger import SignalMessenger
from bot.signal.router import SignalReceiver, SignalRouter
from bot.signal.store import SqlSignalStore
from bot.telegram.app import build_application, publish_profile, register
from bot.telegram.messenger import TelegramMessenger
from bot.telegram.webhook import PATH, WebhookServer
from bot.wiring import Services, build_services
from jobs.checkins import CheckinTick
from jobs.leadership import LeaderGate
from jobs.nudges import NudgeTick
from jobs.scheduler import build_scheduler
from jobs.summaries import SummaryTick

log = logging.getLogger("kept")

NO_TRANSPORT = """Kept has no messenger to serve yet.

To run on Telegram:
  1. Open Telegram, talk to @BotFather, send /newbot and follow the steps.
  2. Copy the token it gives you into .env as:  TELEGRAM_BOT_TOKEN=123456:ABC...
  3. Run it again.
To run on Signal: start signal-cli's daemon for the bot's number and set SIGNAL_CLI_URL and
SIGNAL_ACCOUNT (README, "Running on Signal").
(.env.example documents every setting.)"""
# A stop sends nothing new and waits this long for sends in flight (Telegram answers within a
# second or two), then abandons them to the next start: the whole stop fits in the 10 s grace
# that service managers give before SIGKILL.
DRAIN_SECONDS = 5.0


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
    parser.add_argument("command", nargs="?", default="run", choices=("run", "migrate", "rekey"))
    args = parser.parse_args(argv)
    load_dotenv(override=False)
    try:
        settings = load_settings()
    except ConfigError as error:
        return fail(str(error))
    key_parts = [part.strip() for part in (settings.data_key or "").split(",")]
    configure_logging(
        settings.log_level,
        [settings.telegram_token or "", settings.webhook_secret or "", *key_parts],
    )
    try:
        cipher = FieldCipher.from_setting(settings.data_key)
    except DataKeyError as error:
        return fail(str(error))
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
    if args.command == "rekey":
        try:
            changed = asyncio.run(_rekey(settings, cipher))
        except DataKeyError as error:
            return fail(str(error))
        log.info("re-encrypted %d stored fields with the first key of DATA_KEY", changed)
        return 0
    try:
        asyncio.run(serve(settings, cipher))
    except StartupError as error:
        return fail(str(error))
    return 0


async def _rekey(settings: Settings, cipher: FieldCipher) -> int:
    engine = make_engine(settings.database_url)
    try:
        return await rekey(engine, cipher)
    finally:
        await engine.dispose()


async def serve(settings: Settings, cipher: FieldCipher | None = None) -> None:
    """Serve every configured transport and the periodic jobs until SIGTERM or SIGINT."""
    engine = make_engine(settings.database_url)
    uow = SqlUnitOfWorkFactory(engine, cipher)
    clock = SystemClock()
    application = build_application(settings) if settings.telegram_token else None
    signal_client = (
        SignalClient(settings.signal_cli_url, settings.signal_account)
        if settings.signal_cli_url and settings.signal_account
        else None
    )
    store = SqlSignalStore(engine)
    signal_messenger = SignalMessenger(signal_client, store) if signal_client else None
    messenger = RoutingMessenger(
        TelegramMessenger(application.bot) if application else None, signal_messenger
    )
    services = build_services(settings, uow, clock, messenger)
    if application is not None:
        register(application, services)
    dispatcher = Dispatcher(
        uow, messenger, clock, settings.send_concurrency, quick_retries=QUICK_RETRIES
    )
    summaries = SummaryDispatcher(uow, clock, messenger)

    async def take_over() -> None:
        await dispatcher.recover()
        await summaries.recover()

    gate = LeaderGate(leader_for(engine), take_over)
    tick = NudgeTick(dispatcher, gate)
    checkin_tick = CheckinTick(services.checkins, gate)
    summary_tick = SummaryTick(summaries, gate)
    stop = _stop_event()
    try:
        await _check_data_key(engine, cipher or FieldCipher())
        if signal_client is not None:
            await _check_signal(signal_client)
        webhook = await _start_telegram(application, settings, services) if application else None
        receiver = (
            SignalReceiver(SignalRouter(Conversation(services), services, signal_messenger, store))
            if signal_client is not None and signal_messenger is not None
            else None
        )
        following = (
            asyncio.create_task(_follow_signal(signal_client, receiver, gate))
            if signal_client is not None and receiver is not None
            else None
        )
        scheduler = build_scheduler(tick.run, checkin_tick.run, summary_tick.run)
        scheduler.start()
        log.info("Kept is running")
        catch_up = asyncio.create_task(tick.run())
        await stop.wait()
        log.info("stopping")
        scheduler.shutdown(wait=False)
        if following is not None:
            following.cancel()
        await asyncio.gather(
            tick.drain(DRAIN_SECONDS),
            summary_tick.drain(DRAIN_SECONDS),
            receiver.drain(DRAIN_SECONDS) if receiver is not None else asyncio.sleep(0),
        )
        catch_up.cancel()
        await gate.release()
        if application is not None:
            await _stop_telegram(application, webhook)
    finally:
        if signal_client is not None:
            await signal_client.aclose()
        await engine.dispose()


async def _start_telegram(
    application: Application, settings: Settings, services: Services
) -> WebhookServer | None:
    await _initialize(application, settings)
    await publish_profile(application)
    await application.start()
    webhook = await _receive_updates(application, settings)
    services.checkins.set_bot_link(f"https://t.me/{application.bot.username}")
    log.info("serving Telegram as @%s", application.bot.username)
    return webhook


async def _stop_telegram(application: Application, webhook: WebhookServer | None) -> None:
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if webhook is not None:
        await webhook.stop()
    await application.stop()
    await application.shutdown()


async def _check_signal(client: SignalClient) -> None:
    try:
        await client.check_account()
    except (SignalUnavailable, SignalAccountMissing) as error:
        raise StartupError(str(error)) from None
    except SignalError as error:
        raise StartupError(
            f"the signal-cli daemon at {client.base_url} answered with an error ({error}). "
            + account_advice(client.account)
        ) from None
    log.info("serving Signal as %s", client.account)


async def _follow_signal(client: SignalClient, receiver: SignalReceiver, gate: LeaderGate) -> None:
    """Hand each incoming Signal message to the receiver, on the leading instance only.

    Every listener of a signal-cli daemon gets every message, so only the instance that runs
    the jobs answers them; the others would answer the same message again.
    """
    async for params in client.events():
        try:
            leads = await gate.leads()
        except SQLAlchemyError as error:
            log.warning("could not ask who leads: %s", type(error).__name__)
            continue
        if leads:
            receiver.take(params)


def _stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def _check_data_key(engine: AsyncEngine, cipher: FieldCipher) -> None:
    try:
        await verify_key(engine, cipher)
    except DataKeyError as error:
        raise StartupError(str(error)) from None


async def _initialize(application: Application, settings: Settings) -> None:
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


async def _receive_updates(application: Application, settings: Settings) -> WebhookServer | None:
    """Start long polling, or the webhook server (returned, to be stopped at the end)."""
    assert application.updater is not None
    if not settings.webhook_url:
        await application.updater.start_polling(timeout=10)
        return None
    # Our own server rather than Updater.start_webhook: see bot.telegram.webhook for why.
    assert settings.webhook_secret is not None  # load_settings refuses a webhook without one
    listen, port = settings.webhook_listen, settings.webhook_port
    server = WebhookServer(application, settings.webhook_secret, listen, port)
    try:
        server.start()
    except OSError as error:
        raise StartupError(
            f"could not listen for the webhook on {listen}:{port} ({error.strerror}). "
            "Check WEBHOOK_LISTEN and WEBHOOK_PORT, and that no other program uses the port."
        ) from None
    try:
        await application.bot.set_webhook(
            url=f"{settings.webhook_url.rstrip('/')}{PATH}",
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    except TelegramError as error:
        await server.stop()
        raise StartupError(
            f"Telegram refused the webhook address ({type(error).__name__}). WEBHOOK_URL must "
            "be a public https:// address that leads to this bot (Telegram allows ports 443, "
            "80, 88 and 8443)."
        ) from None
    log.info("receiving updates by webhook on %s:%s%s", listen, port, PATH)
    return server


if __name__ == "__main__":
    sys.exit(main())
