"""Full-text search in Chinese, Japanese and Korean: the character-trigram index.

These languages put no spaces between words, so the word index (unicode61) takes a whole
clause for one token and never finds a word inside it. Articles in them are also indexed by
character trigrams (``articles_fts_cjk``, see migration 9). A query with a CJK character is
answered there: a word of three characters or more is a trigram match (ranked by bm25); a
shorter one, common in Chinese (most words are two characters), is a substring test of each
article in the trigram index (the CJK articles only), as that index cannot look it up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["SearchIndex", "cjk_index", "has_cjk"]

# Han ideographs, kana, Hangul syllables and jamo.
_CJK = re.compile(
    "[\u1100-\u11ff\u3040-\u30ff\u3131-\u318e\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]"
)
#: Shortest word the trigram index can match; shorter ones are substring tests.
_TRIGRAM = 3


@dataclass(frozen=True, slots=True)
class SearchIndex:
    """The SQL of one full-text query against one index.

    Attributes:
        table: The FTS5 table (its rowid is the article's rowid).
        where: The condition over ``table`` that keeps the matches.
        params: Its bound parameters.
        rank: The SQL of a match's rank (lower is better).
        snippet: The SQL of a snippet of the text, with two parameters: the marks put before
            and after each matched word (an opening of the text, without marks, when the
            index cannot make a snippet).
    """

    table: str
    where: str
    params: tuple[Any, ...]
    rank: str
    snippet: str


def has_cjk(text: str) -> bool:
    """Return True if the text holds a Chinese, Japanese or Korean character."""
    return _CJK.search(text) is not None


def _quoted(words: list[str]) -> str:
    """Return the words as FTS5 strings, each taken literally, all required."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _cjk_index(words: list[str]) -> SearchIndex:
    long = [word for word in words if len(word) >= _TRIGRAM]
    clauses: list[str] = []
    params: list[Any] = []
    if long:
        clauses.append("articles_fts_cjk MATCH ?")
        params.append(_quoted(long))
    for word in words:
        if len(word) < _TRIGRAM:
            # A function, never handed to FTS5: its trigram index answers a LIKE of fewer than
            # three characters with no rows (SQLite 3.40), so SQLite tests each CJK article.
            clauses.append(
                "(instr(lower(articles_fts_cjk.title), ?)"
                " OR instr(lower(articles_fts_cjk.text), ?))"
            )
            params += [word.lower(), word.lower()]
    if long:
        rank, snippet = "bm25(articles_fts_cjk)", "snippet(articles_fts_cjk, 1, ?, ?, '…', 24)"
    else:  # no MATCH, so neither bm25() nor snippet(): stored order, and the text's opening
        # (the two marks are bound but unused: substr(?, 1, 0) is empty).
        rank = "0.0"
        snippet = "substr(articles_fts_cjk.text, 1, 80) || substr(?, 1, 0) || substr(?, 1, 0)"
    return SearchIndex("articles_fts_cjk", " AND ".join(clauses), tuple(params), rank, snippet)


def cjk_index(query: str) -> SearchIndex | None:
    """Return how to search the trigram index for every word of a user query (FTS5 syntax
    taken literally), or None when the query has no CJK character (the word index answers)."""
    words = [word for word in query.replace("\x00", " ").split() if word]
    return _cjk_index(words) if words and has_cjk(query) else None
