"""Hypothesis strategies for dates, events, records and ledgers."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from recognition import Event, Kind, Mode, PartialDate, Record, Source

ACTORS = ("US", "FR", "MX", "RU", "eu")
STATES = ("XK", "PS")
CLAIMANTS = ("VE/maduro", "VE/guaido")
SEATS = ("VE",)
PARTNERS = ("CU", "VE")

# Text that survives UTF-8 (no lone surrogates); newlines and quotes included
# on purpose: CSV and JSON must round-trip them.
texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)


@st.composite
def partial_dates(draw: st.DrawFn, start: int = 2000, end: int = 2002) -> PartialDate:
    year = draw(st.integers(start, end))
    precision = draw(st.sampled_from(("year", "month", "day", "day", "day")))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    first = dt.date(year, month, 1)
    day = draw(st.integers(0, 27))
    return PartialDate.from_date(first + dt.timedelta(days=day))


days = st.dates(dt.date(1999, 6, 1), dt.date(2003, 6, 30))

sources = st.builds(
    Source,
    outlet=st.sampled_from(("Reuters", "AP", "AFP", "Example Gazette")),
    title=texts,
    date=st.none() | partial_dates(),
    url=st.sampled_from(("", "https://example.org/a", "https://example.org/b")),
    quote=texts,
)


@st.composite
def events(draw: st.DrawFn, *, relative: bool = True) -> Event:
    """Random events; ``relative=False`` leaves out dual positions and claimant withdrawals."""
    actor = draw(st.sampled_from(ACTORS))
    domain = draw(st.sampled_from(("state", "seat", "relations", "signal")))
    date = draw(partial_dates())
    cited = tuple(draw(st.lists(sources, min_size=1, max_size=2)))
    note = draw(texts)
    if domain == "state":
        kind = draw(st.sampled_from((Kind.RECOGNISE, Kind.WITHDRAW_RECOGNITION)))
        mode = draw(st.sampled_from(Mode)) if kind is Kind.WITHDRAW_RECOGNITION else None
        return Event(actor, draw(st.sampled_from(STATES)), kind, date, cited, mode=mode, note=note)
    if domain == "seat":
        kinds = [Kind.RECOGNISE, Kind.SUPPORT, Kind.NEUTRAL]
        if relative:
            kinds.append(Kind.WITHDRAW_RECOGNITION)
        kind = draw(st.sampled_from(kinds))
        if kind is Kind.NEUTRAL:
            return Event(actor, "VE", kind, date, cited, note=note)
        dual = relative and kind is not Kind.WITHDRAW_RECOGNITION and draw(st.booleans())
        subject = draw(st.sampled_from(CLAIMANTS))
        return Event(actor, subject, kind, date, cited, dual=dual, note=note)
    partner = draw(st.sampled_from(PARTNERS))
    actor = draw(st.sampled_from(("US", "FR", "MX")))
    if domain == "relations":
        kind = draw(
            st.sampled_from(
                (
                    Kind.ESTABLISH_RELATIONS,
                    Kind.SEVER_RELATIONS,
                    Kind.SUSPEND_RELATIONS,
                    Kind.RESTORE_RELATIONS,
                )
            )
        )
    else:
        kind = draw(
            st.sampled_from((Kind.RECALL_AMBASSADOR, Kind.EXPEL_DIPLOMATS, Kind.CLOSE_EMBASSY))
        )
    return Event(actor, partner, kind, date, cited, note=note)


@st.composite
def record_lists(
    draw: st.DrawFn, *, max_size: int = 25, corrections: bool = True, relative: bool = True
) -> list[Record]:
    """Records with unique ids; some supersede, retract or contradict earlier ones.

    ``corrections=False`` gives records that name no other record.
    """
    count = draw(st.integers(0, max_size))
    records: list[Record] = []
    for number in range(count):
        earlier = [r.id for r in records]
        supersedes: tuple[str, ...] = ()
        if corrections and earlier and draw(st.integers(0, 5)) == 0:
            supersedes = (draw(st.sampled_from(earlier)),)
        retract = bool(supersedes) and draw(st.booleans())
        event = None if retract else draw(events(relative=relative))
        recorded = draw(st.none() | partial_dates(2018, 2020).filter(lambda d: d.is_exact))
        for old in supersedes:
            # A correction is recorded no earlier than what it corrects.
            earlier_recorded = records[int(old[1:])].recorded
            if earlier_recorded is not None and (
                recorded is None or recorded.first < earlier_recorded.first
            ):
                recorded = earlier_recorded
        contradicts: tuple[str, ...] = ()
        named = [r for r in records if r.event is not None]
        if corrections and event is not None and named and draw(st.integers(0, 3)) == 0:
            other = draw(st.sampled_from(named))
            contradicts = (other.id,)
            if other.recorded is not None and (
                recorded is None or recorded.first < other.recorded.first
            ):
                recorded = other.recorded
        records.append(
            Record(
                f"r{number}",
                event,
                recorded=recorded,
                supersedes=supersedes,
                contradicts=contradicts,
            )
        )
    return records
