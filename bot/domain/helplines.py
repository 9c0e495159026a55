"""Crisis resources for a person's country, and that country from their number or time zone.

Each country has a file `helplines/<CC>.json` beside this module (CC is the ISO 3166-1 alpha-2
code) with at most an emergency number, a suicide/emotional crisis line and a domestic-violence
line, each with the public page that confirmed it. A line nobody could confirm is left out: a
wrong crisis number is worse than none. Whatever the country, the message ends with the
international directory DIRECTORY_URL.

The directory: findahelpline.com lists free helplines country by country (its page
https://findahelpline.com/AU lists the 25 helplines of Australia); it is ThroughLine's, which
LifeLine International describes as the largest verified network of crisis helplines, in 130
countries (https://lifeline-international.com/from-idea-to-impact-how-throughline-is-bridging-the-gap-in-global-crisis-support/).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any
from urllib.parse import urlparse

import phonenumbers
from phonenumbers import PhoneMetadata

DIRECTORY_URL = "https://findahelpline.com"

# The order a message lists them in: the number that sends help first.
KINDS = ("emergency", "crisis", "violence")

_NUMBER = re.compile(r"^[0-9+*\- ]+$")
_FILE_NAME = re.compile(r"^[A-Z]{2}\.json$")


@dataclass(frozen=True)
class Helpline:
    kind: str
    number: str
    name: dict[str, str]
    source: str

    def label(self, language: str) -> str:
        """The line's name in that language, else in English."""
        return self.name.get(language) or self.name.get("en") or self.number


@dataclass(frozen=True)
class CountryResources:
    country: str
    name: dict[str, str]
    lines: tuple[Helpline, ...]


def _names(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        raise ValueError(f"{where}: name must map languages to non-empty text")
    # label() falls back to English, so every name must have it.
    if "en" not in value:
        raise ValueError(f"{where}: name has no English ('en')")
    return dict(value)


def _is_web_address(text: str) -> bool:
    address = urlparse(text)
    return address.scheme in ("http", "https") and bool(address.netloc)


def _line(value: Any, where: str) -> Helpline:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: a line must be an object")
    kind, number, source = value.get("kind"), value.get("number"), value.get("source")
    if kind not in KINDS:
        raise ValueError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if (
        not isinstance(number, str)
        or not _NUMBER.match(number)
        or not any(ch.isdigit() for ch in number)
    ):
        raise ValueError(f"{where}: number {number!r} must be digits, spaces, '+', '-' or '*'")
    # Every number must say where it was confirmed, so a reader can check it again.
    if not isinstance(source, str) or not _is_web_address(source):
        raise ValueError(f"{where}: source {source!r} must be an http(s) address")
    return Helpline(kind=kind, number=number, name=_names(value.get("name"), where), source=source)


def _country(path: Traversable) -> CountryResources:
    where = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{where}: not valid JSON ({error})") from error
    if not isinstance(data, dict):
        raise ValueError(f"{where}: must hold an object")
    code = where.removesuffix(".json")
    if data.get("country") != code:
        raise ValueError(f"{where}: country {data.get('country')!r} does not match the file name")
    lines = data.get("lines")
    if not isinstance(lines, list):
        raise ValueError(f"{where}: lines must be a list")
    if not lines and not data.get("note"):
        raise ValueError(f"{where}: a country with no lines needs a note saying why")
    return CountryResources(
        country=code,
        name=_names(data.get("name"), where),
        lines=tuple(_line(line, f"{where} line {i + 1}") for i, line in enumerate(lines)),
    )


def load_folder(folder: Traversable) -> dict[str, CountryResources]:
    """Every <CC>.json in a folder, validated; ValueError naming the file on a bad one."""
    found: dict[str, CountryResources] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".json"):
            continue
        if not _FILE_NAME.match(path.name):
            raise ValueError(f"{path.name}: must be named by a country code, e.g. GB.json")
        resources_ = _country(path)
        found[resources_.country] = resources_
    return found


@functools.lru_cache(maxsize=1)
def load_all() -> dict[str, CountryResources]:
    """Every country file shipped with the package, by country code."""
    # importlib.resources, not a path beside __file__, so it reads from an installed wheel too.
    return load_folder(resources.files("bot.domain") / "helplines")


