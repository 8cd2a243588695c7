"""The rules every stage built on a :class:`~parallax.nlp.parsed.Parsed` runs, in one place.

The Russian and Ukrainian stages differ in how they parse (natasha; spaCy's Ukrainian tokenizer
with pymorphy3 and a trained NER); over the parse they run the same extractors: entity mentions
with canonical names, quotes (:mod:`parallax.nlp.quotes_slavic`), dates
(:mod:`parallax.nlp.dates_spans`) and claims (:mod:`parallax.nlp.claims_slavic`).
"""

from __future__ import annotations

from datetime import date

from parallax.model import ArticleAnalysis
from parallax.nlp.claims_slavic import EXTRACTOR as CLAIMS
from parallax.nlp.claims_slavic import find_claims
from parallax.nlp.datelines_slavic import EXTRACTOR as DATELINES
from parallax.nlp.datelines_slavic import article_day, outside, with_dateline
from parallax.nlp.dates_spans import EXTRACTOR as DATES
from parallax.nlp.dates_spans import find_dates
from parallax.nlp.parsed import Parsed, entity_mentions
from parallax.nlp.quotes_slavic import EXTRACTOR as QUOTES
from parallax.nlp.quotes_slavic import find_quotes

__all__ = ["RULES", "analyze_parsed"]

#: The versioned names of the rules, for a stage's analysis version.
RULES = (QUOTES, DATES, CLAIMS, DATELINES)


def analyze_parsed(
    article_id: str, parsed: Parsed, published: date | None, entity_extractor: str
) -> ArticleAnalysis:
    """Run the entity, quote, date and claim rules over one parsed article; an agency dateline
    is read first (:mod:`parallax.nlp.datelines_slavic`), and nothing but its place and agency
    is found inside it."""
    parsed, dateline = with_dateline(parsed)
    mentions = entity_mentions(article_id, parsed, entity_extractor)
    quotes = outside(dateline, find_quotes(article_id, parsed, mentions))
    dates = outside(
        dateline, find_dates(article_id, parsed, article_day(parsed.text, dateline, published))
    )
    claims = outside(dateline, find_claims(article_id, parsed, mentions, quotes, dates))
    return ArticleAnalysis(article_id, mentions, quotes, dates, claims)
