"""The NLP stage over batches of articles: a failing batch is retried article by article, so
only the bad article is rejected, never the batch.

``Corpus.analyze`` runs it over a store's articles, in this process or (given a ``BatchMapper``)
in worker processes; the runners' workers run it over each source.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from parallax.config import Settings
from parallax.errors import Code
from parallax.model import ArticleAnalysis, Entity, Progress, Rejection, now
from parallax.nlp.languages import (
    DEFAULT_LANGUAGE,
    skip_reason,
    stage_for,
    version_suffix,
    version_suffixes,
)
from parallax.nlp.stage import LanguageStage
from parallax.outcomes import AnalyzeReport
from parallax.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from parallax.stages.story_vectors import StoryEmbedding, StoryVector

logger = logging.getLogger(__name__)

#: One article to analyse: its id, its cleaned text, its publication date and its language.
Item = tuple[str, str, date | None, str | None]


@dataclass(frozen=True, slots=True)
class Analysed:
    """What the NLP stage made of one article: its analysis, or why there is none."""

    article_id: str
    analysis: ArticleAnalysis | None
    rejection: Rejection | None = None
    #: ``(text_sha256, vector bytes)`` of the texts its comparison will embed
    #: (:func:`parallax.stages.vectors.embed_articles`).
    vectors: tuple[tuple[str, bytes], ...] = ()
    #: What the article's language stage adds to the run's analysis version
    #: (:func:`parallax.nlp.languages.version_suffix`; empty for English).
    suffix: str = ""
    #: Its story embedding (:func:`parallax.stages.story_vectors.embed_for_stories`).
    story: StoryVector | None = None
    #: ``(content_hash, findings JSON)``: the framing findings of its text
    #: (:func:`parallax.stages.framing.frame_texts`), stored for its comparisons and pages.
    framing: tuple[str, str] | None = None


def _skipped(article_id: str, reason: str) -> Analysed:
    return Analysed(article_id, ArticleAnalysis(article_id, (), (), (), (), skipped=reason))


def analyze_batch(items: list[Item], *, nlp: Any) -> list[Analysed]:
    """Analyse a batch, each language by its stage in one pass; if a pass fails, retry its
    articles one by one so that an article that breaks the NLP stage is rejected alone. An
    article in a language without a stage is skipped, with the reason. One result per item,
    in order."""
    found: dict[str, Analysed] = {}
    by_language: dict[str, list[Item]] = {}
    for item in items:
        if reason := skip_reason(item[3]):
            found[item[0]] = replace(_skipped(item[0], reason), suffix=version_suffix(item[3]))
        else:  # an article of unknown language is read as English
            by_language.setdefault(item[3] or DEFAULT_LANGUAGE, []).append(item)
    for language, read in by_language.items():
        stage = stage_for(language)
        assert stage is not None  # skip_reason said it runs
        suffix = version_suffix(language)
        for result in _analyze_read(read, stage=stage, nlp=nlp):
            found[result.article_id] = replace(result, suffix=suffix)
    return [found[item[0]] for item in items]


#: New words (``Lexeme``) a pipeline's vocabulary keeps for the life of the process before
#: :func:`released` frees each batch's new words after it. spaCy makes a word's ``Lexeme``
#: (its flags, shape, prefix and suffix) the first time it meets it; in a zone it makes it
#: again in every batch, which doubled the tokenizer's CPU on the e2e corpus (3.4 against
#: 1.7 CPU s; its 288 English articles add 22,000 words). Past the bound (plus the batch that
#: crosses it) the vocabulary no longer grows: 30,000 words hold about 20 MB (100,000 random
#: words took 67 MB of RSS with the tokenizer's cache).
WORDS_KEPT = 30_000
# The words of a pipeline's vocabulary when it first reached :func:`released`.
_first_words: WeakKeyDictionary[Any, int] = WeakKeyDictionary()


def released(nlp: Any) -> AbstractContextManager[Any]:
    """spaCy's memory zone of ``nlp`` (spaCy 3.8 and later; else nothing) once its
    vocabulary holds :data:`WORDS_KEPT` words more than when this first saw it: the words
    (``Lexeme``) and strings that the texts analysed inside it add to the pipeline's vocabulary
    are freed when it ends, so a worker's memory stops growing with every new word of the
    corpus. Until then the words are kept, and not made again in each batch. Either way the
    analyses are the same. Nothing made inside it (``Doc``, ``Token``) may be read after it;
    an analysis holds none. The pipeline must not be running on another thread meanwhile
    (none of the callers share one across threads)."""
    zone = getattr(nlp, "memory_zone", None)
    if zone is None:
        return nullcontext()
    # len(vocab) counts every word ever made, those of zones too: exact until the first zone,
    # and from then on it only grows, so every later batch has its zone as well.
    words = len(nlp.vocab)
    first = _first_words.setdefault(nlp, words)
    return zone() if words - first >= WORDS_KEPT else nullcontext()


def _analyze_read(items: list[Item], *, stage: LanguageStage, nlp: Any) -> list[Analysed]:
    """Run a language's stage over the items it reads (see :func:`analyze_batch`), inside the
    pipeline's memory zone (:func:`released`)."""
    texts = [(article_id, text, published) for article_id, text, published, _ in items]
    try:
        with released(nlp):
            return [Analysed(found.article_id, found) for found in stage.analyze(texts, nlp=nlp)]
    except Exception:
        logger.exception("batch analysis failed; retrying article by article")
    results: list[Analysed] = []
    for item in texts:
        try:
            with released(nlp):
                [analysis] = list(stage.analyze([item], nlp=nlp))
            results.append(Analysed(item[0], analysis))
        except Exception as error:  # one article must not stop the run
            logger.exception("analysis failed for %s", item[0])
            reason = f"NLP failed: {type(error).__name__}: {error}"
            rejection = Rejection(item[0], "nlp", Code.NLP_FAILED.value, reason)
            results.append(Analysed(item[0], None, rejection))
    return results


