"""Short names of a multi-word name: its initials ("ЕС") and its stump compound ("Евросоюз").

Russian and Ukrainian news name an organisation or a country by its full name, by the capital
initials of its words ("Европейский союз" -> "ЕС", "Європейський Союз" -> "ЄС", "Российская
Федерация" -> "РФ") or by a stump compound, a head of the first word joined to the rest
("Европейский союз" -> "Евросоюз"). Transliteration cannot join these (they do not sound alike),
but the full name in the same corpus (or in CLDR and ISO 3166, :mod:`parallax.nlp.territories`)
says what each stands for. :func:`join_short_names` joins, within one label, each short name to
the one group of names that has it as initials or as a stump compound; a short name two groups
could stand for joins neither.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping

__all__ = ["initials", "join_short_names", "stump_compounds"]

_WORD = re.compile(r"[^\W\d_]+")
#: The shortest head of a stump compound's first word ("евро" of "европейский").
MIN_HEAD = 3
#: The longest abbreviation read as initials (letters).
MAX_INITIALS = 6


def initials(key: str) -> str | None:
    """Return the initials of a name key of two or more words of letters ("российская
    федерация" -> "рф"), else None. Hyphenated names give none: "Рим-Фьюмичино" is not "РФ"."""
    words = key.split()
    if not 2 <= len(words) <= MAX_INITIALS or not all(_WORD.fullmatch(w) for w in words):
        return None
    return "".join(word[0] for word in words)


def stump_compounds(key: str) -> Iterator[str]:
    """Yield the stump compounds of a two-word name key: each head of the first word (at least
    :data:`MIN_HEAD` letters, two letters short of the word at most) joined to the second
    ("европейский союз" -> "евросоюз", among others)."""
    words = key.split()
    if len(words) != 2 or not all(word.isalpha() for word in words):
        return
    first, second = words
    for end in range(MIN_HEAD, len(first) - 1):
        yield first[:end] + second


def _is_abbreviation(spellings: Counter[str]) -> bool:
    """Whether a name is written in capitals, as an abbreviation is ("ЕС", "США")."""
    letters = [char for spelling in spellings for char in spelling if char.isalpha()]
    return 2 <= len(letters) // max(len(spellings), 1) <= MAX_INITIALS and all(
        char.isupper() for char in letters
    )


def join_short_names(
    names: Mapping[str, Counter[str]],
    *,
    find: Callable[[str], str],
    union: Callable[[str, str], None],
) -> None:
    """Join each short name key to the one group whose multi-word names it abbreviates.

    Args:
        names: The name keys of one label, each with its spellings as written.
        find: The group a key is in now.
        union: Join two keys' groups.
    """
    by_initials: dict[str, set[str]] = {}
    by_compound: dict[str, set[str]] = {}
    for key in names:
        short = initials(key)
        if short:
            by_initials.setdefault(short, set()).add(find(key))
        for compound in stump_compounds(key):
            by_compound.setdefault(compound, set()).add(find(key))
    for key in sorted(names):
        if " " in key:
            continue
        if _is_abbreviation(names[key]):
            owners = by_initials.get(key.replace(".", ""), set())
        else:
            owners = by_compound.get(key, set())
        owners = {find(owner) for owner in owners}  # groups may have joined since
        if len(owners) == 1:
            union(key, owners.pop())
