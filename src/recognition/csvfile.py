"""The CSV format: one row per event, further sources in a companion file.

``NAME.csv`` holds the events (see ``docs/format.md`` for the columns);
``NAME.sources.csv`` beside it, when present, holds further sources of
events, one row per citation. The reader streams rows; the writers write
to a temporary file and rename it, so a crash never leaves half a file.
"""

from __future__ import annotations

import csv
import operator
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path

from recognition.bulk import (
    KINDS_BY_NAME,
    Codes,
    PlainKind,
    checked_mode,
    has_none,
    plain_ids,
    plain_kinds,
)
from recognition.dates import PartialDate
from recognition.entities import Registry, bundled_registry
from recognition.errors import DataFileError, EventError, LedgerError, Problem
from recognition.events import Kind, Record, Source, check_id
from recognition.fields import (
    FieldError,
    Interner,
    atomic_writer,
    csv_line,
    gc_paused,
    parse_bool,
    parse_ids,
    parse_kind,
)
from recognition.ledger import Ledger, Loader

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


def sources_path(path: Path) -> Path:
    """The companion sources file of an events file: ``x.csv`` -> ``x.sources.csv``."""
    path = Path(path)
    return path.with_name(f"{path.stem}.sources{path.suffix or '.csv'}")


def _header_problems(
    path: Path, header: list[str], columns: tuple[str, ...], required: tuple[str, ...]
) -> list[Problem]:
    found = [
        Problem("missing column", path=path, line=1, field=c) for c in required if c not in header
    ]
    for column in header:
        if column not in columns:
            close = [c for c in columns if c.replace("_", "") == column.replace("_", "")]
            found.append(
                Problem(
                    "unknown column",
                    path=path,
                    line=1,
                    field=column,
                    suggestion=close[0] if close else None,
                )
            )
    if len(set(header)) != len(header):
        found.append(Problem("a column appears twice", path=path, line=1))
    return found


#: Rows read from a file: their first lines, and their values (see :func:`_chunks`).
Chunk = tuple[Sequence[int], list[list[str]]]

_CHUNK = 1024  # rows read, checked and stored at once (more spill out of the CPU cache)


def _chunks(
    path: Path, columns: tuple[str, ...], required: tuple[str, ...]
) -> Iterator[Chunk | Problem]:
    """Yield a file's rows in chunks, as ``(lines, rows)``, or a Problem for what is unreadable.

    Each row has one text per column of ``columns``, in that order (empty
    for a column the file lacks), whatever the order in the file; its line
    is where it starts. Blank rows are left out.
    """
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
            problems = _header_problems(path, header, columns, required)
            if problems:
                yield from problems
                return
            width = len(header)
            # A column the file lacks reads as the empty text after the row's last value.
            where = (
                None
                if tuple(header) == columns
                else [header.index(c) if c in header else width for c in columns]
            )
            while True:
                start = reader.line_num + 1
                rows: list[list[str]] = []
                error = None
                try:
                    rows.extend(islice(reader, _CHUNK))  # keeps the rows before an error
                except (csv.Error, UnicodeDecodeError) as exc:
                    error = exc
                if rows:
                    lines = _lines(start, reader.line_num, rows)
                    yield from _regular(path, lines, rows, width, where)
                if error is not None:
                    problem = f"not readable as UTF-8 CSV: {error}"
                    yield Problem(problem, path=path, line=reader.line_num)
                    return
                if len(rows) < _CHUNK:
                    return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield Problem(f"not readable as UTF-8 CSV: {exc}", path=path, line=reader.line_num)


def _lines(start: int, end: int, rows: list[list[str]]) -> Sequence[int]:
    """The first line of each row of ``rows``, read from line ``start`` to ``end``."""
    if end - start + 1 == len(rows):  # a line per row: no value holds a line break
        return range(start, end + 1)
    lines = []
    for row in rows:
        lines.append(start)
        text = "".join(row)
        start += 1 + text.count("\n") + text.count("\r") - text.count("\r\n")
    return lines


_first = operator.itemgetter(0)


def _regular(
    path: Path, lines: Sequence[int], rows: list[list[str]], width: int, where: list[int] | None
) -> Iterator[Chunk | Problem]:
    """Rows of ``width`` values in the order of the columns; blank rows left out.

    ``width`` is the header's; ``where`` gives the place in a file's row of
    each column (see :func:`_chunks`).
    """
    if (
        where is None
        and all(map(width.__eq__, map(len, rows)))
        and all(map(str.strip, map(_first, rows)))  # no row is blank
    ):
        yield lines, rows
        return
    found_lines: list[int] = []
    found: list[list[str]] = []
    for line, row in zip(lines, rows, strict=True):
        if len(row) > width:
            yield Problem(f"{len(row)} values for {width} columns", path=path, line=line)
            continue
        if not row or (not row[0].strip() and not "".join(row).strip()):
            continue  # a blank row
        if where is not None:
            values = row + [""] * (width + 1 - len(row))
            found.append([values[i] for i in where])
        else:
            found.append(row + [""] * (width - len(row)))
        found_lines.append(line)
    if found:
        yield found_lines, found


