"""The front door: ``Corpus(db)`` ingests, queries and exports; the CLI and web only call it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from parallax.config import Settings, load_settings
from parallax.errors import Code
from parallax.ingest.outlets import OutletRegistry, load_outlets
from parallax.ingest.sources import SourceFile, expand_sources, file_digest, read_source
from parallax.model import (
    AnalyzeReport,
    Article,
    CompareReport,
    Entity,
    GroupReport,
    IngestReport,
    Outlet,
    RawArticle,
    Rejection,
    Story,
    TimelineEntry,
)
from parallax.pipeline import ArticleResult, process_article
from parallax.store import entity_queries, queries, story_queries
from parallax.store.analysis import StoredAnalysis
from parallax.store.sqlite import SearchHit, SQLiteStore, now

if TYPE_CHECKING:
    import pandas

    from parallax.report import Report
    from parallax.report.views import ArticleView

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Called after each source with (sources done, sources in all, source name).
Progress = Callable[[int, int, str], None]


class Corpus:
    """A news corpus in one SQLite file.

    Example:
        >>> corpus = Corpus("news.db")
        >>> report = corpus.ingest(["articles/"])
        >>> corpus.articles()[0].outlet
    """

    def __init__(self, db: str | Path | None = None, *, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.db = str(db or self.settings.db)
        self.store = SQLiteStore(self.db)
        self._registry: OutletRegistry | None = None

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
        if self._registry is None:
            self._registry = load_outlets()
        return self._registry

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

    def entities(self, *, label: str | None = None) -> list[Entity]:
        """Return the corpus's canonical entities, most mentioned first."""
        return self.store.entities(label=label)

    def analysis(self, article_id: str) -> StoredAnalysis:
        """Return the entities, quotes, dates and claims stored for one article."""
        return self.store.analysis(article_id)

    # --- stories and timelines -----------------------------------------------------------
    def group_stories(self, *, progress: Progress | None = None) -> GroupReport:
        """Assign every article without a story, one at a time in publication order.

        The grouper's state is kept in the store, so a later run goes on incrementally: new
        articles join existing stories or open new ones, and converging stories merge. An
        article's embedding computed ahead by ``parallax run`` (stored by ``load_shards``) is
        used when it is the grouper's embedder's vector of the very text it would embed.
        """
        from dataclasses import asdict

        from parallax.embeddings import ArticleEmbedding
        from parallax.store.embeddings import article_embeddings
        from parallax.stories import StoryInput
        from parallax.stories.configure import open_index

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

    def stories(
        self,
        *,
        limit: int | None = None,
        outlet: str | None = None,
        since: date | None = None,
        until: date | None = None,
        entity: str | None = None,
        country: str | None = None,
        affiliated: bool | None = None,
        affiliation: str | None = None,
    ) -> list[Story]:
        """Return the corpus's stories, most recently active first; the filters combine (AND).

        Args:
            limit: The most stories returned.
            outlet: An outlet name, alias, id or domain: keep the stories it covers.
            since: Keep stories still active on or after this date (by their last day).
            until: Keep stories already active on or before this date (by their first day).
            entity: An entity id or canonical name: keep stories with it among their key
                entities or with an article that mentions or quotes it.
            country: Keep stories covered by an outlet whose documented country starts with
                this text, e.g. "Russia".
            affiliated: Keep stories covered by an outlet with (True) or without (False) a
                documented state affiliation.
            affiliation: Keep stories covered by an outlet whose documented state affiliation
                contains these words, e.g. "state-owned".
        """
        filters = self.story_filter(
            outlet=outlet, since=since, until=until, entity=entity, country=country,
            affiliated=affiliated, affiliation=affiliation,
        )  # fmt: skip
        if not filters.active:
            return self.store.stories(limit=limit)
        return self.store.stories(limit=limit, ids=self.story_ids(filters))

    def story_filter(
        self,
        *,
        outlet: str | None = None,
        since: date | None = None,
        until: date | None = None,
        entity: str | None = None,
        country: str | None = None,
        affiliated: bool | None = None,
        affiliation: str | None = None,
    ) -> story_queries.StoryFilter:
        """Return the filters of :meth:`stories` resolved (an outlet's name to its id, an
        entity's name to its id): a hashable value that :meth:`story_ids` takes."""
        outlets = self._filter(outlet, None, None, country, affiliated, affiliation, None)
        entity_id: str | None = None
        entity_name: str | None = None
        if entity:
            named = self.find_entity(entity)
            entity_id, entity_name = (named.id, named.name) if named else (entity, entity)
        return story_queries.StoryFilter(outlets, since, until, entity_id, entity_name)

    def story_ids(self, filters: story_queries.StoryFilter) -> frozenset[str]:
        """Return the ids of the stories that ``filters`` (from :meth:`story_filter`) keep."""
        return story_queries.story_ids(self.store.connection, filters)

    def story(self, story_id: str) -> Story | None:
        """Return one story by id or unique id prefix."""
        return self.store.story(story_id)

    def story_of(self, article_id: str) -> tuple[str, dict[str, Any]] | None:
        """Return the id of an article's story and why the article was put there."""
        return self.store.story_of(article_id)

    def timeline(self, story_id: str) -> list[TimelineEntry]:
        """Return a story's dated developments, merged across its articles and outlets."""
        from parallax.stories.timeline import TimelineArticle, build_timeline

        story = self.story(story_id)
        if story is None:
            return []
        inputs = []
        for article_id in story.article_ids:
            article = self.store.article(article_id)
            if article is None:
                continue
            found = self.store.analysis(article_id)
            inputs.append(
                TimelineArticle(
                    article.id, article.outlet, article.published, found.claims, found.dates
                )
            )
        return build_timeline(inputs)

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
        from parallax.comparison import StoryComparison

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
        story = self.story(story_id)
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
        from parallax.codec.comparison import comparison_from_dict, comparison_to_dict
        from parallax.compare.story import StoryArticle, compare_story, comparison_key
        from parallax.store.comparisons import load_comparison, save_comparison

        items = []
        for article_id in story.article_ids:
            article = self.store.article(article_id)
            if article is None:
                continue
            found = self.store.analysis(article_id)
            profile = self.outlet_by_id(article.outlet_id) if article.outlet_id else None
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

    # --- queries -------------------------------------------------------------------------
    def articles(self, *, outlet: str | None = None, limit: int | None = None) -> list[Article]:
        """Return stored articles by publication date; ``outlet`` filters by name or id."""
        outlet_id = None
        if outlet:
            found = self.registry.find(outlet)
            outlet_id = found.id if found else outlet
        return self.store.articles(outlet_id=outlet_id, limit=limit)

    def article(self, article_id: str) -> Article | None:
        """Return one article by id or unique id prefix."""
        return self.store.article(article_id)

    def duplicates_of(self, article_id: str) -> list[str]:
        """Return the ids of articles linked to this one as near-duplicates."""
        return self.store.duplicates_of(article_id)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts."""
        return self.store.search(query, limit=limit)

    def outlets(self) -> list[tuple[Outlet, int]]:
        """Return the outlets met in this corpus, with their article counts."""
        return self.store.outlets()

    def outlet(self, name: str) -> Outlet | None:
        """Return the profile of an outlet by name, alias, id or domain."""
        found = self.registry.find(name)
        if found is not None:
            return found
        lowered = name.casefold()
        return next(
            (o for o, _ in self.store.outlets() if lowered in (o.id, o.name.casefold())), None
        )

    def rejections(self, *, limit: int | None = None) -> list[Rejection]:
        """Return what could not be ingested, and why."""
        return self.store.rejections(limit=limit)

    def runs(self) -> list[dict[str, Any]]:
        """Return the recorded runs, newest first."""
        return self.store.runs()

    def dataframe(self) -> pandas.DataFrame:
        """Return the articles as a pandas DataFrame (one row per article)."""
        from parallax.export import articles_frame

        return articles_frame(self.store.articles())

    def export(self, fmt: str, destination: str | Path | None = None) -> str | None:
        """Export the corpus as json, jsonl, csv or parquet; return the text if no destination."""
        from parallax.export import export_corpus

        return export_corpus(self, fmt, destination)

    # --- browsing for the API and web (issue 6) ---
    def _filter(
        self,
        outlet: str | None,
        published_from: date | None,
        published_to: date | None,
        country: str | None,
        affiliated: bool | None,
        affiliation: str | None,
        query: str | None,
        entity: str | None = None,
    ) -> queries.ArticleFilter:
        outlet_id = None
        if outlet:
            found = self.outlet_by_id(outlet) or self.registry.find(outlet)
            outlet_id = found.id if found else outlet
        return queries.ArticleFilter(
            outlet_id=outlet_id,
            published_from=published_from,
            published_to=published_to,
            country=country or None,
            affiliated=affiliated,
            affiliation=affiliation or None,
            query=query or None,
            entity_id=entity or None,
        )

    def article_page(
        self,
        *,
        outlet: str | None = None,
        published_from: date | None = None,
        published_to: date | None = None,
        country: str | None = None,
        affiliated: bool | None = None,
        affiliation: str | None = None,
        query: str | None = None,
        entity: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> queries.Page[queries.ArticleSummary]:
        """Return one page of articles, newest first; pass ``next_cursor`` for the next page.

        Args:
            outlet: An outlet name, alias, id or domain.
            published_from: The earliest publication date kept (inclusive).
            published_to: The latest publication date kept (inclusive).
            country: The start of the outlet's documented country, e.g. "Russia".
            affiliated: Keep outlets with (True) or without (False) a documented state
                affiliation.
            affiliation: Words of the documented state affiliation, e.g. "state-owned".
            query: Words that must all occur in the title or text.
            entity: An entity id: keep articles that mention it or quote it.
            limit: The most articles on this page.
            cursor: The ``next_cursor`` of the previous page.

        Raises:
            ConfigError: the cursor is not one this list made.
        """
        filters = self._filter(
            outlet, published_from, published_to, country, affiliated, affiliation, query, entity
        )
        return queries.article_page(self.store.connection, filters, limit=limit, cursor=cursor)

    def count_articles(
        self,
        *,
        outlet: str | None = None,
        published_from: date | None = None,
        published_to: date | None = None,
        country: str | None = None,
        affiliated: bool | None = None,
        affiliation: str | None = None,
        query: str | None = None,
        entity: str | None = None,
    ) -> int:
        """Return how many articles match the filters of :meth:`article_page`."""
        filters = self._filter(
            outlet, published_from, published_to, country, affiliated, affiliation, query, entity
        )
        return queries.count_articles(self.store.connection, filters)

    def search_page(
        self,
        query: str,
        *,
        outlet: str | None = None,
        published_from: date | None = None,
        published_to: date | None = None,
        country: str | None = None,
        affiliated: bool | None = None,
        affiliation: str | None = None,
        entity: str | None = None,
        limit: int = 20,
        cursor: str | None = None,
    ) -> queries.Page[queries.SearchResult]:
        """Return one page of full-text matches, best first; pass ``next_cursor`` for more.

        The filters keep the matches :meth:`article_page` keeps with the same filters, except
        that ``entity`` may also be an entity's canonical name.

        Raises:
            ConfigError: the cursor is not one this search made.
        """
        entity_id = None
        if entity:
            named = self.find_entity(entity)
            entity_id = named.id if named else entity
        filters = self._filter(
            outlet, published_from, published_to, country, affiliated, affiliation, None, entity_id
        )
        return queries.search_page(
            self.store.connection, query, limit=limit, cursor=cursor, filters=filters
        )

    def outlet_by_id(self, outlet_id: str) -> Outlet | None:
        """Return the outlet with exactly this id: the registry's profile, else the stored one."""
        found = self.registry.get(outlet_id)
        return found or queries.stored_outlet(self.store.connection, outlet_id)

    def outlet_names(self) -> list[tuple[str, str]]:
        """Return ``(id, name)`` of every outlet met in the corpus, by name."""
        return queries.outlet_names(self.store.connection)

    def entity_page(
        self,
        *,
        label: str | None = None,
        prefix: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> queries.Page[entity_queries.EntitySummary]:
        """Return one page of canonical entities, most mentioned first.

        Args:
            label: Keep one type: PERSON, ORG, GPE, LOC, NORP, PRODUCT, EVENT ...
            prefix: Keep entities whose name or an alias starts with this text.
            limit: The most entities on this page.
            cursor: The ``next_cursor`` of the previous page.

        Raises:
            ConfigError: the cursor is not one this list made.
        """
        return entity_queries.entity_page(
            self.store.connection, label=label, prefix=prefix, limit=limit, cursor=cursor
        )

    def find_entity(self, ref: str) -> entity_queries.EntitySummary | None:
        """Return the entity with this id, else the only one with this exact name (any case)."""
        return entity_queries.find_entity(self.store.connection, ref)

    def entity_detail(
        self, entity_id: str, *, limit: int = 50, cursor: str | None = None
    ) -> entity_queries.EntityDetail | None:
        """Return an entity (by id, or its exact name), its totals, and one page of the
        articles that name it, newest first, each with its mention count and the entity's
        quotes in it; None when there is no such entity.

        Raises:
            ConfigError: the cursor is not one this list made.
        """
        return entity_queries.entity_detail(
            self.store.connection, entity_id, limit=limit, cursor=cursor
        )

    def article_links(self, article_id: str) -> entity_queries.ArticleLinks:
        """Return the entity ids of what one article names and of the speakers it quotes."""
        return entity_queries.article_links(self.store.connection, article_id)

    def article_view(self, article_id: str) -> ArticleView | None:
        """Return one article as a page shows it (highlighted text, who said what, named,
        when, claims), by id or unique id prefix; None when there is no such article."""
        from parallax.report.views import article_view

        article = self.article(article_id)
        return article_view(self, article) if article else None

    def report(self, refs: Sequence[str], *, title: str | None = None) -> Report:
        """Return a report over articles: ids (or unique prefixes), or outlets standing for
        all their articles; write it with :func:`parallax.report.write_report`.

        Raises:
            InputError: a ref names neither an article nor an outlet with articles.
        """
        from parallax.report import build_report

        return build_report(self, refs, title=title)
