"""What every figure draws: each state's position on a subject, by day.

A :class:`Scope` binds a ledger to one subject (a state, or a seat; a
claimant stands for its seat) and answers, for a shape of the map or an
actor, its category and hover text on a day, and the days on which any of
that can change. Only states are drawn: organisations have no shape, and
the charts leave them out too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

import attrs

from recognition import answers as a
from recognition.answers import Status
from recognition.dates import PartialDate, parse_date, to_day
from recognition.entities import Entity, EntityKind, claimant_seat
from recognition.ledger import DayLike, Ledger, QueryError
from recognition.plot import labels
from recognition.plot.geometry import PREDECESSORS, SEAT_SHAPES, TERRITORIES
from recognition.plot.palette import (
    COLORS,
    DUAL,
    NOT_A_STATE,
    SEAT_WITHDRAWN,
    SUBJECT,
    UNCERTAIN,
    Category,
    claimant_colors,
)

__all__ = ["EVERY", "Period", "Position", "Scope", "frame_days"]

#: The values of ``every``.
EVERY = ("day", "week", "month", "change")

_DAYS_PER_WEEK = 7
_DECEMBER = 12


@attrs.frozen
class Position:
    """How one shape is drawn on one day.

    Attributes:
        shape: the shape's id.
        category: the key of its category.
        hover: its hover text (HTML for plotly.js, data escaped).
    """

    shape: str
    category: str
    hover: str


@attrs.frozen
class Period:
    """A stretch of days ``[start, end)`` over which an actor's position holds.

    Attributes:
        actor: the actor.
        start: the first day.
        end: the day after the last.
        category: the key of the position's category.
        status: the ledger's answer on ``start``.
    """

    actor: str
    start: dt.date
    end: dt.date
    category: str
    status: Status


class _Drawn(NamedTuple):
    """Whose status colours a shape (``actor``), or else its fixed category and why."""

    actor: str | None
    category: str
    text: str
    note: str = ""


def _category(status: Status) -> str:
    if not status.certain:
        return UNCERTAIN
    if a.DUAL_SEPARATOR in status.status:
        return DUAL
    return status.status


def _edges(date: PartialDate | None) -> Iterable[int]:
    if date is not None:
        yield from (date.first, date.last, date.last + 1)


class Scope:
    """One ledger and one subject, as figures see them."""

    def __init__(self, ledger: Ledger, subject: str, *, known_on: DayLike | None = None) -> None:
        """Bind ``ledger`` (as known on ``known_on``) to ``subject``.

        ``subject`` is an id or a name; a claimant stands for its seat.

        Raises:
            UnknownEntityError: ``subject`` names no entity.
            QueryError: ``subject`` is not a state.
        """
        self.ledger = ledger if known_on is None else ledger.as_known_on(known_on)
        self.registry = ledger.registry
        entity = self.registry.lookup(subject)
        target = claimant_seat(entity.id) or entity.id
        if (self.registry.get(target) or entity).kind is not EntityKind.STATE:
            msg = f"{subject!r} is not a state or a seat: only states are recognised on maps"
            raise QueryError(msg)
        self.subject = target
        self.seat = self.registry.is_seat(target) or any(
            claimant_seat(record.event.subject) == target
            for record in self.ledger.timeline(target)
            if record.event is not None
        )
        self.actors = frozenset(
            actor for actor in self.ledger.actors(target) if self._is_state(actor)
        )

    def _is_state(self, actor: str) -> bool:
        entity = self.registry.get(actor)
        return entity is not None and entity.id == actor and entity.kind is EntityKind.STATE

    @property
    def name(self) -> str:
        """The subject's display name (plain text)."""
        return labels.name(self.registry, self.subject)

    # -- categories ---------------------------------------------------------

    def claimants(self) -> tuple[str, ...]:
        """The claimants of the seat, registry's first, then any other the ledger names."""
        if not self.seat:
            return ()
        found = [c.id for c in self.registry.claimants(self.subject)]
        for record in self.ledger.timeline(self.subject):
            claimant = record.event.subject if record.event is not None else ""
            if claimant_seat(claimant) == self.subject and claimant not in found:
                found.append(claimant)
        return tuple(found)

    def baseline(self) -> str:
        """The key of the position of an actor without records."""
        return a.NO_STATEMENT if self.seat else a.NOT_RECOGNISED

    def candidates(self) -> list[Category]:
        """Every category this subject's figures can show, in legend order."""
        unsure = Category(
            UNCERTAIN, "uncertain (imprecise date or sources disagree)", COLORS[UNCERTAIN]
        )
        gone = Category(NOT_A_STATE, "not a state on that day", COLORS[NOT_A_STATE])
        if not self.seat:
            return [
                Category(a.RECOGNISED, f"recognises {self.name}", COLORS[a.RECOGNISED]),
                Category(a.WITHDRAWN, "withdrew recognition", COLORS[a.WITHDRAWN]),
                Category(a.NOT_RECOGNISED, "no recognition on record", COLORS[a.NOT_RECOGNISED]),
                unsure,
                Category(SUBJECT, self.name, COLORS[SUBJECT]),
                gone,
            ]
        colors = claimant_colors(self.claimants())
        found = [Category(c, labels.name(self.registry, c), colors[c]) for c in colors]
        return [
            *found,
            Category(DUAL, "recognises two claimants", COLORS[DUAL]),
            Category(a.NEUTRAL, "neutral", COLORS[a.NEUTRAL]),
            Category(a.WITHDRAWN, "withdrew recognition", COLORS[SEAT_WITHDRAWN]),
            Category(a.LAPSED, "recognised a government that has ended", COLORS[a.LAPSED]),
            Category(a.NO_STATEMENT, "no statement on record", COLORS[a.NO_STATEMENT]),
            unsure,
            Category(SUBJECT, f"{self.name} (the contested seat)", COLORS[SUBJECT]),
            gone,
        ]

    # -- shapes -------------------------------------------------------------

    def _fixed(self, shape: str, category: str, text: str, note: str = "") -> Position:
        title = labels.name(self.registry, shape)
        hover = labels.hover(
            self.registry,
            title,
            None,
            subject=self.subject,
            seat=self.seat,
            note=note,
            fallback=text,
        )
        return Position(shape, category, hover)

    def _drawn(self, shape: str, day: dt.date) -> _Drawn:
        if shape == self.subject or (self.seat and shape in SEAT_SHAPES.get(self.subject, ())):
            what = "the state whose seat is contested" if self.seat else "the subject itself"
            return _Drawn(None, SUBJECT, what)
        actor, note = self._actor(shape, day)
        if actor is None:
            return _Drawn(None, NOT_A_STATE, "not a state on that day")
        if actor == self.subject:
            return _Drawn(None, SUBJECT, "part of the subject", note)
        return _Drawn(actor, "", "", note)

    def category(self, shape: str, day: dt.date) -> str | None:
        """The key of the category :meth:`position` gives ``shape`` on ``day``, without hover text.

        ``None`` for a shape no state stands for.
        """
        if shape not in self.registry:
            return None
        drawn = self._drawn(shape, day)
        if drawn.actor is None:
            return drawn.category
        return _category(self.ledger.status(drawn.actor, self.subject, on=day))

    def position(self, shape: str, day: dt.date) -> Position | None:
        """How ``shape`` is drawn on ``day``; ``None`` for a shape no state stands for."""
        if shape not in self.registry:
            return None
        actor, category, text, note = self._drawn(shape, day)
        if actor is None:
            return self._fixed(shape, category, text, note)
        status = self.ledger.status(actor, self.subject, on=day)
        hover = labels.hover(
            self.registry,
            labels.name(self.registry, shape),
            status,
            subject=self.subject,
            seat=self.seat,
            note=note,
        )
        return Position(shape, _category(status), hover)

    def _actor(self, shape: str, day: dt.date) -> tuple[str | None, str]:
        """Whose position colours ``shape`` on ``day``, and a note saying why."""
        actor, note = shape, ""
        if shape in TERRITORIES and shape not in self.actors:
            actor = TERRITORIES[shape]
            note = f"territory of {labels.name(self.registry, actor)}"
        entity = self.registry.get(actor)
        for predecessor, start, until in PREDECESSORS.get(actor, ()):
            before = self.registry.get(predecessor)
            if before is None or not before.existed_on(day):
                continue
            if start is not None and day < parse_date(start).start:
                continue
            limit = parse_date(until) if until is not None else None
            if limit is None and entity is not None:
                limit = entity.start
            if limit is None or day.toordinal() < limit.first:
                return predecessor, f"then part of {labels.name(self.registry, predecessor)}"
        if entity is None or not entity.existed_on(day):
            return None, note
        return actor, note

    # -- time ---------------------------------------------------------------

    def _lifetimes(self, ids: Iterable[str]) -> Iterable[int]:
        for entity_id in ids:
            entity: Entity | None = self.registry.get(entity_id)
            if entity is not None:
                yield from _edges(entity.start)
                yield from _edges(entity.end)

    def change_days(
        self, start: dt.date, end: dt.date, actors: Iterable[str] | None = None
    ) -> list[dt.date]:
        """``start`` and every later day up to ``end`` on which a position may change.

        Positions change only on the first or last day of a record's date,
        the day after it, or where an entity begins or ends; between two
        such days every answer is the same. ``actors`` limits the records
        looked at to theirs (default: every actor, and the shapes' history).
        """
        wanted = None if actors is None else set(actors)
        ordinals: set[int] = set()
        for record in self.ledger.timeline(self.subject):
            event = record.event
            if event is not None and (wanted is None or event.actor in wanted):
                ordinals.update(_edges(event.date))
        ordinals.update(self._lifetimes(self.claimants()))
        if wanted is None:
            shapes = {*PREDECESSORS, *TERRITORIES.values(), *self.actors}
            history = {p for entries in PREDECESSORS.values() for p, _, _ in entries}
            ordinals.update(self._lifetimes(shapes | history))
            for entries in PREDECESSORS.values():
                for _, since, until in entries:
                    ordinals.update(parse_date(d).first for d in (since, until) if d is not None)
        else:
            ordinals.update(self._lifetimes(wanted))
        first, last = start.toordinal(), end.toordinal()
        return [start] + [dt.date.fromordinal(o) for o in sorted(ordinals) if first < o <= last]

    def periods(self, actor: str, start: dt.date, end: dt.date) -> list[Period]:
        """The actor's positions from ``start`` to ``end`` (inclusive), merged into periods."""
        found: list[Period] = []
        stop = end + dt.timedelta(days=1)
        for day in self.change_days(start, end, [actor]):
            status = self.ledger.status(actor, self.subject, on=day)
            category = _category(status)
            if found and (found[-1].category, found[-1].status.status) == (category, status.status):
                continue
            if found:
                found[-1] = attrs.evolve(found[-1], end=day)
            found.append(Period(actor, day, stop, category, status))
        return found


def frame_days(scope: Scope, start: DayLike, end: DayLike, every: str) -> list[dt.date]:
    """The days of an animation's frames.

    ``start``, then every day, week, month (first days of months) or change,
    and ``end``.

    Raises:
        QueryError: ``every`` is not one of :data:`EVERY`, or ``end`` is
            before ``start``.
    """
    first, last = to_day(start), to_day(end)
    if last < first:
        msg = f"end {last} is before start {first}"
        raise QueryError(msg)
    if every == "change":
        return scope.change_days(first, last)
    if every == "day":
        step = 1
    elif every == "week":
        step = _DAYS_PER_WEEK
    elif every == "month":
        return _months(first, last)
    else:
        msg = f"every must be one of {', '.join(EVERY)}, not {every!r}"
        raise QueryError(msg)
    days = [dt.date.fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1, step)]
    if days[-1] != last:
        days.append(last)
    return days


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    days = [first]
    year, month = first.year, first.month
    while True:
        year, month = (year + 1, 1) if month == _DECEMBER else (year, month + 1)
        day = dt.date(year, month, 1)
        if day > last:
            break
        days.append(day)
    if days[-1] != last:
        days.append(last)
    return days
