"""Trend charts: real PNGs of phone-friendly size, with one or two people and missing weeks."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib

import pytest

from bot.charts import MIN_TITLE_PT, PersonSeries, title_size, trend_chart
from bot.texts import text

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LABELS = [f"{day} Nov" for day in range(1, 13)]
ANA = PersonSeries(
    "Ana",
    [2, 2, 3, None, 3, 4, 3, 4, 4, None, 4, 5],
    [0.5, 0.6, 0.71, None, 0.8, 0.86, 0.0, 0.9, 1.0, None, 0.93, 1.0],
)
BEN = PersonSeries(
    "Ben",
    [1, 2, 2, 2, 3, 3, None, 3, 4, 4, 4, 4],
    [0.3, 0.45, 0.5, 0.62, None, 0.7, 0.75, 0.8, 0.85, 0.9, 0.88, 0.95],
)
EMPTY = PersonSeries("Nobody yet", [None] * 12, [None] * 12)


def size_of(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, after checking the signature and its CRC."""
    assert png[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", png[8:16])
    assert (length, kind) == (13, b"IHDR")
    data = png[16 : 16 + length]
    (crc,) = struct.unpack(">I", png[16 + length : 20 + length])
    assert crc == zlib.crc32(kind + data)
    width, height = struct.unpack(">II", data[:8])
    return width, height


def assert_phone_sized(png: bytes) -> None:
    width, height = size_of(png)
    assert 1000 <= width <= 1200
    assert 650 <= height <= 800
    assert png.endswith(b"IEND\xaeB`\x82")


def test_two_people() -> None:
    assert_phone_sized(trend_chart("Trust and promises kept", LABELS, [ANA, BEN]))


def test_one_person_for_the_private_view() -> None:
    assert_phone_sized(trend_chart("Your progress", LABELS, [ANA]))


def test_all_weeks_missing() -> None:
    assert_phone_sized(trend_chart("Nothing yet", LABELS, [EMPTY]))
    assert_phone_sized(trend_chart("Nothing yet", LABELS, [EMPTY, EMPTY]))


def test_a_single_week_and_no_weeks() -> None:
    one = PersonSeries("Ana", [3], [0.5])
    assert_phone_sized(trend_chart("First week", ["W1"], [one]))
    assert_phone_sized(trend_chart("No weeks", [], [PersonSeries("Ana", [], [])]))


def test_more_than_twelve_weeks_keeps_the_last_twelve() -> None:
    labels = [f"W{week}" for week in range(1, 21)]
    long = PersonSeries("Ana", [3] * 20, [0.5] * 20)
    assert_phone_sized(trend_chart("Twenty weeks", labels, [long]))


def test_names_the_font_cannot_draw_do_not_warn() -> None:
    # filterwarnings=error turns a missing-glyph warning into a failure.
    people = [
        PersonSeries("Ana 💛 愛", ANA.trust, ANA.kept_rate),
        PersonSeries("🙂🙂", BEN.trust, BEN.kept_rate),
    ]
    assert_phone_sized(trend_chart("Us 💞 $5 $x$", LABELS, people))


def test_a_long_name_is_shortened() -> None:
    named = PersonSeries("A" * 200, ANA.trust, ANA.kept_rate)
    assert_phone_sized(trend_chart("T" * 200, LABELS, [named]))


def test_series_must_match_the_weeks() -> None:
    short = PersonSeries("Ana", [3, 4], [0.5, 0.6])
    with pytest.raises(ValueError):
        trend_chart("Mismatch", LABELS, [short])
    with pytest.raises(ValueError):
        trend_chart("Mismatch", LABELS, [PersonSeries("Ana", ANA.trust, [0.5])])


@pytest.mark.parametrize("count", [0, 3])
def test_one_or_two_people(count: int) -> None:
    with pytest.raises(ValueError):
        trend_chart("Crowd", LABELS, [ANA] * count)


def test_drawing_leaves_pyplot_alone() -> None:
    code = (
        "import sys\n"
        "from bot.charts import PersonSeries, trend_chart\n"
        "trend_chart('t', ['W1'], [PersonSeries('a', [3], [0.5])])\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-W", "error", "-c", code], check=True)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_title_fits_whole_in_either_language(language: str) -> None:
    # Shrunk no further than the floor means it fits the width, not cut (the Spanish one was).
    assert title_size(text(language, "chart_title")) > MIN_TITLE_PT


def test_a_title_too_long_to_fit_stops_at_the_smallest_size() -> None:
    assert title_size("Trust " * 20) == MIN_TITLE_PT
