"""What the crisis lines of a country should look like in a message, built independently of the
bot's own view: straight from the country's helpline file and the catalogue's line templates."""

from __future__ import annotations

import json

from bot.texts import text
from tests.e2e.kept_process import ROOT

HELPLINES = ROOT / "bot" / "domain" / "helplines"
DIRECTORY = "findahelpline.com"
# The order a message lists the lines in: the number that sends help first.
KINDS = ("emergency", "crisis", "violence")


def lines_block(language: str, country: str | None) -> str:
    """The lines of one country (None: the directory alone) as a message should list them."""
    lines: list[str] = []
    if country is not None:
        data = json.loads((HELPLINES / f"{country}.json").read_text(encoding="utf-8"))
        ordered = sorted(data["lines"], key=lambda line: KINDS.index(line["kind"]))
        assert len(ordered) <= 3, "the story expects a country with at most three lines"
        for line in ordered:
            name = line["name"].get(language) or line["name"]["en"]
            lines.append(text(language, "resources_line", name=name, number=line["number"]))
    lines.append(text(language, "resources_directory", url=f"https://{DIRECTORY}"))
    return "\n".join(lines)


def with_lines(language: str, key: str, country: str | None) -> str:
    """A catalogue text that holds the crisis lines (crisis_found, safety_low, sos), filled."""
    return text(language, key, resources=lines_block(language, country))


def opening(language: str, key: str) -> str:
    """The first words of such a text, before its lines: enough to recognise it anywhere."""
    return text(language, key).split("{")[0].split("\n")[0][:60]
