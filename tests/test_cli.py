from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import recognition
from recognition.cli import main
from recognition.render import status_json

DATA = Path(__file__).parent / "data"
STARTER = str(DATA / "starter.csv")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_who_json_equals_the_python_answer(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "who", "VE/guaido", "--on", "2019-02-05", "--data", STARTER, "--format", "json"
    )
    assert (code, err) == (0, "")
    ledger = recognition.read_csv(STARTER)
    expected = [status_json(s, ledger.registry) for s in ledger.who("VE/guaido", on="2019-02-05")]
    assert json.loads(out) == expected
    first = json.loads(out)[0]
    assert {"actor", "since", "certain", "sources"} <= set(first)


def test_status_json_shows_the_disagreement(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "status", "MX", "VE", "--on", "2019-02-05", "--data", STARTER, "--format", "json"
    )
    assert code == 0
    answer = json.loads(out)
    assert {"actor", "subject", "on", "status", "certain", "sources"} <= set(answer)
    assert answer["certain"] is False
    assert {answer["status"], *(a["status"] for a in answer["alternatives"])} == {
        "neutral",
        "VE/maduro",
    }


def test_relations_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "relations", "VE", "US", "--on", "2019-03-01", "--data", STARTER, "--format", "json"
    )
    assert code == 0
    answer = json.loads(out)
    assert answer["status"] == "severed"
    assert [s["event"]["kind"] for s in answer["signals"]] == ["expel_diplomats"]


def test_table_and_csv_formats(capsys: pytest.CaptureFixture[str]) -> None:
    _, table, _ = run(capsys, "who", "XK", "--on", "2010-01-01", "--data", STARTER)
    assert table.splitlines()[0].split()[:2] == ["actor", "name"]
    assert "Suriname" in table
    _, text, _ = run(
        capsys, "who", "XK", "--on", "2010-01-01", "--data", STARTER, "--format", "csv"
    )
    assert text.splitlines()[0] == "actor,name,actor_kind,status,since,certain,sources"
    assert len(text.splitlines()) == 3


def test_who_table_shows_the_reading_that_recognises(capsys: pytest.CaptureFixture[str]) -> None:
    _, text, _ = run(
        capsys, "who", "VE/guaido", "--on", "2019-02-15", "--data", STARTER, "--format", "csv"
    )
    rows = {line.split(",")[0]: line.split(",") for line in text.splitlines()[1:]}
    assert rows["ES"][3:6] == ["VE/guaido", "2019-02", "no"]
    assert rows["ES"][6] == "Example Herald"
    assert list(rows) == ["AR", "CA", "US", "ES"]
    _, out, _ = run(
        capsys, "who", "VE/guaido", "--on", "2019-02-15", "--data", STARTER, "--format", "json"
    )
    spain = next(a for a in json.loads(out) if a["actor"] == "ES")
    assert (spain["status"], spain["alternatives"][0]["status"]) == ("no_statement", "VE/guaido")


def test_timeline_diff_conflicts(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "timeline", "AR", "--data", STARTER, "--format", "json")
    assert [r["id"] for r in json.loads(out)] == ["s-09", "s-11"]
    _, out, _ = run(
        capsys,
        "diff",
        "VE",
        "--from",
        "2019-01-01",
        "--to",
        "2019-03-01",
        "--data",
        STARTER,
        "--format",
        "json",
    )
    assert {c["actor"] for c in json.loads(out)} == {"US", "CA", "AR", "RU", "MX", "ES"}
    _, out, _ = run(capsys, "conflicts", "--data", STARTER, "--format", "json")
    assert [c["actor"] for c in json.loads(out)] == ["MX"]


def test_known_on(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys,
        "status",
        "AR",
        "VE",
        "--on",
        "2019-12-25",
        "--known-on",
        "2020-01-01",
        "--data",
        STARTER,
        "--format",
        "json",
    )
    assert json.loads(out)["status"] == "VE/maduro"


def test_unknown_country_in_a_file_exits_non_zero_with_the_location(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (DATA / "starter.csv").read_text(encoding="utf-8").replace("s-02,CA,", "s-02,Cnada,")
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "who", "XK", "--on", "2010-01-01", "--data", str(bad))
    assert code == 1
    assert out == ""
    assert f"{bad}:3: field 'actor': unknown entity 'Cnada' (did you mean CA" in err
    assert "Traceback" not in err


def test_query_errors_exit_non_zero_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "who", "VE/guaido", "--on", "2019-02", "--data", STARTER)
    assert code == 1
    assert "a query needs a full day" in err
    code, _, err = run(capsys, "who", "XK", "--on", "2019-01-01", "--dataset", "venezuelaa")
    assert code == 1
    assert "no bundled dataset named 'venezuelaa'; available: venezuela" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["who", "XK"])
    assert info.value.code == 2
    assert "--on" in capsys.readouterr().err


def test_validate_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "validate", STARTER, "--today", "2026-01-01")
    assert code == 0, err
    assert "0 error(s)" in out
    text = (DATA / "starter.csv").read_text(encoding="utf-8").replace("2017-06-13", "2030-06-13")
    future = tmp_path / "future.csv"
    future.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(future), "--today", "2026-01-01")
    assert code == 1
    assert "future-date" in err


def test_version_and_console_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "recognition", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"recognition {recognition.__version__}"
