"""Add your own events to a bundled dataset, correct one, and ask as known before the correction.

Run: python examples/own_events.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import recognition
from recognition import Event, Record, Source

MY_EVENTS = """\
id,actor,subject,kind,date,source_outlet,source_title,source_date,source_url,source_quote,recorded
my-1,Ivory Coast,XK,recognise,2011-09,My notes,Notes,2024-05-01,,in September 2011,2024-05-01
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mine.csv"
        path.write_text(MY_EVENTS, encoding="utf-8")
        mine = recognition.read_csv(path)  # names such as "Ivory Coast" become ids ("CI")
    ledger = recognition.load("kosovo")
    ledger.extend(mine.records)
    first = ledger.status("CI", "XK", on="2011-09-20")  # inside "September 2011": uncertain
    print(f"on 2011-09-20: {first.status}, certain: {first.certain}")

    source = Source("My notes", "Second interview", "2024-06-01", "", "it was 16 September 2011")
    fixed = Event("CI", "XK", "recognise", "2011-09-16", (source,))
    ledger.add(Record("my-2", fixed, recorded="2024-06-01", supersedes=("my-1",)))
    now = ledger.status("CI", "XK", on="2011-09-20")
    before = ledger.status("CI", "XK", on="2011-09-20", known_on="2024-05-15")
    print(f"after the correction: {now.status}, certain: {now.certain}")
    print(f"as known on 2024-05-15: {before.status}, certain: {before.certain}")
    print(f"my-1 is kept in the history, superseded by {ledger.superseded_by('my-1')}")


if __name__ == "__main__":
    main()
