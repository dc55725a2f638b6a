"""The JSON Lines format: lossless, one record per line, with a schema version.

The first line is the header ``{"format": "recognition", "schema": 1}``;
each further line is one record (see ``docs/format.md``). The reader
streams lines; the writer writes to a temporary file and renames it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from recognition.entities import Registry, bundled_registry
from recognition.errors import DataFileError, EventError, LedgerError, Problem
from recognition.events import Event, Record, Source
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


def _lines(path: Path) -> Iterator[tuple[int, object] | Problem]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        yield Problem(f"cannot open: {exc.strerror or exc}", path=path)
        return
    with handle:
        number = 0
        try:
            for number, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    yield number, json.loads(text)
                except (json.JSONDecodeError, RecursionError) as exc:
                    yield Problem(f"not valid JSON: {exc}", path=path, line=number)
        except UnicodeDecodeError as exc:
            yield Problem(f"not UTF-8: {exc}", path=path, line=number + 1)


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
    interner = Interner(registry)
    found: list[Problem] = []
    loader = Loader(registry)
    header_seen = False
    for item in _lines(path):
        if isinstance(item, Problem):
            found.append(item)
            continue
        line, obj = item
        if not header_seen:
            header_seen = True
            if not (isinstance(obj, dict) and obj.get("format") == FORMAT):
                found.append(
                    Problem(
                        f'expected the header {{"format": "{FORMAT}", ...}}',
                        path=path,
                        line=line,
                        field="format",
                    )
                )
                break
            if obj.get("schema") != SCHEMA:
                found.append(
                    Problem(
                        f"unsupported schema {obj.get('schema')!r}; this version reads {SCHEMA}",
                        path=path,
                        line=line,
                        field="schema",
                    )
                )
                break
            continue
        try:
            _load(loader, _record(obj, interner, f"{path}:{line}"))
        except FieldError as exc:
            record_id = obj.get("id") if isinstance(obj, dict) else None
            found.append(exc.at(path, line, record_id if isinstance(record_id, str) else None))
    if not header_seen and not found:
        found.append(Problem("empty file: expected a header line", path=path, line=1))
    if found and problems is None:
        raise DataFileError(found)
    if problems is not None:
        problems.extend(found)
    return loader.finish()


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
