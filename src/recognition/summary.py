"""Counts that describe a ledger: events by kind, actors, precision, conflicts.

The dataset pages in ``docs/datasets`` show :func:`summarise` of each
bundled dataset, rendered by :func:`markdown`; a test checks that the pages
match, so the published counts are the ones the API computes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import attrs

from recognition.datasets import datasets, load
from recognition.dates import PartialDate, Precision
from recognition.ledger import Ledger

__all__ = ["Summary", "markdown", "summarise", "summarise_dataset"]


@attrs.frozen
class Summary:
    """Counts over the current records of a ledger.

    Attributes:
        events: current records (not superseded, not retractions).
        kinds: events per kind, most frequent first.
        states: distinct state actors; ``organisations``: distinct organisations.
        precision: events dated to the day, the month and the year.
        citations: sources cited, counting each event's sources.
        urls: distinct source URLs.
        first, last: the earliest and latest event dates.
        contradicting: records that name others they contradict.
        conflicts: conflicts reported by :meth:`Ledger.conflicts`, per kind.
        on: the day the recogniser counts are for.
        recognisers: for each subject (a state, or each claimant of a seat),
            ``(certain, uncertain)`` counts of state recognisers on ``on``.
    """

    events: int
    kinds: tuple[tuple[str, int], ...]
    states: int
    organisations: int
    precision: tuple[int, int, int]
    citations: int
    urls: int
    first: PartialDate | None
    last: PartialDate | None
    contradicting: int
    conflicts: tuple[tuple[str, int], ...]
    on: dt.date
    recognisers: tuple[tuple[str, int, int], ...]


def summarise(ledger: Ledger, subjects: tuple[str, ...], *, on: dt.date) -> Summary:
    """Count the current records of ``ledger``, and recognisers of ``subjects`` on ``on``.

    A subject that is a contested seat is counted per claimant.
    """
    current = [r for r in ledger.current() if r.event is not None]
    events = [r.event for r in current if r.event is not None]
    kinds = Counter(e.kind.value for e in events)
    actor_kinds = {e.actor: ledger.registry.get(e.actor) for e in events}
    precisions = Counter(e.date.precision for e in events)
    dates = sorted((e.date for e in events), key=lambda d: d.sort_key)
    conflicts = Counter(c.kind for c in ledger.conflicts())
    recognisers = []
    for subject in subjects:
        claimants = [c.id for c in ledger.registry.claimants(subject)] or [subject]
        for target in claimants:
            answers = [s for s in ledger.who(target, on=on) if s.actor_kind == "state"]
            certain = sum(1 for s in answers if s.certain)
            recognisers.append((target, certain, len(answers) - certain))
    return Summary(
        events=len(events),
        kinds=tuple(sorted(kinds.items(), key=lambda item: (-item[1], item[0]))),
        states=sum(1 for e in actor_kinds.values() if e is not None and e.kind == "state"),
        organisations=sum(
            1 for e in actor_kinds.values() if e is not None and e.kind == "organisation"
        ),
        precision=(
            precisions[Precision.DAY],
            precisions[Precision.MONTH],
            precisions[Precision.YEAR],
        ),
        citations=sum(len(e.sources) for e in events),
        urls=len({s.url for e in events for s in e.sources if s.url}),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        contradicting=sum(1 for r in current if r.contradicts),
        conflicts=tuple(sorted(conflicts.items())),
        on=on,
        recognisers=tuple(recognisers),
    )


def summarise_dataset(name: str) -> Summary:
    """:func:`summarise` a bundled dataset, on the last day it was recorded.

    Counting on the recording day, not today, keeps the published counts
    fixed until the data changes.
    """
    info = next(d for d in datasets() if d.name == name)
    ledger = load(name)
    recorded = [r.recorded.end for r in ledger.current() if r.recorded is not None]
    on = max(recorded) if recorded else dt.date.today()  # noqa: DTZ011 - a calendar day
    return summarise(ledger, info.subjects, on=on)


def markdown(summary: Summary) -> str:
    """The summary as the Markdown block of a dataset page."""
    day, month, year = summary.precision
    lines = [
        "| count | value |",
        "| --- | --- |",
        f"| events | {summary.events} |",
        *(f"| `{kind}` events | {n} |" for kind, n in summary.kinds),
        f"| acting states | {summary.states} |",
        f"| acting organisations | {summary.organisations} |",
        f"| dated to the day / month / year | {day} / {month} / {year} |",
        f"| first and last event | {summary.first} to {summary.last} |",
        f"| sources cited (distinct URLs) | {summary.citations} ({summary.urls}) |",
        f"| records that contradict others | {summary.contradicting} |",
        *(f"| conflicts of kind `{kind}` | {n} |" for kind, n in summary.conflicts),
        *(
            f"| states recognising `{target}` on {summary.on} (certain + uncertain) "
            f"| {certain} + {uncertain} |"
            for target, certain, uncertain in summary.recognisers
        ),
    ]
    return "\n".join(lines) + "\n"
