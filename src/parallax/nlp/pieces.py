"""Cut a text longer than the parse's character budget into pieces, and join their docs.

spaCy's small English model takes about 2.4 KB of transient memory per character it parses at
once (docs/scale.md), so a text is parsed in pieces of at most the budget
(:data:`parallax.nlp.pipeline.BATCH_CHARS`), then the pieces' docs are joined into one doc of
the whole text. A piece ends after a run of whitespace that holds a line break, where
``mark_paragraphs`` starts a sentence anyway, so no sentence spans two pieces and each piece's
tokens are the whole text's tokens there; a single paragraph longer than the budget is cut
after a sentence's end (a full stop, question or exclamation mark, closing quotes or brackets,
whitespace, then a capital letter, perhaps after an opening quote or bracket: "b. 1808" or
"B.S. was" are not cut), else after any whitespace, else (one "word" longer than the budget) at the
budget. Only the model's context near a cut differs from the whole text's parse.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

__all__ = ["join_pieces", "piece_ends"]

# Where a piece may end, best first: after a run of whitespace holding a line break; after a
# sentence's end and its whitespace, before a capital; after any whitespace.
_CUTS = (
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z])"),
    re.compile(r"\s+"),
)


def piece_ends(text: str, chars: int) -> list[int]:
    """The ends of the pieces ``text`` is parsed in, in order: each piece (from the previous
    end, or 0) holds at most ``chars`` characters, and the last end is ``len(text)``. A text of
    at most ``chars`` characters is one piece."""
    if chars < 1:
        raise ValueError(f"a piece holds at least one character, not {chars}")
    ends: list[int] = []
    start = 0
    while len(text) - start > chars:
        start = _cut(text, start, start + chars)
        ends.append(start)
    ends.append(len(text))
    return ends


def _cut(text: str, start: int, limit: int) -> int:
    """The last place after ``start`` and at most ``limit`` where a piece may end, the best
    kind first: a place followed by a non-space character (a whitespace run cut in two would
    give the pieces other tokens)."""
    for pattern in _CUTS:
        # A match that runs into ``limit`` may be a whitespace run cut short: not a cut.
        best = None
        for match in pattern.finditer(text, start, limit):
            end = match.end()
            if start < end < limit or (end == limit and not text[end].isspace()):
                best = end
        if best is not None:
            return best
    return limit


def join_pieces(docs: list[Doc]) -> Doc:
    """One doc of the pieces' docs, in order: its text is the pieces' texts joined (nothing
    added between them), its tokens, sentences, parse, tags, lemmas, morphology, entities,
    span groups and tensor theirs."""
    if len(docs) == 1:
        return docs[0]
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined is None:  # no docs
        raise ValueError("no pieces to join")
    return joined
