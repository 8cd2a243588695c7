"""What the NLP stage's extractors see, what they return, and the registries they live in.

Each extractor is registered under a short name and a version; the versioned name
(``parallax.quotes.rules.v2``) is stamped on every item it produces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from parallax.model import Claim, Mention, Quote, TimeExpression
from parallax.nlp.gazetteer import Gazetteer
from parallax.registry import Registry


@dataclass(frozen=True, slots=True)
class Context:
    """What an extractor knows about the article besides its parsed text."""

    article_id: str
    published: date | None
    gazetteer: Gazetteer
    text: str  # the doc's text, built once: spaCy's Doc.text joins every token on each call


MentionExtractor = Callable[[Doc, Context], tuple[Mention, ...]]
QuoteExtractor = Callable[[Doc, Context, tuple[Mention, ...]], tuple[Quote, ...]]
DateExtractor = Callable[[Doc, Context], tuple[TimeExpression, ...]]
ClaimExtractor = Callable[[Doc, Context, tuple[Mention, ...], tuple[Quote, ...]], tuple[Claim, ...]]

ENTITIES: Registry[MentionExtractor] = Registry("entities")
QUOTES: Registry[QuoteExtractor] = Registry("quotes")
DATES: Registry[DateExtractor] = Registry("dates")
CLAIMS: Registry[ClaimExtractor] = Registry("claims")
