"""The nudge tick: one run of the dispatcher, guarded so that a stop can wait for it."""

from __future__ import annotations

import asyncio
import logging

from bot.domain.dispatch import Dispatcher, TickReport
from jobs.leadership import LeaderGate

log = logging.getLogger(__name__)
# How long an abandoned send gets to hand its rows back before the tick is cancelled outright.
ABORT_SECONDS = 1.0


class NudgeTick:
    """Runs the dispatcher; remembers the run in flight so a graceful stop can finish it."""

    def __init__(self, dispatcher: Dispatcher, gate: LeaderGate) -> None:
        self._dispatcher = dispatcher
        self._gate = gate
        self._running: asyncio.Task[TickReport] | None = None

    async def run(self) -> None:
        """One tick on the leading instance; failures are logged and the next minute retries."""
        if self._running is not None and not self._running.done():
            return
        if not await self._gate.leads():
            return
        self._running = asyncio.create_task(self._dispatcher.tick())
        try:
            report = await asyncio.shield(self._running)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("nudge tick failed")
            return
        if report.planned or report.sent or report.failed or report.retried or report.skipped:
            log.info(
                "nudge tick: planned=%d sent=%d retried=%d failed=%d skipped=%d",
                report.planned,
                report.sent,
                report.retried,
                report.failed,
                report.skipped,
            )

    async def drain(self, timeout: float) -> bool:
        """Stop the dispatcher and wait for the tick in flight: it sends nothing new and hands
        unsent rows back as due. Sends still in flight after `timeout` are abandoned and their
        rows handed back too. True when nothing had to be abandoned."""
        self._dispatcher.stop()
        task = self._running
        if task is None:
            return True
        done, _ = await asyncio.wait({task}, timeout=timeout)
        if done:
            return True
        log.warning("a nudge send is still in flight after %gs; abandoning it", timeout)
        self._dispatcher.abort()
        done, _ = await asyncio.wait({task}, timeout=ABORT_SECONDS)
        if not done:
            # Only a stuck database gets here: its claims are released at the next start.
            task.cancel()
            await asyncio.wait({task}, timeout=ABORT_SECONDS)
        return False
