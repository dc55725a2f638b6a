"""The dated history of one pair (actor and subject), and the as-of rule.

A :class:`History` keeps its records sorted by date (first day, then last
day, then order of arrival) and stores, for each record, the status it
leaves behind when the records are replayed in that order. An as-of
question is answered by a binary search plus a short walk back over the
records whose dates cannot be ordered against the latest one.

The as-of rule: a record counts for day ``D`` when its whole date lies on
or before ``D``. The *possible last* records on ``D`` are those that may be
the latest to have happened: every record whose date starts on or before
``D``, except those that certainly happened before another record that
certainly happened by ``D``. When they leave different statuses behind,
the answer is uncertain.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Callable, Iterator

import attrs

from recognition.events import Record

__all__ = ["Entry", "History", "Transition"]

#: The longest period a partial date covers (a leap year), in days.
MAX_SPAN = 366

#: Given the status before and a record, the status after it.
Transition = Callable[[str, Record], str]


@attrs.define(slots=True, eq=False)
class Entry:
    """A record in a history, with the status it leaves behind."""

    first: int
    last: int
    seq: int
    record: Record
    status: str = ""
    run_start: int = 0  # index of the first entry of the run of equal statuses

    @property
    def key(self) -> tuple[int, int, int]:
        """The sort key: first day, last day, arrival."""
        return (self.first, self.last, self.seq)


class History:
    """The records of one pair, sorted by date, with their replayed statuses."""

    __slots__ = ("_entries", "_firsts", "initial", "transition")

    def __init__(self, initial: str, transition: Transition) -> None:
        """An empty history whose status before any record is ``initial``."""
        self.initial = initial
        self.transition = transition
        self._entries: list[Entry] = []
        self._firsts: list[int] = []

    def __len__(self) -> int:
        """The number of records."""
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        """The entries in date order."""
        return iter(self._entries)

    def add(self, record: Record, seq: int) -> None:
        """Insert ``record`` (which must carry an event) in date order."""
        assert record.event is not None
        date = record.event.date
        entry = Entry(date.first, date.last, seq, record)
        insort(self._entries, entry, key=lambda e: e.key)
        index = self._entries.index(entry)
        self._firsts.insert(index, entry.first)
        self._replay(index)

    def remove(self, record_id: str) -> bool:
        """Take out the record with this id; False if it is not here."""
        for index, entry in enumerate(self._entries):
            if entry.record.id == record_id:
                del self._entries[index]
                del self._firsts[index]
                self._replay(index)
                return True
        return False

    def _replay(self, start: int) -> None:
        entries = self._entries
        for index in range(start, len(entries)):
            entry = entries[index]
            before = entries[index - 1].status if index else self.initial
            entry.status = self.transition(before, entry.record)
            if index and entries[index - 1].status == entry.status:
                entry.run_start = entries[index - 1].run_start
            else:
                entry.run_start = index

    def possible_last(self, day: int) -> tuple[Entry | None, list[Entry]]:
        """The entries that may be the latest to have happened by ``day``.

        Returns:
            ``(latest, others)``: ``latest`` is the entry, among those
            certainly on or before ``day``, that comes last in date order
            (``None`` if there is none); ``others`` are the other possible
            last entries.
        """
        entries = self._entries
        end = bisect_right(self._firsts, day)
        if end == 0:
            return None, []
        index = end - 1
        uncertain: list[Entry] = []
        while index >= 0 and entries[index].last > day:
            uncertain.append(entries[index])
            index -= 1
        if index < 0:
            return None, uncertain
        latest = entries[index]
        # Entries before `latest` whose dates reach its first day cannot be
        # ordered against it. Dates span at most MAX_SPAN days, which bounds
        # the walk back.
        floor = latest.first - MAX_SPAN
        others = uncertain
        index -= 1
        while index >= 0 and entries[index].first >= floor:
            if entries[index].last >= latest.first:
                others.append(entries[index])
            index -= 1
        return latest, others

    def run(self, entry: Entry) -> list[Entry]:
        """The entries from the start of ``entry``'s run of equal statuses to it."""
        index = self._entries.index(entry)
        return self._entries[entry.run_start : index + 1]

    def before(self, entry: Entry) -> tuple[str, Entry | None]:
        """The status just before ``entry``'s run, and the entry that left it."""
        if entry.run_start == 0:
            return self.initial, None
        previous = self._entries[entry.run_start - 1]
        return previous.status, previous

    def find(self, record_id: str) -> Entry | None:
        """The entry of the record with this id, if it is here."""
        for entry in self._entries:
            if entry.record.id == record_id:
                return entry
        return None

    def first_entry(self) -> Entry | None:
        """The earliest entry, if any."""
        return self._entries[0] if self._entries else None
