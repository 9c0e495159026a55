"""The periodic jobs run on the leading instance only; a new leader first recovers claims."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

log = logging.getLogger(__name__)


class Leadership(Protocol):
    """Whether this instance leads (see bot.db.leader)."""

    async def hold(self) -> bool: ...
    async def release(self) -> None: ...


class LeaderGate:
    """Asks the leadership before each job; on becoming leader, runs the take-over step once."""

    def __init__(
        self, leadership: Leadership, on_take_over: Callable[[], Awaitable[object]]
    ) -> None:
        self._leadership = leadership
        self._on_take_over = on_take_over
        self._leading = False

    async def leads(self) -> bool:
        """True when this instance may run the jobs now."""
        held = await self._leadership.hold()
        if held and not self._leading:
            # Whatever the previous leader had claimed and not sent is released for us to send.
            await self._on_take_over()
        self._leading = held
        return held

    async def release(self) -> None:
        """Step down at a clean stop so another instance takes over without waiting."""
        self._leading = False
        await self._leadership.release()
