"""The ledger: an append-only collection of records, and the queries on it.

Records are never removed. A record that supersedes others takes them out
of the ledger's *current* view while they stay in its history, so every
query can also be asked "as known on" a recording day: what did the ledger
say before the correction?

Queries do not scan the ledger: each pair (actor and subject, or two
states) has its own :class:`~recognition.history.History`, sorted by date,
and an as-of question is a binary search in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from recognition import answers as a
from recognition.answers import Change, Conflict, Count, Reading, Status
from recognition.dates import PartialDate, parse_date, to_day
from recognition.entities import Registry, bundled_registry, claimant_seat
from recognition.errors import LedgerError, RecognitionError
from recognition.events import Domain, Event, Kind, Record
from recognition.fields import gc_paused
from recognition.history import Entry, History
from recognition.timelines import CERTAIN, HOLDS, MAYBE, SubjectTimeline

__all__ = ["Ledger", "QueryError"]

DayLike = str | dt.date | PartialDate


class QueryError(RecognitionError, ValueError):
    """A query cannot be answered as asked (e.g. ``who`` about a seat)."""


def _recognition_transition(_before: str, record: Record) -> str:
    assert record.event is not None
    return a.RECOGNISED if record.event.kind is Kind.RECOGNISE else a.WITHDRAWN


def _claimants_of(status: str) -> set[str]:
    return set(status.split(a.DUAL_SEPARATOR)) if "/" in status else set()


def _seat_transition(before: str, record: Record) -> str:
    event = record.event
    assert event is not None
    if event.kind is Kind.NEUTRAL:
        return a.NEUTRAL
    held = _claimants_of(before)
    if event.kind is Kind.WITHDRAW_RECOGNITION:
        held.discard(event.subject)
        return a.DUAL_SEPARATOR.join(sorted(held)) if held else a.WITHDRAWN
    if not event.dual:
        held = set()
    held.add(event.subject)
    return a.DUAL_SEPARATOR.join(sorted(held))


_RELATIONS = {
    Kind.ESTABLISH_RELATIONS: a.ESTABLISHED,
    Kind.RESTORE_RELATIONS: a.ESTABLISHED,
    Kind.SEVER_RELATIONS: a.SEVERED,
    Kind.SUSPEND_RELATIONS: a.SUSPENDED,
}


def _relations_transition(_before: str, record: Record) -> str:
    assert record.event is not None
    return _RELATIONS[record.event.kind]


def _pair(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x <= y else (y, x)


class Ledger:
    """An append-only, queryable collection of records.

    Build one with ``Ledger(records)``, or load one with
    :func:`recognition.load`, :func:`recognition.read_csv` or
    :func:`recognition.read_jsonl`. Every query takes the day as ``on=`` (a
    ``datetime.date`` or ``"YYYY-MM-DD"``) and, optionally, ``known_on=`` to
    ask what the ledger said on a recording day.
    """

    def __init__(self, records: Iterable[Record] = (), *, registry: Registry | None = None) -> None:
        """A ledger holding ``records``, checked as by :meth:`extend`."""
        self._registry = registry
        self._records: list[Record] = []
        self._by_id: dict[str, Record] = {}
        self._superseded_by: dict[str, str] = {}
        self._contradictions: dict[str, set[str]] = {}  # both directions
        self._states: dict[tuple[str, str], History] = {}
        self._seats: dict[tuple[str, str], History] = {}
        self._relations: dict[tuple[str, str], History] = {}
        self._signals: dict[tuple[str, str], list[Record]] = {}
        self._seat_ids: set[str] = set()
        self._actors_of: dict[str, set[str]] = {}  # subject or seat -> actors
        self._subjects_of: dict[str, set[str]] = {}  # actor -> subjects and seats
        self._partners: dict[str, set[str]] = {}  # state -> states it has relations records with
        self._views: dict[int, Ledger] = {}
        self._timelines: dict[str, SubjectTimeline] = {}
        self._kinds: dict[str, str] = {}  # actor -> entity kind, cached
        self._ends: dict[str, int | None] = {}  # claimant -> last day it existed, cached
        self.extend(records)

    # -- building -----------------------------------------------------------

    @property
    def registry(self) -> Registry:
        """The entity registry used to name and classify ids."""
        if self._registry is None:
            self._registry = bundled_registry()
        return self._registry

    def extend(self, records: Iterable[Record]) -> None:
        """Add ``records`` in order, all or none.

        Raises:
            LedgerError: a record id is already used; a record supersedes or
                contradicts an id that is neither in the ledger nor earlier
                in ``records``; or it was recorded before a record it names.
                Nothing is added then.
        """
        batch = list(records)
        pending: dict[str, Record] = {}  # the batch so far, checked against before adding

        def known(record_id: str) -> Record | None:
            return pending.get(record_id) or self._by_id.get(record_id)

        for record in batch:
            if known(record.id) is not None:
                msg = f"duplicate record id {record.id!r}"
                raise LedgerError(msg)
            named = (*record.supersedes, *record.contradicts)
            missing = [old for old in named if known(old) is None]
            if missing:
                msg = (
                    f"record {record.id!r} supersedes or contradicts unknown "
                    f"record(s) {', '.join(missing)}"
                )
                raise LedgerError(msg)
            for old in named:
                earlier = known(old)
                assert earlier is not None
                _check_recorded_after(record, earlier)
            pending[record.id] = record
        with gc_paused():
            for record in batch:
                self._add(record)

    def add(self, record: Record) -> None:
        """Add one record; see :meth:`extend`."""
        self.extend([record])

    def append(
        self,
        event: Event,
        *,
        record_id: str | None = None,
        recorded: DayLike | None = None,
        supersedes: Sequence[str] = (),
        contradicts: Sequence[str] = (),
    ) -> Record:
        """Wrap ``event`` in a new record, add it and return it.

        ``record_id`` defaults to ``r<n>`` with the next free number.
        """
        if record_id is None:
            number = len(self._records) + 1
            while f"r{number}" in self._by_id:
                number += 1
            record_id = f"r{number}"
        record = Record(
            record_id,
            event,
            recorded=parse_date(recorded) if recorded is not None else None,
            supersedes=tuple(supersedes),
            contradicts=tuple(contradicts),
        )
        self.add(record)
        return record

    def _add(self, record: Record) -> None:
        seq = len(self._records)
        self._records.append(record)
        self._by_id[record.id] = record
        self._views.clear()
        self._timelines.clear()
        for old in record.supersedes:
            if old not in self._superseded_by:
                self._superseded_by[old] = record.id
                self._unindex(self._by_id[old])
        for other in record.contradicts:
            self._contradictions.setdefault(record.id, set()).add(other)
            self._contradictions.setdefault(other, set()).add(record.id)
        if record.event is not None and record.id not in self._superseded_by:
            self._index(record, seq)

    def _history_for(self, event: Event, *, create: bool) -> History | None:
        """The history an event belongs in (made when ``create``); ``None`` for signals."""
        actor, subject = event.actor, event.subject
        domain = event.kind.domain
        if domain is Domain.SIGNAL:
            return None
        if domain is Domain.RELATIONS:
            key = _pair(actor, subject)
            history = self._relations.get(key)
            if history is None and create:
                history = self._relations[key] = History(a.UNKNOWN, _relations_transition)
            return history
        seat = claimant_seat(subject) or (subject if event.kind is Kind.NEUTRAL else None)
        histories = self._seats if seat is not None else self._states
        target = seat or subject
        history = histories.get((actor, target))
        if history is None and create:
            if seat is not None:
                history = History(a.NO_STATEMENT, _seat_transition)
                self._seat_ids.add(seat)
            else:
                history = History(a.NOT_RECOGNISED, _recognition_transition)
            histories[actor, target] = history
            self._actors_of.setdefault(target, set()).add(actor)
            self._subjects_of.setdefault(actor, set()).add(target)
        return history

    def _index(self, record: Record, seq: int) -> None:
        event = record.event
        assert event is not None
        history = self._history_for(event, create=True)
        if history is not None:
            history.add(record, seq)
            if event.kind.domain is Domain.RELATIONS:
                _reset_relations_initial(history)
        else:
            self._signals.setdefault(_pair(event.actor, event.subject), []).append(record)
        if event.kind.domain is not Domain.RECOGNITION:
            self._partners.setdefault(event.actor, set()).add(event.subject)
            self._partners.setdefault(event.subject, set()).add(event.actor)

    def _unindex(self, record: Record) -> None:
        """Take a superseded record out of the indexes it is in (only those)."""
        event = record.event
        if event is None:
            return
        history = self._history_for(event, create=False)
        if history is not None:
            history.remove(record.id)
            if event.kind.domain is Domain.RELATIONS:
                _reset_relations_initial(history)
            return
        signals = self._signals.get(_pair(event.actor, event.subject))
        if signals is not None and record in signals:
            signals.remove(record)

    # -- the collection -----------------------------------------------------

    @property
    def records(self) -> tuple[Record, ...]:
        """Every record ever added, superseded ones included, in order."""
        return tuple(self._records)

    def current(self) -> tuple[Record, ...]:
        """The records in force: not superseded, not retractions."""
        return tuple(
            r for r in self._records if r.event is not None and r.id not in self._superseded_by
        )

    def superseded_by(self, record_id: str) -> str | None:
        """The id of the record that superseded ``record_id``, if any."""
        return self._superseded_by.get(record_id)

    def __getitem__(self, record_id: str) -> Record:
        """The record with this id (``KeyError`` if none)."""
        return self._by_id[record_id]

    def __contains__(self, record_id: object) -> bool:
        """True when a record has this id."""
        return record_id in self._by_id

    def __len__(self) -> int:
        """The number of records, superseded ones included."""
        return len(self._records)

    def __iter__(self) -> Iterator[Record]:
        """Every record, in the order added."""
        return iter(self._records)

    def __eq__(self, other: object) -> bool:
        """Equal when both hold equal records in the same order."""
        if not isinstance(other, Ledger):
            return NotImplemented
        return self._records == other._records

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable

    def __repr__(self) -> str:
        """``Ledger(<n> records)``."""
        return f"<Ledger: {len(self._records)} records>"

    def as_known_on(self, day: DayLike) -> Ledger:
        """The ledger as it stood on ``day``: only records recorded by then.

        Records without a recording date count as always known.
        """
        ordinal = to_day(day).toordinal()
        view = self._views.get(ordinal)
        if view is None:
            kept = [r for r in self._records if r.recorded is None or r.recorded.last <= ordinal]
            view = Ledger(kept, registry=self._registry)
            self._views[ordinal] = view
        return view

    def _view(self, known_on: DayLike | None) -> Ledger:
        return self if known_on is None else self.as_known_on(known_on)

    # -- queries ------------------------------------------------------------

    def _actor_kind(self, actor: str) -> str:
        kind = self._kinds.get(actor)
        if kind is None:
            entity = self.registry.get(actor)
            kind = self._kinds[actor] = entity.kind.value if entity is not None else "unknown"
        return kind

    def _is_seat(self, subject: str) -> bool:
        return subject in self._seat_ids or self.registry.is_seat(subject)

    def _evaluate(
        self, history: History, ordinal: int, lapse: _Lapse
    ) -> tuple[Entry | None, str, list[tuple[str, Record, PartialDate | None]]]:
        """The as-of rule on one history: ``(latest, best status, other readings)``.

        Each other reading is ``(status, record, since)``: a possible-last
        entry, or a record that contradicts the latest one. Shared by the
        rich answers and the timelines, so that both read the records alike.
        """
        latest, others = history.possible_last(ordinal)
        best = lapse(latest.status if latest is not None else history.initial)
        found: list[tuple[str, Record, PartialDate | None]] = [
            (lapse(e.status), e.record, _date(e)) for e in others
        ]
        if latest is None or latest.record.id not in self._contradictions:
            return latest, best, found
        for other_id in sorted(self._contradictions[latest.record.id]):
            other = history.find(other_id)
            if other is None or other in others:
                continue
            if other.first <= ordinal:
                # Both have happened and disagree: either may be right.
                found.append((lapse(other.status), other.record, _date(other)))
            else:
                # A later record says this had not happened yet: the status
                # before it is still possible.
                status, previous = history.before(latest)
                since = _date(previous) if previous is not None else None
                found.append((lapse(status), other.record, since))
        return latest, best, found

    def _bits(self, history: History, day: dt.date, subject: str) -> int:
        """The timeline state bits of one history toward ``subject`` on ``day``."""
        _, best, found = self._evaluate(history, day.toordinal(), self._lapse(day))
        holds = a.recognises(best, subject)
        others = {status for status, _, _ in found if status != best}
        if not holds and not any(a.recognises(status, subject) for status in others):
            return 0
        return (HOLDS if holds else 0) | MAYBE | (0 if others else CERTAIN)

    def _answer(self, actor: str, subject: str, day: dt.date, history: History | None) -> Status:
        kind = self._actor_kind(actor)
        if history is None:
            initial = a.NO_STATEMENT if self._is_seat(subject) else a.NOT_RECOGNISED
            return Status(
                actor, subject, day, initial, certain=True, since=None, records=(), actor_kind=kind
            )
        latest, best_status, found = self._evaluate(history, day.toordinal(), self._lapse(day))
        if latest is None:
            best = Reading(best_status, None, ())
        else:
            run = history.run(latest)
            best = Reading(best_status, _date(run[0]), _records(run))
        best_records = list(best.records)
        others: dict[str, tuple[PartialDate | None, list[Record]]] = {}
        for status, record, since in found:
            if status == best_status:
                best_records.append(record)
            elif status not in others:
                others[status] = (since, [record])
            elif record not in others[status][1]:
                others[status][1].append(record)
        alternatives = tuple(
            Reading(status, since, tuple(records)) for status, (since, records) in others.items()
        )
        return Status(
            actor,
            subject,
            day,
            best_status,
            not alternatives,
            best.since,
            tuple(best_records),
            alternatives,
            actor_kind=kind,
        )

    def _lapse(self, day: dt.date) -> _Lapse:
        return _Lapse(self._ends, self.registry, day)

    def status(
        self, actor: str, subject: str, *, on: DayLike, known_on: DayLike | None = None
    ) -> Status:
        """Where ``actor`` stands toward ``subject`` on day ``on``.

        ``subject`` is a state (recognised, withdrawn, not recognised), a seat
        or one of its claimants (the actor's position on the seat).
        """
        view = self._view(known_on)
        day = to_day(on)
        seat = claimant_seat(subject) or (subject if view._is_seat(subject) else None)
        if seat is not None:
            return view._answer(actor, seat, day, view._seats.get((actor, seat)))
        return view._answer(actor, subject, day, view._states.get((actor, subject)))

    def who(
        self, subject: str, *, on: DayLike, known_on: DayLike | None = None
    ) -> tuple[Status, ...]:
        """Who recognises ``subject`` (a state or a claimant) on day ``on``.

        Lists every actor whose best reading recognises it, and, marked
        uncertain, every actor for which some reading does. Sorted by the
        date of the reading that recognises, then by actor id.

        Raises:
            QueryError: ``subject`` is a contested seat; ask about one of its
                claimants instead.
        """
        view = self._view(known_on)
        day = to_day(on)
        timeline = view._timeline(subject)
        found = [view.status(actor, subject, on=day) for actor in timeline.states(day)]
        found.sort(key=lambda answer: _holding_since(answer, subject))
        return tuple(found)

    def recognisers(
        self, subject: str, *, on: DayLike, known_on: DayLike | None = None
    ) -> frozenset[str]:
        """The ids of the actors whose best reading recognises ``subject`` on ``on``.

        The fast path behind maps and counts: no answers, no sources, and
        no uncertain extras (compare :meth:`who`).
        """
        view = self._view(known_on)
        return view._timeline(subject).holders(to_day(on))

    def _timeline(self, subject: str) -> SubjectTimeline:
        timeline = self._timelines.get(subject)
        if timeline is not None:
            return timeline
        seat = claimant_seat(subject)
        if seat is None and self.registry.is_seat(subject):
            claimants = ", ".join(c.id for c in self.registry.claimants(subject))
            msg = f"{subject} is a contested seat; ask who recognises one of {claimants}"
            raise QueryError(msg)
        target = seat or subject
        histories = self._seats if seat is not None else self._states
        lapses = (
            [c.end.last + 1 for c in self.registry.claimants(target) if c.end is not None]
            if seat is not None
            else []
        )

        def breakpoints(actor: str) -> list[int]:
            history = histories[actor, target]
            # A record may start to count on its first day (uncertainly) and
            # counts certainly from its last day on (the as-of rule).
            return [day for e in history for day in (e.first, e.last)] + lapses

        def state(actor: str, day: dt.date) -> int:
            return self._bits(histories[actor, target], day, subject)

        timeline = SubjectTimeline(self._actors_of.get(target, ()), breakpoints, state)
        self._timelines[subject] = timeline
        return timeline

    def recognised_by(
        self, actor: str, *, on: DayLike, known_on: DayLike | None = None
    ) -> tuple[Status, ...]:
        """The states and claimants ``actor`` recognises on day ``on``.

        For each state or seat on which the actor has a record, its status,
        kept when the best reading recognises a state or holds a claimant.
        """
        view = self._view(known_on)
        day = to_day(on)
        found = []
        for target in view._subjects_of.get(actor, ()):
            answer = view.status(actor, target, on=day)
            if answer.status == a.RECOGNISED or answer.claimants:
                found.append(answer)
        found.sort(key=lambda s: s.subject)
        return tuple(found)

    def relations(
        self, first: str, second: str, *, on: DayLike, known_on: DayLike | None = None
    ) -> Status:
        """The state of relations between two states on day ``on``.

        ``established``, ``severed``, ``suspended``; ``none`` when the
        ledger's first record between them establishes relations later;
        ``unknown`` when it has none. ``signals`` lists the latest graded
        signals (one per kind and direction) on or before the day.
        """
        view = self._view(known_on)
        day = to_day(on)
        key = _pair(first, second)
        history = view._relations.get(key)
        if history is None:
            answer = Status(first, second, day, a.UNKNOWN, certain=True, since=None, records=())
        else:
            answer = view._answer(first, second, day, history)
        latest: dict[tuple[str, str, Kind], Record] = {}
        ordinal = day.toordinal()
        for record in view._signals.get(key, ()):
            event = record.event
            assert event is not None
            if event.date.last > ordinal:
                continue
            slot = (event.actor, event.subject, event.kind)
            seen = latest.get(slot)
            if seen is None or _record_date(seen).sort_key <= event.date.sort_key:
                latest[slot] = record
        signals = sorted(latest.values(), key=lambda r: _record_date(r).sort_key, reverse=True)
        return Status(
            first,
            second,
            day,
            answer.status,
            answer.certain,
            answer.since,
            answer.records,
            answer.alternatives,
            actor_kind=self._actor_kind(first),
            signals=tuple(signals),
        )

    def timeline(self, entity: str, *, known_on: DayLike | None = None) -> tuple[Record, ...]:
        """The current records where ``entity`` acts or is the subject (or its seat), by date."""
        view = self._view(known_on)
        found: dict[str, Record] = {}
        seat = claimant_seat(entity)
        histories: list[History] = []
        for target in view._subjects_of.get(entity, ()):
            histories += [
                h
                for h in (view._states.get((entity, target)), view._seats.get((entity, target)))
                if h
            ]
        for actor in view._actors_of.get(seat or entity, ()):
            histories += [
                h
                for h in (
                    view._states.get((actor, entity)),
                    view._seats.get((actor, seat or entity)),
                )
                if h
            ]
        for partner in view._partners.get(entity, ()):
            key = _pair(entity, partner)
            relations = view._relations.get(key)
            if relations is not None:
                histories.append(relations)
            for record in view._signals.get(key, ()):
                found[record.id] = record
        for history in histories:
            for entry in history:
                event = entry.record.event
                assert event is not None
                if seat is None or event.subject == entity:
                    found[entry.record.id] = entry.record
        records = sorted(found.values(), key=lambda r: (*_record_date(r).sort_key, r.id))
        return tuple(records)

    def changes(
        self,
        subject: str,
        *,
        start: DayLike,
        end: DayLike,
        known_on: DayLike | None = None,
    ) -> tuple[Change, ...]:
        """The actors whose status toward ``subject`` differs between two days."""
        view = self._view(known_on)
        first, last = to_day(start), to_day(end)
        seat = claimant_seat(subject) or (subject if view._is_seat(subject) else None)
        target = seat or subject
        found = []
        for actor in sorted(view._actors_of.get(target, ())):
            before = view.status(actor, target, on=first)
            after = view.status(actor, target, on=last)
            if (before.status, before.certain) != (after.status, after.certain):
                found.append(Change(actor, target, before, after))
        found.sort(key=lambda c: (_by_since(c.after), c.actor))
        return tuple(found)

    def count(self, subject: str, *, on: DayLike, known_on: DayLike | None = None) -> Count:
        """How many actors recognise ``subject`` on day ``on``."""
        return self.counts(subject, [on], known_on=known_on)[0]

    def counts(
        self, subject: str, days: Iterable[DayLike], *, known_on: DayLike | None = None
    ) -> tuple[Count, ...]:
        """:meth:`count` for each of ``days``, in one sweep."""
        view = self._view(known_on)
        wanted = [to_day(day) for day in days]
        sure = HOLDS | CERTAIN

        def weigh(actor: str, state: int) -> tuple[int, int, int, int]:
            certain = 1 if state & sure == sure else 0
            maybe = 1 if state & MAYBE else 0
            in_states = certain if view._actor_kind(actor) == "state" else 0
            return certain, maybe - certain, in_states, 1 if state & HOLDS else 0

        tallies = view._timeline(subject).tallies(wanted, weigh, 4)
        return tuple(
            Count(day, certain, uncertain, states, best)
            for day, (certain, uncertain, states, best) in zip(wanted, tallies, strict=True)
        )

    def conflicts(self, *, known_on: DayLike | None = None) -> tuple[Conflict, ...]:
        """Records that disagree; see :class:`~recognition.answers.Conflict`."""
        view = self._view(known_on)
        found: list[Conflict] = []
        for (actor, subject), history in sorted(view._states.items()):
            found.extend(_conflicts_in(actor, subject, history, view._contradictions, seat=False))
        for (actor, seat), history in sorted(view._seats.items()):
            found.extend(_conflicts_in(actor, seat, history, view._contradictions, seat=True))
        for (first, second), history in sorted(view._relations.items()):
            found.extend(_conflicts_in(first, second, history, view._contradictions, seat=False))
        return tuple(found)

    def actors(self, subject: str, *, known_on: DayLike | None = None) -> tuple[str, ...]:
        """The actors with a recognition record on ``subject`` (state, seat or claimant)."""
        view = self._view(known_on)
        target = claimant_seat(subject) or subject
        return tuple(sorted(view._actors_of.get(target, ())))

    def subjects(self) -> tuple[str, ...]:
        """Every state and seat on which some actor has a recognition record."""
        return tuple(sorted(self._actors_of))


class _Lapse:
    """Drops claimants that no longer existed on the day asked about."""

    def __init__(self, ends: dict[str, int | None], registry: Registry, day: dt.date) -> None:
        self._ends = ends  # the ledger's cache: claimant id -> last day it existed
        self._registry = registry
        self._ordinal = day.toordinal()

    def _alive(self, claimant: str) -> bool:
        if claimant not in self._ends:
            entity = self._registry.get(claimant)
            lifetime = entity.end if entity is not None else None
            self._ends[claimant] = lifetime.last if lifetime is not None else None
        last = self._ends[claimant]
        return last is None or self._ordinal <= last

    def __call__(self, status: str) -> str:
        if "/" not in status:
            return status
        held = status.split(a.DUAL_SEPARATOR)
        alive = [claimant for claimant in held if self._alive(claimant)]
        if len(alive) == len(held):
            return status
        return a.DUAL_SEPARATOR.join(alive) if alive else a.LAPSED


def _check_recorded_after(record: Record, old: Record) -> None:
    # A correction (or contradiction) cannot be known before the record it
    # names, or the ledger "as known on" a day between them would hold a
    # dangling reference.
    if old.recorded is None:
        return
    if record.recorded is None or record.recorded.last < old.recorded.last:
        when = record.recorded or "always"
        msg = (
            f"record {record.id!r} (recorded {when}) supersedes {old.id!r}, "
            f"which was recorded later ({old.recorded})"
        )
        raise LedgerError(msg)


def _reset_relations_initial(history: History) -> None:
    # Before the first record that establishes relations there were none;
    # before any other first record (a severance), the ledger cannot tell.
    opening = history.first_entry()
    history.initial = (
        a.NONE if opening is not None and opening.status == a.ESTABLISHED else a.UNKNOWN
    )


def _record_date(record: Record) -> PartialDate:
    assert record.event is not None
    return record.event.date


def _date(entry: Entry) -> PartialDate:
    return _record_date(entry.record)


def _records(run: list[Entry]) -> tuple[Record, ...]:
    return tuple(e.record for e in run)


def _holding_since(answer: Status, subject: str) -> tuple[int, int, str]:
    reading = answer.reading_for(subject)
    since = reading.since if reading is not None else None
    first, last = since.sort_key if since is not None else (0, 0)
    return (first, last, answer.actor)


def _by_since(status: Status) -> tuple[int, str]:
    return (status.since.first if status.since is not None else 0, status.actor)


def _same_source(x: Record, y: Record) -> bool:
    assert x.event is not None
    assert y.event is not None
    return bool(set(x.event.sources) & set(y.event.sources))


def _conflicts_in(
    actor: str,
    subject: str,
    history: History,
    contradictions: dict[str, set[str]],
    *,
    seat: bool,
) -> Iterator[Conflict]:
    entries = list(history)
    for i, x in enumerate(entries):
        for y in entries[i + 1 :]:
            if y.first > x.last:
                break
            if x.status == y.status:
                continue
            same = _same_source(x.record, y.record)
            if same and not seat:
                continue
            kind = "exclusivity" if same else "position"
            yield Conflict(
                kind,
                actor,
                subject,
                (x.record, y.record),
                f"{x.record.id} ({_date(x)}) gives {x.status}, {y.record.id} ({_date(y)}) "
                f"gives {y.status}, and their dates cannot be ordered",
            )
    for later in entries:
        for other_id in sorted(contradictions.get(later.record.id, ())):
            earlier = history.find(other_id)
            if earlier is None or earlier.key >= later.key:
                continue
            ex, ey = earlier.record.event, later.record.event
            assert ex is not None
            assert ey is not None
            if earlier.status == later.status:
                kind, what = (
                    "date",
                    f"dates this {ex.kind} {ex.date}, {later.record.id} dates it {ey.date}",
                )
            elif earlier.last >= later.first:
                continue  # already reported above: their dates cannot be ordered
            else:
                kind, what = (
                    "position",
                    f"gives {earlier.status}, {later.record.id} gives {later.status}",
                )
            records = (earlier.record, later.record)
            yield Conflict(kind, actor, subject, records, f"{earlier.record.id} {what}")
