"""The dated histories of pairs (actor and subject), and the as-of rule.

A :class:`Histories` holds the records of every pair of one kind (the
recognition of states, positions on seats, relations between states) in
flat arrays, pair after pair, each pair's records sorted by date (first
day, then last day, then order of arrival), with the status each record
leaves behind when the pair's records are replayed in that order. A
:class:`History` is a light view of one pair's slice of those arrays; it
names records by their *position* in them.

An as-of question is answered by a binary search plus a short walk back
over the records whose dates cannot be ordered against the latest one.

The as-of rule: a record counts for day ``D`` when its whole date lies on
or before ``D``. The *possible last* records on ``D`` are those that may be
the latest to have happened: every record whose date starts on or before
``D``, except those that certainly happened before another record that
certainly happened by ``D``. When they leave different statuses behind,
the answer is uncertain.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator

from recognition.dates import PartialDate
from recognition.events import Record
from recognition.store import RecordStore

__all__ = ["Histories", "History", "Transition"]

#: The longest period a partial date covers (a leap year), in days.
MAX_SPAN = 366

#: Given the status before and a row of the store, the status after it.
Transition = Callable[[str, int], str]

_DAY_BITS = 23  # ordinals of datetime.date fit in 22 bits
_ROW_BITS = 32


class Histories:
    """The histories of many pairs, built at once from rows of a store.

    Its arrays run over every record of every pair, by *position*:
    ``rows`` (the record's row in the store), ``firsts`` and ``lasts`` (its
    date's first and last day), ``status_codes`` (index in ``statuses`` of
    the status it leaves behind) and ``run_starts`` (the position where its
    run of equal statuses starts). ``pair_keys`` are sorted; the records of
    the pair ``pair_keys[i]`` are at ``pair_starts[i]`` to
    ``pair_starts[i + 1]``.

    Args:
        store: where the rows are.
        keys: the pair key of each row.
        rows: the rows.
        initial: the status of a pair before any record.
        transition: the status a row leaves behind, given the one before.
    """

    __slots__ = (
        "firsts",
        "initial",
        "lasts",
        "pair_keys",
        "pair_starts",
        "rows",
        "run_starts",
        "status_codes",
        "statuses",
        "store",
    )

    def __init__(
        self,
        store: RecordStore,
        keys: list[int],
        rows: list[int],
        initial: str,
        transition: Transition,
    ) -> None:
        """Sort the rows by pair and date, and replay each pair's statuses.

        ``keys[i]`` is the pair key of the store's row ``rows[i]``; pair
        keys are non-negative integers.
        """
        self.store = store
        self.initial = initial
        day_mask = (1 << _DAY_BITS) - 1
        row_mask = (1 << _ROW_BITS) - 1
        date_codes = store.columns()[3]
        dates = store.dates()
        firsts = [date.first for date in dates]
        lasts = [date.last for date in dates]
        order = [
            (((key << _DAY_BITS | firsts[code]) << _DAY_BITS | lasts[code]) << _ROW_BITS) | row
            for key, row, code in zip(keys, rows, map(date_codes.__getitem__, rows), strict=True)
        ]
        order.sort()
        self.rows = array("I")
        self.firsts = array("i")
        self.lasts = array("i")
        self.status_codes = array("H")
        self.run_starts = array("I")
        self.pair_keys = array("q")
        self.pair_starts = array("I")
        self.statuses: list[str] = []
        codes: dict[str, int] = {}
        previous_key = -1
        status = initial
        run_start = 0
        for position, packed in enumerate(order):
            row = packed & row_mask
            last = (packed >> _ROW_BITS) & day_mask
            first = (packed >> (_ROW_BITS + _DAY_BITS)) & day_mask
            key = packed >> (_ROW_BITS + 2 * _DAY_BITS)
            before = status
            if key != previous_key:
                self.pair_keys.append(key)
                self.pair_starts.append(position)
                previous_key = key
                before = initial
            status = transition(before, row)
            if position == self.pair_starts[-1] or status != before:
                run_start = position
            code = codes.get(status)
            if code is None:
                code = codes[status] = len(self.statuses)
                self.statuses.append(status)
            self.rows.append(row)
            self.firsts.append(first)
            self.lasts.append(last)
            self.status_codes.append(code)
            self.run_starts.append(run_start)
        self.pair_starts.append(len(order))

    def __len__(self) -> int:
        """The number of pairs."""
        return len(self.pair_keys)

    def get(self, key: int) -> History | None:
        """The history of the pair with this key, if it has records."""
        index = bisect_left(self.pair_keys, key)
        if index == len(self.pair_keys) or self.pair_keys[index] != key:
            return None
        return History(self, self.pair_starts[index], self.pair_starts[index + 1])


class History:
    """The records of one pair, sorted by date, with their replayed statuses.

    Records are named by *position*: an integer shared with the
    :class:`Histories` this is a view of.
    """

    __slots__ = ("_all", "initial", "start", "stop")

    def __init__(self, histories: Histories, start: int, stop: int) -> None:
        """The positions ``start`` to ``stop`` (excluded) of ``histories``."""
        self._all = histories
        self.start = start
        self.stop = stop
        self.initial = histories.initial

    def __len__(self) -> int:
        """The number of records."""
        return self.stop - self.start

    def __iter__(self) -> Iterator[int]:
        """The positions, in date order."""
        return iter(range(self.start, self.stop))

    def status(self, position: int) -> str:
        """The status the record at ``position`` leaves behind."""
        return self._all.statuses[self._all.status_codes[position]]

    def first(self, position: int) -> int:
        """The first day (ordinal) of the record's date."""
        return self._all.firsts[position]

    def last(self, position: int) -> int:
        """The last day (ordinal) of the record's date."""
        return self._all.lasts[position]

    def row(self, position: int) -> int:
        """The record's row in the store."""
        return self._all.rows[position]

    def record(self, position: int) -> Record:
        """The record at ``position``."""
        return self._all.store.record(self._all.rows[position])

    def date(self, position: int) -> PartialDate:
        """The date of the record at ``position``."""
        return self._all.store.date(self._all.rows[position])

    def key(self, position: int) -> tuple[int, int, int]:
        """The sort key: first day, last day, arrival."""
        return (self.first(position), self.last(position), self.row(position))

    def possible_last(self, day: int) -> tuple[int | None, list[int]]:
        """The positions of the records that may be the latest by ``day``.

        Returns:
            ``(latest, others)``: ``latest`` is the record, among those
            certainly on or before ``day``, that comes last in date order
            (``None`` if there is none); ``others`` are the other possible
            last records.
        """
        firsts = self._all.firsts
        lasts = self._all.lasts
        index = bisect_right(firsts, day, self.start, self.stop) - 1
        start = self.start
        uncertain: list[int] = []
        while index >= start and lasts[index] > day:
            uncertain.append(index)
            index -= 1
        if index < start:
            return None, uncertain
        latest = index
        # Records before `latest` whose dates reach its first day cannot be
        # ordered against it. Dates span at most MAX_SPAN days, which bounds
        # the walk back.
        latest_first = firsts[latest]
        floor = latest_first - MAX_SPAN
        index -= 1
        while index >= start and firsts[index] >= floor:
            if lasts[index] >= latest_first:
                uncertain.append(index)
            index -= 1
        return latest, uncertain

    def run(self, position: int) -> range:
        """The positions from the start of ``position``'s run of equal statuses to it."""
        return range(self._all.run_starts[position], position + 1)

    def before(self, position: int) -> tuple[str, int | None]:
        """The status just before ``position``'s run, and the position that left it."""
        run_start = self._all.run_starts[position]
        if run_start == self.start:
            return self.initial, None
        return self.status(run_start - 1), run_start - 1

    def find(self, row: int) -> int | None:
        """The position of the store's ``row``, if it is in this history."""
        rows = self._all.rows
        for position in range(self.start, self.stop):
            if rows[position] == row:
                return position
        return None
