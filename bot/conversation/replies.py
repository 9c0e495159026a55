"""What a transport hands the conversation, what the conversation hands back, and the helpers
every handler shares to word it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.domain.errors import KeptError
from bot.domain.models import Person
from bot.domain.people import Identity
from bot.domain.ports import Outgoing
from bot.texts import language_for, text


@dataclass(frozen=True)
class Where:
    """The chat a message came from, as any transport sees it."""

    chat_id: int
    group: bool


@dataclass(frozen=True)
class Photo:
    """An image to send, with its caption."""

    png: bytes
    caption: str


@dataclass(frozen=True)
class Document:
    """A file to send, with its name and caption."""

    data: bytes
    filename: str
    caption: str


Reply = Outgoing | Photo | Document


@dataclass(frozen=True)
class Pressed:
    """What a button press leads to: a toast, maybe an edit of its message, maybe new ones."""

    toast: str
    edit: Outgoing | None = None
    send: tuple[Outgoing, ...] = ()


class Surface(Protocol):
    """What differs between transports that the conversation needs to know."""

    def invite_link(self, code: str) -> str | None:
        """A link that joins the couple by this code, when the transport has such links."""
        ...

    def has_buttons(self) -> bool:
        """Whether choices are buttons; without them people are told how to answer."""
        ...


@dataclass(frozen=True)
class Request:
    """One command as its action sees it."""

    args: list[str]
    rest: str
    where: Where
    surface: Surface


def with_hint(message: str, language: str, surface: Surface) -> str:
    """The message, followed by how to answer where there are no buttons."""
    if surface.has_buttons():
        return message
    return f"{message}\n\n{text(language, 'how_to_answer_typed')}"


def explain(language: str, error: KeptError) -> Outgoing:
    """A domain refusal in the person's words."""
    return Outgoing(text(language, error.key, **error.params))


def language_of(person: Person | None, who: Identity) -> str:
    """The person's language, or their client's for someone Kept does not know yet."""
    return person.language if person else language_for(who.language_code)
