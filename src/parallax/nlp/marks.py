"""Quote marks: pair them into quoted passages, within a paragraph.

Double marks first: curly (“…”), straight ("…"), the two-apostrophe marks of some wire and
newspaper texts (''…''), guillemets, and mismatched pairs ("…”). An unclosed double quote runs
to the end of its paragraph when the next paragraph opens another (the newspaper convention for
quotes over several paragraphs); an unclosed curly one that the next paragraph does not reopen
runs to a closing mark that comes first in a paragraph soon after (a quote marked only at its
two ends). Then single curly marks (‘…’) outside every double quote: an
opening ‘ must start a word after a space or a dash, and a closing ’ must end one, so the
apostrophes of "don’t" and "’90s" never pair. Straight single marks are left alone: they are
apostrophes far more often than quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["find_quote_spans"]

OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
_OPEN_BEFORE = frozenset(" \t\n([{—–-/:;“‘")
_PARAGRAPH = re.compile(r"[^\n]+")
#: A curly quote left open at a paragraph's end that the next paragraph does not reopen runs to
#: a closing mark that opens a paragraph's marks at most this many paragraphs later (a blog
#: post quoted over three paragraphs, marked only at its two ends), with no other double mark
#: between; none: it is no quote.
CARRIED_PARAGRAPHS = 4
_SINGLE = re.compile("[‘’]")
# A double quote mark: a curly or straight one, a guillemet, or two apostrophes not followed by
# a third (of three, the last two are the mark), found left to right without overlapping.
_DOUBLE = re.compile("[“„«”»\"]|''(?!')")


def _double(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    carried: tuple[int, int] | None = None  # an unclosed quote's opening mark and paragraph
    for number, (start, end) in enumerate(paragraphs):
        opened: int | None = None
        if carried is not None and number - carried[1] > CARRIED_PARAGRAPHS:
            carried = None
        marks = 0
        for found in _DOUBLE.finditer(text, start, end):
            i, mark = found.start(), found[0]
            size = len(mark)
            straight = mark in {'"', "''"}
            marks += 1
            if marks == 1 and carried is not None and mark in CLOSERS:
                spans.append((carried[0], i + size))  # closes a quote opened paragraphs ago
                carried = None
                continue
            carried = None
            if mark in OPENERS or (
                straight and opened is None and (i == start or text[i - 1] in _OPEN_BEFORE)
            ):
                if opened is None or mark in OPENERS:
                    opened = i
            elif (mark in CLOSERS or straight) and opened is not None:
                if any(c.isalnum() for c in text[opened:i]):
                    spans.append((opened, i + size))
                opened = None
        if opened is not None and number + 1 < len(paragraphs):
            following = text[paragraphs[number + 1][0] : paragraphs[number + 1][1]].lstrip()
            if following[:1] in OPENERS or following[:1] == '"' or following.startswith("''"):
                spans.append((opened, start + len(text[start:end].rstrip())))
            elif text[opened] in OPENERS:
                carried = (opened, number)  # closed, perhaps, by a paragraph to come
    return spans


def _single(
    text: str, paragraphs: list[tuple[int, int]], taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    taken = sorted(taken)
    starts = [a for a, _ in taken]
    for start, end in paragraphs:
        opened: int | None = None
        for match in _SINGLE.finditer(text, start, end):
            i = match.start()
            before = bisect_right(starts, i) - 1
            if before >= 0 and i < taken[before][1]:
                opened = None
                continue
            if match[0] == "‘":
                if (i == start or text[i - 1] in _OPEN_BEFORE) and text[i + 1 : i + 2].isalnum():
                    opened = i
            elif (
                opened is not None
                and not text[i - 1].isspace()
                and (i + 1 == end or not text[i + 1].isalnum())
            ):
                spans.append((opened, i + 1))
                opened = None
    return spans


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of every quoted passage, quote marks included."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    spans = _double(text, paragraphs)
    spans.extend(_single(text, paragraphs, spans))
    return sorted(spans)
