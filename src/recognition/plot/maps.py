"""Choropleth maps of a subject: on one day, or animated over a range of days.

A map is one ``go.Choropleth`` trace whose ``z`` is the index of each
shape's category, drawn through a discrete colour scale fixed for the whole
figure; the legend is a set of empty traces, one per category. An animation
changes only that trace's ``z`` and hover texts from frame to frame, so:

- the legend and the colours are the same on every frame, including
  categories absent from the first one;
- the geometry is sent once, in the base trace, never in a frame;
- each distinct hover text is sent once: the base trace's ``meta`` lists
  them, and a shape's ``hovertemplate`` names its own (``%{meta[12]}``), so
  a frame carries, per shape, a small number and a short reference;
- consecutive days that draw the same map share one frame (the slider still
  has a step, and shows a date, for every day).

A map of one day has nothing to share: its hover texts stay in ``text``.

The bundled map and its sovereignty policy are described in
:mod:`recognition.plot.geometry`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from recognition.dates import to_day
from recognition.ledger import DayLike, Ledger
from recognition.plot import labels
from recognition.plot._docs import document
from recognition.plot.geometry import GeoJSON, feature_ids, world, world_ids
from recognition.plot.palette import Category, arrange
from recognition.plot.positions import Position, Scope, frame_days

__all__ = ["choropleth", "choropleth_animation"]

_MANY_STEPS = 12  # beyond this, slider ticks carry no labels (they would overlap)
_CREDIT = "De facto boundaries: Natural Earth 4.1.0."

#: Ends a hover text: plotly.js then shows no trace name beside it.
_NO_NAME = "<extra></extra>"

Frame = tuple[tuple[int, ...], tuple[str, ...]]


class _Hovers:
    """Distinct hover texts, each kept once, and the references shapes make to them."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def refer(self, texts: Sequence[str]) -> list[str]:
        """Per-shape ``hovertemplate`` values that show ``texts`` from the table."""
        numbers = self._numbers
        return [f"%{{meta[{numbers.setdefault(text, len(numbers))}]}}" for text in texts]

    def table(self) -> list[str]:
        """The texts referred to so far, by number: the trace's ``meta``."""
        return [text + _NO_NAME for text in self._numbers]


def _shapes(scope: Scope, geojson: GeoJSON | None, featureidkey: str) -> tuple[GeoJSON, list[str]]:
    drawn: GeoJSON
    if geojson is None:
        shapes, drawn = world_ids(), world()
    else:
        shapes, drawn = feature_ids(geojson, featureidkey), geojson
    known = [shape for shape in dict.fromkeys(shapes) if shape in scope.registry]
    return drawn, known


def _draw(scope: Scope, shapes: Sequence[str], day: dt.date) -> list[Position]:
    found = [scope.position(shape, day) for shape in shapes]
    return [p for p in found if p is not None]


def _drawings(scope: Scope, shapes: Sequence[str], days: Sequence[dt.date]) -> list[list[Position]]:
    # Positions change only on the scope's change days: draw each of those
    # once, and give every other day the drawing of the change day before it.
    changes = scope.change_days(days[0], days[-1])
    drawn: dict[dt.date, list[Position]] = {}
    found = []
    for day in days:
        since = changes[bisect.bisect_right(changes, day) - 1]
        if since not in drawn:
            drawn[since] = _draw(scope, shapes, since)
        found.append(drawn[since])
    return found


def _encode(positions: Sequence[Position], categories: Sequence[Category]) -> Frame:
    index = {category.key: number for number, category in enumerate(categories)}
    return tuple(index[p.category] for p in positions), tuple(p.hover for p in positions)


def _colorscale(categories: Sequence[Category]) -> list[list[float | str]]:
    count = len(categories)
    scale: list[list[float | str]] = []
    for number, category in enumerate(categories):
        scale += [[number / count, category.color], [(number + 1) / count, category.color]]
    return scale


def _legend(categories: Sequence[Category]) -> list[go.Scattergeo]:
    return [
        go.Scattergeo(
            lon=[None],
            lat=[None],
            mode="markers",
            marker={"symbol": "square", "size": 14, "color": c.color, "line": {"width": 0.5}},
            name=labels.escape(c.label),
            legendgroup=c.key,
            showlegend=True,
            hoverinfo="skip",
        )
        for c in categories
    ]


