"""Where a commitment's next nudge falls, kept in the commitment row for the tick to find."""

from __future__ import annotations

from datetime import datetime, time

from bot.domain.models import Commitment, CommitmentState
from bot.domain.ports import UnitOfWork
from bot.domain.schedule import following, next_occurrence, valid_zone


async def plan_next(
    uow: UnitOfWork, commitment: Commitment, timezone: str, start: datetime
) -> None:
    """Set the first nudge at or after `start` whose local date is not in the ledger yet."""
    zone = valid_zone(timezone)
    if zone is None or commitment.state != CommitmentState.ACTIVE:
        await uow.commitments.set_next(commitment.id, None, None)
        return
    found = next_occurrence(commitment.weekdays, commitment.local_time, zone, start)
    while await uow.nudges.exists(commitment.id, found.local_date):
        found = following(commitment.weekdays, commitment.local_time, zone, found.local_date)
    await uow.commitments.set_next(commitment.id, found.local_date, found.due_at)


async def replan_person(uow: UnitOfWork, person_id: int, timezone: str, now: datetime) -> None:
    """Move a person's active commitments into a new time zone, from the start of their day.

    Starting at local midnight and skipping dates already in the ledger means a change of zone
    neither repeats a day nor leaves one out.
    """
    zone = valid_zone(timezone)
    if zone is None:
        return
    midnight = datetime.combine(now.astimezone(zone).date(), time(0), tzinfo=zone)
    for commitment in await uow.commitments.of_person(person_id):
        if commitment.state == CommitmentState.ACTIVE:
            await plan_next(uow, commitment, timezone, max(midnight, commitment.created_at))
