"""Facts from the bundled datasets, checked through the public API.

Each test names the rows (record ids) whose sources support it, so a
failure points at the evidence.
"""

from __future__ import annotations

import functools

import pytest

import recognition
from recognition import Ledger, UnknownDatasetError, validate


@functools.cache
def dataset(name: str) -> Ledger:
    return recognition.load(name)


def status(name: str, actor: str, subject: str, on: str) -> tuple[str, bool]:
    answer = dataset(name).status(actor, subject, on=on)
    return answer.status, answer.certain


def who(name: str, subject: str, on: str) -> set[str]:
    return {s.actor for s in dataset(name).who(subject, on=on) if s.certain}


def records(name: str, actor: str, subject: str, on: str) -> set[str]:
    return {r.id for r in dataset(name).status(actor, subject, on=on).records}


# -- every dataset ------------------------------------------------------------


@pytest.mark.parametrize("name", [d.name for d in recognition.datasets()])
def test_loads_by_name_and_validates_clean(name: str) -> None:
    ledger = dataset(name)
    assert len(ledger.current()) > 100
    assert [str(f) for f in validate(ledger, today="2026-11-24")] == []


@pytest.mark.parametrize("name", [d.name for d in recognition.datasets()])
def test_every_event_cites_a_complete_source(name: str) -> None:
    for record in dataset(name).current():
        assert record.event is not None
        assert record.event.sources, record.id
        for source in record.event.sources:
            assert source.outlet.strip(), record.id
            assert source.title.strip(), record.id
            assert source.quote.strip(), record.id
            assert len(source.quote.split()) <= 60, record.id


def test_unknown_dataset_suggests() -> None:
    with pytest.raises(UnknownDatasetError, match="venezuela"):
        recognition.load("venezuella")


def test_load_returns_a_fresh_ledger() -> None:
    first, second = recognition.load("kosovo"), recognition.load("kosovo")
    assert first == second
    assert first is not second


# -- venezuela ----------------------------------------------------------------


def test_venezuela_recognisers_of_guaido_on_5_february_2019() -> None:
    found = who("venezuela", "VE/guaido", "2019-02-05")
    assert {"US", "CA", "BR", "CO", "AR", "ES", "GB", "FR", "DE"} <= found  # ve-0028..0068
    assert not {"IT", "MX"} & found  # ve-0062, ve-0044/0053


def test_venezuela_united_states_first() -> None:
    recognitions = [
        r.event
        for r in dataset("venezuela").current()
        if r.event and r.event.kind == "recognise" and r.event.subject == "VE/guaido"
    ]
    us = next(e for e in recognitions if e.actor == "US")
    assert str(us.date) == "2019-01-23"  # ve-0028
    assert all(e.date.last >= us.date.last for e in recognitions)
    assert "ve-0028" in records("venezuela", "US", "VE", "2019-01-23")


def test_venezuela_mexico_sources_disagree() -> None:
    answer = dataset("venezuela").status("MX", "VE", on="2019-02-05")
    assert not answer.certain
    assert {answer.status, *(r.status for r in answer.alternatives)} == {"neutral", "VE/maduro"}
    assert {r.id for alt in answer.alternatives for r in alt.records} == {"ve-0044"}


def test_venezuela_italy_neutral() -> None:
    assert status("venezuela", "IT", "VE", "2019-02-05") == ("neutral", True)  # ve-0062


def test_venezuela_severance_and_expulsion() -> None:
    answer = dataset("venezuela").relations("VE", "US", on="2019-03-01")
    assert answer.status == "severed"  # ve-0042
    assert "ve-0043" in {r.id for r in answer.signals}


def test_venezuela_maduro_backers() -> None:
    backers = {s.actor for s in dataset("venezuela").who("VE/maduro", on="2019-01-25")}
    assert {"RU", "CN", "TR", "IR", "SY", "CU", "BO"} <= backers  # ve-0045..0052


