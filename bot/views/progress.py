"""What /progress says, and the trend chart both /progress and the reveal draw."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from bot.domain.charts_port import ChartMaker, PersonSeries
from bot.domain.progress import CommitmentProgress, Honesty, percent, recent_weeks
from bot.domain.series import WEEKS
from bot.texts import text, week_label


def trend_chart(
    charts: ChartMaker, language: str, last_day: date, series: Sequence[PersonSeries]
) -> bytes:
    """The weekly chart up to `last_day`'s week, labelled with the same local weeks as its series
    (or the labels are a week off around midnight)."""
    return charts(
        text(language, "chart_title"),
        [week_label(language, year, week) for year, week in recent_weeks(last_day, WEEKS)],
        series,
        trust_label=text(language, "chart_trust_axis"),
        kept_label=text(language, "chart_kept_axis"),
    )


def personal_text(
    language: str,
    commitments: Sequence[CommitmentProgress],
    told: Honesty,
    trust: Sequence[int | None],
    felt: Sequence[int],
) -> str:
    """A person's own /progress: each commitment, how honestly they answered, their trust trend,
    and how safe they felt (which nobody else ever sees)."""
    lines = [text(language, "progress_header"), ""]
    if not commitments:
        lines.append(text(language, "progress_none"))
    lines += [_commitment_line(language, facts) for facts in commitments]
    if commitments and told.due:
        lines += ["", text(language, "progress_honesty", answered=told.answered, due=told.due)]
    given = [t for t in trust if t is not None]
    trust_line = text(language, "progress_trust", trend=_trend(given)) if given else None
    lines += ["", trust_line or text(language, "progress_trust_none")]
    if felt:
        lines.append(text(language, "progress_safety", trend=_trend(felt)))
    lines += ["", text(language, "progress_note")]
    return "\n".join(lines)


def couple_line(
    language: str, name: str, rate_week: float | None, rate_28: float | None, score: float | None
) -> str:
    """One partner's figures in the couple's view; a newcomer's in a sentence, not in dashes."""
    if rate_28 is None:
        return text(language, "progress_couple_line_new", name=name)
    return text(
        language,
        "progress_couple_line",
        name=name,
        rate_week=percent(rate_week),
        rate_28=percent(rate_28),
        score=percent(score),
    )


def couple_text(language: str, lines: Sequence[str]) -> str:
    """The couple's view in their group: each partner's line, and what the numbers mean."""
    return "\n".join(
        [text(language, "progress_couple_header"), "", *lines, "", text(language, "reveal_normal")]
    )


def _commitment_line(language: str, facts: CommitmentProgress) -> str:
    if facts.rate_28 is None:
        return text(language, "progress_line_new", text=facts.commitment.text)
    return text(
        language,
        "progress_line",
        text=facts.commitment.text,
        rate_7=percent(facts.rate_7),
        rate_28=percent(facts.rate_28),
        score=percent(facts.consistency),
        streak=facts.streak,
    )


def _trend(values: Iterable[int]) -> str:
    return " → ".join(str(v) for v in values)
