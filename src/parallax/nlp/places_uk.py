"""Places the Ukrainian NER misses or reads as people, found by CLDR's names of places.

The NER is trained on little data, much of it fiction, and reads many a place in an inflected
form as a person ("Туніса", "Чилі", "Сімферополі") or passes it by ("Прага", "Росія"). A name
that CLDR gives a country, region or exemplar city (:mod:`parallax.nlp.territories`, in
Ukrainian, Russian and English), as written or in its base form (:mod:`parallax.nlp.names_uk`:
"Києві" -> "Київ", "Великої Британії" -> "Велика Британія"), is a place: a person the NER
found with such a name becomes a place, and a capitalised word the NER left untagged that is
one becomes a place too, unless the word is one of spaCy's Ukrainian stop words ("Та", "Де",
"Того" open sentences far more often than they name Togo). Organisations are left as they
are ("ДНР", a government named by its country's name). Streets, squares and parks, rivers,
mountains, lakes and islands, which no gazetteer of countries and cities holds, are found by
their head nouns; a person's span is cut back to its last capitalised word; and a place right
after the word of a law or code ("Закону України") is dropped, as NER-UK reads the whole as a
document (:func:`find_places` runs all four, and closes organisations' quotes:
:func:`parallax.nlp.organisations_uk.quotes_balanced`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.lang.uk.stop_words import STOP_WORDS

from parallax.nlp.gazetteer import name_key
from parallax.nlp.names_uk import base_form
from parallax.nlp.territories import territory

__all__ = [
    "find_places",
    "is_place",
    "laws_left_out",
    "people_trimmed",
    "regions_extended",
    "with_landmarks",
    "with_places",
]

Span = tuple[int, int, str]  # start, end, NER-UK label (PERS, LOC, ORG)

_WORD = re.compile(r"\S+")
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
    capitalised words it left untagged that name a place added (not a stop word: "Та", "Де"
    begin sentences), in text order."""
    found = [
        (start, end, "LOC" if label == "PERS" and is_place(text[start:end]) else label)
        for start, end, label in entities
    ]
    taken = [(start, end) for start, end, _ in found]
    for match in _CAPITALISED.finditer(text):
        start, end = match.span()
        word = match.group()
        if word.lower() in STOP_WORDS:
            continue
        if not any(a < end and start < b for a, b in taken) and is_place(word):
            found.append((start, end, "LOC"))
    return sorted(found)


# A street, square, park or avenue is named with its head noun, in full or abbreviated, and
# NER-UK's span takes it in, with the house number after it ("вул. Крилова, 7", "площі
# Таксим"); only the singular forms, as "вулицях Києва" is the city's streets.
_STREET_HEAD = (
    r"(?i:вул(?: ?\.|иц(?:я|і|ю|ею))|просп(?: ?\.|ект(?:у|і|ом)?)|пров(?: ?\.|ул(?:ок|ку|ком))"
    r"|площ(?:а|і|у|ею)|бульв(?: ?\.|ар(?:у|і|ом)?)|парк(?:у|ом)?|майдан(?:у|і|ом)?"
    r"|узв(?:із|озі|озом|озу))"
)
# A river, mountain, lake or island is annotated without its head noun ("річки Орілі").
_NATURE_HEAD = (
    r"(?:річк(?:а|и|у|ою)|річці|гор(?:а|и|і|у|ою)|озер(?:о|а|і|ом)|остр(?:ів|ова|ові|овом|ову))"
)
_NAME = (
    r"(?:[А-ЩЬЮЯЄІЇҐ] ?\. ?)*[А-ЩЬЮЯЄІЇҐ][а-щьюяєіїґ'’ʼ-]+"
    r"(?: (?:[А-ЩЬЮЯЄІЇҐ] ?\. ?)*[А-ЩЬЮЯЄІЇҐ][а-щьюяєіїґ'’ʼ-]+)*"
)
_NUMBER = r"(?: ?, ?(?:буд\. ?)?| )\d+(?:[-‐]?[А-ЩЬЮЯЄІЇҐа-щьюяєіїґ\d]+)?(?: ?/ ?\d+[а-щ]?)?"
_STREET = re.compile(rf"\b{_STREET_HEAD} (?:{_NAME})(?:{_NUMBER})?(?![\w-])")
_NATURE = re.compile(rf"\b{_NATURE_HEAD} ({_NAME})(?![\w-])")


