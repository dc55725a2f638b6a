"""The registry of everything that acts or is recognised.

Every entity has a stable string id, used in files, the API and the command
line:

- states with an ISO 3166-1 code: the alpha-2 code (``VE``, ``US``);
- states that no longer exist: the ISO 3166-3 alpha-4 code (``SUHH``);
- entities without an ISO code: our own ids, ``XK`` for Kosovo and ``X-...``
  for the rest (``X-NCY`` Northern Cyprus), never passed off as ISO;
- governments, i.e. claimants to a state's seat: ``STATE/slug`` (``VE/guaido``);
- organisations and groups: lower-case slugs (``eu``, ``lima-group``).

Lookups come in three shapes: :meth:`Registry.get` returns a default on a
miss, :meth:`Registry.lookup` raises :class:`UnknownEntityError` with the
closest matches, :meth:`Registry.search` ranks candidates.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import enum
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import resources

import attrs
import pycountry

from recognition.dates import PartialDate
from recognition.errors import UnknownEntityError

__all__ = ["Entity", "EntityKind", "Registry", "bundled_registry", "claimant_seat"]

# ISO 3166-3 entries that are dissolved states. The other ISO 3166-3 entries
# are renamed states (Burma, Zaire, Dahomey...) that keep their current code,
# or territories that were never states.
_DISSOLVED = ("SUHH", "CSHH", "YUCS", "DDDE", "CSXX", "YDYE", "VDVN")
_RENAMED = {"BUMM": "MM", "ZRCD": "CD", "DYBJ": "BJ", "HVBF": "BF", "TPTL": "TL", "BYAA": "BY"}


class EntityKind(enum.StrEnum):
    """What an entity is."""

    STATE = "state"
    GOVERNMENT = "government"
    ORGANISATION = "organisation"


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _optional_date(value: str | PartialDate | None) -> PartialDate | None:
    if value is None or isinstance(value, PartialDate):
        return value
    return PartialDate.parse(value) if value else None


@attrs.frozen
class Entity:
    """A state, a government (claimant to a seat) or an organisation.

    Attributes:
        id: the stable id.
        kind: state, government or organisation.
        name: the usual English name.
        official_name: the formal name, where one is known.
        alpha_3: the ISO 3166 alpha-3 code, for states that have one.
        numeric: the ISO 3166 numeric code, for states that have one.
        aliases: other names it is known by.
        start: when it came into existence, where known.
        end: the last day it existed, where known; ``None`` if it still exists.
        seat: for a government, the id of the state whose seat it claims.
        iso: whether ``id`` is an ISO 3166 code.
    """

    id: str
    kind: EntityKind = attrs.field(converter=EntityKind)
    name: str
    official_name: str | None = None
    alpha_3: str | None = None
    numeric: str | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_names)
    start: PartialDate | None = attrs.field(default=None, converter=_optional_date)
    end: PartialDate | None = attrs.field(default=None, converter=_optional_date)
    seat: str | None = None
    iso: bool = False

    def existed_on(self, day: dt.date) -> bool:
        """False only when ``day`` is certainly outside the entity's lifetime."""
        ordinal = day.toordinal()
        if self.start is not None and ordinal < self.start.first:
            return False
        return not (self.end is not None and ordinal > self.end.last)

    def __str__(self) -> str:
        """``id (name)``."""
        return f"{self.id} ({self.name})"


def claimant_seat(entity_id: str) -> str | None:
    """The seat a government id claims (``VE`` for ``VE/guaido``), else ``None``."""
    seat, slash, _ = entity_id.partition("/")
    return seat if slash else None


_MIN_PREFIX = 3
_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[^\w\s/-]")


