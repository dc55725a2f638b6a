from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import record_lists

from recognition import (
    DataFileError,
    Entity,
    EntityKind,
    Ledger,
    Problem,
    Record,
    Registry,
    bundled_registry,
    csvfile,
    jsonlfile,
    read_csv,
    read_jsonl,
    write_csv,
    write_jsonl,
)
from recognition.csvfile import EVENT_COLUMNS, sources_path

DATA = Path(__file__).parent / "data"
HEADER = ",".join(EVENT_COLUMNS)


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _row(**fields: str) -> str:
    values = {
        "id": "t-1",
        "actor": "US",
        "subject": "VE/guaido",
        "kind": "recognise",
        "date": "2019-01-23",
        "source_outlet": "Example Gazette",
        "source_quote": "q",
    }
    values.update(fields)
    return ",".join(values.get(c, "") for c in EVENT_COLUMNS)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_lists())
def test_csv_round_trips_exactly(records: list[Record]) -> None:
    ledger = Ledger(records)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.csv"
        write_csv(ledger, path)
        again = read_csv(path)
        assert again == ledger
        write_csv(again, path)
        assert read_csv(path) == ledger


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_lists(), st.integers(1, 5))
def test_rows_read_in_bulk_equal_rows_read_one_by_one(records: list[Record], chunk: int) -> None:
    # Plain rows are added a chunk at a time, column by column; any other
    # chunk row by row. Both must give the same records, origins included.
    ledger = Ledger(records)
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = Path(folder) / "out.csv"
        write_csv(ledger, path)
        patch.setattr(csvfile, "_CHUNK", chunk)
        bulk = read_csv(path)
        patch.setattr(csvfile, "_add_plain", lambda *_: False)
        one_by_one = read_csv(path)
    assert bulk == one_by_one == ledger
    assert [r.origin for r in bulk] == [r.origin for r in one_by_one]


def test_a_bad_row_among_plain_rows_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvfile, "_CHUNK", 2)
    rows = [_row(id=f"t-{n}") for n in range(5)]
    rows[3] = _row(id="t-3", actor="Atlantis")
    problems: list[Problem] = []
    ledger = read_csv(_write(tmp_path / "x.csv", HEADER, *rows), problems=problems)
    assert [r.id for r in ledger] == ["t-0", "t-1", "t-2", "t-4"]
    assert [(p.line, p.field) for p in problems] == [(5, "actor")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_lists())
def test_jsonl_round_trips_exactly(records: list[Record]) -> None:
    ledger = Ledger(records)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.jsonl"
        write_jsonl(ledger, path)
        assert read_jsonl(path) == ledger


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_lists(), st.integers(1, 5))
def test_jsonl_read_in_bulk_equals_jsonl_read_one_by_one(records: list[Record], chunk: int) -> None:
    # As for CSV: plain records are added a chunk at a time, any other chunk
    # record by record; further sources are added at the end.
    ledger = Ledger(records)
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = Path(folder) / "out.jsonl"
        write_jsonl(ledger, path)
        patch.setattr(jsonlfile, "_CHUNK", chunk)
        bulk = read_jsonl(path)
        patch.setattr("recognition.jsonlfile._Plain.add", lambda *_: False)
        one_by_one = read_jsonl(path)
    assert bulk == one_by_one == ledger
    assert [r.origin for r in bulk] == [r.origin for r in one_by_one]


def _plain_json(record_id: str) -> dict[str, Any]:
    return {
        "id": record_id,
        "recorded": None,
        "supersedes": [],
        "contradicts": [],
        "event": {
            "actor": "US",
            "subject": "VE/guaido",
            "kind": "recognise",
            "date": "2019-01-23",
            "mode": None,
            "dual": False,
            "disputed": False,
            "cameo": "054",
            "note": "",
            "sources": [
                {"outlet": "Example Gazette", "title": "", "date": None, "url": "", "quote": "q"},
                {"outlet": "AP", "title": "t", "date": "2019-01", "url": "", "quote": ""},
            ],
        },
    }


