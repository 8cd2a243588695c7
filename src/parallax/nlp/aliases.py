"""Corpus-wide canonical entities: one entity for "Trump", "Donald Trump" and "U.S. President ...".

Rules over the per-article names (``Mention.entity``), no model:

1. names with the same key (case, dots, a leading "the", a possessive ignored) are one entity,
   and the gazetteer's canonical spelling wins;
2. for people, titles and honorifics before a name are dropped ("U.S. President Donald Trump"),
   a lone surname (or, failing that, a lone first name) joins the only full name that ends (or
   starts) with it, and two full names join when one part is equal and the other agrees (equal,
   an initial, or a close spelling: "Zelenskyy" and "Zelensky", by
   :class:`difflib.SequenceMatcher`);
3. for groups (NORP), a plural joins its singular ("Republicans" and "Republican");
4. a Cyrillic name (the stages give base forms: "Зеленский", not "Зеленского") joins the one
   group whose names sound the same once transliterated ("Зеленський", "Zelenskyy": see
   :mod:`parallax.nlp.transliteration`), and a group with a Latin spelling is named by it.
   Countries and regions join by their names in CLDR ("Германия", "Німеччина", "Germany":
   :mod:`parallax.nlp.territories`, with their ISO 3166 names, initials and stump compounds),
   and an abbreviation or a stump compound joins the one group of full names it shortens
   ("ЕС", "Евросоюз" and "Европейский союз": :mod:`parallax.nlp.short_names`). Names in Latin
   script alone never join by this rule, so English corpora merge as before.

Entity ids hash the label and the canonical name, so they are stable across runs.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from itertools import product

from parallax.model import Entity, Mention
from parallax.nlp.gazetteer import Gazetteer, load_gazetteer, name_key, split_suffix
from parallax.nlp.short_names import join_short_names
from parallax.nlp.territories import demonym, join_territories, place_code
from parallax.nlp.transliteration import has_cyrillic, join_scripts

_GENDERED = frozenset({"Mrs", "Ms", "Miss", "Lady", "Dame"})  # kept: "Mrs. Trump" is not Donald
_PLACE_LABELS = frozenset({"GPE", "LOC", "ORG"})
SPELLING_RATIO = 0.8  # SequenceMatcher ratio at or above which two name parts are one spelling

__all__ = ["entity_id", "merge_counted", "merge_entities", "resolve_mentions"]


def entity_id(label: str, name: str) -> str:
    """Return the stable id of the entity ``name`` with ``label``."""
    return hashlib.sha1(f"{label}\x1f{name}".encode()).hexdigest()[:16]


def _strip_title(name: str, gazetteer: Gazetteer) -> str:
    """Drop honorifics, titles and place words before a person's name."""
    words = name.split()
    while len(words) > 1 and (
        (words[0] in gazetteer.honorifics and words[0].rstrip(".") not in _GENDERED)
        or words[0].lower() in gazetteer.role_heads
        or gazetteer.place(words[0]) is not None
        or words[0].lower() in {"the", "former", "deputy", "vice"}
    ):
        words = words[1:]
    return " ".join(words)


class _Groups:
    """Union-find over name keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def _agree(a: str, b: str) -> bool:
    """Whether two name parts can be the same: equal, or one is the other's initial."""
    a, b = a.replace(".", ""), b.replace(".", "")
    shorter, longer = sorted((a, b), key=len)
    return a == b or (len(shorter) == 1 and longer.startswith(shorter))