def _source(fields: list[str], names: tuple[str, str], interner: Interner) -> Source | None:
    """The source of (outlet, title, date, url, quote) texts; ``names``: outlet and date columns."""
    outlet, title, date, url, quote = fields
    if not outlet.strip():
        if not "".join(fields).strip():
            return None
        raise FieldError(names[0], "a source needs an outlet")
    return interner.source((outlet, title, date, url, quote), names[1])


_INLINE_NAMES = ("source_outlet", "source_date")
_BOOLS = {"true": True, "false": False, "": False}  # as written; others go to parse_bool
_COMPANION_NAMES = ("outlet", "date")


def _add(loader: Loader, values: list[str], interner: Interner, origin: tuple[str, int]) -> None:
    """Check one row of the events file and add it to the ledger ``loader`` fills."""
    (record_id, actor, subject, kind_text, date_text, mode, dual, disputed, cameo, note) = values[
        :10
    ]
    record_id = record_id.strip()
    if not record_id:
        raise FieldError("id", "missing record id")
    recorded = interner.date("recorded", values[10]) if values[10] else None
    supersedes = parse_ids(values[11]) if values[11] else ()
    contradicts = parse_ids(values[12]) if values[12] else ()
    path, line = origin
    kind_text = kind_text.strip()
    if kind_text == "retraction":
        if not supersedes:
            raise FieldError("kind", f"record {record_id!r} has no event and supersedes nothing")
        _check(loader, record_id, supersedes, contradicts, recorded)
        loader.add(
            record_id, None, recorded=recorded, supersedes=supersedes, origin=path, line=line
        )
        return
    kind = parse_kind("kind", kind_text)
    inline = (
        interner.source((values[13], values[14], values[15], values[16], values[17]), "source_date")
        if values[13].strip()
        else _source(values[13:18], _INLINE_NAMES, interner)
    )
    date = interner.dates.get(date_text) or interner.required_date("date", date_text)
    actor = interner.entities.get(actor) or interner.entity("actor", actor)
    subject = interner.entities.get(subject) or interner.entity("subject", subject)
    cameo = cameo.strip()
    try:
        check_id("id", record_id)
    except EventError as exc:
        raise FieldError("id", str(exc)) from None
    is_dual = _BOOLS.get(dual)
    if is_dual is None:
        is_dual = parse_bool("dual", dual)
    is_disputed = _BOOLS.get(disputed)
    if is_disputed is None:
        is_disputed = parse_bool("disputed", disputed)
    mode_found = checked_mode(kind, subject, mode, cameo, dual=is_dual)
    if supersedes or contradicts:
        _check(loader, record_id, supersedes, contradicts, recorded)
    elif (first := loader.line(record_id)) is not None:
        raise FieldError("id", f"duplicate record id {record_id!r} (first on line {first})")
    loader.add(
        record_id,
        kind,
        actor=actor,
        subject=subject,
        date=date,
        sources=(inline,) if inline is not None else (),
        mode=mode_found,
        dual=is_dual,
        disputed=is_disputed,
        cameo=cameo,
        note=note,
        recorded=recorded,
        supersedes=supersedes,
        contradicts=contradicts,
        origin=path,
        line=line,
    )


def _add_plain(
    loader: Loader, lines: Sequence[int], rows: list[list[str]], codes: Codes, path: str
) -> bool:
    """Add rows at once, column by column, if they are all plain and well formed.

    Plain: an event (not a retraction) with an inline source, no recording
    date, supersedes or contradicts. Returns False, having added nothing,
    if any row is not; :func:`_add` then takes the rows one by one and
    names the problems. The checks are those of :func:`_add`.
    """
    columns = list(zip(*rows, strict=True))
    ids, actors, subjects, kinds, dates, modes, duals, disputeds, cameos, notes = columns[:10]
    if (
        any(columns[10])
        or any(columns[11])
        or any(columns[12])
        or not plain_ids(ids)
        or len(set(ids)) < len(ids)
        or loader.known(ids)
    ):
        return False
    if not all(map(str.strip, columns[13])):  # a source without an outlet
        return False
    try:
        actor_codes = codes.entities("actor", actors)
        subject_codes = codes.entities("subject", subjects)
        date_codes = codes.dates("date", dates)
        inline = codes.sources("source_date", list(zip(*columns[13:18], strict=True)))
        checked = plain_kinds(
            _PLAIN_KINDS,
            _plain_kind,
            loader.entities(),
            subject_codes,
            kinds,
            modes,
            duals,
            disputeds,
            cameos,
        )
    except FieldError:
        return False
    if has_none(checked):
        return False
    loader.add_plain(
        ids,
        actors=actor_codes,
        subjects=subject_codes,
        dates=date_codes,
        sources=inline,
        notes=notes,
        kinds=checked,  # type: ignore[arg-type]  # no None left
        origin=path,
        lines=lines,
    )
    return True


