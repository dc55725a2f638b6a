"""The documentation cannot drift from the code: its counts and examples are checked."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

import recognition

ROOT = Path(__file__).parent.parent


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", [d.name for d in recognition.datasets()])
def test_dataset_page_counts_match_the_api(name: str) -> None:
    counts = _module(ROOT / "docs" / "update_counts.py")
    page = (ROOT / "docs" / "datasets" / f"{name}.md").read_text(encoding="utf-8")
    assert counts.counts_block(name) in page, "run: python docs/update_counts.py"


@pytest.mark.parametrize("script", sorted((ROOT / "examples").glob("*.py")), ids=lambda p: p.name)
def test_examples_run(script: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _module(script).main()
    assert capsys.readouterr().out.strip()
