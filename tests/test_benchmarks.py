"""The benchmark harness on a tiny ledger: the ledger and every baseline agree.

No timing is asserted: this checks that the benchmarks compare like with
like (same questions, same answers) and that the harness runs.
"""

from __future__ import annotations

import copy
import importlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from recognition import Event, Kind, Ledger, Record, Source, plot, read_csv, read_jsonl
from recognition.plot.geometry import world_ids

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SIZE = 2_000


def _rng(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 - seeded questions, not secrets


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        # benchmarks/ is a folder of scripts, not a package: import by name from it.
        yield importlib.import_module("run")
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def synthetic(bench: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return bench.generate(SIZE, tmp_path_factory.mktemp("synthetic"))


@pytest.fixture(scope="module")
def baselines(bench: ModuleType, synthetic: Any) -> Iterator[Any]:
    b = bench.Baselines.build(bench.read_events(synthetic))
    yield b
    b.close()


@pytest.mark.usefixtures("bench")
def test_generator_is_seeded_and_realistic() -> None:
    generate = importlib.import_module("generate")  # on the path while `bench` is
    records = generate.records(SIZE)
    assert records == generate.records(SIZE)
    events = [r.event for r in records if r.event is not None]
    assert len(events) == SIZE
    assert not any(r.supersedes or r.contradicts for r in records)
    assert not any(e.dual for e in events)
    claimants = {e.subject for e in events if "/" in e.subject}
    assert any(s.endswith("/b") for s in claimants)
    assert {e.kind for e in events} == {
        Kind.RECOGNISE,
        Kind.WITHDRAW_RECOGNITION,
        Kind.SUPPORT,
        Kind.NEUTRAL,
    }
    precisions = {str(e.date).count("-") for e in events}
    assert precisions == {0, 1, 2}
    cited = [s for e in events for s in e.sources]
    assert len(set(cited)) < len(cited) / 2  # sources are shared
    assert max(len(e.sources) for e in events) == 3


def test_files_round_trip(bench: ModuleType, synthetic: Any) -> None:
    registry = bench.registry(SIZE)
    from_csv = read_csv(synthetic.csv, registry=registry)
    assert from_csv == read_jsonl(synthetic.jsonl, registry=registry)
    events = bench.read_events(synthetic)
    sample = bench.who_queries(bench.query_frame(events), 40, _rng(1))
    assert bench.check_loaded(from_csv, events, sample) == 40


def test_every_baseline_agrees_with_the_ledger(
    bench: ModuleType, synthetic: Any, baselines: Any
) -> None:
    ledger = read_csv(synthetic.csv, registry=bench.registry(SIZE))
    frame = baselines.frame
    rng = _rng(2)
    who = bench.who_queries(frame, 150, rng)
    assert bench.check_who(ledger, baselines, who) == 150
    assert any(bench.ours_who(ledger, q.subject, q.day) for q in who)
    assert any("/" in q.subject for q in who)
    status = bench.status_queries(frame, 400, rng)
    assert bench.check_status(ledger, baselines, status) == 400
    seen = {bench.ours_status(ledger, q.actor, q.subject, q.day) for q in status}
    assert {"recognised", "withdrawn", "not_recognised", "neutral"} <= seen
    subject = bench.series_subject(frame)
    days = bench.SERIES_DAYS[::9]
    assert bench.check_series(ledger, baselines, subject, days) == len(days)
    claimant = next(q.subject for q in who if "/" in q.subject)
    assert bench.check_series(ledger, baselines, claimant, days) == len(days)


def test_a_disagreement_is_caught(bench: ModuleType, synthetic: Any, baselines: Any) -> None:
    ledger = read_csv(synthetic.csv, registry=bench.registry(SIZE))
    way = baselines.pandas_way
    query = next(
        q
        for q in bench.who_queries(baselines.frame, 200, _rng(3))
        if bench.ours_who(ledger, q.subject, q.day)
    )
    original = way.frame
    way.frame = original[original["actor"] != next(iter(way.who(query.subject, query.ordinal)))]
    try:
        with pytest.raises(bench.MismatchError, match="the pandas way says"):
            bench.check_who(ledger, baselines, [query])
    finally:
        way.frame = original


def test_the_summary_has_every_scenario(bench: ModuleType, synthetic: Any, tmp_path: Path) -> None:
    budget = bench.Budget(1, 5, 10, 3, 0.05, 1, 1, 6)
    rows = bench.bench_size(
        synthetic, budget, bench.machine(), bench.SERIES_DAYS[::20], bench.MAP_DAYS[:2]
    )
    scenarios = [r["scenario"] for r in rows]
    assert scenarios == [
        "load-csv",
        "load-jsonl",
        "memory",
        "who-recognises",
        "status",
        "daily-series",
        "map-animation",
    ]
    for row in rows:
        assert row["size"] == SIZE
        assert {"ours_s", "baseline_s", "ratio", "machine"} <= row.keys()
        assert row["machine"]["cores"] >= 1
    timed = {r["scenario"]: r for r in rows}
    assert timed["who-recognises"]["duckdb_s"] > 0
    assert timed["daily-series"]["merge_asof_s"] > 0
    assert timed["memory"]["ours_bytes_per_event"] > 0
    assert timed["memory"]["ours_rss_peak_bytes_per_event"] > 0
    out = tmp_path / "summary.json"
    out.write_text(json.dumps(rows), encoding="utf-8")
    assert "| who-recognises" in bench.table(json.loads(out.read_text(encoding="utf-8")))
    assert "| map-animation (vs px)" in bench.table(rows)
    assert timed["map-animation"]["checked"] > 0
    assert "(day, country) pairs checked" in bench.details(rows)


@pytest.fixture(scope="module")
def maps(bench: ModuleType) -> ModuleType:
    del bench  # only there to put benchmarks/ on the path
    return importlib.import_module("maps")


def test_the_map_animation_agrees_with_plotly_express(
    bench: ModuleType, maps: ModuleType, synthetic: Any
) -> None:
    registry = bench.registry(SIZE)
    ledger = read_csv(synthetic.csv, registry=registry)
    subject = bench.series_subject(bench.query_frame(bench.read_events(synthetic)))
    days = maps.MAP_DAYS[:4]
    row = maps.bench_map(ledger, registry, subject, days=days, chunk_days=2)
    countries = [shape for shape in world_ids() if shape in registry]
    assert row["checked"] == len(days) * len(countries)
    assert (row["frames"], row["baseline_chunks"], row["baseline_scale"]) == (4, 2, 1)
    assert row["plotlyjs_bytes"] > 1_000_000
    for side in ("ours", "baseline"):
        assert row[f"{side}_figure_bytes"] > 0
        assert row[f"{side}_bytes"] == row[f"{side}_figure_bytes"] + row["plotlyjs_bytes"]
    # px sends the whole map in every trace of every frame; ours once.
    assert row["baseline_figure_bytes"] > row["baseline_traces"] * row["ours_figure_bytes"] / 2
    assert row["bytes_ratio"] > 1
    sampled = maps.bench_map(ledger, registry, subject, days=days, chunk_days=2, px_chunks=1)
    assert sampled["baseline_days_built"] == 2
    assert sampled["checked"] == 2 * len(countries)
    assert sampled["baseline_scale"] > 1
    assert f"{subject}, 4 days from 2019-01-01" in maps.map_details(sampled)


def test_a_map_disagreement_is_caught(bench: ModuleType, maps: ModuleType, synthetic: Any) -> None:
    ledger = read_csv(synthetic.csv, registry=bench.registry(SIZE))
    subject = bench.series_subject(bench.query_frame(bench.read_events(synthetic)))
    figure = plot.choropleth_animation(
        ledger, subject, start="2019-01-01", end="2019-01-03", every="day"
    )
    ours = maps.ours_categories(figure)
    days = maps.MAP_DAYS[:3]
    assert sorted(ours) == [day.isoformat() for day in days]
    theirs = copy.deepcopy(ours)
    assert maps.compare(ours, theirs, days) == 3 * len(figure.data[0].locations)
    theirs["2019-01-02"]["FR"] = "something else"
    with pytest.raises(maps.MapMismatchError, match=r"2019-01-02, FR: ours shows .* px shows"):
        maps.compare(ours, theirs, days)
    del theirs["2019-01-02"]["FR"]
    with pytest.raises(maps.MapMismatchError, match="px shows None"):
        maps.compare(ours, theirs, days)


def _last_days_of_imprecise_dates(ledger: Any, subject: str) -> list[Any]:
    seat = subject.partition("/")[0]
    return sorted(
        {
            r.event.date.end
            for r in ledger
            if r.event.subject.partition("/")[0] == seat and not r.event.date.is_exact
        }
    )


def test_the_fast_path_agrees_with_who(bench: ModuleType, synthetic: Any) -> None:
    ledger = read_csv(synthetic.csv, registry=bench.registry(SIZE))
    subject = bench.series_subject(bench.query_frame(bench.read_events(synthetic)))
    days = _last_days_of_imprecise_dates(ledger, subject)
    assert days
    queries = [bench.Query(subject, day) for day in days]
    assert bench.check_fast_who(ledger, queries) is None


def test_source_bytes_count_each_source_object_and_its_texts_once(bench: ModuleType) -> None:
    shared = Source("Reuters", "A title", "2019-01-22", "https://example.org/a", "a quote")
    other = Source("AP", "Another", None, "", "q")
    ledger = Ledger(
        [
            Record("a", Event("US", "VE/guaido", Kind.RECOGNISE, "2019-01-23", [shared])),
            Record("b", Event("CA", "VE/guaido", Kind.RECOGNISE, "2019-01-23", [shared, other])),
        ]
    )
    held: dict[int, object] = {}
    for source in (shared, other):
        parts = [source, source.outlet, source.title, source.url, source.quote]
        if source.date is not None:
            parts += [source.date, source.date.first, source.date.last]
        held.update((id(part), part) for part in parts)
    total, objects, distinct = bench.source_bytes(ledger)
    assert (objects, distinct) == (2, 2)
    assert total == sum(map(sys.getsizeof, held.values()))
