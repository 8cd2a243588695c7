"""Lines written in headline case, and the names an NER finds in them.

A page's headline often stays in an article's text as its first line ("Governor Appoints Ex-Aide
to Fill Kerry’s Seat"). Its title-cased verbs read as names ("Appoints Ex-Aide", "Deval Patrick
Names"); a name found in such a line is kept only as far as the article writes it elsewhere.
"""

from __future__ import annotations

import re

__all__ = ["headline_lines", "name_in_body"]

_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_MAX_WORDS = 25


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Return the character ranges of the lines in headline case.

    A line of two to 25 words, with no full stop, question or exclamation mark at its end, in
    which every word of four letters or more starts with a capital. A text that is nothing but
    such lines (a bare headline, a title-only feed entry) has no body to set them apart from:
    none is returned.
    """
    lines: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        start, end = at, at + len(line)
        at = end + 1
        words = _WORD.findall(line)
        stripped = line.rstrip(" \"'”’»")
        if not 2 <= len(words) <= _MAX_WORDS or stripped.endswith((".", "?", "!")):
            continue
        if all(w[0].isupper() for w in words if len(w) >= 4):
            lines.append((start, end))
    return lines if _has_body(text, lines) else []


def _has_body(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether ``text`` has words outside the given lines."""
    edges = [0, *(at for line in lines for at in line), len(text)]
    return any(_WORD.search(text, a, b) for a, b in zip(edges[::2], edges[1::2], strict=True))


def name_in_body(text: str, lines: list[tuple[int, int]], name: str) -> bool:
    """Whether ``name`` is written, as whole words, outside the given lines (or the text has
    nothing outside them to tell: then the name stands)."""
    if not _has_body(text, lines):
        return True
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    return any(
        not any(start <= m.start() < end for start, end in lines) for m in pattern.finditer(text)
    )
