"""Whether two entity names may name one entity ("Mike Elliott" / "Michael Elliott")."""

from __future__ import annotations

from difflib import SequenceMatcher

from parallax.models.text import STOP_WORDS, words

SPELLING_RATIO = 0.8  # two name words this alike are one name spelt two ways

# Words of entity names that do not tell two entities apart ("United States"/"United Nations").
_GENERIC_NAME_WORDS = frozenset((
    "the", "of", "and", "for", "united", "states", "state", "new", "north", "south", "east",
    "west", "national", "democratic", "republic", "republican", "city", "county", "university",
    "group", "department", "ministry",
))  # fmt: skip


def name_tokens(name: str) -> set[str]:
    return {w for w in words(name) if len(w) > 1} - _GENERIC_NAME_WORDS


def _initials(name: str) -> str:
    return "".join(w[0] for w in words(name) if w not in STOP_WORDS)


def _one_word_forms(first: list[str], second: list[str]) -> bool:
    if len(first) != 1 or len(second) != 1:
        return False
    shared = 0
    for x, y in zip(first[0], second[0], strict=False):
        if x != y:
            break
        shared += 1
    return shared >= 4 and shared >= min(6, len(first[0]), len(second[0]))


def name_variants(first: str, second: str) -> bool:
    """Whether two entity names may name one entity: they share a distinctive word (a surname:
    "Michael Elliott" / "Mike Elliott", "Steele" / "Michael Steele"), or one is the other's
    initials ("RNC" / "Republican National Committee"), or a word of one is a word of the other
    spelt another way ("Moammar" / "Muammar")."""
    tokens_a, tokens_b = name_tokens(first), name_tokens(second)
    if tokens_a & tokens_b:
        return True
    if _one_word_forms(words(first), words(second)):
        return True  # one word in two forms ("Democratic" / "Democrats")
    if any(
        SequenceMatcher(None, x, y).ratio() >= SPELLING_RATIO
        for x in tokens_a
        for y in tokens_b
        if len(x) > 3 and len(y) > 3
    ):
        return True  # one name spelt two ways ("Moammar" / "Muammar")
    short_a = "".join(words(first.replace(".", "")))
    short_b = "".join(words(second.replace(".", "")))
    return (len(short_a) >= 2 and short_a == _initials(second)) or (
        len(short_b) >= 2 and short_b == _initials(first)
    )