def test_venezuela_japan_joins_later() -> None:
    assert "JP" not in who("venezuela", "VE/guaido", "2019-02-18")
    assert "JP" in who("venezuela", "VE/guaido", "2019-02-20")  # ve-0084


def test_venezuela_organisations() -> None:
    assert status("venezuela", "eu-parliament", "VE", "2019-02-01")[0] == "VE/guaido"  # ve-0060
    assert status("venezuela", "lima-group", "VE/maduro", "2019-01-05")[0] == "withdrawn"  # ve-0024
    guaido = dataset("venezuela").who("VE/guaido", on="2019-02-05")
    kinds = {s.actor: s.actor_kind for s in guaido}
    assert kinds["eu-parliament"] == "organisation"
    assert kinds["US"] == "state"


def test_venezuela_bolivia_reversals() -> None:
    assert status("venezuela", "BO", "VE", "2019-02-05")[0] == "VE/maduro"  # ve-0045
    assert status("venezuela", "BO", "VE", "2019-12-01")[0] == "VE/guaido"  # ve-0101
    assert status("venezuela", "BO", "VE", "2020-12-01")[0] == "VE/maduro"  # ve-0109


def test_venezuela_argentina_withdraws() -> None:
    assert status("venezuela", "AR", "VE", "2020-02-01")[0] == "withdrawn"  # ve-0105


def test_venezuela_colombia_relations_severed_then_restored() -> None:
    assert (
        dataset("venezuela").relations("CO", "VE", on="2020-01-01").status == "severed"
    )  # ve-0085
    assert dataset("venezuela").relations("CO", "VE", on="2022-09-01").status == "established"


def test_venezuela_eu_shift_of_january_2021() -> None:
    found = who("venezuela", "VE/guaido", "2021-02-01")
    assert {"US", "GB"} <= found
    assert not {"ES", "FR", "DE"} & found  # ve-0113..0115


def test_venezuela_end_of_the_interim_government() -> None:
    assert status("venezuela", "US", "VE", "2023-02-01")[0] == "withdrawn"  # ve-0144
    assert who("venezuela", "VE/guaido", "2023-06-01") == set()


def test_venezuela_gonzalez_after_the_2024_election() -> None:
    found = {s.actor for s in dataset("venezuela").who("VE/gonzalez", on="2024-08-03")}
    assert {"AR", "UY", "EC", "CR", "PA"} <= found  # ve-0178..0182
    assert status("venezuela", "US", "VE", "2024-08-03")[0] == "VE/gonzalez"  # support, ve-0174
    dates = [c for c in dataset("venezuela").conflicts() if c.actor == "US" and c.kind == "date"]
    assert {r.id for c in dates for r in c.records} >= {"ve-0189", "ve-0190"}


def test_venezuela_neutral_on_the_2024_result() -> None:
    for actor in ("BR", "CO", "MX"):  # ve-0175..0177
        assert status("venezuela", actor, "VE", "2024-08-02") == ("neutral", True)


def test_venezuela_expulsions_of_july_2024() -> None:
    for partner in ("AR", "CL", "CR", "PE", "PA", "DO", "UY"):
        signals = dataset("venezuela").relations("VE", partner, on="2024-08-01").signals
        assert any(r.event is not None and r.event.kind == "expel_diplomats" for r in signals), (
            partner
        )


# -- china --------------------------------------------------------------------

ROC_2024 = {"BZ", "GT", "HT", "KN", "LC", "MH", "PW", "PY", "SZ", "TV", "VA", "VC"}
ROC_2019 = ROC_2024 | {"HN", "KI", "NI", "NR", "SB"}


def test_china_roc_recognisers_on_1_june_2024() -> None:
    answers = dataset("china").who("CN/roc", on="2024-06-01")
    assert {s.actor for s in answers} == ROC_2024
    assert all(s.certain for s in answers)