_MISSING = object()
_SOURCE = ("event", "sources", 1)
# An entity whose id no event takes.
_REGISTRY = Registry([*bundled_registry(), Entity("X;Y", EntityKind.STATE, "Semicolonia")])


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("id",), 5),
        (("id",), " t-2"),
        (("id",), "t 2"),
        (("id",), "t-0"),
        (("recorded",), ""),
        (("recorded",), "2020-01-01"),
        (("recorded",), _MISSING),
        (("supersedes",), ["t-0"]),
        (("supersedes",), None),
        (("contradicts",), ["t-0"]),
        (("unknown",), 1),
        (("event",), None),
        (("event",), []),
        (("event", "actor"), "Atlantis"),
        (("event", "actor"), "France"),
        (("event", "actor"), 7),
        (("event", "actor"), "Semicolonia"),
        (("event", "subject"), "VE"),
        (("event", "kind"), " recognise "),
        (("event", "kind"), "support"),
        (("event", "kind"), "neutral"),
        (("event", "kind"), "withdraw_recognition"),
        (("event", "kind"), "retraction"),
        (("event", "kind"), 1),
        (("event", "date"), "2019-13"),
        (("event", "date"), ""),
        (("event", "date"), None),
        (("event", "mode"), "freeze"),
        (("event", "mode"), " "),
        (("event", "mode"), 5),
        (("event", "dual"), True),
        (("event", "dual"), 1),
        (("event", "dual"), None),
        (("event", "dual"), _MISSING),
        (("event", "disputed"), True),
        (("event", "disputed"), 0),
        (("event", "cameo"), ""),
        (("event", "cameo"), None),
        (("event", "cameo"), "1663"),
        (("event", "cameo"), " 054"),
        (("event", "cameo"), 54),
        (("event", "note"), "n"),
        (("event", "note"), None),
        (("event", "unknown"), 1),
        (("event", "sources"), []),
        (("event", "sources"), "x"),
        (("event", "sources"), [None]),
        (("event", "sources", 0, "outlet"), ""),
        (("event", "sources", 0, "outlet"), None),
        ((*_SOURCE, "title"), None),
        ((*_SOURCE, "title"), _MISSING),
        ((*_SOURCE, "date"), ""),
        ((*_SOURCE, "date"), "2019-99"),
        ((*_SOURCE, "date"), 2019),
        ((*_SOURCE, "date"), 0),
        ((*_SOURCE, "quote"), ["q"]),
        ((*_SOURCE, "unknown"), 1),
    ],
)
def test_jsonl_records_read_in_bulk_or_one_by_one_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: tuple[str | int, ...], value: object
) -> None:
    # A record among plain ones, in a chunk with one of them: both ways
    # give the same records and the same problems.
    monkeypatch.setattr(jsonlfile, "_CHUNK", 2)
    records = [_plain_json(f"t-{n}") for n in range(4)]
    *parents, key = where
    holder: Any = records[2]
    for part in parents:
        holder = holder[part]
    if value is _MISSING:
        del holder[key]
    else:
        holder[key] = value
    header = json.dumps({"format": "recognition", "schema": 1})
    path = _write(tmp_path / "x.jsonl", header, *map(json.dumps, records))
    read: list[tuple[Ledger, list[Problem]]] = []
    for _ in range(2):
        problems: list[Problem] = []
        read.append((read_jsonl(path, registry=_REGISTRY, problems=problems), problems))
        monkeypatch.setattr("recognition.jsonlfile._Plain.add", lambda *_: False)
    (bulk, bulk_problems), (one_by_one, problems) = read
    assert bulk == one_by_one
    assert [r.origin for r in bulk] == [r.origin for r in one_by_one]
    assert bulk_problems == problems


