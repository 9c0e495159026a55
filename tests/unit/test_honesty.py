"""Honesty: "answered honestly on N of M days" — owning a miss counts as much as keeping."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from bot.domain.models import Nudge, NudgeStatus
from bot.domain.progress import Honesty, honesty
from bot.texts import text
from tests.unit.conftest import MADRID, World, local

K, M, SENT = NudgeStatus.KEPT, NudgeStatus.MISSED, NudgeStatus.SENT
# Wednesday 10 June 2026, 22:00 in Madrid: today's 21:00 nudge is sent.
NOW = local(MADRID, 2026, 6, 10, 22, 0)
TODAY = date(2026, 6, 10)
FIRST = TODAY - timedelta(days=27)
_ids = itertools.count(1)


def row(day: date, status: NudgeStatus, commitment_id: int = 1) -> Nudge:
    """A ledger row of one commitment on one day."""
    due = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=19)
    answered = due + timedelta(minutes=5) if status in (K, M) else None
    return Nudge(next(_ids), commitment_id, 1, day, due, status, answered_at=answered)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def test_a_missed_but_answered_day_counts_as_honest() -> None:
    rows = [row(ago(2), M), row(ago(1), K)]
    assert honesty(rows, FIRST, TODAY, TODAY) == Honesty(answered=2, due=2)


def test_an_unanswered_past_day_does_not() -> None:
    # Yesterday's nudge can still be answered, but so far it has not been: not honest yet.
    rows = [row(ago(3), M), row(ago(2), SENT), row(ago(1), SENT)]
    assert honesty(rows, FIRST, TODAY, TODAY) == Honesty(answered=1, due=3)


def test_todays_unanswered_nudge_is_left_out_and_an_answered_one_counts() -> None:
    assert honesty([row(ago(1), K), row(TODAY, SENT)], FIRST, TODAY, TODAY) == Honesty(1, 1)
    assert honesty([row(ago(1), K), row(TODAY, M)], FIRST, TODAY, TODAY) == Honesty(2, 2)
    assert honesty([row(TODAY, SENT)], FIRST, TODAY, TODAY) == Honesty(0, 0)


def test_a_day_is_honest_only_when_every_nudge_of_it_was_answered() -> None:
    rows = [row(ago(1), K, 1), row(ago(1), SENT, 2), row(ago(2), M, 1), row(ago(2), K, 2)]
    assert honesty(rows, FIRST, TODAY, TODAY) == Honesty(answered=1, due=2)


def test_days_nothing_could_be_answered_and_days_outside_are_not_counted() -> None:
    rows = [
        row(ago(28), SENT),  # before the 28 days
        row(ago(27), K),
        row(ago(5), NudgeStatus.SKIPPED),  # the bot was down
        row(ago(4), NudgeStatus.FAILED),  # could not be delivered
        row(ago(3), NudgeStatus.DUE),  # snoozed, waiting to be asked again
        row(ago(2), M),
    ]
    assert honesty(rows, FIRST, TODAY, TODAY) == Honesty(answered=2, due=2)


async def test_progress_says_on_how_many_days_you_answered_honestly(world: World) -> None:
    ana, _ = await world.couple()
    world.clock.set(NOW)
    await world.ledger(
        ana,
        {ago(40): SENT, ago(4): K, ago(3): M, ago(2): SENT, ago(1): M, TODAY: SENT},
        words="call mum",
    )

    view = await world.progress.personal(world.fresh(ana))

    # Kept, missed, (silence), missed: three of four days answered; today is still open.
    line = text("en", "progress_honesty", answered=3, due=4)
    assert line in view.text.splitlines()
    assert "answered honestly on 3 of 4 days" in line


async def test_progress_without_promises_says_nothing_of_honesty(world: World) -> None:
    ana = await world.person(101, "Ana")
    view = await world.progress.personal(ana)
    assert "honestly" not in view.text
