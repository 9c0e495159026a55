"""Trend charts as PNG bytes, drawn on a private Figure (no pyplot state) for phone screens."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from functools import lru_cache
from typing import cast

from matplotlib.artist import Artist
from matplotlib.axes import Axes
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
__all__ = ["PersonSeries", "title_size", "trend_chart"]

# Dark2's first two colours: distinct for the common colour-vision deficiencies.
COLOURS = ("#1b9e77", "#d95f02")
MARKERS = ("o", "s")
HATCHES = ("", "//")
FILL_ALPHA = 0.3
MAX_WEEKS = 12
MAX_NAME = 24
WIDTH_IN, HEIGHT_IN, DPI = 9, 6, 120
TITLE_PT, LABEL_PT, TICK_PT = 20, 16, 14
# A title shrinks to fit the width (not cut) down to MIN_TITLE_PT; only beyond that is it cut.
MIN_TITLE_PT, MAX_TITLE, TITLE_ROOM = 13, 90, 0.96


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
    trust_label: str = "Trust (1–5)",
    kept_label: str = "Kept (%)",
) -> bytes:
    """A PNG of about 1080×720 px: trust lines above, kept-rate bars below, weeks aligned."""
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
    # Two panels, each with its own scale: on one grid trust 4 would sit level with 80 %.
    trust_axes, kept_axes = figure.subplots(2, 1, sharex=True, height_ratios=(1, 1))
    handles: list[tuple[Line2D, Patch]] = []
    for index, person in enumerate(people):
        line = _trust_line(trust_axes, index, xs, person.trust[skip:])
        patch = _kept_bars(kept_axes, index, len(people), xs, person.kept_rate[skip:])
        handles.append((line, patch))
    _style_trust(trust_axes, trust_label)
    _style_kept(kept_axes, kept_label, xs, labels)
    _fit_title(figure, _safe_text(title, MAX_TITLE))
    figure.align_ylabels([trust_axes, kept_axes])
    names = [_safe_text(p.name, MAX_NAME) or str(i + 1) for i, p in enumerate(people)]
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


def _trust_line(axes: Axes, index: int, xs: list[int], trust: Sequence[int | None]) -> Line2D:
    (line,) = axes.plot(
        xs,
        _gaps(trust),
        color=COLOURS[index],
        marker=MARKERS[index],
        markersize=11 - 2 * index,
        linewidth=3,
        markeredgecolor="white",
        markeredgewidth=1.5,
    )
    return line


def _kept_bars(
    axes: Axes, index: int, count: int, xs: list[int], kept: Sequence[float | None]
) -> Patch:
    colour, hatch = COLOURS[index], HATCHES[index]
    width = 0.7 / count
    offset = (index - (count - 1) / 2) * width
    rates = _gaps(kept, scale=100.0)
    present = [(x + offset, r) for x, r in zip(xs, rates, strict=True) if not math.isnan(r)]
    if present:
        axes.bar(
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
            axes.text(x, 1, "0%", ha="center", va="bottom", color=colour, fontsize=TICK_PT)
    return Patch(facecolor=to_rgba(colour, FILL_ALPHA), edgecolor=colour, hatch=hatch)


def _style_trust(axes: Axes, label: str) -> None:
    axes.set_ylim(0.5, 5.5)
    axes.set_yticks([1, 2, 3, 4, 5])
    axes.set_ylabel(_safe_text(label, 40), fontsize=LABEL_PT)
    _style_common(axes)


def _style_kept(axes: Axes, label: str, xs: list[int], labels: list[str]) -> None:
    # The floor sits a little below zero so the outline of a 0 % bar clears the bottom spine.
    axes.set_ylim(-2, 110)
    axes.set_yticks([0, 50, 100])
    axes.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    axes.set_xlim(-0.6, max(len(xs), 1) - 0.4)
    axes.set_xticks(xs, _every_other_beyond_eight(labels))
    axes.set_ylabel(_safe_text(label, 40), fontsize=LABEL_PT)
    _style_common(axes)


def _every_other_beyond_eight(labels: list[str]) -> list[str]:
    """Dates ("12 Nov") run into each other past eight weeks: then every other, the last kept."""
    step = 2 if len(labels) > 8 else 1
    last = len(labels) - 1
    return [label if (last - i) % step == 0 else "" for i, label in enumerate(labels)]


def _style_common(axes: Axes) -> None:
    axes.grid(axis="y", alpha=0.3)
    axes.tick_params(labelsize=TICK_PT)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def _fit_title(figure: Figure, title: str) -> float:
    """Set the title at the largest size up to TITLE_PT that fits the width; return that size."""
    shown = figure.suptitle(title, fontsize=TITLE_PT, fontweight="bold")
    renderer = cast("FigureCanvasAgg", figure.canvas).get_renderer()
    room = figure.bbox.width * TITLE_ROOM
    size = float(TITLE_PT)
    while size > MIN_TITLE_PT and shown.get_window_extent(renderer).width > room:
        size -= 1
        shown.set_fontsize(size)
    return size


def title_size(title: str) -> float:
    """The font size a title gets on the chart (for checking that every title fits)."""
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    FigureCanvasAgg(figure)
    return _fit_title(figure, _safe_text(title, MAX_TITLE))