def _close(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= SPELLING_RATIO


def _compatible(a: list[str], b: list[str]) -> bool:
    """Whether two full names can be one person: "D. Trump" and "Donald J. Trump" can; a
    suffix must be the same, or only one name has one and the first names are the same
    ("John G. Roberts Jr." and "John Roberts"; "Jesse Jackson Jr." and "Jesse Jackson Sr." not)."""
    (a, suffix_a), (b, suffix_b) = split_suffix(a), split_suffix(b)
    if suffix_a != suffix_b and ((suffix_a and suffix_b) or a[0] != b[0]):
        return False
    first, last = _agree(a[0], b[0]), a[-1] == b[-1]
    if not ((last and (first or _close(a[0], b[0]))) or (first and _close(a[-1], b[-1]))):
        return False
    middle_a, middle_b = a[1:-1], b[1:-1]
    return not (middle_a and middle_b) or _agree(" ".join(middle_a), " ".join(middle_b))


def _join_people(keys: list[str], groups: _Groups) -> None:
    """Join full names into people, most specific first; an ambiguous name joins nobody."""
    full = sorted(
        (key for key in keys if len(key.split()) >= 2), key=lambda k: (-len(k.split()), k)
    )
    people: dict[str, list[list[list[str]]]] = defaultdict(list)  # by the surname's first letter
    for key in full:
        words = key.split()
        bucket = people[split_suffix(words)[0][-1][0]]
        fits = [p for p in bucket if all(_compatible(words, other) for other in p)]
        if len(fits) == 1:
            fits[0].append(words)
            groups.union(key, " ".join(fits[0][0]))
        elif not fits:
            bucket.append([words])
    # The full names by their last and by their first word (each in ``full``'s order): a lone
    # name looks up its candidates instead of splitting every full name again.
    by_last: dict[str, list[str]] = defaultdict(list)
    by_first: dict[str, list[str]] = defaultdict(list)
    for other in full:
        words = other.split()
        by_last[split_suffix(words)[0][-1]].append(other)
        by_first[words[0]].append(other)
    for key in keys:
        if len(key.split()) != 1:
            continue
        owners = {groups.find(other) for other in by_last.get(key, ())}
        if not owners:
            owners = {groups.find(other) for other in by_first.get(key, ())}
        if len(owners) == 1:
            groups.union(key, owners.pop())


def _join_plurals(keys: Iterable[str], groups: _Groups) -> None:
    """Join a group's plural to its singular: "Republicans" and "Republican" are one group."""
    present = set(keys)
    for key in present:
        if key.endswith("s") and not key.endswith("ss") and key[:-1] in present:
            groups.union(key, key[:-1])


def _choose_name(spellings: Counter[str], gazetteer: Gazetteer, label: str) -> str:
    latin = Counter({name: n for name, n in spellings.items() if not has_cyrillic(name)})
    if latin and len(latin) < len(spellings):  # across scripts, the Latin spelling names it
        spellings = latin
    for spelling, _ in sorted(spellings.items()):
        known = gazetteer.lookup(spelling, label)
        if known is not None:
            return known.name
    return min(
        spellings,
        key=lambda name: (-(len(name.split()) >= 2), -spellings[name], -len(name), name),
    )


def _place_labels(mentions: list[tuple[Mention, int]]) -> dict[str, str]:
    """``{name key: label}`` for the names of a territory a Cyrillic name names, when its
    mentions carry more than one of the place labels: each takes the label most of them carry.

    A country or a union is a place to one NER and an organisation to another ("ЕС" ORG,
    "ЄС" LOC): its names are one entity whatever label each mention got.
    """
    if not any(has_cyrillic(m.entity) for m, _ in mentions):
        return {}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    keys: dict[str, set[str]] = defaultdict(set)
    named: set[str] = set()
    for mention, times in mentions:
        key = name_key(mention.entity)
        # A demonym tagged as a person ("россияне", "немецкий") stands for its country.
        if mention.label in _PLACE_LABELS or (mention.label == "PERSON" and demonym(key)):
            code = place_code(key)
            if code is not None:
                counts[code][mention.label] += times
                keys[code].add(key)
                if has_cyrillic(key):
                    named.add(code)
    chosen: dict[str, str] = {}
    for code in named:
        if len(counts[code]) > 1:
            places = {lab: n for lab, n in counts[code].items() if lab in _PLACE_LABELS}
            places = places or {"GPE": 1}
            label = min(places, key=lambda lab: (-places[lab], lab))
            chosen |= dict.fromkeys(keys[code], label)
    return chosen


def merge_entities(
    mentions: Iterable[Mention], *, gazetteer: Gazetteer | None = None
) -> list[Entity]:
    """Merge mentions from any number of articles into canonical entities, sorted by label, name."""
    return merge_counted(((mention, 1) for mention in mentions), gazetteer=gazetteer)


def merge_counted(
    counted: Iterable[tuple[Mention, int]], *, gazetteer: Gazetteer | None = None
) -> list[Entity]:
    """:func:`merge_entities` of mentions given once each with how often they occur
    (``SQLiteStore.mention_names``): the same entities as the mentions repeated that often,
    in memory bounded by the distinct mentions rather than by every occurrence."""
    gazetteer = gazetteer or load_gazetteer()
    mentions = list(counted)
    place_labels = _place_labels(mentions)
    by_label: dict[str, list[tuple[Mention, int]]] = defaultdict(list)
    for mention, times in mentions:
        by_label[place_labels.get(name_key(mention.entity), mention.label)].append((mention, times))
    entities: list[Entity] = []
    for label, items in sorted(by_label.items()):
        groups = _Groups()
        names: dict[str, Counter[str]] = defaultdict(Counter)
        keyed: list[tuple[Mention, str]] = []
        for mention, times in items:
            name = _strip_title(mention.entity, gazetteer) if label == "PERSON" else mention.entity
            known = gazetteer.lookup(name, label)
            name = known.name if known else name
            key = name_key(name)
            names[key][name] += times
            keyed.append((mention, key))
            groups.find(key)
        if label == "PERSON":
            _join_people(sorted(names), groups)
        elif label == "NORP":
            _join_plurals(names, groups)
        if any(has_cyrillic(key) for key in names):
            if label != "PERSON":
                join_territories(names, union=groups.union)
            join_scripts(names, find=groups.find, union=groups.union, person=label == "PERSON")
            if label != "PERSON":
                join_short_names(names, find=groups.find, union=groups.union)
        members: dict[str, list[Mention]] = defaultdict(list)
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for key, counter in names.items():
            spellings[groups.find(key)].update(counter)
        for mention, key in keyed:
            members[groups.find(key)].append(mention)
        for root, group in members.items():
            name = _choose_name(spellings[root], gazetteer, label)
            # A role phrase standing for a person ("Poland's foreign minister") is a role.
            aliases = {m.text for m in group if m.text != m.role} | set(spellings[root])
            aliases.discard(name)
            roles = {mention.role for mention in group if mention.role}
            entities.append(
                Entity(
                    id=entity_id(label, name),
                    name=name,
                    label=label,
                    aliases=tuple(sorted(aliases)),
                    roles=tuple(sorted(roles)),
                )
            )
    entities.sort(key=lambda entity: (entity.label, entity.name, entity.id))
    return entities


def resolve_mentions(
    mentions: Iterable[Mention], entities: Iterable[Entity]
) -> dict[tuple[str, str], Entity]:
    """Map each mention's ``(label, entity)`` to the canonical :class:`Entity` it merged into."""
    by_alias: dict[tuple[str, str], Entity] = {}
    for entity in entities:
        for alias in (entity.name, *entity.aliases):
            by_alias.setdefault((entity.label, name_key(alias)), entity)
    found: dict[tuple[str, str], Entity] = {}
    for mention in mentions:
        # A territory's name may have merged under another place label (see _place_labels).
        labels = [mention.label]
        if mention.label in _PLACE_LABELS:
            labels += sorted(_PLACE_LABELS - {mention.label})
        elif mention.label == "PERSON" and demonym(name_key(mention.entity)):
            labels = [*sorted(_PLACE_LABELS), mention.label]  # its country before any person
        for label, key in product(labels, (name_key(mention.entity), name_key(mention.text))):
            if (label, key) in by_alias and (label == mention.label or place_code(key)):
                found[(mention.label, mention.entity)] = by_alias[(label, key)]
                break
    return found
