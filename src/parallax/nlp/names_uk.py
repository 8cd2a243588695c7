"""The base form of a Ukrainian name: "Володимира Зеленського" -> "Володимир Зеленський".

pymorphy3 (with its Ukrainian dictionary, ``pymorphy3-dicts-uk``, GPLv3) gives each word every
reading it can have; a name's words agree in case and number (and gender in the singular), so the
reading is the one they share: "Юлії Тимошенко" is read in the genitive feminine ("Юлія"), never
as the locative of the masculine "Юлій". A singular reading wins over a plural one ("України" is
the genitive of "Україна", not its plural), the nominative over the others, then the cases in the
order news uses them. A person's every word is put in the nominative; in a place's or an
organisation's name only the head noun and the adjectives before it are, the rest being its
dependents ("Міністерства закордонних справ" -> "Міністерство закордонних справ",
"Сполучених Штатах Америки" -> "Сполучені Штати Америки"). Readings that do not fit the label
are set aside when others remain (a person's name, not the noun "володимир"; the city
"Лондон", not the surname). Abbreviations, Latin words and numbers are kept as written, and so
are a person's words the dictionary does not know but reads as indeclinable ("Ентоні Фаучі",
never "Фауч"); where a person's words share no reading, a woman's surname in a consonant does not
inflect and the first name alone gives the case ("Камілли Столтенберг" -> "Камілла Столтенберг").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

__all__ = ["base_form", "morph"]

_WORD = re.compile(r"[А-ЩЬЮЯЄІЇҐа-щьюяєіїґ][А-ЩЬЮЯЄІЇҐа-щьюяєіїґ'’ʼ]*")
_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
# The cases in the order news puts names in them, most often first.
_CASES = ("nomn", "gent", "loct", "datv", "accs", "ablt", "voct")
_HEAD_POS = frozenset({"NOUN"})
# How nouns that do not inflect end: "Фаучі", "Сонді", "Шоу", "Бруно" (never in -а, -я or a
# consonant, which inflect).
_INDECLINABLE_ENDINGS = frozenset("іїуюоеи")
_MODIFIER_POS = frozenset({"ADJF", "PRTF", "NUMR"})

Key = tuple[str, str, str | None]  # case, number, gender (None in the plural)


@lru_cache(maxsize=1)
def morph() -> Any:
    """pymorphy3's Ukrainian analyser, loaded once per process."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def _key(parse: Any) -> Key | None:
    tag = parse.tag
    if tag.case is None:
        return None
    # The Ukrainian dictionary marks the plural only: a word without "plur" is singular.
    number = "plur" if "plur" in tag else "sing"
    return tag.case, number, None if number == "plur" else tag.gender


def _fits(parse: Any, label: str) -> bool:
    tag = parse.tag
    if label == "PERSON":
        return bool(_NAME_TAGS & tag.grammemes) or tag.POS == "ADJF"
    return "anim" not in tag and not _NAME_TAGS & tag.grammemes


def _readings(word: str, label: str) -> list[Any]:
    parses = [p for p in morph().parse(word) if _key(p) is not None]
    fitting = [p for p in parses if _fits(p, label)]
    return fitting or parses


def _indeclinable(word: str) -> bool:
    """A word the dictionary does not know that it reads as indeclinable ("Фаучі", "Сонді"):
    its other readings are guesses ("Фаучі" as the locative of a "Фауч")."""
    analyser = morph()
    return (
        word[-1:].lower() in _INDECLINABLE_ENDINGS
        and not analyser.word_is_known(word.lower())
        and any("Fixd" in p.tag for p in analyser.parse(word))
    )


def _is_first_name(readings: Sequence[Any]) -> bool:
    return bool(readings) and all("Name" in p.tag for p in readings)


def _run(words: Sequence[str], label: str) -> int:
    """How many words, from the first, are put in the nominative."""
    if label == "PERSON":
        return len(words)
    for i, word in enumerate(words):
        kinds = {p.tag.POS for p in _readings(word, label)}
        if kinds & _MODIFIER_POS and i + 1 < len(words):
            continue  # "Білого дому": an adjective before a noun, though it can be a noun
        if kinds & _HEAD_POS:
            return i + 1
        if not kinds & _MODIFIER_POS:
            return i
    return len(words)


def _rank(key: Key) -> tuple[bool, bool, int]:
    """Singular before plural, a person's gender before the neuter, then the case."""
    case = _CASES.index(key[0]) if key[0] in _CASES else len(_CASES)
    return key[1] == "plur", key[2] == "neut", case


def _styled(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def base_form(text: str, label: str) -> str:
    """Return ``text``, a name labelled PERSON, GPE, LOC or ORG, in its base form."""
    found = [m for m in _WORD.finditer(text) if not (m.group().isupper() and len(m.group()) > 1)]
    words = [m.group() for m in found]
    run = _run(words, label)
    if run == 0:
        return text
    readings = [_readings(word, label) for word in words[:run]]
    if label == "PERSON":  # foreign surnames that do not inflect are kept as written
        kept = [_indeclinable(word) for word in words[:run]]
        readings = [[] if fixed else r for fixed, r in zip(kept, readings, strict=True)]
    keys = [{k for p in r if (k := _key(p))} for r in readings if r or label != "PERSON"]
    shared: set[Key] = set.intersection(*keys) if keys else set()
    # "Камілли Столтенберг": a woman's surname in a consonant does not inflect; a first name
    # read only in another case than the nominative says the case.
    inflected = len(keys) > 1 and ("nomn", "sing") not in {k[:2] for k in keys[0]}
    first = {k for k in keys[0] if k[1] == "sing"} if inflected else set()
    if not shared and label == "PERSON" and first and _is_first_name(readings[0]):
        readings = [readings[0]] + [[] for _ in readings[1:]]
        shared = first
    if not shared:
        return text
    best = min(shared, key=lambda key: (_rank(key), str(key)))  # ties: the same every run
    if best[0] == "nomn":
        return text
    pieces, last = [], 0
    for match, options in zip(found, readings, strict=False):
        if not options:
            continue
        reading = next(p for p in options if _key(p) == best)
        nominative = reading.inflect({"nomn"})
        word = nominative.word if nominative is not None else match.group()
        pieces += [text[last : match.start()], _styled(word, match.group())]
        last = match.end()
    return "".join(pieces) + text[last:]
