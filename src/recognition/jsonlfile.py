"""The JSON Lines format: lossless, one record per line, with a schema version.

The first line is the header ``{"format": "recognition", "schema": 1}``;
each further line is one record (see ``docs/format.md``). The reader
takes lines a chunk at a time: a chunk of plain records is checked and
stored column by column (see :mod:`recognition.bulk`), any other record
by record. The writer writes to a temporary file and renames it.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Iterator, Sequence
from itertools import chain, islice, repeat
from pathlib import Path
from typing import Any

from recognition.bulk import (
    KINDS_BY_NAME,
    Codes,
    PlainKind,
    checked_mode,
    has_none,
    interned,
    plain_ids,
    plain_kinds,
)
from recognition.entities import Registry, bundled_registry
from recognition.errors import DataFileError, EventError, LedgerError, Problem
from recognition.events import Event, Record, Source, check_id
from recognition.fields import (
    FieldError,
    Interner,
    atomic_writer,
    check_earlier,
    gc_paused,
    parse_kind,
    parse_mode,
)
from recognition.ledger import Ledger, Loader

__all__ = ["FORMAT", "SCHEMA", "read_jsonl", "record_json", "source_json", "write_jsonl"]

FORMAT = "recognition"
SCHEMA = 1


def _text(obj: dict[str, Any], key: str, field: str, *, default: str | None = None) -> str:
    value = obj.get(key, default)
    if value is None:
        raise FieldError(field, "missing")
    if not isinstance(value, str):
        raise FieldError(field, f"expected a string, got {type(value).__name__}")
    return value


def _optional_text(obj: dict[str, Any], key: str, field: str | None = None) -> str:
    """A string field that may be absent or null (then empty)."""
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FieldError(field or key, f"expected a string, got {type(value).__name__}")
    return value


def _flag(obj: dict[str, Any], key: str, field: str) -> bool:
    value = obj.get(key, False)
    if not isinstance(value, bool):
        raise FieldError(field, f"expected true or false, got {value!r}")
    return value


def _object(value: object, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FieldError(field, f"expected an object, got {type(value).__name__}")
    return value


def _source(obj: object, field: str, interner: Interner) -> Source:
    data = _object(obj, field)
    fields = (
        _text(data, "outlet", f"{field}.outlet"),
        _text(data, "title", f"{field}.title", default=""),
        _optional_text(data, "date", f"{field}.date"),
        _text(data, "url", f"{field}.url", default=""),
        _text(data, "quote", f"{field}.quote", default=""),
    )
    return interner.source(fields, f"{field}.date")


def _event(obj: object, interner: Interner) -> Event:
    data = _object(obj, "event")
    raw_sources = data.get("sources", [])
    if not isinstance(raw_sources, list):
        raise FieldError("event.sources", "expected a list")
    mode = data.get("mode")
    extra = {}
    if data.get("cameo") is not None:
        extra["cameo"] = _text(data, "cameo", "event.cameo")
    try:
        return Event(
            actor=interner.entity("event.actor", _text(data, "actor", "event.actor")),
            subject=interner.entity("event.subject", _text(data, "subject", "event.subject")),
            kind=parse_kind("event.kind", _text(data, "kind", "event.kind")),
            date=interner.required_date("event.date", _text(data, "date", "event.date")),
            sources=tuple(
                _source(s, f"event.sources[{i}]", interner) for i, s in enumerate(raw_sources)
            ),
            mode=parse_mode("event.mode", mode) if isinstance(mode, str) else None,
            dual=_flag(data, "dual", "event.dual"),
            disputed=_flag(data, "disputed", "event.disputed"),
            note=_text(data, "note", "event.note", default=""),
            **extra,
        )
    except EventError as exc:
        raise FieldError("event", str(exc)) from None


def _record(obj: object, interner: Interner, origin: str) -> Record:
    data = _object(obj, "record")
    supersedes = _ids(data, "supersedes")
    contradicts = _ids(data, "contradicts")
    raw_event = data.get("event")
    record_id = _text(data, "id", "id")
    try:
        return Record(
            record_id,
            _event(raw_event, interner) if raw_event is not None else None,
            recorded=interner.date("recorded", _optional_text(data, "recorded")),
            supersedes=supersedes,
            contradicts=contradicts,
            origin=origin,
        )
    except EventError as exc:
        raise FieldError("id", str(exc)) from None


def _ids(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError(key, "expected a list of record ids")
    return tuple(value)


#: Lines read from a file: the number of the first, and their texts.
Chunk = tuple[int, list[str]]

# Lines read, checked and stored at once: few enough that their objects
# stay in the processor's cache while each column is taken from them (on
# the benchmark machine, a million lines load in 18 s by 256, 30 s by 4,096).
_CHUNK = 256


def _chunks(path: Path) -> Iterator[Chunk | Problem]:
    """Yield a file's lines in chunks, as ``(first line, texts)``, or a Problem.

    A Problem says why the file cannot be read further; the lines read
    before it come first.
    """
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        yield Problem(f"cannot open: {exc.strerror or exc}", path=path)
        return
    with handle:
        start = 1
        while True:
            texts: list[str] = []
            try:
                texts.extend(islice(handle, _CHUNK))  # keeps the lines before an error
            except UnicodeDecodeError as exc:
                if texts:
                    yield start, texts
                yield Problem(f"not UTF-8: {exc}", path=path, line=start + len(texts))
                return
            if texts:
                yield start, texts
            if len(texts) < _CHUNK:
                return
            start += len(texts)


def _records(path: Path) -> Iterator[Chunk | Problem]:
    """The chunks of lines after the header line, or the problems of reading the file.

    Lines before the header that are blank are skipped, and those that are
    not JSON are problems; nothing is yielded after a wrong header.
    """
    chunks = _chunks(path)
    troubled = False
    for item in chunks:
        if isinstance(item, Problem):
            troubled = True
            yield item
            continue
        start, texts = item
        for line, text in enumerate(texts, start):
            if not text.strip():
                continue
            try:
                header = json.loads(text)
            except (ValueError, RecursionError) as exc:
                troubled = True
                yield _not_json(exc, path, line)
                continue
            problem = _header_problem(header, path, line)
            if problem is not None:
                yield problem
                return
            if line + 1 - start < len(texts):
                yield line + 1, texts[line + 1 - start :]
            yield from chunks
            return
    if not troubled:
        yield Problem("empty file: expected a header line", path=path, line=1)


def _not_json(exc: Exception, path: Path, line: int) -> Problem:
    return Problem(f"not valid JSON: {exc}", path=path, line=line)


def _header_problem(header: object, path: Path, line: int) -> Problem | None:
    """What is wrong with the header line ``header``, if anything."""
    if not (isinstance(header, dict) and header.get("format") == FORMAT):
        message = f'expected the header {{"format": "{FORMAT}", ...}}'
        return Problem(message, path=path, line=line, field="format")
    if header.get("schema") != SCHEMA:
        message = f"unsupported schema {header.get('schema')!r}; this version reads {SCHEMA}"
        return Problem(message, path=path, line=line, field="schema")
    return None


def read_jsonl(
    path: str | Path,
    *,
    registry: Registry | None = None,
    problems: list[Problem] | None = None,
) -> Ledger:
    """Read a JSON Lines ledger into a new ledger.

    Arguments and errors as for :func:`recognition.read_csv`.
    """
    with gc_paused():
        return _read_jsonl(Path(path), registry or bundled_registry(), problems)


def _read_jsonl(path: Path, registry: Registry, problems: list[Problem] | None) -> Ledger:
    found: list[Problem] = []
    loader = Loader(registry)
    plain = _Plain(loader, Codes(Interner(registry), loader), str(path))
    for item in _records(path):
        if isinstance(item, Problem):
            found.append(item)
        else:
            found += _add_chunk(plain, *item, path)
    plain.cite()
    if found and problems is None:
        raise DataFileError(found)
    if problems is not None:
        problems.extend(found)
    return loader.finish()


def _add_chunk(plain: _Plain, start: int, texts: list[str], path: Path) -> list[Problem]:
    """Add lines at once if they are plain records, else one by one; the problems left out."""
    try:
        values: list[object | Problem] = list(map(json.loads, texts))
    except (ValueError, RecursionError):  # a blank line, or one not JSON
        return _add_each(plain, *_values(start, texts, path), path)
    lines = range(start, start + len(texts))
    if plain.add(lines, values):
        return []
    return _add_each(plain, lines, values, path)


def _values(start: int, texts: list[str], path: Path) -> tuple[list[int], list[object | Problem]]:
    """The lines that are not blank, and the JSON value of each (or the Problem if none)."""
    lines: list[int] = []
    values: list[object | Problem] = []
    for line, text in enumerate(texts, start):
        if not text.strip():
            continue
        lines.append(line)
        try:
            values.append(json.loads(text))
        except (ValueError, RecursionError) as exc:
            values.append(_not_json(exc, path, line))
    return lines, values


def _add_each(
    plain: _Plain, lines: Sequence[int], values: list[object | Problem], path: Path
) -> list[Problem]:
    """Add the records of ``values`` one by one; the problems of those left out."""
    found = []
    for line, value in zip(lines, values, strict=True):
        if isinstance(value, Problem):
            found.append(value)
            continue
        try:
            _load(plain.loader, _record(value, plain.codes.interner, f"{path}:{line}"))
        except FieldError as exc:
            record_id = value.get("id") if isinstance(value, dict) else None
            found.append(exc.at(path, line, record_id if isinstance(record_id, str) else None))
    return found


_RECORD_KEYS = operator.itemgetter("id", "recorded", "supersedes", "contradicts", "event")
_EVENT_KEYS = operator.itemgetter(
    "actor", "subject", "kind", "date", "mode", "dual", "disputed", "cameo", "note", "sources"
)
_SOURCE_KEYS = operator.itemgetter("outlet", "title", "date", "url", "quote")
_first_of = operator.itemgetter(0)
_after_first = operator.itemgetter(slice(1, None))


class _Plain:
    """Adds plain records many at a time, column by column, in one read of a file.

    Plain: a record with every key the writer writes, an event with at
    least one source, no recording date, supersedes or contradicts, a new
    id, and every field valid. The checks are those of :func:`_record`.
    The further sources of the records added wait for :meth:`cite`.
    """

    def __init__(self, loader: Loader, codes: Codes, path: str) -> None:
        """Add to ``loader``, coding texts with ``codes``; the records come from ``path``."""
        self.loader = loader
        self.codes = codes
        self._path = path
        # The code of each source key read, as JSON gives it (date may be null).
        self._sources: dict[tuple[object, ...], int] = {}
        self._good_entities: set[int] = set()  # codes of entities checked as Event checks them
        self._kinds: dict[KindKey, PlainKind | None] = {}  # see _plain_kind
        self._cited: list[str] = []  # the records given further sources, one per source
        self._further: list[int] = []  # the codes of those sources

    def add(self, lines: Sequence[int], values: list[Any]) -> bool:
        """Add the records ``values`` read from ``lines``, if they are all plain.

        Returns False, having added nothing, if any record is not plain;
        :func:`_add_each` then takes them one by one and names the problems.
        """
        try:
            ids, recorded, supersedes, contradicts, events = zip(
                *map(_RECORD_KEYS, values), strict=True
            )
            actors, subjects, kinds, dates, modes, duals, disputeds, cameos, notes, sources = zip(
                *map(_EVENT_KEYS, events), strict=True
            )
        except (KeyError, TypeError):  # a value is not an object, or lacks a key
            return False
        count = len(ids)
        if (
            recorded.count(None) < count
            or supersedes.count([]) < count
            or contradicts.count([]) < count
            or not _all(str, ids, actors, subjects, dates, notes)
            or not _all(bool, duals, disputeds)
            or not _all(list, sources)
            or not plain_ids(ids)
            or len(set(ids)) < count
            or self.loader.known(ids)
        ):
            return False
        try:
            actor_codes = self.codes.entities("event.actor", actors)
            subject_codes = self.codes.entities("event.subject", subjects)
            date_codes = self.codes.dates("event.date", dates)
            first = self._source_codes(list(map(_first_of, sources)))
            further = list(map(_after_first, sources))
            further_codes = self._source_codes(list(chain.from_iterable(further)))
            checked = plain_kinds(
                self._kinds,
                _plain_kind,
                self.loader.entities(),
                subject_codes,
                kinds,
                modes,
                duals,
                disputeds,
                cameos,
            )
        except (FieldError, KeyError, TypeError, IndexError):  # IndexError: no source
            return False
        if has_none(checked) or not self._good(actor_codes, subject_codes):
            return False
        self.loader.add_plain(
            ids,
            actors=actor_codes,
            subjects=subject_codes,
            dates=date_codes,
            sources=first,
            notes=notes,
            kinds=checked,  # type: ignore[arg-type]  # no None left
            origin=self._path,
            lines=lines,
        )
        self._cited.extend(chain.from_iterable(map(repeat, ids, map(len, further))))
        self._further.extend(further_codes)
        return True

    def cite(self) -> None:
        """Give the records added their further sources, after their first, in file order.

        Once, after the last :meth:`add`: the store sorts all its sources anew.
        """
        if self._cited:
            left_out = self.loader.cite(self._cited, self._further)
            assert not left_out, "every record cited was added, as an event"

    def _source_codes(self, objects: list[Any]) -> list[int]:
        """The codes of the sources ``objects``; KeyError or TypeError if not JSON objects."""
        return interned(self._sources, list(map(_SOURCE_KEYS, objects)), self._source_code)

    def _source_code(self, key: tuple[object, ...]) -> int:
        """The code of the source of ``key``, checked as :func:`_source` checks it."""
        outlet, title, date, url, quote = key
        texts = (outlet, title, "" if date is None else date, url, quote)
        if not _all(str, texts):
            raise FieldError("event.sources", "expected strings")
        source = self.codes.interner.source(texts, "event.sources.date")  # type: ignore[arg-type]
        return self.codes.source_code(source)

    def _good(self, *codes: list[int]) -> bool:
        """Whether the entities of ``codes`` are ids :class:`Event` accepts."""
        new = set().union(*codes) - self._good_entities
        names = self.loader.entities()
        try:
            for code in new:
                check_id("entity", names[code])
        except EventError:
            return False
        self._good_entities |= new
        return True


def _all(kind: type, *columns: Sequence[object]) -> bool:
    """Whether every value of ``columns`` is of type ``kind``."""
    return all(all(map(isinstance, column, repeat(kind))) for column in columns)


#: An event's kind, whether its subject is a claimant, its mode, dual,
#: disputed and cameo, as JSON gives them (dual and disputed checked as
#: booleans).
KindKey = tuple[object, bool, object, bool, bool, object]


def _plain_kind(key: KindKey) -> PlainKind | None:
    """The store's (kind, mode, dual, disputed, cameo) of ``key``; None if not valid."""
    kind_value, claimant, mode, dual, disputed, cameo = key
    kind = KINDS_BY_NAME.get(kind_value) if isinstance(kind_value, str) else None
    if kind is None or not (cameo is None or isinstance(cameo, str)):
        return None
    cameo = cameo or ""
    mode_text = mode if isinstance(mode, str) else ""  # _event ignores a mode not a string
    try:
        mode_found = checked_mode(kind, "x/y" if claimant else "x", mode_text, cameo, dual=dual)
    except FieldError:
        return None
    return (kind, mode_found, dual, disputed, cameo)


