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
from recognition.history import Histories, History
from recognition.store import RecordStore

__all__ = ["Index", "pair"]

_CODE_BITS = 21  # entity codes in a pair key


def pair(x: str, y: str) -> tuple[str, str]:
    """Two states in a fixed order, for the symmetric histories of relations."""
    return (x, y) if x <= y else (y, x)


_RELATIONS = {
    Kind.ESTABLISH_RELATIONS: a.ESTABLISHED,
    Kind.RESTORE_RELATIONS: a.ESTABLISHED,
    Kind.SEVER_RELATIONS: a.SEVERED,
    Kind.SUSPEND_RELATIONS: a.SUSPENDED,
}


class Index:
    """Histories of states, seats and relations, signals, and who acts on what."""

    __slots__ = (
        "_codes",
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
        """Index the store's ``rows``: records with an event, in force."""
        self._codes: dict[str, int] = {}
        states: list[tuple[int, int]] = []
        seats: list[tuple[int, int]] = []
        relations: list[tuple[int, int]] = []
        self.signals: dict[tuple[str, str], list[int]] = {}
        actors_of: dict[str, set[str]] = {}
        subjects_of: dict[str, set[str]] = {}
        partners: dict[str, set[str]] = {}
        self.seat_ids: set[str] = set()
        for row in rows:
            kind = store.kind(row)
            actor, subject = store.actor(row), store.subject(row)
            domain = kind.domain
            if domain is Domain.RECOGNITION:
                seat = claimant_seat(subject) or (subject if kind is Kind.NEUTRAL else None)
                target = seat or subject
                (seats if seat is not None else states).append((self._key(actor, target), row))
                if seat is not None:
                    self.seat_ids.add(seat)
                actors_of.setdefault(target, set()).add(actor)
                subjects_of.setdefault(actor, set()).add(target)
                continue
            partners.setdefault(actor, set()).add(subject)
            partners.setdefault(subject, set()).add(actor)
            if domain is Domain.RELATIONS:
                relations.append((self._key(*pair(actor, subject)), row))
            else:
                self.signals.setdefault(pair(actor, subject), []).append(row)

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

        self.states = Histories(store, states, a.NOT_RECOGNISED, recognition)
        self.seats = Histories(store, seats, a.NO_STATEMENT, position)
        self.relations = Histories(store, relations, a.UNKNOWN, relation)
        # Sorted tuples: a set per entity would cost more than the histories.
        self.actors_of = {k: tuple(sorted(v)) for k, v in actors_of.items()}
        self.subjects_of = {k: tuple(sorted(v)) for k, v in subjects_of.items()}
        self.partners = {k: tuple(sorted(v)) for k, v in partners.items()}

    def _key(self, x: str, y: str) -> int:
        codes = self._codes
        first = codes.setdefault(x, len(codes))
        second = codes.setdefault(y, len(codes))
        return first << _CODE_BITS | second

    def _find(self, histories: Histories, x: str, y: str) -> History | None:
        first, second = self._codes.get(x), self._codes.get(y)
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
        names = {code: name for name, code in self._codes.items()}
        mask = (1 << _CODE_BITS) - 1
        found = []
        for key in histories.pair_keys:
            history = histories.get(key)
            assert history is not None
            found.append((names[key >> _CODE_BITS], names[key & mask], history))
        found.sort(key=lambda item: (item[0], item[1]))
        return found
