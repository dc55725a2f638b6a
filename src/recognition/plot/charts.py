"""Charts over time and between states: timelines, counts, relations.

- :func:`timeline`: one row per state, a bar for each period of its
  position on the subject (as ``px.timeline`` draws it);
- :func:`count`: how many states recognise the subject (or each claimant of
  a seat) over time, a step line, with the largest changes labelled;
- :func:`relations_matrix`: the state of diplomatic relations among a set
  of states on a day.

They use the categories and colours of the maps (:mod:`.palette`), and the
same escaped hover texts (:mod:`.labels`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from recognition import answers as a
from recognition.answers import Status
from recognition.dates import to_day
from recognition.ledger import DayLike, Ledger
from recognition.plot import labels
from recognition.plot._docs import document
from recognition.plot.palette import COLORS, NOT_A_STATE, UNCERTAIN, Category, arrange
from recognition.plot.positions import Period, Scope

__all__ = ["count", "relations_matrix", "timeline"]

_MS_PER_DAY = 86_400_000
_ROW_PIXELS = 22
_NAMES_SHOWN = 3
_CELL_PIXELS = 48
_HIGH = 0.6  # above this share of the highest count, a label hangs below its point


def _span(scope: Scope, start: DayLike | None, end: DayLike | None) -> tuple[dt.date, dt.date]:
    last = to_day(end) if end is not None else dt.datetime.now(dt.UTC).date()
    if start is not None:
        return to_day(start), last
    firsts = [
        r.event.date.first
        for r in scope.ledger.timeline(scope.subject)
        if r.event is not None and r.event.actor in scope.actors
    ]
    return (dt.date.fromordinal(min(firsts)) if firsts else last), last


def _layout(
    figure: go.Figure,
    *,
    title: str,
    template: str | None,
    width: int | None,
    height: int | None,
) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"size": 12}},
        width=width,
        height=height,
    )
    if template is not None:
        figure.update_layout(template=template)
    return figure


@document()
def timeline(
    ledger: Ledger,
    subject: str,
    *,
    start: DayLike | None = None,
    end: DayLike | None = None,
    actors: Sequence[str] | None = None,
    known_on: DayLike | None = None,
    color_discrete_map: Mapping[str, str] | None = None,
    category_orders: Mapping[str, Sequence[str]] | None = None,
    title: str | None = None,
    template: str | None = None,
    width: int | None = None,
    height: int | None = None,
) -> go.Figure:
    """Each state's positions on ``subject`` as bars over time, one row per state.

    Periods with no position (no statement, no recognition) are not drawn.
    Rows are ordered by the start of their first bar unless
    ``category_orders={"actor": [...]}`` says otherwise. ``start`` defaults
    to the first record's date.
    """
    scope = Scope(ledger, subject, known_on=known_on)
    first, last = _span(scope, start, end)
    who = [scope.registry.lookup(x).id for x in actors] if actors is not None else scope.actors
    hidden = {scope.baseline(), NOT_A_STATE}
    periods = [
        period
        for actor in who
        for period in scope.periods(actor, first, last)
        if period.category not in hidden
    ]
    categories = arrange(
        scope.candidates(),
        {p.category for p in periods},
        color_discrete_map=color_discrete_map,
        category_orders=category_orders,
    )
    rows = _rows(scope, periods, (category_orders or {}).get("actor"))
    figure = go.Figure()
    for category in categories:
        mine = [p for p in periods if p.category == category.key]
        figure.add_trace(
            go.Bar(
                orientation="h",
                y=[labels.escape(labels.name(scope.registry, p.actor)) for p in mine],
                base=[p.start.isoformat() for p in mine],
                x=[(p.end - p.start).days * _MS_PER_DAY for p in mine],
                marker={"color": category.color},
                name=labels.escape(category.label),
                hovertext=[_period_hover(scope, p) for p in mine],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    names = [labels.escape(labels.name(scope.registry, actor)) for actor in rows]
    figure.update_layout(
        barmode="overlay",
        xaxis={"type": "date", "title": {"text": ""}},
        yaxis={"categoryorder": "array", "categoryarray": names[::-1], "automargin": True},
        legend={"title": {"text": "Position"}},
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
    )
    default = labels.escape(
        f"Positions on {_what(scope)}, {first.isoformat()} to {last.isoformat()}"
    )
    return _layout(
        figure,
        title=title if title is not None else default,
        template=template,
        width=width,
        height=height if height is not None else max(300, _ROW_PIXELS * len(rows) + 160),
    )


def _what(scope: Scope) -> str:
    return f"the government of {scope.name}" if scope.seat else scope.name


def _rows(scope: Scope, periods: Sequence[Period], order: Sequence[str] | None) -> list[str]:
    shown = {p.actor for p in periods}
    if order is not None:
        wanted = [scope.registry.lookup(x).id for x in order]
        return [x for x in wanted if x in shown] + sorted(shown - set(wanted))
    first: dict[str, dt.date] = {}
    for period in periods:
        first[period.actor] = min(first.get(period.actor, period.start), period.start)
    return sorted(first, key=lambda x: (first[x], labels.name(scope.registry, x)))


def _period_hover(scope: Scope, period: Period) -> str:
    until = period.end - dt.timedelta(days=1)
    return labels.hover(
        scope.registry,
        labels.name(scope.registry, period.actor),
        period.status,
        subject=scope.subject,
        seat=scope.seat,
        note=f"{period.start.isoformat()} to {until.isoformat()}",
    )


def _holds(status: Status, key: str) -> tuple[bool, bool]:
    """Whether ``status`` certainly holds ``key``, and whether it may."""
    readings = [status.status, *(r.status for r in status.alternatives)]

    def held(value: str) -> bool:
        return value == key or key in value.split(a.DUAL_SEPARATOR)

    return status.certain and held(status.status), any(held(value) for value in readings)


@document()
def count(
    ledger: Ledger,
    subject: str,
    *,
    start: DayLike | None = None,
    end: DayLike | None = None,
    annotate: int = 5,
    known_on: DayLike | None = None,
    color_discrete_map: Mapping[str, str] | None = None,
    category_orders: Mapping[str, Sequence[str]] | None = None,
    title: str | None = None,
    template: str | None = None,
    width: int | None = None,
    height: int | None = None,
) -> go.Figure:
    """How many states recognise ``subject`` over time, as a step line.

    For a seat, one line per claimant. A dashed line of the same colour adds
    the states whose position is uncertain (an imprecise date, or sources
    that disagree). The ``annotate`` largest changes are labelled with the
    day and who moved.
    """
    scope = Scope(ledger, subject, known_on=known_on)
    first, last = _span(scope, start, end)
    days = scope.change_days(first, last)
    if days[-1] != last:
        days.append(last)
    actors = sorted(scope.actors)
    answers = [[scope.ledger.status(x, scope.subject, on=day) for x in actors] for day in days]
    keys = list(scope.claimants()) if scope.seat else [a.RECOGNISED]
    categories = arrange(
        [c for c in scope.candidates() if c.key in keys],
        keys,
        color_discrete_map=color_discrete_map,
        category_orders=category_orders,
    )
    figure = go.Figure()
    changes: list[tuple[int, int, Category, int]] = []
    x = [day.isoformat() for day in days]
    for category in categories:
        holding = [[_holds(s, category.key) for s in row] for row in answers]
        sure = [sum(c for c, _ in row) for row in holding]
        maybe = [sum(m for _, m in row) for row in holding]
        label = labels.escape(category.label)
        figure.add_trace(
            go.Scatter(
                x=x,
                y=sure,
                mode="lines",
                line={"shape": "hv", "color": category.color, "width": 2.5},
                name=label,
                legendgroup=category.key,
                hovertemplate=f"%{{x}}: %{{y}} states<extra>{label}</extra>",
            )
        )
        if maybe != sure:
            figure.add_trace(
                go.Scatter(
                    x=x,
                    y=maybe,
                    mode="lines",
                    line={"shape": "hv", "color": category.color, "width": 1.5, "dash": "dot"},
                    name=f"{label}, with uncertain",
                    legendgroup=category.key,
                    hovertemplate=f"%{{x}}: up to %{{y}} states<extra>{label}</extra>",
                )
            )
        changes += [
            (abs(sure[i] - sure[i - 1]), i, category, sure[i] - sure[i - 1])
            for i in range(1, len(days))
            if sure[i] != sure[i - 1]
        ]
    changes.sort(key=lambda c: (-c[0], c[1]))
    chosen = sorted(changes[: max(annotate, 0)], key=lambda c: c[1])
    top = max((t.y[i] for t in figure.data for i in range(len(days))), default=0)
    for rank, (_, i, category, delta) in enumerate(chosen):
        moved = _movers(scope, actors, answers[i - 1], answers[i], category.key)
        held = sum(_holds(s, category.key)[0] for s in answers[i])
        figure.add_annotation(
            x=x[i],
            y=held,
            text=f"<b>{x[i]}: {delta:+d}</b><br>{moved}",
            showarrow=True,
            arrowhead=2,
            arrowcolor="#666666",
            ax=50,
            # Labels of high points hang below them, the others stand above.
            ay=(35 + 40 * (rank % 2)) if held > _HIGH * top else (-35 - 40 * (rank % 3)),
            xanchor="left",
            font={"size": 11},
            align="left",
            bgcolor="rgba(255,255,255,0.85)",
        )
    figure.update_layout(
        xaxis={"type": "date", "range": [x[0], x[-1]]},
        yaxis={"title": {"text": "states"}, "range": [0, max(top, 1) * 1.25]},
        legend={"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top"},
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
    )
    default = labels.escape(f"States recognising {_what(scope)}, {x[0]} to {x[-1]}")
    return _layout(
        figure,
        title=title if title is not None else default,
        template=template,
        width=width,
        height=height if height is not None else 500,
    )


def _movers(
    scope: Scope, actors: Sequence[str], before: Sequence[Status], after: Sequence[Status], key: str
) -> str:
    moved = [
        labels.name(scope.registry, actor)
        for actor, old, new in zip(actors, before, after, strict=True)
        if _holds(old, key)[0] != _holds(new, key)[0]
    ]
    shown = ", ".join(moved[:_NAMES_SHOWN])
    if len(moved) > _NAMES_SHOWN:
        shown += f" and {len(moved) - _NAMES_SHOWN} more"
    return labels.escape(shown)


_RELATIONS = (
    Category(a.ESTABLISHED, "relations established", COLORS[a.ESTABLISHED]),
    Category(a.SUSPENDED, "relations suspended", COLORS[a.SUSPENDED]),
    Category(a.SEVERED, "relations severed", COLORS[a.SEVERED]),
    Category(a.NONE, "none (established later)", COLORS[a.NONE]),
    Category(a.UNKNOWN, "no record", COLORS[a.UNKNOWN]),
    Category(UNCERTAIN, "uncertain (imprecise date or sources disagree)", COLORS[UNCERTAIN]),
)


def _relation_hover(scope_names: Mapping[str, str], status: Status) -> str:
    first, second = scope_names[status.actor], scope_names[status.subject]
    lines = [f"<b>{labels.escape(first)} \u2013 {labels.escape(second)}</b>"]
    since = f", since {status.since}" if status.since is not None else ""
    lines.append(labels.escape(f"Relations: {status.status}{since}"))
    if not status.certain:
        lines.append(
            "<b>\u26a0 Sources disagree.</b> Also possible: "
            + ", ".join(labels.escape(r.status) for r in status.alternatives)
        )
    for record in status.signals:
        event = record.event
        if event is not None:
            who = scope_names.get(event.actor, event.actor)
            lines.append(
                labels.escape(f"{event.date}: {who}: {event.kind.value.replace('_', ' ')}")
            )
    found = list(status.sources)
    if found:
        lines.append("Sources:")
        lines.extend(labels.sources(found))
    return "<br>".join(lines)


@document()
def relations_matrix(
    ledger: Ledger,
    states: Sequence[str],
    *,
    on: DayLike,
    known_on: DayLike | None = None,
    color_discrete_map: Mapping[str, str] | None = None,
    category_orders: Mapping[str, Sequence[str]] | None = None,
    title: str | None = None,
    template: str | None = None,
    width: int | None = None,
    height: int | None = None,
) -> go.Figure:
    """A grid of the diplomatic relations between each pair of ``states`` on day ``on``.

    Hovering a cell shows the status, since when, the latest graded signals
    (recalled ambassadors, expulsions, embassies) and the sources.
    """
    day = to_day(on)
    ids = [ledger.registry.lookup(s).id for s in dict.fromkeys(states)]
    names = {x: labels.name(ledger.registry, x) for x in ids}
    grid: list[list[Status | None]] = [
        [None if x == y else ledger.relations(y, x, on=day, known_on=known_on) for x in ids]
        for y in ids
    ]
    keys = [
        [None if s is None else (s.status if s.certain else UNCERTAIN) for s in row] for row in grid
    ]
    categories = arrange(
        _RELATIONS,
        {k for row in keys for k in row if k is not None},
        color_discrete_map=color_discrete_map,
        category_orders=category_orders,
    )
    index = {c.key: number for number, c in enumerate(categories)}
    count_ = max(len(categories), 1)
    scale: list[list[Any]] = []
    for number, category in enumerate(categories):
        scale += [[number / count_, category.color], [(number + 1) / count_, category.color]]
    shown = [labels.escape(names[x]) for x in ids]
    figure = go.Figure(
        go.Heatmap(
            z=[[None if k is None else index[k] for k in row] for row in keys],
            x=shown,
            y=shown,
            zmin=-0.5,
            zmax=count_ - 0.5,
            colorscale=scale or [[0, "#FFFFFF"], [1, "#FFFFFF"]],
            showscale=False,
            xgap=2,
            ygap=2,
            text=[["" if s is None else _relation_hover(names, s) for s in row] for row in grid],
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    for category in categories:
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 14, "color": category.color},
                name=labels.escape(category.label),
                showlegend=True,
                hoverinfo="skip",
            )
        )
    figure.update_layout(
        xaxis={"side": "top", "tickangle": -45, "showgrid": False},
        yaxis={"autorange": "reversed", "scaleanchor": "x", "showgrid": False},
        plot_bgcolor="rgba(0,0,0,0)",
        legend={"title": {"text": "Relations"}},
        margin={"l": 10, "r": 10, "t": 120, "b": 10},
    )
    side = _CELL_PIXELS * len(ids)
    return _layout(
        figure,
        title=title if title is not None else f"Diplomatic relations on {day.isoformat()}",
        template=template,
        width=width if width is not None else side + 420,
        height=height if height is not None else max(400, side + 160),
    )
