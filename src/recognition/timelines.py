"""Per-subject change timelines: who holds a subject, day by day, without scanning.

An actor's answer toward a subject can only change on a day when one of
its records starts (its date's first day) or becomes certain (the day after
its last day), or when a claimant it holds ceases to exist. A
:class:`SubjectTimeline` evaluates each actor's answer on exactly those
days, once, and keeps the changes sorted by day, with a snapshot of every
actor's state every :data:`SNAPSHOT_EVERY` changes. Then

- the actors that hold the subject on a day come from a binary search, the
  nearest snapshot and a replay of at most half that many changes
  (forward from the snapshot before, or undone from the one after);
- a series of days is one sweep over the changes, with running sums.

The timeline is packed: a change is a day and a transition number (an
actor going from one state to another), and a snapshot is one byte per
actor, so a timeline costs a few tens of bytes per change. It is built
from a ledger on first use and dropped when records are added.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import accumulate, compress, islice, repeat
from operator import itemgetter, le, sub

__all__ = ["CERTAIN", "HOLDS", "MAYBE", "SNAPSHOT_EVERY", "SubjectTimeline"]

#: Bits of an actor's state toward a subject on a day.
HOLDS = 1  # the best reading recognises the subject
MAYBE = 2  # some reading does (the actor appears in ``who``)
CERTAIN = 4  # ... and the answer is certain

#: Changes between two snapshots of every actor's state.
SNAPSHOT_EVERY = 16

# A state fits in one byte; an actor's state is packed as a "key",
# (actor number << _STATE_BITS) | state.
_STATE_BITS = 8
_MAX_STATE = (1 << _STATE_BITS) - 1


def _typecode(largest: int) -> str:
    """The smallest unsigned :mod:`array` type that holds ``largest``."""
    return next(code for code in "BHIQ" if largest < 1 << 8 * array(code).itemsize)


@lru_cache(maxsize=32)
def _selector(mask: int) -> bytes:
    """A ``bytes.translate`` table: 1 for each non-zero state with every bit of ``mask``."""
    return bytes(1 if state and state & mask == mask else 0 for state in range(_MAX_STATE + 1))


_HOLDING = _selector(HOLDS)
_NOBODY: frozenset[str] = frozenset()


class SubjectTimeline:
    """The days on which each actor's state toward one subject changes.

    A state is an int from 0 to 255 (bits such as :data:`HOLDS`); 0 means
    no state, and is every actor's state before its first change. A
    timeline does not change once built, and may be read from several
    threads.
    """

    __slots__ = (
        "_afters",
        "_befores",
        "_days",
        "_last",
        "_moves",
        "_names",
        "_recent",
        "_snapshots",
    )

    def __init__(
        self,
        actors: Iterable[str],
        breakpoints: Callable[[str], Iterable[int]],
        state: Callable[[str, dt.date], int],
    ) -> None:
        """Evaluate ``state(actor, day)`` for each actor on each of its ``breakpoints``.

        ``breakpoints(actor)`` gives the days (ordinals) on which the
        actor's state may change; before the first, the state is 0.

        Raises:
            ValueError: ``state`` returned an int outside 0 to 255.
        """
        changes: list[tuple[int, str, int, int]] = []
        for actor in actors:
            previous = 0
            for ordinal in sorted(set(breakpoints(actor))):
                found = state(actor, dt.date.fromordinal(ordinal))
                if found != previous:
                    if not 0 <= found <= _MAX_STATE:
                        msg = f"state {found!r} of {actor!r} is not an int from 0 to 255"
                        raise ValueError(msg)
                    changes.append((ordinal, actor, previous, found))
                    previous = found
        changes.sort()
        self._names = names = tuple(sorted({actor for _, actor, _, _ in changes}))
        number = {name: position for position, name in enumerate(names)}
        # Transitions are numbered in order of first use, so the first n
        # changes use every transition from 0 to the largest number among
        # them, and no other (tallies relies on it).
        transitions: dict[tuple[int, int], int] = {}
        moves = [
            transitions.setdefault(
                (number[actor] << _STATE_BITS | old, number[actor] << _STATE_BITS | new),
                len(transitions),
            )
            for _, actor, old, new in changes
        ]
        code = _typecode(len(names) << _STATE_BITS)
        self._days = array("i", [day for day, _, _, _ in changes])
        self._moves = array(_typecode(len(transitions)), moves)
        self._befores = array(code, [before for before, _ in transitions])
        self._afters = array(code, [after for _, after in transitions])
        # Snapshot k: every actor's state (a byte each, in the order of
        # _names) after the first k * SNAPSHOT_EVERY changes, and a last
        # one after all of them.
        current = bytearray(len(names))
        self._snapshots: list[bytes] = []
        for count, key in enumerate(map(self._afters.__getitem__, moves)):
            if not count % SNAPSHOT_EVERY:
                self._snapshots.append(bytes(current))
            current[key >> _STATE_BITS] = key & _MAX_STATE
        self._snapshots.append(bytes(current))
        # Many questions are about days after the last change (today, say).
        self._last = frozenset(compress(names, current.translate(_HOLDING)))
        self._recent: tuple[int, frozenset[str]] = (-1, _NOBODY)

    def __len__(self) -> int:
        """The number of changes."""
        return len(self._days)

    def _replay(self, end: int) -> tuple[int, array[int], array[int]]:
        """The snapshot nearest the first ``end`` changes, and the way from it there.

        That is the snapshot's number, a table of keys (``_afters`` or
        ``_befores``) and the transitions to look up in it: forward from
        the snapshot before, or backward (undoing the changes, latest
        first) from the one after, whichever is nearer.
        """
        block, rest = divmod(end, SNAPSHOT_EVERY)
        stop = min(end - rest + SNAPSHOT_EVERY, len(self._moves))  # the next snapshot's
        if rest <= stop - end:
            return block, self._afters, self._moves[end - rest : end]
        return block + 1, self._befores, self._moves[end:stop][::-1]

    def _on(self, end: int) -> bytes | bytearray:
        """Every actor's state after the first ``end`` changes, a byte each."""
        snapshot, keys, moves = self._replay(end)
        if not moves:
            return self._snapshots[snapshot]
        current = bytearray(self._snapshots[snapshot])
        for key in map(keys.__getitem__, moves):
            current[key >> _STATE_BITS] = key & _MAX_STATE
        return current

    def states(self, day: dt.date) -> dict[str, int]:
        """Every actor with a non-zero state on ``day``, and its state bits."""
        current = self._on(bisect_right(self._days, day.toordinal()))
        return dict(compress(zip(self._names, current, strict=True), current))

    def holders(self, day: dt.date, mask: int = HOLDS) -> frozenset[str]:
        """The actors with a non-zero state on ``day`` that has every bit of ``mask``."""
        end = bisect_right(self._days, day.toordinal())
        names = self._names
        if mask != HOLDS:
            return frozenset(compress(names, self._on(end).translate(_selector(mask))))
        if not end:
            return _NOBODY
        if end == len(self._days):
            return self._last
        # Successive days often fall between the same two changes.
        recent = self._recent
        if recent[0] == end:
            return recent[1]
        found = frozenset(compress(names, self._on(end).translate(_HOLDING)))
        self._recent = (end, found)
        return found

    def tallies(
        self, days: Sequence[dt.date], weigh: Callable[[str, int], tuple[int, ...]], width: int
    ) -> list[tuple[int, ...]]:
        """Sums of ``weigh(actor, state)`` over the actors, on each of ``days``, in one sweep.

        ``weigh`` maps an actor's state to a tuple of ``width`` counts (e.g.
        "certain holder", "maybe"); ``weigh(actor, 0)`` is the zero point,
        as each sum adds up the changes from it. ``weigh`` is called once
        per actor and state met, not per change. The days may come in any
        order; the cost is a pass over the changes up to the latest day per
        count, plus a binary search per day (or a merge, if they are sorted).
        """
        ends = self._ends(list(map(dt.date.toordinal, days)))
        if not width or not ends:
            return [()] * len(ends)
        moves = self._moves[: max(ends)].tolist()
        used = max(moves, default=-1) + 1
        befores, afters = self._befores[:used], self._afters[:used]
        keys = list({*befores, *afters})
        weights = [weigh(self._names[key >> _STATE_BITS], key & _MAX_STATE) for key in keys]
        reached = list(set(ends))
        columns = []
        for slot in range(width):
            weight = dict(zip(keys, map(itemgetter(slot), weights), strict=True)).__getitem__
            change = list(map(sub, map(weight, afters), map(weight, befores)))
            running = list(accumulate(map(change.__getitem__, moves), initial=0))
            columns.append(map(running.__getitem__, reached))
        totals = dict(zip(reached, zip(*columns, strict=True), strict=True))
        return list(map(totals.__getitem__, ends))

    def _ends(self, ordinals: list[int]) -> list[int]:
        """For each day (an ordinal), the number of changes on or before it."""
        days = self._days
        if not ordinals or not all(map(le, ordinals, islice(ordinals, 1, None))):
            return list(map(bisect_right, repeat(days), ordinals))
        first = bisect_right(days, ordinals[0])
        last = bisect_right(days, ordinals[-1], first)
        if last - first > len(ordinals):
            return list(map(bisect_right, repeat(days), ordinals))
        # Sorted days with fewer changes among them than days: place each
        # change at the first day on or after it, then count along the days.
        steps = Counter(map(bisect_left, repeat(ordinals), days[first:last]))
        return list(accumulate(map(steps.get, range(1, len(ordinals)), repeat(0)), initial=first))
