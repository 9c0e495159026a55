"""Item 5: "Kept" button presses through the real Application (update queue, handlers,
services, repositories, Bot API calls over HTTP to the fake)."""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

from sqlalchemy import text
from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from bench.fakeapi import BOT_USER
from bench.harness import (
    FakeApiProcess,
    build_kept,
    cpu_seconds,
    describe_limiter,
    load,
    settings_for,
)

FIRST, LAST = -100, 100


def _press(update_id: int, nudge_id: int, chat_id: int, message_id: int) -> dict[str, Any]:
    """The update Telegram sends when the owner taps ✅ Kept on their nudge."""
    user = {"id": chat_id, "is_bot": False, "first_name": "Person", "language_code": "en"}
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"q{update_id}",
            "from": user,
            "chat_instance": f"ci{chat_id}",
            "data": f"k:{nudge_id}",
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": "Person"},
                "from": BOT_USER,
                "text": "…",
            },
        },
    }


class Timings:
    """When each update was queued, taken up by the Application, and finished with."""

    def __init__(self) -> None:
        self.queued: dict[int, float] = {}
        self.began: dict[int, float] = {}
        self.ended: dict[int, float] = {}
        self.done = asyncio.Event()
        self.expected = 0

    async def begin(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        self.began[update.update_id] = time.perf_counter()

    async def end(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        self.ended[update.update_id] = time.perf_counter()
        if len(self.ended) >= self.expected:
            self.done.set()

    def expect(self, count: int) -> None:
        self.queued.clear()
        self.began.clear()
        self.ended.clear()
        self.done.clear()
        self.expected = count


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2)


async def presses(
    url: str,
    fake: FakeApiProcess,
    *,
    burst: int,
    paced: int,
    limiter: str = "kept",
    timeout: float = 120.0,
) -> dict[str, Any]:
    """`burst` presses queued at once (throughput), then `paced` ones offered at a quarter of
    that throughput (latency from the moment each is queued). `limiter` "kept" is the Application's own rate
    limiter; "none" lifts it, to measure what the bot itself can do."""
    fake.configure()
    if limiter == "none":
        kept = await build_kept(settings_for(url, fake.url), "ptb", 0)
    else:
        kept = await build_kept(settings_for(url, fake.url), limiter)
    timings = Timings()
    app = kept.application
    app.add_handler(TypeHandler(Update, timings.begin), group=FIRST)
    app.add_handler(TypeHandler(Update, timings.end), group=LAST)
    errors: list[str] = []

    async def on_error(_: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(type(context.error).__name__)

    app.add_error_handler(on_error)
    async with kept.engine.connect() as connection:
        rows = (
            await connection.execute(
                text(
                    "SELECT id, chat_id, message_id FROM nudges WHERE status = 'sent' "
                    "AND chat_id IS NOT NULL ORDER BY id LIMIT :n"
                ),
                {"n": burst + paced},
            )
        ).all()
        before = await connection.scalar(text("SELECT count(*) FROM nudges WHERE status='kept'"))
    if len(rows) < burst + paced:
        raise RuntimeError(f"only {len(rows)} sent nudges to press")
    updates = [
        Update.de_json(_press(i + 1, nudge_id, chat_id, message_id), app.bot)
        for i, (nudge_id, chat_id, message_id) in enumerate(rows)
    ]
    await app.start()
    try:
        # Throughput: everything queued at once, taken one at a time (concurrent_updates off).
        timings.expect(burst)
        cpu = cpu_seconds()
        for update in updates[:burst]:
            timings.queued[update.update_id] = time.perf_counter()
            app.update_queue.put_nowait(update)
        await asyncio.wait_for(timings.done.wait(), timeout)
        cpu = cpu_seconds() - cpu
        first = min(timings.began.values())
        last = max(timings.ended.values())
        throughput = burst / (last - first)
        service = [timings.ended[u] - timings.began[u] for u in timings.ended]
        # Latency: one press every 4/throughput seconds, so the queue is mostly empty even when
        # other work on the machine slows the bot down for a while.
        timings.expect(paced)
        gap = 4 / throughput
        start = time.perf_counter()
        for n, update in enumerate(updates[burst:]):
            await asyncio.sleep(max(0.0, start + n * gap - time.perf_counter()))
            timings.queued[update.update_id] = time.perf_counter()
            app.update_queue.put_nowait(update)
        await asyncio.wait_for(timings.done.wait(), timeout)
        latency = [timings.ended[u] - timings.queued[u] for u in timings.ended]
        paced_service = [timings.ended[u] - timings.began[u] for u in timings.ended]
    finally:
        await app.stop()
        async with kept.engine.connect() as connection:
            after = await connection.scalar(text("SELECT count(*) FROM nudges WHERE status='kept'"))
        await kept.close()
    calls = fake.stats()["calls"]
    return {
        "limiter": describe_limiter(kept.application),
        "presses": burst,
        "presses_per_s": round(throughput, 1),
        "cpu_ms_per_press": round(cpu / burst * 1000, 2),
        "service_ms": {"p50": _ms(service, 0.5), "p99": _ms(service, 0.99)},
        "paced": {
            "presses": paced,
            "offered_per_s": round(1 / gap, 1),
            "latency_ms": {
                "p50": _ms(latency, 0.5),
                "p99": _ms(latency, 0.99),
                "mean": round(statistics.fmean(latency) * 1000, 2),
            },
            "service_ms": {"p50": _ms(paced_service, 0.5), "p99": _ms(paced_service, 0.99)},
        },
        "recorded_kept": int(after or 0) - int(before or 0),
        "handler_errors": len(errors),
        "bot_api_calls": calls,
        "load_average": load(),
    }
