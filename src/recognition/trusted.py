"""Instances of frozen attrs classes made from values already checked.

A frozen attrs class checks and converts its fields in ``__init__`` and sets
them one by one through ``object.__setattr__``. Where the values come from
a checked store (a record rebuilt from its row) or are plain counts, that
costs more than the rest of the answer: :func:`setters` gives each field's
slot setter, and callers set the fields directly on ``object.__new__(cls)``.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

__all__ = ["setters"]


def setters(cls: type) -> tuple[Callable[[object, object], None], ...]:
    """The slot setter of each field of the slotted attrs class ``cls``, in field order."""
    return tuple(cls.__dict__[field.name].__set__ for field in attrs.fields(cls))