def test_china_roc_recognisers_on_15_september_2019() -> None:
    answers = dataset("china").who("CN/roc", on="2019-09-15")
    assert {s.actor for s in answers} == ROC_2019
    assert all(s.certain for s in answers)


def test_china_switches() -> None:
    assert status("china", "SB", "CN", "2019-09-17")[0] == "CN/prc"  # cn-0163
    assert "KI" in who("china", "CN/roc", "2019-09-19")
    assert status("china", "PA", "CN", "2017-06-14")[0] == "CN/prc"  # cn-0157/0158
    assert status("china", "NR", "CN", "2010-01-01")[0] == "CN/roc"  # cn-0143
    assert status("china", "NR", "CN", "2024-02-01")[0] == "CN/prc"  # cn-0171/0172


def test_china_back_and_forth() -> None:
    assert status("china", "NI", "CN", "1988-01-01")[0] == "CN/prc"  # cn-0091
    assert status("china", "NI", "CN", "2000-01-01")[0] == "CN/roc"  # cn-0096
    assert status("china", "NI", "CN", "2022-01-01")[0] == "CN/prc"  # cn-0168
    assert status("china", "LC", "CN", "2000-01-01")[0] == "CN/prc"  # cn-0114
    assert status("china", "LC", "CN", "2008-01-01")[0] == "CN/roc"  # cn-0147
    for year, expected in (
        ("1970", "CN/roc"),
        ("1980", "CN/prc"),
        ("1995", "CN/roc"),
        ("1999", "CN/prc"),
    ):
        assert status("china", "CF", "CN", f"{year}-12-31")[0] == expected


def test_china_withdrawals_without_a_switch() -> None:
    assert status("china", "GM", "CN", "2014-06-01")[0] == "withdrawn"  # cn-0153
    assert status("china", "GM", "CN", "2016-03-18")[0] == "CN/prc"  # cn-0154


def test_china_un_general_assembly_resolution_2758() -> None:
    assert status("china", "un-ga", "CN", "1971-10-25")[0] == "CN/prc"  # cn-0050
    assert status("china", "un-ga", "CN", "1971-10-24")[0] == "no_statement"


def test_china_major_recognitions() -> None:
    for actor, day in (
        ("US", "1979-01-02"),
        ("GB", "1950-01-07"),
        ("FR", "1964-01-28"),
        ("KR", "1992-08-25"),
        ("SA", "1990-07-23"),
    ):
        assert status("china", actor, "CN", day)[0] == "CN/prc", actor


def test_china_vanuatu_2004() -> None:
    answer = dataset("china").status("VU", "CN", on="2004-11-05")
    assert answer.status == "CN/roc"  # cn-0138, marked dual: its PRC record is a known gap
    assert answer.records[-1].event is not None
    assert answer.records[-1].event.dual
    assert "VU" not in {s.actor for s in dataset("china").who("CN/roc", on="2004-11-20")}


def test_china_japan_dates_disagree() -> None:
    conflicts = [c for c in dataset("china").conflicts() if c.actor == "JP"]
    assert [(c.kind, {r.id for r in c.records}) for c in conflicts] == [
        ("date", {"cn-0060", "cn-0061"})
    ]


# -- kosovo -------------------------------------------------------------------


def test_kosovo_first_wave() -> None:
    found = who("kosovo", "XK", "2008-02-19")
    assert {"FR", "GB", "TR", "AL", "AF", "AU", "SN"} <= found  # xk-0003..0014
    assert "DE" not in found
    assert status("kosovo", "DE", "XK", "2008-02-21")[0] == "recognised"  # xk-0017


def test_kosovo_us_dates_disagree() -> None:
    us = dataset("kosovo").status("US", "XK", on="2008-02-18")
    assert (us.status, us.certain) == ("recognised", False)  # xk-0004 vs xk-0012
    assert dataset("kosovo").status("US", "XK", on="2008-02-19").certain