def _geo(projection: str, bounds: tuple[float, float, float, float] | None) -> dict[str, Any]:
    # No base layers: plotly.js would draw them from its CDN topology, which
    # is replaced by an empty one (see geometry.TOPOJSON_URL).
    geo: dict[str, Any] = {
        "projection": {"type": projection},
        "showframe": True,
        "framecolor": "#BBBBBB",
        "framewidth": 0.5,
        "bgcolor": "rgba(0,0,0,0)",
        **{
            f"show{layer}": False
            for layer in ("coastlines", "land", "countries", "lakes", "ocean", "rivers")
        },
        "showsubunits": False,
        "lataxis": {"range": [-58, 86]},
    }
    if bounds is not None:
        west, south, east, north = bounds
        geo["lonaxis"] = {"range": [west, east]}
        geo["lataxis"] = {"range": [south, north]}
    return geo


def _figure(
    scope: Scope,
    drawn: GeoJSON,
    *,
    featureidkey: str,
    shapes: Sequence[str],
    first: Frame,
    categories: Sequence[Category],
    projection: str,
    bounds: tuple[float, float, float, float] | None,
    title: str,
    subtitle: str,
    template: str | None,
    width: int | None,
    height: int | None,
    hovers: _Hovers | None = None,
) -> go.Figure:
    codes, texts = first
    count = len(categories)
    hover: dict[str, Any] = {"text": list(texts), "hovertemplate": "%{text}" + _NO_NAME}
    if hovers is not None:  # an animation: references to a table, as in its frames
        references = hovers.refer(texts)
        hover = {"hovertemplate": references, "meta": hovers.table()}
    trace = go.Choropleth(
        geojson=drawn,
        featureidkey=featureidkey,
        locations=list(shapes),
        z=list(codes),
        zmin=-0.5,
        zmax=count - 0.5,
        colorscale=_colorscale(categories),
        showscale=False,
        **hover,
        marker={"line": {"color": "#FFFFFF", "width": 0.4}},
        name=scope.subject,
        showlegend=False,
    )
    figure = go.Figure(data=[trace, *_legend(categories)])
    figure.update_layout(
        title={"text": title, "subtitle": {"text": subtitle}, "x": 0.01, "xanchor": "left"},
        geo=_geo(projection, bounds),
        legend={
            "title": {"text": "Position"},
            "x": 0.01,
            "y": 0.02,
            "xanchor": "left",
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0.85)",
            "itemclick": False,
            "itemdoubleclick": False,
        },
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"size": 12}},
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        width=width,
        height=height,
    )
    if template is not None:
        figure.update_layout(template=template)
    return figure


def _title(scope: Scope, when: str) -> str:
    what = f"the government of {scope.name}" if scope.seat else scope.name
    return labels.escape(f"Recognition of {what}, {when}")


@document()
def choropleth(
    ledger: Ledger,
    subject: str,
    *,
    on: DayLike,
    known_on: DayLike | None = None,
    geojson: GeoJSON | None = None,
    featureidkey: str = "id",
    projection: str = "natural earth",
    bounds: tuple[float, float, float, float] | None = None,
    color_discrete_map: Mapping[str, str] | None = None,
    category_orders: Mapping[str, Sequence[str]] | None = None,
    title: str | None = None,
    template: str | None = None,
    width: int | None = None,
    height: int | None = None,
) -> go.Figure:
    """A world map of every state's position on ``subject`` on day ``on``.

    For a seat, each state is coloured by the claimant it recognises (or
    neutral, no statement...); for a state, by whether it recognises it.
    Hovering a state shows its position, since when, and the sources.
    """
    scope = Scope(ledger, subject, known_on=known_on)
    day = to_day(on)
    drawn, shapes = _shapes(scope, geojson, featureidkey)
    positions = _draw(scope, shapes, day)
    present = {p.category for p in positions} | {scope.baseline()}
    categories = arrange(
        scope.candidates(),
        present,
        color_discrete_map=color_discrete_map,
        category_orders=category_orders,
    )
    return _figure(
        scope,
        drawn,
        featureidkey=featureidkey,
        shapes=[p.shape for p in positions],
        first=_encode(positions, categories),
        categories=categories,
        projection=projection,
        bounds=bounds,
        title=title if title is not None else _title(scope, day.isoformat()),
        subtitle=f"Positions on {day.isoformat()}. {_CREDIT}",
        template=template,
        width=width,
        height=height,
    )


def _step(day: dt.date, frame: str) -> dict[str, Any]:
    return {
        "method": "animate",
        "label": day.isoformat(),  # also the step's value
        "args": [
            [frame],
            {
                "mode": "immediate",
                "frame": {"duration": 0, "redraw": True},
                "transition": {"duration": 0},
            },
        ],
    }


