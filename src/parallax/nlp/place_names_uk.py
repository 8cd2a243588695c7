"""Ukrainian place names by their lemmas: countries, subdivisions and cities, inflected or not.

:func:`parallax.nlp.places_uk.is_place` reads a name as written or in its base form; this module
reads it word by word in pymorphy3's lemmas (:func:`lemma_key`: "Луганської області" ->
"луганський область", "України" -> "україна", "Харкова" -> "харків"), so every inflected form
of a name meets the one entry of its nominative. The entries, with no data beyond the
libraries' own:

- countries: ISO 3166-1 names in Ukrainian (pycountry's iso-codes translations, gettext domain
  ``iso3166-1``) and CLDR's (:mod:`parallax.nlp.territories`);
- subdivisions: ISO 3166-2 names in Ukrainian (domain ``iso3166-2``: every country's regions,
  provinces and the cities that are subdivisions, "Донецька область", "Севастополь", "Гавана"),
  with "обл." and "р-н" read as "область" and "район";
- cities: CLDR's exemplar cities in Ukrainian;
- adjectives of a country ("український", "російська"; :func:`parallax.nlp.territories.demonym`).

:func:`place_kind` says which of these a name is; :func:`name_readings` says which of a span's
words pymorphy3 can read as a first name, surname or patronymic (grammemes ``Name``, ``Surn``,
``Patr``), the span re-typer's evidence for a person (:mod:`parallax.nlp.ner_retype`).
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry
from babel import Locale

from parallax.nlp.names_uk import morph
from parallax.nlp.territories import demonym

__all__ = ["grammemes", "lemma", "lemma_key", "name_readings", "place_kind"]

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
_NAME_TAGS = ("Name", "Surn", "Patr")
#: The grammemes :func:`grammemes` reports: animacy (places and organisations are inanimate,
#: people animate), case (the locative of "у Збаражі"), gender, number, part of speech,
#: abbreviation and the person-name grammemes.
_KEPT_GRAMMEMES = frozenset(
    (
        *("anim", "inan", "loct", "gent", "nomn", "datv", "accs", "ablt"),
        *("femn", "masc", "neut", "plur", "ADJF", "NOUN", "Abbr"),
        *_NAME_TAGS,
    )
)
#: Abbreviations of a subdivision's head noun, as the news writes them.
_ABBREVIATIONS = {"обл": "область", "р-н": "район", "м": "місто", "с": "село"}


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The lemma of one word, lowercased: the first reading of pymorphy3's that is no person's
    name and not animate (a place's), else its first reading; a word it cannot read is kept."""
    word = word.lower().replace("’", "'").replace("ʼ", "'")
    if word in _ABBREVIATIONS:
        return _ABBREVIATIONS[word]
    parses = morph().parse(word)
    if not parses:
        return word
    for parse in parses:
        grammemes = parse.tag.grammemes
        if "anim" not in grammemes and not any(t in grammemes for t in _NAME_TAGS):
            return str(parse.normal_form)
    return str(parses[0].normal_form)


@lru_cache(maxsize=65536)
def grammemes(word: str) -> tuple[frozenset[str], bool]:
    """The grammemes of interest (animacy, case, gender, number, part of speech, abbreviation,
    person-name grammemes) that some pymorphy3 reading of ``word`` has, and whether pymorphy3's
    dictionary knows the word (else its readings are guessed from the ending)."""
    word = word.lower()
    found = frozenset(
        t for parse in morph().parse(word) for t in parse.tag.grammemes if t in _KEPT_GRAMMEMES
    )
    return found, bool(morph().word_is_known(word))


def lemma_key(name: str) -> str:
    """``name``'s words in their lemmas, joined by spaces ("Луганської обл." ->
    "луганський область")."""
    return " ".join(lemma(word) for word in _WORD.findall(name))


def _translated(domain: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["uk"], fallback=True)


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """``{lemma key: kind}``: countries, then subdivisions, then cities (the first kind wins)."""
    found: dict[str, str] = {}

    def add(name: str, kind: str) -> None:
        key = lemma_key(name)
        if key and key not in found:
            found[key] = kind

    countries = _translated("iso3166-1")
    for country in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            if value := getattr(country, field, None):
                add(countries.gettext(value), "country")
    for name in Locale("uk").territories.values():
        add(name, "country")
    subdivisions = _translated("iso3166-2")
    for subdivision in pycountry.subdivisions:
        translated = subdivisions.gettext(subdivision.name)
        if translated != subdivision.name:
            add(translated, "region")
    for names in Locale("uk").time_zones.values():
        if city := names.get("city"):
            add(city, "city")
    return found


def place_kind(name: str) -> str | None:
    """Which place ``name`` is by its lemmas: ``"country"``, ``"region"`` (an ISO 3166-2
    subdivision), ``"city"`` (a CLDR exemplar city) or ``"adjective"`` (of a country), else
    None. Its words must be capitalised, but for a subdivision's head noun ("області")."""
    words = _WORD.findall(name)
    if not words or not words[0][:1].isupper():
        return None
    key = lemma_key(name)
    kind = _places().get(key)
    if kind is not None:
        return kind
    if len(words) == 1:
        forms = {str(p.normal_form) for p in morph().parse(words[0].lower())}
        if any(demonym(form) is not None for form in forms):
            return "adjective"
    return None


def name_readings(name: str) -> frozenset[str]:
    """The person-name grammemes (``Name``, ``Surn``, ``Patr``) some reading of some capitalised
    word of ``name`` has, plus ``"all"`` when every word has one."""
    found: set[str] = set()
    every = True
    words = _WORD.findall(name)
    for word in words:
        tags = {t for p in morph().parse(word.lower()) for t in _NAME_TAGS if t in p.tag.grammemes}
        found |= tags
        every = every and bool(tags)
    if words and every and found:
        found.add("all")
    return frozenset(found)
