"""The ledger: an append-only collection of records, and the queries on it.

Records are never removed. A record that supersedes others takes them out
of the ledger's *current* view while they stay in its history, so every
query can also be asked "as known on" a recording day: what did the ledger
say before the correction?

The records are kept in columns (:class:`~recognition.store.RecordStore`).
Queries do not scan them: on the first query after a change, the records
in force are indexed (:class:`~recognition.index.Index`): each pair (actor
and subject, or two states) gets its history, sorted by date, and an as-of
question is a binary search in it.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence

from recognition import answers as a
from recognition.answers import Change, Conflict, Count, Reading, Status
from recognition.dates import PartialDate, parse_date, to_day
from recognition.entities import Registry, bundled_registry, claimant_seat
from recognition.errors import LedgerError, RecognitionError
from recognition.events import Event, Kind, Record
from recognition.fields import gc_paused
from recognition.history import History
from recognition.index import Index, in_force, pair
from recognition.store import RecordStore
from recognition.timelines import CERTAIN, HOLDS, MAYBE, SubjectTimeline
from recognition.trusted import setters

__all__ = ["Ledger", "Loader", "QueryError"]

DayLike = str | dt.date | PartialDate

_BULK = 4096  # records added at once, after which the store is compacted


class QueryError(RecognitionError, ValueError):
    """A query cannot be answered as asked (e.g. ``who`` about a seat)."""


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
        self._store = RecordStore()
        self._rows: array[int] | None = None  # a view's rows; None: every row of the store
        self._superseded_by: dict[int, int] = {}  # row -> the row that superseded it
        self._contradictions: dict[int, set[int]] = {}  # both directions
        self._index_cache: Index | None = None
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
                in ``records``; or it was recorded before a record it names;
                or this ledger is a view :meth:`as_known_on` a day. Nothing
                is added then.
        """
        if self._rows is not None:
            msg = "a ledger as known on a day is a read-only view; add to the ledger itself"
            raise LedgerError(msg)
        store = self._store
        start = len(store)
        try:
            with gc_paused():
                for record in records:
                    self._check(record)
                    store.append(record)
        except BaseException:
            store.truncate(start)
            self._link()
            raise
        if len(store) > start:
            if len(store) - start >= _BULK:
                store.compact()
            self._link(start)
            self._changed()

    def _check(self, record: Record) -> None:
        self._check_new(record.id, (*record.supersedes, *record.contradicts), record.recorded)

    def _check_new(
        self, record_id: str, named: Sequence[str], recorded: PartialDate | None
    ) -> None:
        if self._store.find(record_id) is not None:
            msg = f"duplicate record id {record_id!r}"
            raise LedgerError(msg)
        self._check_named(record_id, named, recorded)

    def _check_named(
        self, record_id: str, named: Sequence[str], recorded: PartialDate | None
    ) -> None:
        store = self._store
        rows = [store.find(old) for old in named]
        missing = [old for old, row in zip(named, rows, strict=True) if row is None]
        if missing:
            msg = (
                f"record {record_id!r} supersedes or contradicts unknown "
                f"record(s) {', '.join(missing)}"
            )
            raise LedgerError(msg)
        for old, row in zip(named, rows, strict=True):
            assert row is not None
            _check_recorded_after(record_id, recorded, old, store.recorded(row))

    def _link(self, start: int = 0) -> None:
        """Note which rows from ``start`` on supersede and contradict which."""
        store = self._store
        if start == 0:
            self._superseded_by.clear()
            self._contradictions.clear()
        wanted = self._rows_set()

        def linked(rows: dict[int, tuple[str, ...]]) -> Iterator[tuple[int, int]]:
            """(row, the row it names), for the rows from ``start`` on in this ledger."""
            for row, named in sorted(rows.items()):
                if row >= start and (wanted is None or row in wanted):
                    for old in named:
                        found = store.find(old)
                        assert found is not None
                        yield row, found

        for row, old in linked(store.superseding_rows()):
            self._superseded_by.setdefault(old, row)
        for row, other in linked(store.contradicting_rows()):
            self._contradictions.setdefault(row, set()).add(other)
            self._contradictions.setdefault(other, set()).add(row)

    def _rows_set(self) -> set[int] | None:
        return set(self._rows) if self._rows is not None else None

    def _changed(self) -> None:
        self._index_cache = None
        self._views.clear()
        self._timelines.clear()

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
            number = len(self) + 1
            while f"r{number}" in self:
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

    @property
    def _index(self) -> Index:
        index = self._index_cache
        if index is None:
            store = self._store
            with gc_paused():
                index = Index(store, in_force(store, self._rows, self._superseded_by))
            self._index_cache = index
        return index

    # -- the collection -----------------------------------------------------

    def _all_rows(self) -> Iterable[int]:
        return self._rows if self._rows is not None else range(len(self._store))

    def _row(self, record_id: str) -> int | None:
        row = self._store.find(record_id)
        if row is None or self._rows is None:
            return row
        index = bisect_left(self._rows, row)
        return row if index < len(self._rows) and self._rows[index] == row else None

    @property
    def records(self) -> tuple[Record, ...]:
        """Every record ever added, superseded ones included, in order."""
        return tuple(self)

    def current(self) -> tuple[Record, ...]:
        """The records in force: not superseded, not retractions."""
        store = self._store
        return tuple(
            store.record(r)
            for r in self._all_rows()
            if not store.is_retraction(r) and r not in self._superseded_by
        )

    def superseded_by(self, record_id: str) -> str | None:
        """The id of the record that superseded ``record_id``, if any."""
        row = self._row(record_id)
        by = self._superseded_by.get(row) if row is not None else None
        return self._store.id(by) if by is not None else None

    def __getitem__(self, record_id: str) -> Record:
        """The record with this id (``KeyError`` if none)."""
        row = self._row(record_id)
        if row is None:
            raise KeyError(record_id)
        return self._store.record(row)

    def __contains__(self, record_id: object) -> bool:
        """True when a record has this id."""
        return isinstance(record_id, str) and self._row(record_id) is not None

    def __len__(self) -> int:
        """The number of records, superseded ones included."""
        return len(self._rows) if self._rows is not None else len(self._store)

    def __iter__(self) -> Iterator[Record]:
        """Every record, in the order added."""
        return map(self._store.record, self._all_rows())

    def __eq__(self, other: object) -> bool:
        """Equal when both hold equal records in the same order."""
        if not isinstance(other, Ledger):
            return NotImplemented
        return len(self) == len(other) and all(x == y for x, y in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable

    def __repr__(self) -> str:
        """``Ledger(<n> records)``."""
        return f"<Ledger: {len(self)} records>"

    def as_known_on(self, day: DayLike) -> Ledger:
        """The ledger as it stood on ``day``: only records recorded by then.

        Records without a recording date count as always known. The view is
        read-only and shares this ledger's records.
        """
        ordinal = to_day(day).toordinal()
        view = self._views.get(ordinal)
        if view is None:
            recorded = self._store.recorded_rows()
            rows = array(
                "I",
                (
                    r
                    for r in self._all_rows()
                    if (when := recorded.get(r)) is None or when.last <= ordinal
                ),
            )
            view = Ledger(registry=self._registry)
            view._store = self._store
            view._rows = rows
            view._kinds = self._kinds
            view._ends = self._ends
            view._link()
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
        return subject in self._index.seat_ids or self.registry.is_seat(subject)

    def _evaluate(
        self, history: History, ordinal: int
    ) -> tuple[int | None, str, list[tuple[str, int, PartialDate | None]]]:
        """The as-of rule on one history: ``(latest, best status, other readings)``.

        ``latest`` is a position in ``history``. Each other reading is
        ``(status, position, since)``: a possible-last record, or a record
        that contradicts the latest one. Shared by the rich answers and the
        timelines, so that both read the records alike.
        """
        latest, others = history.possible_last(ordinal)
        lapse = self._lapse
        best = self._best(history, latest, ordinal)
        found: list[tuple[str, int, PartialDate | None]] = [
            (lapse(history.status(p), ordinal), p, history.date(p)) for p in others
        ]
        if latest is None:
            return latest, best, found
        contradicting = self._contradictions.get(history.row(latest))
        if not contradicting:
            return latest, best, found
        for other_row in sorted(contradicting, key=self._store.id):
            other = history.find(other_row)
            if other is None or other in others:
                continue
            if history.first(other) <= ordinal:
                # Both have happened and disagree: either may be right.
                found.append((lapse(history.status(other), ordinal), other, history.date(other)))
            else:
                # A later record says this had not happened yet: the status
                # before it is still possible.
                status, previous = history.before(latest)
                since = history.date(previous) if previous is not None else None
                found.append((lapse(status, ordinal), other, since))
        return latest, best, found

    def _bits(self, history: History, day: dt.date, subject: str) -> int:
        """The timeline state bits of one history toward ``subject`` on ``day``."""
        _, best, found = self._evaluate(history, day.toordinal())
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
        latest, best_status, found = self._evaluate(history, day.toordinal())
        best_positions: list[int] = []
        since = None
        if latest is not None:
            run = history.run(latest)
            since = history.date(run[0])
            best_positions.extend(run)
        others: dict[str, tuple[PartialDate | None, list[int]]] = {}
        for status, position, when in found:
            if status == best_status:
                best_positions.append(position)
            elif status not in others:
                others[status] = (when, [position])
            elif position not in others[status][1]:
                others[status][1].append(position)
        alternatives = tuple(
            Reading(status, when, tuple(map(history.record, positions)))
            for status, (when, positions) in others.items()
        )
        return Status(
            actor,
            subject,
            day,
            best_status,
            not alternatives,
            since,
            tuple(map(history.record, best_positions)),
            alternatives,
            actor_kind=kind,
        )

    def _best(self, history: History, latest: int | None, ordinal: int) -> str:
        """The best reading: the status ``latest`` leaves behind (or the initial one)."""
        status = history.status(latest) if latest is not None else history.initial
        return self._lapse(status, ordinal)

    def _lapse(self, status: str, ordinal: int) -> str:
        """``status`` without the claimants that no longer existed on the day ``ordinal``."""
        if "/" not in status:
            return status
        held = status.split(a.DUAL_SEPARATOR)
        alive = [claimant for claimant in held if self._alive(claimant, ordinal)]
        if len(alive) == len(held):
            return status
        return a.DUAL_SEPARATOR.join(alive) if alive else a.LAPSED

    def _alive(self, claimant: str, ordinal: int) -> bool:
        if claimant not in self._ends:
            entity = self.registry.get(claimant)
            lifetime = entity.end if entity is not None else None
            self._ends[claimant] = lifetime.last if lifetime is not None else None
        last = self._ends[claimant]
        return last is None or ordinal <= last

    def _history(self, actor: str, subject: str) -> tuple[str, History | None]:
        """The subject a status is about (a seat for a claimant) and its history."""
        index = self._index
        seat = claimant_seat(subject) or (subject if self._is_seat(subject) else None)
        if seat is not None:
            return seat, index.seat(actor, seat)
        return subject, index.state(actor, subject)

    def status(
        self, actor: str, subject: str, *, on: DayLike, known_on: DayLike | None = None
    ) -> Status:
        """Where ``actor`` stands toward ``subject`` on day ``on``.

        ``subject`` is a state (recognised, withdrawn, not recognised), a seat
        or one of its claimants (the actor's position on the seat).
        """
        view = self._view(known_on)
        target, history = view._history(actor, subject)
        return view._answer(actor, target, to_day(on), history)

    def status_of(
        self, actor: str, subject: str, *, on: DayLike, known_on: DayLike | None = None
    ) -> str:
        """The status of the best reading of ``actor`` toward ``subject`` on ``on``.

        ``ledger.status(actor, subject, on=day).status``, without the answer
        around it: no records, no sources, no alternatives. The fast path
        for panels of many (actor, day) questions; compare :meth:`status`
        as :meth:`recognisers` compares to :meth:`who`.
        """
        view = self._view(known_on)
        ordinal = to_day(on).toordinal()
        target, history = view._history(actor, subject)
        if history is None:
            return a.NO_STATEMENT if view._is_seat(target) else a.NOT_RECOGNISED
        latest, _ = history.possible_last(ordinal)
        return view._best(history, latest, ordinal)

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
        index = self._index
        find = index.seat if seat is not None else index.state
        lapses = (
            [c.end.last + 1 for c in self.registry.claimants(target) if c.end is not None]
            if seat is not None
            else []
        )
        histories: dict[str, History] = {}
        for actor in index.actors_of.get(target, ()):
            history = find(actor, target)
            if history is not None:
                histories[actor] = history

        def breakpoints(actor: str) -> list[int]:
            history = histories[actor]
            # A record may start to count on its first day (uncertainly) and
            # counts certainly from its last day on (the as-of rule).
            return [day for p in history for day in (history.first(p), history.last(p))] + lapses

        def state(actor: str, day: dt.date) -> int:
            return self._bits(histories[actor], day, subject)

        timeline = SubjectTimeline(histories, breakpoints, state)
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
        for target in view._index.subjects_of.get(actor, ()):
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
        index = view._index
        history = index.relation(first, second)
        if history is None:
            answer = Status(first, second, day, a.UNKNOWN, certain=True, since=None, records=())
        else:
            answer = view._answer(first, second, day, history)
        store = view._store
        latest: dict[tuple[str, str, Kind], int] = {}
        ordinal = day.toordinal()
        for row in index.signals.get(pair(first, second), ()):
            date = store.date(row)
            if date.last > ordinal:
                continue
            slot = (store.actor(row), store.subject(row), store.kind(row))
            seen = latest.get(slot)
            if seen is None or store.date(seen).sort_key <= date.sort_key:
                latest[slot] = row
        rows = sorted(latest.values(), key=lambda r: store.date(r).sort_key, reverse=True)
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
            signals=tuple(map(store.record, rows)),
        )

    def timeline(self, entity: str, *, known_on: DayLike | None = None) -> tuple[Record, ...]:
        """The current records where ``entity`` acts or is the subject (or its seat), by date."""
        view = self._view(known_on)
        index = view._index
        store = view._store
        seat = claimant_seat(entity)
        histories: list[History | None] = []
        for target in index.subjects_of.get(entity, ()):
            histories += [index.state(entity, target), index.seat(entity, target)]
        for actor in index.actors_of.get(seat or entity, ()):
            histories += [index.state(actor, entity), index.seat(actor, seat or entity)]
        rows: set[int] = set()
        for partner in index.partners.get(entity, ()):
            histories.append(index.relation(entity, partner))
            rows.update(index.signals.get(pair(entity, partner), ()))
        for history in histories:
            if history is None:
                continue
            for position in history:
                row = history.row(position)
                if seat is None or store.subject(row) == entity:
                    rows.add(row)
        records = sorted(map(store.record, rows), key=lambda r: (*_record_date(r).sort_key, r.id))
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
        for actor in view._index.actors_of.get(target, ()):
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
        return tuple(map(_count, wanted, tallies))

    def conflicts(self, *, known_on: DayLike | None = None) -> tuple[Conflict, ...]:
        """Records that disagree; see :class:`~recognition.answers.Conflict`."""
        view = self._view(known_on)
        index = view._index
        found: list[Conflict] = []
        for histories, seat in ((index.states, False), (index.seats, True)):
            for actor, subject, history in index.pairs(histories):
                found.extend(view._conflicts_in(actor, subject, history, seat=seat))
        for first, second, _ in index.pairs(index.relations):
            relation = index.relation(first, second)
            assert relation is not None
            found.extend(view._conflicts_in(first, second, relation, seat=False))
        return tuple(found)

    def _conflicts_in(
        self, actor: str, subject: str, history: History, *, seat: bool
    ) -> Iterator[Conflict]:
        store = self._store
        status, record, date = history.status, history.record, history.date
        for x in history:
            for y in range(x + 1, history.stop):
                if history.first(y) > history.last(x):
                    break
                if status(x) == status(y):
                    continue
                same = bool(
                    set(store.source_codes(history.row(x)))
                    & set(store.source_codes(history.row(y)))
                )
                if same and not seat:
                    continue
                kind = "exclusivity" if same else "position"
                rx, ry = record(x), record(y)
                yield Conflict(
                    kind,
                    actor,
                    subject,
                    (rx, ry),
                    f"{rx.id} ({date(x)}) gives {status(x)}, {ry.id} ({date(y)}) "
                    f"gives {status(y)}, and their dates cannot be ordered",
                )
        for later in history:
            contradicting = self._contradictions.get(history.row(later), ())
            for other_row in sorted(contradicting, key=store.id):
                earlier = history.find(other_row)
                if earlier is None or history.key(earlier) >= history.key(later):
                    continue
                re, rl = record(earlier), record(later)
                if status(earlier) == status(later):
                    what = f"dates this {store.kind(history.row(earlier))} {date(earlier)}, "
                    kind, what = "date", what + f"{rl.id} dates it {date(later)}"
                elif history.last(earlier) >= history.first(later):
                    continue  # already reported above: their dates cannot be ordered
                else:
                    kind, what = (
                        "position",
                        f"gives {status(earlier)}, {rl.id} gives {status(later)}",
                    )
                yield Conflict(kind, actor, subject, (re, rl), f"{re.id} {what}")

    def actors(self, subject: str, *, known_on: DayLike | None = None) -> tuple[str, ...]:
        """The actors with a recognition record on ``subject`` (state, seat or claimant)."""
        view = self._view(known_on)
        target = claimant_seat(subject) or subject
        return view._index.actors_of.get(target, ())

    def subjects(self) -> tuple[str, ...]:
        """Every state and seat on which some actor has a recognition record."""
        return tuple(sorted(self._index.actors_of))


