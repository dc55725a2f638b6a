"""Names, phrases and hover texts, escaped for plotly.js.

plotly.js renders hover texts, titles and legend entries as a small subset
of HTML (``<b>``, ``<br>``, ``<a>``...). Every piece of text that comes from
data (names, source titles, quotes, notes) goes through :func:`escape`
before it is put in such a string, so a quote containing ``<script>`` or
``<img onerror=...>`` is shown as text and never interpreted; only the tags
written here are markup.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Sequence

from recognition import answers as a
from recognition.answers import Status
from recognition.dates import PartialDate
from recognition.entities import Registry
from recognition.events import Mode, Source

__all__ = ["escape", "hover", "name", "phrase", "wrap"]

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"}
_TABLE = str.maketrans(_ENTITIES)

#: Short names for maps, where the registry's (ISO) name reads badly there.
_SHORT_NAMES = {
    "BQ": "Caribbean Netherlands",
    "CD": "DR Congo",
    "CSHH": "Czechoslovakia",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "MF": "Saint Martin",
    "PS": "Palestine",
    "SH": "Saint Helena",
    "SUHH": "Soviet Union",
    "SX": "Sint Maarten",
    "VA": "Vatican City",
    "VDVN": "North Vietnam",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
    "YDYE": "South Yemen",
    "YUCS": "Yugoslavia",
}

_MAX_SOURCES = 3
_QUOTE_CHARS = 120
_LINE_CHARS = 72


def escape(text: str) -> str:
    """``text`` with ``& < > " '`` replaced by entities plotly.js decodes as text."""
    return text.translate(_TABLE)


def wrap(text: str, width: int = _LINE_CHARS) -> str:
    """``text`` escaped and broken into lines of about ``width`` characters (``<br>``)."""
    return "<br>".join(escape(line) for line in textwrap.wrap(text, width) or [""])


def name(registry: Registry, entity_id: str) -> str:
    """A short display name for an entity (plain text, not escaped)."""
    if entity_id in _SHORT_NAMES:
        return _SHORT_NAMES[entity_id]
    entity = registry.get(entity_id)
    return entity.name if entity is not None else entity_id


def phrase(registry: Registry, subject: str, status: str, *, seat: bool) -> str:
    """What a status means, in words: ``recognises Kosovo`` (plain text)."""
    if seat:
        if "/" in status:
            held = [name(registry, c) for c in status.split(a.DUAL_SEPARATOR)]
            return "recognises " + " and ".join(held)
        return {
            a.NEUTRAL: "neutral (an explicit statement)",
            a.WITHDRAWN: "withdrew recognition, holds no claimant",
            a.LAPSED: "recognised a government that no longer exists",
            a.NO_STATEMENT: "no statement on record",
        }.get(status, status)
    what = name(registry, subject)
    return {
        a.RECOGNISED: f"recognises {what}",
        a.WITHDRAWN: f"withdrew recognition of {what}",
        a.NOT_RECOGNISED: "no recognition on record",
    }.get(status, status)


def _since(since: PartialDate | None) -> str:
    return f"since {since}" if since is not None else ""


def _mode(status: Status) -> str:
    for record in reversed(status.records):
        event = record.event
        if event is not None and event.mode is not None and event.mode is not Mode.WITHDRAW:
            return f" ({event.mode.value})"
    return ""


@functools.lru_cache(maxsize=4096)
def _cite(source: Source, quote: bool) -> tuple[str, ...]:  # noqa: FBT001 - cached, positional
    # Cached: an animation cites the same sources on many days, and wrapping is slow.
    cite = source.outlet
    if source.title:
        cite += f", \u201c{source.title}\u201d"
    if source.date is not None:
        cite += f" ({source.date})"
    lines = ["\u2022 " + wrap(cite)]
    if source.quote and quote:
        shortened = textwrap.shorten(source.quote, _QUOTE_CHARS, placeholder=" \u2026")
        lines.append("<i>" + wrap(f"\u201c{shortened}\u201d") + "</i>")
    return tuple(lines)


def sources(found: Sequence[Source], limit: int = _MAX_SOURCES) -> list[str]:
    """Hover lines citing ``found``: outlet, title and date, and the first one's quote."""
    lines: list[str] = []
    for number, source in enumerate(found[:limit]):
        lines.extend(_cite(source, number == 0))
    if len(found) > limit:
        lines.append(f"and {len(found) - limit} more source(s)")
    return lines


def hover(
    registry: Registry,
    title: str,
    status: Status | None,
    *,
    subject: str,
    seat: bool,
    note: str = "",
    fallback: str = "",
) -> str:
    """The hover text of one shape or bar (HTML for plotly.js, data escaped).

    Args:
        registry: names entities.
        title: the first line, in bold (plain text).
        status: the answer to show; ``None`` shows ``fallback`` instead.
        subject: the state or seat.
        seat: whether ``subject`` is a seat.
        note: a plain-text remark after the title (``territory of Denmark``).
        fallback: the plain-text line shown when there is no status.
    """
    lines = [f"<b>{escape(title)}</b>" + (f" ({escape(note)})" if note else "")]
    if status is None:
        lines.append(escape(fallback))
        return "<br>".join(lines)
    what = phrase(registry, subject, status.status, seat=seat) + _mode(status)
    since = _since(status.since)
    lines.append(escape(what[:1].upper() + what[1:] + (f", {since}" if since else "")))
    if not status.certain:
        lines.append("<b>\u26a0 Sources disagree.</b> Also possible:")
        lines.extend(
            "\u2022 "
            + escape(
                phrase(registry, subject, reading.status, seat=seat)
                + (f", {_since(reading.since)}" if reading.since else "")
            )
            for reading in status.alternatives
        )
    found = list(status.sources)
    for reading in status.alternatives:
        found.extend(s for s in reading.sources if s not in found)
    if found:
        lines.append("Sources:")
        lines.extend(sources(found))
    return "<br>".join(lines)