def analyze_and_embed(
    items: list[Item],
    *,
    nlp: Any,
    vectors: bool,
    stories: tuple[SQLiteStore, StoryEmbedding] | None = None,
    framing: bool = False,
) -> list[Analysed]:
    """:func:`analyze_batch`, then (given ``stories``: the store the articles are read from,
    the grouper's embedder) each article's story embedding, (with ``framing``) the framing
    findings of each text (:func:`parallax.stages.framing.frame_texts`) and (with ``vectors``)
    the sentence vectors the comparison will read
    (:func:`parallax.stages.vectors.embed_articles`)."""
    results = analyze_batch(items, nlp=nlp)
    if stories is not None:
        from parallax.stages.story_vectors import embed_for_stories

        found = embed_for_stories(stories[0], [item[0] for item in items], stories[1])
        results = [replace(result, story=row) for result, row in zip(results, found, strict=True)]
    if framing:  # before the vectors: the bias model's sentence vectors are then reused
        from parallax.stages.framing import frame_texts

        framed = frame_texts([(item[1], item[3]) for item in items])
        results = [replace(r, framing=f) for r, f in zip(results, framed, strict=True)]
    if not vectors:
        return results
    from parallax.stages.vectors import embed_articles

    rows = embed_articles(
        [(item[1], result.analysis.claims) if result.analysis else None
         for item, result in zip(items, results, strict=True)]
    )  # fmt: skip
    return [replace(result, vectors=row) for result, row in zip(results, rows, strict=True)]


#: Runs the NLP stage over batches elsewhere (worker processes): given the batches to analyse,
#: yields each one's results, one per article, in the order the batches came.
BatchMapper = Callable[[Iterator[list[Item]]], Iterator[list[Analysed]]]


def pending_batches(store: SQLiteStore, version: str, size: int) -> Iterator[list[Item]]:
    """Yield the articles ``version`` has not analysed, in the batches one process would take
    (publication order, ``size`` at a time), reading ahead of what is written."""
    after: tuple[date | None, str] | None = None
    suffixes = version_suffixes()
    while batch := store.articles_to_analyze(version, limit=size, after=after, suffixes=suffixes):
        yield batch
        after = (batch[-1][2], batch[-1][0])


