"""/progress: a person's commitments in figures, or the couple's view, with the trend chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.charts_port import ChartMaker, PersonSeries
from bot.domain.couples import linked_couple
from bot.domain.models import CommitmentState, Person
from bot.domain.ports import Clock, UnitOfWork, UnitOfWorkFactory
from bot.domain.progress import (
    commitment_progress,
    honesty,
    person_consistency,
    rate_between,
    week_rate,
)
from bot.domain.schedule import local_today
from bot.domain.series import WEEKS, weekly_series
from bot.texts import text
from bot.views.progress import couple_line, couple_text, personal_text, trend_chart

HISTORY = timedelta(days=120)


@dataclass(frozen=True)
class ProgressView:
    """The text and the chart of /progress."""

    text: str
    chart: bytes
    caption: str


class ProgressService:
    """Builds /progress for one person or for the couple of a group."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, charts: ChartMaker) -> None:
        self._uow = uow
        self._clock = clock
        self._charts = charts

    async def personal(self, person: Person) -> ProgressView:
        """Your commitments with kept rates over 7 and 28 days, consistency, streak, trust trend."""
        today = self._today(person)
        async with self._uow() as uow:
            nudges = await uow.nudges.of_person_between(person.id, today - HISTORY, today)
            commitments = await uow.commitments.of_person(person.id)
            series = await weekly_series(uow, person, today, today)
            past = await uow.checkins.answers_of_person(person.id)
        active = [c for c in commitments if c.state != CommitmentState.DELETED]
        facts = [commitment_progress(c, nudges, today) for c in active]
        told = honesty(nudges, today - timedelta(days=27), today, today)
        # Only in the person's own /progress: nobody else ever sees how safe they felt.
        felt = [p.answer.safety for p in past[-WEEKS:] if p.answer.safety is not None]
        body = personal_text(person.language, facts, told, series.trust, felt)
        return self._view(person, body, [series])

    async def couple(self, person: Person, group_chat_id: int) -> ProgressView:
        """The couple's view in their group: each partner's figures side by side."""
        async with self._uow() as uow:
            couple = await linked_couple(uow, person, group_chat_id)
            partners = [await uow.people.get(i) for i in (couple.partner_a_id, couple.partner_b_id)]
            lines, series = [], []
            for partner in partners:
                assert partner is not None
                today = self._today(partner)
                lines.append(await self._couple_line(uow, person.language, partner, today))
                series.append(await weekly_series(uow, partner, today, today))
        return self._view(person, couple_text(person.language, lines), series)

    async def _couple_line(
        self, uow: UnitOfWork, language: str, partner: Person, today: date
    ) -> str:
        nudges = await uow.nudges.of_person_between(partner.id, today - HISTORY, today)
        commitments = await uow.commitments.of_person(partner.id)
        year, week, _ = today.isocalendar()
        return couple_line(
            language,
            partner.name,
            week_rate(nudges, year, week, today),
            rate_between(nudges, today - timedelta(days=27), today, today),
            person_consistency(commitments, nudges, today),
        )

    def _today(self, person: Person) -> date:
        return local_today(person, self._clock.now())

    def _view(self, person: Person, body: str, series: list[PersonSeries]) -> ProgressView:
        lang = person.language
        chart = trend_chart(self._charts, lang, self._today(person), series)
        return ProgressView(body, chart, text(lang, "chart_caption"))
