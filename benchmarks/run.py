"""Benchmarks of the ledger against pandas and DuckDB.

``python benchmarks/run.py`` runs every scenario on synthetic ledgers of
10k, 100k and 1M events; ``--quick`` runs 10k and 100k with fewer
repeats. Each scenario first checks that the ledger and every baseline give
the same answers on a sample of questions, then times them. The results
are printed as a table and written to ``benchmarks/out/summary.json``; see
``docs/performance.md`` for what each scenario and baseline does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from baselines import (
    CarefulPandas,
    DuckDB,
    PandasWay,
    Query,
    merge_asof_series,
    ours_fast_series,
    ours_recognisers,
    ours_rich_status,
    ours_series,
    ours_status,
    ours_who,
    query_frame,
)
from generate import SEED, SIZES, Synthetic, claimants_of, generate, registry
from maps import MAP_DAYS, bench_map, map_details

from recognition import Ledger, read_csv, read_jsonl

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
QUICK_SIZES = (10_000, 100_000)
#: The five years of the daily series: 2015-01-01 to 2019-12-31, 1,826 days.
SERIES_DAYS = tuple(dt.date(2015, 1, 1) + dt.timedelta(days=i) for i in range(1826))
QUERY_FIRST = dt.date(1950, 1, 1).toordinal()
QUERY_LAST = dt.date(2025, 12, 31).toordinal()

Row = dict[str, Any]
T = TypeVar("T")


class MismatchError(AssertionError):
    """The ledger and a baseline disagree: nothing is timed."""

    def __init__(
        self,
        question: str,
        query: Query | None = None,
        ours: object = None,
        name: str = "",
        theirs: object = None,
    ) -> None:
        """Say which question, and what each side answered (or just ``question``)."""
        if query is None:
            super().__init__(question)
        else:
            super().__init__(
                f"{question} {query}: the ledger says {ours!r}, {name} says {theirs!r}"
            )


WHO = "who"
STATUS = "status"
SERIES = "series from"


@dataclass(frozen=True)
class Budget:
    """How long to spend on each measurement."""

    load_repeats: int
    who_calls: int
    status_calls: int
    slow_calls: int  # for the pandas way, which scans the whole frame each time
    seconds: float  # time limit per method and query scenario
    series_repeats: int
    fast_series_repeats: int  # merge_asof and DuckDB
    checks: int  # questions checked before timing
    map_px_chunks: int | None = None  # px map figures built (None: all, else scaled)

    @classmethod
    def of(cls, *, quick: bool) -> Budget:
        """The budget of a full or a quick run."""
        if quick:
            return cls(1, 300, 2000, 60, 2.0, 1, 3, 60, 2)
        return cls(2, 2000, 20000, 300, 20.0, 2, 5, 200)


# -- the machine ----------------------------------------------------------------


def machine() -> dict[str, Any]:
    """The CPU model, core count, Python and platform, and the versions involved."""
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    import recognition  # noqa: PLC0415 - only for its location

    sources = Path(recognition.__file__).parent.glob("*.py")
    changed = max(path.stat().st_mtime for path in sources)
    return {
        "library_modified": dt.datetime.fromtimestamp(changed, dt.UTC).isoformat(
            timespec="seconds"
        ),
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "recognition": version("recognition"),
        "pandas": pd.__version__,
        "duckdb": version("duckdb"),
        "numpy": version("numpy"),
    }


# -- questions ------------------------------------------------------------------


def who_queries(frame: pd.DataFrame, count: int, rng: random.Random) -> list[Query]:
    """``count`` who-questions: subjects as often as they are discussed, random days.

    A seat's question is about one of its claimants.
    """
    subjects = frame["target"].to_numpy()
    found = []
    for _ in range(count):
        subject = str(subjects[rng.randrange(len(subjects))])
        claimants = claimants_of(subject)
        if claimants:
            subject = rng.choice(claimants)
        found.append(Query(subject, dt.date.fromordinal(rng.randint(QUERY_FIRST, QUERY_LAST))))
    return found


def status_queries(frame: pd.DataFrame, count: int, rng: random.Random) -> list[Query]:
    """``count`` status questions: mostly pairs with events, some random ones."""
    actors = frame["actor"].to_numpy()
    targets = frame["target"].to_numpy()
    found = []
    for _ in range(count):
        row = rng.randrange(len(actors))
        actor = str(actors[row] if rng.random() < 0.9 else actors[rng.randrange(len(actors))])
        day = dt.date.fromordinal(rng.randint(QUERY_FIRST, QUERY_LAST))
        found.append(Query(str(targets[row]), day, actor))
    return found


def series_subject(frame: pd.DataFrame) -> str:
    """The most discussed subject (a seat's first claimant, for a seat)."""
    target = str(frame["target"].value_counts().index[0])
    claimants = claimants_of(target)
    return claimants[0] if claimants else target


# -- baselines and checks --------------------------------------------------------


@dataclass
class Baselines:
    """Every baseline, built from the events file as pandas reads it."""

    frame: pd.DataFrame
    pandas_way: PandasWay
    careful: CarefulPandas
    duckdb: DuckDB
    setup_s: dict[str, float] = field(default_factory=dict)

    @classmethod
    def build(cls, events: pd.DataFrame) -> Baselines:
        """Derive the query frame and build each baseline, timing the set-up."""
        setup = {}
        start = time.perf_counter()
        frame = query_frame(events)
        setup["frame"] = time.perf_counter() - start
        start = time.perf_counter()
        careful = CarefulPandas(frame)
        setup["careful_pandas"] = time.perf_counter() - start
        start = time.perf_counter()
        duck = DuckDB(frame)
        setup["duckdb"] = time.perf_counter() - start
        return cls(frame, PandasWay(frame), careful, duck, setup)

    def close(self) -> None:
        """Close the DuckDB connection."""
        self.duckdb.close()


def read_events(synthetic: Synthetic) -> pd.DataFrame:
    """The events file as pandas reads it (``NA``, Namibia, is not a missing value)."""
    return pd.read_csv(synthetic.csv, keep_default_na=False)


def read_sources(synthetic: Synthetic) -> pd.DataFrame:
    """The companion file of further sources, as pandas reads it."""
    return pd.read_csv(synthetic.sources_csv, keep_default_na=False)


def check_who(ledger: Ledger, b: Baselines, queries: Iterable[Query]) -> int:
    """Check that the ledger and every baseline agree on who recognises; return the count."""
    count = 0
    for q in queries:
        ours = ours_who(ledger, q.subject, q.day)
        for name, theirs in (
            ("the pandas way", b.pandas_way.who(q.subject, q.ordinal)),
            ("careful pandas", b.careful.who(q.subject, q.ordinal)),
            ("DuckDB", b.duckdb.who(q.subject, q.ordinal)),
        ):
            if theirs != ours:
                raise MismatchError(WHO, q, sorted(ours), name, sorted(theirs))
        count += 1
    return count


def check_fast_who(ledger: Ledger, queries: Iterable[Query]) -> str | None:
    """Why :meth:`Ledger.recognisers` disagrees with ``who``, or ``None`` when it agrees."""
    for q in queries:
        ours, fast = ours_who(ledger, q.subject, q.day), ours_recognisers(ledger, q.subject, q.day)
        if fast != ours:
            return str(MismatchError(WHO, q, sorted(ours), "Ledger.recognisers", sorted(fast)))
    return None


def check_status(ledger: Ledger, b: Baselines, queries: Iterable[Query]) -> int:
    """Check that the ledger and every baseline agree on statuses; return the count."""
    count = 0
    for q in queries:
        ours = ours_status(ledger, q.actor, q.subject, q.day)
        rich = ours_rich_status(ledger, q.actor, q.subject, q.day)
        if rich != ours:
            raise MismatchError(STATUS, q, ours, "Ledger.status", rich)
        for name, theirs in (
            ("the pandas way", b.pandas_way.status(q.actor, q.subject, q.ordinal)),
            ("careful pandas", b.careful.status(q.actor, q.subject, q.ordinal)),
            ("DuckDB", b.duckdb.status(q.actor, q.subject, q.ordinal)),
        ):
            if theirs != ours:
                raise MismatchError(STATUS, q, ours, name, theirs)
        count += 1
    return count


def check_series(ledger: Ledger, b: Baselines, subject: str, days: Sequence[dt.date]) -> int:
    """Check that the ledger and every baseline give the same daily series; return its length."""
    ordinals = [d.toordinal() for d in days]
    ours = ours_series(ledger, subject, days)
    for name, theirs in (
        ("the pandas way", b.pandas_way.series(subject, ordinals)),
        ("careful pandas", b.careful.series(subject, ordinals)),
        ("merge_asof", merge_asof_series(b.careful, subject, ordinals)),
        ("DuckDB", b.duckdb.series(subject, ordinals)),
    ):
        if theirs != ours:
            raise _series_mismatch(subject, days, ours, name, theirs)
    return len(days)


def check_loaded(ledger: Ledger, events: pd.DataFrame, queries: Sequence[Query]) -> int:
    """Check that a loaded ledger and the frame pandas read answer alike."""
    if len(ledger) != len(events):
        msg = f"the ledger holds {len(ledger)} records, pandas read {len(events)} rows"
        raise MismatchError(msg)
    way = PandasWay(query_frame(events))
    for q in queries:
        ours, theirs = ours_who(ledger, q.subject, q.day), way.who(q.subject, q.ordinal)
        if ours != theirs:
            raise MismatchError(WHO, q, sorted(ours), "pandas.read_csv", sorted(theirs))
    return len(queries)


# -- timing ---------------------------------------------------------------------


def per_call(
    call: Callable[[Query], object], queries: Sequence[Query], budget: float, limit: int
) -> list[float]:
    """Time ``call`` on each query, in seconds, until ``limit`` calls or ``budget`` seconds."""
    for q in queries[:3]:  # warm up
        call(q)
    durations: list[float] = []
    clock = time.perf_counter
    spent = 0.0
    for q in queries[:limit]:
        start = clock()
        call(q)
        took = clock() - start
        durations.append(took)
        spent += took
        if spent > budget and len(durations) >= 20:
            break
    return durations


def repeated(call: Callable[[], object], repeats: int) -> float:
    """The median of ``repeats`` timed calls, in seconds."""
    return timed(call, repeats)[0]


def timed(call: Callable[[], T], repeats: int) -> tuple[float, T]:
    """The median of ``repeats`` timed calls, in seconds, and the last call's result."""
    times = []
    results: list[T] = []
    for _ in range(repeats):
        results.clear()
        gc.collect()
        start = time.perf_counter()
        results.append(call())
        times.append(time.perf_counter() - start)
    return statistics.median(times), results[-1]


def p99(durations: Sequence[float]) -> float:
    """The 99th percentile (the largest value under 100 samples)."""
    ordered = sorted(durations)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def _ratio(baseline: float | None, ours: float | None) -> float | None:
    if baseline is None or ours is None or ours <= 0:
        return None
    return baseline / ours


def _row(scenario: str, size: int, ours: float | None, times: dict[str, float]) -> Row:
    row: Row = {"scenario": scenario, "size": size, "ours_s": ours}
    row["baseline_s"] = times.pop("baseline")
    row["ratio"] = _ratio(row["baseline_s"], ours)
    for name, value in times.items():
        row[f"{name}_s"] = value
        row[f"{name}_ratio"] = _ratio(value, ours)
    return row


# -- scenarios ------------------------------------------------------------------


def bench_load(
    synthetic: Synthetic, budget: Budget, events: pd.DataFrame, sample: Sequence[Query]
) -> tuple[list[Row], pd.DataFrame, Ledger]:
    """``load-csv`` and ``load-jsonl``; returns the rows, pandas' sources frame and the ledger.

    A load ends when the ledger can answer: it indexes its records on the
    first question, so the time includes one question.
    """
    reg = registry(synthetic.size)
    sources = read_sources(synthetic)

    def pandas_load() -> None:
        read_events(synthetic)
        read_sources(synthetic)

    baseline = repeated(pandas_load, budget.load_repeats + 1)
    events_only = repeated(lambda: read_events(synthetic), budget.load_repeats + 1)
    csv_s, ledger = _timed_load(lambda: read_csv(synthetic.csv, registry=reg), budget)
    checked = check_loaded(ledger, events, sample)
    csv_row = _row("load-csv", synthetic.size, csv_s, {"baseline": baseline})
    csv_row.update(checked=checked, pandas_events_only_s=events_only)
    jsonl_s, from_jsonl = _timed_load(lambda: read_jsonl(synthetic.jsonl, registry=reg), budget)
    if from_jsonl != ledger:
        msg = "the ledgers read from CSV and from JSON Lines differ"
        raise MismatchError(msg)
    del from_jsonl
    jsonl_row = _row("load-jsonl", synthetic.size, jsonl_s, {"baseline": baseline})
    jsonl_row.update(checked=checked, pandas_events_only_s=events_only)
    return [csv_row, jsonl_row], sources, ledger


def _timed_load(load: Callable[[], Ledger], budget: Budget) -> tuple[float, Ledger]:
    """The median time of ``load`` plus a first question, and the last ledger loaded."""
    times = []
    ledger: Ledger | None = None
    for _ in range(budget.load_repeats):
        ledger = None  # the previous ledger is freed before the next load
        gc.collect()
        start = time.perf_counter()
        ledger = load()
        _build_index(ledger)
        times.append(time.perf_counter() - start)
    assert ledger is not None
    return statistics.median(times), ledger


def _child(kind: str, synthetic: Synthetic, extra: Sequence[str] = ()) -> dict[str, Any]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        kind,
        "--sizes",
        str(synthetic.size),
        "--data",
        str(synthetic.csv.parent),
        "--seed",
        str(synthetic.seed),
        *extra,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        msg = f"child {kind} failed:\n{done.stderr}"
        raise RuntimeError(msg)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def bench_memory(
    synthetic: Synthetic,
    events: pd.DataFrame,
    sources: pd.DataFrame,
    sample: Sequence[Query],
) -> Row:
    """Bytes per event of a loaded ledger (tracemalloc; peak RSS in a subprocess)."""
    size = synthetic.size
    way = PandasWay(query_frame(events))
    with tempfile.TemporaryDirectory() as folder:
        questions = Path(folder) / "questions.json"
        questions.write_text(
            json.dumps([[q.subject, q.day.isoformat()] for q in sample]), encoding="utf-8"
        )
        traced = _child("memory-trace", synthetic, ["--questions", str(questions)])
    for q, answer in zip(sample, traced.pop("answers"), strict=True):
        theirs = sorted(way.who(q.subject, q.ordinal))
        if answer != theirs:
            raise MismatchError(WHO, q, answer, "pandas.read_csv", theirs)
    rss = _child("memory-rss", synthetic)
    pandas_rss = _child("memory-rss-pandas", synthetic)
    frame_bytes = int(events.memory_usage(deep=True).sum())
    sources_bytes = int(sources.memory_usage(deep=True).sum())
    ours = traced["traced_bytes"] / size
    baseline = (frame_bytes + sources_bytes) / size
    return {
        "scenario": "memory",
        "size": size,
        "ours_s": None,
        "baseline_s": None,
        "ratio": baseline / ours,
        "unit": "bytes per event",
        "checked": len(sample),
        "ours_bytes_per_event": ours,
        "ours_core_bytes_per_event": (traced["traced_bytes"] - traced["source_bytes"]) / size,
        "ours_source_bytes_per_event": traced["source_bytes"] / size,
        "ours_distinct_sources": traced["distinct_sources"],
        "ours_source_objects": traced["source_objects"],
        "ours_rss_peak_bytes_per_event": rss["peak_bytes"] / size,
        "ours_rss_kept_bytes_per_event": rss["kept_bytes"] / size,
        "baseline_bytes_per_event": baseline,
        "baseline_events_frame_bytes_per_event": frame_bytes / size,
        "baseline_rss_peak_bytes_per_event": pandas_rss["peak_bytes"] / size,
    }


def _calls(durations: dict[str, list[float]]) -> dict[str, int]:
    return {name: len(values) for name, values in durations.items()}


def _query_row(scenario: str, size: int, durations: dict[str, list[float]]) -> Row:
    medians = {name: statistics.median(values) for name, values in durations.items()}
    ours = medians.pop("ours")
    row = _row(scenario, size, ours, medians)
    row["ours_p99_s"] = p99(durations["ours"])
    row["baseline_p99_s"] = p99(durations["baseline"])
    for name in ("careful_pandas", "duckdb"):
        row[f"{name}_p99_s"] = p99(durations[name])
    row["calls"] = _calls(durations)
    return row


def warm(ledger: Ledger, subjects: Iterable[str]) -> tuple[float, int]:
    """Build the ledger's per-subject timelines (on first use) for ``subjects``.

    Returns the seconds it took and the number of subjects.
    """
    distinct = sorted(set(subjects))
    day = dt.date(2000, 1, 1)
    start = time.perf_counter()
    for subject in distinct:
        ledger.recognisers(subject, on=day)
    return time.perf_counter() - start, len(distinct)


def bench_who(ledger: Ledger, b: Baselines, budget: Budget, rng: random.Random) -> Row:
    """Who recognises subject S on day D (the ledger's timelines built first)."""
    queries = who_queries(b.frame, budget.who_calls + 3, rng)
    warmed, subjects = warm(ledger, (q.subject for q in queries))
    checked = check_who(ledger, b, queries[: budget.checks])
    durations = {
        "ours": per_call(
            lambda q: ours_recognisers(ledger, q.subject, q.day),
            queries,
            budget.seconds,
            budget.who_calls,
        ),
        "baseline": per_call(
            lambda q: b.pandas_way.who(q.subject, q.ordinal),
            queries,
            budget.seconds,
            budget.slow_calls,
        ),
        "careful_pandas": per_call(
            lambda q: b.careful.who(q.subject, q.ordinal), queries, budget.seconds, budget.who_calls
        ),
        "duckdb": per_call(
            lambda q: b.duckdb.who(q.subject, q.ordinal), queries, budget.seconds, budget.who_calls
        ),
    }
    row = _query_row("who-recognises", len(ledger), durations)
    row["checked"] = checked
    row["ours_timelines_s"] = warmed
    row["ours_timelines_subjects"] = subjects
    what = "{s.actor for s in ledger.who(S, on=D) if s.holds(S)}, with records and sources"
    wrong = check_fast_who(ledger, queries[: budget.checks])
    if wrong is None:
        rich = per_call(
            lambda q: ours_who(ledger, q.subject, q.day), queries, budget.seconds, budget.who_calls
        )
        row["also"] = _also(row, rich, what)
    else:
        row["also"] = {"what": what, "mismatch": wrong}
    return row


def _also(row: Row, durations: Sequence[float], what: str) -> Row:
    """Another way to ask the ledger, with the baselines' times over it."""
    median = statistics.median(durations)
    fast: Row = {"what": what, "ours_s": median, "ours_p99_s": p99(durations)}
    fast["calls"] = len(durations)
    fast["ratio"] = _ratio(row["baseline_s"], median)
    for name in ("careful_pandas", "merge_asof", "duckdb"):
        if row.get(f"{name}_s") is not None:
            fast[f"{name}_ratio"] = _ratio(row[f"{name}_s"], median)
    return fast


def bench_status(ledger: Ledger, b: Baselines, budget: Budget, rng: random.Random) -> Row:
    """The status of actor A toward subject S on day D."""
    queries = status_queries(b.frame, budget.status_calls + 3, rng)
    checked = check_status(ledger, b, queries[: budget.checks * 3])
    limit = budget.status_calls
    durations = {
        "ours": per_call(
            lambda q: ours_status(ledger, q.actor, q.subject, q.day), queries, budget.seconds, limit
        ),
        "baseline": per_call(
            lambda q: b.pandas_way.status(q.actor, q.subject, q.ordinal),
            queries,
            budget.seconds,
            budget.slow_calls,
        ),
        "careful_pandas": per_call(
            lambda q: b.careful.status(q.actor, q.subject, q.ordinal),
            queries,
            budget.seconds,
            limit,
        ),
        "duckdb": per_call(
            lambda q: b.duckdb.status(q.actor, q.subject, q.ordinal),
            queries,
            budget.seconds,
            limit,
        ),
    }
    row = _query_row("status", len(ledger), durations)
    row["checked"] = checked
    rich = per_call(
        lambda q: ours_rich_status(ledger, q.actor, q.subject, q.day),
        queries,
        budget.seconds,
        limit,
    )
    row["also"] = _also(row, rich, "ledger.status(A, S, on=D).status, with records and sources")
    return row


def bench_series(
    ledger: Ledger, b: Baselines, budget: Budget, days: Sequence[dt.date] = SERIES_DAYS
) -> Row:
    """The number of recognisers of one subject on each of ``days`` (1,826 of them).

    Checked first on every 30th day; each full series timed is checked too.
    """
    subject = series_subject(b.frame)
    ordinals = [d.toordinal() for d in days]
    warmed, _ = warm(ledger, [subject])
    check_series(ledger, b, subject, days[::30])
    ours, expected = timed(lambda: ours_series(ledger, subject, days), budget.series_repeats)
    calls: dict[str, tuple[Callable[[], list[int]], int]] = {
        "baseline": (lambda: b.pandas_way.series(subject, ordinals), 1),
        "careful_pandas": (lambda: b.careful.series(subject, ordinals), 1),
        "merge_asof": (
            lambda: merge_asof_series(b.careful, subject, ordinals),
            budget.fast_series_repeats,
        ),
        "duckdb": (lambda: b.duckdb.series(subject, ordinals), budget.fast_series_repeats),
    }
    times = {}
    for name, (call, repeats) in calls.items():
        times[name], got = timed(call, repeats)
        if got != expected:
            raise _series_mismatch(subject, days, expected, name, got)
    row = _row("daily-series", len(ledger), ours, times)
    row.update(checked=len(days), subject=subject, days=len(days), ours_timeline_s=warmed)
    what = "len(Ledger.recognisers(S, on=day)) for each day"
    fast_s, fast = timed(lambda: ours_fast_series(ledger, subject, days), budget.series_repeats)
    if fast == expected:
        row["also"] = _also(row, [fast_s], what)
    else:
        wrong = _series_mismatch(subject, days, expected, "Ledger.recognisers", fast)
        row["also"] = {"what": what, "mismatch": str(wrong)}
    counts_s, counts = timed(lambda: ledger.counts(subject, days), budget.fast_series_repeats)
    row["ledger_counts_s"] = counts_s  # one sweep, but certain/uncertain, not best readings
    row["ledger_counts_brackets"] = all(
        c.certain <= n <= c.certain + c.uncertain for c, n in zip(counts, expected, strict=True)
    )
    return row


def _series_mismatch(
    subject: str, days: Sequence[dt.date], ours: list[int], name: str, theirs: list[int]
) -> MismatchError:
    wrong = next(i for i, (x, y) in enumerate(zip(ours, theirs, strict=True)) if x != y)
    return MismatchError(SERIES, Query(subject, days[wrong]), ours[wrong], name, theirs[wrong])


def bench_size(
    synthetic: Synthetic,
    budget: Budget,
    info: dict[str, Any],
    series_days: Sequence[dt.date] = SERIES_DAYS,
    map_days: Sequence[dt.date] = MAP_DAYS,
) -> list[Row]:
    """Every scenario on one ledger (``series_days`` and ``map_days``: shorter in tests)."""
    rng = random.Random(synthetic.seed + synthetic.size)
    log(f"{synthetic.size:,} events: loading")
    events = read_events(synthetic)
    sample = who_queries(query_frame(events), budget.checks // 2, rng)
    rows, sources, ledger = bench_load(synthetic, budget, events, sample)
    log(f"{synthetic.size:,} events: memory")
    rows.append(bench_memory(synthetic, events, sources, sample))
    del sources
    log(f"{synthetic.size:,} events: building the baselines")
    b = Baselines.build(events)
    del events
    try:
        log(f"{synthetic.size:,} events: who-recognises")
        rows.append(bench_who(ledger, b, budget, rng))
        log(f"{synthetic.size:,} events: status")
        rows.append(bench_status(ledger, b, budget, rng))
        log(f"{synthetic.size:,} events: daily-series")
        rows.append(bench_series(ledger, b, budget, series_days))
        log(f"{synthetic.size:,} events: map-animation (ours, then plotly express)")
        subject = series_subject(b.frame)
        rows.append(
            bench_map(
                ledger,
                ledger.registry,
                subject,
                days=map_days,
                repeats=budget.series_repeats,
                px_chunks=budget.map_px_chunks,
            )
        )
    finally:
        b.close()
    for row in rows:
        row["setup_s"] = b.setup_s
        row["machine"] = info
    return rows


# -- children (memory, measured in a fresh process) ---------------------------------


def _rss_now() -> int:
    statm = Path("/proc/self/statm")
    if not statm.exists():  # pragma: no cover - not Linux
        return 0
    return int(statm.read_text(encoding="utf-8").split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _peak_rss() -> int:
    # VmHWM, not ru_maxrss: a child's ru_maxrss starts at its parent's.
    status = Path("/proc/self/status")
    if not status.exists():  # pragma: no cover - not Linux
        return 0
    for line in status.read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0  # pragma: no cover


def child_rss(synthetic: Synthetic, *, pandas: bool) -> dict[str, Any]:
    """Peak and kept RSS growth while loading (the ledger, or pandas' two frames)."""
    reg = registry(synthetic.size)
    gc.collect()
    peak, now = _peak_rss(), _rss_now()
    kept: object
    if pandas:
        kept = (read_events(synthetic), read_sources(synthetic))
    else:
        kept = read_csv(synthetic.csv, registry=reg)
        _build_index(kept)
    gc.collect()
    result = {"peak_bytes": _peak_rss() - peak, "kept_bytes": _rss_now() - now}
    del kept
    return result


def _build_index(ledger: Ledger) -> None:
    """Ask one question: the ledger indexes its records on the first one."""
    first = next(iter(ledger))
    assert first.event is not None
    ledger.status(first.event.actor, first.event.subject, on=dt.date(2000, 1, 1))


def source_bytes(ledger: Ledger) -> tuple[int, int, int]:
    """Bytes of the Source objects and what only they hold; their count, distinct values.

    A date object that an event shares with a source counts as the event's.
    """
    events = [record.event for record in ledger if record.event is not None]
    seen: set[int] = {id(event.date) for event in events}
    sources: set[int] = set()
    total = 0
    distinct = set()
    for event in events:
        for source in event.sources:
            if id(source) in sources:
                continue
            sources.add(id(source))
            distinct.add(source)
            parts: list[object] = [source, source.outlet, source.title, source.url, source.quote]
            if source.date is not None:
                parts += [source.date, source.date.first, source.date.last]
            for part in parts:
                if id(part) not in seen:
                    seen.add(id(part))
                    total += sys.getsizeof(part)
    return total, len(sources), len(distinct)


def child_trace(synthetic: Synthetic, questions: Path) -> dict[str, Any]:
    """Traced bytes of a loaded ledger, the part its sources take, and sample answers."""
    reg = registry(synthetic.size)
    gc.collect()
    tracemalloc.start()
    ledger = read_csv(synthetic.csv, registry=reg)
    _build_index(ledger)
    gc.collect()
    traced, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    in_sources, objects, distinct = source_bytes(ledger)
    asked = json.loads(questions.read_text(encoding="utf-8"))
    answers = [sorted(ours_who(ledger, s, dt.date.fromisoformat(d))) for s, d in asked]
    return {
        "traced_bytes": traced,
        "source_bytes": in_sources,
        "source_objects": objects,
        "distinct_sources": distinct,
        "answers": answers,
    }


# -- output ---------------------------------------------------------------------


def log(message: str) -> None:
    """A progress line on standard error."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def _times(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3g}x"


COLUMNS = (
    ("scenario", "scenario"),
    ("size", "events"),
    ("ours_s", "ours"),
    ("baseline_s", "pandas way"),
    ("ratio", "ratio"),
    ("careful_pandas_s", "careful pandas"),
    ("careful_pandas_ratio", "ratio"),
    ("merge_asof_s", "merge_asof"),
    ("merge_asof_ratio", "ratio"),
    ("duckdb_s", "DuckDB"),
    ("duckdb_ratio", "ratio"),
)


def _cells(row: Row) -> list[str]:
    if row["scenario"] == "memory":
        return [
            "memory (B/event)",
            f"{row['size']:,}",
            f"{row['ours_bytes_per_event']:.0f}",
            f"{row['baseline_bytes_per_event']:.0f}",
            _times(row["ratio"]),
            *["-"] * 6,
        ]
    cells = []
    for key, _ in COLUMNS:
        value = row.get(key)
        if key == "scenario":
            cells.append(f"{value} (vs px)" if value == "map-animation" else str(value))
        elif key == "size":
            cells.append(f"{value:,}")
        elif key.endswith("ratio"):
            cells.append(_times(value))
        else:
            cells.append(_duration(value))
    return cells


def table(rows: Sequence[Row]) -> str:
    """The summary as a Markdown table; ratios are the baseline's time over ours."""
    lines = [[title for _, title in COLUMNS], *(_cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(COLUMNS))]
    out = []
    for number, line in enumerate(lines):
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |")
        if number == 0:
            out.append("| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(out)


def _also_line(row: Row) -> str:
    fast = row["also"]
    head = f"{row['scenario']} {row['size']:,}: {fast['what']}"
    if "mismatch" in fast:
        return f"{head}: NOT TIMED, it disagrees: {fast['mismatch']}"
    line = (
        f"{head}: median {_duration(fast['ours_s'])}, p99 {_duration(fast['ours_p99_s'])}; "
        f"ratios {_times(fast['ratio'])} pandas way"
    )
    for name in ("careful_pandas", "merge_asof", "duckdb"):
        if f"{name}_ratio" in fast:
            line += f", {_times(fast[f'{name}_ratio'])} {name.replace('_', ' ')}"
    if "ours_timelines_s" in row:
        line += (
            f"; timelines of {row['ours_timelines_subjects']:,} subjects built beforehand in "
            f"{_duration(row['ours_timelines_s'])}"
        )
    return line


def details(rows: Sequence[Row]) -> str:
    """Tail latencies and the memory breakdown, one line each."""
    out = []
    for row in rows:
        if "ours_p99_s" in row:
            out.append(
                f"{row['scenario']} {row['size']:,}: p99 ours {_duration(row['ours_p99_s'])}, "
                f"pandas way {_duration(row['baseline_p99_s'])}, careful pandas "
                f"{_duration(row['careful_pandas_p99_s'])}, DuckDB {_duration(row['duckdb_p99_s'])}"
                f"; calls {row['calls']}"
            )
        if "also" in row:
            out.append(_also_line(row))
        if row["scenario"] == "daily-series":
            out.append(
                f"daily-series {row['size']:,}: subject {row['subject']}, timeline built in "
                f"{_duration(row['ours_timeline_s'])}; Ledger.counts (certain/uncertain) "
                f"{_duration(row['ledger_counts_s'])}, brackets the series: "
                f"{row['ledger_counts_brackets']}"
            )
        elif row["scenario"] == "map-animation":
            out.append(map_details(row))
        elif row["scenario"] == "memory":
            out.append(
                f"memory {row['size']:,}: ours {row['ours_bytes_per_event']:.0f} B/event traced "
                f"({row['ours_core_bytes_per_event']:.0f} without source objects and texts, "
                f"{row['ours_source_objects']:,} source objects for "
                f"{row['ours_distinct_sources']:,} distinct sources), RSS peak "
                f"{row['ours_rss_peak_bytes_per_event']:.0f}, kept "
                f"{row['ours_rss_kept_bytes_per_event']:.0f}; pandas "
                f"{row['baseline_bytes_per_event']:.0f} B/row deep (events frame "
                f"{row['baseline_events_frame_bytes_per_event']:.0f}), RSS peak "
                f"{row['baseline_rss_peak_bytes_per_event']:.0f}"
            )
        elif row["scenario"].startswith("load"):
            out.append(
                f"{row['scenario']} {row['size']:,}: pandas.read_csv of the events file alone "
                f"{_duration(row['pandas_events_only_s'])}"
            )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks (or, with ``--child``, one memory measurement)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k, fewer repeats")
    parser.add_argument("--sizes", type=int, nargs="+", help="sizes in events (overrides)")
    parser.add_argument("--data", type=Path, default=OUT / "data", help="synthetic ledgers")
    parser.add_argument("--out", type=Path, default=OUT / "summary.json")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--child", choices=("memory-trace", "memory-rss", "memory-rss-pandas"))
    parser.add_argument("--questions", type=Path)
    args = parser.parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)

    if args.child is not None:
        synthetic = generate(sizes[0], args.data, args.seed)
        if args.child == "memory-trace":
            result = child_trace(synthetic, args.questions)
        else:
            result = child_rss(synthetic, pandas=args.child == "memory-rss-pandas")
        print(json.dumps(result))
        return 0

    budget = Budget.of(quick=args.quick)
    info = machine()
    rows: list[Row] = []
    for size in sizes:
        log(f"{size:,} events: generating (or reusing) the synthetic ledger")
        synthetic = generate(size, args.data, args.seed)
        rows.extend(bench_size(synthetic, budget, info))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"Machine: {info['cpu']}, {info['cores']} cores, Python {info['python']}, ")
    print(f"{info['platform']}; pandas {info['pandas']}, DuckDB {info['duckdb']}\n")
    print(table(rows))
    print()
    print(details(rows))
    print(f"\nWritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
