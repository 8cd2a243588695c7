"""Countries, regions and cities by their names in Russian, Ukrainian and English (Unicode CLDR).

Some places are not one name in two scripts but two words: "Германия", "Німеччина" and
"Germany". CLDR's territory names (through Babel, BSD-3; the data ships inside its wheel) say
that all three are territory ``DE``; its time zones' exemplar cities say that "Москва" and
"Moscow" are the city of ``Europe/Moscow``, and "Киев", "Київ", "Kyiv" and "Kiev" that of
``Europe/Kiev``. :func:`join_territories` joins a Cyrillic name to every other name of its
territory or city (a name that is both, "Монако", is the territory). English names join only a
place a Cyrillic name has named, so an English corpus merges as before.

Babel drops CLDR's short and variant forms, so the countries' ISO 3166 names, official names and
common names come from pycountry too (LGPL-2.1; its ru and uk translations are iso-codes',
inside its wheel): "Российская Федерация", "Федеративна Республіка Німеччина", "Соединённое
Королевство". A multi-word name also gives the name's initials ("ФРГ", "ФРН", "РФ", "США",
"ЕС", "ЄС") and its stump compound ("Евросоюз", "Євросоюз": a head of the first word, then the
rest), see :mod:`parallax.nlp.short_names`. "ё" is read as "е", as the news writes it.

Two kinds of name no library ships are added here. :data:`COMMON_NAMES`: the everyday names of a
few countries that CLDR and ISO 3166 lack ("Британия", "Britain"). And the adjectives and
demonyms the news uses for a country as a place or an actor ("российские военные",
"россияне", "британский премьер"): :func:`derived_forms` builds them from each one-word Russian
or Ukrainian territory name by the regular suffixes ("Россия" -> "российский", "россияне";
"Україна" -> "український", "українці"), and :data:`IRREGULAR_FORMS` holds the few that no
suffix makes ("немецкий" of "Германия"). A derived form that two territories share is dropped,
as every other name is; one that is no word is never met.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

import pycountry
from babel import Locale

from parallax.nlp.gazetteer import name_key
from parallax.nlp.short_names import initials, stump_compounds
from parallax.nlp.transliteration import has_cyrillic

__all__ = ["LANGUAGES", "demonym", "derived_forms", "join_territories", "place_code", "territory"]

#: The languages whose territory names are read.
LANGUAGES = ("en", "ru", "uk")


def _key(name: str) -> str:
    return name_key(name).replace("ё", "е")


#: Everyday names of countries that neither CLDR nor ISO 3166 lists (their official and short
#: names are there: "Великобритания", "Соединённое Королевство", "United Kingdom").
COMMON_NAMES: dict[str, tuple[str, ...]] = {
    "GB": ("Британия", "Британія", "Britain", "Great Britain", "Сполучене Королівство"),
}
#: Adjectives and demonyms of a country that no regular suffix makes from its name.
IRREGULAR_FORMS: dict[str, tuple[str, ...]] = {
    "DE": ("немецкий", "немцы", "немец", "німецький", "німці", "німець"),
}
# Endings of a territory name and the adjective and demonym endings that replace them, Russian
# then Ukrainian: "росс|ия" -> "росс|ийский", "росс|ияне"; "британ|ия" -> "британ|ский",
# "британ|цы"; "украин|а" -> "украин|ский", "украин|цы"; "европ|а" -> "европ|ейский",
# "европ|ейцы"; "рос|ія" -> "рос|ійський", "рос|іяни"; "україн|а" -> "україн|ський", "україн|ці".
_SUFFIXES = (
    ("ия", ("ийский", "ияне", "иянин", "ийцы", "ский", "цы")),
    ("ія", ("ійський", "іяни", "іянин", "ійці", "ський", "ці")),
    ("а", ("ский", "цы", "анский", "анцы", "ейский", "ейцы")),
    ("а", ("ський", "ці", "анський", "анці", "ейський", "ейці")),
)
_MIN_STEM = 3
_ADJECTIVE_FORMS = (("ский", ("ская", "ское", "ские")), ("ський", ("ська", "ське", "ські")))


def derived_forms(key: str) -> Iterator[str]:
    """Yield the adjective and demonym base forms a one-word Cyrillic territory name key makes
    by the regular suffixes ("россия" -> "российский", "россияне", …)."""
    if " " in key or "-" in key or not has_cyrillic(key):
        return
    for ending, suffixes in _SUFFIXES:
        stem = key.removesuffix(ending)
        if stem != key and len(stem) >= _MIN_STEM:
            for suffix in suffixes:
                yield stem + suffix
                # An adjective's other nominatives: a base form may keep the noun's gender or
                # number ("российская сторона", "российские военные").
                for masculine, others in _ADJECTIVE_FORMS:
                    if suffix.endswith(masculine):
                        base = stem + suffix.removesuffix(masculine)
                        yield from (base + other for other in others)


def _iso_names() -> Iterator[tuple[str, str]]:
    """``(code, name)``: each country's ISO 3166 names (name, official and common name) in
    English and in :data:`LANGUAGES`' translations that pycountry ships."""
    translations = {
        language: gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
        )
        for language in LANGUAGES
    }
    for country in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            name = getattr(country, field, None)
            if name:
                for translation in translations.values():
                    yield country.alpha_2, translation.gettext(name)


