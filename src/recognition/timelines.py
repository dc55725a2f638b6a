"""Per-subject change timelines: who holds a subject, day by day, without scanning.

An actor's answer toward a subject can only change on a day when one of
its records starts (its date's first day) or becomes certain (the day after
its last day), or when a claimant it holds ceases to exist. A
:class:`SubjectTimeline` evaluates each actor's answer on exactly those
days, once, and keeps the changes sorted by day, with a snapshot of every
actor's state every :data:`SNAPSHOT_EVERY` changes. Then

- the actors that hold the subject on a day come from a binary search, the
  snapshot before it and a replay of at most that many changes;
- a series of days is one sweep over the changes, with running sums.

A timeline is built from a ledger on first use and dropped when records
are added.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

__all__ = ["CERTAIN", "HOLDS", "MAYBE", "SNAPSHOT_EVERY", "SubjectTimeline"]

#: Bits of an actor's state toward a subject on a day.
HOLDS = 1  # the best reading recognises the subject
MAYBE = 2  # some reading does (the actor appears in ``who``)
CERTAIN = 4  # ... and the answer is certain

SNAPSHOT_EVERY = 32


class SubjectTimeline:
    """The days on which each actor's state toward one subject changes."""

    __slots__ = ("_actors", "_days", "_snapshots", "_states")

    def __init__(
        self,
        actors: Iterable[str],
        breakpoints: Callable[[str], Iterable[int]],
        state: Callable[[str, dt.date], int],
    ) -> None:
        """Evaluate ``state(actor, day)`` for each actor on each of its ``breakpoints``.

        ``breakpoints(actor)`` gives the days (ordinals) on which the
        actor's state may change; before the first, the state is 0.
        """
        changes: list[tuple[int, str, int]] = []
        for actor in actors:
            previous = 0
            for ordinal in sorted(set(breakpoints(actor))):
                found = state(actor, dt.date.fromordinal(ordinal))
                if found != previous:
                    changes.append((ordinal, actor, found))
                    previous = found
        changes.sort()
        self._days = [day for day, _, _ in changes]
        self._actors = [actor for _, actor, _ in changes]
        self._states = [state for _, _, state in changes]
        self._snapshots: list[dict[str, int]] = []
        current: dict[str, int] = {}
        for index, (actor, bits) in enumerate(zip(self._actors, self._states, strict=True)):
            if index % SNAPSHOT_EVERY == 0:
                self._snapshots.append(dict(current))
            if bits:
                current[actor] = bits
            else:
                current.pop(actor, None)

    def __len__(self) -> int:
        """The number of changes."""
        return len(self._days)

    def states(self, day: dt.date) -> dict[str, int]:
        """Every actor with a non-zero state on ``day``, and its state bits."""
        end = bisect_right(self._days, day.toordinal())
        if end == 0:
            return {}
        block = (end - 1) // SNAPSHOT_EVERY
        current = dict(self._snapshots[block])
        for index in range(block * SNAPSHOT_EVERY, end):
            actor, state = self._actors[index], self._states[index]
            if state:
                current[actor] = state
            else:
                current.pop(actor, None)
        return current

    def holders(self, day: dt.date, mask: int = HOLDS) -> frozenset[str]:
        """The actors whose state on ``day`` has every bit of ``mask``."""
        return frozenset(a for a, state in self.states(day).items() if state & mask == mask)

    def tallies(
        self, days: Sequence[dt.date], weigh: Callable[[str, int], tuple[int, ...]], width: int
    ) -> list[tuple[int, ...]]:
        """Sums of ``weigh(actor, state)`` over the actors, on each of ``days``, in one sweep.

        ``weigh`` maps an actor's state to a tuple of counts (e.g. "certain
        holder", "maybe"); the sums are kept up to date change by change,
        so the cost is one pass over the changes plus one step per day.
        """
        order = sorted(range(len(days)), key=lambda i: days[i])
        found: list[tuple[int, ...]] = [()] * len(days)
        current: dict[str, int] = {}
        totals = [0] * width
        index = 0
        for position in order:
            ordinal = days[position].toordinal()
            while index < len(self._days) and self._days[index] <= ordinal:
                actor, state = self._actors[index], self._states[index]
                old = weigh(actor, current.get(actor, 0))
                new = weigh(actor, state)
                for slot, (before, after) in enumerate(zip(old, new, strict=True)):
                    totals[slot] += after - before
                current[actor] = state
                index += 1
            found[position] = tuple(totals)
        return found
