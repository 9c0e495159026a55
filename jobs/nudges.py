"""The nudge tick: one run of the dispatcher, guarded so that a stop can wait for it."""

from __future__ import annotations

import asyncio
import logging

from bot.domain.dispatch import Dispatcher, TickReport

log = logging.getLogger(__name__)


class NudgeTick:
    """Runs the dispatcher; remembers the run in flight so a graceful stop can finish it."""

    def __init__(self, dispatcher: Dispatcher) -> None:
        self._dispatcher = dispatcher
        self._running: asyncio.Task[TickReport] | None = None

    async def run(self) -> None:
        """One tick; failures are logged and the next minute tries again."""
        if self._running is not None and not self._running.done():
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
        """Wait for a tick in flight to finish; cancel it after `timeout` (claims are released
        at the next start). True when nothing had to be cancelled."""
        task = self._running
        if task is None or task.done():
            return True
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout)
            return True
        except TimeoutError:
            task.cancel()
            return False
        except Exception:
            return True
