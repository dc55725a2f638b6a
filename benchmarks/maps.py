"""The ``map-animation`` scenario: a daily animated map, ours against plotly express.

Both sides draw one subject's map on each of 365 consecutive days (2019 by
default) and write it as a standalone HTML page with plotly.js inline:

- **ours**: ``plot.choropleth_animation(ledger, S, start=..., end=...,
  every="day")`` then ``plot.write_html`` (offline, plotly.js inline), as
  the library ships it;
- **the px way**, what a user without the library's plot module would do: a
  pandas DataFrame of (day, country, position) for every day and every shape
  of the same bundled GeoJSON, then ``px.choropleth(df, geojson=...,
  locations="country", featureidkey="id", color="position",
  animation_frame="day", category_orders=..., color_discrete_map=...)`` and
  ``fig.write_html(include_plotlyjs=True)``. The order and colours of the
  categories are ours, so that both maps look alike.

Computing the positions is counted **on both sides**: ours computes them
inside ``choropleth_animation`` (on the days anything can change), the px
way asks for each day and each shape (``Scope.category``: the ledger's
status of the state the shape stands for, with the map's rules for
territories, predecessors and the subject itself; no hover text).

Before a page is timed as written, both must show the same category for
every (day, country): ours is read from its frames (each slider step names
its frame; ``z`` indexes the legend), the px way's from its frames' traces
(one per category). A disagreement stops the run.

plotly express puts the whole GeoJSON in every trace of every frame (one
trace per category shown that day), and holds several copies of each while
building and writing: 30 frames take about 2 GB of memory, 365 would not
fit. So the px way is built and written in chunks of ``chunk_days``
consecutive days, each a complete px figure, and the chunks' times and
bytes are summed; plotly.js is counted once, and the base traces that every
chunk repeats (its first day's) are counted once too. Each chunk also pays
px's set-up, so the sum slightly overstates the px way's time (by about
one frame's work per chunk). With ``px_chunks``, only that many chunks,
spread over the days, are built; their time and bytes are scaled by the
number of traces (one GeoJSON each) of all the days over the chunks' days,
and the row says so (``baseline_scale``).

Bytes are file sizes: ``*_bytes`` the whole page, ``*_figure_bytes`` the
page without plotly.js (the figure's JSON and a few hundred bytes of HTML).
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.io.json import to_json_plotly
from plotly.offline import get_plotlyjs

from recognition import Ledger, Registry, plot
from recognition.plot.geometry import world, world_ids
from recognition.plot.positions import Scope

__all__ = [
    "CHUNK_DAYS",
    "MAP_DAYS",
    "MapMismatchError",
    "bench_map",
    "compare",
    "map_details",
    "ours_categories",
    "px_categories",
]

#: The 365 days of 2019.
MAP_DAYS = tuple(dt.date(2019, 1, 1) + dt.timedelta(days=i) for i in range(365))
#: Days per px figure: 30 take about 2 GB while px builds and writes them.
CHUNK_DAYS = 30

Categories = dict[str, dict[str, str]]  # day -> country -> category key


class MapMismatchError(AssertionError):
    """Our map and the px map colour a country differently on a day: nothing is timed."""


def ours_categories(figure: go.Figure) -> Categories:
    """Each day's category (key) of each country, read from our figure's frames."""
    trace = figure.data[0]
    keys = [legend.legendgroup for legend in figure.data[1:]]
    codes = {frame.name: frame.data[0].z for frame in figure.frames}
    found: Categories = {}
    for step in figure.layout.sliders[0].steps:
        z = codes[step.args[0][0]]
        found[step.label] = {
            location: keys[code] for location, code in zip(trace.locations, z, strict=True)
        }
    return found


def px_categories(figure: go.Figure) -> Categories:
    """Each day's category of each country, read from a px figure's frames."""
    found: Categories = {}
    for frame in figure.frames:
        drawn = found.setdefault(frame.name, {})
        for trace in frame.data:
            drawn.update(dict.fromkeys(trace.locations, trace.name))
    return found


def compare(ours: Categories, theirs: Categories, days: Sequence[dt.date]) -> int:
    """Check both maps show the same category everywhere on ``days``; the pairs compared."""
    checked = 0
    for day in days:
        name = day.isoformat()
        mine, other = ours.get(name, {}), theirs.get(name, {})
        for country in sorted(mine.keys() | other.keys()):
            if mine.get(country) != other.get(country):
                msg = (
                    f"map on {name}, {country}: ours shows {mine.get(country)!r}, "
                    f"px shows {other.get(country)!r}"
                )
                raise MapMismatchError(msg)
            checked += 1
    return checked


def _px_frame(
    ledger: Ledger, registry: Registry, subject: str, days: Sequence[dt.date]
) -> pd.DataFrame:
    scope = Scope(ledger, subject)
    countries = [shape for shape in world_ids() if shape in registry]
    rows = [
        (day.isoformat(), country, scope.category(country, day))
        for day in days
        for country in countries
    ]
    return pd.DataFrame(rows, columns=["day", "country", "position"])


def _px_figure(frame: pd.DataFrame, order: Sequence[str], colours: dict[str, str]) -> go.Figure:
    return px.choropleth(
        frame,
        geojson=world(),
        locations="country",
        featureidkey="id",
        color="position",
        animation_frame="day",
        category_orders={"position": list(order)},
        color_discrete_map=colours,
    )


def _chunks(days: Sequence[dt.date], size: int, wanted: int | None) -> list[Sequence[dt.date]]:
    """``days`` cut in runs of ``size``; ``wanted`` of them spread evenly, if given."""
    every = [days[i : i + size] for i in range(0, len(days), size)]
    if wanted is None or wanted >= len(every):
        return every
    if wanted <= 1:
        return every[:1]
    picked = sorted({round(i * (len(every) - 1) / (wanted - 1)) for i in range(wanted)})
    return [every[i] for i in picked]


def _ours(
    ledger: Ledger, subject: str, days: Sequence[dt.date], page: Path
) -> tuple[go.Figure, float, float]:
    start = time.perf_counter()
    figure = plot.choropleth_animation(ledger, subject, start=days[0], end=days[-1], every="day")
    built = time.perf_counter()
    plot.write_html(figure, page)
    return figure, built - start, time.perf_counter() - built


def bench_map(
    ledger: Ledger,
    registry: Registry,
    subject: str,
    *,
    days: Sequence[dt.date] = MAP_DAYS,
    repeats: int = 1,
    chunk_days: int = CHUNK_DAYS,
    px_chunks: int | None = None,
) -> dict[str, Any]:
    """The ``map-animation`` row: times and bytes of the daily map, ours and the px way.

    ``registry`` (the ledger's) says which of the GeoJSON's shapes are
    countries the px way draws. Ours is built once untimed (its frames are
    what the px way is checked against, and the ledger's indexes are then
    built for both), then timed ``repeats`` times (median).
    """
    plotlyjs = len(get_plotlyjs().encode("utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "map.html"
        figure, _, _ = _ours(ledger, subject, days, page)
        ours = ours_categories(figure)
        runs = [_ours(ledger, subject, days, page)[1:] for _ in range(max(1, repeats))]
        ours_bytes = page.stat().st_size
        legend = figure.data[1:]
        order = [trace.legendgroup for trace in legend]
        colours = {trace.legendgroup: trace.marker.color for trace in legend}

        built = written = 0.0
        figure_bytes = checked = 0
        chunks = _chunks(days, chunk_days, px_chunks)
        for number, chunk in enumerate(chunks):
            start = time.perf_counter()
            theirs = _px_figure(_px_frame(ledger, registry, subject, chunk), order, colours)
            built += time.perf_counter() - start
            checked += compare(ours, px_categories(theirs), chunk)
            start = time.perf_counter()
            theirs.write_html(page, include_plotlyjs=True)
            written += time.perf_counter() - start
            figure_bytes += page.stat().st_size - plotlyjs
            if number:  # the base traces, already counted with the first chunk
                base = go.Figure(data=theirs.data).to_dict()["data"]
                figure_bytes -= len(to_json_plotly(base).encode("utf-8"))
            del theirs
    traces = {name: len(set(drawn.values())) for name, drawn in ours.items()}
    measured = sum(traces[day.isoformat()] for chunk in chunks for day in chunk)
    scale = sum(traces[day.isoformat()] for day in days) / measured
    ours_s = statistics.median(build + write for build, write in runs)
    baseline_s = (built + written) * scale
    ours_figure = ours_bytes - plotlyjs
    baseline_figure = round(figure_bytes * scale)
    return {
        "scenario": "map-animation",
        "size": len(ledger),
        "ours_s": ours_s,
        "baseline_s": baseline_s,
        "ratio": baseline_s / ours_s,
        "ours_build_s": statistics.median(build for build, _ in runs),
        "ours_write_s": statistics.median(write for _, write in runs),
        "baseline_build_s": built * scale,
        "baseline_write_s": written * scale,
        "plotlyjs_bytes": plotlyjs,
        "ours_bytes": ours_bytes,
        "baseline_bytes": baseline_figure + plotlyjs,
        "bytes_ratio": (baseline_figure + plotlyjs) / ours_bytes,
        "ours_figure_bytes": ours_figure,
        "baseline_figure_bytes": baseline_figure,
        "figure_bytes_ratio": baseline_figure / ours_figure,
        "subject": subject,
        "first_day": days[0].isoformat(),
        "last_day": days[-1].isoformat(),
        "frames": len(days),
        "ours_frames": len(figure.frames),
        "baseline_traces": sum(traces.values()),
        "baseline_chunks": len(chunks),
        "chunk_days": chunk_days,
        "baseline_days_built": sum(len(chunk) for chunk in chunks),
        "baseline_scale": scale,
        "checked": checked,
    }


def _megabytes(size: float) -> str:
    return f"{size / 1e6:,.2f} MB"


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value >= 1 else f"{value * 1e3:.0f} ms"


def map_details(row: dict[str, Any]) -> str:
    """The row's bytes, build and write times, and what was checked, on one line."""
    plotlyjs = row["plotlyjs_bytes"]
    scaled = ""
    if row["baseline_scale"] != 1 or row["baseline_days_built"] != row["frames"]:
        scaled = (
            f", {row['baseline_days_built']} of the days built, scaled by "
            f"{row['baseline_scale']:.2f} (traces)"
        )
    return (
        f"map-animation {row['size']:,}: {row['subject']}, {row['frames']} days from "
        f"{row['first_day']} ({row['ours_frames']} distinct maps); HTML ours "
        f"{_megabytes(row['ours_bytes'])} (plotly.js {_megabytes(plotlyjs)} + "
        f"{_megabytes(row['ours_figure_bytes'])}), px {_megabytes(row['baseline_bytes'])} "
        f"(plotly.js + {_megabytes(row['baseline_figure_bytes'])}): "
        f"{row['bytes_ratio']:,.0f}x smaller, {row['figure_bytes_ratio']:,.0f}x without plotly.js; "
        f"build {_seconds(row['ours_build_s'])} against {_seconds(row['baseline_build_s'])}, "
        f"write {_seconds(row['ours_write_s'])} against {_seconds(row['baseline_write_s'])}; "
        f"px in {row['baseline_chunks']} figures of up to {row['chunk_days']} days{scaled}; "
        f"{row['checked']:,} (day, country) pairs checked"
    )
