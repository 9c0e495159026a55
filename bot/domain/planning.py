"""Where a commitment's next nudge falls, kept in the commitment row for the tick to find."""

from __future__ import annotations

from datetime import datetime, time

from bot.domain.models import Commitment, CommitmentState
from bot.domain.ports import UnitOfWork
from bot.domain.schedule import (
    following,
    is_scheduled,
    local_date,
    local_instant,
    next_occurrence,
    valid_zone,
    zone_of,
)


async def plan_next(
    uow: UnitOfWork, commitment: Commitment, timezone: str, start: datetime
) -> None:
    """Set the first nudge at or after `start` whose local date is not in the ledger yet."""
    zone = zone_of(timezone)
    if commitment.state != CommitmentState.ACTIVE:
        await uow.commitments.set_next(commitment.id, None, None)
        return
    found = next_occurrence(commitment.weekdays, commitment.local_time, zone, start)
    while await uow.nudges.exists(commitment.id, found.local_date):
        found = following(commitment.weekdays, commitment.local_time, zone, found.local_date)
    await uow.commitments.set_next(commitment.id, found.local_date, found.due_at)


async def replan_person(
    uow: UnitOfWork, person_id: int, timezone: str, now: datetime, previous: str | None = None
) -> None:
    """Move a person's active commitments into a new time zone, from the start of their day.

    Starting at local midnight and skipping dates already in the ledger means a change of zone
    neither repeats a day nor leaves one out. Moving east past midnight, the day still running in
    the zone left (`previous`) would be lost: its nudge stays due at its time there.
    """
    zone = zone_of(timezone)
    left = valid_zone(previous) if previous else None
    today = local_date(zone, now)
    midnight = datetime.combine(today, time(0), tzinfo=zone)
    for commitment in await uow.commitments.of_person(person_id):
        if commitment.state != CommitmentState.ACTIVE:
            continue
        if left is not None and (day := local_date(left, now)) < today:
            owed = local_instant(day, commitment.local_time, left)
            if (
                is_scheduled(commitment.weekdays, day)
                and owed >= commitment.created_at
                and not await uow.nudges.exists(commitment.id, day)
            ):
                await uow.commitments.set_next(commitment.id, day, owed)
                continue
        await plan_next(uow, commitment, timezone, max(midnight, commitment.created_at))
