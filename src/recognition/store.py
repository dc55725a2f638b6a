"""Records kept in columns: a few bytes per record, objects made on access.

A ledger of millions of records cannot afford a Python object per field:
a :class:`~recognition.events.Record` with its
:class:`~recognition.events.Event` and id string takes some 500 bytes. A
:class:`RecordStore` keeps one row per record in typed arrays instead:
codes for the actor, the subject, the kind and the date (each distinct
entity id, date, source and CAMEO code is kept once, in a table), offsets
into a list of source codes, the record id as UTF-8 in one byte buffer,
and the rare fields (notes, recording dates, supersedes, contradicts) in
dictionaries keyed by row. :meth:`RecordStore.record` rebuilds an equal
:class:`Record` from its row.

Ids are found by binary search in a sorted array of their hashes, so no
string object per id is kept either.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import accumulate, repeat
from typing import Any, Generic, TypeVar

import numpy as np

from recognition.dates import PartialDate
from recognition.events import DEFAULT_CAMEO, Event, Kind, Mode, Record, Source
from recognition.trusted import setters

__all__ = ["CACHED", "KINDS", "RecordStore", "typed_array"]

#: The kinds, by the kind code of a row minus one (0 is a retraction).
KINDS: tuple[Kind, ...] = tuple(Kind)
_KIND_CODES = {kind: code + 1 for code, kind in enumerate(KINDS)}
_MODES: tuple[Mode | None, ...] = (None, *Mode)
_MODE_CODES = {mode: code for code, mode in enumerate(_MODES)}

_DUAL = 1
_DISPUTED = 2
_MODE_SHIFT = 2  # the mode's code sits above the two flags

_RECENT = 1 << 16  # ids kept in a dict before they are sorted in

#: How many records made from their rows a store keeps for reuse.
CACHED = 1 << 14

V = TypeVar("V")


# Rebuilding a stored record must not pay for its validators and converters
# again: they ran when it was added, and the stored row holds exactly the
# values they produced.
_new = object.__new__
_actor, _subject, _kind, _date, _sources, _mode, _dual, _disputed, _cameo, _note = setters(Event)
_id, _event, _recorded, _supersedes, _contradicts, _origin = setters(Record)


def _make_event(  # noqa: PLR0917 - the fields of an Event, in order
    actor: str,
    subject: str,
    kind: Kind,
    date: PartialDate,
    sources: tuple[Source, ...],
    mode: Mode | None,
    dual: bool,  # noqa: FBT001
    disputed: bool,  # noqa: FBT001
    cameo: str,
    note: str,
) -> Event:
    event: Event = _new(Event)
    _actor(event, actor)
    _subject(event, subject)
    _kind(event, kind)
    _date(event, date)
    _sources(event, sources)
    _mode(event, mode)
    _dual(event, dual)
    _disputed(event, disputed)
    _cameo(event, cameo)
    _note(event, note)
    return event


def _make_record(  # noqa: PLR0917 - the fields of a Record, in order
    record_id: str,
    event: Event | None,
    recorded: PartialDate | None,
    supersedes: tuple[str, ...],
    contradicts: tuple[str, ...],
    origin: str | None,
) -> Record:
    record: Record = _new(Record)
    _id(record, record_id)
    _event(record, event)
    _recorded(record, recorded)
    _supersedes(record, supersedes)
    _contradicts(record, contradicts)
    _origin(record, origin)
    return record


def typed_array(typecode: str, values: np.ndarray[Any, Any]) -> array[int]:
    """An :mod:`array` of ``typecode`` with the values of a numpy array, which fit its type.

    Queries read arrays item by item, which costs far less than reading
    numpy arrays so; numpy builds them.
    """
    found = array(typecode)
    found.frombytes(values.astype(np.dtype(typecode), copy=False).tobytes())
    return found


class _Table(Generic[V]):
    """Interns values: each distinct one gets a small integer code.

    The maps from value to code are needed only while values are added;
    :meth:`shrink` drops them, and the next :meth:`code` rebuilds them.
    """

    __slots__ = ("codes", "same", "values")

    def __init__(self, values: Iterable[V] = ()) -> None:
        self.values: list[V] = []
        self.codes: dict[V, int] = {}
        # Readers pass the same object for equal values; finding it by
        # identity skips hashing its fields. Every object whose id is a key
        # here is kept alive in ``values``, so an id cannot be reused.
        self.same: dict[int, int] = {}
        for value in values:
            self.code(value)

    def code(self, value: V) -> int:
        found = self.same.get(id(value))
        if found is not None:
            return found
        self._ensure_maps()
        found = self.codes.setdefault(value, len(self.values))
        if found == len(self.values):
            self.values.append(value)
            self.same[id(value)] = found
        return found

    def _ensure_maps(self) -> None:
        """Rebuild the maps :meth:`shrink` dropped."""
        if len(self.codes) < len(self.values):
            self.codes = {v: code for code, v in enumerate(self.values)}
            self.same = {id(v): code for code, v in enumerate(self.values)}

    def shrink(self) -> None:
        self.codes = {}
        self.same = {}


def _flags(mode: Mode | None, dual: bool, disputed: bool) -> int:  # noqa: FBT001 - positional on purpose, from tuples
    return (
        (_DUAL if dual else 0) | (_DISPUTED if disputed else 0) | (_MODE_CODES[mode] << _MODE_SHIFT)
    )


def _split_origin(origin: str) -> tuple[str, int]:
    """``path:line`` as ``(path, line)``; any other text as ``(text, 0)``."""
    head, _, tail = origin.rpartition(":")
    if head and tail.isdigit() and tail[0] != "0":
        return head, int(tail)
    return origin, 0


class RecordStore:
    """An append-only table of records, one row each, in order of arrival.

    Rows are numbered from 0. The store checks nothing about what it is
    given beyond what it needs to store it; the ledger checks ids and
    references before it appends.
    """

    __slots__ = (
        "_actor",
        "_cache",
        "_cameo",
        "_cameos",
        "_contradicts",
        "_date",
        "_dates",
        "_entities",
        "_flags",
        "_hash_rows",
        "_hashes",
        "_id_end",
        "_id_text",
        "_kind",
        "_notes",
        "_origin_file",
        "_origin_line",
        "_origins",
        "_recent",
        "_recorded",
        "_source_end",
        "_source_list",
        "_sources",
        "_subject",
        "_supersedes",
    )

    def __init__(self) -> None:
        """An empty store."""
        self._entities: _Table[str] = _Table()
        self._dates: _Table[PartialDate] = _Table()
        self._sources: _Table[Source] = _Table()
        self._cameos: _Table[str] = _Table([""])  # 0: the kind's default code
        self._origins: _Table[str | None] = _Table([None])  # an origin's text before ":line"
        self._id_text = bytearray()
        self._id_end = array("I")
        self._actor = array("I")
        self._subject = array("I")
        self._kind = array("B")
        self._date = array("I")
        self._flags = array("B")
        self._cameo = array("H")
        self._source_end = array("I")
        self._source_list = array("I")
        self._origin_file = array("I")
        self._origin_line = array("I")
        self._recorded: dict[int, PartialDate] = {}
        self._cache: dict[int, Record] = {}  # rows -> records made lately, oldest first
        self._notes: dict[int, str] = {}
        self._supersedes: dict[int, tuple[str, ...]] = {}
        self._contradicts: dict[int, tuple[str, ...]] = {}
        # Ids are found by their hash: sorted hashes with their rows, and the
        # latest ids in a dict until there are enough of them to sort in.
        self._hashes = array("q")
        self._hash_rows = array("I")
        self._recent: dict[str, int] = {}

    def __len__(self) -> int:
        """The number of rows."""
        return len(self._id_end)

    def __getstate__(self) -> dict[str, object]:
        """The columns, for pickling: not what depends on this process.

        String hashes and object ids differ from one process to another, so
        the id index and the tables' maps are rebuilt on unpickling.
        """
        self.compact()
        state: dict[str, object] = {name: getattr(self, name) for name in self.__slots__}
        for name in ("_hashes", "_hash_rows", "_recent", "_cache"):
            del state[name]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        """Restore the columns and rebuild the id index."""
        for name, value in state.items():
            setattr(self, name, value)
        self._cache = {}
        self._hashes = array("q")
        self._hash_rows = array("I")
        self._recent = {self.id(row): row for row in range(len(self))}
        self.compact()

    # -- appending ------------------------------------------------------------

    def append(self, record: Record) -> int:
        """Store ``record`` as a new row and return its number.

        The caller has checked that its id is new (see :meth:`find`).
        """
        event = record.event
        if event is None:
            return self.append_row(
                record.id,
                None,
                recorded=record.recorded,
                supersedes=record.supersedes,
                origin=record.origin,
            )
        return self.append_row(
            record.id,
            event.kind,
            actor=event.actor,
            subject=event.subject,
            date=event.date,
            sources=event.sources,
            mode=event.mode,
            dual=event.dual,
            disputed=event.disputed,
            cameo=event.cameo,
            note=event.note,
            recorded=record.recorded,
            supersedes=record.supersedes,
            contradicts=record.contradicts,
            origin=record.origin,
        )

    def append_row(
        self,
        record_id: str,
        kind: Kind | None,
        *,
        actor: str = "",
        subject: str = "",
        date: PartialDate | None = None,
        sources: Sequence[Source] = (),
        mode: Mode | None = None,
        dual: bool = False,
        disputed: bool = False,
        cameo: str = "",
        note: str = "",
        recorded: PartialDate | None = None,
        supersedes: tuple[str, ...] = (),
        contradicts: tuple[str, ...] = (),
        origin: str | None = None,
        line: int = 0,
    ) -> int:
        """Store a record from its fields (``kind`` ``None``: a retraction).

        The fields must be what :class:`Record` and :class:`Event` would
        hold (see :func:`~recognition.events.check_event`); an empty
        ``cameo`` is the kind's default. ``origin`` and ``line`` stand for
        the origin ``origin:line`` (or ``origin`` alone when ``line`` is 0).
        """
        row = len(self._id_end)
        self._id_text += record_id.encode()
        self._id_end.append(len(self._id_text))
        if kind is None or date is None:
            self._actor.append(0)
            self._subject.append(0)
            self._kind.append(0)
            self._date.append(0)
            self._flags.append(0)
            self._cameo.append(0)
        else:
            entities = self._entities
            self._actor.append(entities.same.get(id(actor)) or entities.code(actor))
            self._subject.append(entities.same.get(id(subject)) or entities.code(subject))
            self._kind.append(_KIND_CODES[kind])
            self._date.append(self._dates.same.get(id(date)) or self._dates.code(date))
            self._flags.append(_flags(mode, dual, disputed))
            self._cameo.append(self._cameo_code(kind, cameo))
            same, code = self._sources.same.get, self._sources.code
            self._source_list.extend([same(id(s)) or code(s) for s in sources])
            if note:
                self._notes[row] = note
        self._source_end.append(len(self._source_list))
        if line == 0 and origin is not None:
            origin, line = _split_origin(origin)
        self._origin_file.append(self._origins.code(origin))
        self._origin_line.append(line)
        if recorded is not None:
            self._recorded[row] = recorded
        if supersedes:
            self._supersedes[row] = supersedes
        if contradicts:
            self._contradicts[row] = contradicts
        self._index_id(record_id, row)
        return row

    def extend_plain(
        self,
        ids: Sequence[str],
        *,
        actors: Sequence[int],
        subjects: Sequence[int],
        dates: Sequence[int],
        sources: Sequence[int],
        notes: Sequence[str],
        kinds: Sequence[tuple[Kind, Mode | None, bool, bool, str]],
        origin: str,
        lines: Sequence[int],
    ) -> None:
        """Store many plain records at once, given by columns.

        Plain: none is a retraction, has a recording date, supersedes or
        contradicts. ``actors``, ``subjects``, ``dates`` and ``sources``
        are codes (see :meth:`entity_code`, :meth:`date_code` and
        :meth:`source_code`), one source per record (:meth:`cite` adds
        more); ``kinds`` holds each record's (kind, mode, dual, disputed,
        cameo), as :meth:`append_row` takes them. The caller has checked
        that the ids are new and distinct.
        """
        start = len(self)
        encoded = [record_id.encode() for record_id in ids]
        ends = accumulate(map(len, encoded), initial=len(self._id_text))
        next(ends)
        self._id_end.extend(ends)
        self._id_text += b"".join(encoded)
        self._actor.extend(actors)
        self._subject.extend(subjects)
        self._date.extend(dates)
        first = len(self._source_list) + 1
        self._source_end.extend(range(first, first + len(sources)))
        self._source_list.extend(sources)
        coded = {
            kind: (_KIND_CODES[kind[0]], _flags(*kind[1:4]), self._cameo_code(kind[0], kind[4]))
            for kind in set(kinds)
        }
        codes = [coded[kind] for kind in kinds]
        self._kind.extend([code[0] for code in codes])
        self._flags.extend([code[1] for code in codes])
        self._cameo.extend([code[2] for code in codes])
        self._notes.update((row, note) for row, note in enumerate(notes, start) if note)
        self._origin_file.extend(repeat(self._origins.code(origin), len(ids)))
        self._origin_line.extend(lines)
        self._recent.update(zip(ids, range(start, len(self)), strict=True))

    def cite(self, ids: Sequence[str], sources: Sequence[int]) -> list[int]:
        """Add the source coded ``sources[i]`` to the record ``ids[i]``, for each ``i``.

        Each record's sources stay first, followed by those added here in
        the order given. Returns the ``i`` left out: those whose id names
        no record, or a retraction.
        """
        found = np.fromiter(map(self._recent.get, ids, repeat(-1)), np.int64, len(ids))
        if self._hashes:
            for i in np.flatnonzero(found < 0).tolist():
                row = self.find(ids[i])
                found[i] = -1 if row is None else row
        kinds = np.frombuffer(self._kind, dtype=np.uint8)
        left_out = found < 0
        left_out[~left_out] = kinds[found[~left_out]] == 0
        missed: list[int] = np.flatnonzero(left_out).tolist()
        if missed:
            kept = np.flatnonzero(~left_out)
            sources = list(map(sources.__getitem__, kept.tolist()))
            found = found[kept]
        ends = np.frombuffer(self._source_end, dtype=np.uint32).astype(np.int64)
        own = np.diff(ends, prepend=0)
        # Each row's own sources, then the new ones: a stable sort by row,
        # own before new.
        rows = np.concatenate((np.repeat(np.arange(len(own)) * 2, own), found * 2 + 1))
        order = np.argsort(rows, kind="stable")
        codes = np.concatenate(
            (
                np.frombuffer(self._source_list, dtype=np.uint32),
                np.array(sources, dtype=np.uint32),
            )
        )
        self._source_list = typed_array("I", codes[order])
        self._source_end = typed_array(
            "I", np.cumsum(own + np.bincount(found, minlength=len(own))).astype(np.uint32)
        )
        self._cache.clear()
        return missed

    def _cameo_code(self, kind: Kind, cameo: str) -> int:
        return 0 if not cameo or cameo == DEFAULT_CAMEO[kind] else self._cameos.code(cameo)

    def known(self, ids: Iterable[str]) -> bool:
        """True when a record has one of ``ids``."""
        ids = list(ids)
        if not self._recent.keys().isdisjoint(ids):
            return True
        return bool(self._hashes) and any(self.find(record_id) is not None for record_id in ids)

    def truncate(self, rows: int) -> None:
        """Drop every row from ``rows`` on (to undo a batch that failed)."""
        if rows >= len(self):
            return
        sources = self._source_end[rows - 1] if rows else 0
        del self._id_text[self._id_end[rows - 1] if rows else 0 :]
        for column in (
            self._id_end,
            self._actor,
            self._subject,
            self._kind,
            self._date,
            self._flags,
            self._cameo,
            self._source_end,
            self._origin_file,
            self._origin_line,
        ):
            del column[rows:]
        del self._source_list[sources:]
        for sparse in (
            self._recorded,
            self._notes,
            self._supersedes,
            self._contradicts,
            self._cache,
        ):
            for row in [row for row in sparse if row >= rows]:
                del sparse[row]
        kept = np.frombuffer(self._hash_rows, dtype=np.uint32) < rows
        self._hashes = typed_array("q", np.frombuffer(self._hashes, dtype=np.int64)[kept])
        self._hash_rows = typed_array("I", np.frombuffer(self._hash_rows, dtype=np.uint32)[kept])
        self._recent = {k: r for k, r in self._recent.items() if r < rows}

    # -- ids --------------------------------------------------------------------

    def id(self, row: int) -> str:
        """The record id of ``row``."""
        start = self._id_end[row - 1] if row else 0
        return self._id_text[start : self._id_end[row]].decode()

    def find(self, record_id: str) -> int | None:
        """The row of the record with this id, if any."""
        row = self._recent.get(record_id)
        if row is not None:
            return row
        hashes = self._hashes
        wanted = hash(record_id)
        index = bisect_left(hashes, wanted)
        while index < len(hashes) and hashes[index] == wanted:
            row = self._hash_rows[index]
            if self.id(row) == record_id:
                return row
            index += 1
        return None

    def _index_id(self, record_id: str, row: int) -> None:
        self._recent[record_id] = row
        if len(self._recent) > max(_RECENT, len(self._hashes)):
            self.compact()

    def compact(self) -> None:
        """Make the store compact once a batch of rows is in.

        Moves the ids added lately into the sorted index (a dict holds them
        till then) and drops the maps that intern values while rows arrive.
        """
        if not self._recent:
            return
        recent = self._recent
        hashes = np.concatenate(
            (
                np.frombuffer(self._hashes, dtype=np.int64),
                np.fromiter(map(hash, recent), dtype=np.int64, count=len(recent)),
            )
        )
        rows = np.concatenate(
            (
                np.frombuffer(self._hash_rows, dtype=np.uint32),
                np.fromiter(recent.values(), dtype=np.uint32, count=len(recent)),
            )
        )
        order = np.argsort(hashes, kind="stable")
        self._hashes = typed_array("q", hashes[order])
        self._hash_rows = typed_array("I", rows[order])
        self._recent = {}
        for table in (self._entities, self._dates, self._sources, self._cameos, self._origins):
            table.shrink()

    # -- reading fields ---------------------------------------------------------

    def is_retraction(self, row: int) -> bool:
        """True when the row retracts records and has no event."""
        return self._kind[row] == 0

    def kind(self, row: int) -> Kind:
        """The kind of the row's event (not for a retraction)."""
        return KINDS[self._kind[row] - 1]

    def actor(self, row: int) -> str:
        """The actor of the row's event."""
        return self._entities.values[self._actor[row]]

    def subject(self, row: int) -> str:
        """The subject of the row's event."""
        return self._entities.values[self._subject[row]]

    def date(self, row: int) -> PartialDate:
        """The date of the row's event."""
        return self._dates.values[self._date[row]]

    def dual(self, row: int) -> bool:
        """The row's event keeps the claimants already held."""
        return bool(self._flags[row] & _DUAL)

    def duals(self) -> np.ndarray[Any, np.dtype[np.bool_]]:
        """:meth:`dual` for every row, as a new numpy array."""
        found: np.ndarray[Any, np.dtype[np.bool_]] = (
            np.frombuffer(self._flags, dtype=np.uint8) & _DUAL
        ) != 0
        return found

    def source_codes(self, row: int) -> Sequence[int]:
        """The codes of the row's sources (equal codes: equal sources)."""
        start = self._source_end[row - 1] if row else 0
        return self._source_list[start : self._source_end[row]]

    def columns(self) -> tuple[Sequence[int], Sequence[int], Sequence[int], Sequence[int]]:
        """The kind, actor, subject and date codes of every row (not to be changed).

        A kind code is 0 for a retraction, else its index in :data:`KINDS`
        plus one; an entity code indexes :meth:`entities`, a date code
        :meth:`dates`.
        """
        return self._kind, self._actor, self._subject, self._date

    def entities(self) -> list[str]:
        """Every entity id by its code (not to be changed)."""
        return self._entities.values

    def entity_code(self, entity: str) -> int:
        """The code of an entity id, given one if new."""
        return self._entities.code(entity)

    def date_code(self, date: PartialDate) -> int:
        """The code of a date, given one if new."""
        return self._dates.code(date)

    def source_code(self, source: Source) -> int:
        """The code of a source, given one if new."""
        return self._sources.code(source)

    def dates(self) -> list[PartialDate]:
        """Every date by its code (not to be changed)."""
        return self._dates.values

    def line(self, row: int) -> int | None:
        """The line of the file the row was read from, if known."""
        return self._origin_line[row] or None

    def recorded(self, row: int) -> PartialDate | None:
        """The day the row was recorded, if known."""
        return self._recorded.get(row)

    def supersedes(self, row: int) -> tuple[str, ...]:
        """The ids the row supersedes."""
        return self._supersedes.get(row, ())

    def contradicts(self, row: int) -> tuple[str, ...]:
        """The ids the row contradicts."""
        return self._contradicts.get(row, ())

    def superseding_rows(self) -> dict[int, tuple[str, ...]]:
        """Every row that supersedes others, with the ids it names."""
        return self._supersedes

    def contradicting_rows(self) -> dict[int, tuple[str, ...]]:
        """Every row that contradicts others, with the ids it names."""
        return self._contradicts

    def recorded_rows(self) -> dict[int, PartialDate]:
        """Every row with a recording date."""
        return self._recorded

    def sources(self) -> list[Source]:
        """Every distinct source, each once."""
        return list(self._sources.values)

    def record(self, row: int) -> Record:
        """The record of ``row``, equal to the one appended.

        The records made last are kept (at most :data:`CACHED`): the same
        few records answer many questions about one subject or pair.
        """
        cache = self._cache
        found = cache.get(row)
        if found is None:
            found = cache[row] = self._make(row)
            if len(cache) > CACHED:
                del cache[next(iter(cache))]
        return found

    def _make(self, row: int) -> Record:
        event = None
        code = self._kind[row]
        if code:
            kind = KINDS[code - 1]
            flags = self._flags[row]
            start = self._source_end[row - 1] if row else 0
            sources = self._sources.values
            cameo = self._cameo[row]
            event = _make_event(
                self._entities.values[self._actor[row]],
                self._entities.values[self._subject[row]],
                kind,
                self._dates.values[self._date[row]],
                tuple(map(sources.__getitem__, self._source_list[start : self._source_end[row]])),
                _MODES[flags >> _MODE_SHIFT],
                bool(flags & _DUAL),
                bool(flags & _DISPUTED),
                self._cameos.values[cameo] if cameo else DEFAULT_CAMEO[kind],
                self._notes.get(row, ""),
            )
        origin = self._origins.values[self._origin_file[row]]
        line = self._origin_line[row]
        return _make_record(
            self.id(row),
            event,
            self._recorded.get(row),
            self._supersedes.get(row, ()),
            self._contradicts.get(row, ()),
            f"{origin}:{line}" if line else origin,
        )