def test_a_bad_record_among_plain_records_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonlfile, "_CHUNK", 2)
    records = [_plain_json(f"t-{n}") for n in range(5)]
    records[3]["event"]["actor"] = "Atlantis"
    header = json.dumps({"format": "recognition", "schema": 1})
    problems: list[Problem] = []
    path = _write(tmp_path / "x.jsonl", header, *map(json.dumps, records))
    ledger = read_jsonl(path, problems=problems)
    assert [r.id for r in ledger] == ["t-0", "t-1", "t-2", "t-4"]
    assert [(p.line, p.field) for p in problems] == [(5, "event.actor")]
    assert [s.outlet for s in ledger["t-4"].event.sources] == ["Example Gazette", "AP"]  # type: ignore[union-attr]


def test_records_before_a_line_not_utf8_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonlfile, "_CHUNK", 3)
    records = [_plain_json(f"t-{n}") for n in range(40)]
    for record in records:
        record["event"]["note"] = "x" * 1000  # 40 kB: the file is decoded 8 kB at a time
    lines = [json.dumps(record).encode() for record in records]
    lines.insert(30, b'{"id": "\xff"}')
    path = tmp_path / "x.jsonl"
    path.write_bytes(b"\n".join([b'{"format": "recognition", "schema": 1}', *lines]))
    problems: list[Problem] = []
    ledger = read_jsonl(path, problems=problems)
    assert [p.message[:9] for p in problems] == ["not UTF-8"]
    assert 20 < len(ledger) == problems[0].line - 2  # type: ignore[operator]
    assert [r.id for r in ledger] == [f"t-{n}" for n in range(len(ledger))]


def test_a_number_too_long_to_read_is_a_problem(tmp_path: Path) -> None:
    header = json.dumps({"format": "recognition", "schema": 1})
    path = _write(tmp_path / "x.jsonl", header, '{"id": ' + "1" * 5000 + "}")
    problems: list[Problem] = []
    read_jsonl(path, problems=problems)
    assert [(p.line, p.message[:14]) for p in problems] == [(2, "not valid JSON")]


def test_starter_round_trips_through_both_formats(tmp_path: Path) -> None:
    ledger = read_csv(DATA / "starter.csv")
    write_jsonl(ledger, tmp_path / "x.jsonl")
    write_csv(read_jsonl(tmp_path / "x.jsonl"), tmp_path / "x.csv")
    assert read_csv(tmp_path / "x.csv") == ledger
    assert len(ledger["s-01"].event.sources) == 2  # type: ignore[union-attr]


def test_unknown_country_names_file_line_field_and_suggestion(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.csv", HEADER, _row(), _row(id="t-2", actor="Venezuala"))
    with pytest.raises(DataFileError) as info:
        read_csv(path)
    (problem,) = info.value.problems
    assert (problem.path, problem.line, problem.field) == (path, 3, "actor")
    assert problem.suggestion is not None
    assert problem.suggestion.startswith("VE")
    expected = f"{path}:3: field 'actor': unknown entity 'Venezuala'"
    assert str(problem) == f"{expected} (did you mean {problem.suggestion}?)"


def test_names_are_accepted_and_stored_as_ids(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.csv", HEADER, _row(actor="United States", subject="Guaidó"))
    event = read_csv(path)["t-1"].event
    assert event is not None
    assert (event.actor, event.subject) == ("US", "VE/guaido")


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (_row(date="2019-02-30"), "date", "does not exist"),
        (_row(date=""), "date", "missing date"),
        (_row(kind="recognize"), "kind", "unknown kind"),
        (_row(kind="neutral", subject="VE/guaido"), "kind", "neutral is a position on a seat"),
        (_row(mode="freeze"), "kind", "mode 'freeze' applies only"),
        (_row(dual="perhaps"), "dual", "expected true or false"),
        (_row(source_date="May 2019"), "source_date", "malformed date"),
        (_row(source_outlet="", source_url="https://x"), "source_outlet", "needs an outlet"),
        (_row(supersedes="t-0"), "supersedes", "unknown or later record"),
        (_row(cameo="05x"), "kind", "CAMEO"),
        (_row(id=""), "id", "missing record id"),
    ],
)
def test_bad_fields_are_located(tmp_path: Path, row: str, field: str, message: str) -> None:
    path = _write(tmp_path / "e.csv", HEADER, row)
    with pytest.raises(DataFileError, match=message) as info:
        read_csv(path)
    assert [(p.line, p.field) for p in info.value.problems] == [(2, field)]