class Loader:
    """Fills a new ledger with records given by their fields, as a reader parses them.

    A reader of millions of rows cannot afford to build a :class:`Record`
    per row only for the ledger to take it apart: it checks each row's
    fields (as :class:`~recognition.events.Event` would, with
    :func:`~recognition.events.check_event`), calls :meth:`check` and
    :meth:`add`, and then :meth:`finish`.
    """

    def __init__(self, registry: Registry) -> None:
        """A loader into a new, empty ledger."""
        self._ledger = Ledger(registry=registry)
        self._store = self._ledger._store
        #: :meth:`RecordStore.append_row`: one record.
        self.add = self._store.append_row
        #: :meth:`RecordStore.extend_plain`: many plain records, new ids checked first.
        self.add_plain = self._store.extend_plain
        #: :meth:`RecordStore.known`: whether any of these ids is taken.
        self.known = self._store.known
        #: :meth:`RecordStore.append`: a record already made.
        self.append = self._store.append
        #: :meth:`RecordStore.cite`: further sources of records added.
        self.cite = self._store.cite
        #: The store's codes of values, for :meth:`add_plain` and :meth:`cite`.
        self.entity_code = self._store.entity_code
        self.date_code = self._store.date_code
        self.source_code = self._store.source_code
        #: :meth:`RecordStore.entities`: every entity id, by its code.
        self.entities = self._store.entities

    def check(self, record_id: str, named: Sequence[str], recorded: PartialDate | None) -> None:
        """Raise :class:`LedgerError` unless the records ``named`` may be named by this one.

        The caller has checked that ``record_id`` is new (see :meth:`line`).
        """
        if named:
            self._ledger._check_named(record_id, named, recorded)

    def line(self, record_id: str) -> int | None:
        """The line a record was read from, if it was added from a file."""
        row = self._store.find(record_id)
        return self._store.line(row) if row is not None else None

    def finish(self) -> Ledger:
        """The ledger, with every record added."""
        self._store.compact()
        self._ledger._link()
        self._ledger._changed()
        return self._ledger


