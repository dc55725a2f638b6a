from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import partial_dates

from recognition import DateError, PartialDate, Precision, parse_date
from recognition.dates import to_day


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("1979", Precision.YEAR, dt.date(1979, 1, 1), dt.date(1979, 12, 31)),
        ("2019-02", Precision.MONTH, dt.date(2019, 2, 1), dt.date(2019, 2, 28)),
        ("2020-02", Precision.MONTH, dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
        ("2019-02-05", Precision.DAY, dt.date(2019, 2, 5), dt.date(2019, 2, 5)),
    ],
)
def test_parse_keeps_precision_and_period(
    text: str, precision: Precision, first: dt.date, last: dt.date
) -> None:
    date = PartialDate.parse(text)
    assert date.precision is precision
    assert (date.start, date.end) == (first, last)
    assert str(date) == text


def test_a_year_is_not_its_first_day() -> None:
    assert PartialDate.parse("1979") != PartialDate.parse("1979-01-01")


@pytest.mark.parametrize(
    "text", ["", "79", "2019-13", "2019-02-30", "2019/02/05", "05-02-2019", "2019-2-5", "x"]
)
def test_malformed_dates_raise_date_error_naming_the_text(text: str) -> None:
    with pytest.raises(DateError, match="malformed date"):
        PartialDate.parse(text)


def test_date_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="2019-02-30"):
        parse_date("2019-02-30")


def test_query_days_must_be_exact() -> None:
    with pytest.raises(DateError, match="full day"):
        to_day("2019-02")
    assert to_day("2019-02-05") == dt.date(2019, 2, 5)
    assert to_day(dt.date(2019, 2, 5)) == dt.date(2019, 2, 5)


@given(partial_dates())
def test_str_parse_round_trip(date: PartialDate) -> None:
    assert PartialDate.parse(str(date)) == date


@given(partial_dates(), st.dates(dt.date(1999, 1, 1), dt.date(2003, 12, 31)))
def test_contains_matches_the_period(date: PartialDate, day: dt.date) -> None:
    assert date.contains(day) == (date.start <= day <= date.end)


def test_parse_date_rejects_other_types() -> None:
    with pytest.raises(DateError, match="expected a date"):
        parse_date(2019)  # type: ignore[arg-type]
