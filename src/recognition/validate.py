"""Checks on a ledger's content: what a reader of the data would object to.

:func:`validate` returns findings, errors and warnings, each naming the
record and, when it was read from a file, the file and line. Errors are
facts that cannot be right (an actor that did not exist on the date, an
event without a source); warnings are worth a look (a duplicate, a source
without a quote).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import attrs

from recognition.dates import PartialDate, parse_date
from recognition.entities import Entity, EntityKind, Registry, claimant_seat
from recognition.events import Domain, Kind, Record
from recognition.ledger import Ledger

__all__ = ["ERROR", "WARNING", "Finding", "validate"]

ERROR = "error"
WARNING = "warning"


@attrs.frozen
class Finding:
    """One thing :func:`validate` found.

    Attributes:
        severity: ``error`` or ``warning``.
        code: a short stable name for the check (``anachronism``...).
        message: what is wrong, naming the values.
        record: the id of the record concerned.
        origin: ``path:line`` when the record was read from a file.
    """

    severity: str
    code: str
    message: str
    record: str
    origin: str | None = None

    def __str__(self) -> str:
        """``origin: severity [code] record: message``."""
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.severity} [{self.code}] {self.record}: {self.message}"


def _existence(entity: Entity, date: PartialDate) -> str | None:
    """Why ``entity`` certainly did not exist at ``date``, else ``None``."""
    if entity.start is not None and date.last < entity.start.first:
        return f"{entity} came into existence on {entity.start}, after {date}"
    if entity.end is not None and date.first > entity.end.last:
        return f"{entity} ceased to exist on {entity.end}, before {date}"
    return None


def _entity_checks(
    record: Record, registry: Registry, today: dt.date
) -> Iterator[tuple[str, str, str]]:
    event = record.event
    assert event is not None
    entities: dict[str, Entity] = {}
    for role, entity_id in (("actor", event.actor), ("subject", event.subject)):
        entity = registry.get(entity_id)
        if entity is None or entity.id != entity_id:
            yield ERROR, "unknown-entity", f"{role} {entity_id!r} is not an entity id"
            continue
        entities[role] = entity
        why = _existence(entity, event.date)
        if why is not None:
            yield ERROR, "anachronism", f"{role}: {why}"
    if event.date.first > today.toordinal():
        yield ERROR, "future-date", f"dated {event.date}, after today ({today})"
    if event.actor in (event.subject, claimant_seat(event.subject)):
        yield ERROR, "self-recognition", f"{event.actor} acts on itself ({event.subject})"
    actor, subject = entities.get("actor"), entities.get("subject")
    if actor is not None and actor.kind is EntityKind.GOVERNMENT:
        yield WARNING, "government-actor", f"actor {actor} is a government, not a state"
    governments = [e for e in (actor, subject) if e is not None and e.kind is EntityKind.GOVERNMENT]
    if event.kind.domain is not Domain.RECOGNITION and governments:
        message = f"{event.kind} is between states or organisations, not {governments[0]}"
        yield ERROR, "not-a-state", message
    if event.kind is Kind.NEUTRAL and not registry.is_seat(event.subject):
        yield WARNING, "not-a-seat", f"neutral on {event.subject}, which has no rival claimants"


def _source_checks(record: Record) -> Iterator[tuple[str, str, str]]:
    event = record.event
    assert event is not None
    if not event.sources:
        yield ERROR, "no-source", "the event cites no source"
    for number, source in enumerate(event.sources, start=1):
        if not source.quote.strip():
            yield WARNING, "no-quote", f"source {number} ({source.outlet}) has no supporting quote"
        if not source.title.strip():
            yield WARNING, "no-title", f"source {number} ({source.outlet}) has no title"


def validate(
    ledger: Ledger,
    *,
    today: str | dt.date | PartialDate | None = None,
) -> tuple[Finding, ...]:
    """Check the current records of ``ledger``.

    Errors: unknown entities, dates after ``today`` (default: the real
    today), anachronisms (an actor or subject that certainly did not exist
    on the date), self-recognition, relations with a claimant government, events
    without a source. Warnings: duplicates (same actor, subject, kind and
    date), positions on a seat that one source gives at once without
    ``dual``, sources without a quote or title, neutrality on a subject
    that is not a contested seat, governments acting as actors.
    """
    day = parse_date(today).end if today is not None else dt.datetime.now(tz=dt.UTC).date()
    registry = ledger.registry
    findings: list[Finding] = []
    seen: dict[tuple[object, ...], str] = {}
    for record in ledger.current():
        event = record.event
        assert event is not None
        checks = itertools.chain(_entity_checks(record, registry, day), _source_checks(record))
        for severity, code, message in checks:
            findings.append(Finding(severity, code, message, record.id, record.origin))
        key = (event.actor, event.subject, event.kind, event.date, event.mode)
        if key in seen:
            findings.append(
                Finding(
                    WARNING,
                    "duplicate",
                    f"same actor, subject, kind and date as {seen[key]}: merge their sources",
                    record.id,
                    record.origin,
                )
            )
        else:
            seen[key] = record.id
    for conflict in ledger.conflicts():
        if conflict.kind == "exclusivity":
            last = conflict.records[-1]
            findings.append(
                Finding(
                    WARNING,
                    "exclusivity",
                    f"{conflict.message}; the same source gives both: mark one dual, or date them",
                    last.id,
                    last.origin,
                )
            )
    return tuple(findings)