def test_kosovo_eu_non_recognisers() -> None:
    for actor in ("ES", "SK", "CY", "RO", "GR", "RS"):
        assert status("kosovo", actor, "XK", "2021-01-01") == ("not_recognised", True)


def test_kosovo_withdrawals_are_recorded_and_disputed() -> None:
    answer = dataset("kosovo").status("SR", "XK", on="2018-01-01")
    assert answer.status == "withdrawn"  # xk-0125
    assert answer.records[0].event is not None
    assert answer.records[0].event.disputed


def test_kosovo_liberia_withdraws_then_reaffirms() -> None:
    assert status("kosovo", "LR", "XK", "2018-06-21")[0] == "withdrawn"  # xk-0132
    assert status("kosovo", "LR", "XK", "2018-06-23")[0] == "recognised"  # xk-0133


def test_kosovo_freezes() -> None:
    for actor, day, row in (("PW", "2019-02-01", "xk-0141"), ("GD", "2019-01-01", "xk-0137")):
        answer = dataset("kosovo").status(actor, "XK", on=day)
        assert answer.status == "withdrawn"
        assert answer.records[-1].event is not None
        assert answer.records[-1].event.mode == "freeze"
        assert row in {r.id for r in answer.records}


def test_kosovo_later_recognitions() -> None:
    assert status("kosovo", "IL", "XK", "2020-09-03")[0] == "not_recognised"
    assert status("kosovo", "IL", "XK", "2020-09-05")[0] == "recognised"  # xk-0147
    assert status("kosovo", "KE", "XK", "2025-03-25")[0] == "not_recognised"
    assert status("kosovo", "KE", "XK", "2025-03-27")[0] == "recognised"  # xk-0160


def test_kosovo_year_only_dates_are_uncertain_inside_the_year() -> None:
    assert status("kosovo", "BZ", "XK", "2008-06-01")[1] is False  # xk-0064
    assert status("kosovo", "BZ", "XK", "2009-01-01") == ("recognised", True)


def test_kosovo_maldives_withdrawal_then_recognised() -> None:
    assert status("kosovo", "MV", "XK", "2023-03-01")[0] == "withdrawn"  # xk-0158
    assert status("kosovo", "MV", "XK", "2023-06-01")[0] == "recognised"  # xk-0159


def test_kosovo_relations_signals() -> None:
    signals = dataset("kosovo").relations("RS", "US", on="2008-03-01").signals
    assert "xk-0011" in {r.id for r in signals}


# -- palestine ----------------------------------------------------------------


def test_palestine_2025_wave() -> None:
    assert status("palestine", "GB", "PS", "2025-09-20")[0] == "not_recognised"
    assert status("palestine", "GB", "PS", "2025-09-21") == ("recognised", True)  # ps-0171
    assert status("palestine", "FR", "PS", "2025-09-21")[0] == "not_recognised"
    assert status("palestine", "FR", "PS", "2025-09-22") == ("recognised", True)  # ps-0175
    assert "US" not in {s.actor for s in dataset("palestine").who("PS", on="2025-12-01")}


def test_palestine_2024_wave() -> None:
    assert {"ES", "IE", "NO"} <= who("palestine", "PS", "2024-05-28")  # ps-0165..0167
    assert status("palestine", "ES", "PS", "2024-05-27")[0] == "not_recognised"
    assert status("palestine", "SI", "PS", "2024-06-04")[0] == "recognised"  # ps-0168
    assert status("palestine", "AM", "PS", "2024-06-21")[0] == "recognised"  # ps-0169


def test_palestine_1988() -> None:
    assert status("palestine", "DZ", "PS", "1988-11-15") == ("recognised", True)  # ps-0043
    assert status("palestine", "CN", "PS", "1988-11-19")[0] == "not_recognised"
    assert status("palestine", "CN", "PS", "1988-11-20")[0] == "recognised"  # ps-0079


