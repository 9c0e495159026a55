"""Shared pieces: the fake Bot API process, Kept's parts wired as serve() wires them."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import resource
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import AIORateLimiter, Application

from bot.config import Settings
from bot.db.engine import make_engine
from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain.dispatch import QUICK_RETRIES, Dispatcher
from bot.logs import configure_logging
from bot.telegram.app import REQUEST_TIMEOUT, RETRY_AFTER_RETRIES, build_application, register
from bot.telegram.messenger import TelegramMessenger
from bot.wiring import Services, build_services

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456:BENCH"


class SystemClock:
    """The real clock, in UTC (as in bot.__main__)."""

    def now(self) -> datetime:
        """The current instant."""
        return datetime.now(UTC)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class FakeApiProcess:
    """bench.fakeapi in a process of its own, so its CPU is never counted as the bot's."""

    def __init__(self, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = log
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> FakeApiProcess:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        with self._log.open("ab") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "bench.fakeapi", "--port", str(self.port)],
                stdout=subprocess.PIPE,
                stderr=log,
                env=env,
            )
        assert self._process.stdout is not None
        line = self._process.stdout.readline().decode()
        if not line.startswith("READY"):
            raise RuntimeError(f"the fake Bot API did not start: {line!r}")
        return self

    def __exit__(self, *_: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)

    def configure(self, **limits: Any) -> None:
        """Set the limits (0 = none) and reset the counters."""
        self._post("/_bench/config", limits)

    def stats(self, times: bool = False) -> dict[str, Any]:
        """What the fake saw since it was last configured."""
        query = "?times=1" if times else ""
        with urllib.request.urlopen(f"{self.url}/_bench/stats{query}", timeout=30) as answer:
            return dict(json.loads(answer.read()))

    def _post(self, path: str, body: dict[str, Any]) -> None:
        request = urllib.request.Request(
            f"{self.url}{path}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30):
            pass


def settings_for(database_url: str, api_url: str, concurrency: int = 1) -> Settings:
    """Settings as load_settings would build them for this database and Bot API."""
    return Settings(
        telegram_token=TOKEN,
        telegram_api_url=api_url,
        database_url=database_url,
        default_timezone="UTC",
        log_level="INFO",
        send_concurrency=concurrency,
    )


def application_for(settings: Settings, limiter: str = "kept", rate: float = 30) -> Application:
    """Kept's Application, with one of these rate limiters:

    - "kept": exactly as bot.telegram.app.build_application builds it (whatever is in the tree);
    - "ptb": python-telegram-bot's AIORateLimiter(overall_max_rate=rate), a bucket of `rate`
      messages refilled at `rate` per second (its default at 30/s; 0 = no limit), as an operator
      would set it up for paid broadcasts at 1,000/s;
    - "smooth": one message every 1/rate s, never a burst (a bucket that holds one message).
    """
    if limiter == "kept":
        return build_application(settings)
    if limiter == "smooth":
        chosen = AIORateLimiter(
            overall_max_rate=1, overall_time_period=1 / rate, max_retries=RETRY_AFTER_RETRIES
        )
    else:
        chosen = AIORateLimiter(overall_max_rate=rate, max_retries=RETRY_AFTER_RETRIES)
    api = settings.telegram_api_url
    return (
        Application.builder()
        .token(settings.telegram_token or TOKEN)
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(chosen)
        .job_queue(None)
        .read_timeout(REQUEST_TIMEOUT)
        .write_timeout(REQUEST_TIMEOUT)
        .connect_timeout(REQUEST_TIMEOUT)
        .build()
    )


def describe_limiter(application: Application) -> str:
    """The overall limit the Application's rate limiter applies, in words."""
    limiter = application.bot.rate_limiter
    base = getattr(limiter, "_base_limiter", None)
    if base is None:
        return "none"
    rate = base.max_rate / base.time_period
    return f"{rate:g}/s, burst {base.max_rate:g}"


@dataclass
class Kept:
    """Kept's parts, wired as bot.__main__.serve() wires them."""

    settings: Settings
    application: Application
    uow: SqlUnitOfWorkFactory
    services: Services
    dispatcher: Dispatcher
    engine: AsyncEngine

    async def close(self) -> None:
        """Shut the Application and the engine down."""
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()
        await self.engine.dispose()


async def build_kept(
    settings: Settings,
    limiter: str = "kept",
    rate: float = 30,
    messenger_type: type[TelegramMessenger] = TelegramMessenger,
) -> Kept:
    """Engine, unit of work, Application with its handlers, services and dispatcher."""
    engine = make_engine(settings.database_url)
    application = application_for(settings, limiter, rate)
    uow = SqlUnitOfWorkFactory(engine)
    clock = SystemClock()
    messenger = messenger_type(application.bot)
    services = build_services(settings, uow, clock, messenger)
    register(application, services)
    dispatcher = Dispatcher(
        uow, messenger, clock, settings.send_concurrency, quick_retries=QUICK_RETRIES
    )
    await application.initialize()
    return Kept(settings, application, uow, services, dispatcher, engine)


def load() -> float:
    """The one-minute load average: other work on this machine skews wall-clock figures."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def cpu_seconds() -> float:
    """CPU time of this process, every thread (the SQLite driver's too), user + system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def log_to(path: Path) -> None:
    """Kept's logging set-up (quiet libraries, INFO), written to a file instead of stderr."""
    configure_logging("INFO", [TOKEN])
    handler = logging.getLogger().handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(path.open("a", encoding="utf-8"))


@contextmanager
def stopwatch() -> Iterator[dict[str, float]]:
    """Wall and CPU seconds of a block."""
    box: dict[str, float] = {}
    wall, cpu = time.perf_counter(), cpu_seconds()
    try:
        yield box
    finally:
        box["wall"] = time.perf_counter() - wall
        box["cpu"] = cpu_seconds() - cpu


async def sleep_until_windows_clear() -> None:
    """Let the fake's one-second windows empty between runs."""
    await asyncio.sleep(1.2)
