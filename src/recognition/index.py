"""The index a ledger's queries read: histories per pair, and who is involved with whom.

Built on the first query after the ledger changed, from the records in
force, with numpy: each record's pair and the status it leaves behind are
computed on whole columns, and the rows are grouped by pair and sorted
once, which is far cheaper than keeping every pair sorted while records
arrive one by one.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from recognition import answers as a
from recognition.entities import claimant_seat
from recognition.events import Domain, Kind
from recognition.history import Days, Histories, History, Ints, Mask, Replay, Rows, changes
from recognition.store import KINDS, RecordStore

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["Index", "in_force", "pair"]


def pair(x: str, y: str) -> tuple[str, str]:
    """Two states in a fixed order, for the symmetric histories of relations."""
    return (x, y) if x <= y else (y, x)


_RELATIONS = {
    Kind.ESTABLISH_RELATIONS: a.ESTABLISHED,
    Kind.RESTORE_RELATIONS: a.ESTABLISHED,
    Kind.SEVER_RELATIONS: a.SEVERED,
    Kind.SUSPEND_RELATIONS: a.SUSPENDED,
}


def _code(kind: Kind) -> int:
    return KINDS.index(kind) + 1


_RECOGNISE = _code(Kind.RECOGNISE)
_WITHDRAW = _code(Kind.WITHDRAW_RECOGNITION)
_NEUTRAL = _code(Kind.NEUTRAL)
_MAY_BE_DUAL = [_code(Kind.RECOGNISE), _code(Kind.SUPPORT)]
# By kind code (0, a retraction, is in no domain).
_IS_RECOGNITION = np.array([False, *(kind.domain is Domain.RECOGNITION for kind in KINDS)])
_IS_RELATION = np.array([False, *(kind.domain is Domain.RELATIONS for kind in KINDS)])


def in_force(store: RecordStore, rows: Sequence[int] | None, superseded: Collection[int]) -> Ints:
    """The rows with an event that are not ``superseded``, in increasing order.

    ``rows`` (increasing) are those to look at; ``None``: every row of the
    store.
    """
    found = np.arange(len(store), dtype=np.int64) if rows is None else np.array(rows, np.int64)
    kept: Mask = np.array(store.columns()[0])[found] != 0
    if superseded:
        kept &= ~np.isin(found, np.fromiter(superseded, np.int64, len(superseded)))
    return found[kept]


class Index:
    """Histories of states, seats and relations, signals, and who acts on what."""

    __slots__ = (
        "_bits",
        "_codes",
        "_names",
        "actors_of",
        "partners",
        "relations",
        "seat_ids",
        "seats",
        "signals",
        "states",
        "subjects_of",
    )

    def __init__(self, store: RecordStore, rows: Ints) -> None:
        """Index the store's ``rows`` (increasing): records with an event, in force.

        Pair keys are made of the store's entity codes; a seat that no
        record names gets a code too.
        """
        self._names = store.entities()
        self._codes: dict[str, int] | None = None  # made on the first lookup
        seat_of = _seats(store)  # first: it may give seats codes
        self._bits = max(len(self._names) - 1, 1).bit_length()  # of an entity code
        ranks = _name_ranks(self._names)
        # Copies: the store's arrays must stay free to grow.
        kinds, actors, subjects, dates = (np.array(column) for column in store.columns())
        kind = kinds[rows]
        keys, seat = self._pair_keys(kind, actors[rows], subjects[rows], seat_of, ranks)
        found = Rows(keys, rows, dates[rows])
        days = Days.of(store)
        recognition = _IS_RECOGNITION[kind]
        relation = _IS_RELATION[kind]
        self.states = Histories(
            store, found.take(recognition & ~seat), days, a.NOT_RECOGNISED, _recognition(kinds)
        )
        self.seats = Histories(
            store, found.take(seat), days, a.NO_STATEMENT, _positions(store, kinds, subjects)
        )
        self.relations = Histories(store, found.take(relation), days, a.UNKNOWN, _relation(kinds))
        self.signals = self._signals(found.take(~recognition & ~relation))
        self.partners = self._partners(keys[~recognition], ranks)
        self._involved(ranks)

    def _pair_keys(
        self,
        kinds: NDArray[Any],
        actors: NDArray[Any],
        subjects: NDArray[Any],
        seat_of: Ints,
        ranks: Ints,
    ) -> tuple[Ints, Mask]:
        """The pair key of each row, and whether the row is a position on a seat.

        A recognition row's pair is its actor and the seat of the claimant
        it is about (or the seat itself, for a neutral position), else the
        state it is about. The pair of any other row is its two states, in
        the order of their ids.
        """
        recognition = _IS_RECOGNITION[kinds]
        seat = np.where(recognition, seat_of[subjects], -1)
        neutral = recognition & (seat < 0) & (kinds == _NEUTRAL)
        seat[neutral] = subjects[neutral]
        swap = ~recognition & (ranks[actors] > ranks[subjects])
        first = np.where(swap, subjects, actors)
        second = np.where(swap, actors, np.where(seat >= 0, seat, subjects))
        return self._key(first, second), seat >= 0

    def _key(self, first: Ints, second: Ints) -> Ints:
        """The pair keys of two arrays of entity codes."""
        return first.astype(np.int64) << self._bits | second

    def _split(self, keys: Ints) -> tuple[Ints, Ints]:
        """The entity codes a pair key is made of."""
        return keys >> self._bits, keys & ((1 << self._bits) - 1)

    def _involved(self, ranks: Ints) -> None:
        """``actors_of``, ``subjects_of`` and ``seat_ids``: from the pairs of states and seats."""
        seat_keys = np.array(self.seats.pair_keys, np.int64)
        keys = np.concatenate((np.array(self.states.pair_keys, np.int64), seat_keys))
        actors, targets = self._split(keys)
        self.actors_of = self._grouped(targets, actors, ranks)
        self.subjects_of = self._grouped(actors, targets, ranks)
        names = self._names
        self.seat_ids = {names[code] for code in np.unique(self._split(seat_keys)[1]).tolist()}

    def _partners(self, keys: Ints, ranks: Ints) -> dict[str, tuple[str, ...]]:
        """Each entity's partners: in relations or signals (given by their pair keys)."""
        first, second = self._split(np.unique(keys))
        both = np.unique(self._key(np.append(first, second), np.append(second, first)))
        return self._grouped(*self._split(both), ranks)

    def _grouped(self, keys: Ints, values: Ints, ranks: Ints) -> dict[str, tuple[str, ...]]:
        """For each entity code in ``keys``, the ids of its ``values``, sorted (``ranks``)."""
        names = self._names
        by_rank = np.empty(len(names), dtype=object)
        by_rank[ranks] = names
        # Ranks fit in a code's bits: one sort of integers orders both.
        packed = np.sort(self._key(keys, ranks[values]))
        keys, value_ranks = self._split(packed)
        ids = by_rank[value_ranks]
        starts = np.flatnonzero(changes(keys))
        return {
            names[key]: tuple(group.tolist())
            for key, group in zip(keys[starts].tolist(), _cut(ids, starts), strict=True)
        }

    def _signals(self, found: Rows) -> dict[tuple[str, str], list[int]]:
        """The rows of each pair's signals, in increasing order."""
        order = np.argsort(found.keys, kind="stable")
        keys = found.keys[order]
        starts = np.flatnonzero(changes(keys))
        names = self._names
        firsts, seconds = self._split(keys[starts])
        return {
            (names[first], names[second]): group.tolist()
            for first, second, group in zip(
                firsts.tolist(),
                seconds.tolist(),
                _cut(found.rows[order], starts),
                strict=True,
            )
        }

    def _pairs(self, histories: Histories) -> list[tuple[str, str]]:
        names = self._names
        actors, targets = self._split(np.array(histories.pair_keys, np.int64))
        return [
            (names[x], names[y]) for x, y in zip(actors.tolist(), targets.tolist(), strict=True)
        ]

    def _find(self, histories: Histories, x: str, y: str) -> History | None:
        codes = self._codes
        if codes is None:
            codes = self._codes = {name: code for code, name in enumerate(self._names)}
        first, second = codes.get(x), codes.get(y)
        # An entity new since the index was built has no history in it, and
        # its code may not fit in a key.
        if first is None or second is None or second >> self._bits:
            return None
        return histories.get(first << self._bits | second)

    def state(self, actor: str, subject: str) -> History | None:
        """The history of ``actor``'s recognition of the state ``subject``."""
        return self._find(self.states, actor, subject)

    def seat(self, actor: str, seat: str) -> History | None:
        """The history of ``actor``'s positions on ``seat``."""
        return self._find(self.seats, actor, seat)

    def relation(self, first: str, second: str) -> History | None:
        """The history of relations between two states."""
        history = self._find(self.relations, *pair(first, second))
        if history is not None:
            # Before the first record that establishes relations there were
            # none; before any other first record (a severance), the ledger
            # cannot tell.
            opening = history.status(history.start)
            history.initial = a.NONE if opening == a.ESTABLISHED else a.UNKNOWN
        return history

    def pairs(self, histories: Histories) -> list[tuple[str, str, History]]:
        """Every pair of ``histories``, with its history, sorted by names."""
        found = []
        for (x, y), key in zip(self._pairs(histories), histories.pair_keys, strict=True):
            history = histories.get(key)
            assert history is not None
            found.append((x, y, history))
        found.sort(key=lambda item: (item[0], item[1]))
        return found


