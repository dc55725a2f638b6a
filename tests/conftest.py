from __future__ import annotations

from pathlib import Path

import pytest

from recognition import Ledger, read_csv

DATA = Path(__file__).parent / "data"


@pytest.fixture
def starter() -> Ledger:
    """A small hand-made ledger (synthetic sources) exercising every kind of answer."""
    return read_csv(DATA / "starter.csv")
