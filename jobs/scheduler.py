"""APScheduler with a handful of fixed periodic jobs, each with an explicit id."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

NUDGE_TICK = "nudge-tick"
CHECKIN_TICK = "checkin-tick"


def build_scheduler(
    nudge_tick: Callable[[], Awaitable[object]], checkin_tick: Callable[[], Awaitable[object]]
) -> AsyncIOScheduler:
    """The nudge tick every minute at second 0; the check-in tick every minute at second 30."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(
        checkin_tick,
        CronTrigger(second=30, timezone="UTC"),
        id=CHECKIN_TICK,
        name=CHECKIN_TICK,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=50,
        replace_existing=True,
    )
    scheduler.add_job(
        nudge_tick,
        CronTrigger(second=0, timezone="UTC"),
        id=NUDGE_TICK,
        name=NUDGE_TICK,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=50,
        replace_existing=True,
    )
    return scheduler
