"""The summary tick: the daily summaries due now, each sent once (see bot.domain.sharing)."""

from __future__ import annotations

import asyncio
import logging

from bot.domain.summaries import SummaryDispatcher, SummaryReport
from jobs.leadership import LeaderGate

log = logging.getLogger(__name__)


class SummaryTick:
    """One pass over the due daily summaries; a failure is logged and retried next minute.
    Remembers the run in flight so that a stop lets it record what it sent."""

    def __init__(self, summaries: SummaryDispatcher, gate: LeaderGate) -> None:
        self._summaries = summaries
        self._gate = gate
        self._running: asyncio.Task[SummaryReport] | None = None

    async def run(self) -> None:
        """Plan and send the due summaries, on the leading instance only."""
        if self._running is not None and not self._running.done():
            return
        try:
            if not await self._gate.leads():
                return
            # Shielded: a stop waits for it (drain) rather than cutting a send from its record.
            self._running = asyncio.create_task(self._summaries.tick())
            report = await asyncio.shield(self._running)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("summary tick failed")
            return
        log.debug("summary tick done")
        if report.anything:
            log.info(
                "summary tick: planned=%d sent=%d empty=%d skipped=%d retried=%d failed=%d",
                report.planned,
                report.sent,
                report.empty,
                report.skipped,
                report.retried,
                report.failed,
            )

    async def drain(self, timeout: float) -> bool:
        """Wait for the run in flight, at most `timeout` seconds; True when it finished.

        One not finished by then is abandoned: its claim is handed back at the next start,
        and a summary that had reached the person may then come again (counted in attempts).
        """
        task = self._running
        if task is None or task.done():
            return True
        done, _ = await asyncio.wait({task}, timeout=timeout)
        if not done:
            log.warning("a summary send is still in flight after %gs; abandoning it", timeout)
            task.cancel()
        return bool(done)
