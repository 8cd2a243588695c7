"""Character-offset lookups over a parsed text: tokens in a range, the token at an offset, and a
content span trimmed of its clause punctuation."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

__all__ = ["Tokens", "content_bounds"]


def content_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace and clause punctuation from both ends of a content span."""
    while end > start and text[end - 1] in " \t\n.,;:":
        end -= 1
    while start < end and text[start] in " \t\n,;:":
        start += 1
    return start, end


class Tokens:
    """Character-offset lookups over a doc's tokens."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts: list[int] = doc.to_array(IDX).tolist()  # each token's idx, none built

    def within(self, start: int, end: int) -> list[Token]:
        """Tokens that lie entirely inside ``[start, end)``."""
        first = bisect_left(self.starts, start)
        last = bisect_right(self.starts, end)
        return [t for t in self.doc[first:last] if t.idx + len(t) <= end]

    def at(self, offset: int) -> Token | None:
        """The token that contains ``offset``."""
        i = bisect_right(self.starts, offset) - 1
        return self.doc[i] if i >= 0 else None
