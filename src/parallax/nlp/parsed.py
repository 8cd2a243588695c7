"""What a language's parser gives the rule extractors: sentences, tokens, entities.

Every language stage that is not built on spaCy (Russian through natasha today) turns its
parser's output into a :class:`Parsed`, so that the rules written over it (quotes in
:mod:`parallax.nlp.quotes_slavic`, dates in :mod:`parallax.nlp.dates_spans`) serve any parser.
Every offset is a character offset into the article's cleaned text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from parallax.model import Mention

__all__ = ["EntitySpan", "Parsed", "Token", "entity_mentions"]


@dataclass(frozen=True, slots=True)
class Token:
    """One word or punctuation mark, with its lemma, part of speech and syntactic head."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str  # Universal Dependencies part of speech: NOUN, PROPN, VERB, ...
    head: int  # index of the head token in :attr:`Parsed.tokens`, -1 for a sentence's root
    rel: str  # Universal Dependencies relation to the head: nsubj, obl, ccomp, ...
    tense: str | None = None  # Past, Pres or Fut for a finite verb, else None


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A named entity as written, with its label and its base form ("Киеве" -> "Киев")."""

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE (the English pipeline's labels)
    base: str


@dataclass(frozen=True, slots=True)
class Parsed:
    """One article as a parser read it."""

    text: str
    sentences: tuple[tuple[int, int], ...]  # (start, end) of each sentence, in order
    tokens: tuple[Token, ...]
    entities: tuple[EntitySpan, ...]
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)
    # The tokens' starts when they are in text order (as parsers give them), else empty.
    _token_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts.extend(start for start, _ in self.sentences)
        starts = [token.start for token in self.tokens]
        if all(a <= b for a, b in pairwise(starts)):
            self._token_starts.extend(starts)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """Return the sentence that holds ``offset`` (the first one before the text starts)."""
        index = max(bisect_right(self._starts, offset) - 1, 0)
        return self.sentences[index]

    def tokens_in(self, start: int, end: int) -> list[int]:
        """Return the indices of the tokens inside ``[start, end)``."""
        if self._token_starts:  # in text order: the run of starts inside
            starts = self._token_starts
            return list(range(bisect_left(starts, start), bisect_left(starts, end)))
        return [i for i, token in enumerate(self.tokens) if start <= token.start < end]

    def entities_in(self, start: int, end: int) -> list[EntitySpan]:
        """Return the entities that lie wholly inside ``[start, end)``."""
        return [e for e in self.entities if start <= e.start and e.end <= end]


def _canonical(entities: Sequence[EntitySpan]) -> list[str]:
    """Each entity's canonical name: its base form, or for a surname alone the full name the
    article gave first ("Зеленский" after "Владимир Зеленский")."""
    full: dict[str, str] = {}
    names: list[str] = []
    for entity in entities:
        words = entity.base.split()
        if entity.label == "PERSON" and len(words) > 1:
            full.setdefault(words[-1].lower(), entity.base)
        if entity.label == "PERSON" and len(words) == 1:
            names.append(full.get(words[0].lower(), entity.base))
        else:
            names.append(entity.base)
    return names


def entity_mentions(article_id: str, parsed: Parsed, extractor: str) -> tuple[Mention, ...]:
    """The article's entity mentions, each with its canonical name, marked with ``extractor``."""
    return tuple(
        Mention(article_id, e.start, e.end, e.text, e.label, name, extractor)
        for e, name in zip(parsed.entities, _canonical(parsed.entities), strict=True)
    )