def test_palestine_soviet_dates_disagree() -> None:
    answer = dataset("palestine").status("SUHH", "PS", on="1988-11-18")
    assert (answer.status, answer.certain) == ("recognised", False)  # ps-0074 vs ps-0076
    assert dataset("palestine").status("SUHH", "PS", on="1988-11-20").certain


def test_palestine_sweden_and_observer_status() -> None:
    assert status("palestine", "SE", "PS", "2014-10-30")[0] == "recognised"  # ps-0152
    assert status("palestine", "un-ga", "PS", "2012-11-30")[0] == "recognised"  # ps-0146/0147


def test_palestine_year_precision_is_uncertain() -> None:
    assert status("palestine", "HU", "PS", "1988-06-01") == ("not_recognised", False)  # ps-0020
    assert status("palestine", "HU", "PS", "1989-01-01") == ("recognised", True)


def test_palestine_disputed_recognitions() -> None:
    answer = dataset("palestine").status("AD", "PS", on="2025-09-22")
    assert answer.status == "recognised"  # ps-0180
    assert answer.records[0].event is not None
    assert answer.records[0].event.disputed


# -- western sahara -----------------------------------------------------------


def test_western_sahara_first_recognitions() -> None:
    assert {"MG", "BI"} <= who("western-sahara", "EH", "1976-03-02")  # eh-0001, eh-0002


def test_western_sahara_kenya() -> None:
    assert status("western-sahara", "KE", "EH", "2005-07-01")[0] == "recognised"  # eh-0118
    kenya = dataset("western-sahara").status("KE", "EH", on="2007-07-01")
    assert kenya.status == "withdrawn"  # eh-0128, a freeze
    assert kenya.records[-1].event is not None
    assert kenya.records[-1].event.mode == "freeze"
    assert status("western-sahara", "KE", "EH", "2022-09-17")[0] == "recognised"  # eh-0181


def test_western_sahara_suspensions() -> None:
    for actor, day in (
        ("PE", "2023-09-09"),
        ("BO", "2020-02-01"),
        ("EC", "2024-10-23"),
        ("PA", "2024-11-22"),
    ):
        answer = dataset("western-sahara").status(actor, "EH", on=day)
        assert answer.status == "withdrawn", actor
        assert answer.records[-1].event is not None
        assert answer.records[-1].event.mode == "suspend", actor


def test_western_sahara_bolivia_back_and_forth() -> None:
    assert status("western-sahara", "BO", "EH", "2021-10-01")[0] == "recognised"  # eh-0173
    assert status("western-sahara", "BO", "EH", "2026-03-01")[0] == "withdrawn"  # eh-0185


def test_western_sahara_organisations_and_dissolved_states() -> None:
    assert status("western-sahara", "oau", "EH", "1985-01-01")[0] == "recognised"  # eh-0056
    assert status("western-sahara", "YUCS", "EH", "1985-01-01")[0] == "recognised"  # eh-0070
    assert status("western-sahara", "CSXX", "EH", "2005-01-01")[0] == "withdrawn"  # eh-0115


def test_western_sahara_re_recognitions() -> None:
    assert status("western-sahara", "MU", "EH", "2016-01-01")[0] == "recognised"  # eh-0159
    assert status("western-sahara", "NI", "EH", "2001-01-01")[0] == "withdrawn"  # eh-0102
    assert status("western-sahara", "NI", "EH", "2008-01-01")[0] == "recognised"  # eh-0127


def test_western_sahara_india_dates_disagree() -> None:
    assert status("western-sahara", "IN", "EH", "2000-06-24")[1] is False  # eh-0100 vs eh-0101


def test_western_sahara_uruguay_decades_apart() -> None:
    answer = dataset("western-sahara").status("UY", "EH", on="1990-01-01")
    assert not answer.certain  # eh-0071 (1985) vs eh-0120 (2005)
    assert [r.id for alt in answer.alternatives for r in alt.records] == ["eh-0120"]


def test_western_sahara_united_states_has_no_rows() -> None:
    assert dataset("western-sahara").timeline("US") == ()
