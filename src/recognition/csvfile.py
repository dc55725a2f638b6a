"""The CSV format: one row per event, further sources in a companion file.

``NAME.csv`` holds the events (see ``docs/format.md`` for the columns);
``NAME.sources.csv`` beside it, when present, holds further sources of
events, one row per citation. The reader streams rows; the writers write
to a temporary file and rename it, so a crash never leaves half a file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from recognition.entities import Registry, bundled_registry
from recognition.errors import DataFileError, EventError, LedgerError, Problem
from recognition.events import DEFAULT_CAMEO, Event, Kind, Record, Source
from recognition.fields import (
    FieldError,
    Interner,
    atomic_writer,
    check_earlier,
    csv_line,
    gc_paused,
    parse_bool,
    parse_ids,
    parse_kind,
    parse_mode,
)
from recognition.ledger import Ledger

__all__ = ["EVENT_COLUMNS", "SOURCE_COLUMNS", "read_csv", "sources_path", "write_csv"]

EVENT_COLUMNS = (
    "id",
    "actor",
    "subject",
    "kind",
    "date",
    "mode",
    "dual",
    "disputed",
    "cameo",
    "note",
    "recorded",
    "supersedes",
    "contradicts",
    "source_outlet",
    "source_title",
    "source_date",
    "source_url",
    "source_quote",
)
REQUIRED_COLUMNS = ("id", "actor", "subject", "kind", "date")
SOURCE_COLUMNS = ("event", "outlet", "title", "date", "url", "quote")
_INLINE = {
    "outlet": "source_outlet",
    "title": "source_title",
    "date": "source_date",
    "url": "source_url",
    "quote": "source_quote",
}


_COMPANION = {key: key for key in _INLINE}


def sources_path(path: Path) -> Path:
    """The companion sources file of an events file: ``x.csv`` -> ``x.sources.csv``."""
    path = Path(path)
    return path.with_name(f"{path.stem}.sources{path.suffix or '.csv'}")


def _rows(
    path: Path, columns: tuple[str, ...], required: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]] | Problem]:
    """Yield ``(line, row)`` for each row, or a Problem for what is unreadable."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        yield Problem(f"cannot open: {exc.strerror or exc}", path=path)
        return
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if not header or not any(h.strip() for h in header):
                yield Problem("empty file: expected a header row", path=path, line=1)
                return
            header = [h.strip() for h in header]
            missing = [c for c in required if c not in header]
            unknown = [h for h in header if h not in columns]
            for column in missing:
                yield Problem("missing column", path=path, line=1, field=column)
            for column in unknown:
                close = [c for c in columns if c.replace("_", "") == column.replace("_", "")]
                yield Problem(
                    "unknown column",
                    path=path,
                    line=1,
                    field=column,
                    suggestion=close[0] if close else None,
                )
            if len(set(header)) != len(header):
                yield Problem("a column appears twice", path=path, line=1)
            if missing or unknown or len(set(header)) != len(header):
                return
            line = reader.line_num + 1
            for values in reader:
                start, line = line, reader.line_num + 1
                if not any(v.strip() for v in values):
                    continue
                if len(values) > len(header):
                    yield Problem(
                        f"{len(values)} values for {len(header)} columns", path=path, line=start
                    )
                    continue
                yield (
                    start,
                    dict(zip(header, values + [""] * (len(header) - len(values)), strict=True)),
                )
        except (csv.Error, UnicodeDecodeError) as exc:
            yield Problem(f"not readable as UTF-8 CSV: {exc}", path=path, line=reader.line_num)


def _source(row: dict[str, str], names: dict[str, str], interner: Interner) -> Source | None:
    fields = (
        row.get(names["outlet"], ""),
        row.get(names["title"], ""),
        row.get(names["date"], ""),
        row.get(names["url"], ""),
        row.get(names["quote"], ""),
    )
    if not any(v.strip() for v in fields):
        return None
    if not fields[0].strip():
        raise FieldError(names["outlet"], "a source needs an outlet")
    return interner.source(fields, names["date"])


def _record(row: dict[str, str], extra: list[Source], interner: Interner, origin: str) -> Record:
    record_id = row["id"].strip()
    if not record_id:
        raise FieldError("id", "missing record id")
    supersedes = parse_ids(row.get("supersedes", ""))
    contradicts = parse_ids(row.get("contradicts", ""))
    recorded = interner.date("recorded", row.get("recorded", ""))
    kind_text = row["kind"].strip()
    if kind_text == "retraction":
        return Record(record_id, None, recorded=recorded, supersedes=supersedes, origin=origin)
    kind = parse_kind("kind", kind_text)
    inline = _source(row, _INLINE, interner)
    sources = ([inline] if inline is not None else []) + extra
    date = interner.required_date("date", row["date"])
    try:
        event = Event(
            actor=interner.entity("actor", row["actor"]),
            subject=interner.entity("subject", row["subject"]),
            kind=kind,
            date=date,
            sources=tuple(sources),
            mode=parse_mode("mode", row.get("mode", "")),
            dual=parse_bool("dual", row.get("dual", "")),
            disputed=parse_bool("disputed", row.get("disputed", "")),
            note=row.get("note", ""),
            # Only a code other than the kind's default is stored: the default
            # string is shared by every event of the kind.
            **(
                {"cameo": cameo}
                if (cameo := row.get("cameo", "").strip()) != DEFAULT_CAMEO[kind] and cameo
                else {}
            ),
        )
    except EventError as exc:
        raise FieldError("kind", str(exc)) from None
    return Record(
        record_id,
        event,
        recorded=recorded,
        supersedes=supersedes,
        contradicts=contradicts,
        origin=origin,
    )


