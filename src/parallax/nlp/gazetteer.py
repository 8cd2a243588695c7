"""The packaged gazetteer: known names, their labels and spellings, titles and role holders.

The data lives in ``parallax/data/gazetteer.toml``; this module only reads it. Fixes for the
small model's slips belong in that file, not in code.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tomllib
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

logger = logging.getLogger(__name__)

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Return the comparison key of a name: no leading "the", no possessive, no dots, lowercase.

    >>> name_key("the U.S.'s")
    'us'
    """
    key = _SPACES.sub(" ", name.strip())
    key = _POSSESSIVE.sub("", key)
    if key.lower().startswith("the "):
        key = key[4:]
    return key.replace(".", "").strip().lower()


#: Generational suffixes: kept apart from the surname ("Theodore J. Boutrous Jr." is a Boutrous).
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def split_suffix(words: list[str]) -> tuple[list[str], str | None]:
    """A name's words without a generational suffix, and the suffix (lower case, no dot)."""
    last = words[-1].rstrip(".").lower() if len(words) > 2 else ""
    return (words[:-1], last) if last in SUFFIXES else (words, None)


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """One gazetteer entry: a canonical name, its label and the spellings that mean it."""

    name: str
    label: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    gender: str | None = None  # "male" or "female" for people, where documented


@dataclass(frozen=True, slots=True)
class Holder:
    """A person who held a role (``president`` of ``United States``) between two dates.

    ``end`` is None while the term is open; an open term is only trusted up to ``checked``,
    the day someone last saw the source (``source``, a URL) say the person still holds it.
    """

    role: str
    place: str | None
    name: str
    start: date
    end: date | None
    source: str = ""
    checked: date | None = None

    def holds(self, on: date) -> bool:
        """Whether the sources say this person held the role on ``on``."""
        last = self.end or self.checked
        return self.start <= on and (last is None or on <= last)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Everything the packaged gazetteer knows, with lookups by normalised key."""

    entities: tuple[KnownEntity, ...]
    honorifics: frozenset[str]
    role_heads: frozenset[str]
    role_spellings: tuple[tuple[str, str], ...]
    holders: tuple[Holder, ...]
    not_entities: frozenset[str]
    by_key: Mapping[str, tuple[KnownEntity, ...]] = field(repr=False, compare=False)
    places: Mapping[str, str] = field(repr=False, compare=False)

    def lookup(self, name: str, label: str | None = None) -> KnownEntity | None:
        """Return the entry whose name or alias has the same key as ``name`` (and label)."""
        for entity in self.by_key.get(name_key(name), ()):
            if label is None or entity.label == label:
                return entity
        return None

    def place(self, word: str) -> str | None:
        """Return the canonical place a name, alias or demonym stands for ("Polish" → Poland)."""
        return self.places.get(name_key(word))

    def holder(self, role: str, place: str | None, on: date | None) -> str | None:
        """Return who held ``role`` in ``place`` on a date, when exactly one entry says so.

        Without a date, or on a date no term covers (before the first one listed, or after an
        open term was last checked), nobody: a role is never guessed.
        """
        names = self._held(role, on, {place})
        return names.pop() if len(names) == 1 else None

    def sitting(self, role: str, place: str | None, on: date | None) -> set[str]:
        """Return everyone who held ``role`` on a date, in ``place`` or, without one, anywhere."""
        return self._held(role, on, None if place is None else {place})

    def _held(self, role: str, on: date | None, places: AbstractSet[str | None] | None) -> set[str]:
        """Everyone who held ``role`` on a date (none without one), in one of ``places`` (None:
        anywhere)."""
        return {
            holder.name
            for holder in self.holders
            if on is not None
            and holder.role == role
            and (places is None or holder.place in places)
            and holder.holds(on)
        }

    def patterns(self) -> list[dict[str, Any]]:
        """Return EntityRuler phrase patterns, one per name, alias and demonym (as NORP)."""
        patterns: list[dict[str, Any]] = [
            {"label": entity.label, "pattern": spelling, "id": entity.name}
            for entity in self.entities
            for spelling in (entity.name, *entity.aliases)
        ]
        patterns.extend(
            {"label": "NORP", "pattern": demonym, "id": demonym}
            for entity in self.entities
            for demonym in entity.demonyms
        )
        return patterns


def _index(entities: tuple[KnownEntity, ...]) -> dict[str, tuple[KnownEntity, ...]]:
    index: dict[str, list[KnownEntity]] = {}
    for entity in entities:
        for spelling in (entity.name, *entity.aliases):
            index.setdefault(name_key(spelling), []).append(entity)
    return {key: tuple(values) for key, values in index.items()}


def _places(entities: tuple[KnownEntity, ...]) -> dict[str, str]:
    places: dict[str, str] = {}
    for entity in entities:
        if entity.label in {"GPE", "LOC"}:
            for spelling in (entity.name, *entity.aliases, *entity.demonyms):
                places.setdefault(name_key(spelling), entity.name)
    return places


def _strings(table: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(item) for item in table.get(key, ()))


def _role_words(role: str, spellings: Mapping[str, str]) -> str:
    """Normalise a role the way role phrases in text are ("Secretary of Defense" → ...)."""
    words = [word for word in role.lower().split() if word not in {"the", "a", "an", "of"}]
    return " ".join(spellings.get(word, word) for word in words)


def parse_gazetteer(table: dict[str, Any]) -> Gazetteer:
    """Build a :class:`Gazetteer` from the parsed TOML table."""
    entities = tuple(
        KnownEntity(
            name=str(item["name"]),
            label=str(item["label"]),
            aliases=_strings(item, "aliases"),
            demonyms=_strings(item, "demonyms"),
            gender=item.get("gender"),
        )
        for item in table.get("entity", ())
    )
    checked = table.get("holders_checked")
    spellings = {str(pair[1]): str(pair[0]) for pair in table.get("role_spellings", ())}
    holders = tuple(
        Holder(
            role=_role_words(str(item["role"]), spellings),
            place=item.get("place"),
            name=str(item["name"]),
            start=item["start"],
            end=item.get("end"),
            source=str(item.get("source", "")),
            checked=item.get("checked", checked),
        )
        for item in table.get("holder", ())
    )
    return Gazetteer(
        entities=entities,
        honorifics=frozenset(_strings(table, "honorifics")),
        role_heads=frozenset(word.lower() for word in _strings(table, "role_heads")),
        role_spellings=tuple(
            (str(pair[1]), str(pair[0])) for pair in table.get("role_spellings", ())
        ),
        holders=holders,
        not_entities=frozenset(_strings(table, "not_entities")),
        by_key=_index(entities),
        places=_places(entities),
    )


def _source() -> str:
    return (resources.files("parallax") / "data" / "gazetteer.toml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def gazetteer_digest() -> str:
    """Return a short hash of the packaged gazetteer, so that editing it changes versions."""
    return hashlib.sha1(_source().encode()).hexdigest()[:12]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read the packaged ``gazetteer.toml`` once."""
    gazetteer = parse_gazetteer(tomllib.loads(_source()))
    logger.debug("gazetteer: %d entries", len(gazetteer.entities))
    return gazetteer
