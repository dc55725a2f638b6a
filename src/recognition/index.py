"""The index a ledger's queries read: histories per pair, and who is involved with whom.

Built in one pass over the records in force, on the first query after the
ledger changed: rows are grouped by pair and sorted once, which is far
cheaper than keeping every pair sorted while records arrive one by one.
"""

from __future__ import annotations

from collections.abc import Iterable

from recognition import answers as a
from recognition.entities import claimant_seat
from recognition.events import Domain, Kind
from recognition.history import Histories, History, Transition
from recognition.store import KINDS, RecordStore

__all__ = ["Index", "pair"]

_CODE_BITS = 21  # entity codes in a pair key
_CODE_MASK = (1 << _CODE_BITS) - 1


def pair(x: str, y: str) -> tuple[str, str]:
    """Two states in a fixed order, for the symmetric histories of relations."""
    return (x, y) if x <= y else (y, x)


_RELATIONS = {
    Kind.ESTABLISH_RELATIONS: a.ESTABLISHED,
    Kind.RESTORE_RELATIONS: a.ESTABLISHED,
    Kind.SEVER_RELATIONS: a.SEVERED,
    Kind.SUSPEND_RELATIONS: a.SUSPENDED,
}


class _Sorted:
    """The rows of each kind of history, with their pair keys; signals; partners."""

    def __init__(self, store: RecordStore, rows: Iterable[int]) -> None:
        kinds, actors, subjects, _ = store.columns()
        names = store.entities()
        seat_of = [-1] * len(names)  # entity code -> its seat's code, for a claimant
        for code, name in enumerate(list(names)):
            seat = claimant_seat(name)
            if seat is not None:
                seat_of[code] = store.entity_code(seat)
        domains = [None, *(kind.domain for kind in KINDS)]
        neutral = KINDS.index(Kind.NEUTRAL) + 1
        self.states: tuple[list[int], list[int]] = ([], [])
        self.seats: tuple[list[int], list[int]] = ([], [])
        self.relations: tuple[list[int], list[int]] = ([], [])
        self.signals: dict[tuple[str, str], list[int]] = {}
        self.partners: dict[str, set[str]] = {}
        for row in rows:
            code, actor, subject = kinds[row], actors[row], subjects[row]
            domain = domains[code]
            if domain is Domain.RECOGNITION:
                target = seat_of[subject]
                if target < 0 and code == neutral:
                    target = subject
                keys, found = self.states if target < 0 else self.seats
                keys.append(actor << _CODE_BITS | (subject if target < 0 else target))
                found.append(row)
                continue
            x, y = names[actor], names[subject]
            self.partners.setdefault(x, set()).add(y)
            self.partners.setdefault(y, set()).add(x)
            if domain is Domain.RELATIONS:
                first, second = (actor, subject) if x <= y else (subject, actor)
                self.relations[0].append(first << _CODE_BITS | second)
                self.relations[1].append(row)
            else:
                self.signals.setdefault(pair(x, y), []).append(row)


def _transitions(store: RecordStore) -> tuple[Transition, Transition, Transition]:
    """The status a row leaves behind: on a state, on a seat, in relations."""

    def recognition(_before: str, row: int) -> str:
        return a.RECOGNISED if store.kind(row) is Kind.RECOGNISE else a.WITHDRAWN

    def position(before: str, row: int) -> str:
        kind = store.kind(row)
        if kind is Kind.NEUTRAL:
            return a.NEUTRAL
        subject = store.subject(row)
        held = set(before.split(a.DUAL_SEPARATOR)) if "/" in before else set()
        if kind is Kind.WITHDRAW_RECOGNITION:
            held.discard(subject)
            return a.DUAL_SEPARATOR.join(sorted(held)) if held else a.WITHDRAWN
        if not store.dual(row):
            return subject
        held.add(subject)
        return a.DUAL_SEPARATOR.join(sorted(held))

    def relation(_before: str, row: int) -> str:
        return _RELATIONS[store.kind(row)]

    return recognition, position, relation


class Index:
    """Histories of states, seats and relations, signals, and who acts on what."""

    __slots__ = (
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

    def __init__(self, store: RecordStore, rows: Iterable[int]) -> None:
        """Index the store's ``rows``: records with an event, in force.

        Pair keys are made of the store's entity codes; a seat that no
        record names gets a code too.
        """
        self._names = store.entities()
        self._codes: dict[str, int] | None = None  # made on the first lookup
        found = _Sorted(store, rows)
        recognition, position, relation = _transitions(store)
        self.states = Histories(store, *found.states, a.NOT_RECOGNISED, recognition)
        self.seats = Histories(store, *found.seats, a.NO_STATEMENT, position)
        self.relations = Histories(store, *found.relations, a.UNKNOWN, relation)
        self.signals = found.signals
        self.seat_ids = {self._names[key & _CODE_MASK] for key in self.seats.pair_keys}
        actors_of: dict[str, list[str]] = {}
        subjects_of: dict[str, list[str]] = {}
        for actor, target in self._pairs(self.states) + self._pairs(self.seats):
            actors_of.setdefault(target, []).append(actor)
            subjects_of.setdefault(actor, []).append(target)
        # Sorted tuples: a set per entity would cost more than the histories.
        self.actors_of = {k: tuple(sorted(v)) for k, v in actors_of.items()}
        self.subjects_of = {k: tuple(sorted(v)) for k, v in subjects_of.items()}
        self.partners = {k: tuple(sorted(v)) for k, v in found.partners.items()}

    def _pairs(self, histories: Histories) -> list[tuple[str, str]]:
        names = self._names
        return [(names[key >> _CODE_BITS], names[key & _CODE_MASK]) for key in histories.pair_keys]

    def _find(self, histories: Histories, x: str, y: str) -> History | None:
        codes = self._codes
        if codes is None:
            codes = self._codes = {name: code for code, name in enumerate(self._names)}
        first, second = codes.get(x), codes.get(y)
        if first is None or second is None:
            return None
        return histories.get(first << _CODE_BITS | second)

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
