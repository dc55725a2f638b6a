"""Partial dates: a year, a month or a day, with the precision kept.

A :class:`PartialDate` covers a period of days: ``1979`` covers every day of
1979, ``2019-02`` every day of February 2019, ``2019-02-05`` one day. It is
never silently turned into the first day of its period.

The as-of rule, used by every query in the library: an event counts for a
day ``D`` when its whole period lies on or before ``D``; when ``D`` falls
inside the event's period (a query on 15 June about an event dated only
"June 2019"), the answer is *uncertain*.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re

import attrs

from recognition.errors import DateError

__all__ = ["PartialDate", "Precision", "parse_date", "to_day"]

_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class Precision(enum.IntEnum):
    """How much of a date is known."""

    YEAR = 1
    MONTH = 2
    DAY = 3


_MAX_YEAR = 9999  # the range of datetime.date
_ISO_DAY = len("YYYY-MM-DD")
_MONTHS = 12


def _check_fields(year: int, month: int | None, day: int | None) -> None:
    if not 1 <= year <= _MAX_YEAR:
        msg = f"year {year} is out of range"
        raise DateError(msg)
    if month is None:
        if day is not None:
            msg = "a day needs a month"
            raise DateError(msg)
        return
    if not 1 <= month <= _MONTHS:
        msg = f"month {month} is out of range"
        raise DateError(msg)
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        msg = f"day {day} does not exist in {year:04d}-{month:02d}"
        raise DateError(msg)


@attrs.frozen(order=False)
class PartialDate:
    """A date known to the year, the month or the day.

    Two partial dates are equal when they have the same fields and precision
    (``2019`` is not equal to ``2019-01-01``). Sorting uses :attr:`sort_key`:
    by first day, then by last day.

    Attributes:
        year: the year.
        month: the month (1-12), or ``None`` for a year.
        day: the day of the month, or ``None`` for a year or a month.
    """

    year: int
    month: int | None = None
    day: int | None = None
    first: int = attrs.field(init=False, eq=False, repr=False)
    last: int = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Check the fields and cache the first and last day as ordinals."""
        _check_fields(self.year, self.month, self.day)
        if self.month is None:
            start = dt.date(self.year, 1, 1)
            end = dt.date(self.year, 12, 31)
        elif self.day is None:
            start = dt.date(self.year, self.month, 1)
            end = dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        else:
            start = end = dt.date(self.year, self.month, self.day)
        object.__setattr__(self, "first", start.toordinal())
        object.__setattr__(self, "last", end.toordinal())

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises:
            DateError: the text is not one of those forms, or names a day
                that does not exist.
        """
        match = _PATTERN.fullmatch(text.strip())
        if match is None:
            msg = f"malformed date {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD"
            raise DateError(msg)
        year, month, day = (int(g) if g is not None else None for g in match.groups())
        assert year is not None
        try:
            return cls(year, month, day)
        except DateError as exc:
            msg = f"malformed date {text!r}: {exc}"
            raise DateError(msg) from None

    @classmethod
    def from_date(cls, day: dt.date) -> PartialDate:
        """The exact date of a :class:`datetime.date`."""
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        """Whether the year, the month or the day is known."""
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        return dt.date.fromordinal(self.first)

    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive)."""
        return dt.date.fromordinal(self.last)

    @property
    def is_exact(self) -> bool:
        """True when the date is known to the day."""
        return self.day is not None

    @property
    def sort_key(self) -> tuple[int, int]:
        """Order by first day, then by last day."""
        return (self.first, self.last)

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` lies inside the period."""
        return self.first <= day.toordinal() <= self.last

    def overlaps(self, other: PartialDate) -> bool:
        """True when the two periods share at least one day."""
        return self.first <= other.last and other.first <= self.last

    def __str__(self) -> str:
        """The ISO 8601 form it was parsed from."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def parse_date(value: str | dt.date | PartialDate) -> PartialDate:
    """Coerce a string, a :class:`datetime.date` or a :class:`PartialDate`."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, str):
        return PartialDate.parse(value)
    msg = f"expected a date, got {type(value).__name__}"
    raise DateError(msg)


def to_day(value: str | dt.date | PartialDate) -> dt.date:
    """Coerce a query date, which must name one day.

    Raises:
        DateError: the value is malformed or is only a year or a month (a
            query is asked about one day; ask about its last day instead).
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and len(value) == _ISO_DAY:
        try:  # the common case, in C; anything odd falls through to the full parser
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    date = parse_date(value)
    if not date.is_exact:
        msg = (
            f"a query needs a full day, got {str(date)!r}; "
            f"to ask about the end of that period use {date.end.isoformat()!r}"
        )
        raise DateError(msg)
    return date.start
