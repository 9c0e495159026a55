"""Crisis lines per country, and the person's country from their number or time zone."""

from __future__ import annotations

import datetime
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.domain import helplines
from bot.domain.helplines import CountryResources, Helpline

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "bot" / "domain" / "helplines"
FILES = sorted(FOLDER.glob("*.json"))
ORDER = ["emergency", "crisis", "violence"]


def raw(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def line(kind: str, number: str, en: str = "A line") -> dict[str, Any]:
    return {"kind": kind, "number": number, "name": {"en": en}, "source": "https://example.org/x"}


def country(code: str, *lines: dict[str, Any]) -> dict[str, Any]:
    return {"country": code, "name": {"en": code}, "lines": list(lines), "checked": "2026-01-01"}


# The data files, whichever countries they cover


def test_there_are_country_files() -> None:
    assert len(FILES) >= 6


def test_every_country_file_loads_by_its_code() -> None:
    assert sorted(helplines.load_all()) == sorted(path.stem for path in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_line_has_a_source_a_short_name_and_a_known_kind(path: Path) -> None:
    data = raw(path)
    assert data["country"] == path.stem
    assert data["name"]["en"] and data["name"]["es"]
    datetime.date.fromisoformat(data["checked"])
    for entry in data["lines"]:
        assert entry["kind"] in ORDER
        assert entry["source"].startswith(("https://", "http://"))
        assert entry["name"]["en"]
        assert all(0 < len(name) <= 60 for name in entry["name"].values())
    kinds = [entry["kind"] for entry in data["lines"]]
    assert len(kinds) == len(set(kinds)), "one line of each kind"
    if not data["lines"]:
        assert data["note"]


@pytest.mark.parametrize("code", ["US", "CA", "GB", "IE", "AU", "NZ"])
def test_the_english_speaking_countries_have_an_emergency_and_a_crisis_line(code: str) -> None:
    found = helplines.resources_for(code)
    assert found is not None and found.country == code
    assert [line.kind for line in found.lines][:2] == ["emergency", "crisis"]


@pytest.mark.parametrize("code", sorted(path.stem for path in FILES))
def test_pick_lines_on_every_country_keeps_the_order_and_the_limit(code: str) -> None:
    picked = helplines.pick_lines(helplines.resources_for(code))
    assert len(picked) <= 3
    indexes = [ORDER.index(line.kind) for line in picked]
    assert indexes == sorted(indexes)


def test_the_wheel_ships_the_country_files() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "helplines/*.json" in pyproject["tool"]["setuptools"]["package-data"]["bot.domain"]
    assert any(dep.startswith("phonenumbers") for dep in pyproject["project"]["dependencies"])


def test_load_all_is_read_once() -> None:
    assert helplines.load_all() is helplines.load_all()


def test_the_directory_is_an_https_address() -> None:
    assert helplines.DIRECTORY_URL.startswith("https://")


# The loader, on folders written here


def test_a_good_folder_loads_every_field(tmp_path: Path) -> None:
    write(tmp_path, "GB.json", country("GB", line("crisis", "116 123", "Samaritans")))
    write(tmp_path, "README.txt", "not a country")
    loaded = helplines.load_folder(tmp_path)
    assert loaded == {
        "GB": CountryResources(
            country="GB",
            name={"en": "GB"},
            lines=(Helpline("crisis", "116 123", {"en": "Samaritans"}, "https://example.org/x"),),
        )
    }


BAD: list[tuple[str, str, object]] = [
    ("kind", "XX.json", country("XX", line("police", "112"))),
    ("number with words", "XX.json", country("XX", line("crisis", "call 112"))),
    ("number without digits", "XX.json", country("XX", line("crisis", "- -"))),
    ("no source", "XX.json", country("XX", {"kind": "crisis", "number": "1", "name": {"en": "a"}})),
    ("empty source", "XX.json", country("XX", {**line("crisis", "1"), "source": ""})),
    ("ftp source", "XX.json", country("XX", {**line("crisis", "1"), "source": "ftp://a.org"})),
    ("no English name", "XX.json", country("XX", {**line("crisis", "1"), "name": {"es": "a"}})),
    ("country differs", "XX.json", country("YY", line("crisis", "112"))),
    ("not JSON", "XX.json", "{not json"),
    ("a list", "XX.json", "[]"),
    ("file name", "gb.json", country("gb", line("crisis", "112"))),
    ("no lines, no note", "XX.json", country("XX")),
]


@pytest.mark.parametrize(("why", "name", "data"), BAD, ids=[case[0] for case in BAD])
def test_a_malformed_file_is_refused_naming_the_file(
    tmp_path: Path, why: str, name: str, data: object
) -> None:
    write(tmp_path, "AA.json", country("AA", line("crisis", "1")))
    write(tmp_path, name, data)
    with pytest.raises(ValueError, match=name.replace(".", r"\.")):
        helplines.load_folder(tmp_path)


def test_a_country_with_no_lines_and_a_note_loads(tmp_path: Path) -> None:
    write(tmp_path, "XX.json", {**country("XX"), "note": "nothing confirmed yet"})
    assert helplines.load_folder(tmp_path)["XX"].lines == ()


# Choosing the lines


def resources(*lines: dict[str, Any], folder: Path) -> CountryResources:
    write(folder, "XX.json", country("XX", *lines))
    return helplines.load_folder(folder)["XX"]


def test_pick_lines_puts_emergency_then_crisis_then_violence(tmp_path: Path) -> None:
    found = resources(
        line("violence", "3"),
        line("crisis", "2"),
        line("crisis", "22"),
        line("emergency", "1"),
        folder=tmp_path,
    )
    assert [line.number for line in helplines.pick_lines(found)] == ["1", "2", "3"]
    assert [line.number for line in helplines.pick_lines(found, limit=2)] == ["1", "2"]
    assert [line.number for line in helplines.pick_lines(found, limit=9)] == ["1", "2", "3", "22"]
    assert helplines.pick_lines(None) == ()


def test_the_named_lines(tmp_path: Path) -> None:
    found = resources(line("emergency", "1"), line("violence", "3"), folder=tmp_path)
    assert helplines.crisis_line(found) is None
    violence = helplines.violence_line(found)
    assert violence is not None and violence.number == "3"
    assert helplines.crisis_line(None) is None and helplines.violence_line(None) is None


def test_a_label_falls_back_to_english() -> None:
    samaritans = Helpline(
        "crisis", "116 123", {"en": "Samaritans", "es": "Samaritanos"}, "https://a"
    )
    assert samaritans.label("es") == "Samaritanos"
    assert samaritans.label("fr") == "Samaritans"


@pytest.mark.parametrize("code", [None, "", "ZZ", "XX"])
def test_no_resources_for_an_unknown_country(code: str | None) -> None:
    assert helplines.resources_for(code) is None


# Holds before and after the Spanish-speaking countries' files land.
@pytest.mark.parametrize("code", ["ES", "MX", "AR", "CO", "CL", "PE", "DO", "PR", "US", "GB"])
def test_resources_for_a_country_is_its_file_or_none(code: str) -> None:
    expected = helplines.load_all().get(code) if (FOLDER / f"{code}.json").exists() else None
    assert helplines.resources_for(code) is expected
    assert helplines.resources_for(code.lower()) is expected


# The person's country


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Europe/Madrid", "ES"),
        ("America/Mexico_City", "MX"),
        ("America/Argentina/Buenos_Aires", "AR"),
        ("America/Bogota", "CO"),
        ("America/Toronto", "CA"),
        ("America/New_York", "US"),
        ("Europe/London", "GB"),
        ("Europe/Dublin", "IE"),
        ("Australia/Sydney", "AU"),
        ("Pacific/Auckland", "NZ"),
        ("UTC", None),
        ("Etc/GMT+3", None),
        ("nonsense", None),
        ("", None),
        (None, None),
        ("Asia/Calcutta", "IN"),
        # An old name whose link now leads to a zone another country shares: no guess.
        ("Iceland", None),
    ],
)
def test_country_of_zone(zone: str | None, expected: str | None) -> None:
    assert helplines.country_of_zone(zone) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("+34600000000", "ES"),
        ("+12125550100", "US"),
        ("+14165550100", "CA"),
        ("+447700900000", "GB"),
        ("+5215512345678", "MX"),
        ("+18095550100", "DO"),
        ("+18765550100", "JM"),
        ("not a number", None),
        ("+999", None),
        ("", None),
        (None, None),
    ],
)
def test_country_of_number(number: str | None, expected: str | None) -> None:
    assert helplines.country_of_number(number) == expected


@pytest.mark.parametrize(
    ("number", "zone", "expected"),
    [
        ("+34600000000", "America/New_York", "ES"),
        (None, "Europe/London", "GB"),
        ("not a number", "Europe/Dublin", "IE"),
        ("+14165550100", None, "CA"),
        (None, "UTC", None),
        (None, None, None),
    ],
)
def test_the_number_beats_the_zone(
    number: str | None, zone: str | None, expected: str | None
) -> None:
    assert helplines.country_for(number, zone) == expected
