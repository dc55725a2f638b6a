"""Turning text fields from files into values, with located problems.

Shared by the CSV and JSON Lines readers: each parser returns the value or
raises :class:`FieldError`, which the reader turns into a
:class:`~recognition.errors.Problem` naming the file, line and field.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import os
import tempfile
from collections.abc import Container, Iterable, Iterator
from pathlib import Path
from typing import IO

from recognition.dates import PartialDate
from recognition.entities import Registry
from recognition.errors import DateError, Problem, UnknownEntityError
from recognition.events import Kind, Mode, Source

__all__ = ["FieldError", "Interner", "atomic_writer", "parse_bool", "parse_entity", "parse_kind"]


class FieldError(Exception):
    """A field's value is bad; caught by readers and turned into a Problem."""

    def __init__(self, field: str, message: str, suggestion: str | None = None) -> None:
        """Say which field is bad, why, and what was probably meant."""
        super().__init__(message)
        self.field = field
        self.message = message
        self.suggestion = suggestion

    def at(self, path: Path, line: int, record: str | None) -> Problem:
        """The problem, located in ``path`` at ``line`` (in ``record``, if known)."""
        return Problem(
            self.message,
            path=path,
            line=line,
            field=self.field,
            record=record,
            suggestion=self.suggestion,
        )


_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0", ""}


def parse_bool(field: str, text: str) -> bool:
    """``true``/``false`` (also yes/no, 1/0; empty is false)."""
    value = text.strip().casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    msg = f"expected true or false, got {text!r}"
    raise FieldError(field, msg)


def parse_date_field(field: str, text: str) -> PartialDate | None:
    """A partial date, or ``None`` when empty."""
    if not text.strip():
        return None
    return parse_required_date(field, text)


def parse_required_date(field: str, text: str) -> PartialDate:
    """A partial date that must be there."""
    if not text.strip():
        raise FieldError(field, "missing date")
    try:
        return PartialDate.parse(text)
    except DateError as exc:
        raise FieldError(field, str(exc)) from None


def parse_entity(field: str, text: str, registry: Registry) -> str:
    """An entity id, given as an id, a code or a name.

    Ids the registry does not know are rejected with the closest matches as
    a suggestion.
    """
    value = text.strip()
    if not value:
        raise FieldError(field, "missing entity id")
    if value in registry:
        return value
    try:
        return registry.lookup(value).id
    except UnknownEntityError as exc:
        hint = ", ".join(exc.suggestions) if exc.suggestions else None
        raise FieldError(field, f"unknown entity {value!r}", hint) from None


def parse_kind(field: str, text: str) -> Kind:
    """An event kind."""
    value = text.strip()
    try:
        return Kind(value)
    except ValueError:
        close = difflib.get_close_matches(value, [k.value for k in Kind], n=1)
        raise FieldError(field, f"unknown kind {value!r}", close[0] if close else None) from None


def parse_mode(field: str, text: str) -> Mode | None:
    """A withdrawal mode, or ``None`` when empty."""
    value = text.strip()
    if not value:
        return None
    try:
        return Mode(value)
    except ValueError:
        choices = ", ".join(m.value for m in Mode)
        raise FieldError(field, f"unknown mode {value!r}; expected one of {choices}") from None


def check_earlier(field: str, ids: Iterable[str], seen: Container[str]) -> None:
    """Raise unless every id in ``ids`` names a record read earlier."""
    missing = [old for old in ids if old not in seen]
    if missing:
        raise FieldError(field, f"unknown or later record(s) {', '.join(missing)}")


def parse_ids(text: str) -> tuple[str, ...]:
    """A ``;``-separated list of record ids."""
    if not text:
        return ()
    return tuple(part.strip() for part in text.split(";") if part.strip())


class Interner:
    """Shares the equal values read from one file: dates, sources, entity ids.

    Dates and sources repeat a great deal in real data (one article backs
    many events); values are immutable, so one object can serve every row,
    which saves both parsing time and memory.
    """

    def __init__(self, registry: Registry) -> None:
        """Resolve entity names with ``registry``."""
        self._registry = registry
        #: Texts already read, and what they gave (the fast path of
        #: :meth:`date`, :meth:`entity` and :meth:`source`).
        self.dates: dict[str, PartialDate | None] = {}
        self.entities: dict[str, str] = {}
        self.sources: dict[tuple[str, str, str, str, str], Source] = {}

    def date(self, field: str, text: str) -> PartialDate | None:
        """A partial date, or ``None`` when empty (see :func:`parse_date_field`)."""
        if text not in self.dates:
            self.dates[text] = parse_date_field(field, text)
        return self.dates[text]

    def required_date(self, field: str, text: str) -> PartialDate:
        """A partial date that must be there."""
        found = self.date(field, text)
        if found is None:
            raise FieldError(field, "missing date")
        return found

    def entity(self, field: str, text: str) -> str:
        """An entity id (see :func:`parse_entity`)."""
        found = self.entities.get(text)
        if found is None:
            found = self.entities[text] = parse_entity(field, text, self._registry)
        return found

    def source(self, fields: tuple[str, str, str, str, str], date_field: str) -> Source:
        """The source with these (outlet, title, date, url, quote) texts."""
        found = self.sources.get(fields)
        if found is None:
            outlet, title, date, url, quote = fields
            found = Source(outlet, title, self.date(date_field, date), url, quote)
            self.sources[fields] = found
        return found


_NEEDS_QUOTES = frozenset(',"\r\n')


def csv_line(values: Iterable[str]) -> str:
    r"""One CSV line, ``\n``-terminated, quoting every field that needs it.

    The csv module, told to end lines with ``\n``, leaves a lone ``\r``
    unquoted, and readers then split the row there; this quotes it.
    """
    cells = []
    for value in values:
        if _NEEDS_QUOTES.intersection(value):
            cells.append('"' + value.replace('"', '""') + '"')
        else:
            cells.append(value)
    return ",".join(cells) + "\n"


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects.

    Bulk loads create millions of objects and no cycles; the collector's
    repeated passes over them cost more than the load itself. The previous
    state is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; on success, rename it over ``path``.

    A crash or an exception leaves ``path`` as it was and no temporary file.
    """
    path = Path(path)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed or removed
        "w",
        encoding="utf-8",
        newline="",
        dir=path.parent,
        prefix=f".{path.name}.",
        suffix=".tmp",
        delete=False,
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(handle.name).replace(path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
