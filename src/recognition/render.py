"""Answers as plain data: JSON objects, CSV rows, aligned text tables.

The JSON shapes are a stable interface that other scripts parse; they are
documented in ``docs/cli.md``. Keep them backwards compatible.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from recognition.answers import Change, Conflict, Reading, Status
from recognition.entities import Registry
from recognition.events import Record
from recognition.jsonlfile import record_json, source_json

__all__ = ["Payload", "render", "status_json"]


@attrs.frozen
class Payload:
    """What a command prints.

    Attributes:
        data: the JSON: an object or a list of them.
        columns: the columns of the table and CSV forms.
        table: the rows of the table and CSV forms, when they differ from ``data``.
    """

    data: dict[str, Any] | list[dict[str, Any]]
    columns: tuple[str, ...]
    table: list[dict[str, Any]] | None = None


def _reading_json(reading: Reading) -> dict[str, Any]:
    return {
        "status": reading.status,
        "since": str(reading.since) if reading.since is not None else None,
        "records": [r.id for r in reading.records],
        "sources": [source_json(s) for s in reading.sources],
    }


def status_json(answer: Status, registry: Registry | None = None) -> dict[str, Any]:
    """The JSON object of a :class:`Status` (``who`` entries, ``status``)."""
    entity = registry.get(answer.actor) if registry is not None else None
    return {
        "actor": answer.actor,
        "name": entity.name if entity is not None else answer.actor,
        "actor_kind": answer.actor_kind,
        "subject": answer.subject,
        "on": answer.on.isoformat(),
        "status": answer.status,
        "certain": answer.certain,
        "since": str(answer.since) if answer.since is not None else None,
        "records": [r.id for r in answer.records],
        "sources": [source_json(s) for s in answer.sources],
        "alternatives": [_reading_json(r) for r in answer.alternatives],
    }


_STATUS_COLUMNS = ("actor", "name", "actor_kind", "status", "since", "certain", "sources")


def statuses(answers: Iterable[Status], registry: Registry, subject: str) -> Payload:
    """``who``: an array of status objects.

    The table and CSV show, for each actor, the reading that recognises
    ``subject`` (its status, date and sources), and whether it is certain.
    """
    rows = []
    for answer in answers:
        data = status_json(answer, registry)
        reading = answer.reading_for(subject)
        if reading is not None and not answer.holds(subject):
            data = {
                **data,
                "status": reading.status,
                "since": str(reading.since) if reading.since is not None else None,
                "sources": [source_json(s) for s in reading.sources],
            }
        rows.append(data)
    return Payload([status_json(a, registry) for a in answers], _STATUS_COLUMNS, table=rows)


def status(answer: Status, registry: Registry) -> Payload:
    """``status``: one status object."""
    return Payload(status_json(answer, registry), (*_STATUS_COLUMNS, "alternatives"))


def relations(answer: Status) -> Payload:
    """``relations``: one object with the status and the latest signals."""
    data = status_json(answer)
    data["states"] = [answer.actor, answer.subject]
    data["signals"] = [record_json(r) for r in answer.signals]
    return Payload(data, ("states", "on", "status", "since", "certain", "sources", "signals"))


def records(found: Iterable[Record]) -> Payload:
    """``timeline``: an array of record objects."""
    rows = []
    for record in found:
        data = record_json(record)
        event = data.pop("event")
        rows.append({**data, **event, "sources": event["sources"]})
    return Payload(rows, ("date", "actor", "kind", "subject", "mode", "id", "sources"))


def changes(found: Iterable[Change]) -> Payload:
    """``diff``: an array of changes."""
    rows = [
        {
            "actor": c.actor,
            "subject": c.subject,
            "before": c.before.status,
            "before_certain": c.before.certain,
            "after": c.after.status,
            "after_certain": c.after.certain,
            "since": str(c.after.since) if c.after.since is not None else None,
            "records": [r.id for r in c.after.records],
            "sources": [source_json(s) for s in c.after.sources],
        }
        for c in found
    ]
    return Payload(rows, ("actor", "before", "after", "since", "sources"))


def conflicts(found: Iterable[Conflict]) -> Payload:
    """``conflicts``: an array of conflicts."""
    rows = [
        {
            "kind": c.kind,
            "actor": c.actor,
            "subject": c.subject,
            "records": [r.id for r in c.records],
            "message": c.message,
        }
        for c in found
    ]
    return Payload(rows, ("kind", "actor", "subject", "records", "message"))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if value and isinstance(value[0], dict) and "outlet" in value[0]:
            return "; ".join(str(v["outlet"]) for v in value)
        if value and isinstance(value[0], dict):
            return "; ".join(str(v.get("status") or v.get("id") or v) for v in value)
        return ";".join(str(v) for v in value)
    return str(value)


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    if not rows:
        return "(none)\n"
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"


def render(payload: Payload, fmt: str) -> str:
    """The payload as ``json``, ``csv`` or an aligned ``table``."""
    if fmt == "json":
        return json.dumps(payload.data, ensure_ascii=False, indent=2) + "\n"
    if payload.table is not None:
        rows = payload.table
    else:
        rows = payload.data if isinstance(payload.data, list) else [payload.data]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(payload.columns)
        writer.writerows([_cell(row.get(c)) for c in payload.columns] for row in rows)
        return out.getvalue()
    return _table(rows, payload.columns)
