"""What /sharing says: the two ways to hear about a partner's answers, and the summary times."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.domain import actions
from bot.domain.models import (
    SHARING_SUMMARY,
    Couple,
    Person,
)
from bot.domain.ports import (
    Button,
    Outgoing,
)
from bot.texts import short_date, text
from bot.views.nudges import local_moment


def _when(language: str, moment: datetime, zone: ZoneInfo) -> str:
    local = local_moment(moment, zone)
    return f"{short_date(language, local.date())}, {local:%H:%M}"


def _live_place(language: str, couple: Couple | None) -> str:
    """Where news as it happens goes: the couple's linked group, else the private chat."""
    linked = couple is not None and couple.group_chat_id is not None
    return text(language, "sharing_place_group" if linked else "sharing_place_private")


def sharing_screen(
    person: Person, partner: Person | None, couple: Couple | None, next_at: datetime | None
) -> Outgoing:
    """What /sharing shows: how this person hears, how their partner hears, the choices."""
    lang = person.language
    name = partner.name if partner else text(lang, "sharing_your_partner")
    if person.sharing == SHARING_SUMMARY and person.summary_time is not None:
        mine = text(
            lang,
            "sharing_now_summary",
            partner=name,
            time=person.summary_time.strftime("%H:%M"),
            timezone=person.timezone,
        )
        if next_at is not None:
            mine += "\n" + text(lang, "sharing_next", next=_when(lang, next_at, person.zone))
    else:
        mine = text(lang, "sharing_now_live", partner=name, place=_live_place(lang, couple))
    lines = [mine]
    if partner is not None:
        if partner.sharing == SHARING_SUMMARY and partner.summary_time is not None:
            theirs = text(
                lang,
                "sharing_partner_summary",
                partner=partner.name,
                time=partner.summary_time.strftime("%H:%M"),
                timezone=partner.timezone,
            )
        else:
            theirs = text(
                lang,
                "sharing_partner_live",
                partner=partner.name,
                place=_live_place(lang, couple),
            )
        lines.append(theirs)
    lines.append(text(lang, "sharing_choose"))
    buttons = (
        (
            Button(text(lang, "btn_sharing_live"), actions.encode(actions.SHARING, LIVE_ARG)),
            Button(text(lang, "btn_sharing_summary"), actions.encode(actions.SHARING, SUMMARY_ARG)),
        ),
    )
    return Outgoing("\n\n".join(lines), buttons)


def time_buttons(person: Person) -> tuple[tuple[Button, ...], ...]:
    """The summary times offered as buttons."""
    del person  # the same times for everyone; kept for symmetry with the other views
    return (
        tuple(
            Button(at.strftime("%H:%M"), actions.encode(actions.SHARING, time_arg(at)))
            for at in SUMMARY_TIMES
        ),
    )


def time_question(person: Person) -> Outgoing:
    """Ask for the summary's time: a button, or a typed HH:MM."""
    return Outgoing(
        text(person.language, "sharing_pick_time", timezone=person.timezone),
        time_buttons(person),
    )


# The times offered as buttons; any other HH:MM may be typed.
SUMMARY_TIMES = (time(8), time(13), time(20), time(21, 30))


# Button arguments of /sharing: the two choices, or a time as HHMM.
LIVE_ARG = "live"


SUMMARY_ARG = "sum"


def time_arg(at: time) -> str:
    """The button argument of a summary time (HHMM)."""
    return at.strftime("%H%M")


def live_chosen(language: str, partner: Person | None, couple: Couple | None) -> Outgoing:
    """Answers as they happen, from now on: where they will come."""
    name = partner.name if partner else text(language, "sharing_your_partner")
    place = _live_place(language, couple)
    return Outgoing(text(language, "sharing_set_live", partner=name, place=place))


def summary_chosen(reader: Person, partner: Person | None, at: time, next_at: datetime) -> Outgoing:
    """One summary a day, from now on: at what time, in which zone, and when the next one comes."""
    lang = reader.language
    return Outgoing(
        text(
            lang,
            "sharing_set_summary",
            partner=partner.name if partner else text(lang, "sharing_your_partner"),
            time=at.strftime("%H:%M"),
            timezone=reader.timezone,
            next=_when(lang, next_at, reader.zone),
        )
    )
