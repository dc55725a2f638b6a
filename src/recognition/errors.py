"""The library's exceptions: one root, :class:`RecognitionError`.

Every leaf also derives from the builtin a caller would naturally catch
(``LookupError`` for things not found, ``ValueError`` for bad values), so
``except ValueError`` keeps working for code that knows nothing of us.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs


class RecognitionError(Exception):
    """Base class of every error raised by `recognition`."""


class UnknownEntityError(RecognitionError, LookupError):
    """An entity id or name matches nothing in the registry.

    Attributes:
        key: the id or name that was looked up.
        suggestions: ids of the closest matches, best first (may be empty).
    """

    def __init__(self, key: str, suggestions: Sequence[str] = ()) -> None:
        """Name the key that matched nothing and the closest matches."""
        self.key = key
        self.suggestions = tuple(suggestions)
        message = f"unknown entity {key!r}"
        if self.suggestions:
            message += f"; did you mean {', '.join(self.suggestions)}?"
        super().__init__(message)


class UnknownDatasetError(RecognitionError, LookupError):
    """No bundled dataset has this name."""

    def __init__(self, name: str, available: Sequence[str]) -> None:
        """Name the unknown dataset and the available ones."""
        self.name = name
        self.available = tuple(available)
        super().__init__(
            f"no bundled dataset named {name!r}; available: {', '.join(self.available)}"
        )


class DateError(RecognitionError, ValueError):
    """A date string is malformed or out of range."""


class EventError(RecognitionError, ValueError):
    """An event's fields do not fit together (e.g. a mode on a recognition)."""


class LedgerError(RecognitionError, ValueError):
    """A record cannot be added to a ledger (duplicate id, unknown superseded id)."""


class PlotError(RecognitionError, RuntimeError):
    """A figure cannot be drawn or exported (e.g. no Chromium for image export)."""


@attrs.frozen
class Problem:
    """One thing wrong with an input, located as precisely as we can.

    Attributes:
        message: what is wrong, naming the bad value.
        path: the file, when the input came from one.
        line: the 1-based line in that file where the row starts.
        field: the column or key that holds the bad value.
        record: the record id, when known.
        suggestion: what the user probably meant, when we can tell.
    """

    message: str
    path: Path | None = None
    line: int | None = None
    field: str | None = None
    record: str | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        """Render as ``path:line: field 'x': message (did you mean ...?)``."""
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        elif self.record is not None:
            where = f"record {self.record}: "
        what = f"field {self.field!r}: " if self.field else ""
        hint = f" (did you mean {self.suggestion}?)" if self.suggestion else ""
        return f"{where}{what}{self.message}{hint}"


class DataFileError(RecognitionError, ValueError):
    """A data file could not be read; nothing from it was loaded.

    Attributes:
        problems: every problem found, in file order.
    """

    SHOWN = 10

    def __init__(self, problems: Sequence[Problem]) -> None:
        """Carry every problem; the message shows the first few."""
        self.problems = tuple(problems)
        lines = [str(p) for p in self.problems[: self.SHOWN]]
        hidden = len(self.problems) - self.SHOWN
        if hidden > 0:
            lines.append(f"... and {hidden} more problem(s)")
        super().__init__("\n".join(lines))