def _check_recorded_after(
    record_id: str, recorded: PartialDate | None, old: str, old_recorded: PartialDate | None
) -> None:
    # A correction (or contradiction) cannot be known before the record it
    # names, or the ledger "as known on" a day between them would hold a
    # dangling reference.
    if old_recorded is None:
        return
    if recorded is None or recorded.last < old_recorded.last:
        when = recorded or "always"
        msg = (
            f"record {record_id!r} (recorded {when}) supersedes {old!r}, "
            f"which was recorded later ({old_recorded})"
        )
        raise LedgerError(msg)


_on, _certain, _uncertain, _states, _best = setters(Count)


def _count(day: dt.date, tally: tuple[int, ...]) -> Count:
    # A series has a Count per day: made without attrs' __init__, which
    # costs more than the sweep that counted them.
    count: Count = object.__new__(Count)
    _on(count, day)
    _certain(count, tally[0])
    _uncertain(count, tally[1])
    _states(count, tally[2])
    _best(count, tally[3])
    return count


def _record_date(record: Record) -> PartialDate:
    assert record.event is not None
    return record.event.date


def _holding_since(answer: Status, subject: str) -> tuple[int, int, str]:
    reading = answer.reading_for(subject)
    since = reading.since if reading is not None else None
    first, last = since.sort_key if since is not None else (0, 0)
    return (first, last, answer.actor)


def _by_since(status: Status) -> tuple[int, str]:
    return (status.since.first if status.since is not None else 0, status.actor)
