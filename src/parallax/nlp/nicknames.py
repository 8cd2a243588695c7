"""A name with a nickname in quotes inside it: 'William "Mo" Cowan' is one person.

The small English model reads 'William "Mo" Cowan' as "William" and, apart, "Cowan" (often an
organisation); :func:`nickname_names` gives the whole as one PERSON span, and
:func:`name_words` the name without its nickname ("William Cowan"), the way other outlets write
it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import IS_ALPHA, IS_TITLE, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

__all__ = ["name_words", "nickname_names"]

_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})
_QUOTE_IDS = frozenset(get_string_id(quote) for quote in _QUOTES)


def nickname_names(doc: Doc, ents: Sequence[Span]) -> list[Span]:
    """Return PERSON spans 'First "Nick" Surname' where the NER marked a person in them.

    The tokens' flags and texts are read as one array (``Doc.to_array``): a window of five
    built at every token made five ``Token`` objects a token (``token.is_alpha and
    token.is_title`` is the array's ``IS_ALPHA`` and ``IS_TITLE``, a quote its ``ORTH``)."""
    if len(doc) < 5:
        return []
    people = {i for ent in ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
    rows = doc.to_array([IS_ALPHA, IS_TITLE, ORTH]).tolist()
    word = [bool(alpha and title) for alpha, title, _ in rows]
    quote = [orth in _QUOTE_IDS for _, _, orth in rows]
    found: list[Span] = []
    for i in range(len(doc) - 4):
        if not (word[i] and word[i + 2] and word[i + 4] and quote[i + 1] and quote[i + 3]):
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