def test_line_numbers_count_multiline_fields(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "e.csv", HEADER, _row(note='"two\nlines"'), _row(id="t-2", date="2019-13")
    )
    with pytest.raises(DataFileError) as info:
        read_csv(path)
    assert [p.line for p in info.value.problems] == [4]


def test_line_numbers_hold_across_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Rows are read a chunk at a time; a value with line breaks of each kind
    # in one chunk must not shift the lines of the rows after it.
    monkeypatch.setattr(csvfile, "_CHUNK", 3)
    rows = [_row(id=f"t-{n}") for n in range(9)]
    rows[1] = _row(id="t-1", note='"a\r\nb\rc\nd"')  # three line breaks: lines 3 to 6
    rows[4] = _row(id="t-4", actor="Atlantis")  # line 9
    rows[8] = _row(id="t-8", date="2019-13")  # line 13
    problems: list[Problem] = []
    path = tmp_path / "e.csv"
    path.write_bytes(("\n".join([HEADER, *rows]) + "\n").encode())
    ledger = read_csv(path, problems=problems)
    assert [(p.line, p.field) for p in problems] == [(9, "actor"), (13, "date")]
    assert [r.origin for r in ledger][2] == f"{path}:7"


def test_rows_before_an_unreadable_row_load(tmp_path: Path) -> None:
    huge = _row(id="t-3", note="x" * 200_000)  # longer than the csv module takes
    path = _write(tmp_path / "e.csv", HEADER, _row(id="t-1"), _row(id="t-2"), huge, _row(id="t-4"))
    problems: list[Problem] = []
    ledger = read_csv(path, problems=problems)
    assert [r.id for r in ledger] == ["t-1", "t-2"]
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (4, "not readable as UTF-8 CSV")
    ]


def test_header_problems(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "e.csv", "id,actor,subject,kind,date,soruce_url", "t-1,US,XK,recognise,2008"
    )
    with pytest.raises(DataFileError, match="unknown column") as info:
        read_csv(path)
    assert info.value.problems[0].field == "soruce_url"
    path = _write(tmp_path / "f.csv", "id,actor,kind", "t-1,US,recognise")
    with pytest.raises(DataFileError, match="missing column"):
        read_csv(path)
    with pytest.raises(DataFileError, match="empty file"):
        read_csv(_write(tmp_path / "g.csv", ""))
    with pytest.raises(DataFileError, match="cannot open"):
        read_csv(tmp_path / "absent.csv")


