"""One development told twice: two timeline entries of one date whose sentences say the same.

The timeline merges reports of one event across articles by their words
(:mod:`parallax.stories.timeline`); sentences that say the same in other words ("Trump
announced the resumption of arms deliveries to Ukraine" and "President Trump confirmed that
the U.S. would resume weapons shipments to Ukraine"), or twice in one article, stay two
entries. Two developments are one when they have the same date (value and basis), name a
common actor (:func:`actors`: a capitalised name other than a sentence's first word) and one
report of each has a MiniLM cosine of :data:`SAME_DEVELOPMENT` or more.

:data:`SAME_DEVELOPMENT` is the cosine that maximises F1 on MRPC's dev pairs
(``../shared/data/comparison/mrpc``: 0.605, F1 0.825): the same date and a common actor
already rule out most pairs of different developments, so the pair decision is MRPC's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

SAME_DEVELOPMENT = 0.605
"""The MiniLM cosine from which two reports of one date and actor are one development."""

Embed = Callable[[Sequence[str]], NDArray[np.float32]]

_NAME = re.compile(r"[A-Z][\w’'.\-]*[\w.]")
#: Capitalised words that name no actor: function words, pronouns, days and months.
_NOT_ACTORS = frozenset(
    " ".join(
        (
            "A An The This That These Those In On At As But And Or If When While After",
            "Before Since He She It They We I You His Her Its Their Our My Your",
            "Mr Mrs Ms Dr Rep Sen Gov President Monday Tuesday Wednesday Thursday Friday",
            "Saturday Sunday January February March April May June July August September",
            "October November December",
        )
    ).split(" ")
)


def actors(text: str) -> set[str]:
    """Return the names a sentence mentions: its capitalised words, less its first word and
    words that name no one (:data:`_NOT_ACTORS`); "U.S." and "US" are one name."""
    found = set()
    for match in _NAME.finditer(text):
        word = match.group().rstrip(".") if not match.group().endswith(".S.") else match.group()
        if match.start() == len(text) - len(text.lstrip(" “\"'‘(")) or word in _NOT_ACTORS:
            continue
        found.add(re.sub(r"[’']s$", "", word).replace(".", ""))
    return found


def same_developments(
    keys: Sequence[str],
    reports: Sequence[Sequence[str]],
    embed: Embed,
    *,
    threshold: float = SAME_DEVELOPMENT,
) -> list[tuple[int, int]]:
    """Return the pairs ``(i, j)``, ``i < j``, of developments that are one: the same ``keys``
    (date and basis), a common actor in their ``reports`` and two reports, one of each, at
    ``threshold`` cosine or more."""
    by_key: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        by_key.setdefault(key, []).append(index)
    candidates = [
        (i, j)
        for members in by_key.values()
        for n, i in enumerate(members)
        for j in members[n + 1 :]
    ]
    if not candidates:
        return []
    names = [set().union(*(actors(text) for text in texts)) for texts in reports]
    candidates = [(i, j) for i, j in candidates if names[i] & names[j]]
    if not candidates:
        return []
    wanted = sorted({index for pair in candidates for index in pair})
    texts = [text for index in wanted for text in reports[index]]
    vectors = embed(texts)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(norms > 0, norms, 1.0)
    rows: dict[int, NDArray[np.float64]] = {}
    at = 0
    for index in wanted:
        rows[index] = unit[at : at + len(reports[index])]
        at += len(reports[index])
    return [(i, j) for i, j in candidates if float((rows[i] @ rows[j].T).max()) >= threshold]
