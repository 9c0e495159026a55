"""How nudges read on a phone: the daily message, its buttons, the partner's view."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain import actions
from bot.domain.models import Commitment, CommitmentState, Nudge, NudgeStatus, Person
from bot.domain.ports import Button, Outgoing
from bot.domain.safety import has_crisis_words
from bot.domain.schedule import is_scheduled
from bot.texts import short_date, text


def local_moment(moment: datetime, zone: ZoneInfo) -> datetime:
    """An instant on the person's wall clock."""
    return moment.astimezone(zone)


def greeting(language: str, hour: int) -> str:
    """Good morning / afternoon / evening by the local hour."""
    if 4 <= hour < 12:
        return text(language, "greeting_morning")
    if 12 <= hour < 18:
        return text(language, "greeting_afternoon")
    return text(language, "greeting_evening")


def nudge_line(person: Person, nudge: Nudge, commitment_text: str) -> str:
    """One line per commitment, showing its answer and when it was given."""
    if nudge.status in (NudgeStatus.KEPT, NudgeStatus.MISSED) and nudge.answered_at:
        when = local_moment(nudge.answered_at, person.zone)
        stamp = f"{short_date(person.language, when.date())}, {when:%H:%M}"
        key = "nudge_line_kept" if nudge.status == NudgeStatus.KEPT else "nudge_line_missed"
        return text(person.language, key, text=commitment_text, date=stamp)
    if nudge.status == NudgeStatus.DUE and nudge.next_attempt_at is not None:
        again = local_moment(nudge.next_attempt_at, person.zone)
        return text(
            person.language, "nudge_line_snoozed", text=commitment_text, time=f"{again:%H:%M}"
        )
    return text(person.language, "nudge_line_open", text=commitment_text)


def short_label(commitment_text: str, limit: int = 18) -> str:
    """A commitment text short enough for a button."""
    return commitment_text if len(commitment_text) <= limit else commitment_text[: limit - 1] + "…"


def answer_buttons(
    person: Person, nudges: Sequence[Nudge], texts: dict[int, str]
) -> tuple[tuple[Button, ...], ...]:
    """A row of Kept / Missed per open nudge, named after its promise when there are several."""
    named = len(nudges) > 1
    rows = []
    for nudge in nudges:
        if nudge.status != NudgeStatus.SENT:
            continue
        short = short_label(texts.get(nudge.commitment_id, "…"))
        kept = text(person.language, "btn_kept_n" if named else "btn_kept", short=short)
        missed = text(person.language, "btn_missed_n" if named else "btn_missed", short=short)
        rows.append(
            (
                Button(kept, actions.encode(actions.KEPT, nudge.id)),
                Button(missed, actions.encode(actions.MISSED, nudge.id)),
                Button(
                    text(person.language, "btn_snooze"), actions.encode(actions.SNOOZE, nudge.id)
                ),
            )
        )
    return tuple(rows)


def nudge_message(person: Person, nudges: Sequence[Nudge], texts: dict[int, str]) -> Outgoing:
    """The private daily message: greeting, each promise, buttons for the open ones."""
    first = nudges[0]
    hour = local_moment(first.due_at, person.zone).hour
    key = "nudge_header_many" if len(nudges) > 1 else "nudge_header"
    header = text(
        person.language,
        key,
        greeting=greeting(person.language, hour),
        name=person.name,
        date=short_date(person.language, first.local_date),
    )
    lines = [nudge_line(person, n, texts.get(n.commitment_id, "…")) for n in nudges]
    body = "\n".join([header, "", *lines])
    if any(n.late for n in nudges) and any(n.status == NudgeStatus.SENT for n in nudges):
        body += "\n\n" + text(person.language, "nudge_late_note")
    return Outgoing(body, answer_buttons(person, nudges, texts))


def shown_promise(reader_language: str, commitment_text: str) -> str:
    """A promise's name as the partner reads it: words of crisis were answered in private
    with crisis lines, and never reach the partner, not even as the name of a promise."""
    if has_crisis_words(commitment_text):
        return text(reader_language, "partner_private_promise")
    return commitment_text


