"""How many states recognised Kosovo, year by year, and which withdrawals are disputed?

Run: python examples/kosovo_count.py
"""

from __future__ import annotations

import datetime as dt

import recognition


def main() -> None:
    ledger = recognition.load("kosovo")
    days = [dt.date(year, 12, 31) for year in range(2008, 2026)]
    for count in ledger.counts("XK", days):
        print(f"{count.on.year}: {count.states:>3} states certainly, {count.uncertain} uncertain")
    disputed = [
        r
        for r in ledger.current()
        if r.event and r.event.kind == "withdraw_recognition" and r.event.disputed
    ]
    print(f"{len(disputed)} announced withdrawals are disputed, e.g.:")
    for record in disputed[:3]:
        assert record.event is not None
        print(f"  {record.event.actor} {record.event.date}: {record.event.note[:90]}")


if __name__ == "__main__":
    main()
