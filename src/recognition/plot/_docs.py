"""Each plotting parameter described once, and added to every docstring that uses it.

As in plotly express, the functions of :mod:`recognition.plot` share their
parameters; :func:`document` appends an ``Args:`` section built from this
table (in the order of the function's signature) and a ``Returns:`` line.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["PARAMETERS", "document"]

F = TypeVar("F", bound=Callable[..., Any])

PARAMETERS = {
    "ledger": "the ledger to draw (e.g. ``recognition.load('venezuela')``).",
    "subject": (
        "a state (``XK``) or a seat (``VE``), by id or name; a claimant "
        "(``VE/guaido``) stands for its seat."
    ),
    "on": "the day drawn (``YYYY-MM-DD`` or a ``datetime.date``).",
    "start": "the first day drawn.",
    "end": "the last day drawn (default: today).",
    "every": (
        "one frame per ``day``, ``week``, ``month`` (first days of months) or "
        "``change`` (only the days on which the map changes); the first and last "
        "days always have a frame."
    ),
    "known_on": "draw the ledger as it stood on this recording day (default: as it is now).",
    "geojson": (
        "a GeoJSON FeatureCollection to draw instead of the bundled world map "
        "(exterior rings clockwise, as plotly.js expects); its feature ids must be "
        "entity ids."
    ),
    "featureidkey": "where a feature's id is: ``id`` or a path such as ``properties.iso_a2``.",
    "projection": "a plotly geo projection type (default ``natural earth``).",
    "bounds": (
        "``(west, south, east, north)`` in degrees to zoom on a region, e.g. "
        "``(13, 39, 24, 47)`` for the Balkans; default: the whole world."
    ),
    "frame_duration": "milliseconds each frame is shown when playing.",
    "actors": "the actors to show, by id (default: every state with a record).",
    "states": "the states to compare, by id.",
    "annotate": "how many of the largest changes to label on the chart.",
    "color_discrete_map": (
        "colours by category, keyed by category key (``recognised``, "
        "``VE/guaido``, ``uncertain``...) or legend label; they override the "
        "Okabe-Ito defaults."
    ),
    "category_orders": (
        "``{'position': [...]}`` orders the legend (keys or labels; those named "
        "are shown even when absent); ``{'actor': [...]}`` orders a chart's rows."
    ),
    "title": "the figure title (default: one naming the subject and the days).",
    "template": "a plotly template name or object (default: plotly's default).",
    "width": "the figure width in pixels (default: fit the page).",
    "height": "the figure height in pixels (default: depends on the figure).",
}


def document(**overrides: str) -> Callable[[F], F]:
    """Append an ``Args:`` section, from :data:`PARAMETERS` and ``overrides``, to a docstring."""

    def apply(func: F) -> F:
        lines = [inspect.cleandoc(func.__doc__ or ""), "", "Args:"]
        lines.extend(
            f"    {name}: {overrides.get(name) or PARAMETERS[name]}"
            for name in inspect.signature(func).parameters
        )
        lines += [
            "",
            "Returns:",
            "    A ``plotly.graph_objects.Figure``; show it or edit it further.",
        ]
        func.__doc__ = "\n".join(lines)
        return func

    return apply
