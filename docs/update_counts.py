"""Rewrite the counts block of every dataset page from the data.

Run ``python docs/update_counts.py`` after changing a dataset; the test
suite fails while a page's counts differ from what the API computes.
"""

from __future__ import annotations

from pathlib import Path

from recognition import datasets
from recognition.summary import markdown, summarise_dataset

START, END = "<!-- counts -->", "<!-- /counts -->"
PAGES = Path(__file__).parent / "datasets"


def counts_block(name: str) -> str:
    """The block, markers included, for dataset ``name``."""
    return f"{START}\n{markdown(summarise_dataset(name))}{END}"


def update(page: Path, name: str) -> None:
    """Replace the block in ``page`` (or the lone start marker) with fresh counts."""
    text = page.read_text(encoding="utf-8")
    head, found, rest = text.partition(START)
    if not found:
        message = f"{page}: no {START} marker"
        raise SystemExit(message)
    _, closed, tail = rest.partition(END)
    page.write_text(head + counts_block(name) + (tail if closed else rest), encoding="utf-8")


if __name__ == "__main__":
    for info in datasets():
        update(PAGES / f"{info.name}.md", info.name)
