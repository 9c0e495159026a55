"""The reveal: the check-in closes once, both partners' answers are shown side by side with the
week's facts and the chart, and a suggestion follows when the weeks call for one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.domain.charts_port import ChartMaker
from bot.domain.checkin_rules import CHART_WEEKS, reveal_chats, therapy_history
from bot.domain.couples import both_partners
from bot.domain.models import Checkin, Couple, Person
from bot.domain.notify import attempt, notify
from bot.domain.ports import Clock, Messenger, Outgoing, Sent, UnitOfWork, UnitOfWorkFactory
from bot.domain.progress import person_consistency
from bot.domain.schedule import local_today
from bot.domain.series import weekly_series
from bot.domain.support import is_low_safety, resources_of
from bot.domain.therapy import should_suggest_therapy
from bot.texts import text
from bot.views.checkins import reveal_text
from bot.views.progress import trend_chart
from bot.views.safety import individual_support


@dataclass(frozen=True)
class Reveal:
    """The reveal as one chat reads it."""

    chat_id: int
    text: str
    chart: bytes
    caption: str


@dataclass(frozen=True)
class Report:
    """A rendered reveal, for each chat it goes to."""

    language: str
    reveals: tuple[Reveal, ...]
    # A suggestion went out: couples therapy, or support of their own to whoever feels unsafe.
    suggested: bool
    supported: tuple[Person, ...] = ()


async def _consistency(uow: UnitOfWork, person: Person, today: date) -> float | None:
    """How steadily the person keeps their current commitments, as of their local today."""
    nudges = await uow.nudges.of_person_between(person.id, today - timedelta(days=120), today)
    return person_consistency(await uow.commitments.of_person(person.id), nudges, today)


async def _feeling_unsafe(
    uow: UnitOfWork, couple: Couple, people: tuple[Person, Person]
) -> tuple[Person, ...]:
    """The partners whose latest safety answer was low."""
    latest: dict[int, tuple[tuple[int, int], int]] = {}
    for checkin, answer in await uow.checkins.answers_of_couple(couple.id, CHART_WEEKS + 2):
        week = (checkin.iso_year, checkin.iso_week)
        if answer.safety is not None and week >= latest.get(answer.person_id, ((0, 0), 0))[0]:
            latest[answer.person_id] = (week, answer.safety)
    return tuple(p for p in people if p.id in latest and is_low_safety(latest[p.id][1]))


class Revealer:
    """Closes a check-in and shows what both answered."""

    def __init__(
        self, uow: UnitOfWorkFactory, clock: Clock, messenger: Messenger, charts: ChartMaker
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._messenger = messenger
        self._charts = charts

    async def reveal(self, checkin_id: int) -> bool:
        """Close the check-in once and post both partners' answers, the week's facts and a chart."""
        now = self._clock.now()
        async with self._uow() as uow:
            if not await uow.checkins.close(checkin_id, now):
                return False
            await uow.commit()
            checkin = await uow.checkins.get(checkin_id)
            assert checkin is not None
            report = await self._report(uow, checkin, now)
            if report.suggested:
                await uow.couples.set_therapy_suggested(checkin.couple_id, now.date())
                await uow.commit()
        if checkin.chat_id is not None and checkin.message_id is not None:
            closed = Outgoing(text(report.language, "checkin_closed_header"))
            shown = Sent(checkin.chat_id, checkin.message_id)
            await attempt(self._messenger.edit(shown, closed), "close the check-in message")
        for reveal in report.reveals:
            await self._send_reveal(reveal)
        for person in report.supported:
            support = individual_support(person.language, resources_of(person))
            await notify(self._messenger, person, support, "where to find support")
        return True

    async def _send_reveal(self, reveal: Reveal) -> None:
        await attempt(self._messenger.send(reveal.chat_id, Outgoing(reveal.text)), "reveal")
        chart = self._messenger.send_photo(reveal.chat_id, reveal.chart, reveal.caption)
        await attempt(chart, "send the check-in chart")

    async def _report(self, uow: UnitOfWork, checkin: Checkin, now: datetime) -> Report:
        couple = await uow.couples.get(checkin.couple_id)
        assert couple is not None
        a, b = await both_partners(uow, couple)
        answers = {x.person_id: x for x in await uow.checkins.answers(checkin.id)}
        # The chart and the therapy rules end with the week being revealed, not the week of
        # `now`: a Sunday check-in is often revealed on Monday or closed on Wednesday.
        last_day = date.fromisocalendar(checkin.iso_year, checkin.iso_week, 7)
        series = [await weekly_series(uow, p, last_day, local_today(p, now)) for p in (a, b)]
        history = therapy_history(last_day, series)
        # The week revealed is the series' last: the text and the chart say the same rate.
        rates = {p.id: s.kept_rate[-1] for p, s in zip((a, b), series, strict=True)}
        scores = {p.id: await _consistency(uow, p, local_today(p, now)) for p in (a, b)}
        last = await uow.couples.therapy_suggested_on(couple.id)
        unsafe = await _feeling_unsafe(uow, couple, (a, b))
        suggested = should_suggest_therapy(history, now.date(), last)
        # Couples therapy is not advised where one partner fears the other: the one who said so
        # is offered support of their own instead, privately.
        therapy = suggested and not unsafe
        supported = unsafe if suggested else ()
        reveals = []
        # In a group, in the inviter's language as everything there; in private, each their own.
        for chat_id, language in reveal_chats(checkin, a, b):
            body = reveal_text(a, b, checkin, answers, rates, scores, therapy, language)
            chart = trend_chart(self._charts, language, last_day, series)
            reveals.append(Reveal(chat_id, body, chart, text(language, "chart_caption")))
        return Report(a.language, tuple(reveals), therapy or bool(supported), supported)
