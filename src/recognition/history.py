"""The dated histories of pairs (actor and subject), and the as-of rule.

A :class:`Histories` holds the records of every pair of one kind (the
recognition of states, positions on seats, relations between states) in
flat arrays, pair after pair, each pair's records sorted by date (first
day, then last day, then order of arrival), with the status each record
leaves behind when the pair's records are replayed in that order. A
:class:`History` is a light view of one pair's slice of those arrays; it
names records by their *position* in them.

The arrays are built with numpy, a whole column at a time; queries read
them as :mod:`array` arrays, whose items cost far less to read one by one.

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

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from recognition.dates import PartialDate
from recognition.events import Record
from recognition.store import RecordStore, typed_array

__all__ = ["Days", "Histories", "History", "Ints", "Mask", "Replay", "Rows", "changes"]

#: The longest period a partial date covers (a leap year), in days.
MAX_SPAN = 366

Ints = NDArray[np.int64]
Mask = NDArray[np.bool_]

#: Given the rows of every pair in date order and where each pair starts
#: (a mask over positions), the statuses the rows can leave behind and, for
#: each position, the index in them of the one its row leaves behind.
Replay = Callable[[Ints, Mask], tuple[list[str], Ints]]


class Rows(NamedTuple):
    """Rows of a store to sort into histories: numpy arrays, one item per row.

    ``rows`` increase: among records of a pair with equal dates, the one
    that came first in the store comes first.
    """

    keys: Ints  #: the pair key of each row, a non-negative integer
    rows: Ints  #: the rows of the store
    dates: NDArray[Any]  #: the date code of each row

    def take(self, which: Mask | Ints) -> Rows:
        """The rows where the mask ``which`` is true, or at the indices ``which``."""
        return Rows(self.keys[which], self.rows[which], self.dates[which])


class Days(NamedTuple):
    """The days of a store's dates, by date code."""

    firsts: Ints  #: the first day (ordinal)
    lasts: Ints  #: the last day
    ranks: Ints  #: the rank by first then last day, from 0; equal days, equal ranks

    @classmethod
    def of(cls, store: RecordStore) -> Days:
        """The days of every date of ``store``."""
        dates = store.dates()
        firsts = np.fromiter((date.first for date in dates), np.int64, len(dates))
        lasts = np.fromiter((date.last for date in dates), np.int64, len(dates))
        order = np.lexsort((lasts, firsts))
        ranks = np.empty(len(dates), np.int64)
        ranks[order] = np.cumsum(changes(firsts[order]) | changes(lasts[order])) - 1
        return cls(firsts, lasts, ranks)


def changes(values: NDArray[Any]) -> Mask:
    """Where a run of equal values starts: the first position, and each change."""
    found = np.ones(len(values), np.bool_)
    found[1:] = values[1:] != values[:-1]
    return found


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
        found: the rows, with their pair keys and dates.
        days: the days of the store's dates.
        initial: the status of a pair before any record.
        replay: the status each row leaves behind, pair by pair.
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
        self, store: RecordStore, found: Rows, days: Days, initial: str, replay: Replay
    ) -> None:
        """Sort the rows by pair and date, and replay each pair's statuses."""
        self.store = store
        self.initial = initial
        found = found.take(_date_order(found, days.ranks[found.dates]))
        starts = changes(found.keys)
        self.statuses, codes = replay(found.rows, starts)
        positions = np.arange(len(codes))
        runs = np.maximum.accumulate(np.where(starts | changes(codes), positions, 0))
        self.rows = typed_array("I", found.rows)
        self.firsts = typed_array("i", days.firsts[found.dates])
        self.lasts = typed_array("i", days.lasts[found.dates])
        self.status_codes = typed_array("H" if len(self.statuses) <= 1 << 16 else "I", codes)
        self.run_starts = typed_array("I", runs)
        self.pair_keys = typed_array("q", found.keys[starts])
        self.pair_starts = typed_array("I", np.append(positions[starts], len(codes)))

    def __len__(self) -> int:
        """The number of pairs."""
        return len(self.pair_keys)

    def get(self, key: int) -> History | None:
        """The history of the pair with this key, if it has records."""
        index = bisect_left(self.pair_keys, key)
        if index == len(self.pair_keys) or self.pair_keys[index] != key:
            return None
        return History(self, self.pair_starts[index], self.pair_starts[index + 1])


def _date_order(found: Rows, ranks: Ints) -> Ints:
    """The order of the rows by pair key, date (the ``ranks`` of their days) and row."""
    count = len(found.rows)
    if not count:
        return np.zeros(0, np.int64)
    rank_bits = int(ranks.max()).bit_length()
    index_bits = (count - 1).bit_length()
    if int(found.keys.max()).bit_length() + rank_bits + index_bits >= 64:  # noqa: PLR2004
        return np.lexsort((found.rows, ranks, found.keys))
    # One sort of distinct integers, much faster than sorting by several
    # keys. The rows increase, so their indices order them as well.
    packed = found.keys << (rank_bits + index_bits) | ranks << index_bits
    packed |= np.arange(count)
    packed.sort()
    return packed & ((1 << index_bits) - 1)


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
