"""The built wheel carries its data and works installed outside the source tree."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (found,) = out.glob("recognition-*.whl")
    return found


def test_the_wheel_carries_data_reference_tables_and_geometry(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for dataset in ("venezuela", "china", "kosovo", "palestine", "western-sahara"):
        assert f"recognition/data/{dataset}.csv" in names
        assert f"recognition/data/{dataset}.sources.csv" in names
    assert "recognition/data/catalog.csv" in names
    for table in ("states.csv", "entities.csv", "aliases.csv"):
        assert f"recognition/reference/{table}" in names
    assert "recognition/geometry/world.geojson" in names
    assert "recognition/py.typed" in names


def test_installed_wheel_answers_from_bundled_data(wheel: Path, tmp_path: Path) -> None:
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "-c",
            str(ROOT / "constraints.txt"),
            str(wheel),
        ],
        check=True,
    )
    where = subprocess.run(
        [str(python), "-c", "import recognition; print(recognition.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert not where.startswith(str(ROOT))
    result = subprocess.run(
        [
            str(env / "bin" / "recognition"),
            "who",
            "CN/roc",
            "--on",
            "2024-06-01",
            "--dataset",
            "china",
            "--format",
            "json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(json.loads(result.stdout)) == 12
    html = tmp_path / "kosovo.html"
    subprocess.run(
        [
            str(env / "bin" / "recognition"),
            "map",
            "XK",
            "--on",
            "2020-01-01",
            "--dataset",
            "kosovo",
            "-o",
            str(html),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    page = html.read_text(encoding="utf-8")
    assert '"XK"' in page
    assert 'src="http' not in page  # plotly.js is embedded, nothing is fetched
    assert '"topojsonURL": "data:' in page  # the base map is an empty inline topology
