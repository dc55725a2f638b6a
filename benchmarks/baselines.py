"""The questions of the benchmarks, asked of the ledger and of each baseline.

Every baseline starts from the events file as ``pandas.read_csv`` reads it
and knows nothing of the library. It derives, per event:

- ``target``: the pair's subject: the seat of a claimant (``S0003`` for
  ``S0003/a``), else the subject itself;
- ``first`` and ``last``: the first and last day of the event's date, as
  ordinals (``datetime.date.toordinal``);
- ``seq``: the order of arrival (the row number).

and answers with the as-of rule: per (actor, target), the events whose
``last`` day is on or before the day asked about count; the status is the
one left by the last counting event in (``first``, ``last``, ``seq``)
order. On the synthetic ledgers (see ``generate.py``) that status depends
on the deciding event alone: ``recognised`` (a state), the claimant id (a
claimant recognised or supported), ``withdrawn`` or ``neutral``.

The baselines:

- the *pandas way* (:class:`PandasWay`): one DataFrame; each question
  filters it, sorts what is left and takes the last row per actor;
- *careful pandas* (:class:`CarefulPandas`): categorical columns, one
  frame per target, pre-sorted, with precomputed statuses; a question
  masks one small frame and keeps the last row per actor;
- ``merge_asof`` (:func:`merge_asof_series`): a daily series as one
  ``pandas.merge_asof`` of (day, actor) against each actor's steps;
- DuckDB (:class:`DuckDB`): one sorted table; a query per question, and an
  ``ASOF JOIN`` for a daily series.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from recognition import Ledger

__all__ = [
    "EPOCH",
    "CarefulPandas",
    "DuckDB",
    "PandasWay",
    "Query",
    "day_bounds",
    "merge_asof_series",
    "ours_fast_series",
    "ours_recognisers",
    "ours_rich_status",
    "ours_series",
    "ours_status",
    "ours_who",
    "query_frame",
]

EPOCH = 719_163  # dt.date(1970, 1, 1).toordinal()
HOLDING_KINDS = ("recognise", "support")
NOT_RECOGNISED = "not_recognised"
NO_STATEMENT = "no_statement"


@dataclass(frozen=True)
class Query:
    """One question: about ``subject`` (and ``actor``, for a status) on ``day``."""

    subject: str
    day: dt.date
    actor: str = ""

    @property
    def ordinal(self) -> int:
        """The day as an ordinal, as the baselines take it."""
        return self.day.toordinal()

    @property
    def target(self) -> str:
        """The pair's subject: the seat of a claimant, else the subject."""
        return self.subject.partition("/")[0]


# -- the ledger ---------------------------------------------------------------


def ours_who(ledger: Ledger, subject: str, day: dt.date) -> set[str]:
    """The actors whose best reading recognises ``subject`` on ``day``."""
    return {s.actor for s in ledger.who(subject, on=day) if s.holds(subject)}


def ours_recognisers(ledger: Ledger, subject: str, day: dt.date) -> frozenset[str]:
    """The same set from the ledger's fast path, :meth:`Ledger.recognisers`."""
    return ledger.recognisers(subject, on=day)


def ours_status(ledger: Ledger, actor: str, subject: str, day: dt.date) -> str:
    """The best reading of ``actor`` toward ``subject`` on ``day``: :meth:`Ledger.status_of`."""
    return ledger.status_of(actor, subject, on=day)


def ours_rich_status(ledger: Ledger, actor: str, subject: str, day: dt.date) -> str:
    """The same from the rich answer, :meth:`Ledger.status` (with records and sources)."""
    return ledger.status(actor, subject, on=day).status


def ours_series(ledger: Ledger, subject: str, days: Sequence[dt.date]) -> list[int]:
    """For each day, how many actors' best reading recognises ``subject``: one sweep."""
    return [count.best for count in ledger.counts(subject, days)]


