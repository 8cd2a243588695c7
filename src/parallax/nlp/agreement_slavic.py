"""Whether a person named in Russian or Ukrainian can be the subject of a speech verb or pronoun.

A Russian or Ukrainian past-tense verb and a third-person pronoun say the gender and number of
who spoke: "заявила", "вона" are a woman; "заявил", "сказав", "он" a man; "заявили", "говорят",
"вони" several people or an institution, never one person. A person's gender is read from the
base form of the name: a first name ending in -а/-я is a woman's ("Урсула", "Наталья"; "Никита",
"Микола" and the other men's names in -а are listed), in a consonant or -й a man's ("Питер",
"Сергей", "Peter"); a Slavic surname's ending says it when there is no first name ("Голикова",
"Шмыгаль" says nothing). Names this cannot read (foreign surnames alone) agree with everything.
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["Form", "name_gender", "pronoun_form", "verb_form"]

#: A gender or number: "m" (one man), "f" (one woman), "pl" (several, or an institution).
Form = Literal["m", "f", "pl"]

_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_PRONOUNS: dict[str, Form] = {
    "он": "m", "она": "f", "они": "pl", "він": "m", "вона": "f", "вони": "pl",
}  # fmt: skip
# Men's first names that end in -а/-я, as base forms are written in both languages.
_MEN_IN_A = frozenset((
    "никита", "илья", "фома", "кузьма", "лука", "савва", "данила", "гаврила", "миша", "саша",
    "паша", "дима", "коля", "петя", "ваня", "вася", "женя", "гоша", "лёша", "леша", "сеня",
    "юра", "толя", "слава", "микола", "ілля", "хома", "сава", "мустафа", "хамза", "муса", "иса",
))  # fmt: skip
# Women's first names that end in a consonant (foreign ones news writes often).
_WOMEN_IN_CONSONANT = frozenset((
    "ингрид", "інгрід", "кэтрин", "кетрін", "элизабет", "елізабет", "рут", "эстер", "естер",
    "любовь", "любов", "адель", "нинель", "изабель", "ізабель", "рэйчел", "рейчел", "кармен",
))  # fmt: skip
_SURNAME_ENDINGS: tuple[tuple[str, Form], ...] = (
    ("ская", "f"), ("цкая", "f"), ("ська", "f"), ("цька", "f"),
    ("ова", "f"), ("ева", "f"), ("ёва", "f"), ("єва", "f"), ("ина", "f"), ("ына", "f"),
    ("іна", "f"), ("їна", "f"),
    ("ский", "m"), ("цкий", "m"), ("ський", "m"), ("цький", "m"),
    ("ов", "m"), ("ев", "m"), ("ёв", "m"), ("єв", "m"), ("ин", "m"), ("ын", "m"), ("ін", "m"),
    ("їн", "m"),
)  # fmt: skip
_PARTICLES = frozenset({"фон", "дер", "де", "ван", "ди", "да", "дю", "ле", "ла", "эль", "ель"})


def verb_form(verb: str, text: str) -> Form | None:
    """The gender or number a speech verb says of its subject, if it says one.

    ``text`` is the article: a past verb in -в is a man in Ukrainian ("сказав"), a gerund in
    Russian ("уточнив"), which says nothing.
    """
    word = verb.lower().removesuffix("ся").removesuffix("сь")
    if word.endswith("ла"):
        return "f"
    if word.endswith(("ли", "ят", "ат", "ют", "ут", "ють", "уть", "ять", "ать")):
        return "pl"
    if word.endswith("л") or (word.endswith("в") and _UKRAINIAN_LETTERS.search(text)):
        return "m"
    return None


def pronoun_form(word: str) -> Form | None:
    """The gender or number of a third-person pronoun ("она" → "f"), else None."""
    return _PRONOUNS.get(word.lower())


def name_gender(name: str) -> Form | None:
    """A person's gender read from the base form of their name, or None where it cannot be."""
    words = [w for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", name.lower())
             if w not in _PARTICLES]  # fmt: skip
    if not words:
        return None
    if len(words) > 1 and len(words[0]) > 1:
        first = words[0]
        if first.endswith(("а", "я")):
            return "m" if first in _MEN_IN_A else "f"
        if first in _WOMEN_IN_CONSONANT:
            return "f"
        if re.search(r"[бвгджзйклмнпрстфхцчшщbcdfgjklmnpqrstvwxz]$", first):
            return "m"
    for ending, form in _SURNAME_ENDINGS:
        if words[-1].endswith(ending) and len(words[-1]) > len(ending) + 2:
            return form
    return None