# The (kind, mode, dual, disputed, cameo) of the texts of a row's kind, a
# claimant subject or not, mode, dual, disputed and cameo; None when they
# are not valid.
_PLAIN_KINDS: dict[tuple[str, bool, str, str, str, str], PlainKind | None] = {}


def _plain_kind(key: tuple[str, bool, str, str, str, str]) -> PlainKind | None:
    kind_text, claimant, mode, dual, disputed, cameo = key
    kind = KINDS_BY_NAME.get(kind_text)
    is_dual, is_disputed = _BOOLS.get(dual), _BOOLS.get(disputed)
    if kind is None or is_dual is None or is_disputed is None:
        return None
    try:
        mode_found = checked_mode(
            kind, "x/y" if claimant else "x", mode, cameo.strip(), dual=is_dual
        )
    except FieldError:
        return None
    return (kind, mode_found, is_dual, is_disputed, cameo.strip())


def _check(
    loader: Loader,
    record_id: str,
    supersedes: tuple[str, ...],
    contradicts: tuple[str, ...],
    recorded: PartialDate | None,
) -> None:
    first = loader.line(record_id)
    if first is not None:
        raise FieldError("id", f"duplicate record id {record_id!r} (first on line {first})")
    for column, ids in (("supersedes", supersedes), ("contradicts", contradicts)):
        missing = [old for old in ids if loader.line(old) is None]
        if missing:
            raise FieldError(column, f"unknown or later record(s) {', '.join(missing)}")
    try:
        loader.check(record_id, (*supersedes, *contradicts), recorded)
    except LedgerError as exc:
        raise FieldError("recorded", str(exc)) from None


class _Citations:
    """The further sources a companion file gives: per row, the event, the line and the source."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.lines: list[int] = []
        self.sources: list[int] = []  # codes in the store

    def read(self, path: Path, problems: list[Problem], codes: Codes) -> None:
        """Read the companion file ``path``, if there is one; its problems go to ``problems``."""
        if not path.exists():
            return
        for item in _chunks(path, SOURCE_COLUMNS, ("event", "outlet")):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                self._cite(*item, problems, codes, path)

    def _cite(
        self,
        lines: Sequence[int],
        rows: list[list[str]],
        problems: list[Problem],
        codes: Codes,
        path: Path,
    ) -> None:
        columns = list(zip(*rows, strict=True))
        if all(map(str.strip, columns[1])):  # every source has an outlet
            try:
                made = codes.sources("date", list(zip(*columns[1:6], strict=True)))
            except FieldError:
                pass
            else:
                self.events.extend(map(str.strip, columns[0]))
                self.lines.extend(lines)
                self.sources.extend(made)
                return
        for line, values in zip(lines, rows, strict=True):  # one by one, to name the problems
            try:
                source = _source(values[1:6], _COMPANION_NAMES, codes.interner)
            except FieldError as exc:
                problems.append(exc.at(path, line, values[0].strip()))
                continue
            if source is not None:
                self.events.append(values[0].strip())
                self.lines.append(line)
                self.sources.append(codes.source_code(source))

    def add_to(self, loader: Loader, path: Path, companion: Path) -> list[Problem]:
        """Give the loaded events their further sources; the problems of those that name none."""
        return [
            Problem(
                f"no event {self.events[i]!r} in {path.name}"
                if loader.line(self.events[i]) is None
                else f"{self.events[i]!r} is a retraction: it has no event to cite",
                path=companion,
                line=self.lines[i],
                field="event",
            )
            for i in loader.cite(self.events, self.sources)
        ]


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


def _add_chunk(
    loader: Loader, lines: Sequence[int], rows: list[list[str]], codes: Codes, path: Path
) -> list[Problem]:
    """Add rows at once if they are plain, else one by one; the problems of those left out."""
    where = str(path)
    if _add_plain(loader, lines, rows, codes, where):
        return []
    found = []
    for line, values in zip(lines, rows, strict=True):
        try:
            _add(loader, values, codes.interner, (where, line))
        except FieldError as exc:
            found.append(exc.at(path, line, values[0].strip() or None))
    return found


def _read_csv(path: Path, registry: Registry, problems: list[Problem] | None) -> Ledger:
    found: list[Problem] = []
    companion = sources_path(path)
    loader = Loader(registry)
    codes = Codes(Interner(registry), loader)
    citations = _Citations()
    citations.read(companion, found, codes)
    for item in _chunks(path, EVENT_COLUMNS, REQUIRED_COLUMNS):
        if isinstance(item, Problem):
            found.append(item)
        else:
            found += _add_chunk(loader, *item, codes, path)
    found += citations.add_to(loader, path, companion)
    if found and problems is None:
        raise DataFileError(found)
    if problems is not None:
        problems.extend(found)
    return loader.finish()


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
