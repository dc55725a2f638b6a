"""Seeded synthetic ledgers for the benchmarks.

A synthetic ledger looks like real recognition data, scaled up:

- the actors are the 249 real ISO 3166-1 states, some far more active than
  others;
- the subjects are synthetic states ``S0000``, ``S0001``... (one per 500
  events: 2,000 at 1M events), some much more discussed than others; one
  subject in ten is a *seat* with two or three rival claimants
  (``S0003/a``, ``S0003/b``...) that actors switch between;
- dates are mostly exact days, some only a month or a year;
- each event cites one to three sources, drawn from a pool per subject, so
  that one source is cited by several events, as in real data;
- records arrive roughly, not exactly, in date order.

The generator writes no ``contradicts``, no ``supersedes``, no dual events,
and its claimants are unknown to the bundled registry (so none lapses): the
best reading of every pair is then the plain as-of answer, the status left
by the last event whose period ends on or before the day, which pandas and
DuckDB can reproduce. A withdrawal from a seat always withdraws the claimant
held at that point (in date order), so that the status an event leaves
depends on that event alone.

Run ``python benchmarks/generate.py SIZE [FOLDER]`` to write one ledger.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from recognition import (
    Entity,
    EntityKind,
    Event,
    Kind,
    Ledger,
    Mode,
    PartialDate,
    Record,
    Registry,
    Source,
    bundled_registry,
    write_csv,
    write_jsonl,
)

__all__ = [
    "SEED",
    "SIZES",
    "Synthetic",
    "actors",
    "claimants_of",
    "generate",
    "records",
    "registry",
    "subject_count",
    "subject_ids",
]

#: The default seed; every size derives its own generator from it.
SEED = 20_240_601
#: The sizes of the full benchmark, in events.
SIZES = (10_000, 100_000, 1_000_000)
#: Bump when the generated data changes, so that cached files are rebuilt.
VERSION = 1

EVENTS_PER_SUBJECT = 500
MIN_SUBJECTS = 10
SEAT_EVERY = 10  # subject i is a seat when i % SEAT_EVERY == SEAT_AT
SEAT_AT = 3
EPOCH = 719_163  # dt.date(1970, 1, 1).toordinal()
FIRST_DAY = dt.date(1946, 1, 1).toordinal()
LAST_DAY = dt.date(2025, 12, 31).toordinal()
YEAR = 365.25

_OUTLETS = (
    ("Reuters", "reuters.com"),
    ("Associated Press", "apnews.com"),
    ("Agence France-Presse", "afp.com"),
    ("BBC News", "bbc.co.uk"),
    ("Al Jazeera", "aljazeera.com"),
    ("The New York Times", "nytimes.com"),
    ("Le Monde", "lemonde.fr"),
    ("El País", "elpais.com"),
    ("Deutsche Welle", "dw.com"),
    ("Xinhua", "xinhuanet.com"),
    ("TASS", "tass.com"),
    ("The Hindu", "thehindu.com"),
    ("UN Digital Library", "digitallibrary.un.org"),
    ("Keesing's Record of World Events", "keesings.com"),
    ("Ministry of Foreign Affairs", "mfa.gov"),
    ("Official Gazette", "gazette.gov"),
)
_WORDS = (
    *("government", "announced", "formal", "recognition", "of", "the", "new", "state"),
    *("today", "after", "talks", "foreign", "minister", "said", "ministry", "statement"),
    *("confirmed", "decision", "to", "establish", "withdraw", "suspend", "freeze"),
    *("relations", "embassy", "ambassador", "council", "resolution", "agreement"),
    *("parliament", "vote", "sovereignty", "independence", "declaration", "republic"),
    *("cabinet", "spokesman", "press", "conference", "capital", "delegation", "treaty"),
)


def subject_count(size: int) -> int:
    """How many subjects (states and seats) a ledger of ``size`` events has."""
    return max(MIN_SUBJECTS, round(size / EVENTS_PER_SUBJECT))


def subject_ids(size: int) -> list[str]:
    """The ids of the subjects: ``S0000``, ``S0001``..."""
    return [f"S{i:04d}" for i in range(subject_count(size))]


def claimants_of(subject: str) -> tuple[str, ...]:
    """The claimants of a seat (``S0003/a``, ``S0003/b``...); empty for a plain state."""
    number = int(subject[1:])
    if number % SEAT_EVERY != SEAT_AT:
        return ()
    count = 3 if number % (2 * SEAT_EVERY) == SEAT_AT else 2
    return tuple(f"{subject}/{letter}" for letter in "abc"[:count])


def actors() -> list[str]:
    """The actors: every current ISO 3166-1 state, by id."""
    return sorted(
        e.id for e in bundled_registry() if e.kind is EntityKind.STATE and e.iso and len(e.id) == 2
    )


def registry(size: int) -> Registry:
    """The real ISO states plus the synthetic subjects and claimants of ``size``."""
    entities = [e for e in bundled_registry() if e.kind is EntityKind.STATE and e.iso]
    for subject in subject_ids(size):
        entities.append(Entity(subject, EntityKind.STATE, f"Synthetic state {subject}"))
        entities.extend(
            Entity(c, EntityKind.GOVERNMENT, f"Synthetic government {c}", seat=subject)
            for c in claimants_of(subject)
        )
    return Registry(entities)


@dataclass(frozen=True)
class Synthetic:
    """A generated ledger on disk.

    Attributes:
        size: the number of events.
        seed: the seed it was generated with.
        csv: the events file (its ``.sources.csv`` companion is beside it).
        jsonl: the same ledger as JSON Lines.
    """

    size: int
    seed: int
    csv: Path
    jsonl: Path

    @property
    def sources_csv(self) -> Path:
        """The companion file of further sources."""
        return self.csv.with_name(f"{self.csv.stem}.sources.csv")


def _weights(rng: np.random.Generator, count: int, skew: float) -> np.ndarray:
    weights = 1.0 / (np.arange(count) + 3.0) ** skew
    rng.shuffle(weights)
    return np.asarray(weights / weights.sum())


def _bounds(days: np.ndarray, precision: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and last day (ordinals) of the periods containing ``days``."""
    stamps = (days - EPOCH).astype("datetime64[D]")
    months = stamps.astype("datetime64[M]")
    years = stamps.astype("datetime64[Y]")
    month_first = months.astype("datetime64[D]")
    month_last = (months + 1).astype("datetime64[D]") - 1
    year_first = years.astype("datetime64[D]")
    year_last = (years + 1).astype("datetime64[D]") - 1
    first = np.select([precision == 1, precision == 2], [year_first, month_first], stamps)
    last = np.select([precision == 1, precision == 2], [year_last, month_last], stamps)
    return first.astype(np.int64) + EPOCH, last.astype(np.int64) + EPOCH


