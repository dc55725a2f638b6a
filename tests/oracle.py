"""A brute-force restatement of the as-of rule, to check the indexed ledger against.

It replays every record of the ledger for each question, with no index, no
binary search and no bounded walk: slow, short and obviously right.
"""

from __future__ import annotations

import datetime as dt

from recognition import Kind, Record

SEAT_KINDS = {Kind.RECOGNISE, Kind.SUPPORT, Kind.NEUTRAL, Kind.WITHDRAW_RECOGNITION}
RELATION_STATUS = {
    Kind.ESTABLISH_RELATIONS: "established",
    Kind.RESTORE_RELATIONS: "established",
    Kind.SEVER_RELATIONS: "severed",
    Kind.SUSPEND_RELATIONS: "suspended",
}


def in_force(records: list[Record]) -> list[tuple[int, Record]]:
    superseded = {old for r in records for old in r.supersedes}
    return [
        (seq, r) for seq, r in enumerate(records) if r.event is not None and r.id not in superseded
    ]


def _step(domain: str, before: str, record: Record) -> str:
    event = record.event
    assert event is not None
    if domain == "state":
        return "recognised" if event.kind is Kind.RECOGNISE else "withdrawn"
    if domain == "relations":
        return RELATION_STATUS[event.kind]
    if event.kind is Kind.NEUTRAL:
        return "neutral"
    held = set(before.split("+")) if "/" in before else set()
    if event.kind is Kind.WITHDRAW_RECOGNITION:
        held.discard(event.subject)
        return "+".join(sorted(held)) if held else "withdrawn"
    if not event.dual:
        held = set()
    held.add(event.subject)
    return "+".join(sorted(held))


def readings(
    records: list[Record], domain: str, key: tuple[str, str], day: dt.date
) -> tuple[str, set[str]]:
    """(best status, every possible status) of a pair on ``day``."""

    def belongs(record: Record) -> bool:
        event = record.event
        assert event is not None
        if domain == "relations":
            return (
                event.kind in RELATION_STATUS and tuple(sorted((event.actor, event.subject))) == key
            )
        if domain == "seat":
            seat = event.subject.partition("/")[0]
            return (
                event.kind in SEAT_KINDS
                and ("/" in event.subject or event.kind is Kind.NEUTRAL)
                and (
                    event.actor,
                    seat,
                )
                == key
            )
        return (
            event.kind in (Kind.RECOGNISE, Kind.WITHDRAW_RECOGNITION)
            and "/" not in event.subject
            and (event.actor, event.subject) == key
        )

    pair = [(seq, r) for seq, r in in_force(records) if belongs(r)]
    pair.sort(key=lambda item: (item[1].event.date.first, item[1].event.date.last, item[0]))  # type: ignore[union-attr]
    initial = {"state": "not_recognised", "seat": "no_statement", "relations": "unknown"}[domain]
    if domain == "relations" and pair:
        first_kind = pair[0][1].event.kind  # type: ignore[union-attr]
        if RELATION_STATUS[first_kind] == "established":
            initial = "none"
    statuses = []
    status = initial
    for _, record in pair:
        status = _step(domain, status, record)
        statuses.append(status)
    ordinal = day.toordinal()
    dates = [r.event.date for _, r in pair]  # type: ignore[union-attr]
    happened = [i for i, d in enumerate(dates) if d.last <= ordinal]
    started = [i for i, d in enumerate(dates) if d.first <= ordinal]
    if not happened:
        return initial, {initial} | {statuses[i] for i in started}
    latest = max(happened)
    possible = {i for i in started if not any(dates[j].first > dates[i].last for j in happened)}
    found = {statuses[i] for i in possible}
    # Records that the latest contradicts, or that contradict it.
    by_id = {r.id: j for j, (_, r) in enumerate(pair)}
    mine = pair[latest][1]
    linked = set(mine.contradicts) | {r.id for _, r in pair if mine.id in r.contradicts}
    for other_id in linked:
        j = by_id.get(other_id)
        if j is None or j in possible:
            continue
        if dates[j].first <= ordinal:
            found.add(statuses[j])
        else:
            start = latest
            while start > 0 and statuses[start - 1] == statuses[latest]:
                start -= 1
            found.add(statuses[start - 1] if start > 0 else initial)
    return statuses[latest], found
