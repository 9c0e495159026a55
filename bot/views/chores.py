"""What the chore plan says: the week's grid, the guided steps to add a chore, the swap answers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from bot.domain import actions
from bot.domain.commitments import days_label
from bot.domain.models import Chore, Commitment, CommitmentState, Person, SwapState
from bot.domain.ports import Button, Outgoing
from bot.texts import day_names, text


def plan_text(
    language: str,
    couple_names: tuple[str, str],
    names: dict[int, str],
    chores: Sequence[Chore],
    commitments: Sequence[Commitment],
) -> str:
    """The week grid: a line per weekday, each chore of that day with who does it."""
    header = text(language, "chores_header", a=couple_names[0], b=couple_names[1])
    if not chores or not commitments:
        return f"{header}\n\n{text(language, 'chores_none')}"
    lines = [header, ""]
    for day, name_of_day in enumerate(day_names(language)):
        entries = [
            text(
                language,
                "chores_entry_paused" if c.state == CommitmentState.PAUSED else "chores_entry",
                chore=chore.name,
                name=names.get(c.person_id, "?"),
            )
            for chore in chores
            for c in commitments
            if c.chore_id == chore.id and c.weekdays & (1 << day)
        ]
        lines.append(f"{name_of_day}: " + (" · ".join(entries) if entries else "—"))
    return "\n".join(lines)


def who_question(person: Person, partner: Person, name: str) -> Outgoing:
    """Who does the chore: the person ("Me") or their partner."""
    lang = person.language
    me = Button(
        text(lang, "chore_who_you", name=person.name), actions.encode(actions.CHORE_WHO, person.id)
    )
    them = Button(partner.name, actions.encode(actions.CHORE_WHO, partner.id))
    return Outgoing(text(lang, "chore_ask_who", chore=name), ((me, them),))


def days_question(language: str, assignee: Person, name: str) -> Outgoing:
    """On which days: every day, weekdays, weekends, or picked one by one."""

    def day_button(key: str, preset: str) -> Button:
        return Button(text(language, key), actions.encode(actions.CHORE_DAYS, preset))

    return Outgoing(
        text(language, "chore_ask_days", name=assignee.name, chore=name),
        (
            (day_button("days_every", "all"), day_button("days_weekdays", "wk")),
            (day_button("days_weekends", "we"), day_button("days_pick", "pick")),
        ),
    )


def pick_days_question(language: str, mask: int) -> Outgoing:
    """The seven days as toggles, the chosen ones ticked."""
    toggles = tuple(
        Button(
            ("✔️ " if mask & (1 << day) else "") + name,
            actions.encode(actions.CHORE_PICK_DAY, day),
        )
        for day, name in enumerate(day_names(language))
    )
    done = Button(text(language, "days_done"), actions.encode(actions.CHORE_PICK_DAY, "ok"))
    chosen = days_label(language, mask) if mask else "—"
    return Outgoing(
        text(language, "commit_pick_days", days=chosen), (toggles[:4], toggles[4:], (done,))
    )


def time_question(person: Person, assignee: Person) -> Outgoing:
    """At what time, in the assignee's zone."""
    if assignee.id == person.id:
        return Outgoing(text(person.language, "chore_ask_time_you", timezone=assignee.timezone))
    return Outgoing(
        text(person.language, "chore_ask_time", name=assignee.name, timezone=assignee.timezone)
    )


def swap_label(language: str, state: SwapState) -> str:
    """The answer a swap request got, in place of its buttons."""
    return text(language, "btn_swap_accept" if state == SwapState.ACCEPTED else "btn_swap_decline")


def plan_message(language: str, couple_id: int, body: str) -> Outgoing:
    """The grid with its two buttons: add a chore, ask to swap a day."""
    buttons = (
        (Button(text(language, "btn_chore_add"), actions.encode(actions.CHORE_ADD, couple_id)),),
        (Button(text(language, "btn_chore_swap"), actions.encode(actions.CHORE_SWAP, couple_id)),),
    )
    return Outgoing(body, buttons)


def assigned_note(language: str, actor: str, chore: str, weekdays: int, at: time) -> str:
    """To the partner a chore was given to."""
    days = days_label(language, weekdays)
    return text(
        language, "chore_assigned_you", name=actor, chore=chore, days=days, time=f"{at:%H:%M}"
    )


def taken_over_note(language: str, chore: str, lost: int, assignee: str) -> str:
    """To whoever had these days of the chore before."""
    days = days_label(language, lost)
    return text(language, "chore_taken_over", chore=chore, days=days, name=assignee)
