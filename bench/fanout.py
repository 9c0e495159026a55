"""Item 4: the nudge fan-out. (a) the bot's CPU per nudge against a fake with no limits;
(b) the send rate achieved against a fake that enforces Telegram's limits."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bench.harness import (
    FakeApiProcess,
    build_kept,
    cpu_seconds,
    describe_limiter,
    load,
    settings_for,
    stopwatch,
)
from bot.domain.dispatch import TickReport
from bot.domain.ports import Outgoing, Sent
from bot.telegram.messenger import TelegramMessenger

# How long a stopped dispatcher gets to finish the sends in flight (a 429 wait included).
STOP_GRACE = 30.0


class MeteredMessenger(TelegramMessenger):
    """TelegramMessenger that adds up the CPU spent inside send() (one send at a time)."""

    def __init__(self, bot: Any) -> None:
        super().__init__(bot)
        self.cpu = 0.0
        self.calls = 0

    async def send(self, chat_id: int, message: Outgoing) -> Sent:
        """Send, counting the CPU of the call (exact when nothing else runs meanwhile)."""
        started = cpu_seconds()
        try:
            return await super().send(chat_id, message)
        finally:
            self.cpu += cpu_seconds() - started
            self.calls += 1


@dataclass
class Snapshot:
    """CPU and counters at the instant the dispatcher was told to stop."""

    cpu: float = 0.0
    wall: float = 0.0
    sent: int = 0
    send_cpu: float = 0.0


async def _deliver_for(
    kept: Any, seconds: float, report: TickReport, meter: Any = None
) -> Snapshot:
    """Run deliver() for `seconds`, then stop it; measurements are taken at the stop."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    task = asyncio.create_task(kept.dispatcher.deliver(report))
    done, _ = await asyncio.wait({task}, timeout=seconds)
    snapshot = Snapshot(
        cpu_seconds() - cpu,
        time.perf_counter() - wall,
        report.sent,
        meter.cpu if meter is not None else 0.0,
    )
    if not done:
        kept.dispatcher.stop()
        done, _ = await asyncio.wait({task}, timeout=STOP_GRACE)
        if not done:
            kept.dispatcher.abort()
            await asyncio.wait({task}, timeout=5)
    if task.done() and task.exception() is not None:
        raise task.exception()  # type: ignore[misc]
    return snapshot


async def cpu_per_nudge(url: str, fake: FakeApiProcess, deliver_seconds: float) -> dict[str, Any]:
    """(a) Plan every due commitment, then deliver for a while with no limits anywhere."""
    fake.configure()
    settings = settings_for(url, fake.url, concurrency=1)
    kept = await build_kept(settings, "ptb", 0, messenger_type=MeteredMessenger)
    meter = kept.dispatcher._messenger
    assert isinstance(meter, MeteredMessenger)
    try:
        report = TickReport()
        with stopwatch() as plan:
            await kept.dispatcher.plan(datetime.now(UTC), report)
        deliver = await _deliver_for(kept, deliver_seconds, report, meter)
    finally:
        await kept.close()
    stats = fake.stats()
    planned, sent = report.planned, deliver.sent
    plan_ms = plan["cpu"] / planned * 1000 if planned else None
    deliver_ms = deliver.cpu / sent * 1000 if sent else None
    send_ms = deliver.send_cpu / sent * 1000 if sent else None
    return {
        "planned": planned,
        "plan_wall_s": round(plan["wall"], 2),
        "plan_cpu_s": round(plan["cpu"], 2),
        "delivered": sent,
        "deliver_wall_s": round(deliver.wall, 2),
        "deliver_cpu_s": round(deliver.cpu, 2),
        "accepted_by_fake": stats["accepted_sends"],
        "cpu_ms_per_nudge": {
            "plan": _r(plan_ms),
            "ledger_and_load": _r(deliver_ms - send_ms if deliver_ms and send_ms else None),
            "send_call": _r(send_ms),
            "total": _r((plan_ms or 0) + (deliver_ms or 0)),
        },
        "wall_ms_per_nudge": {
            "plan": _r(plan["wall"] / planned * 1000 if planned else None),
            "deliver": _r(deliver.wall / sent * 1000 if sent else None),
        },
        "sends_per_s_unlimited": _r(sent / deliver.wall if deliver.wall else None, 1),
        "load_average": load(),
    }


async def send_rate(
    url: str,
    fake: FakeApiProcess,
    *,
    limit: int,
    concurrency: int,
    seconds: float,
    latency: float = 0.0,
    model: str = "window",
    limiter: str = "kept",
    rate: float = 30,
) -> dict[str, Any]:
    """(b) Deliver for `seconds` against the limits; the rate the fake accepted, and its 429s."""
    await asyncio.sleep(1.2)  # let the previous run's one-second windows empty
    fake.configure(overall=limit, chat=1, group=20, delay=latency, model=model)
    settings = settings_for(url, fake.url, concurrency=concurrency)
    kept = await build_kept(settings, limiter, rate)
    pacing = describe_limiter(kept.application)
    try:
        report = TickReport()
        started = time.time()
        snap = await _deliver_for(kept, seconds, report)
        ended = started + snap.wall
    finally:
        await kept.close()
    stats = fake.stats(times=True)
    times = [t for t in stats.pop("send_times") if started <= t <= ended]
    achieved = len(times) / (ended - started)
    # The same without the first two seconds, where the limiter's bucket starts full.
    steady = [t for t in times if t >= started + 2]
    steady_rate = len(steady) / (ended - started - 2)
    busiest = _busiest_second(times)
    return {
        "limiter": limiter,
        "limiter_pacing": pacing,
        "fake_model": model,
        "limit_per_s": limit,
        "concurrency": concurrency,
        "simulated_latency_ms": round(latency * 1000),
        "seconds": round(ended - started, 1),
        "accepted": len(times),
        "rate_per_s": round(achieved, 1),
        "fraction_of_limit": round(achieved / limit, 3),
        "steady_fraction_of_limit": round(steady_rate / limit, 3),
        "busiest_1s_window": busiest,
        "http_429": stats["too_many_requests"],
        "ledger": {"sent": report.sent, "retried": report.retried, "failed": report.failed},
        "cpu_s": round(snap.cpu, 2),
        "load_average": load(),
    }


def _busiest_second(times: list[float]) -> int:
    """The most sends in any one-second window."""
    best, start = 0, 0
    for end, at in enumerate(times):
        while times[start] <= at - 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)
