"""One development told twice: two timeline entries of one date whose sentences say the same.

The timeline merges reports of one event across articles by their words
(:mod:`parallax.stories.timeline`); sentences that say the same in other words ("Trump
announced the resumption of arms deliveries to Ukraine" and "President Trump confirmed that
the U.S. would resume weapons shipments to Ukraine"), or twice in one article, stay two
entries. Two developments are one when they have the same date (value and basis) and one
report of each has a MiniLM cosine of :data:`SAME_DEVELOPMENT` or more *and the same doer*
(:func:`doers`: a name in common among the capitalised words of its subject, before its
first verb, or of the speaker after a quote that opens it). Two developments of one day by
different doers ("Sen. Jim DeMint … said Steele must apologize" and "Bill Kristol … said …
Steele still needs to go"; the NAACP's resolution and the tea party organizers' reply) say
much the same in much the same words, so the cosine alone joined them (8 of 26 merges on 50
BASIL dev triplets); a report whose subject names no one (a pronoun, "A group called …")
joins nothing. The subject is read from the sentence's words (no parse at timeline time).

:data:`SAME_DEVELOPMENT` is the cosine that maximises F1 on MRPC's dev pairs
(``../shared/data/comparison/mrpc``: 0.605, F1 0.825): the same date and the same doer
already rule out most pairs of different developments, so the pair decision is MRPC's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from parallax.datelines import read_dateline

SAME_DEVELOPMENT = 0.605
"""The MiniLM cosine from which two reports of one date and doer are one development."""

Embed = Callable[[Sequence[str]], NDArray[np.float32]]

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


_LEADING = frozenset(
    " ".join(
        (
            "In On At After Before When While As But And With Earlier Later Today Yesterday",
            "Also Since During Updated",
        )
    ).split(" ")
)
#: Lowercase words that end a subject: verbs of report and action, auxiliaries, relatives.
_VERBS = frozenset(
    " ".join(
        (
            "said says told tells is was are were has have had will would could can may might",
            "must plans planned who which that",
        )
    ).split(" ")
)
#: A subject that is a pronoun names no one the sentence tells.
_PRONOUNS = frozenset(" ".join(("he she it they we i you", "this that these those")).split(" "))
#: A quote's opening mark and the marks that close it ("Today’s" closes no “…”).
_QUOTES = {"“": '”"', '"': '"”', "‘": "’", "'": "'’"}


def _subject_words(text: str) -> list[str]:
    """The words of a sentence's subject: after a dateline and leading adverbials, up to its
    first verb (a word of :data:`_VERBS`, or a lowercase word in "-ed"), or a comma; for a
    sentence that opens with a quote, the words after the quote (its speaker); none for a
    pronoun subject, nor when nothing ends the subject (a sentence whose verbs these English
    words do not know: "Радослав Сикорский призвал США …" would otherwise make every name a
    doer)."""
    text = text.strip()
    dateline = read_dateline(text)
    text = text[dateline.end :] if dateline is not None else text
    speaker = text[:1] in _QUOTES  # the words after the quote name its speaker, whatever ends them
    if speaker:
        closes = [text.find(mark, 1) for mark in _QUOTES[text[0]] if text.find(mark, 1) > 0]
        if not closes:
            return []
        text = text[min(closes) + 1 :].lstrip(" ,")
        if text.split(" ", 1)[0] in _VERBS:  # "…," said Trump
            text = text.partition(" ")[2]
    while text.split(" ", 1)[0].rstrip(",:") in _LEADING and "," in text[:80]:
        text = text.split(",", 1)[1].lstrip()
    if text.split(" ", 1)[0].lower() in _PRONOUNS:
        return []
    words: list[str] = []
    for word in text.split():
        bare = word.strip(",;:")
        verb = bare.rstrip(".!?")  # "… Jacob J. Lew said."
        if verb.islower() and (verb in _VERBS or verb.endswith("ed")):
            return words
        words.append(bare)
        if word.endswith(",") and len(words) > 1:
            return words
    # Nothing ended the subject (another language's verbs): it is not found.
    return words if speaker else []


def doers(text: str) -> set[str]:
    """Return the names of a sentence's doer: the capitalised words of its subject (titles,
    function words and days left out; "Mr. Romney's" → "Romney"), or of the speaker named
    after a quote that opens it; empty when the subject names no one."""
    found = set()
    for word in _subject_words(text):
        name = re.sub(r"[’']s$", "", word.strip("“”‘’\"'()"))
        if name[:1].isupper() and name.rstrip(".") not in _NOT_ACTORS:
            found.add(name.replace(".", ""))
    return found


def _doer_pairs(
    keys: Sequence[str], reports: Sequence[Sequence[str]]
) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """The candidate pairs ``(i, j)`` of developments (the same key), each with the pairs
    ``(a, b)`` of their reports that share a doer (only those can make them one)."""
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
        return {}
    who = [[doers(text) for text in texts] for texts in reports]
    matched: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for i, j in candidates:
        shared = [
            (a, b)
            for a, mine in enumerate(who[i])
            if mine
            for b, theirs in enumerate(who[j])
            if mine & theirs
        ]
        if shared:
            matched[i, j] = shared
    return matched


def restated_texts(keys: Sequence[str], reports: Sequence[Sequence[str]]) -> list[str]:
    """Return the texts :func:`same_developments` embeds for these developments, each once:
    the reports that share a doer with a report of another development of the same key (a
    caller can embed those of many stories in one call ahead, :class:`~parallax.models.vectors.
    CachedEmbedder`)."""
    return _texts(_doer_pairs(keys, reports), reports)


def _texts(
    matched: dict[tuple[int, int], list[tuple[int, int]]], reports: Sequence[Sequence[str]]
) -> list[str]:
    needed = {(i, a) for (i, _), shared in matched.items() for a, _ in shared}
    needed |= {(j, b) for (_, j), shared in matched.items() for _, b in shared}
    return list(dict.fromkeys(reports[i][a] for i, a in sorted(needed)))


def same_developments(
    keys: Sequence[str],
    reports: Sequence[Sequence[str]],
    embed: Embed,
    *,
    threshold: float = SAME_DEVELOPMENT,
) -> list[tuple[int, int]]:
    """Return the pairs ``(i, j)``, ``i < j``, of developments that are one: the same ``keys``
    (date and basis) and two reports, one of each, with a common doer (:func:`doers`) and
    ``threshold`` cosine or more.

    Only the reports in such a pair of reports are embedded (:func:`restated_texts`): the
    cosine of two reports without a common doer decides nothing.
    """
    matched = _doer_pairs(keys, reports)
    if not matched:
        return []
    texts = _texts(matched, reports)
    found = dict(zip(texts, embed(texts), strict=True))  # L2-normalised rows: dot = cosine
    pairs = []
    for (i, j), shared in matched.items():
        if any(float(found[reports[i][a]] @ found[reports[j][b]]) >= threshold for a, b in shared):
            pairs.append((i, j))
    return pairs
