"""What Kept says to someone who may not be safe: crisis lines first, calm, and private."""

from __future__ import annotations

from bot.domain.helplines import DIRECTORY_URL, CountryResources, pick_lines, violence_line
from bot.domain.ports import Outgoing
from bot.texts import text


def resources_block(language: str, resources: CountryResources | None) -> str:
    """At most three numbers for the person's country, then the international directory."""
    lines = [
        text(language, "resources_line", name=line.label(language), number=line.number)
        for line in (pick_lines(resources) if resources else ())
    ]
    lines.append(text(language, "resources_directory", url=DIRECTORY_URL))
    return "\n".join(lines)


def crisis_reply(language: str, resources: CountryResources | None) -> Outgoing:
    """The answer to crisis words, wherever they were written; nothing to share, no button."""
    return Outgoing(text(language, "crisis_found", resources=resources_block(language, resources)))


def low_safety_reply(language: str, resources: CountryResources | None) -> Outgoing:
    """The private answer to a safety rating of 1 or 2."""
    return Outgoing(text(language, "safety_low", resources=resources_block(language, resources)))


def sos_reply(language: str, resources: CountryResources | None) -> Outgoing:
    """/sos: the lines, and the quiet ways out."""
    return Outgoing(text(language, "sos", resources=resources_block(language, resources)))


def individual_support(language: str, resources: CountryResources | None) -> Outgoing:
    """Instead of a couples-therapy suggestion, for someone who said they did not feel safe."""
    line = violence_line(resources) if resources else None
    body = text(language, "individual_support")
    if line is not None:
        body += "\n\n" + text(
            language, "resources_line", name=line.label(language), number=line.number
        )
    body += "\n" + text(language, "resources_directory", url=DIRECTORY_URL)
    return Outgoing(body)
