"""The front door: ``Corpus(db)`` ingests, queries and exports; the CLI and web only call it."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from parallax.config import Settings, load_settings
from parallax.ingest.outlets import OutletRegistry, load_outlets
from parallax.ingest.sources import expand_sources
from parallax.model import (
    AnalyzeReport,
    Article,
    CompareReport,
    Entity,
    GroupReport,
    IngestReport,
    Outlet,
    Progress,
    Rejection,
    Story,
    TimelineEntry,
)
from parallax.stages.analyze import analyze_store
from parallax.stages.compare import compare_stories, story_comparison
from parallax.stages.group import group_stories
from parallax.stages.ingest import ingest_sources
from parallax.stages.sinks import StoreSink
from parallax.store import entity_queries, queries, story_queries
from parallax.store.analysis import StoredAnalysis
from parallax.store.sqlite import SearchHit, SQLiteStore

if TYPE_CHECKING:
    import pandas

    from parallax.report import Report
    from parallax.report.views import ArticleView

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


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
        store, settings = self.store, self.settings
        run_id = store.start_run("ingest")
        sink = StoreSink(
            store, run_id=run_id, duplicate_threshold=settings.duplicate_threshold,
            commit_every=settings.commit_every,
        )  # fmt: skip
        own_files = [Path(self.db + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
        sources, skipped = ingest_sources(
            expand_sources(paths, exclude=own_files), sink, settings=settings,
            outlets=self.registry, fmt=fmt, stdin=stdin, progress=progress,
        )  # fmt: skip
        counts = {"sources": sources, "skipped_sources": skipped, **sink.counts()}
        store.finish_run(run_id, counts | {"rejections": len(sink.rejections)})
        return IngestReport(run_id=run_id, rejections=tuple(sink.rejections), **counts)

    # --- analyse (NLP) -------------------------------------------------------------------
    def analysis_version(self) -> str:
        """Return the versioned names of the NLP extractors and model now in use."""
        from parallax.nlp.pipeline import analysis_version

        return analysis_version(self.settings.spacy_model)

    def analyze(self, *, progress: Progress | None = None) -> AnalyzeReport:
        """Run the NLP stage over every article not yet analysed by the current version.

        Then merge entity spellings across the whole corpus into canonical entities.
        """
        return analyze_store(
            self.store, self.settings, version=self.analysis_version(), progress=progress
        )

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
        return group_stories(self.store, self.settings, progress=progress)

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
        sink = StoreSink(
            store, run_id=run_id, duplicate_threshold=self.settings.duplicate_threshold
        )
        loaded = load_entries(
            store, Path(directory), version=self.analysis_version(), sink=sink, progress=progress
        )
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
        result, _computed = story_comparison(
            self.store, story, self.outlet_by_id, cache=cache, stored_only=stored_only, save=save
        )
        return result

    def compare_stories(self, *, progress: Progress | None = None) -> CompareReport:
        """Compute and store the comparison of every story told by two or more outlets whose
        stored comparison is missing or stale, so that no reader waits for one.

        Run after grouping (``parallax analyze`` and ``parallax load`` do): a story that did
        not change since its comparison was stored costs one key check. A story told by one
        outlet has nothing to set side by side; pages compare it on demand.
        """
        return compare_stories(self.store, self.outlet_by_id, progress=progress)

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