def _seats(store: RecordStore) -> Ints:
    """The code of each claimant's seat, by entity code (-1: not a claimant)."""
    names = store.entities()
    seat_of = [-1] * len(names)
    for code, name in enumerate(list(names)):
        seat = claimant_seat(name)
        if seat is not None:
            seat_of[code] = store.entity_code(seat)
    return np.array(seat_of, np.int64)


def _cut(values: NDArray[Any], starts: Ints) -> list[NDArray[Any]]:
    """``values`` cut into groups at ``starts`` (0 first, unless ``values`` is empty)."""
    return np.split(values, starts[1:]) if len(starts) else []


def _name_ranks(names: list[str]) -> Ints:
    """The rank of each id in the sorted ids, by entity code."""
    ranks = np.empty(len(names), np.int64)
    ranks[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
    return ranks


def _recognition(kinds: NDArray[Any]) -> Replay:
    """States: recognised after a recognition, withdrawn after anything else.

    ``kinds``: the store's kind codes, by row.
    """

    def replay(rows: Ints, _starts: Mask) -> tuple[list[str], Ints]:
        return [a.RECOGNISED, a.WITHDRAWN], (kinds[rows] != _RECOGNISE).astype(np.int64)

    return replay


def _relation(kinds: NDArray[Any]) -> Replay:
    """Relations: the status each kind of record leaves, whatever came before."""
    statuses = sorted(set(_RELATIONS.values()))
    table = np.zeros(len(KINDS) + 1, np.int64)
    for kind, status in _RELATIONS.items():
        table[_code(kind)] = statuses.index(status)

    def replay(rows: Ints, _starts: Mask) -> tuple[list[str], Ints]:
        return list(statuses), table[kinds[rows]]

    return replay


def _positions(store: RecordStore, kinds: NDArray[Any], subjects: NDArray[Any]) -> Replay:
    """Seats: the claimants held (joined by ``+``), else neutral or withdrawn.

    Most pairs hold one claimant at a time: they are replayed on whole
    arrays. The pairs where a record holds two (dual), or a claimant's id
    has the separator in it, are replayed record by record.
    """
    names = store.entities()

    def replay(rows: Ints, starts: Mask) -> tuple[list[str], Ints]:
        kind = kinds[rows].astype(np.int64)
        subject = subjects[rows].astype(np.int64)
        held = _single_holdings(kind, subject, starts)
        claimants = np.unique(held[held >= 0])
        statuses = [a.NEUTRAL, a.WITHDRAWN, *(names[code] for code in claimants.tolist())]
        none_held = np.where(kind == _NEUTRAL, 0, 1)
        codes = np.where(held >= 0, 2 + np.searchsorted(claimants, held), none_held)
        dual = store.duals()[rows] & np.isin(kind, _MAY_BE_DUAL)
        several = _several_held(names, subject, kind != _NEUTRAL, dual, starts)
        if several.any():
            _replay_each(store, rows, starts, several, statuses, codes)
        return statuses, codes

    return replay


def _single_holdings(kind: Ints, subject: Ints, starts: Mask) -> Ints:
    """The claimant each record leaves held (-1: none), if none is dual.

    A recognition or support holds its claimant, a neutral position none.
    A withdrawal keeps what the last of those held, unless a withdrawal
    since then (itself included) dropped that claimant.
    """
    positions = np.arange(len(kind))
    pair_start = np.maximum.accumulate(np.where(starts, positions, 0))
    withdrawal = kind == _WITHDRAW
    setter = np.maximum.accumulate(np.where(withdrawal, -1, positions))
    set_to = np.where(kind == _NEUTRAL, -1, subject)
    held = np.where(setter >= pair_start, set_to[np.maximum(setter, 0)], -1)
    drops = withdrawal & (subject == held)
    dropped = np.maximum.accumulate(np.where(drops, positions, -1)) > setter
    return np.where(dropped, -1, held)


def _several_held(
    names: list[str], subject: Ints, claimant: Mask, dual: Mask, starts: Mask
) -> Mask:
    """The positions of the pairs :func:`_single_holdings` cannot replay.

    Those with a ``dual`` record, or a record about a ``claimant`` whose id
    has the separator in it (a status splits at it).
    """
    separated = np.array([a.DUAL_SEPARATOR in name for name in names], np.bool_)
    odd = dual | (claimant & separated[subject])
    pair: Ints = np.cumsum(starts) - 1
    odd_pairs = np.zeros(len(starts), np.bool_)
    odd_pairs[pair[odd]] = True
    return odd_pairs[pair]


def _replay_each(  # noqa: PLR0917 - the replay's arrays
    store: RecordStore,
    rows: Ints,
    starts: Mask,
    which: Mask,
    statuses: list[str],
    codes: Ints,
) -> None:
    """Replay the positions ``which`` (whole pairs) one by one, into ``codes`` and ``statuses``."""
    index = {status: code for code, status in enumerate(statuses)}
    status = a.NO_STATEMENT
    for position in np.flatnonzero(which).tolist():
        row = int(rows[position])
        before = a.NO_STATEMENT if starts[position] else status
        status = _position(before, store.kind(row), store.subject(row), dual=store.dual(row))
        code = index.get(status)
        if code is None:
            code = index[status] = len(statuses)
            statuses.append(status)
        codes[position] = code


def _position(before: str, kind: Kind, subject: str, *, dual: bool) -> str:
    """The status a record on a seat leaves behind, given the one before."""
    if kind is Kind.NEUTRAL:
        return a.NEUTRAL
    held = set(before.split(a.DUAL_SEPARATOR)) if "/" in before else set()
    if kind is Kind.WITHDRAW_RECOGNITION:
        held.discard(subject)
        return a.DUAL_SEPARATOR.join(sorted(held)) if held else a.WITHDRAWN
    if not dual:
        return subject
    held.add(subject)
    return a.DUAL_SEPARATOR.join(sorted(held))
