"""SubjectTimeline against a brute-force reading of its inputs."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recognition.timelines import CERTAIN, HOLDS, MAYBE, SNAPSHOT_EVERY, SubjectTimeline

START = dt.date(2001, 1, 1).toordinal()
SPAN = 40  # breakpoints fall on START .. START + SPAN - 1, so they often tie
NAMES = ("US", "FR", "MX", "RU", "eu", "CU", "VE", "a", "b/c")
# Mostly the ledger's states (none, maybe, held but uncertain, held for
# sure), some odd ones, and the largest a byte holds.
STATE_VALUES = st.sampled_from((0, 0, MAYBE, HOLDS | MAYBE, HOLDS | MAYBE | CERTAIN, HOLDS, 255))

Inputs = dict[str, dict[int, int]]  # actor -> breakpoint ordinal -> state there


@st.composite
def inputs(draw: st.DrawFn, max_breakpoints: int = 30) -> Inputs:
    actors = draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=len(NAMES)))
    ordinals = st.integers(START, START + SPAN - 1)
    return {
        actor: draw(st.dictionaries(ordinals, STATE_VALUES, max_size=max_breakpoints))
        for actor in actors
    }


@st.composite
def long_inputs(draw: st.DrawFn) -> Inputs:
    """Few actors, each with many changes: several snapshot strides."""
    actors = draw(st.lists(st.sampled_from(NAMES), unique=True, min_size=1, max_size=3))
    found: Inputs = {}
    for actor in actors:
        ordinals = draw(
            st.lists(st.integers(START, START + 10 * SPAN), min_size=SNAPSHOT_EVERY, max_size=120)
        )
        # Alternating states: nearly every breakpoint is a change.
        found[actor] = {o: (HOLDS | MAYBE if i % 2 else MAYBE) for i, o in enumerate(ordinals)}
    return found


query_days = st.integers(START - 3, START + 10 * SPAN + 3).map(dt.date.fromordinal)


def build(table: Inputs) -> SubjectTimeline:
    def breakpoints(actor: str) -> list[int]:
        # Unsorted and with repeats, as a ledger's may be.
        days = list(table[actor])
        return days[::-1] + days[:2]

    def state(actor: str, day: dt.date) -> int:
        return table[actor][day.toordinal()]

    return SubjectTimeline(list(table), breakpoints, state)


def state_on(table: Inputs, actor: str, day: dt.date) -> int:
    """An actor's state on ``day``: the state at its latest breakpoint on or before it."""
    before = [o for o in table[actor] if o <= day.toordinal()]
    return table[actor][max(before)] if before else 0


def expected_states(table: Inputs, day: dt.date) -> dict[str, int]:
    return {a: s for a in table if (s := state_on(table, a, day))}


def expected_changes(table: Inputs) -> int:
    count = 0
    for states in table.values():
        previous = 0
        for ordinal in sorted(states):
            count += states[ordinal] != previous
            previous = states[ordinal]
    return count


def weigher(coefficients: list[int]) -> Callable[[str, int], tuple[int, ...]]:
    """A weigh function of ``len(coefficients)`` counts, not zero on state 0."""

    def weigh(actor: str, state: int) -> tuple[int, ...]:
        return tuple((c * state + len(actor) * (i + 1)) % 7 - 3 for i, c in enumerate(coefficients))

    return weigh


def expected_tallies(
    table: Inputs, days: list[dt.date], weigh: Callable[[str, int], tuple[int, ...]], width: int
) -> list[tuple[int, ...]]:
    return [
        tuple(
            sum(weigh(a, state_on(table, a, day))[i] - weigh(a, 0)[i] for a in table)
            for i in range(width)
        )
        for day in days
    ]


@settings(max_examples=200, deadline=None)
@given(st.one_of(inputs(), long_inputs()), st.lists(query_days, max_size=30))
def test_states_and_holders_match_brute_force(table: Inputs, days: list[dt.date]) -> None:
    timeline = build(table)
    assert len(timeline) == expected_changes(table)
    for day in days:
        states = expected_states(table, day)
        assert timeline.states(day) == states
        assert timeline.holders(day) == {a for a, s in states.items() if s & HOLDS}
        for mask in (0, MAYBE, HOLDS | CERTAIN, 255):
            assert timeline.holders(day, mask) == {a for a, s in states.items() if s & mask == mask}