def partner_message(
    owner: Person, reader_language: str, nudge: Nudge, commitment_text: str, noticer: str | None
) -> Outgoing:
    """What the partner sees after an answer; its 🤝 button until they have pressed it."""
    missed = nudge.status == NudgeStatus.MISSED
    commitment_text = shown_promise(reader_language, commitment_text)
    body = text(
        reader_language,
        "partner_missed" if missed else "partner_kept",
        name=owner.name,
        text=commitment_text,
        date=short_date(reader_language, nudge.local_date),
    )
    if noticer is not None:
        line = "partner_thanked_line" if missed else "partner_noticed_line"
        return Outgoing(body + "\n" + text(reader_language, line, name=noticer))
    label = text(reader_language, "btn_thanks" if missed else "btn_noticed")
    return Outgoing(body, ((Button(label, actions.encode(actions.NOTICED, nudge.id)),),))


def summary_message(
    owner: Person, reader: Person, nudges: Sequence[Nudge], texts: dict[int, str]
) -> Outgoing:
    """The daily summary of the partner's answers: one line each, a 🤝 button for each one
    not acknowledged yet (named after its promise when there are several)."""
    lang = reader.language
    lines = [text(lang, "summary_header", name=owner.name), ""]
    rows: list[tuple[Button, ...]] = []
    named = len(nudges) > 1
    for nudge in nudges:
        words = shown_promise(lang, texts.get(nudge.commitment_id, "…"))
        missed = nudge.status == NudgeStatus.MISSED
        line = text(
            lang,
            "summary_line_missed" if missed else "summary_line_kept",
            text=words,
            date=short_date(lang, nudge.local_date),
        )
        if nudge.noticed_at is not None:
            line += " " + text(lang, "summary_thanked" if missed else "summary_noticed")
        else:
            short = short_label(words)
            if missed:
                label = text(lang, "btn_thanks_n" if named else "btn_thanks", short=short)
            else:
                label = text(lang, "btn_noticed_n" if named else "btn_noticed", short=short)
            rows.append((Button(label, actions.encode(actions.NOTICED, nudge.id)),))
        lines.append(line)
    return Outgoing("\n".join(lines), tuple(rows))


def share_button(language: str, verb: str, item_id: int) -> tuple[tuple[Button, ...], ...]:
    """The one button that lets an author share their private words with their partner."""
    return ((Button(text(language, "btn_share"), actions.encode(verb, item_id)),),)


def today_line(person: Person, nudge: Nudge, commitment_text: str) -> str:
    """One of today's nudges in /today: how it stands."""
    if nudge.status == NudgeStatus.SKIPPED:
        return text(person.language, "today_skipped", text=commitment_text)
    if nudge.status == NudgeStatus.FAILED:
        return text(person.language, "today_failed", text=commitment_text)
    if nudge.status == NudgeStatus.DUE and nudge.sent_at is not None:
        return nudge_line(person, nudge, commitment_text)  # snoozed: says when it comes again
    if nudge.status in (NudgeStatus.DUE, NudgeStatus.SENDING):
        return text(person.language, "today_waiting", text=commitment_text)
    return nudge_line(person, nudge, commitment_text)


def later_lines(
    language: str, commitments: list[Commitment], planned: set[int], today: date
) -> list[str]:
    """What is still to come today in /today: the commitments not yet nudged."""
    return [
        text(language, "today_later", text=c.text, time=c.local_time.strftime("%H:%M"))
        for c in commitments
        if c.state == CommitmentState.ACTIVE
        and c.id not in planned
        and c.next_local_date == today
        and is_scheduled(c.weekdays, today)
    ]


def answer_label(language: str, status: NudgeStatus) -> str:
    """The answer already given, as its button said it."""
    return text(language, "btn_kept" if status == NudgeStatus.KEPT else "btn_missed")
