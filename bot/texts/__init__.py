"""Message catalogue: every text a person reads, by language and key."""

from __future__ import annotations

from bot.texts.en import EN

CATALOGUES: dict[str, dict[str, str]] = {"en": EN}
DEFAULT_LANGUAGE = "en"


def language_for(code: str | None) -> str:
    """The catalogue language closest to a client's language code (e.g. 'es-MX' -> 'es')."""
    base = (code or "").split("-")[0].lower()
    return base if base in CATALOGUES else DEFAULT_LANGUAGE


def text(language: str, key: str, **params: object) -> str:
    """The text for a key in a language, with its placeholders filled."""
    catalogue = CATALOGUES.get(language, CATALOGUES[DEFAULT_LANGUAGE])
    template = catalogue.get(key) or CATALOGUES[DEFAULT_LANGUAGE][key]
    return template.format(**params) if params else template
