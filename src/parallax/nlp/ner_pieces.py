"""The names inside a span the Ukrainian NERs read as one: the span re-typer's piece candidates.

Both NERs sometimes run two names together ("Херсонської та Запорізької областей", "Чижикова,
Куйбишева", "Nord Stream AG та Nord Stream 2 AG"), a settlement into its region ("Рашків
Чернівецької області", two places in NER-UK), a name into the next sentence ("Nord Stream 2.
Раніше Вищий адміністративний суд"), or keep a quote that belongs outside it ("ПАТ «Газпром»").
:func:`span_pieces` gives the parts of a span cut at its coordinating conjunctions, commas,
semicolons, spaced dashes and sentence ends and between a settlement and its region, each
without the punctuation at its edges and the quotes that close nothing in it; and the name
inside a span's quotes. The re-typer (:mod:`parallax.nlp.ner_retype`) decides on the pieces of
its place candidates with the span they came from, by the same features (a piece is kept only
where it is likelier an entity than the whole); :func:`piece_features` says of any span whether
it runs names together. The pieces of organisations were measured and not kept: NER-UK spans a
legal form with the quoted name and often coordinated names as one (docs/evaluation.md).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

__all__ = ["piece_features", "span_pieces"]

Span = tuple[int, int, str]  # start, end, NER-UK label (PERS, LOC, ORG)

#: Coordinating conjunctions that join two names (Ukrainian, Russian, English, German).
_CONJUNCTIONS = frozenset(("та", "і", "й", "и", "або", "чи", "and", "or", "und"))
_DASHES = frozenset(("-", "–", "—", "‐"))
#: The head nouns of a region or district: a settlement's span that runs on into its region's
#: ("Рашків Чернівецької області", "Сакському районі Криму") is two places.
_REGION_HEADS = frozenset(
    (
        *("область", "області", "областю", "обл", "район", "району", "районі", "районом"),
        *("р-н", "р-ну", "р-ні", "повіт", "повіту", "повіті", "губернія", "губернії"),
        *("губернію", "мікрорайон", "мікрорайоні", "мікрорайону"),
    )
)
_EDGE = "\"'«»“”„‘’()[]{},.;:!?-–—‐ \t\n"
_TOKEN = re.compile(r"\S+")
_QUOTED = re.compile(r"[«\"“„]([^«»\"“”„]+)[»\"”“]")


_OPENING = {"»": "«", "”": "“„", "“": "„"}


def _closes(text: str, start: int, end: int) -> bool:
    """Whether the quote at ``end - 1`` closes one opened inside ``text[start:end - 1]``."""
    quote, inner = text[end - 1], text[start : end - 1]
    if quote == '"':
        return inner.count('"') % 2 == 1
    return any(opening in inner for opening in _OPENING.get(quote, ""))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE and not _closes(text, start, end):
        end -= 1
    return start, end


def _sentence_end(token: str, following: str) -> bool:
    """Whether ``token`` ends a sentence before ``following``: a full stop (or ! ?) after a word
    of four letters or more, or after a number, and a capital after it (not "м. Києві")."""
    if token[-1:] not in ".!?" or not following[:1].isupper():
        return False
    word = token[:-1].strip("\"'»”)")
    return len(word) >= 4 or word.isdigit()


def _is_region(word: str) -> bool:
    return word.rstrip(".,;").lower() in _REGION_HEADS


def _parts(text: str, start: int, end: int, *, dashes: bool) -> list[tuple[int, int]]:
    tokens = list(_TOKEN.finditer(text, start, end))
    parts: list[tuple[int, int]] = []
    begin: int | None = None
    last = start
    for i, token in enumerate(tokens):
        word = token.group()
        following = tokens[i + 1].group() if i + 1 < len(tokens) else ""
        if begin is not None and word[:1].isupper() and _is_region(following):
            parts.append((begin, last))
            begin = None
        if word.lower() in _CONJUNCTIONS or (dashes and word in _DASHES):
            if begin is not None:
                parts.append((begin, last))
            begin = None
            continue
        if begin is None:
            begin = token.start()
        last = token.end()
        if word[-1] in ",;" or _sentence_end(word, following) or (_is_region(word) and following):
            parts.append((begin, last))
            begin = None
    if begin is not None:
        parts.append((begin, last))
    return parts


def _named_end(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]`` ends if cut before its first short lowercase word (a
    preposition: "з", "у", "від") that follows a word beginning with a capital or a digit
    ("Nord Stream 2 AG з переліку" -> "Nord Stream 2 AG"), else ``end``."""
    previous: re.Match[str] | None = None
    for token in _TOKEN.finditer(text, start, end):
        word = token.group()
        if previous is not None and word.isalpha() and word.islower() and len(word) <= 3:
            head = previous.group()[:1]
            return previous.end() if head.isupper() or head.isdigit() else end
        previous = token
    return end


def _is_name(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text) >= 2 and bool(letters) and text[:1].isupper()


def span_pieces(text: str, spans: Iterable[Span]) -> list[Span]:
    """The pieces of ``spans`` in ``text`` that are none of them, each with its span's label
    (the first span's, where two give one), in the order found: each span's parts between
    coordinating conjunctions, commas, semicolons, spaced dashes and sentence ends (of a span
    of two words or more, once with spaced dashes as cuts and once without; and between a
    settlement and its region), each part also cut before a preposition after a capitalised
    word (:func:`_named_end`), the span itself, and the name inside its quotes; each without the
    punctuation at its edges and the quotes that close nothing in it, and only where it begins
    with a capital."""
    spans = list(spans)
    seen = {(start, end) for start, end, _ in spans}
    found: list[Span] = []
    for start, end, label in spans:
        bounds = [(start, end)]
        if " " in text[start:end].strip():
            parts = _parts(text, start, end, dashes=False) + _parts(text, start, end, dashes=True)
            bounds += [p for p in parts if p != (start, end)]
            bounds += [(a, _named_end(text, a, b)) for a, b in [(start, end), *parts]]
        bounds += [match.span(1) for match in _QUOTED.finditer(text, start, end)]
        for a, b in bounds:
            a, b = _trimmed(text, a, b)
            if (a, b) in seen or not _is_name(text[a:b]):
                continue
            seen.add((a, b))
            found.append((a, b, label))
    return found


def piece_features(text: str, start: int, end: int) -> dict[str, float]:
    """What a span's parts say of it (the re-typer's evidence that it runs two names
    together): ``coord=N`` when its cuts at conjunctions, commas, semicolons and sentence ends
    (spaced dashes not) leave N ≥ 2 parts that begin with a capital (at most 3), with the
    fewest words of one part (``coordw=``, at most 3) and whether a cut is a sentence end
    (``coordend``)."""
    if " " not in text[start:end].strip():
        return {}
    parts = [_trimmed(text, a, b) for a, b in _parts(text, start, end, dashes=False)]
    names = [(a, b) for a, b in parts if _is_name(text[a:b])]
    if len(names) < 2:
        return {}
    features = {
        f"coord={min(len(names), 3)}": 1.0,
        f"coordw={min(min(len(text[a:b].split()) for a, b in names), 3)}": 1.0,
    }
    tokens = _TOKEN.findall(text, start, end)
    if any(_sentence_end(a, b) for a, b in itertools.pairwise(tokens)):
        features["coordend"] = 1.0
    return features
