"""Two claims that quote different words are two statements, however alike their topic.

Read by hand on BASIL (docs/evaluation.md, session 33), a quarter of the wrong "both report"
groups were two quotes that share a speaker and a subject but say different things: Fox's
"They are basically casting her as a nut job," O'Neill said … and the NYT's "It's sexist," said
Terry O'Neill. The claim-pair model reads the names, the topic words and the meaning of the whole
sentence, all alike. The quoted words themselves are the statement: where both claims quote
someone and the quoted words share no content word, they are kept apart.
"""

from __future__ import annotations

import re

from parallax.models.text import content_terms

_OPEN, _CLOSE, _STRAIGHT = "“", "”", '"'
_WORD = re.compile(r"[^\W\d_][\w'’]*")


def quoted_text(text: str) -> str:
    """Return the words of ``text`` inside double quotation marks, joined by spaces.

    A straight mark opens a quote where it begins a word (after a space or the start) and closes
    one elsewhere, as a curly mark does by its shape. A
    closing mark with no opening one before it closes a quote that began before the claim (a
    claim that is the second sentence of a quote), and an opening mark with no closing one
    opens a quote that goes on after it. A quote in title case ("The Queen of Rage", a
    headline, a book) is a name, not words someone said, and is left out.
    """
    parts: list[str] = []
    start: int | None = None
    seen_open = False
    for position, char in enumerate(text):
        if char not in (_OPEN, _CLOSE, _STRAIGHT):
            continue
        if _opens(text, position):
            if start is None:
                start, seen_open = position + 1, True
        else:
            if start is not None:
                parts.append(text[start:position])
                start = None
            elif not seen_open and not parts:  # the quote began before the claim
                parts.append(text[:position])
    if start is not None:
        parts.append(text[start:])
    return " ".join(part.strip() for part in parts if part.strip() and not _titled(part))


def _titled(part: str) -> bool:
    """Whether a quoted part is a title: two words or more, every word of four letters or more
    capitalised."""
    found = _WORD.findall(part)
    long = [word for word in found if len(word) > 3]
    return len(found) > 1 and bool(long) and all(word[0].isupper() for word in long)


def _opens(text: str, position: int) -> bool:
    char = text[position]
    if char != _STRAIGHT:
        return char == _OPEN
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def different_quotes(first: str, second: str) -> bool:
    """Whether two claims both quote someone and their quoted words share no content word."""
    words_first = set(content_terms(quoted_text(first)))
    words_second = set(content_terms(quoted_text(second)))
    return bool(words_first) and bool(words_second) and not words_first & words_second
