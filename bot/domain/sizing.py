"""Promise-sizing (idea 8): a commitment kept on fewer than half its days is offered, once,
to be made smaller — fewer days, a smaller version, or a pause."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain import actions
from bot.domain.models import Commitment, CommitmentState, Nudge, Person
from bot.domain.ports import Button, Clock, Outgoing, UnitOfWorkFactory
from bot.domain.progress import records
from bot.domain.schedule import local_today
from bot.domain.stats import kept_rate
from bot.texts import text

WINDOW_DAYS = 14
THRESHOLD = 0.5


def needs_sizing(commitment: Commitment, nudges: list[Nudge], now: datetime, owner: Person) -> bool:
    """Whether a commitment at least 14 days old was kept on under half its due days lately."""
    if commitment.state != CommitmentState.ACTIVE or commitment.sizing_offered_at is not None:
        return False
    if now - commitment.created_at < timedelta(days=WINDOW_DAYS):
        return False
    today = local_today(owner, now)
    first = today - timedelta(days=WINDOW_DAYS - 1)
    window = [r for r in records(nudges) if first <= r.day <= today]
    rate = kept_rate(window, today=today)
    return rate is not None and rate < THRESHOLD


def sizing_offer(language: str, commitment: Commitment) -> Outgoing:
    """The gentle offer, with its three ways to make the promise smaller."""
    cid = commitment.id
    return Outgoing(
        text(language, "sizing_offer", text=commitment.text),
        (
            (
                Button(text(language, "btn_fewer_days"), actions.encode(actions.FEWER_DAYS, cid)),
                Button(text(language, "btn_smaller"), actions.encode(actions.SMALLER, cid)),
            ),
            (
                Button(text(language, "btn_pause_it"), actions.encode(actions.PAUSE, cid)),
                Button(text(language, "btn_keep_it"), actions.encode(actions.CANCEL_DELETE, cid)),
            ),
        ),
    )


class SizingAdvisor:
    """Looks at a commitment after each answer and makes the offer at most once."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def offer(self, person: Person, commitment_id: int) -> Outgoing | None:
        """The 'make it smaller' offer if this commitment needs one now, else None."""
        now = self._clock.now()
        async with self._uow() as uow:
            commitment = await uow.commitments.get(commitment_id)
            if commitment is None or commitment.person_id != person.id:
                return None
            since = now.date() - timedelta(days=WINDOW_DAYS + 1)
            nudges = [
                n
                for n in await uow.nudges.of_person_between(
                    person.id, since, now.date() + timedelta(days=1)
                )
                if n.commitment_id == commitment_id
            ]
            if not needs_sizing(commitment, nudges, now, person):
                return None
            if not await uow.commitments.mark_sizing_offered(commitment_id, now):
                return None
            await uow.commit()
        return sizing_offer(person.language, commitment)
