"""Categories of position and their colours, readable by colour-blind readers.

Every figure colours positions by category, and a category has the same
colour in every figure of a subject: the claimants of a seat take the
Okabe-Ito colours in the registry's order; the other categories have fixed
colours (:data:`COLORS`). ``color_discrete_map`` overrides a colour, and
``category_orders={"position": [...]}`` reorders the legend and forces
categories into it; both take a category's key or its label.

Okabe, M. and Ito, K. (2008), *Color Universal Design*: orange, sky blue,
bluish green, yellow, blue, vermillion, reddish purple, black.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from recognition import answers as a
from recognition.ledger import QueryError

__all__ = [
    "COLORS",
    "DUAL",
    "NOT_A_STATE",
    "OKABE_ITO",
    "SEAT_WITHDRAWN",
    "SUBJECT",
    "UNCERTAIN",
    "Category",
    "arrange",
    "claimant_colors",
]

#: The eight Okabe-Ito colours.
OKABE_ITO: Mapping[str, str] = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}

# Category keys besides the ledger's own statuses and claimant ids.
#: The subject itself (a state), or the state whose seat is contested.
SUBJECT = "subject"
#: A shape that was not a state on the day (and part of no state we know of).
NOT_A_STATE = "not_a_state"
#: The ledger's answer is uncertain: an imprecise date, or sources that disagree.
UNCERTAIN = "uncertain"
#: A dual position on a seat (two claimants held at once).
DUAL = "dual"
#: The colour key of ``withdrawn`` on a seat (the category key stays ``withdrawn``).
SEAT_WITHDRAWN = "seat:withdrawn"

# Beyond three claimants (none so far), Paul Tol's muted wine, teal and olive.
_CLAIMANT_COLORS = (
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish green"],
    "#882255",
    "#44AA99",
    "#999933",
)

#: The colour of every category that is not a claimant.
COLORS: Mapping[str, str] = {
    a.RECOGNISED: OKABE_ITO["blue"],
    a.WITHDRAWN: OKABE_ITO["vermillion"],
    a.NOT_RECOGNISED: "#D9D9D9",
    a.NO_STATEMENT: "#D9D9D9",
    a.NEUTRAL: OKABE_ITO["yellow"],
    a.LAPSED: "#8C8C8C",
    DUAL: OKABE_ITO["sky blue"],
    SUBJECT: OKABE_ITO["black"],
    NOT_A_STATE: "#F5F5F5",
    UNCERTAIN: OKABE_ITO["reddish purple"],
    # On a seat, vermillion is a claimant's: a withdrawal is orange there.
    SEAT_WITHDRAWN: OKABE_ITO["orange"],
    # Relations between two states.
    a.ESTABLISHED: OKABE_ITO["bluish green"],
    a.SEVERED: OKABE_ITO["vermillion"],
    a.SUSPENDED: OKABE_ITO["orange"],
    a.NONE: "#D9D9D9",
    a.UNKNOWN: "#F5F5F5",
}


@attrs.frozen
class Category:
    """A category of position, as the legend shows it.

    Attributes:
        key: a status of the ledger (``recognised``, ``neutral``...), a
            claimant id (``VE/guaido``) or one of :data:`SUBJECT`,
            :data:`NOT_A_STATE`, :data:`UNCERTAIN`, :data:`DUAL`.
        label: the legend text (plain text, not HTML).
        color: a CSS colour.
    """

    key: str
    label: str
    color: str


def claimant_colors(claimants: Sequence[str]) -> dict[str, str]:
    """The colour of each claimant of a seat, in the registry's order."""
    return {
        claimant: _CLAIMANT_COLORS[number % len(_CLAIMANT_COLORS)]
        for number, claimant in enumerate(claimants)
    }


def arrange(
    candidates: Sequence[Category],
    present: Iterable[str],
    *,
    color_discrete_map: Mapping[str, str] | None = None,
    category_orders: Mapping[str, Sequence[str]] | None = None,
    dimension: str = "position",
) -> tuple[Category, ...]:
    """The categories a legend shows, in order, with the user's colours.

    Keeps the ``candidates`` whose key is in ``present`` or named in
    ``category_orders[dimension]``; orders those named there first, in that
    order, and the rest as in ``candidates``; then applies
    ``color_discrete_map``. Names may be keys or labels.

    Raises:
        QueryError: a name in ``color_discrete_map`` or ``category_orders``
            is no category of this figure.
    """
    by_name: dict[str, Category] = {}
    for category in candidates:
        by_name.setdefault(category.key, category)
        by_name.setdefault(category.label, category)
    wanted = set(present)
    ordered: dict[str, Category] = {}
    for name in (category_orders or {}).get(dimension, ()):
        ordered.setdefault(_find(by_name, name, "category_orders").key, by_name[name])
    for category in candidates:
        if category.key in wanted:
            ordered.setdefault(category.key, category)
    colors = {
        _find(by_name, name, "color_discrete_map").key: color
        for name, color in (color_discrete_map or {}).items()
    }
    return tuple(
        attrs.evolve(category, color=colors.get(category.key, category.color))
        for category in ordered.values()
    )


def _find(by_name: Mapping[str, Category], name: str, argument: str) -> Category:
    found = by_name.get(name)
    if found is None:
        known = ", ".join(sorted({c.key for c in by_name.values()}))
        msg = f"{argument}: no category {name!r} in this figure; categories: {known}"
        raise QueryError(msg)
    return found