def ours_fast_series(ledger: Ledger, subject: str, days: Sequence[dt.date]) -> list[int]:
    """The same series from the fast path, :meth:`Ledger.recognisers`, day by day."""
    return [len(ledger.recognisers(subject, on=day)) for day in days]


# -- the frame every baseline starts from -------------------------------------


def day_bounds(dates: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """First and last day (ordinals) of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` texts."""
    text = dates.astype(str)
    length = text.str.len().to_numpy()
    padded = np.where(length == 4, text + "-01-01", np.where(length == 7, text + "-01", text))
    first = np.asarray(padded, dtype="datetime64[D]")
    month_last = (first.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    year_last = (first.astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1
    last = np.where(length == 4, year_last, np.where(length == 7, month_last, first))
    return first.astype(np.int64) + EPOCH, last.astype(np.int64) + EPOCH


def query_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The columns the baselines query, from the events file as read by pandas."""
    first, last = day_bounds(events["date"])
    subject = events["subject"].astype(str)
    kind = events["kind"].astype(str)
    return pd.DataFrame(
        {
            "actor": events["actor"].astype(str),
            "subject": subject,
            "target": subject.str.partition("/")[0],
            "kind": kind,
            "first": first,
            "last": last,
            "seq": np.arange(len(events), dtype=np.int64),
        }
    )


def _statuses(kind: pd.Series, subject: pd.Series) -> np.ndarray:
    """The status each event leaves behind (it depends on the event alone here)."""
    holding = kind.isin(HOLDING_KINDS).to_numpy()
    claimant = subject.str.contains("/", regex=False).to_numpy()
    status = np.where(holding & claimant, subject.to_numpy(), "recognised")
    status = np.where(kind.to_numpy() == "withdraw_recognition", "withdrawn", status)
    return np.asarray(np.where(kind.to_numpy() == "neutral", "neutral", status), dtype=object)


def _seats(frame: pd.DataFrame) -> set[str]:
    claimed = frame["subject"].str.contains("/", regex=False) | (frame["kind"] == "neutral")
    return set(frame.loc[claimed, "target"])


def _status_of(kind: str, subject: str) -> str:
    if kind == "withdraw_recognition":
        return "withdrawn"
    if kind == "neutral":
        return "neutral"
    return subject if "/" in subject else "recognised"


# -- the pandas way -----------------------------------------------------------


class PandasWay:
    """The plain pandas way: filter the whole frame, sort, last row per actor."""

    def __init__(self, frame: pd.DataFrame) -> None:
        """Keep ``frame`` (see :func:`query_frame`) as it is."""
        self.frame = frame
        self.seats = _seats(frame)

    def who(self, subject: str, ordinal: int) -> set[str]:
        """The actors whose last counting event recognises ``subject``."""
        df = self.frame
        target = subject.partition("/")[0]
        rows = df[(df["target"] == target) & (df["last"] <= ordinal)]
        rows = rows.sort_values(["first", "last", "seq"])
        latest = rows.groupby("actor").tail(1)
        held = latest[latest["kind"].isin(HOLDING_KINDS) & (latest["subject"] == subject)]
        return set(held["actor"])

    def status(self, actor: str, subject: str, ordinal: int) -> str:
        """The status left by the last counting event of the pair."""
        df = self.frame
        target = subject.partition("/")[0]
        rows = df[(df["actor"] == actor) & (df["target"] == target) & (df["last"] <= ordinal)]
        if rows.empty:
            return NO_STATEMENT if target in self.seats else NOT_RECOGNISED
        row = rows.sort_values(["first", "last", "seq"]).iloc[-1]
        return _status_of(row["kind"], row["subject"])

    def series(self, subject: str, ordinals: Iterable[int]) -> list[int]:
        """A loop over the days, asking :meth:`who` for each."""
        return [len(self.who(subject, day)) for day in ordinals]


# -- careful pandas ----------------------------------------------------------


@dataclass(frozen=True)
class _Part:
    frame: pd.DataFrame
    actor: np.ndarray  # the actor codes
    last: np.ndarray
    status: np.ndarray


class CarefulPandas:
    """Pandas used with care: categoricals, one pre-sorted frame per target."""

    def __init__(self, frame: pd.DataFrame) -> None:
        """Sort ``frame`` once and split it by target."""
        df = frame.sort_values(["target", "first", "last", "seq"], ignore_index=True)
        holding = df["kind"].isin(HOLDING_KINDS)
        status = _statuses(df["kind"], df["subject"])
        df = pd.DataFrame(
            {
                "target": df["target"],
                "actor": df["actor"].astype("category"),
                "held": pd.Categorical(df["subject"].where(holding, "")),
                "status": pd.Categorical(status),
                "first": df["first"],
                "last": df["last"],
                "rank": np.arange(len(df), dtype=np.int64),
            }
        )
        self.codes = {a: i for i, a in enumerate(df["actor"].cat.categories)}
        self.seats = _seats(frame)
        self.parts: dict[str, _Part] = {}
        for target, group in df.groupby("target", sort=False):
            part = group.drop(columns="target").reset_index(drop=True)
            self.parts[str(target)] = _Part(
                part,
                part["actor"].cat.codes.to_numpy(),
                part["last"].to_numpy(),
                part["status"].to_numpy(),
            )

    def who(self, subject: str, ordinal: int) -> set[str]:
        """Mask the target's frame by day, keep each actor's last row."""
        part = self.parts.get(subject.partition("/")[0])
        if part is None:
            return set()
        rows = part.frame[part.last <= ordinal]
        latest = rows.drop_duplicates("actor", keep="last")
        return set(latest.loc[latest["held"] == subject, "actor"])

    def status(self, actor: str, subject: str, ordinal: int) -> str:
        """The status column of the pair's last counting row."""
        target = subject.partition("/")[0]
        initial = NO_STATEMENT if target in self.seats else NOT_RECOGNISED
        part = self.parts.get(target)
        code = self.codes.get(actor)
        if part is None or code is None:
            return initial
        found = np.flatnonzero((part.actor == code) & (part.last <= ordinal))
        return str(part.status[found[-1]]) if found.size else initial

    def series(self, subject: str, ordinals: Iterable[int]) -> list[int]:
        """A loop over the days, asking :meth:`who` for each."""
        return [len(self.who(subject, day)) for day in ordinals]

    def steps(self, subject: str) -> pd.DataFrame:
        """Each actor's status changes: ``actor``, ``last`` (from that day on), ``holds``.

        On day D an actor's status is that of its counting event of highest
        rank: sorted by ``last``, a running maximum of the rank per actor.
        """
        part = self.parts.get(subject.partition("/")[0])
        if part is None:
            return pd.DataFrame({"actor": [], "last": [], "holds": []})
        df = part.frame.sort_values(["last", "rank"])
        best = df.groupby("actor", observed=True)["rank"].cummax()
        first_rank = int(part.frame["rank"].iloc[0])
        holds = (part.frame["held"] == subject).to_numpy()[best.to_numpy() - first_rank]
        steps = pd.DataFrame(
            {"actor": df["actor"].astype(str).to_numpy(), "last": df["last"], "holds": holds}
        )
        return steps.drop_duplicates(["actor", "last"], keep="last")


def merge_asof_series(careful: CarefulPandas, subject: str, ordinals: Sequence[int]) -> list[int]:
    """A daily series as one ``merge_asof`` of (day, actor) against each actor's steps."""
    steps = careful.steps(subject).sort_values("last")
    actors = steps["actor"].unique()
    grid = pd.DataFrame(
        {
            "day": np.repeat(np.asarray(ordinals, dtype=np.int64), len(actors)),
            "actor": np.tile(actors, len(ordinals)),
        }
    )
    merged = pd.merge_asof(
        grid, steps, left_on="day", right_on="last", by="actor", direction="backward"
    )
    counts = merged["holds"].eq(True).groupby(merged["day"]).sum()  # noqa: FBT003
    return [int(counts.get(day, 0)) for day in ordinals]


# -- DuckDB ------------------------------------------------------------------

_WHO = """
SELECT actor FROM events
WHERE target = $target AND last <= $day
GROUP BY actor
HAVING arg_max(held, rank) = $subject
"""

_STATUS = """
SELECT arg_max(status, rank) FROM events
WHERE actor = $actor AND target = $target AND last <= $day
"""

_SERIES = """
WITH ev AS (
    SELECT actor, last, rank, held = $subject AS holds FROM events WHERE target = $target
),
best AS (
    SELECT actor, last,
           max(rank) OVER (PARTITION BY actor ORDER BY last, rank ROWS UNBOUNDED PRECEDING) AS r
    FROM ev
),
steps AS (
    SELECT b.actor, b.last, arg_max(e.holds, b.r) AS holds
    FROM best b JOIN ev e ON e.rank = b.r
    GROUP BY b.actor, b.last
),
grid AS (
    SELECT d.day, a.actor
    FROM (SELECT unnest($days) AS day) d CROSS JOIN (SELECT DISTINCT actor FROM ev) a
)
SELECT g.day, count(*) FILTER (WHERE s.holds) AS n
FROM grid g ASOF LEFT JOIN steps s ON g.actor = s.actor AND g.day >= s.last
GROUP BY g.day
"""


class DuckDB:
    """DuckDB: one table sorted by target, actor and rank; a query per question."""

    def __init__(self, frame: pd.DataFrame, threads: int | None = None) -> None:
        """Load ``frame`` (see :func:`query_frame`) into an in-memory table."""
        self.con = duckdb.connect(":memory:")
        if threads is not None:
            self.con.execute(f"SET threads = {int(threads)}")
        df = frame.sort_values(["target", "first", "last", "seq"], ignore_index=True)
        table = pd.DataFrame(
            {
                "actor": df["actor"].to_numpy(dtype=object),
                "target": df["target"].to_numpy(dtype=object),
                "held": df["subject"]
                .where(df["kind"].isin(HOLDING_KINDS), "")
                .to_numpy(dtype=object),
                "status": _statuses(df["kind"], df["subject"]),
                "last": df["last"].to_numpy(dtype=np.int32),
                "rank": np.arange(len(df), dtype=np.int32),
            }
        )
        self.con.register("frame", table)
        self.con.execute("CREATE TABLE events AS SELECT * FROM frame ORDER BY target, actor, rank")
        self.con.unregister("frame")
        self.seats = _seats(frame)

    def _rows(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, params).fetchall()

    def who(self, subject: str, ordinal: int) -> set[str]:
        """``GROUP BY actor HAVING arg_max(held, rank) = subject``."""
        params = {"target": subject.partition("/")[0], "day": ordinal, "subject": subject}
        return {row[0] for row in self._rows(_WHO, params)}

    def status(self, actor: str, subject: str, ordinal: int) -> str:
        """``arg_max(status, rank)`` of the pair's counting rows."""
        target = subject.partition("/")[0]
        rows = self._rows(_STATUS, {"actor": actor, "target": target, "day": ordinal})
        found = rows[0][0] if rows else None
        if found is None:
            return NO_STATEMENT if target in self.seats else NOT_RECOGNISED
        return str(found)

    def series(self, subject: str, ordinals: Sequence[int]) -> list[int]:
        """One query: each actor's steps, ``ASOF JOIN``-ed to a (day, actor) grid."""
        params = {
            "target": subject.partition("/")[0],
            "subject": subject,
            "days": [int(d) for d in ordinals],
        }
        counts = dict(self._rows(_SERIES, params))
        return [int(counts.get(day, 0)) for day in ordinals]

    def close(self) -> None:
        """Close the connection."""
        self.con.close()
