from __future__ import annotations

import pytest

from recognition import Event, Ledger, Record, Source, validate

SOURCE = Source("Example Gazette", "t", "2019-01-01", "https://example.org", "q")


def codes(*events: Event, today: str = "2026-01-01") -> list[str]:
    ledger = Ledger(Record(f"r{i}", e) for i, e in enumerate(events))
    return [f.code for f in validate(ledger, today=today)]


def test_a_clean_event_passes() -> None:
    assert codes(Event("US", "VE/guaido", "recognise", "2019-01-23", (SOURCE,))) == []


@pytest.mark.parametrize(
    ("event", "code"),
    [
        (Event("SS", "XK", "recognise", "2010-01-01", (SOURCE,)), "anachronism"),
        (Event("SUHH", "PS", "recognise", "1992-01-01", (SOURCE,)), "anachronism"),
        (Event("US", "VE/guaido", "recognise", "2024-01-01", (SOURCE,)), "anachronism"),
        (Event("US", "XK", "recognise", "2030-01-01", (SOURCE,)), "future-date"),
        (Event("XK", "XK", "recognise", "2010-01-01", (SOURCE,)), "self-recognition"),
        (Event("VE", "VE/maduro", "recognise", "2019-01-01", (SOURCE,)), "self-recognition"),
        (Event("US", "XK", "recognise", "2010-01-01"), "no-source"),
        (Event("US", "XK", "recognise", "2010-01-01", (Source("AP"),)), "no-quote"),
        (Event("ZZ", "XK", "recognise", "2010-01-01", (SOURCE,)), "unknown-entity"),
        (Event("US", "VE/guaido", "recognise", "2019-01-23", (SOURCE,)), None),
        (Event("VE", "eu", "expel_diplomats", "2020-06-29", (SOURCE,)), None),
        (Event("VE/guaido", "US", "establish_relations", "2019-02-01", (SOURCE,)), "not-a-state"),
        (Event("US", "XK", "neutral", "2010-01-01", (SOURCE,)), "not-a-seat"),
        (
            Event("VE/guaido", "US", "establish_relations", "2019-02-01", (SOURCE,)),
            "government-actor",
        ),
    ],
)
def test_each_check(event: Event, code: str | None) -> None:
    found = codes(event)
    if code is None:
        assert found == []
    else:
        assert code in found


def test_a_year_that_overlaps_the_lifetime_is_not_an_anachronism() -> None:
    assert "anachronism" not in codes(Event("SS", "XK", "recognise", "2011", (SOURCE,)))


def test_duplicates_and_exclusivity() -> None:
    same = Event("US", "XK", "recognise", "2010-01-01", (SOURCE,))
    assert codes(same, same) == ["duplicate"]
    both = (
        Event("MX", "VE/maduro", "support", "2019-01-24", (SOURCE,)),
        Event("MX", "VE/guaido", "recognise", "2019-01-24", (SOURCE,)),
    )
    assert codes(*both) == ["exclusivity"]


def test_findings_name_the_file_and_line() -> None:
    ledger = Ledger([Record("r1", Event("US", "XK", "recognise", "2010-01-01"), origin="x.csv:7")])
    (finding,) = validate(ledger, today="2026-01-01")
    assert str(finding) == "x.csv:7: error [no-source] r1: the event cites no source"
