"""Small ledgers and helpers shared by the plot tests and the browser tests."""

from __future__ import annotations

import html
import re
from typing import Any

from recognition import Event, Kind, Ledger, Record, Source

#: Markup that must reach the page as text: if it ran, it would set a flag.
PAYLOAD = (
    '<script>window.__pwned = "script"</script>'
    "<img src=x onerror=\"window.__pwned = 'img'\">"
    "<b>bold?</b> & 'quotes' \"too\""
)


def source(text: str = "", day: str = "2019-01-23") -> Source:
    return Source(
        "Example Gazette", f"A title {text}", day, "https://example.org/1", f"Quote {text}"
    )


def tiny_ledger(quote: str = "") -> Ledger:
    """The US recognises Guaidó on 23 January 2019, Russia backs Maduro, the EU recognises Guaidó.

    Mexico is neutral in one source and backs Maduro in another (uncertain).
    ``quote`` goes into the US record's source (outlet, title and quote).
    """
    us = Source(f"Outlet {quote}", f"Title {quote}", "2019-01-23", "https://example.org/us", quote)
    events = [
        Event("US", "VE/guaido", Kind.RECOGNISE, "2019-01-23", (us,)),
        Event("RU", "VE/maduro", Kind.SUPPORT, "2019-01-24", (source("ru", "2019-01-24"),)),
        Event("eu", "VE/guaido", Kind.RECOGNISE, "2019-02-04", (source("eu", "2019-02-04"),)),
        Event("MX", "VE", Kind.NEUTRAL, "2019-01", (source("mx"),)),
        Event("MX", "VE/maduro", Kind.SUPPORT, "2019-01", (source("mx2"),)),
        Event("XK", "VE/guaido", Kind.RECOGNISE, "2019-02-04", (source("xk", "2019-02-04"),)),
    ]
    return Ledger(Record(f"t-{n}", event) for n, event in enumerate(events, 1))


#: What an animated map's hovertemplate holds for each shape: a reference to its text.
REFERENCE = re.compile(r"%\{meta\[(\d+)\]\}")
NO_NAME = "<extra></extra>"


def hovers_of(figure: Any, frame: int | None = None) -> list[str]:
    """The hover text of each location, as plotly.js shows it, on the base map or a frame.

    A map of one day has them in ``text``; an animation refers to its trace's
    ``meta`` from each shape's ``hovertemplate`` (anything else fails here).
    """
    trace = figure.data[0]
    if frame is None and trace.text is not None:
        assert trace.hovertemplate == "%{text}" + NO_NAME
        return list(trace.text)
    templates = trace.hovertemplate if frame is None else figure.frames[frame].data[0].hovertemplate
    texts = []
    for template in templates:
        found = REFERENCE.fullmatch(template)
        assert found is not None, f"not a reference to the table: {template!r}"
        text: str = trace.meta[int(found.group(1))]
        assert text.endswith(NO_NAME)
        texts.append(text.removesuffix(NO_NAME))
    return texts


def hover_of(figure: Any, location: str) -> str:
    """The base hover text of ``location`` in a map."""
    return hovers_of(figure)[list(figure.data[0].locations).index(location)]


def category_of(figure: Any, location: str, frame: int | None = None) -> str:
    """The legend label of ``location``'s colour, on the base map or on a frame."""
    trace = figure.data[0]
    z = trace.z if frame is None else figure.frames[frame].data[0].z
    code = z[list(trace.locations).index(location)]
    return html.unescape(figure.data[1 + code].name)
