from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import record_lists

import recognition
from recognition import DataFileError, Ledger, Record
from recognition.frames import from_pandas, to_pandas

pandas = pytest.importorskip("pandas")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_lists())
def test_round_trip(records: list[Record]) -> None:
    ledger = Ledger(records)
    assert from_pandas(to_pandas(ledger)) == ledger


def test_a_dataset_round_trips_and_has_one_row_per_record() -> None:
    ledger = recognition.load("venezuela")
    frame = to_pandas(ledger)
    assert len(frame) == len(ledger)
    assert frame.loc[frame["id"] == "ve-0028", "actor"].item() == "US"
    assert from_pandas(frame) == ledger


def test_bad_rows_are_named() -> None:
    frame = to_pandas(recognition.load("kosovo"))
    frame.loc[3, "date"] = "2008-13"
    with pytest.raises(DataFileError) as info:
        from_pandas(frame)
    assert [(p.line, p.record) for p in info.value.problems] == [(3, frame.loc[3, "id"])]
    with pytest.raises(DataFileError, match="missing column"):
        from_pandas(frame.drop(columns=["kind"]))
