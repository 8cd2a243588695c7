"""Whether two claims describe one event, and the words around a value (its slot).

The conflict rules (:mod:`parallax.compare.conflicts`) call a difference a contradiction only
when the two claims, with the differing values blanked out, still describe the same event, and
the two values fill the same slot of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parallax.models.text import STOP_WORDS, content_terms, stem, word_spans

SAME_EVENT_SHARE = 0.5  # share of content words (outside what conflicts) for one event
MIN_SHARED_EVENT = 3  # content words (outside what conflicts) two claims must share
SLOT_WIDTH = 2  # content words each side of a value that make its slot
SLOT_WORDS = 4  # ... among this many nearest words

_SLOT_BOUNDARY = re.compile(r"[,;:()\[\]—–]|\s-\s")


def terms(text: str) -> set[str]:
    """Return the content words of ``text``, numbers left out."""
    return {t for t in content_terms(text) if not t.isdigit()}


def shared_event(first: str, second: str) -> set[str]:
    """Return the content words two texts share."""
    return terms(first) & terms(second)


def masked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Return ``text`` with the given spans (offsets into it) blanked out."""
    kept = list(text)
    for start, end in spans:
        for k in range(max(0, start), min(len(kept), end)):
            kept[k] = " "
    return "".join(kept)


def same_event(rest_a: str, rest_b: str, share: float = SAME_EVENT_SHARE) -> bool:
    """Whether two claims, with what conflicts between them blanked out, describe one event:
    they share at least :data:`MIN_SHARED_EVENT` content words, and at least ``share`` of the
    shorter claim's content words."""
    terms_a, terms_b = terms(rest_a), terms(rest_b)
    shared = terms_a & terms_b
    if len(shared) < MIN_SHARED_EVENT or not terms_a or not terms_b:
        return False
    return len(shared) / min(len(terms_a), len(terms_b)) >= share


def slot(text: str, start: int, end: int, width: int = SLOT_WIDTH) -> set[str]:
    """Return the content words next to ``text[start:end]``: up to ``width`` on each side,
    among the :data:`SLOT_WORDS` nearest words, within its clause (commas, dashes, brackets
    and colons bound it).

    Two values fill the same slot of one event when their slots share a word ("*Russian*
    drone pilots" / "*Ukrainian* drone pilots"); a dateline ("DENVER —") has an empty slot.
    """
    found: set[str] = set()
    spans = word_spans(text)
    before = [w for w in spans if w[1] <= start][::-1]
    after = [w for w in spans if w[0] >= end]
    for side, edge in ((before, start), (after, end)):
        taken = 0
        cursor = edge
        for s, e, word in side[:SLOT_WORDS]:
            gap = text[e:cursor] if s < edge else text[cursor:s]
            if _SLOT_BOUNDARY.search(gap):
                break
            cursor = s if s < edge else e
            if word in STOP_WORDS or len(word) < 2 or word.isdigit():
                continue
            found.add(stem(word))
            taken += 1
            if taken == width:
                break
    return found