class _Dates:
    """Partial dates, made once per distinct value."""

    def __init__(self) -> None:
        self._made: dict[tuple[int, int], PartialDate] = {}

    def get(self, day: int, precision: int) -> PartialDate:
        key = (day, precision)
        found = self._made.get(key)
        if found is None:
            date = dt.date.fromordinal(day)
            if precision == 1:
                found = PartialDate(date.year)
            elif precision == 2:
                found = PartialDate(date.year, date.month)
            else:
                found = PartialDate(date.year, date.month, date.day)
            self._made[key] = found
        return found


class _Sources:
    """A pool of sources per subject; events cite from their subject's pool."""

    def __init__(self, rng: np.random.Generator, dates: _Dates) -> None:
        self._rng = rng
        self._dates = dates
        self._made: dict[tuple[int, int], Source] = {}

    def get(self, subject: int, number: int, day: int) -> Source:
        key = (subject, number)
        found = self._made.get(key)
        if found is None:
            rng = self._rng
            outlet, domain = _OUTLETS[int(rng.integers(len(_OUTLETS)))]
            words = [_WORDS[int(i)] for i in rng.integers(len(_WORDS), size=22)]
            date = self._dates.get(day, 3)
            slug = "-".join(words[:5])
            found = Source(
                outlet=outlet,
                title=" ".join(words[:8]).capitalize(),
                date=date,
                url=f"https://www.{domain}/{date.year}/{slug}-{subject}-{number}",
                quote=" ".join(words).capitalize() + ".",
            )
            self._made[key] = found
        return found


def _kinds(
    order: np.ndarray,
    pair: np.ndarray,
    subject: np.ndarray,
    subjects: list[str],
    rng: np.random.Generator,
) -> tuple[list[Kind], list[str], list[Mode | None]]:
    """Give each event a kind and a subject id, walking each pair in date order."""
    count = len(order)
    kinds: list[Kind] = [Kind.RECOGNISE] * count
    targets: list[str] = [""] * count
    modes: list[Mode | None] = [None] * count
    draw = rng.random(count)
    pick = rng.random(count)
    claimants = [claimants_of(s) for s in subjects]
    modes_by_draw = (Mode.WITHDRAW, Mode.WITHDRAW, Mode.WITHDRAW, Mode.FREEZE, Mode.SUSPEND)
    previous_pair = -1
    held: str | None = None
    for index in order.tolist():
        if pair[index] != previous_pair:
            previous_pair = int(pair[index])
            held = None
        s = int(subject[index])
        rivals = claimants[s]
        r = draw[index]
        mode = modes_by_draw[int(pick[index] * len(modes_by_draw))]
        if not rivals:  # a state: recognise, withdraw, sometimes recognise again
            recognise = r < 0.85 if held is None else r < 0.35
            if recognise:
                kinds[index], held = Kind.RECOGNISE, subjects[s]
            else:
                kinds[index], modes[index], held = Kind.WITHDRAW_RECOGNITION, mode, None
            targets[index] = subjects[s]
        elif held is not None and r < 0.25:  # withdraw from the claimant held
            kinds[index], targets[index], modes[index] = Kind.WITHDRAW_RECOGNITION, held, mode
            held = None
        elif r < 0.33:  # declare neutrality on the seat
            kinds[index], targets[index], held = Kind.NEUTRAL, subjects[s], None
        else:  # recognise or support a claimant, usually switching
            others = [c for c in rivals if c != held]
            claimant = others[int(pick[index] * len(others))]
            kinds[index] = Kind.SUPPORT if r > 0.9 else Kind.RECOGNISE
            targets[index], held = claimant, claimant
    return kinds, targets, modes


