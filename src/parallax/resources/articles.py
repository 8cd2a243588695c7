"""``corpus.articles``: stored articles, their analyses, filtered pages and search."""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from dataclasses import replace

from parallax.model import Article, Rejection, Revision
from parallax.query import ArticleQuery
from parallax.resources.base import Linked
from parallax.results import (
    ArticleLinks,
    ArticleSummary,
    Facets,
    LoadedTerm,
    Page,
    SearchHit,
    SearchResult,
    StoredAnalysis,
)
from parallax.store import entity_queries, facets, queries


class Articles(Linked):
    """The articles of one corpus."""

    def get(self, article_id: str) -> Article | None:
        """Return one article by id or unique id prefix."""
        return self._store.article(article_id)

    def list(
        self, *, outlet: str | None = None, language: str | None = None, limit: int | None = None
    ) -> builtins.list[Article]:
        """Return whole articles by publication date; ``outlet`` filters by name or id,
        ``language`` by ISO 639-1 code."""
        outlet_id = self._outlets.resolve(outlet)
        return self._store.articles(outlet_id=outlet_id, language=language or None, limit=limit)

    def _resolved(self, query: ArticleQuery, entity: str | None) -> ArticleQuery:
        return replace(
            query,
            outlet=self._outlets.resolve(query.outlet),
            country=query.country or None,
            affiliation=query.affiliation or None,
            language=query.language or None,
            q=query.q or None,
            entity=entity or None,
        )

    def page(self, query: ArticleQuery | None = None) -> Page[ArticleSummary]:
        """Return one page of the articles ``query`` keeps, newest first (undated last);
        pass its ``next_cursor`` as the next query's ``cursor`` for the next page.

        Raises:
            ConfigError: the cursor is not one this list made, or the limit is below 1.
        """
        query = query or ArticleQuery()
        resolved = self._resolved(query, query.entity)
        return queries.article_page(self._store.connection, resolved)

    def count(self, query: ArticleQuery | None = None) -> int:
        """Return how many articles ``query`` keeps (its limit and cursor are unused)."""
        query = query or ArticleQuery()
        resolved = self._resolved(query, query.entity)
        return queries.count_articles(self._store.connection, resolved)

    def search(self, query: ArticleQuery) -> Page[SearchResult]:
        """Return one page of full-text matches of ``query.q``, best first; the other filters
        keep what :meth:`page` keeps, except that ``entity`` may also be a canonical name.

        Raises:
            ConfigError: the cursor is not one this search made, or the limit is below 1.
        """
        return queries.search_page(self._store.connection, self._by_name(query))

    def _by_name(self, query: ArticleQuery) -> ArticleQuery:
        """The query resolved, its entity also found by canonical name."""
        entity = query.entity
        if entity:
            named = self._entities.find(entity)
            entity = named.id if named else entity
        return self._resolved(query, entity)

    def facets(self, query: ArticleQuery | None = None) -> Facets:
        """Return how many of the articles ``query`` keeps (its words in search syntax) each
        outlet, outlet country, state affiliation and publication month would keep.

        Raises:
            ConfigError: ``query.q`` is not valid search syntax.
        """
        resolved = self._by_name(query or ArticleQuery())
        return facets.article_facets(self._store.connection, resolved)

    def hits(self, text: str, *, limit: int = 20) -> builtins.list[SearchHit]:
        """Full-text search over titles and texts, best first, with ``[``/``]`` marked
        snippets (what ``parallax search`` prints)."""
        return self._store.search(text, limit=limit)

    def duplicates(self, article_id: str) -> builtins.list[str]:
        """Return the ids of articles linked to this one as near-duplicates."""
        return self._store.duplicates_of(article_id)

    def revisions(self, article_id: str) -> builtins.list[Revision]:
        """Return every stored revision of one article, oldest capture first."""
        return self._store.revisions(article_id)

    def analysis(self, article_id: str, *, events: bool = False) -> StoredAnalysis:
        """Return the entities, quotes, dates and claims stored for one article (and, with
        ``events``, its claims' event mentions)."""
        return self._store.analysis(article_id, events=events)

    def links(self, article_id: str) -> ArticleLinks:
        """Return the entity ids of what one article names and of the speakers it quotes."""
        return entity_queries.article_links(self._store.connection, article_id)

    def loaded_terms(self, text: str) -> builtins.list[LoadedTerm]:
        """Return the loaded terms of an article's text (:func:`parallax.models.loaded_terms`)."""
        # Imported here: parallax.models brings SciPy and the framing models' modules (about
        # 0.3 CPU s), which every command that opens a corpus, and the ingest's fork server,
        # would otherwise import for nothing.
        from parallax.models import loaded_terms

        return loaded_terms(text)

    def rejections(self, *, limit: int | None = None) -> builtins.list[Rejection]:
        """Return what could not be ingested, and why."""
        return self._store.rejections(limit=limit)

    def each(self, *, batch: int = 500) -> Iterator[Article]:
        """Yield every whole article by publication date, then id (undated last), reading
        ``batch`` at a time by keyset (each batch starts after the last one's key)."""
        after: tuple[str | None, str] | None = None
        while found := queries.article_batch(self._store.connection, after=after, limit=batch):
            yield from found
            last = found[-1]
            after = (last.published.isoformat() if last.published else None, last.id)
