"""The front door: ``Corpus(db)`` opens a corpus, runs the stages over it (ingest, analyze,
group, compare, load) and hands reads to four resources: ``corpus.articles``,
``corpus.stories``, ``corpus.entities`` and ``corpus.outlets`` (:mod:`parallax.resources`).

Presentation (reports, exports, pages) calls the corpus; the corpus imports none of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from parallax.config import Settings, load_settings
from parallax.errors import Code
from parallax.ingest.outlets import OutletRegistry
from parallax.ingest.sources import SourceFile, expand_sources, file_digest, read_source
from parallax.model import (
    AnalyzeReport,
    CompareReport,
    GroupReport,
    IngestReport,
    RawArticle,
    Rejection,
    Story,
)
from parallax.pipeline import ArticleResult, process_article
from parallax.resources import Articles, Entities, Outlets, Stories
from parallax.store.sqlite import SQLiteStore, now

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Called after each source with (sources done, sources in all, source name).
Progress = Callable[[int, int, str], None]


class Corpus:
    """A news corpus in one SQLite file.

    Example:
        >>> corpus = Corpus("news.db")
        >>> report = corpus.ingest(["articles/"])
        >>> corpus.articles.list()[0].outlet

    Attributes:
        articles: The stored articles, their analyses, filtered pages and search.
        stories: The stories, their filtered pages and timelines.
        entities: The canonical entities.
        outlets: The outlets met, with the registry's profiles.
    """

    def __init__(self, db: str | Path | None = None, *, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.db = str(db or self.settings.db)
        self.store = SQLiteStore(self.db)
        self.outlets = Outlets(self.store)
        self.entities = Entities(self.store)
        self.articles = Articles(self.store, self.outlets, self.entities)
        self.stories = Stories(self.store, self.outlets, self.entities)

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def registry(self) -> OutletRegistry:
        """The packaged outlet registry."""
        return self.outlets.registry

    # --- ingest --------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str],
        *,
        fmt: str | None = None,
        stdin: BinaryIO | None = None,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Read, clean and store every article under ``paths``; re-running is safe.

        Sources already fully ingested with the same content are skipped (the ledger); every
        write is an upsert keyed by a content-derived id, so a killed run resumes cleanly.
        """
        store = self.store
        run_id = store.start_run("ingest")
        counts = {
            "sources": 0,
            "skipped_sources": 0,
            "articles": 0,
            "new_articles": 0,
            "duplicates": 0,
        }
        rejections: list[Rejection] = []
        own_files = [Path(self.db + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
        items = list(expand_sources(paths, exclude=own_files))
        for done, item in enumerate(items, start=1):
            if isinstance(item, Rejection):
                store.add_rejection(item, run_id=run_id)
                rejections.append(item)
            else:
                self._ingest_source(item, fmt, stdin, run_id, counts, rejections)
            if progress:
                progress(
                    done, len(items), item.source if isinstance(item, Rejection) else item.name
                )
        summary = counts | {"rejections": len(rejections)}
        store.finish_run(run_id, summary)
        return IngestReport(run_id=run_id, rejections=tuple(rejections), **counts)

    def _ingest_source(
        self,
        source: SourceFile,
        fmt: str | None,
        stdin: BinaryIO | None,
        run_id: int,
        counts: dict[str, int],
        rejections: list[Rejection],
    ) -> None:
        store = self.store
        digest = file_digest(source.path) if source.path else None
        if digest and store.is_finished(source.name, digest):
            counts["skipped_sources"] += 1
            return
        counts["sources"] += 1
        articles = rejected = pending = 0
        store.begin()
        try:
            for item in read_source(source, settings=self.settings, fmt=fmt, stdin=stdin):
                result = item if isinstance(item, Rejection) else self._process(item)
                if isinstance(result, Rejection):
                    store.add_rejection(result, run_id=run_id)
                    rejections.append(result)
                    rejected += 1
                else:
                    self._save(result, run_id, counts)
                    articles += 1
                pending += 1
                if pending >= self.settings.commit_every:
                    store.commit()
                    store.begin()
                    pending = 0
            if digest:
                store.mark_finished(source.name, digest, articles=articles, rejections=rejected)
        except BaseException:
            store.rollback()
            raise
        store.commit()

    def _process(self, raw: RawArticle) -> ArticleResult | Rejection:
        try:
            return process_article(raw, settings=self.settings, outlets=self.registry)
        except Exception as error:  # a bug on one article must not stop the batch
            logger.exception("processing failed for %s:%s", raw.source, raw.record)
            reason = f"unexpected error while processing: {type(error).__name__}: {error}"
            return Rejection(raw.source, "pipeline", Code.BAD_RECORD.value, reason, raw.record)

    def _save(self, result: ArticleResult, run_id: int, counts: dict[str, int]) -> None:
        store, article = self.store, result.article
        is_new = not store.has_article(article.id)
        if result.outlet:
            store.upsert_outlet(result.outlet)
        store.upsert_article(article, run_id=run_id)
        store.store_fingerprint(article.id, result.fingerprint)
        counts["articles"] += 1
        if is_new:
            counts["new_articles"] += 1
            match = store.find_near_duplicate(
                article.id, result.fingerprint, threshold=self.settings.duplicate_threshold
            )
            if match:
                store.set_duplicate_of(article.id, match[0])
                counts["duplicates"] += 1

    # --- analyse (NLP) -------------------------------------------------------------------
    def analysis_version(self) -> str:
        """Return the versioned names of the NLP extractors and model now in use."""
        from parallax.nlp.pipeline import analysis_version

        return analysis_version(self.settings.spacy_model)

    def analyze(self, *, progress: Progress | None = None) -> AnalyzeReport:
        """Run the NLP stage over every article not yet analysed by the current version.

        Then merge entity spellings across the whole corpus into canonical entities.
        """
        from parallax.nlp.aliases import merge_entities, resolve_mentions
        from parallax.nlp.pipeline import analyze_texts, load_pipeline

        store, version = self.store, self.analysis_version()
        run_id = store.start_run("analyze")
        total, done = store.count_to_analyze(version), 0
        rejections: list[Rejection] = []
        nlp = load_pipeline(self.settings.spacy_model) if total else None
        while nlp is not None and (
            batch := store.articles_to_analyze(version, limit=self.settings.commit_every)
        ):
            results = self._analyze_batch(batch, nlp, analyze_texts, rejections, run_id)
            with store.transaction():
                for article_id, analysis in results:
                    store.save_analysis(
                        article_id,
                        version,
                        mentions=analysis.mentions if analysis else (),
                        quotes=analysis.quotes if analysis else (),
                        dates=analysis.dates if analysis else (),
                        claims=analysis.claims if analysis else (),
                        analyzed_at=now(),
                    )
            done += len(batch)
            if progress:
                progress(done, total, batch[-1][0])
        counted = store.mention_names()
        mentions = [mention for mention, count in counted for _ in range(count)]
        entities = merge_entities(mentions)
        with store.transaction():
            store.replace_entities(entities, resolve_mentions(mentions, entities))
        store.finish_run(run_id, {"analyzed": done, "entities": len(entities)})
        return AnalyzeReport(run_id, version, done, len(entities), tuple(rejections))

    def _analyze_batch(
        self,
        batch: list[tuple[str, str, date | None]],
        nlp: Any,
        analyze_texts: Callable[..., Iterable[Any]],
        rejections: list[Rejection],
        run_id: int,
    ) -> list[tuple[str, Any]]:
        """Analyse a batch; if it fails, retry one by one so one bad article is only rejected."""
        try:
            return [(item.article_id, item) for item in analyze_texts(batch, nlp=nlp)]
        except Exception:
            logger.exception("batch analysis failed; retrying article by article")
        results: list[tuple[str, Any]] = []
        for item in batch:
            try:
                [analysis] = list(analyze_texts([item], nlp=nlp))
                results.append((item[0], analysis))
            except Exception as error:  # one article must not stop the run
                logger.exception("analysis failed for %s", item[0])
                reason = f"NLP failed: {type(error).__name__}: {error}"
                rejection = Rejection(item[0], "nlp", Code.NLP_FAILED.value, reason)
                self.store.add_rejection(rejection, run_id=run_id)
                rejections.append(rejection)
                results.append((item[0], None))
        return results

    # --- stories and timelines -----------------------------------------------------------
    def group_stories(self, *, progress: Progress | None = None) -> GroupReport:
        """Assign every article without a story, one at a time in publication order.

        The grouper's state is kept in the store, so a later run goes on incrementally: new
        articles join existing stories or open new ones, and converging stories merge. An
        article's embedding computed ahead by ``parallax run`` (stored by ``load_shards``) is
        used when it is the grouper's embedder's vector of the very text it would embed.
        """
        from dataclasses import asdict

        from parallax.store.embeddings import article_embeddings
        from parallax.stories import StoryInput
        from parallax.stories.configure import open_index
        from parallax.stories.embed import ArticleEmbedding

        store = self.store
        index = open_index(self.settings, store.story_snapshot())
        total, done, opened, merged = store.count_unassigned(), 0, 0, 0
        changed: set[str] = set()
        removed: set[str] = set()
        while batch := store.unassigned_articles(limit=self.settings.commit_every):
            items = [
                StoryInput(
                    article_id=row["id"],
                    published=row["published"],
                    title=row["title"],
                    text=row["text"],
                    outlet=row["outlet"],
                    entities=store.entity_names(row["id"]),
                )
                for row in batch
            ]
            known: dict[str, ArticleEmbedding] = {}
            if index.embedder is not None:
                stored = article_embeddings(store, [item.article_id for item in items])
                known = {key: ArticleEmbedding.from_bytes(*row) for key, row in stored.items()}
            with store.transaction():
                for assignment in index.assign_all(items, known=known):
                    opened += assignment.opened
                    merged += len(assignment.merged)
                    changed.add(assignment.story_id)
                    removed.update(assignment.merged)
                    explanation = {
                        "decision": assignment.decision,
                        "lines": assignment.lines(),
                        "threshold": assignment.threshold,
                        "opened": assignment.opened,
                        "merged": list(assignment.merged),
                        "candidates": [asdict(candidate) for candidate in assignment.candidates],
                    }
                    store.record_assignment(
                        assignment.article_id,
                        assignment.story_id,
                        explanation,
                        grouper=assignment.grouper,
                        assigned_at=now(),
                    )
            done += len(batch)
            if progress:
                progress(done, total, batch[-1]["id"])
        live = {state.id: state for state in index.stories()}
        touched = sorted({index.resolve(story_id) for story_id in changed} & live.keys())
        with store.transaction():
            store.replace_stories(
                [self._story_from_state(live[story_id]) for story_id in touched],
                removed=sorted(removed - live.keys()),
                updated_at=now(),
            )
            store.save_story_snapshot(index.snapshot(), updated_at=now())
        return GroupReport(assigned=done, opened=opened, merged=merged, stories=len(live))

    @staticmethod
    def _story_from_state(state: Any) -> Story:
        from parallax.stories.types import GROUPER

        return Story(
            id=state.id,
            title=state.title,
            article_ids=tuple(state.article_ids),
            entities=tuple(state.key_entities),
            outlets=tuple(state.outlets),
            first_seen=state.first,
            last_seen=state.last,
            grouper=GROUPER,
        )

    # --- runners (issue 7) ---
    if TYPE_CHECKING:
        from parallax.runners.types import LoadReport

    def load_shards(self, directory: str | Path, *, progress: Progress | None = None) -> LoadReport:
        """Put the shards of ``parallax run`` into the store, as ingest, analyze and group do.

        Sources are loaded in the order the run planned them: rejections and articles through
        the ingest code path (upserts, near-duplicate links), then the analyses the workers
        made. Then ``analyze`` merges entities across the corpus (analysing any article the
        shards hold no current analysis for) and ``group_stories`` assigns stories. Sources
        already loaded (the store's ledger) are skipped: loading again changes nothing.

        Raises:
            ConfigError: ``directory`` is not the output of ``parallax run``.
        """
        from parallax.runners.load import load_entries
        from parallax.runners.types import LoadReport

        store, run_id = self.store, self.store.start_run("load")
        loaded = load_entries(
            store, Path(directory), version=self.analysis_version(), save=self._save,
            run_id=run_id, progress=progress,
        )  # fmt: skip
        analyzed, grouped = self.analyze(), self.group_stories()
        counts = loaded.counts | {"analyzed_here": analyzed.analyzed}
        store.finish_run(run_id, counts | {"rejections": len(loaded.rejections)})
        return LoadReport(
            run_id=run_id, entities=analyzed.entities, stories=grouped,
            rejections=(*loaded.rejections, *analyzed.rejections), **counts,
        )  # fmt: skip

    # --- web speed (issue 6) ---
    def data_version(self) -> int:
        """Return a number that changes whenever another connection commits to the store.

        Only comparable between calls on the same ``Corpus``: a server keeps one open to know
        when what it computed from the store (pages, story views) must be computed again.
        """
        from parallax.store.version import data_version

        return data_version(self.store.connection)

    # --- comparison (issue 5) ---
    if TYPE_CHECKING:
        from parallax.compare.types import StoryComparison

    def compare(
        self, story_id: str, *, cache: bool = True, stored_only: bool = False, save: bool = True
    ) -> StoryComparison | None:
        """Compare how the outlets of a story tell it (by story id or unique prefix): claims
        only one outlet reports or that it omits, contradictions, whom each quotes, framing
        and tone, every finding backed by spans; None when there is no such story.

        The result is cached in the store, keyed by a hash of what it is computed from (the
        articles, their analyses, outlet profiles and the comparison's version). With
        ``stored_only``, return the stored comparison when it is current and None otherwise,
        computing nothing (a web page does so for a large story). With ``save=False`` a
        computed comparison is not written to the store (web pages never write to it)."""
        story = self.stories.get(story_id)
        if story is None:
            return None
        result, _computed = self._comparison(story, cache=cache, stored_only=stored_only, save=save)
        return result

    def compare_stories(self, *, progress: Progress | None = None) -> CompareReport:
        """Compute and store the comparison of every story told by two or more outlets whose
        stored comparison is missing or stale, so that no reader waits for one.

        Run after grouping (``parallax analyze`` and ``parallax load`` do): a story that did
        not change since its comparison was stored costs one key check. A story told by one
        outlet has nothing to set side by side; pages compare it on demand.
        """
        stories = self.store.stories()
        several = [story for story in stories if len(story.outlets) > 1]
        compared = current = 0
        for done, story in enumerate(several, start=1):
            _result, computed = self._comparison(story, cache=True, stored_only=False, save=True)
            compared += computed
            current += not computed
            if progress:
                progress(done, len(several), story.id)
        return CompareReport(
            compared=compared, current=current, single_outlet=len(stories) - len(several)
        )

    def _comparison(
        self, story: Story, *, cache: bool, stored_only: bool, save: bool
    ) -> tuple[StoryComparison | None, bool]:
        """Return a story's comparison (see :meth:`compare`) and whether it was computed now."""
        from parallax.compare.codec import comparison_from_dict, comparison_to_dict
        from parallax.compare.story import StoryArticle, compare_story, comparison_key
        from parallax.store.comparisons import load_comparison, save_comparison

        items = []
        for article_id in story.article_ids:
            article = self.store.article(article_id)
            if article is None:
                continue
            found = self.store.analysis(article_id)
            profile = self.outlets.get(article.outlet_id) if article.outlet_id else None
            items.append(
                StoryArticle(
                    article, found.mentions, found.quotes, found.dates, found.claims, profile,
                    analysis_version=found.version,
                )
            )  # fmt: skip
        key = comparison_key(story.id, items, story.entities)
        if (cache or stored_only) and (
            document := load_comparison(self.store.connection, story.id, key)
        ):
            return comparison_from_dict(document), False
        if stored_only:
            return None, False
        result = compare_story(story.id, items, story.entities)
        if cache and save:
            save_comparison(
                self.store.connection, story.id, key, result.version,
                comparison_to_dict(result), computed_at=now(),
            )  # fmt: skip
        return result, True
