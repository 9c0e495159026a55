"""The summary tick: the daily summaries due now, each sent once (see bot.domain.sharing)."""

from __future__ import annotations

import logging

from bot.domain.sharing import SummaryDispatcher
from jobs.leadership import LeaderGate

log = logging.getLogger(__name__)


class SummaryTick:
    """One pass over the due daily summaries; a failure is logged and retried next minute."""

    def __init__(self, summaries: SummaryDispatcher, gate: LeaderGate) -> None:
        self._summaries = summaries
        self._gate = gate

    async def run(self) -> None:
        """Plan and send the due summaries, on the leading instance only."""
        try:
            if not await self._gate.leads():
                return
            report = await self._summaries.tick()
        except Exception:
            log.exception("summary tick failed")
            return
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