@lru_cache(maxsize=1)
def _territories() -> dict[str, str]:
    """``{name key: territory code}`` over :data:`LANGUAGES` (CLDR and ISO 3166 names, their
    initials and stump compounds); a key two territories share is left out."""
    found: dict[str, set[str]] = {}
    for code, name in _names():
        key = _key(name)
        for form in (key, initials(key), *stump_compounds(key)):
            if form:
                found.setdefault(form, set()).add(code)
    return {key: codes.pop() for key, codes in found.items() if len(codes) == 1}


def _names() -> list[tuple[str, str]]:
    """``(code, name)`` of every territory: CLDR's, ISO 3166's and :data:`COMMON_NAMES`."""
    names = [(code, name) for language in LANGUAGES for code, name in
             Locale(language).territories.items()] + list(_iso_names())  # fmt: skip
    return names + [(code, name) for code, common in COMMON_NAMES.items() for name in common]


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """``{adjective or demonym key: territory code}``: :func:`derived_forms` of every territory
    name and :data:`IRREGULAR_FORMS`; a form two territories share, or that is also a name, is
    left out."""
    found: dict[str, set[str]] = {}
    for code, name in _names():
        for form in derived_forms(_key(name)):
            found.setdefault(form, set()).add(code)
    for code, forms in IRREGULAR_FORMS.items():
        for form in forms:
            found.setdefault(_key(form), set()).add(code)
    names = _territories()
    return {
        key: codes.pop() for key, codes in found.items() if len(codes) == 1 and key not in names
    }


def demonym(key: str) -> str | None:
    """Return the territory code whose adjective or demonym a name key is ("россияне" -> "RU",
    "немецкий" -> "DE"), else None: a mention of it stands for the country, as a place or as
    an actor, never for a person. It is not the territory's name (:func:`territory`)."""
    return _demonyms().get(key.replace("ё", "е"))


def place_code(key: str) -> str | None:
    """Return the territory or city a name key names (:func:`territory`), or the country whose
    adjective or demonym it is (:func:`demonym`), or None."""
    return territory(key) or demonym(key)


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """``{name key: time zone id}`` of CLDR's exemplar cities over :data:`LANGUAGES` (English
    names also from the zone id, "Europe/Kiev" -> "Kiev"); a name two zones share is left out."""
    found: dict[str, set[str]] = {}
    for language in LANGUAGES:
        for zone, names in Locale(language).time_zones.items():
            english = zone.rsplit("/", 1)[-1].replace("_", " ")  # "America/New_York"
            for city in {names.get("city"), english}:
                if city:
                    found.setdefault(_key(city), set()).add(zone)
    return {key: zones.pop() for key, zones in found.items() if len(zones) == 1}


def territory(key: str) -> str | None:
    """Return the CLDR territory code a name key names ("германия" -> "DE"), else the time zone
    whose exemplar city it names ("москва" -> "Europe/Moscow"), or None."""
    key = key.replace("ё", "е")
    return _territories().get(key) or _cities().get(key)


def join_territories(keys: Iterable[str], *, union: Callable[[str, str], None]) -> None:
    """Join the name keys of one territory, when a Cyrillic name names it.

    Args:
        keys: The name keys of one label (places: GPE or LOC).
        union: Join two keys' groups; a territory is joined through the key ``"\\0" + code``,
            which names no mention.
    """
    keys = list(keys)
    named = {code for key in keys if has_cyrillic(key) and (code := place_code(key))}
    for key in keys:
        code = place_code(key)
        if code in named:
            union(key, f"\0{code}")
