"""The bundled world map, read lazily, and which state each shape stands for.

Maps draw ``recognition/geometry/world.geojson`` (built by
``data/geometry/build_world.py`` from Natural Earth 4.1.0 at 1:50m; see
``data/geometry/README.md``). It is passed to plotly as ``geojson=`` with
``featureidkey="id"``, so no map data is fetched from the network. plotly.js
still asks for its own base map (a TopoJSON file on a CDN) whenever a
choropleth uses ``locationmode="geojson-id"``; :data:`TOPOJSON_URL` answers
that request with a tiny empty topology inlined as a ``data:`` URL, so a
figure renders offline, in a browser and in kaleido alike.

Sovereignty policy. The shapes follow Natural Earth's *de facto* boundaries
and express no position of this project:

- Kosovo (``XK``), Northern Cyprus (``X-NCY``), Somaliland (``X-SOL``) and
  Taiwan (``TW``) are their own shapes, along the lines they control.
- Western Sahara (``EH``) is only the area east of the Moroccan Berm; the
  Moroccan-administered part is inside Morocco (``MA``). Colouring ``EH``
  does not colour the whole territory. Crimea is inside Russia (``RU``).
  Palestine (``PS``) is the West Bank and Gaza. Tuvalu (``TV``) has no shape.
- A dependent territory (Greenland, Puerto Rico, Hong Kong...) takes the
  position of its sovereign (:data:`TERRITORIES`, after Natural Earth's
  ``SOVEREIGNT`` field), unless the ledger holds records of its own on the
  subject (the Cook Islands and Niue, for example, recognised Kosovo).
- On a day before a state existed, its shape takes the position of the state
  it was then part of (:data:`PREDECESSORS`: the Soviet Union, Yugoslavia,
  Serbia and Montenegro, Czechoslovakia, Sudan, Ethiopia), and is otherwise
  drawn as "not a state on that day" (e.g. a colony before independence).
  The Baltic states count as part of the Soviet Union from their annexation
  in 1940 to 6 September 1991, as drawn on de facto maps; the registry's own
  dates for them (statehood since 1918) are not changed by this.
- For the China seat, Taiwan is drawn with China as "the state whose seat is
  contested" (:data:`SEAT_SHAPES`): the Republic of China governs it.
- Shapes whose id the registry does not know (the Siachen Glacier,
  ``X-SIA``) are left blank.
"""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from recognition.ledger import QueryError

__all__ = [
    "PREDECESSORS",
    "SEAT_SHAPES",
    "TERRITORIES",
    "TOPOJSON_URL",
    "GeoJSON",
    "feature_ids",
    "world",
]

#: A parsed GeoJSON FeatureCollection.
GeoJSON = Mapping[str, Any]

_EMPTY_TOPOLOGY = b'{"type":"Topology","objects":{},"arcs":[]}'

#: plotly.js's ``topojsonURL`` config: an empty topology, inline. plotly.js
#: appends ``<name>.json`` to this URL; the trailing ``#`` turns that suffix
#: into a fragment, which a ``data:`` URL ignores.
TOPOJSON_URL = "data:application/json;base64," + base64.b64encode(_EMPTY_TOPOLOGY).decode() + "#"

#: Dependent territories drawn in the bundled map, and their sovereign
#: (Natural Earth 4.1.0's ``SOVEREIGNT``).
TERRITORIES: Mapping[str, str] = {
    "AI": "GB",
    "AS": "US",
    "AW": "NL",
    "AX": "FI",
    "BL": "FR",
    "BM": "GB",
    "CC": "AU",
    "CW": "NL",
    "CX": "AU",
    "FK": "GB",
    "FO": "DK",
    "GG": "GB",
    "GL": "DK",
    "GS": "GB",
    "GU": "US",
    "HK": "CN",
    "HM": "AU",
    "IM": "GB",
    "IO": "GB",
    "JE": "GB",
    "KY": "GB",
    "MF": "FR",
    "MO": "CN",
    "MP": "US",
    "MS": "GB",
    "NC": "FR",
    "NF": "AU",
    "PF": "FR",
    "PM": "FR",
    "PN": "GB",
    "PR": "US",
    "SH": "GB",
    "SX": "NL",
    "TC": "GB",
    "TF": "FR",
    "VG": "GB",
    "VI": "US",
    "WF": "FR",
}

_USSR = ("SUHH", None, None)
_BALTIC = ("SUHH", "1940-08-06", "1991-09-06")

#: For a shape, the states it was part of before it became a state: each
#: ``(predecessor, from, until)``, checked in order. The predecessor stands
#: for the shape on a day ``D`` when it existed on ``D``, ``from <= D`` (if
#: given) and ``D`` is before ``until``, or, when ``until`` is not given,
#: before the shape's own state began (always, if the registry gives it no
#: start, as for Russia).
PREDECESSORS: Mapping[str, tuple[tuple[str, str | None, str | None], ...]] = {
    **dict.fromkeys(
        ("RU", "UA", "BY", "MD", "GE", "AM", "AZ", "KZ", "KG", "UZ", "TJ", "TM"), (_USSR,)
    ),
    **dict.fromkeys(("EE", "LV", "LT"), (_BALTIC,)),
    **dict.fromkeys(("SI", "HR", "MK", "BA"), (("YUCS", None, None),)),
    "ME": (("YUCS", None, None), ("CSXX", None, None)),
    "RS": (("YUCS", None, None), ("CSXX", None, None)),
    "XK": (("YUCS", None, None), ("CSXX", None, None), ("RS", None, None)),
    "CZ": (("CSHH", None, None),),
    "SK": (("CSHH", None, None),),
    "SS": (("SD", None, None),),
    "ER": (("ET", None, None),),
}

#: Shapes drawn as "the state whose seat is contested", besides the seat's own.
SEAT_SHAPES: Mapping[str, tuple[str, ...]] = {"CN": ("TW",)}


@functools.cache
def _world_text() -> str:
    return resources.files("recognition").joinpath("geometry", "world.geojson").read_text("utf-8")


def world() -> dict[str, Any]:
    """The bundled world map, a GeoJSON FeatureCollection (a fresh copy each call).

    The file is read once; each call parses it again, so a caller may change
    the copy it gets without affecting later maps.
    """
    parsed: dict[str, Any] = json.loads(_world_text())
    return parsed


@functools.cache
def world_ids() -> tuple[str, ...]:
    """The feature ids of the bundled map, in file order."""
    return feature_ids(world(), "id")


def _key_path(featureidkey: str) -> Sequence[str]:
    return featureidkey.split(".")


def feature_ids(geojson: GeoJSON, featureidkey: str = "id") -> tuple[str, ...]:
    """The id of each feature of ``geojson``, read at ``featureidkey``.

    ``featureidkey`` is ``id`` or a dotted path such as ``properties.iso``,
    as in plotly.

    Raises:
        QueryError: ``geojson`` is not a FeatureCollection, or a feature has
            no id at ``featureidkey``.
    """
    features = geojson.get("features") if isinstance(geojson, Mapping) else None
    if geojson.get("type") != "FeatureCollection" or not isinstance(features, list):
        msg = "geojson must be a GeoJSON FeatureCollection with a list of features"
        raise QueryError(msg)
    ids = []
    for number, feature in enumerate(features):
        value: Any = feature
        for part in _key_path(featureidkey):
            value = value.get(part) if isinstance(value, Mapping) else None
        if value is None:
            msg = f"geojson feature {number} has no {featureidkey!r}"
            raise QueryError(msg)
        ids.append(str(value))
    return tuple(ids)