def normalise(name: str) -> str:
    """Fold a name for matching: no accents, no case, no punctuation, no leading 'the'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("&", " and ")
    text = _PUNCTUATION.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return text.removeprefix("the ")


class Registry:
    """An immutable index of entities, by id, code, name and alias.

    Build one from entities with ``Registry(entities, aliases)``, or get the
    bundled one with :func:`bundled_registry`.
    """

    def __init__(self, entities: Iterable[Entity], aliases: Iterable[tuple[str, str]] = ()) -> None:
        """Index ``entities``; ``aliases`` adds ``(id, name)`` pairs.

        Raises:
            ValueError: two entities share an id, or an alias names no entity.
        """
        self._by_id: dict[str, Entity] = {}
        for entity in entities:
            if entity.id in self._by_id:
                msg = f"duplicate entity id {entity.id!r}"
                raise ValueError(msg)
            self._by_id[entity.id] = entity
        self._keys: dict[str, str] = {}
        for entity in self._by_id.values():
            self._index(entity.id, entity.id)
        for entity in self._by_id.values():
            for key in (entity.alpha_3, entity.numeric, entity.name, entity.official_name):
                if key:
                    self._index(key, entity.id)
            for alias in entity.aliases:
                self._index(alias, entity.id)
        for entity_id, alias in aliases:
            if entity_id not in self._by_id:
                msg = f"alias {alias!r} names unknown entity {entity_id!r}"
                raise ValueError(msg)
            self._index(alias, entity_id)
        claimants: dict[str, list[Entity]] = {}
        for entity in self._by_id.values():
            if entity.seat is not None:
                claimants.setdefault(entity.seat, []).append(entity)
        self._claimants = {seat: tuple(found) for seat, found in claimants.items()}

    def _index(self, key: str, entity_id: str) -> None:
        # First come, first served: ids and ISO names win over later aliases.
        self._keys.setdefault(normalise(key), entity_id)

    def __contains__(self, key: object) -> bool:
        """True when ``key`` is an entity id."""
        return key in self._by_id

    def __iter__(self) -> Iterator[Entity]:
        """Every entity, in id order."""
        return iter(sorted(self._by_id.values(), key=lambda e: e.id))

    def __len__(self) -> int:
        """The number of entities."""
        return len(self._by_id)

    def get(self, key: str, default: Entity | None = None) -> Entity | None:
        """The entity with this id, code, name or alias, else ``default``."""
        found = self._by_id.get(key)
        if found is not None:
            return found
        entity_id = self._keys.get(normalise(key))
        return self._by_id[entity_id] if entity_id is not None else default

    def lookup(self, key: str) -> Entity:
        """The entity with this id, code, name or alias.

        Raises:
            UnknownEntityError: nothing matches; its ``suggestions`` hold the
                ids of the closest matches.
        """
        found = self.get(key)
        if found is None:
            raise UnknownEntityError(key, [e.id for e in self.search(key, limit=3)])
        return found

    def search(self, query: str, limit: int = 10) -> list[Entity]:
        """Entities whose id, code, name or alias resemble ``query``, best first."""
        wanted = normalise(query)
        if not wanted:
            return []
        scores: dict[str, float] = {}
        matcher = difflib.SequenceMatcher(b=wanted, autojunk=False)
        for key, entity_id in self._keys.items():
            matcher.set_seq1(key)
            score = matcher.ratio()
            # A query that is the start of a name, or one of its words, is
            # probably that name (three letters at least: shorter ones are codes).
            if len(wanted) >= _MIN_PREFIX and key.startswith(wanted):
                score += 0.5
            elif len(wanted) >= _MIN_PREFIX and wanted in key.split():
                score += 0.3
            if score > scores.get(entity_id, 0.0):
                scores[entity_id] = score
        threshold = 0.6
        ranked = sorted(
            (item for item in scores.items() if item[1] >= threshold),
            key=lambda item: (-item[1], item[0]),
        )
        return [self._by_id[entity_id] for entity_id, _ in ranked[:limit]]

    def claimants(self, seat: str) -> tuple[Entity, ...]:
        """The governments that claim ``seat`` (empty if it is not contested)."""
        return self._claimants.get(seat, ())

    def is_seat(self, entity_id: str) -> bool:
        """True when ``entity_id`` is a state with rival claimants in the registry."""
        return entity_id in self._claimants


def _reference_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("recognition").joinpath("reference", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def _iso_entities(dates: dict[str, tuple[str, str]]) -> Iterator[Entity]:
    for country in pycountry.countries:
        start, end = dates.get(country.alpha_2, ("", ""))
        yield Entity(
            id=country.alpha_2,
            kind=EntityKind.STATE,
            name=getattr(country, "common_name", None) or country.name,
            official_name=getattr(country, "official_name", None),
            alpha_3=country.alpha_3,
            numeric=country.numeric,
            aliases=(country.name,),
            start=start,
            end=end,
            iso=True,
        )
    for code in _DISSOLVED:
        historic = pycountry.historic_countries.get(alpha_4=code)
        assert historic is not None, code
        start, end = dates.get(code, ("", ""))
        yield Entity(
            id=code,
            kind=EntityKind.STATE,
            name=historic.name,
            alpha_3=historic.alpha_3,
            numeric=getattr(historic, "numeric", None),
            start=start,
            end=end,
            iso=True,
        )


@functools.cache
def bundled_registry() -> Registry:
    """The registry built from pycountry and the package's reference tables.

    Built once on first use; a :class:`Registry` is immutable, so sharing it
    is safe.
    """
    dates = {row["id"]: (row["start"], row["end"]) for row in _reference_rows("states.csv")}
    entities = list(_iso_entities(dates))
    for row in _reference_rows("entities.csv"):
        start, end = dates.get(row["id"], (row["start"], row["end"]))
        entities.append(
            Entity(
                id=row["id"],
                kind=EntityKind(row["kind"]),
                name=row["name"],
                aliases=tuple(a for a in row["aliases"].split(";") if a),
                start=start,
                end=end,
                seat=row["seat"] or None,
            )
        )
    aliases = [(row["id"], row["alias"]) for row in _reference_rows("aliases.csv")]
    aliases += [(current, old) for old, current in _RENAMED.items()]
    return Registry(entities, aliases)
