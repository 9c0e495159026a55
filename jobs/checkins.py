"""The check-in tick: open due weekly check-ins, remind after 24 h, close and reveal after 72 h."""

from __future__ import annotations

import logging

from bot.domain.checkins import CheckinService
from jobs.leadership import LeaderGate

log = logging.getLogger(__name__)


class CheckinTick:
    """One pass over the couples' check-ins; a failure is logged and retried next minute."""

    def __init__(self, checkins: CheckinService, gate: LeaderGate) -> None:
        self._checkins = checkins
        self._gate = gate

    async def run(self) -> None:
        """Open, remind, close — on the leading instance only."""
        try:
            if not await self._gate.leads():
                return
            opened = await self._checkins.open_due()
            reminded = await self._checkins.remind_due()
            closed = await self._checkins.close_due()
        except Exception:
            log.exception("check-in tick failed")
            return
        if opened or reminded or closed:
            log.info("check-in tick: opened=%d reminded=%d closed=%d", opened, reminded, closed)
