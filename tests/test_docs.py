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


def _python_blocks(path: Path) -> list[str]:
    blocks: list[str] = []
    inside, current = False, list[str]()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() == "```python":
            inside, current = True, []
        elif line.strip() == "```" and inside:
            inside = False
            blocks.append("\n".join(current))
        elif inside:
            current.append(line)
    return blocks


def _expected_output(block: str) -> list[str]:
    """Comment lines right after a print() are the output it must give."""
    expected, after_print = [], False
    for line in block.splitlines():
        if line.startswith("# ") and after_print:
            expected.append(line[2:])
            continue
        after_print = line.startswith("print(") or (after_print and line.startswith(" "))
    return expected


@pytest.mark.parametrize(
    "page", ["README.md", *sorted(p.name for p in (ROOT / "docs").glob("*.md"))]
)
def test_python_blocks_in_docs_run_and_print_what_they_show(
    page: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ROOT / page if page == "README.md" else ROOT / "docs" / page
    namespace: dict[str, object] = {}  # blocks of one page share names, as in a notebook
    for block in _python_blocks(path):
        exec(compile(block, str(path), "exec"), namespace)  # noqa: S102 - our own documentation
        printed = capsys.readouterr().out.splitlines()
        for line in _expected_output(block):
            assert line in printed, f"{page}: expected {line!r} in output {printed}"