def with_landmarks(text: str, entities: Iterable[Span]) -> list[Span]:
    """``entities`` with the streets, squares and parks named after their head noun made
    places with it ("вулиці Івасюка", "вул. Крилова, 7"), and the rivers, mountains, lakes and
    islands named after theirs made places without it ("річки Орілі"); a span of the NER's
    that overlaps one gives way to it."""
    found = [(match.start(), match.end(), "LOC") for match in _STREET.finditer(text)] + [
        (match.start(1), match.end(1), "LOC") for match in _NATURE.finditer(text)
    ]
    kept = [
        (start, end, label)
        for start, end, label in entities
        if not any(a < end and start < b for a, b, _ in found)
    ]
    return sorted(kept + found)


def people_trimmed(text: str, entities: Iterable[Span]) -> list[Span]:
    """``entities`` with each person's span cut back to its last capitalised word: a name ends
    in one, and the NER sometimes runs on into the next word ("Зеленський журналістам")."""
    found = []
    for start, end, label in entities:
        if label == "PERS":
            words = [m for m in _WORD.finditer(text, start, end) if m.group()[:1].isupper()]
            if not words:
                continue
            end = words[-1].end()
        found.append((start, end, label))
    return found


# A region's name runs on into "обл", without its full stop, as NER-UK mostly annotates it
# ("Луганська обл" 12 times on DEV, "Івано-Франківська обл." 5).
def regions_extended(text: str, entities: Iterable[Span]) -> list[Span]:
    """``entities`` with a place followed by the abbreviation "обл" (oblast) taking it in
    (not its full stop), as NER-UK annotates regions."""
    found = []
    for start, end, label in entities:
        if label == "LOC" and text.startswith(" обл", end):
            after = end + 4
            if after < len(text) and text[after].isalpha():
                found.append((start, end, label))  # "області" is spelt out: not this rule's
                continue
            end = after
        found.append((start, end, label))
    return found


# A law or code named with its country is a document, and NER-UK annotates no place inside it
# ("Закону України", "Кримінального кодексу України"; "законодавства України" is a place).
_LAW_BEFORE = re.compile(
    r"\b(?:(?i:закон(?:у|ом|і|и|ів|ам|ами|ах)?|кодекс(?:у|ом|і|и|ів)?)|КК|ЦК|КПК|ЦПК) $"
)


def laws_left_out(text: str, entities: Iterable[Span]) -> list[Span]:
    """``entities`` without the places that follow the word of a law or code ("Закону
    України", "КК України"): NER-UK reads the whole as a document."""
    return [
        (start, end, label)
        for start, end, label in entities
        if label != "LOC" or not _LAW_BEFORE.search(text, max(0, start - 40), start)
    ]


def find_places(text: str, entities: Iterable[Span]) -> list[Span]:
    """The NER's ``entities`` after the rules: people cut back to their last capitalised word
    (:func:`people_trimmed`), places by CLDR's names (:func:`with_places`), then streets,
    squares, parks, rivers, mountains, lakes and islands by their head nouns
    (:func:`with_landmarks`), no place right after the word of a law (:func:`laws_left_out`),
    regions run on into "обл" (:func:`regions_extended`), and organisations' quotes closed
    (:func:`parallax.nlp.organisations_uk.quotes_balanced`)."""
    from parallax.nlp.organisations_uk import quotes_balanced

    placed = with_landmarks(text, with_places(text, people_trimmed(text, entities)))
    return quotes_balanced(text, regions_extended(text, laws_left_out(text, placed)))
