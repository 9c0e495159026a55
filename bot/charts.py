"""Trend charts as PNG bytes, drawn on a private Figure (no pyplot state) for phone screens."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from functools import lru_cache
from typing import cast

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from bot.domain.charts_port import PersonSeries

# The adapter draws the domain's series; PersonSeries is re-exported for callers and tests.
__all__ = ["PersonSeries", "trend_chart"]

# Dark2's first two colours: distinct for the common colour-vision deficiencies.
COLOURS = ("#1b9e77", "#d95f02")
MARKERS = ("o", "s")
HATCHES = ("", "//")
FILL_ALPHA = 0.3
MAX_WEEKS = 12
MAX_NAME = 24
WIDTH_IN, HEIGHT_IN, DPI = 9, 6, 120
TITLE_PT, LABEL_PT, TICK_PT = 20, 16, 14


@lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    """The code points the default font can draw."""
    return frozenset(FT2Font(findfont(FontProperties())).get_charmap())


def _safe_text(text: str, limit: int) -> str:
    """Text the font can draw, shortened, with '$' kept literal instead of starting mathtext."""
    # Emoji and scripts outside the font would only render as boxes (and warn), so drop them.
    kept = "".join(c for c in text if ord(c) in _drawable() or c == " ")
    kept = " ".join(kept.split())
    if len(kept) > limit:
        kept = kept[: limit - 1].rstrip() + "…"
    return kept.replace("$", r"\$")


def _gaps(values: Sequence[float | int | None], scale: float = 1.0) -> list[float]:
    """Values as floats with NaN for None, which matplotlib leaves out of lines and bars."""
    return [math.nan if v is None else float(v) * scale for v in values]


def trend_chart(
    title: str,
    week_labels: Sequence[str],
    people: Sequence[PersonSeries],
    *,
    trust_label: str = "Trust 1–5 (lines)",
    kept_label: str = "Kept (bars)",
) -> bytes:
    """A PNG of about 1080×720 px: trust lines on the left axis, kept-rate bars on the right."""
    if not 1 <= len(people) <= len(COLOURS):
        raise ValueError("a trend chart shows one or two people")
    for person in people:
        if len(person.trust) != len(week_labels) or len(person.kept_rate) != len(week_labels):
            raise ValueError("every series needs one value per week")
    # Only the last weeks fit a phone screen at a readable size.
    labels = list(week_labels)[-MAX_WEEKS:]
    skip = len(week_labels) - len(labels)
    xs = list(range(len(labels)))

    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    trust_axes = figure.add_subplot()
    kept_axes = trust_axes.twinx()
    # Lines over bars: the trust axes is drawn last, with a see-through background.
    trust_axes.set_zorder(kept_axes.get_zorder() + 1)
    trust_axes.patch.set_visible(False)

    width = 0.7 / len(people)
    handles: list[tuple[Line2D, Patch]] = []
    names: list[str] = []
    for index, person in enumerate(people):
        colour, marker, hatch = COLOURS[index], MARKERS[index], HATCHES[index]
        offset = (index - (len(people) - 1) / 2) * width
        rates = _gaps(person.kept_rate[skip:], scale=100.0)
        present = [(x + offset, r) for x, r in zip(xs, rates, strict=True) if not math.isnan(r)]
        if present:
            kept_axes.bar(
                [x for x, _ in present],
                [r for _, r in present],
                width=width * 0.9,
                color=to_rgba(colour, FILL_ALPHA),
                edgecolor=colour,
                linewidth=2,
                hatch=hatch,
            )
        # A week with nothing kept is a fact, not a gap: name it where the bar would be.
        for x, r in present:
            if r == 0:
                kept_axes.text(x, 1, "0%", ha="center", va="bottom", color=colour, fontsize=TICK_PT)
        (line,) = trust_axes.plot(
            xs,
            _gaps(person.trust[skip:]),
            color=colour,
            marker=marker,
            markersize=11 - 2 * index,
            linewidth=3,
            markeredgecolor="white",
            markeredgewidth=1.5,
        )
        patch = Patch(facecolor=to_rgba(colour, FILL_ALPHA), edgecolor=colour, hatch=hatch)
        handles.append((line, patch))
        names.append(_safe_text(person.name, MAX_NAME) or str(index + 1))

    # Trust k sits level with 20·k %, so one grid serves both axes; the floor sits a little
    # below zero so the outline of a 0 % bar clears the bottom spine.
    trust_axes.set_ylim(-0.1, 5.5)
    trust_axes.set_yticks([1, 2, 3, 4, 5])
    kept_axes.set_ylim(-2, 110)
    kept_axes.set_yticks([0, 20, 40, 60, 80, 100])
    kept_axes.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    trust_axes.set_xlim(-0.6, max(len(xs), 1) - 0.4)
    trust_axes.set_xticks(xs, labels)
    trust_axes.grid(axis="y", alpha=0.3)
    trust_axes.set_ylabel(_safe_text(trust_label, 40), fontsize=LABEL_PT)
    kept_axes.set_ylabel(_safe_text(kept_label, 40), fontsize=LABEL_PT)
    for axes in (trust_axes, kept_axes):
        axes.tick_params(labelsize=TICK_PT)
        axes.spines["top"].set_visible(False)
    trust_axes.set_title(_safe_text(title, 48), fontsize=TITLE_PT, fontweight="bold")
    figure.legend(
        # The stubs know single artists only; HandlerTuple draws a (line, patch) pair as one key.
        cast("list[Artist]", handles),
        names,
        handler_map={tuple: HandlerTuple(ndivide=None, pad=0.6)},
        loc="outside lower center",
        ncols=len(handles),
        fontsize=LABEL_PT,
        frameon=False,
        handlelength=3.5,
    )

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()