def _load(loader: Loader, record: Record) -> None:
    """Add ``record`` unless its id is taken or it names records not read before it."""
    first = loader.line(record.id)
    if first is not None:
        msg = "id"
        raise FieldError(msg, f"duplicate record id {record.id!r} (first on line {first})")
    check_earlier("supersedes", record.supersedes, _Known(loader))
    check_earlier("contradicts", record.contradicts, _Known(loader))
    try:
        loader.check(record.id, (*record.supersedes, *record.contradicts), record.recorded)
    except LedgerError as exc:
        raise FieldError("recorded", str(exc)) from None
    loader.append(record)


class _Known:
    """The ids already loaded, as a container (for :func:`check_earlier`)."""

    def __init__(self, loader: Loader) -> None:
        self._loader = loader

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and self._loader.line(record_id) is not None


def source_json(source: Source) -> dict[str, Any]:
    """A source as the JSON object written in files and printed by the command line."""
    return {
        "outlet": source.outlet,
        "title": source.title,
        "date": str(source.date) if source.date is not None else None,
        "url": source.url,
        "quote": source.quote,
    }


def record_json(record: Record) -> dict[str, Any]:
    """The JSON object of one record, as written on its line."""
    event = record.event
    return {
        "id": record.id,
        "recorded": str(record.recorded) if record.recorded is not None else None,
        "supersedes": list(record.supersedes),
        "contradicts": list(record.contradicts),
        "event": None
        if event is None
        else {
            "actor": event.actor,
            "subject": event.subject,
            "kind": event.kind.value,
            "date": str(event.date),
            "mode": event.mode.value if event.mode is not None else None,
            "dual": event.dual,
            "disputed": event.disputed,
            "cameo": event.cameo,
            "note": event.note,
            "sources": [source_json(s) for s in event.sources],
        },
    }


def write_jsonl(ledger: Ledger, path: str | Path) -> None:
    """Write every record of ``ledger`` to ``path``, atomically."""
    with atomic_writer(Path(path)) as handle:
        handle.write(json.dumps({"format": FORMAT, "schema": SCHEMA}) + "\n")
        for record in ledger.records:
            handle.write(json.dumps(record_json(record), ensure_ascii=False) + "\n")
