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
    percent,
    person_consistency,
    rate_between,
    recent_weeks,
    week_rate,
)
from bot.domain.schedule import local_today
from bot.domain.series import WEEKS, weekly_series
from bot.texts import text, week_label

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
        async with self._uow() as uow:
            today = self._today(person)
            nudges = await uow.nudges.of_person_between(person.id, today - HISTORY, today)
            commitments = await uow.commitments.of_person(person.id)
            series = await self._series(uow, person)
            past = await uow.checkins.answers_of_person(person.id)
        lang = person.language
        lines = [text(lang, "progress_header"), ""]
        active = [c for c in commitments if c.state != CommitmentState.DELETED]
        if not active:
            lines.append(text(lang, "progress_none"))
        for commitment in active:
            facts = commitment_progress(commitment, nudges, today)
            if facts.rate_28 is None:
                lines.append(text(lang, "progress_line_new", text=commitment.text))
                continue
            lines.append(
                text(
                    lang,
                    "progress_line",
                    text=commitment.text,
                    rate_7=percent(facts.rate_7),
                    rate_28=percent(facts.rate_28),
                    score=percent(facts.consistency),
                    streak=facts.streak,
                )
            )
        told = honesty(nudges, today - timedelta(days=27), today, today)
        if active and told.due:
            lines += ["", text(lang, "progress_honesty", answered=told.answered, due=told.due)]
        trend = " → ".join(str(t) for t in series.trust if t is not None)
        trust_line = text(lang, "progress_trust", trend=trend) if trend else None
        lines += ["", trust_line or text(lang, "progress_trust_none")]
        # Only in the person's own /progress: nobody else ever sees how safe they felt.
        felt = [str(p.answer.safety) for p in past[-WEEKS:] if p.answer.safety is not None]
        if felt:
            lines.append(text(lang, "progress_safety", trend=" → ".join(felt)))
        lines += ["", text(lang, "progress_note")]
        return self._view(person, "\n".join(lines), [series])

    async def couple(self, person: Person, group_chat_id: int) -> ProgressView:
        """The couple's view in their group: each partner's figures side by side."""
        async with self._uow() as uow:
            couple = await linked_couple(uow, person, group_chat_id)
            partners = [await uow.people.get(i) for i in (couple.partner_a_id, couple.partner_b_id)]
            lines = [text(person.language, "progress_couple_header"), ""]
            series = []
            for partner in partners:
                assert partner is not None
                lines.append(await self._couple_line(uow, person.language, partner))
                series.append(await self._series(uow, partner))
        lines += ["", text(person.language, "reveal_normal")]
        return self._view(person, "\n".join(lines), series)

    async def _couple_line(self, uow: UnitOfWork, language: str, partner: Person) -> str:
        today = self._today(partner)
        nudges = await uow.nudges.of_person_between(partner.id, today - HISTORY, today)
        commitments = await uow.commitments.of_person(partner.id)
        year, week, _ = today.isocalendar()
        rate_28 = rate_between(nudges, today - timedelta(days=27), today, today)
        if rate_28 is None:
            return text(language, "progress_couple_line_new", name=partner.name)
        return text(
            language,
            "progress_couple_line",
            name=partner.name,
            rate_week=percent(week_rate(nudges, year, week, today)),
            rate_28=percent(rate_28),
            score=percent(person_consistency(commitments, nudges, today)),
        )

    async def _series(self, uow: UnitOfWork, person: Person) -> PersonSeries:
        today = self._today(person)
        return await weekly_series(uow, person, today, today, WEEKS)

    def _today(self, person: Person) -> date:
        return local_today(person, self._clock.now())

    def _view(self, person: Person, body: str, series: list[PersonSeries]) -> ProgressView:
        # The same local weeks as the series, or the labels are a week off around midnight.
        lang = person.language
        weeks = recent_weeks(self._today(person), WEEKS)
        labels = [week_label(lang, year, week) for year, week in weeks]
        chart = self._charts(
            text(lang, "chart_title"),
            labels,
            series,
            trust_label=text(lang, "chart_trust_axis"),
            kept_label=text(lang, "chart_kept_axis"),
        )
        return ProgressView(body, chart, text(lang, "chart_caption"))
