from __future__ import annotations

import csv
import datetime as dt
from importlib import resources

import pytest

import recognition
from recognition import EntityKind, UnknownEntityError, bundled_registry


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("VE", "VE"),
        ("VEN", "VE"),
        ("862", "VE"),
        ("Venezuela", "VE"),
        ("South Korea", "KR"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Holland", "NL"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Burma", "MM"),
        ("Zaire", "CD"),
        ("ZRCD", "CD"),
        ("the united kingdom", "GB"),
        ("USSR", "SUHH"),
        ("Soviet Union", "SUHH"),
        ("Kosovo", "XK"),
        ("Somaliland", "X-SOL"),
        ("Northern Cyprus", "X-NCY"),
        ("Guaido", "VE/guaido"),
        ("Lima Group", "lima-group"),
        ("European Parliament", "eu-parliament"),
    ],
)
def test_lookup_by_id_code_name_and_alias(name: str, expected: str) -> None:
    assert recognition.lookup(name).id == expected


def test_get_returns_default_on_a_miss() -> None:
    assert recognition.get("Atlantis") is None
    fallback = recognition.lookup("VE")
    assert bundled_registry().get("Atlantis", fallback) is fallback


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(UnknownEntityError) as info:
        recognition.lookup("Venezuala")
    assert info.value.suggestions[0] == "VE"
    assert "did you mean VE" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_search_ranks_best_first() -> None:
    assert recognition.search("Guinea")[0].id == "GN"
    assert recognition.search("") == []


def test_kinds_and_seats() -> None:
    registry = bundled_registry()
    assert registry.lookup("VE/maduro").kind is EntityKind.GOVERNMENT
    assert registry.lookup("oas").kind is EntityKind.ORGANISATION
    assert registry.lookup("XK").kind is EntityKind.STATE
    assert not registry.lookup("XK").iso
    assert registry.lookup("VE").iso
    assert {c.id for c in registry.claimants("CN")} == {"CN/prc", "CN/roc"}
    assert registry.is_seat("VE")
    assert not registry.is_seat("XK")


def test_lifetimes_catch_anachronisms() -> None:
    south_sudan = recognition.lookup("SS")
    assert not south_sudan.existed_on(dt.date(2011, 7, 8))
    assert south_sudan.existed_on(dt.date(2011, 7, 9))
    ussr = recognition.lookup("SUHH")
    assert ussr.existed_on(dt.date(1991, 12, 26))
    assert not ussr.existed_on(dt.date(1991, 12, 27))
    assert recognition.lookup("VE/guaido").existed_on(dt.date(2019, 2, 5))
    assert not recognition.lookup("VE/guaido").existed_on(dt.date(2023, 6, 1))


def test_every_state_date_row_is_sourced_and_known() -> None:
    text = resources.files("recognition").joinpath("reference", "states.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) > 50
    registry = bundled_registry()
    for row in rows:
        assert row["id"] in registry, row["id"]
        assert row["source_url"].startswith("http"), row["id"]
        assert row["source_quote"].strip(), row["id"]
        assert row["start"] or row["end"], row["id"]


def test_registry_rejects_duplicate_ids_and_dangling_aliases() -> None:
    entity = recognition.lookup("VE")
    with pytest.raises(ValueError, match="duplicate"):
        recognition.Registry([entity, entity])
    with pytest.raises(ValueError, match="unknown entity"):
        recognition.Registry([entity], [("ZZ", "Zed")])
