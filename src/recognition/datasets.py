"""The bundled datasets, loaded by name from the package's ``data`` folder.

Each dataset is a CSV file pair (``NAME.csv``, ``NAME.sources.csv``) in the
project's top-level ``data/`` folder, shipped inside the package and read
through :mod:`importlib.resources`. ``data/catalog.csv`` lists them.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from importlib import resources
from pathlib import Path

import attrs

from recognition.csvfile import read_csv
from recognition.entities import Registry
from recognition.errors import UnknownDatasetError
from recognition.events import Record
from recognition.ledger import Ledger

__all__ = ["DatasetInfo", "dataset_path", "datasets", "load"]


@attrs.frozen
class DatasetInfo:
    """A bundled dataset.

    Attributes:
        name: what to pass to :func:`load` or ``--dataset``.
        title: a one-line description.
        subjects: the states or seats it is about.
    """

    name: str
    title: str
    subjects: tuple[str, ...]


def _data() -> resources.abc.Traversable:
    return resources.files("recognition").joinpath("data")


def datasets() -> tuple[DatasetInfo, ...]:
    """Every bundled dataset, in catalog order."""
    text = _data().joinpath("catalog.csv").read_text("utf-8")
    return tuple(
        DatasetInfo(row["name"], row["title"], tuple(row["subjects"].split(";")))
        for row in csv.DictReader(text.splitlines())
    )


@contextmanager
def dataset_path(name: str) -> Iterator[Path]:
    """A real path to the events file of dataset ``name`` while the context lasts.

    Raises:
        UnknownDatasetError: no bundled dataset has this name.
    """
    names = [d.name for d in datasets()]
    if name not in names:
        close = difflib.get_close_matches(name, names, n=len(names), cutoff=0.5)
        raise UnknownDatasetError(name, close or names)
    with ExitStack() as stack:
        events = stack.enter_context(resources.as_file(_data().joinpath(f"{name}.csv")))
        stack.enter_context(resources.as_file(_data().joinpath(f"{name}.sources.csv")))
        yield events


def load(*names: str, registry: Registry | None = None) -> Ledger:
    """A new ledger holding the bundled datasets ``names`` (all of them if none).

    Raises:
        UnknownDatasetError: a name matches no bundled dataset.
    """
    wanted = names or tuple(d.name for d in datasets())
    records: list[Record] = []
    for name in dict.fromkeys(wanted):
        with dataset_path(name) as path:
            records.extend(read_csv(path, registry=registry).records)
    return Ledger(records, registry=registry)
