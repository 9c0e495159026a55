"""The use cases, wired once over a unit of work, a clock and a messenger."""

from __future__ import annotations

from dataclasses import dataclass

from bot.charts import trend_chart
from bot.config import Settings
from bot.domain.charts_port import ChartMaker
from bot.domain.checkins import CheckinService
from bot.domain.chores import ChoreService
from bot.domain.commitments import CommitmentService
from bot.domain.holidays import HolidayService
from bot.domain.nudging import NudgeService
from bot.domain.pairing import PairingService
from bot.domain.people import PeopleService
from bot.domain.ports import Clock, Messenger, UnitOfWorkFactory
from bot.domain.privacy import PrivacyService
from bot.domain.reports import ProgressService
from bot.domain.sharing import SharingService
from bot.domain.support import SupportService


@dataclass(frozen=True)
class Services:
    """The use cases the transports call."""

    people: PeopleService
    pairing: PairingService
    commitments: CommitmentService
    nudges: NudgeService
    checkins: CheckinService
    progress: ProgressService
    privacy: PrivacyService
    holidays: HolidayService
    chores: ChoreService
    support: SupportService
    sharing: SharingService
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
        privacy=PrivacyService(uow, clock, messenger),
        holidays=HolidayService(uow, clock, messenger),
        chores=ChoreService(uow, clock, messenger, settings.max_active_commitments),
        support=SupportService(messenger),
        sharing=SharingService(uow, clock, messenger),
        clock=clock,
    )
