"""Events, their sources, and the records a ledger stores.

An :class:`Event` is one dated act: a recognition, a withdrawal, a break of
relations... A :class:`Record` is an event as entered in a ledger, with an
id, the day it was recorded and the records it supersedes. All are frozen
value objects; change one with :func:`attrs.evolve`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable

import attrs

from recognition.dates import PartialDate, parse_date
from recognition.errors import EventError

__all__ = [
    "DEFAULT_CAMEO",
    "Domain",
    "Event",
    "Kind",
    "Mode",
    "Record",
    "Source",
    "check_event",
    "check_id",
]


class Kind(enum.StrEnum):
    """What an event does."""

    RECOGNISE = "recognise"
    WITHDRAW_RECOGNITION = "withdraw_recognition"
    SUPPORT = "support"
    NEUTRAL = "neutral"
    ESTABLISH_RELATIONS = "establish_relations"
    SEVER_RELATIONS = "sever_relations"
    SUSPEND_RELATIONS = "suspend_relations"
    RESTORE_RELATIONS = "restore_relations"
    RECALL_AMBASSADOR = "recall_ambassador"
    EXPEL_DIPLOMATS = "expel_diplomats"
    CLOSE_EMBASSY = "close_embassy"
    OPEN_EMBASSY = "open_embassy"

    @property
    def domain(self) -> Domain:
        """Which history the event belongs to."""
        return _DOMAINS[self]


class Domain(enum.Enum):
    """The histories events fall into."""

    RECOGNITION = "recognition"  # of a state, or a position on a seat
    RELATIONS = "relations"  # the state of relations between two states
    SIGNAL = "signal"  # a graded signal below relations: ambassadors, embassies


_DOMAINS = {
    Kind.RECOGNISE: Domain.RECOGNITION,
    Kind.WITHDRAW_RECOGNITION: Domain.RECOGNITION,
    Kind.SUPPORT: Domain.RECOGNITION,
    Kind.NEUTRAL: Domain.RECOGNITION,
    Kind.ESTABLISH_RELATIONS: Domain.RELATIONS,
    Kind.SEVER_RELATIONS: Domain.RELATIONS,
    Kind.SUSPEND_RELATIONS: Domain.RELATIONS,
    Kind.RESTORE_RELATIONS: Domain.RELATIONS,
    Kind.RECALL_AMBASSADOR: Domain.SIGNAL,
    Kind.EXPEL_DIPLOMATS: Domain.SIGNAL,
    Kind.CLOSE_EMBASSY: Domain.SIGNAL,
    Kind.OPEN_EMBASSY: Domain.SIGNAL,
}

#: The CAMEO code an event-data coder would give each kind: 054 "grant
#: diplomatic recognition", 161 "reduce or break diplomatic relations",
#: 051 "praise or endorse", 012 "make pessimistic/neutral comment" is the
#: closest to a declared neutrality, 1663 "expel or deport individuals".
DEFAULT_CAMEO: dict[Kind, str] = {
    Kind.RECOGNISE: "054",
    Kind.WITHDRAW_RECOGNITION: "161",
    Kind.SUPPORT: "051",
    Kind.NEUTRAL: "012",
    Kind.ESTABLISH_RELATIONS: "054",
    Kind.SEVER_RELATIONS: "161",
    Kind.SUSPEND_RELATIONS: "161",
    Kind.RESTORE_RELATIONS: "054",
    Kind.RECALL_AMBASSADOR: "161",
    Kind.EXPEL_DIPLOMATS: "1663",
    Kind.CLOSE_EMBASSY: "161",
    Kind.OPEN_EMBASSY: "054",
}


class Mode(enum.StrEnum):
    """How a recognition is withdrawn."""

    WITHDRAW = "withdraw"
    FREEZE = "freeze"
    SUSPEND = "suspend"


def _sources(value: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(value)


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _optional_date(value: str | PartialDate | None) -> PartialDate | None:
    if value is None or value == "":
        return None
    return parse_date(value)


@attrs.frozen
class Source:
    """Where a fact comes from.

    Attributes:
        outlet: who published it (``Reuters``, a foreign ministry...).
        title: the title of the piece.
        date: when it was published, to the precision known.
        url: its address; empty for a source without one (a print article).
        quote: a short passage of it that supports the event.
    """

    outlet: str
    title: str = ""
    date: PartialDate | None = attrs.field(default=None, converter=_optional_date)
    url: str = ""
    quote: str = ""

    def __str__(self) -> str:
        """``outlet, "title", date, url``, skipping what is empty."""
        parts = [self.outlet]
        if self.title:
            parts.append(f'"{self.title}"')
        if self.date is not None:
            parts.append(str(self.date))
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)


_SEPARATORS = re.compile(r"[;,\n]")


def check_id(name: str, value: str) -> None:
    """Raise :class:`EventError` unless ``value`` can be an id: non-empty, no ``;,`` or newline."""
    if not value or value != value.strip() or _SEPARATORS.search(value):
        msg = f"{name} must be a non-empty entity id, got {value!r}"
        raise EventError(msg)


def _check_id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    check_id(attribute.name, value)


def check_event(
    kind: Kind, subject: str, mode: Mode | None, *, dual: bool, cameo: str
) -> Mode | None:
    """Check that an event's fields fit its kind; return its mode (defaulted).

    The rules of :class:`Event`, for readers that store events without
    making the object.

    Raises:
        EventError: a field does not fit the kind.
    """
    if kind is Kind.WITHDRAW_RECOGNITION:
        mode = mode or Mode.WITHDRAW
    elif mode is not None:
        msg = f"mode {mode.value!r} applies only to withdraw_recognition, not {kind}"
        raise EventError(msg)
    if dual and kind not in (Kind.RECOGNISE, Kind.SUPPORT):
        msg = f"dual applies only to recognise and support, not {kind}"
        raise EventError(msg)
    claimant = "/" in subject
    if kind is Kind.SUPPORT and not claimant:
        msg = f"support needs a claimant (STATE/slug) as subject, got {subject!r}"
        raise EventError(msg)
    if kind is not Kind.SUPPORT and claimant and kind.domain is not Domain.RECOGNITION:
        msg = f"{kind} needs a state as subject, got the claimant {subject!r}"
        raise EventError(msg)
    if kind is Kind.NEUTRAL and claimant:
        seat = subject.partition("/")[0]
        msg = f"neutral is a position on a seat ({seat!r}), not on a claimant"
        raise EventError(msg)
    if cameo and not cameo.isdigit():
        msg = f"a CAMEO code is digits, got {cameo!r}"
        raise EventError(msg)
    return mode


def _cameo_default(event: Event) -> str:
    return DEFAULT_CAMEO[event.kind]


@attrs.frozen
class Event:
    """One dated act of one actor about one subject.

    Attributes:
        actor: the id of the state or organisation that acts.
        subject: the id of what it is about: a state, a claimant (``VE/guaido``),
            a seat (``VE``, for :attr:`Kind.NEUTRAL`), or the other state of a
            relation.
        kind: what it does.
        date: when, to the precision known.
        sources: where this is reported; one or more for publishable data.
        mode: for :attr:`Kind.WITHDRAW_RECOGNITION` only: withdraw, freeze or
            suspend (default withdraw).
        dual: for recognise and support of a claimant: the actor keeps the
            claimants it already recognised instead of dropping them.
        disputed: a party disputes that the event happened or is valid.
        cameo: the CAMEO code; defaults to the kind's usual code.
        note: free text.
    """

    actor: str = attrs.field(validator=_check_id)
    subject: str = attrs.field(validator=_check_id)
    kind: Kind = attrs.field(converter=Kind)
    date: PartialDate = attrs.field(converter=parse_date)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    mode: Mode | None = attrs.field(default=None, converter=attrs.converters.optional(Mode))
    dual: bool = False
    disputed: bool = False
    cameo: str = attrs.field(default=attrs.Factory(_cameo_default, takes_self=True))
    note: str = ""

    def __attrs_post_init__(self) -> None:
        """Check that the fields fit the kind."""
        mode = check_event(self.kind, self.subject, self.mode, dual=self.dual, cameo=self.cameo)
        if mode is not self.mode:
            object.__setattr__(self, "mode", mode)


@attrs.frozen
class Record:
    """An entry in a ledger: an event, or the retraction of earlier records.

    Attributes:
        id: unique in its ledger.
        event: the event, or ``None`` for a retraction.
        recorded: the day the record was added, for "as known on" queries;
            ``None`` means it has always been known.
        supersedes: ids of earlier records this one corrects or retracts.
        contradicts: ids of earlier records, about the same actor and
            subject, that this one disagrees with (another date for the same
            act, or another position at the same time). Both stay in force;
            queries then answer uncertain and list both readings.
        origin: where it was read from (``path:line``), when it came from a
            file; not part of equality.
    """

    id: str = attrs.field(validator=_check_id)
    event: Event | None
    recorded: PartialDate | None = attrs.field(default=None, converter=_optional_date)
    supersedes: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    contradicts: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    origin: str | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """A retraction must retract something."""
        if self.event is None and not self.supersedes:
            msg = f"record {self.id!r} has no event and supersedes nothing"
            raise EventError(msg)
        if self.id in self.supersedes or self.id in self.contradicts:
            msg = f"record {self.id!r} supersedes or contradicts itself"
            raise EventError(msg)
        if self.event is None and self.contradicts:
            msg = f"retraction {self.id!r} cannot contradict records"
            raise EventError(msg)

    @property
    def is_retraction(self) -> bool:
        """True when the record only retracts earlier ones."""
        return self.event is None
