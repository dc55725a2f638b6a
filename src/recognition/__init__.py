"""recognition: diplomatic recognition over time, as a sourced, queryable ledger.

Load a bundled dataset with :func:`load`, or your own files with
:func:`read_csv` and :func:`read_jsonl`; ask a :class:`Ledger` who
recognised whom on a day (``ledger.who("VE/guaido", on="2019-02-05")``),
where an actor stood (``ledger.status("MX", "VE", on=...)``) and more. Maps
and charts are in :mod:`recognition.plot`.
"""

from importlib.metadata import version as _version

from recognition.answers import Change, Conflict, Count, Reading, Status
from recognition.csvfile import read_csv, write_csv
from recognition.datasets import DatasetInfo, datasets, load
from recognition.dates import PartialDate, Precision, parse_date
from recognition.entities import Entity, EntityKind, Registry, bundled_registry
from recognition.errors import (
    DataFileError,
    DateError,
    EventError,
    LedgerError,
    Problem,
    RecognitionError,
    UnknownDatasetError,
    UnknownEntityError,
)
from recognition.events import Event, Kind, Mode, Record, Source
from recognition.jsonlfile import read_jsonl, write_jsonl
from recognition.ledger import Ledger, QueryError
from recognition.validate import Finding, validate

__version__ = _version("recognition")


def get(key: str) -> Entity | None:
    """The entity with this id, code, name or alias, or ``None``."""
    return bundled_registry().get(key)


def lookup(key: str) -> Entity:
    """The entity with this id, code, name or alias; raises UnknownEntityError."""
    return bundled_registry().lookup(key)


def search(query: str, limit: int = 10) -> list[Entity]:
    """Entities resembling ``query``, best first."""
    return bundled_registry().search(query, limit)


__all__ = [
    "Change",
    "Conflict",
    "Count",
    "DataFileError",
    "DatasetInfo",
    "DateError",
    "Entity",
    "EntityKind",
    "Event",
    "EventError",
    "Finding",
    "Kind",
    "Ledger",
    "LedgerError",
    "Mode",
    "PartialDate",
    "Precision",
    "Problem",
    "QueryError",
    "Reading",
    "RecognitionError",
    "Record",
    "Registry",
    "Source",
    "Status",
    "UnknownDatasetError",
    "UnknownEntityError",
    "__version__",
    "bundled_registry",
    "datasets",
    "get",
    "load",
    "lookup",
    "parse_date",
    "read_csv",
    "read_jsonl",
    "search",
    "validate",
    "write_csv",
    "write_jsonl",
]
