"""APScheduler with a handful of fixed periodic jobs, each with an explicit id."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

NUDGE_TICK = "nudge-tick"
CHECKIN_TICK = "checkin-tick"
SUMMARY_TICK = "summary-tick"
Job = Callable[[], Awaitable[object]]


def build_scheduler(nudge_tick: Job, checkin_tick: Job, summary_tick: Job) -> AsyncIOScheduler:
    """The nudge tick every minute at second 0; the daily summaries' at second 5, after the
    nudges of the same minute were planned; the check-in tick at second 30."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    _every_minute(scheduler, nudge_tick, NUDGE_TICK, second=0)
    _every_minute(scheduler, summary_tick, SUMMARY_TICK, second=5)
    _every_minute(scheduler, checkin_tick, CHECKIN_TICK, second=30)
    return scheduler


def _every_minute(scheduler: AsyncIOScheduler, job: Job, job_id: str, second: int) -> None:
    # One run at a time; a run missed while the previous one ran long is merged, not queued.
    scheduler.add_job(
        job,
        CronTrigger(second=second, timezone="UTC"),
        id=job_id,
        name=job_id,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=50,
        replace_existing=True,
    )
