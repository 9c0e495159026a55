"""What pairing says: the invitation to forward, the invitation opened, and the couple formed."""

from __future__ import annotations

from bot.domain import actions
from bot.domain.models import CheckinSlot, Person
from bot.domain.ports import Button, Outgoing
from bot.texts import day_name, text


def invitation_to_forward(language: str, inviter: str, link: str, code: str) -> list[Outgoing]:
    """/pair on Telegram: a message written to the partner, to forward as it is, then a word
    to the inviter on what happens next."""
    return [
        Outgoing(text(language, "pair_invite", inviter=inviter, link=link, code=code)),
        Outgoing(text(language, "pair_invite_next")),
    ]


def invitation_opened(person: Person, inviter: Person) -> Outgoing:
    """The invitation as the invited partner first sees it: who, what joining means, a choice."""
    language = person.language
    return Outgoing(
        text(language, "invite_offer", inviter=inviter.name),
        (
            (
                Button(text(language, "btn_join"), actions.encode(actions.JOIN, inviter.id)),
                Button(text(language, "btn_not_now"), actions.encode(actions.NOT_NOW, inviter.id)),
            ),
        ),
    )


def paired_message(language: str, partner: str, slot: CheckinSlot, zone: str) -> str:
    """The couple is formed: what each now sees, when the weekly check-in comes, what next."""
    when = text(
        language,
        "paired_checkin_slot",
        day=day_name(language, slot.weekday, wide=True),
        time=slot.local_time.strftime("%H:%M"),
        timezone=slot.timezone or zone,
    )
    paired = text(language, "paired_you", partner=partner)
    return f"{paired}\n\n{when}\n\n{text(language, 'paired_hint')}"
