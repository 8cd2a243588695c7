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

__all__ = ["LANGUAGES", "join_territories", "territory"]

#: The languages whose territory names are read.
LANGUAGES = ("en", "ru", "uk")


def _key(name: str) -> str:
    return name_key(name).replace("ё", "е")


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
    names = [(code, name) for language in LANGUAGES for code, name in
             Locale(language).territories.items()] + list(_iso_names())  # fmt: skip
    for code, name in names:
        key = _key(name)
        for form in (key, initials(key), *stump_compounds(key)):
            if form:
                found.setdefault(form, set()).add(code)
    return {key: codes.pop() for key, codes in found.items() if len(codes) == 1}


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
    named = {code for key in keys if has_cyrillic(key) and (code := territory(key))}
    for key in keys:
        code = territory(key)
        if code in named:
            union(key, f"\0{code}")
