"""Rows checked and stored many at a time, column by column.

A reader of millions of rows cannot afford a Python object, or even a
function call, per field: it takes a chunk of rows as columns, codes each
distinct text once (:class:`Codes`), and hands the store whole columns of
codes (:meth:`~recognition.ledger.Loader.add_plain`). When a chunk holds a
row that is not plain or not valid, the reader takes its rows one by one,
and names the problems.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any, TypeVar

from recognition.errors import EventError
from recognition.events import Kind, Mode, Source, check_event
from recognition.fields import FieldError, Interner, parse_mode
from recognition.ledger import Loader

__all__ = [
    "KINDS_BY_NAME",
    "Codes",
    "PlainKind",
    "SourceKey",
    "checked_mode",
    "has_none",
    "interned",
    "plain_ids",
    "plain_kinds",
]

K = TypeVar("K")
V = TypeVar("V")

#: Each kind by its name, as files write it.
KINDS_BY_NAME = {kind.value: kind for kind in Kind}

_NOT_IN_IDS = re.compile(r"[;,\s]")


def plain_ids(ids: Sequence[str]) -> bool:
    """Whether every one of ``ids`` is an id :func:`~recognition.events.check_id` accepts.

    One search of their join: far cheaper than a check per id.
    """
    return all(ids) and not _NOT_IN_IDS.search("".join(ids))


SourceKey = tuple[str, str, str, str, str]  # a source's outlet, title, date, url, quote


class Codes:
    """The store's codes of the texts of one read: each distinct text checked and coded once.

    A text that is not valid raises :class:`FieldError`.
    """

    def __init__(self, interner: Interner, loader: Loader) -> None:
        """Check texts with ``interner``; code values in the store ``loader`` fills."""
        self.interner = interner
        self._loader = loader
        self._entities: dict[str, int] = {}
        self._dates: dict[str, int] = {}
        self._sources: dict[SourceKey, int] = {}

    def entities(self, field: str, texts: Sequence[str]) -> list[int]:
        """The codes of the entities ``texts`` name (see :func:`parse_entity`)."""
        code, entity = self._loader.entity_code, self.interner.entity
        return interned(self._entities, texts, lambda text: code(entity(field, text)))

    def dates(self, field: str, texts: Sequence[str]) -> list[int]:
        """The codes of the dates ``texts`` give; none may be empty."""
        code, date = self._loader.date_code, self.interner.required_date
        return interned(self._dates, texts, lambda text: code(date(field, text)))

    def sources(self, date_field: str, keys: Sequence[SourceKey]) -> list[int]:
        """The codes of the sources of ``keys``, each with an outlet."""
        code, source = self._loader.source_code, self.interner.source
        return interned(self._sources, keys, lambda key: code(source(key, date_field)))

    def source_code(self, source: Source) -> int:
        """The code of a source made from texts."""
        return self._loader.source_code(source)


def interned(known: dict[K, V], keys: Sequence[K], make: Callable[[K], V]) -> list[V]:
    """The values of ``keys`` in ``known``; a missing one is made (and kept there)."""
    found = list(map(known.get, keys))
    if has_none(found):
        for index, value in enumerate(found):
            if value is None:
                key = keys[index]
                found[index] = known[key] if key in known else known.setdefault(key, make(key))
    return found  # type: ignore[return-value]  # made values fill the gaps


def has_none(values: Sequence[object]) -> bool:
    """Whether a value is None (not ``None in values``: that calls each value's __eq__)."""
    return any(map(operator.is_, values, repeat(None)))


def _is_claimant(subject: str) -> bool:
    """Whether an entity id names a claimant to a seat (``XX/name``)."""
    return "/" in subject


#: An event's kind, mode, dual, disputed and CAMEO code, as the store takes them.
PlainKind = tuple[Kind, Mode | None, bool, bool, str]


def plain_kinds(  # noqa: PLR0917 - the columns of an event's kind and flags
    known: dict[Any, PlainKind | None],
    make: Callable[[Any], PlainKind | None],
    names: Sequence[str],
    subjects: Sequence[int],
    kinds: Sequence[Any],
    modes: Sequence[Any],
    duals: Sequence[Any],
    disputeds: Sequence[Any],
    cameos: Sequence[Any],
) -> list[PlainKind | None]:
    """The :data:`PlainKind` of each event, from its fields as a file gives them.

    ``make`` turns a key, (kind, whether the subject is a claimant, mode,
    dual, disputed, cameo), into its PlainKind, or None if the fields are
    not valid together; each distinct key is made once and kept in
    ``known``. ``subjects`` are entity codes, ``names`` the ids by code.
    """
    claimants = map(_is_claimant, map(names.__getitem__, subjects))
    keys = list(zip(kinds, claimants, modes, duals, disputeds, cameos, strict=True))
    return interned(known, keys, make)


# The rules of check_event depend on the subject only through whether it is
# a claimant: the modes of the combinations seen, by (kind, claimant, mode,
# dual, cameo).
_CHECKED: dict[tuple[Kind, bool, str, bool, str], Mode | None] = {}


def checked_mode(kind: Kind, subject: str, mode: str, cameo: str, *, dual: bool) -> Mode | None:
    """The mode :func:`~recognition.events.check_event` gives, or :class:`FieldError`."""
    key = (kind, "/" in subject, mode, dual, cameo)
    if key in _CHECKED:
        return _CHECKED[key]
    try:
        found = check_event(
            kind, subject, parse_mode("mode", mode) if mode else None, dual=dual, cameo=cameo
        )
    except EventError as exc:
        raise FieldError("kind", str(exc)) from None  # noqa: EM101 - a field name, not a message
    _CHECKED[key] = found
    return found