def _controls(days: Sequence[dt.date], names: Sequence[str], duration: int) -> dict[str, Any]:
    play = {
        "frame": {"duration": duration, "redraw": True},
        "transition": {"duration": 0},
        "fromcurrent": True,
        "mode": "immediate",
    }
    pause = {
        "frame": {"duration": 0, "redraw": False},
        "transition": {"duration": 0},
        "mode": "immediate",
    }
    many = len(days) > _MANY_STEPS
    return {
        "updatemenus": [
            {
                "type": "buttons",
                "direction": "left",
                "showactive": False,
                "x": 0.01,
                "y": 0,
                "xanchor": "left",
                "yanchor": "top",
                "pad": {"t": 40, "r": 10},
                "buttons": [
                    {"label": "\u25b6 Play", "method": "animate", "args": [None, play]},
                    {"label": "\u275a\u275a Pause", "method": "animate", "args": [[None], pause]},
                ],
            }
        ],
        "sliders": [
            {
                "active": 0,
                "x": 0.16,
                "len": 0.83,
                "y": 0,
                "yanchor": "top",
                "pad": {"t": 30, "b": 10},
                "currentvalue": {
                    "prefix": "On ",
                    "font": {"size": 16, "color": "#222222"},
                    "xanchor": "left",
                },
                "ticklen": 0 if many else 4,
                "font": {"color": "rgba(0,0,0,0)" if many else "#444444"},
                "transition": {"duration": 0},
                "steps": [_step(day, name) for day, name in zip(days, names, strict=True)],
            }
        ],
    }


@document()
def choropleth_animation(
    ledger: Ledger,
    subject: str,
    *,
    start: DayLike,
    end: DayLike,
    every: str = "week",
    known_on: DayLike | None = None,
    geojson: GeoJSON | None = None,
    featureidkey: str = "id",
    projection: str = "natural earth",
    bounds: tuple[float, float, float, float] | None = None,
    frame_duration: int = 600,
    color_discrete_map: Mapping[str, str] | None = None,
    category_orders: Mapping[str, Sequence[str]] | None = None,
    title: str | None = None,
    template: str | None = None,
    width: int | None = None,
    height: int | None = None,
) -> go.Figure:
    """An animated world map of positions on ``subject`` from ``start`` to ``end``.

    A slider picks the day (its date is shown above it) and a button plays
    the frames. The legend lists every category that appears on any frame,
    with the same colours throughout.
    """
    scope = Scope(ledger, subject, known_on=known_on)
    days = frame_days(scope, start, end, every)
    drawn, shapes = _shapes(scope, geojson, featureidkey)
    drawings = _drawings(scope, shapes, days)
    present = {p.category for positions in drawings for p in positions} | {scope.baseline()}
    categories = arrange(
        scope.candidates(),
        present,
        color_discrete_map=color_discrete_map,
        category_orders=category_orders,
    )
    encoded = [_encode(positions, categories) for positions in drawings]
    if every == "change":  # keep only the days on which the map does change
        kept = [n for n in range(len(days)) if n == 0 or encoded[n] != encoded[n - 1]]
        days, drawings, encoded = (
            [days[n] for n in kept],
            [drawings[n] for n in kept],
            [encoded[n] for n in kept],
        )
    hovers = _Hovers()
    names: list[str] = []
    frames: list[go.Frame] = []
    for number, (day, frame) in enumerate(zip(days, encoded, strict=True)):
        if number and frame == encoded[number - 1]:
            names.append(names[-1])
            continue
        names.append(day.isoformat())
        codes, texts = frame
        data = {"type": "choropleth", "z": list(codes), "hovertemplate": hovers.refer(texts)}
        frames.append(go.Frame(name=day.isoformat(), data=[data], traces=[0]))
    span = f"{days[0].isoformat()} to {days[-1].isoformat()}"
    figure = _figure(
        scope,
        drawn,
        featureidkey=featureidkey,
        shapes=[p.shape for p in drawings[0]],
        first=encoded[0],
        categories=categories,
        projection=projection,
        bounds=bounds,
        title=title if title is not None else _title(scope, span),
        subtitle=f"Positions from {span}, by {every}. {_CREDIT}",
        template=template,
        width=width,
        height=height,
        hovers=hovers,
    )
    figure.frames = frames
    figure.update_layout(**_controls(days, names, frame_duration))
    figure.update_layout(margin={"b": 90})
    return figure