def test_too_many_values(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.csv", HEADER, _row() + ",extra")
    with pytest.raises(DataFileError, match="values for"):
        read_csv(path)


def test_duplicate_ids(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.csv", HEADER, _row(), _row())
    with pytest.raises(DataFileError, match="duplicate record id 't-1' \\(first on line 2\\)"):
        read_csv(path)


def test_by_default_nothing_loads_but_problems_can_be_collected(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "e.csv",
        HEADER,
        _row(),
        _row(id="t-2", actor="Atlantis"),
        _row(id="t-3", subject="XK"),
    )
    with pytest.raises(DataFileError):
        read_csv(path)
    problems: list[Problem] = []
    ledger = read_csv(path, problems=problems)
    assert [r.id for r in ledger] == ["t-1", "t-3"]
    assert [(p.line, p.field) for p in problems] == [(3, "actor")]


def test_sources_file_problems_are_located(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.csv", HEADER, _row())
    _write(sources_path(path), "event,outlet,title,date,url,quote", "t-9,AP,,,,", "t-1,,t,,,")
    with pytest.raises(DataFileError) as info:
        read_csv(path)
    found = {(p.path, p.line, p.field) for p in info.value.problems}
    assert found == {(sources_path(path), 2, "event"), (sources_path(path), 3, "outlet")}


def test_further_sources_follow_the_inline_one_in_file_order(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.csv", HEADER, _row(id="t-1"), _row(id="t-2"))
    _write(
        sources_path(path),
        "event,outlet,title,date,url,quote",
        "t-2,AP,first,,,",
        "t-1,AFP,only,,,",
        "t-2,Reuters,second,,,",
    )
    ledger = read_csv(path)
    outlets = {r.id: [s.outlet for s in r.event.sources] for r in ledger if r.event is not None}
    assert outlets == {
        "t-1": ["Example Gazette", "AFP"],
        "t-2": ["Example Gazette", "AP", "Reuters"],
    }


def test_a_source_of_a_retraction_is_located(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "e.csv",
        HEADER,
        _row(id="t-1"),
        ",".join(
            {"id": "t-2", "kind": "retraction", "supersedes": "t-1"}.get(c, "")
            for c in EVENT_COLUMNS
        ),
    )
    _write(sources_path(path), "event,outlet,title,date,url,quote", "t-2,AP,,,,")
    with pytest.raises(DataFileError, match="retraction") as info:
        read_csv(path)
    assert [(p.path, p.line, p.field) for p in info.value.problems] == [
        (sources_path(path), 2, "event")
    ]


def test_jsonl_problems_are_located(tmp_path: Path) -> None:
    header = json.dumps({"format": "recognition", "schema": 1})
    good = read_csv(DATA / "starter.csv")
    write_jsonl(good, tmp_path / "ok.jsonl")
    lines = (tmp_path / "ok.jsonl").read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["event"]["actor"] = "Atlantis"
    bad = _write(
        tmp_path / "bad.jsonl", header, json.dumps(broken), "{not json", json.dumps({"id": 5})
    )
    with pytest.raises(DataFileError) as info:
        read_jsonl(bad)
    assert [(p.line, p.field) for p in info.value.problems] == [
        (2, "event.actor"),
        (3, None),
        (4, "id"),
    ]
    with pytest.raises(DataFileError, match="schema"):
        read_jsonl(
            _write(tmp_path / "v2.jsonl", json.dumps({"format": "recognition", "schema": 2}))
        )
    with pytest.raises(DataFileError, match="header"):
        read_jsonl(_write(tmp_path / "nohead.jsonl", lines[1]))


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = read_csv(DATA / "starter.csv")
    path = tmp_path / "out.csv"
    write_csv(ledger, path)
    before = path.read_bytes()

    def crash(*_: object) -> None:
        message = "disk full"
        raise OSError(message)

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        write_csv(Ledger(), path)
    with pytest.raises(OSError, match="disk full"):
        write_jsonl(ledger, tmp_path / "out.jsonl")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "out.sources.csv"]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_raise_only_our_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name in ("x.csv", "x.jsonl"):
            path = Path(folder) / name
            path.write_bytes(data)
            with contextlib.suppress(DataFileError):
                (read_csv if name.endswith(".csv") else read_jsonl)(path)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_files_raise_only_our_error(data: st.DataObject) -> None:
    for name in ("starter.csv", "starter.jsonl"):
        if name.endswith(".csv"):
            original = (DATA / name).read_bytes()
        else:
            with tempfile.TemporaryDirectory() as folder:
                write_jsonl(read_csv(DATA / "starter.csv"), Path(folder) / name)
                original = (Path(folder) / name).read_bytes()
        position = data.draw(st.integers(0, len(original)))
        cut = data.draw(st.integers(0, 20))
        insert = data.draw(
            st.binary(max_size=8) | st.sampled_from([b",", b'"', b"\n", b"{", b"2019-99"])
        )
        mutated = original[:position] + insert + original[position + cut :]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(mutated)
            with contextlib.suppress(DataFileError):
                (read_csv if name.endswith(".csv") else read_jsonl)(path)
