"""What Kept says about commitments: the list with its buttons, confirmations and toasts."""

from __future__ import annotations

from bot.domain import actions
from bot.domain.commitments import Added, days_label
from bot.domain.models import Commitment, CommitmentState
from bot.domain.ports import Button, Outgoing
from bot.texts import short_date, text


def commitment_list(language: str, commitments: list[Commitment]) -> Outgoing:
    """The list of commitments with a row of buttons for each."""
    if not commitments:
        return Outgoing(text(language, "commitments_none"))
    lines = [text(language, "commitments_header")]
    rows: list[tuple[Button, ...]] = []
    for number, c in enumerate(commitments, 1):
        lines.append(_commitment_line(language, number, c))
        rows.append(_commitment_buttons(language, number, c))
    return Outgoing("\n".join(lines), tuple(rows))


def _commitment_line(lang: str, number: int, c: Commitment) -> str:
    paused = c.state == CommitmentState.PAUSED
    return text(
        lang,
        "commitment_line",
        number=number,
        text=c.text,
        days=days_label(lang, c.weekdays),
        time=hhmm(c),
        state=text(lang, "state_paused") if paused else "",
    )


def _commitment_buttons(lang: str, number: int, c: Commitment) -> tuple[Button, ...]:
    toggle = (
        Button(text(lang, "btn_resume", number=number), actions.encode(actions.RESUME, c.id))
        if c.state == CommitmentState.PAUSED
        else Button(text(lang, "btn_pause", number=number), actions.encode(actions.PAUSE, c.id))
    )
    return (
        toggle,
        Button(text(lang, "btn_time", number=number), actions.encode(actions.CHANGE_TIME, c.id)),
        Button(text(lang, "btn_delete", number=number), actions.encode(actions.DELETE, c.id)),
    )


def added_reply(language: str, added: Added) -> Outgoing:
    """The confirmation of a new commitment, with the vague-word hint when it applies."""
    c = added.commitment
    body = text(
        language,
        "commit_added",
        text=c.text,
        days=days_label(language, c.weekdays),
        time=hhmm(c),
    )
    if added.vague:
        body += text(language, "commit_vague", word=added.vague)
    return Outgoing(body)


def delete_confirmation(language: str, commitment: Commitment) -> Outgoing:
    """Ask before deleting: deleting stops the nudges for good."""
    return Outgoing(
        text(language, "commitment_delete_confirm", text=commitment.text),
        (
            (
                Button(
                    text(language, "btn_confirm_delete"),
                    actions.encode(actions.CONFIRM_DELETE, commitment.id),
                ),
                Button(
                    text(language, "btn_keep_it"),
                    actions.encode(actions.CANCEL_DELETE, commitment.id),
                ),
            ),
        ),
    )


def resumed_toast(language: str, c: Commitment) -> str:
    """A resumed commitment, with its next nudge when one is due."""
    if c.next_local_date is None:
        return text(language, "commitment_resumed_no_date", text=c.text)
    when = f"{short_date(language, c.next_local_date)} {hhmm(c)}"
    return text(language, "commitment_resumed", text=c.text, when=when)


def time_set_reply(language: str, c: Commitment) -> Outgoing:
    """A commitment's new time, confirmed."""
    return Outgoing(text(language, "commitment_time_set", text=c.text, time=hhmm(c)))


def hhmm(commitment: Commitment) -> str:
    return commitment.local_time.strftime("%H:%M")
