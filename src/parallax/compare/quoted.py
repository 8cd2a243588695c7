"""Two claims that quote different words are two statements, however alike their topic.

Read by hand on BASIL (docs/evaluation.md, session 33), a quarter of the wrong "both report"
groups were two quotes that share a speaker and a subject but say different things: Fox's
"They are basically casting her as a nut job," O'Neill said … and the NYT's "It's sexist," said
Terry O'Neill. The claim-pair model reads the names, the topic words and the meaning of the whole
sentence, all alike. The quoted words themselves are the statement: where both claims quote
someone and the quoted words share no content word, they are kept apart.

The converse, read on a second judged set (session 34): two outlets that quote the same words
report the same statement, however differently they frame it or break the sentence. Fox's "In
the note, he asked members to join him "for a private conference call" Monday evening" and the
NYT's ""Dear Members, Please join me for a private conference call," Mr. Steele wrote" were
each marked "only here". Where two claims' quoted words share a run of :data:`SAME_QUOTE_WORDS`
words, :func:`same_quote` holds, and :func:`join_same_quotes` puts a claim that grouping left
alone into its partner's group. It acts after grouping, not inside it: a pair forced to be
certain inside average link reordered the merges of a whole story (Summers's warning left its
three-outlet group for another sentence), and a pair at the threshold lost to groups already
formed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache

from parallax.models.text import content_terms

_OPEN, _CLOSE, _STRAIGHT = "“", "”", '"'
_WORD = re.compile(r"[^\W\d_][\w'’]*")
# Words in a row that two quotes must share to be one statement, and content words among them:
# five words, three of them content words, carry a phrase ("for a private conference call"),
# not a stock pair ("said in a statement").
SAME_QUOTE_WORDS = 5
SAME_QUOTE_CONTENT = 3


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


def same_quote(first: str, second: str) -> bool:
    """Whether two claims quote the same words: their quoted words share a run of at least
    :data:`SAME_QUOTE_WORDS` words (case, punctuation and the kind of quotation mark aside),
    :data:`SAME_QUOTE_CONTENT` of them content words."""
    words_first, words_second = _quoted_words(first), _quoted_words(second)
    if min(len(words_first), len(words_second)) < SAME_QUOTE_WORDS:
        return False
    runs = {
        tuple(words_first[at : at + SAME_QUOTE_WORDS])
        for at in range(len(words_first) - SAME_QUOTE_WORDS + 1)
    }
    return any(
        run in runs and len(content_terms(" ".join(run))) >= SAME_QUOTE_CONTENT
        for run in (
            tuple(words_second[at : at + SAME_QUOTE_WORDS])
            for at in range(len(words_second) - SAME_QUOTE_WORDS + 1)
        )
    )


@lru_cache(maxsize=4096)  # a claim is read against each of its candidate pairs
def _quoted_words(text: str) -> tuple[str, ...]:
    """Return the quoted words of ``text`` in lower case, with curly apostrophes made straight."""
    return tuple(word.lower().replace("’", "'") for word in _WORD.findall(quoted_text(text)))


def join_same_quotes(
    texts: Sequence[str],
    articles: Sequence[str],
    pairs: Iterable[tuple[int, int]],
    index: Sequence[int],
    blocked: Collection[tuple[int, int]] = (),
) -> list[int]:
    """Return the group index of each claim after a claim alone in its group joins the group of
    a claim of another article it quotes the same words as (:func:`same_quote`).

    Args:
        texts: The claims' texts.
        articles: Each claim's article id.
        pairs: The candidate pairs ``(i, j)``, ``i < j``.
        index: Each claim's group index, as grouping gave it (groups in order of first claim).
        blocked: Pairs ``(i, j)``, ``i < j``, that may never share a group.

    Groups are numbered again in order of their first claim.
    """
    found = list(index)
    sizes = Counter(found)
    for i, j in sorted(pairs):
        if found[i] == found[j] or articles[i] == articles[j]:
            continue
        alone, other = (i, j) if sizes[found[i]] == 1 else (j, i)
        if sizes[found[alone]] != 1 or not same_quote(texts[i], texts[j]):
            continue
        target = found[other]
        members = [k for k, number in enumerate(found) if number == target]
        if any((min(alone, k), max(alone, k)) in blocked for k in members) or any(
            different_quotes(texts[alone], texts[k]) for k in members
        ):
            continue
        sizes[found[alone]] -= 1
        found[alone] = target
        sizes[target] += 1
    numbers: dict[int, int] = {}
    return [numbers.setdefault(number, len(numbers)) for number in found]