@settings(max_examples=50, deadline=None)
@given(long_inputs(), st.randoms(use_true_random=False))
def test_every_day_in_order_and_shuffled(table: Inputs, rng: Random) -> None:
    # Successive days reuse the previous answer when no change falls
    # between them; a shuffled order jumps about.
    timeline = build(table)
    days = [dt.date.fromordinal(o) for o in range(START - 2, START + 10 * SPAN + 2)]
    shuffled = days.copy()
    rng.shuffle(shuffled)
    for order in (days, days[::-1], shuffled):
        for day in order:
            assert timeline.holders(day) == {
                a for a, s in expected_states(table, day).items() if s & HOLDS
            }


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(inputs(), long_inputs()),
    st.one_of(st.lists(query_days, max_size=40), st.lists(query_days, max_size=40).map(sorted)),
    st.lists(st.integers(-9, 9), max_size=4),
)
def test_tallies_match_brute_force(
    table: Inputs, days: list[dt.date], coefficients: list[int]
) -> None:
    timeline = build(table)
    width = len(coefficients)
    weigh = weigher(coefficients)
    calls: Counter[tuple[str, int]] = Counter()

    def counted(actor: str, state: int) -> tuple[int, ...]:
        calls[actor, state] += 1
        return weigh(actor, state)

    found = timeline.tallies(days, counted, width)
    assert found == expected_tallies(table, days, weigh, width)
    assert all(count == 1 for count in calls.values())


@settings(max_examples=50, deadline=None)
@given(long_inputs())
def test_tallies_of_a_daily_series(table: Inputs) -> None:
    # Many sorted days, few changes among them, and the reverse.
    timeline = build(table)
    weigh = weigher([1, 2, 5])
    for days in (
        [dt.date.fromordinal(o) for o in range(START - 2, START + 10 * SPAN + 2)],
        [dt.date.fromordinal(o) for o in range(START, START + 10 * SPAN, 37)],
    ):
        assert timeline.tallies(days, weigh, 3) == expected_tallies(table, days, weigh, 3)


def test_the_ledgers_counts() -> None:
    table: Inputs = {
        "US": {START: MAYBE, START + 5: HOLDS | MAYBE | CERTAIN, START + 9: 0},
        "FR": {START + 5: HOLDS | MAYBE, START + 7: HOLDS | MAYBE | CERTAIN},
    }
    timeline = build(table)

    def weigh(_actor: str, state: int) -> tuple[int, int]:
        return (1 if state & (HOLDS | CERTAIN) == HOLDS | CERTAIN else 0, state & HOLDS)

    days = [dt.date.fromordinal(START + offset) for offset in (-1, 0, 5, 6, 7, 9, 30)]
    assert timeline.tallies(days, weigh, 2) == [
        (0, 0),
        (0, 0),
        (1, 2),
        (1, 2),
        (2, 2),
        (1, 1),
        (1, 1),
    ]
    assert timeline.tallies(days, weigh, 0) == [()] * len(days)
    assert timeline.tallies([], weigh, 2) == []
    assert timeline.holders(days[0]) == frozenset()
    assert timeline.states(days[3]) == {"US": 7, "FR": 3}


def test_no_actors() -> None:
    timeline = SubjectTimeline([], lambda _: [], lambda _, __: 0)
    day = dt.date(2001, 1, 1)
    assert len(timeline) == 0
    assert timeline.states(day) == {}
    assert timeline.holders(day) == frozenset()
    assert timeline.tallies([day, day], lambda _, __: (1,), 1) == [(0,), (0,)]


@pytest.mark.parametrize("bad", [-1, 256])
def test_a_state_outside_a_byte(bad: int) -> None:
    with pytest.raises(ValueError, match="from 0 to 255"):
        build({"US": {START: MAYBE, START + 1: bad}})
