"""The use cases, wired once over a unit of work, a clock and a messenger."""

from __future__ import annotations

from dataclasses import dataclass

from bot.charts import trend_chart
from bot.config import Settings
from bot.domain.charts_port import ChartMaker
from bot.domain.checkins import CheckinService
from bot.domain.commitments import CommitmentService
from bot.domain.nudging import NudgeService
from bot.domain.pairing import PairingService
from bot.domain.people import PeopleService
from bot.domain.ports import Clock, Messenger, UnitOfWorkFactory
from bot.domain.reports import ProgressService


@dataclass(frozen=True)
class Services:
    """The use cases the transports call."""

    people: PeopleService
    pairing: PairingService
    commitments: CommitmentService
    nudges: NudgeService
    checkins: CheckinService
    progress: ProgressService
    clock: Clock


def build_services(
    settings: Settings,
    uow: UnitOfWorkFactory,
    clock: Clock,
    messenger: Messenger,
    charts: ChartMaker = trend_chart,
) -> Services:
    """Every service of Kept over the same ports."""
    return Services(
        people=PeopleService(uow, clock, settings.default_timezone),
        pairing=PairingService(uow, clock, messenger),
        commitments=CommitmentService(uow, clock, settings.max_active_commitments),
        nudges=NudgeService(uow, clock, messenger),
        checkins=CheckinService(uow, clock, messenger, charts),
        progress=ProgressService(uow, clock, charts),
        clock=clock,
    )