def resources_for(country: str | None) -> CountryResources | None:
    """The country's resources, or None (then only the directory is shown)."""
    if not country:
        return None
    return load_all().get(country.strip().upper())


def pick_lines(resources_: CountryResources | None, limit: int = 3) -> tuple[Helpline, ...]:
    """At most `limit` lines: one of each kind first, in the order emergency, crisis, violence."""
    if resources_ is None or limit <= 0:
        return ()
    # A second line of a kind comes after one of every kind, so the limit never drops a kind.
    first: list[Helpline] = []
    rest: list[Helpline] = []
    seen: set[str] = set()
    for line in sorted(resources_.lines, key=lambda line: KINDS.index(line.kind)):
        (rest if line.kind in seen else first).append(line)
        seen.add(line.kind)
    return tuple([*first, *rest][:limit])


def _line_of(resources_: CountryResources | None, kind: str) -> Helpline | None:
    if resources_ is None:
        return None
    return next((line for line in resources_.lines if line.kind == kind), None)


def crisis_line(resources_: CountryResources | None) -> Helpline | None:
    """The country's suicide/emotional crisis line, if one is confirmed."""
    return _line_of(resources_, "crisis")


def violence_line(resources_: CountryResources | None) -> Helpline | None:
    """The country's domestic-violence line, if one is confirmed."""
    return _line_of(resources_, "violence")


def _tzdata(name: str) -> str:
    return (resources.files("tzdata") / "zoneinfo" / name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """Zone -> country from tzdata: zone.tab's rows, then the backward links that are safe."""
    # zone.tab, not zone1970.tab: it names exactly one country per zone.
    countries: dict[str, str] = {}
    for row in _tzdata("zone.tab").splitlines():
        if row and not row.startswith("#"):
            code, _coordinates, zone, *_ = row.split("\t")
            countries[zone] = code
    links = {}
    for row in _tzdata("tzdata.zi").splitlines():
        if row.startswith("L "):
            _, target, name = row.split()
            links[name] = target
    # Since 2022 many zones of different countries were merged: Atlantic/Reykjavik (IS) and
    # the old name "Iceland" now link to Africa/Abidjan (CI). A target that some other
    # country's zone links to says nothing sure about an old name's country, so such links
    # are not followed ("Iceland" gives None, not Côte d'Ivoire).
    shared = {
        target
        for name, target in links.items()
        if name in countries and countries[name] != countries.get(target)
    }
    for name, target in links.items():
        if name not in countries and target in countries and target not in shared:
            countries[name] = countries[target]
    return countries


def country_of_zone(zone: str | None) -> str | None:
    """The country of an IANA time zone, or None for zones of no country (UTC, Etc/GMT+3)."""
    if not zone:
        return None
    return _zone_countries().get(zone.strip())


def country_of_number(number: str | None) -> str | None:
    """The country of an E.164 number (+34600000000 -> ES), or None if it cannot be read."""
    if not number:
        return None
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(parsed)
    if region and region != "ZZ":
        return region
    if not phonenumbers.is_possible_number(parsed):
        return None
    # A number the library does not know as valid (a fictional range such as the UK's
    # 07700 900xxx, or one newer than its data) still has a sure calling code. Of the countries
    # sharing it, take the one whose leading digits match (+1 876 is Jamaica), else the code's
    # main country (+44 is GB).
    code = parsed.country_code
    if code is None:
        return None
    national = phonenumbers.national_significant_number(parsed)
    regions = phonenumbers.region_codes_for_country_code(code)
    for candidate in regions:
        metadata = PhoneMetadata.metadata_for_region(candidate)
        if metadata and metadata.leading_digits and re.match(metadata.leading_digits, national):
            return candidate
    main = phonenumbers.region_code_for_country_code(code)
    return main if main and main != "ZZ" else None


def country_for(number: str | None, zone: str | None) -> str | None:
    """The person's country: their number's, else their time zone's, else None."""
    return country_of_number(number) or country_of_zone(zone)