def _save(
    store: SQLiteStore, results: list[Analysed], *, version: str, run_id: int,
    rejections: list[Rejection], skipped: Counter[str],
) -> None:  # fmt: skip
    from parallax.stages.vectors import save_vectors
    from parallax.store.embeddings import save_embedding

    framed = [(r.article_id, *r.framing) for r in results if r.framing is not None]
    with store.transaction():  # a batch's analyses and rejections: all stored, or none
        save_vectors(store, (result.vectors for result in results))
        if framed:
            from parallax.compare.framing import framing_version
            from parallax.store.framing import save_framing_findings

            save_framing_findings(store, framing_version(), framed)
        for result in results:
            if result.story is not None:
                save_embedding(store, result.article_id, *result.story)
            if result.rejection:
                store.add_rejection(result.rejection, run_id=run_id)
                rejections.append(result.rejection)
            analysis = result.analysis
            if analysis and analysis.skipped:
                skipped[analysis.skipped] += 1
            store.save_analysis(
                result.article_id,
                version + result.suffix,
                mentions=analysis.mentions if analysis else (),
                quotes=analysis.quotes if analysis else (),
                dates=analysis.dates if analysis else (),
                claims=analysis.claims if analysis else (),
                analyzed_at=now(),
                skipped=analysis.skipped if analysis else None,
                events=analysis.events if analysis else (),
            )


def merge_store_entities(store: SQLiteStore) -> list[Entity]:
    """Merge the entity spellings of the whole store into canonical entities and link every
    mention to its entity, as ``analyze`` does at its end; return the entities.

    Each distinct mention is merged once with its count, so memory is bounded by the distinct
    names, not by every occurrence in the corpus (the same entities as merging each occurrence).
    """
    from parallax.nlp.aliases import merge_counted, resolve_mentions

    counted = store.mention_names()
    entities = merge_counted(counted)
    links = resolve_mentions((mention for mention, _ in counted), entities)
    with store.transaction():
        store.replace_entities(entities, links)
    return entities


def analyze_store(
    store: SQLiteStore,
    settings: Settings,
    *,
    version: str,
    progress: Progress | None = None,
    mapper: BatchMapper | None = None,
) -> AnalyzeReport:
    """Analyse every stored article not yet analysed by ``version``, in batches of
    ``settings.commit_every``; then merge entity spellings across the whole store.

    Given a ``mapper`` (worker processes), this process only reads the batches and writes the
    results, in the same batches and order, each in one transaction: the store ends the same.
    """
    from parallax.nlp.pipeline import load_pipeline
    from parallax.stages.story_vectors import story_embedding

    run_id = store.start_run("analyze")
    suffixes = version_suffixes()
    total, done = store.count_to_analyze(version, suffixes=suffixes), 0
    rejections: list[Rejection] = []
    skipped: Counter[str] = Counter()
    if mapper is not None and total:
        batches = pending_batches(store, version, settings.commit_every)
        for results in mapper(batches):
            _save(store, results, version=version, run_id=run_id, rejections=rejections,
                  skipped=skipped)  # fmt: skip
            done += len(results)
            if progress:
                progress(done, total, results[-1].article_id)
    nlp = load_pipeline(settings.spacy_model) if total and mapper is None else None
    how = story_embedding(store, settings) if nlp is not None else None
    stories = (store, how) if how is not None else None
    while nlp is not None and (
        batch := store.articles_to_analyze(version, limit=settings.commit_every, suffixes=suffixes)
    ):
        results = analyze_and_embed(batch, nlp=nlp, vectors=settings.sentence_vectors,
                                    stories=stories, framing=settings.analyze_framing)  # fmt: skip
        _save(store, results, version=version, run_id=run_id, rejections=rejections,
              skipped=skipped)  # fmt: skip
        done += len(batch)
        if progress:
            progress(done, total, batch[-1][0])
    entities = merge_store_entities(store)
    reasons = dict(sorted(skipped.items()))
    store.finish_run(run_id, {"analyzed": done, "entities": len(entities), "skipped": reasons})
    return AnalyzeReport(
        run_id, version, done, len(entities), tuple(rejections), tuple(sorted(skipped.items()))
    )