def records(size: int, seed: int = SEED) -> list[Record]:
    """The records of a synthetic ledger of ``size`` events, in arrival order."""
    rng = np.random.default_rng([seed, size])
    subjects = subject_ids(size)
    actor_ids = actors()
    n_subjects, n_actors = len(subjects), len(actor_ids)

    subject = rng.choice(n_subjects, size=size, p=_weights(rng, n_subjects, 0.7))
    actor = rng.choice(n_actors, size=size, p=_weights(rng, n_actors, 0.9))
    pair = subject.astype(np.int64) * n_actors + actor

    # Each subject has an era (independence, a crisis) from which its events
    # spread out over the following decades.
    era = rng.integers(FIRST_DAY, LAST_DAY - int(10 * YEAR), size=n_subjects)
    days = era[subject] + rng.exponential(8 * YEAR, size=size).astype(np.int64)
    days = np.minimum(days, LAST_DAY)
    precision = rng.choice(np.array([3, 2, 1]), size=size, p=[0.85, 0.10, 0.05])
    first, last = _bounds(days, precision)

    # Records arrive roughly in date order: sort on a noisy date.
    arrival = np.argsort(days + rng.normal(0, 400, size=size), kind="stable")
    seq = np.empty(size, dtype=np.int64)
    seq[arrival] = np.arange(size)

    order = np.lexsort((seq, last, first, pair))
    kinds, targets, modes = _kinds(order, pair, subject, subjects, rng)

    dates = _Dates()
    sources = _Sources(rng, dates)
    per_subject = np.bincount(subject, minlength=n_subjects)
    pool = np.maximum(3, per_subject // 3)
    cited = rng.choice(np.array([1, 2, 3]), size=size, p=[0.35, 0.45, 0.20])
    picks = rng.random((size, 3))
    width = len(str(size))
    made = []
    for index in arrival.tolist():
        s = int(subject[index])
        numbers = dict.fromkeys(int(p * pool[s]) for p in picks[index, : cited[index]])
        event = Event(
            actor=actor_ids[int(actor[index])],
            subject=targets[index],
            kind=kinds[index],
            date=dates.get(int(days[index]), int(precision[index])),
            sources=tuple(sources.get(s, n, int(first[index])) for n in numbers),
            mode=modes[index],
        )
        made.append(Record(f"e{int(seq[index]):0{width}d}", event))
    return made


def generate(size: int, folder: Path, seed: int = SEED) -> Synthetic:
    """Write the ledger of ``size`` events to ``folder`` (CSV and JSON Lines).

    Files already written by this version with this seed are reused.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"synthetic-{size}"
    made = Synthetic(size, seed, folder / f"{stem}.csv", folder / f"{stem}.jsonl")
    stamp = folder / f"{stem}.stamp.json"
    wanted = {"version": VERSION, "seed": seed, "size": size}
    paths = (made.csv, made.sources_csv, made.jsonl)
    if (
        stamp.exists()
        and all(p.exists() for p in paths)
        and json.loads(stamp.read_text(encoding="utf-8")) == wanted
    ):
        return made
    stamp.unlink(missing_ok=True)
    ledger = Ledger(records(size, seed), registry=registry(size))
    write_csv(ledger, made.csv)
    write_jsonl(ledger, made.jsonl)
    stamp.write_text(json.dumps(wanted), encoding="utf-8")
    return made


def main(argv: list[str] | None = None) -> int:
    """Write one synthetic ledger."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="number of events")
    parser.add_argument("folder", type=Path, nargs="?", default=Path(__file__).parent / "out")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    made = generate(args.size, args.folder, args.seed)
    print(f"{made.csv}\n{made.sources_csv}\n{made.jsonl}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
