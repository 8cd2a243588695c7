"""Features for persuasion techniques: of a whole span (which technique) and of each word (is it
inside a technique span).

Span features: the span's words and bigrams (``w:``), words of its sentence outside it (``s:``),
and cues (``x:``): length, share of the sentence, how often the span's text repeats in the
article (Repetition), quotes, exclamation and question marks, capitals, loaded words, valence.
Word features (for the CRF span tagger): the word, its neighbours, its shape and cues, its
sentence's position and charge, and the article's density of loaded words.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from functools import lru_cache
from itertools import pairwise

from parallax.models.cues import HEDGE, INTENSIFIERS, LOADED, vader_valence
from parallax.models.text import NEGATIONS, sentence_spans, word_spans, words

_QUOTES = '"“”«»'


def _char_grams(token: str) -> list[str]:
    padded = f" {token} "
    return [padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1)]


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end == -1 else line_end


def span_features(text: str, start: int, end: int) -> dict[str, float]:
    """Return the sparse features of the span ``text[start:end]`` in its article."""
    span = text[start:end]
    tokens = words(span)
    row: dict[str, float] = {}
    grams = [f"w:{t}" for t in tokens] + [f"w:{a} {b}" for a, b in pairwise(tokens)]
    for gram in set(grams):
        row[gram] = 1.0 / math.sqrt(len(set(grams)))
    chars = {f"c:{g}" for token in tokens for g in _char_grams(token)}
    for gram in chars:
        row[gram] = 1.0 / math.sqrt(len(chars))
    if tokens:
        row[f"f:{tokens[0]}"] = 1.0
        row[f"l:{tokens[-1]}"] = 1.0
        row[f"sfx:{tokens[-1][-3:]}"] = 1.0
        row[f"x:len_{min(len(tokens), 8) if len(tokens) < 8 else 8 + min(len(tokens) // 8, 4)}"] = (
            1.0
        )
    line_start, line_end = _sentence_around(text, start, end)
    context = set(words(text[line_start:start]) + words(text[end:line_end])) - set(tokens)
    for token in context:
        row[f"s:{token}"] = 1.0 / math.sqrt(len(context))
    repeats = len(re.findall(re.escape(span.strip().lower()), text.lower())) if span.strip() else 0
    valence = vader_valence()
    values = [valence.get(t, 0.0) for t in tokens]
    n = max(len(tokens), 1)
    before = text[max(line_start, start - 2) : start]
    after = text[end : min(line_end, end + 2)]
    row.update(
        {
            "x:log_words": math.log1p(len(tokens)),
            "x:one_word": float(len(tokens) == 1),
            "x:sentence_share": (end - start) / max(line_end - line_start, 1),
            "x:repeats": math.log1p(max(repeats - 1, 0)),
            "x:repeated": float(repeats > 1),
            "x:quoted": float(
                any(q in before for q in _QUOTES) or any(q in after for q in _QUOTES)
            ),
            "x:has_quote": float(any(q in span for q in _QUOTES)),
            "x:exclamation": float("!" in span or "!" in after),
            "x:question": float("?" in span or "?" in after),
            "x:capitals": sum(1 for t in span.split() if t.isupper() and len(t) > 1) / n,
            "x:loaded": sum(1 for t in tokens if t in LOADED) / n,
            "x:intensifiers": sum(1 for t in tokens if t in INTENSIFIERS) / n,
            "x:hedges": sum(1 for t in tokens if t in HEDGE) / n,
            "x:negations": sum(1 for t in tokens if t in NEGATIONS) / n,
            "x:valence_abs": sum(abs(v) for v in values) / n,
            "x:valence_min": min(values, default=0.0),
            "x:in_title": float(start < text.find("\n") if "\n" in text else True),
        }
    )
    return row


WordRow = tuple[int, int, dict[str, float]]
#: The word cues of :func:`sentence_rows`, in their order in a row.
CUES = (
    "x:loaded",
    "x:intensifier",
    "x:hedge",
    "x:valence_abs",
    "x:capitalised",
    "x:all_caps",
    "x:in_quotes",
    "x:title",
    "x:position",
    "x:sentence_words",
    "x:sentence_exclaims",
    "x:art_loaded",
)
WORDS_CACHED = 16_384
"""Words whose own CRF features are kept per process (a few MB at most)."""
_QUOTE = re.compile(f"[{_QUOTES}]")


@lru_cache(maxsize=WORDS_CACHED)
def _word_names(token: str) -> tuple[str, str, str, str, str, str, float, float, float, float]:
    """A word's own CRF feature names (as itself, as a neighbour, its suffix) and cues, made once
    per process: a word recurs in most sentences of an article ("the", "said")."""
    return (
        f"t:{token}",
        f"p:{token}",
        f"n:{token}",
        f"pp:{token}",
        f"nn:{token}",
        f"sfx:{token[-3:]}",
        float(token in LOADED),
        float(token in INTENSIFIERS),
        float(token in HEDGE),
        abs(vader_valence().get(token, 0.0)) / 4.0,
    )


@lru_cache(maxsize=WORDS_CACHED)
def _own_cues(token: str) -> tuple[tuple[str, float], ...]:
    """A word's own cues that are not 0.0, in :data:`CUES`' order."""
    return tuple(
        (name, value) for name, value in zip(CUES[:4], _word_names(token)[6:], strict=True) if value
    )


def sentence_rows(text: str, *, zeros: bool = True) -> list[list[WordRow]]:
    """Return ``(start, end, features)`` for every word of an article, one list per sentence.

    With ``zeros`` false, the cues whose value is 0.0 are left out of the rows: they add
    nothing to a word's CRF scores (0.0 times a weight), so the tagger's marginals are the
    same to the last bit, and CRFsuite looks up fewer names.

    Besides the word's own cues, every word carries its sentence's count of loaded words and
    intensifiers, the sentence's place in the article and the article's density of loaded
    words: PTC's techniques cluster in some articles and in their charged sentences.
    """
    sentences = []
    for number, (s_start, s_end) in enumerate(sentence_spans(text)):
        spans = word_spans(text[s_start:s_end])
        if spans:
            sentences.append((number, s_start, s_end, spans))
    n_words = sum(len(spans) for *_, spans in sentences)
    n_loaded = sum(1 for *_, spans in sentences for _, _, token in spans if token in LOADED)
    article_loaded = min(20.0 * n_loaded / max(n_words, 1), 1.0)
    quotes = [match.start() for match in _QUOTE.finditer(text)]
    result = []
    for number, s_start, s_end, spans in sentences:
        tokens = [token for _, _, token in spans]
        names = [_word_names(token) for token in tokens]
        charged = min(sum(1 for t in tokens if t in LOADED or t in INTENSIFIERS), 3)
        size = len(spans)
        # The features every word of the sentence shares.
        charge, place = f"sl:{charged}", f"pos:{min(number, 10)}"
        title = float(number == 0)
        sentence_words = math.log1p(size)
        exclaims = float("!" in text[s_start:s_end])
        shared = [
            (name, value)
            for name, value in (
                ("x:sentence_words", sentence_words),
                ("x:sentence_exclaims", exclaims),
                ("x:art_loaded", article_loaded),
            )
            if value
        ]
        # The quotation marks between the sentence's start and each word (parity: in quotes).
        first_quote = bisect_left(quotes, s_start)
        rows = []
        for i, (w_start, w_end, token) in enumerate(spans):
            start, end = s_start + w_start, s_start + w_end
            own = names[i]
            following = tokens[i + 1] if i + 1 < size else "</s>"
            in_quotes = 0.0
            if first_quote < len(quotes) and quotes[first_quote] < start:
                in_quotes = float((bisect_left(quotes, start) - first_quote) % 2 == 1)
            row = {
                own[0]: 1.0,
                names[i - 1][1] if i else "p:<s>": 1.0,
                names[i + 1][2] if i + 1 < size else "n:</s>": 1.0,
                names[i - 2][3] if i > 1 else "pp:<s>": 1.0,
                names[i + 2][4] if i + 2 < size else "nn:</s>": 1.0,
                f"tb:{token}|{following}": 1.0,
                own[5]: 1.0,
                charge: 1.0,
                place: 1.0,
            }
            if zeros:
                row.update(
                    {
                        "x:loaded": own[6],
                        "x:intensifier": own[7],
                        "x:hedge": own[8],
                        "x:valence_abs": own[9],
                        "x:capitalised": float(text[start].isupper()),
                        "x:all_caps": float(text[start:end].isupper() and end - start > 1),
                        "x:in_quotes": in_quotes,
                        "x:title": title,
                        "x:position": i / size,
                        "x:sentence_words": sentence_words,
                        "x:sentence_exclaims": exclaims,
                        "x:art_loaded": article_loaded,
                    }
                )
            else:
                row.update(_own_cues(token))
                if text[start].isupper():
                    row["x:capitalised"] = 1.0
                if end - start > 1 and text[start:end].isupper():
                    row["x:all_caps"] = 1.0
                if in_quotes:
                    row["x:in_quotes"] = 1.0
                if title:
                    row["x:title"] = 1.0
                if i:
                    row["x:position"] = i / size
                row.update(shared)
            rows.append((start, end, row))
        result.append(rows)
    return result
