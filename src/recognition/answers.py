"""What queries return: answers that carry their provenance.

Every answer names the records that decided it and, through them, their
sources, and says whether it is certain. An answer is uncertain when the
query day falls inside an event's imprecise date, or when records that
cannot be ordered (same day, overlapping periods) disagree; the other
readings are then listed in ``alternatives``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from recognition.dates import PartialDate
from recognition.events import Record, Source

__all__ = [
    "NEUTRAL",
    "NO_STATEMENT",
    "Change",
    "Conflict",
    "Count",
    "Reading",
    "Status",
]

# Statuses of an actor toward a state.
RECOGNISED = "recognised"
WITHDRAWN = "withdrawn"
NOT_RECOGNISED = "not_recognised"
# Positions on a seat, besides the claimant ids themselves.
NEUTRAL = "neutral"
NO_STATEMENT = "no_statement"
LAPSED = "lapsed"
# Relations between two states.
ESTABLISHED = "established"
SEVERED = "severed"
SUSPENDED = "suspended"
NONE = "none"
UNKNOWN = "unknown"

#: Joins the claimants of a dual position: ``CN/prc+CN/roc``.
DUAL_SEPARATOR = "+"


def recognises(status: str, subject: str) -> bool:
    """True when ``status`` recognises ``subject``: a recognised state, or a claimant held."""
    return status == RECOGNISED or subject in status.split(DUAL_SEPARATOR)


def sources_of(records: Iterable[Record]) -> tuple[Source, ...]:
    """The distinct sources of ``records``, in order of first appearance."""
    seen: dict[Source, None] = {}
    for record in records:
        if record.event is not None:
            for source in record.event.sources:
                seen.setdefault(source, None)
    return tuple(seen)


@attrs.frozen
class Reading:
    """One reading of a status that the records support.

    Attributes:
        status: the status under this reading.
        since: the date of the record that brought it about (``None`` when it
            is the state before any record).
        records: the records that support it.
    """

    status: str
    since: PartialDate | None
    records: tuple[Record, ...]

    @property
    def sources(self) -> tuple[Source, ...]:
        """The distinct sources of :attr:`records`."""
        return sources_of(self.records)


@attrs.frozen
class Status:
    """Where an actor stands toward a subject on a day.

    For a state, :attr:`status` is ``recognised``, ``withdrawn`` or
    ``not_recognised``. For a seat it is the claimant's id (claimants joined
    by ``+`` for a dual position), ``neutral``, ``withdrawn``, ``lapsed``
    (the claimant the actor recognised has ceased to exist) or
    ``no_statement``. For relations it is ``established``, ``severed``,
    ``suspended``, ``none`` (the records show relations established only
    later) or ``unknown`` (no record at all).

    Attributes:
        actor: the actor's id (the first state, for relations).
        subject: the state or seat (the second state, for relations).
        on: the day asked about.
        status: the best reading: that of the latest record dated certainly
            on or before :attr:`on`.
        certain: False when other readings are possible (see alternatives).
        since: the date of the record that brought the status about.
        records: the records that support the status.
        alternatives: the other readings the records allow, if any.
        actor_kind: ``state``, ``government``, ``organisation`` or
            ``unknown`` (an id outside the registry).
        signals: for relations, the latest graded signals (recalled
            ambassadors, expulsions, embassies) on or before the day, newest
            first.
    """

    actor: str
    subject: str
    on: dt.date
    status: str
    certain: bool
    since: PartialDate | None
    records: tuple[Record, ...]
    alternatives: tuple[Reading, ...] = ()
    actor_kind: str = "unknown"
    signals: tuple[Record, ...] = ()

    @property
    def sources(self) -> tuple[Source, ...]:
        """The distinct sources of :attr:`records`."""
        return sources_of(self.records)

    @property
    def claimants(self) -> tuple[str, ...]:
        """The claimants held, for a position on a seat; else empty."""
        if "/" not in self.status:
            return ()
        return tuple(self.status.split(DUAL_SEPARATOR))

    def holds(self, subject: str) -> bool:
        """True when the best reading recognises ``subject`` (a state or claimant)."""
        return recognises(self.status, subject)

    def reading_for(self, subject: str) -> Reading | None:
        """The reading that recognises ``subject``: the best one if it does, else an alternative."""
        if self.holds(subject):
            return Reading(self.status, self.since, self.records)
        for reading in self.alternatives:
            if recognises(reading.status, subject):
                return reading
        return None


@attrs.frozen
class Change:
    """A status that differs between two days.

    Attributes:
        actor: the actor whose status changed.
        subject: the state or seat.
        before: the status on the first day.
        after: the status on the second day.
    """

    actor: str
    subject: str
    before: Status
    after: Status


@attrs.frozen
class Count:
    """How many actors recognise a subject on a day.

    Attributes:
        on: the day.
        certain: actors that certainly recognise it.
        uncertain: actors that may (an imprecise date or disagreeing sources).
        states: of the certain ones, how many are states (not organisations).
        best: actors whose best reading recognises it (the certain ones,
            plus uncertain ones whose likeliest reading does): what a plain
            as-of query on the latest dated records would count.
    """

    on: dt.date
    certain: int
    uncertain: int
    states: int
    best: int = 0


@attrs.frozen
class Conflict:
    """Records that disagree.

    Attributes:
        kind: ``position`` (records whose dates cannot be ordered give
            different statuses), ``date`` (two records in a row, from
            different sources, report the same act on different dates) or
            ``exclusivity`` (one source gives two incompatible positions on
            a seat at once, without ``dual``).
        actor: the actor.
        subject: the state, seat or other party.
        records: the records in conflict.
        message: what they disagree about.
    """

    kind: str
    actor: str
    subject: str
    records: tuple[Record, ...]
    message: str