def _extra_sources(
    path: Path, problems: list[Problem], interner: Interner
) -> dict[str, list[tuple[int, Source]]]:
    found: dict[str, list[tuple[int, Source]]] = {}
    if not path.exists():
        return found
    for item in _rows(path, SOURCE_COLUMNS, ("event", "outlet")):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        line, row = item
        try:
            source = _source(row, _COMPANION, interner)
            if source is None:
                continue
        except FieldError as exc:
            problems.append(exc.at(path, line, row["event"]))
            continue
        found.setdefault(row["event"].strip(), []).append((line, source))
    return found


def read_csv(
    path: str | Path,
    *,
    registry: Registry | None = None,
    problems: list[Problem] | None = None,
) -> Ledger:
    """Read an events file (and its ``.sources.csv`` companion) into a new ledger.

    Args:
        path: the events file.
        registry: resolves actor and subject names; the bundled one by default.
        problems: if a list is given, bad rows are skipped and described in
            it, and the good rows are loaded. Otherwise any bad row raises.

    Raises:
        DataFileError: when ``problems`` is not given and the files have any
            problem; nothing is loaded then. Each problem names the file, the
            line, the field and, where it can, what was meant.
    """
    with gc_paused():
        return _read_csv(Path(path), registry or bundled_registry(), problems)


def _read_csv(path: Path, registry: Registry, problems: list[Problem] | None) -> Ledger:
    found: list[Problem] = []
    companion = sources_path(path)
    interner = Interner(registry)
    extra = _extra_sources(companion, found, interner)
    records: list[Record] = []
    used: set[str] = set()
    seen: dict[str, int] = {}
    for item in _rows(path, EVENT_COLUMNS, REQUIRED_COLUMNS):
        if isinstance(item, Problem):
            found.append(item)
            continue
        line, row = item
        record_id = row["id"].strip()
        try:
            if record_id in seen:
                msg = "id"
                raise FieldError(
                    msg, f"duplicate record id {record_id!r} (first on line {seen[record_id]})"
                )
            for column in ("supersedes", "contradicts"):
                check_earlier(column, parse_ids(row.get(column, "")), seen)
            further = [source for _, source in extra.get(record_id, [])]
            record = _record(row, further, interner, f"{path}:{line}")
        except FieldError as exc:
            found.append(exc.at(path, line, record_id or None))
            continue
        seen[record_id] = line
        used.add(record_id)
        records.append(record)
    for event_id, cited in extra.items():
        if event_id not in used and event_id not in seen:
            for line, _ in cited:
                found.append(
                    Problem(
                        f"no event {event_id!r} in {path.name}",
                        path=companion,
                        line=line,
                        field="event",
                    )
                )
    if found and problems is None:
        raise DataFileError(found)
    if problems is not None:
        problems.extend(found)
    try:
        return Ledger(records, registry=registry)
    except LedgerError as exc:  # pragma: no cover - ids and supersedes were checked above
        raise DataFileError([Problem(str(exc), path=path)]) from exc


def _event_row(record: Record) -> dict[str, str]:
    row = dict.fromkeys(EVENT_COLUMNS, "")
    row["id"] = record.id
    row["recorded"] = str(record.recorded) if record.recorded is not None else ""
    row["supersedes"] = ";".join(record.supersedes)
    row["contradicts"] = ";".join(record.contradicts)
    event = record.event
    if event is None:
        row["kind"] = "retraction"
        return row
    row.update(
        actor=event.actor,
        subject=event.subject,
        kind=event.kind.value,
        date=str(event.date),
        mode=event.mode.value
        if event.mode is not None and event.kind is Kind.WITHDRAW_RECOGNITION
        else "",
        dual="true" if event.dual else "false",
        disputed="true" if event.disputed else "false",
        cameo=event.cameo,
        note=event.note,
    )
    if event.sources:
        first = event.sources[0]
        row.update(
            source_outlet=first.outlet,
            source_title=first.title,
            source_date=str(first.date) if first.date is not None else "",
            source_url=first.url,
            source_quote=first.quote,
        )
    return row


def write_csv(ledger: Ledger, path: str | Path) -> None:
    """Write every record of ``ledger`` to ``path`` and its ``.sources.csv``.

    Superseded records and retractions are written too, so the history
    survives. Each file is written to a temporary file and renamed into
    place.
    """
    path = Path(path)
    with atomic_writer(path) as events, atomic_writer(sources_path(path)) as sources:
        events.write(csv_line(EVENT_COLUMNS))
        sources.write(csv_line(SOURCE_COLUMNS))
        for record in ledger.records:
            row = _event_row(record)
            events.write(csv_line(row[c] for c in EVENT_COLUMNS))
            if record.event is None:
                continue
            for source in record.event.sources[1:]:
                date = str(source.date) if source.date is not None else ""
                cited = (record.id, source.outlet, source.title, date, source.url, source.quote)
                sources.write(csv_line(cited))
