"""DataFrame interchange: :func:`to_pandas` and :func:`from_pandas`.

pandas is an optional dependency (``pip install 'recognition[pandas]'``);
this module imports it only when called. One row per record, in ledger
order, with the columns of the JSON Lines format flattened: ``id``,
``recorded``, ``supersedes``, ``contradicts``, ``actor``, ``subject``,
``kind``, ``date``, ``mode``, ``dual``, ``disputed``, ``cameo``, ``note``
and ``sources`` (a list of dicts). Dates are ISO strings, so partial dates
keep their precision. ``from_pandas(to_pandas(ledger)) == ledger``.
"""

from __future__ import annotations

import importlib
from collections.abc import Hashable
from typing import Any

from recognition.errors import DataFileError, EventError, LedgerError, Problem, RecognitionError
from recognition.events import Event, Record, Source
from recognition.jsonlfile import source_json
from recognition.ledger import Ledger

__all__ = ["COLUMNS", "from_pandas", "to_pandas"]

COLUMNS = (
    "id",
    "recorded",
    "supersedes",
    "contradicts",
    "actor",
    "subject",
    "kind",
    "date",
    "mode",
    "dual",
    "disputed",
    "cameo",
    "note",
    "sources",
)


def _pandas() -> Any:  # noqa: ANN401 - pandas is untyped here and optional
    try:
        return importlib.import_module("pandas")
    except ImportError:
        msg = "pandas is not installed; install it with: pip install 'recognition[pandas]'"
        raise RecognitionError(msg) from None


def to_pandas(ledger: Ledger) -> Any:  # noqa: ANN401 - a pandas.DataFrame
    """Every record of ``ledger`` as a DataFrame, one row per record."""
    rows = []
    for record in ledger.records:
        event = record.event
        rows.append(
            {
                "id": record.id,
                "recorded": str(record.recorded) if record.recorded is not None else None,
                "supersedes": list(record.supersedes),
                "contradicts": list(record.contradicts),
                "actor": event.actor if event else None,
                "subject": event.subject if event else None,
                "kind": event.kind.value if event else "retraction",
                "date": str(event.date) if event else None,
                "mode": event.mode.value if event and event.mode else None,
                "dual": event.dual if event else False,
                "disputed": event.disputed if event else False,
                "cameo": event.cameo if event else None,
                "note": event.note if event else "",
                "sources": [source_json(s) for s in event.sources] if event else [],
            }
        )
    return _pandas().DataFrame(rows, columns=list(COLUMNS))


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):  # NaN  # noqa: PLR0124
        return None
    return str(value)


def _record(row: dict[Hashable, Any]) -> Record:
    kind = row["kind"]
    event = None
    if kind != "retraction":
        event = Event(
            actor=str(row["actor"]),
            subject=str(row["subject"]),
            kind=kind,
            date=str(row["date"]),
            sources=tuple(Source(**s) for s in row["sources"]),
            mode=_text(row["mode"]),
            dual=bool(row["dual"]),
            disputed=bool(row["disputed"]),
            note=_text(row["note"]) or "",
            **({"cameo": str(row["cameo"])} if _text(row["cameo"]) else {}),
        )
    return Record(
        str(row["id"]),
        event,
        recorded=_text(row["recorded"]),
        supersedes=tuple(row["supersedes"]),
        contradicts=tuple(row["contradicts"]),
    )


def from_pandas(frame: Any) -> Ledger:  # noqa: ANN401 - a pandas.DataFrame
    """A new ledger from a DataFrame shaped like :func:`to_pandas` output.

    Raises:
        DataFileError: a row is malformed; each problem names the row
            (``line`` is the 0-based row position) and the column.
    """
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise DataFileError([Problem("missing column", field=c) for c in missing])
    records, problems = [], []
    for position, row in enumerate(frame.to_dict("records")):
        try:
            records.append(_record(row))
        except (RecognitionError, TypeError, KeyError) as exc:
            problems.append(Problem(str(exc), line=position, record=_text(row.get("id"))))
    if problems:
        raise DataFileError(problems)
    try:
        return Ledger(records)
    except (LedgerError, EventError) as exc:
        raise DataFileError([Problem(str(exc))]) from exc
