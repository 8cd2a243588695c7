"""A name with a nickname in quotes inside it: 'William "Mo" Cowan' is one person.

The small English model reads 'William "Mo" Cowan' as "William" and, apart, "Cowan" (often an
organisation); :func:`nickname_names` gives the whole as one PERSON span, and
:func:`name_words` the name without its nickname ("William Cowan"), the way other outlets write
it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

__all__ = ["name_words", "nickname_names"]

_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})


def _word(token: Token) -> bool:
    return token.is_alpha and token.is_title


def nickname_names(doc: Doc, ents: Sequence[Span]) -> list[Span]:
    """Return PERSON spans 'First "Nick" Surname' where the NER marked a person in them."""
    people = {i for ent in ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
    found: list[Span] = []
    for i in range(len(doc) - 4):
        first, open_, nick, close, last = doc[i : i + 5]
        if not (_word(first) and _word(nick) and _word(last)):
            continue
        if open_.text not in _QUOTES or close.text not in _QUOTES:
            continue
        if people & {i, i + 4} and not (found and found[-1].end > i):
            found.append(Span(doc, i, i + 5, label="PERSON"))
    return found


def name_words(tokens: Span) -> list[str]:
    """The words of a name, without a nickname in quotes: 'William "Mo" Cowan' → William Cowan."""
    words: list[str] = []
    quoted = False
    for token in tokens:
        if token.text in _QUOTES and (quoted or token.i + 2 < tokens.end):
            quoted = not quoted
        elif not quoted:
            words.append(token.text)
    return words
