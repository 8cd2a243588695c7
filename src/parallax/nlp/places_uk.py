"""Places the Ukrainian NER misses or reads as people, found by CLDR's names of places.

The NER is trained on little data, much of it fiction, and reads many a place in an inflected
form as a person ("Туніса", "Чилі", "Сімферополі") or passes it by ("Прага", "Росія"). A name
that CLDR gives a country, region or exemplar city (:mod:`parallax.nlp.territories`, in
Ukrainian, Russian and English), as written or in its base form (:mod:`parallax.nlp.names_uk`:
"Києві" -> "Київ", "Великої Британії" -> "Велика Британія"), is a place: a person the NER
found with such a name becomes a place, and a capitalised word the NER left untagged that is
one becomes a place too. Organisations are left as they are ("ДНР", a government named by its
country's name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from parallax.nlp.gazetteer import name_key
from parallax.nlp.names_uk import base_form
from parallax.nlp.territories import territory

__all__ = ["is_place", "with_places"]

Span = tuple[int, int, str]  # start, end, NER-UK label (PERS, LOC, ORG)

_CAPITALISED = re.compile(r"\b[А-ЩЬЮЯЄІЇҐ][а-щьюяєіїґ'’-]+\b")


@lru_cache(maxsize=4096)
def is_place(name: str) -> bool:
    """Whether every word of ``name`` is capitalised and the name, as written or in its base
    form, is a CLDR territory's or exemplar city's."""
    words = name.split()
    if not words or not all(word[:1].isupper() for word in words):
        return False
    if territory(name_key(name)):
        return True
    return territory(name_key(base_form(name, "GPE"))) is not None


def with_places(text: str, entities: Iterable[Span]) -> list[Span]:
    """The NER's ``entities`` in ``text`` with its people named like places made places, and the
    capitalised words it left untagged that name a place added, in text order."""
    found = [
        (start, end, "LOC" if label == "PERS" and is_place(text[start:end]) else label)
        for start, end, label in entities
    ]
    taken = [(start, end) for start, end, _ in found]
    for match in _CAPITALISED.finditer(text):
        start, end = match.span()
        if not any(a < end and start < b for a, b in taken) and is_place(match.group()):
            found.append((start, end, "LOC"))
    return sorted(found)
