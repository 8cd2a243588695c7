"""``corpus.stories``: the stories grouping made, their pages, and their timelines."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from parallax.model import Story, TimelineEntry
from parallax.query import StoryQuery
from parallax.resources.base import Linked
from parallax.results import Facets, Page
from parallax.store import facets, story_queries


class Stories(Linked):
    """The stories of one corpus."""

    def get(self, story_id: str) -> Story | None:
        """Return one story by id or unique id prefix."""
        return self._store.story(story_id)

    def list(self, *, limit: int | None = None) -> builtins.list[Story]:
        """Return every story (or the first ``limit``), most recently active first."""
        return self._store.stories(limit=limit)

    def _resolved(self, query: StoryQuery) -> tuple[StoryQuery, str | None]:
        """The query with the outlet's and entity's ids, and the entity's canonical name."""
        entity_id: str | None = None
        entity_name: str | None = None
        if query.entity:
            named = self._entities.find(query.entity)
            entity_id = named.id if named else query.entity
            entity_name = named.name if named else query.entity
        resolved = replace(
            query,
            outlet=self._outlets.resolve(query.outlet),
            country=query.country or None,
            affiliation=query.affiliation or None,
            language=query.language or None,
            entity=entity_id,
        )
        return resolved, entity_name

    def page(self, query: StoryQuery | None = None) -> Page[Story]:
        """Return one page of the stories ``query`` keeps, most recently active first (then
        most articles, then id); pass its ``next_cursor`` as the next query's ``cursor``.

        Raises:
            ConfigError: the cursor is not one a story list made, or the limit is below 1.
        """
        resolved, name = self._resolved(query or StoryQuery())
        ids, next_cursor = story_queries.story_page(
            self._store.connection, resolved, entity_name=name
        )
        found = {story.id: story for story in self._store.stories(ids=ids)} if ids else {}
        return Page(tuple(found[i] for i in ids if i in found), next_cursor)  # in list order

    def count(self, query: StoryQuery | None = None) -> int:
        """Return how many stories ``query`` keeps (its limit and cursor are unused)."""
        resolved, name = self._resolved(query or StoryQuery())
        return story_queries.count_stories(self._store.connection, resolved, entity_name=name)

    def facets(self, query: StoryQuery | None = None) -> Facets:
        """Return how many of the stories ``query`` keeps each outlet, outlet country, state
        affiliation and month would keep."""
        resolved, name = self._resolved(query or StoryQuery())
        return facets.story_facets(self._store.connection, resolved, entity_name=name)

    def of(self, article_id: str) -> tuple[str, dict[str, Any]] | None:
        """Return the id of an article's story and why the article was put there."""
        return self._store.story_of(article_id)

    def timeline(self, story_id: str) -> builtins.list[TimelineEntry]:
        """Return a story's dated developments, merged across its articles and outlets."""
        story = self.get(story_id)
        return self.timeline_of(story.article_ids) if story else []

    def timeline_of(self, article_ids: Iterable[str]) -> builtins.list[TimelineEntry]:
        """Return the dated developments of these stored articles, as a story of them."""
        from parallax.compare.crosslingual_claims import crosslingual_available, event_margins
        from parallax.stories.timeline import TimelineArticle, build_timeline

        inputs = []
        for article_id in article_ids:
            article = self._store.article(article_id)
            if article is None:
                continue
            found = self._store.analysis(article_id)
            inputs.append(
                TimelineArticle(
                    article.id,
                    article.outlet,
                    article.published,
                    found.claims,
                    found.dates,
                    article.language,
                )
            )
        # Reports in other languages join one development by the comparison's e5 similarity.
        return build_timeline(inputs, across=event_margins if crosslingual_available() else None)
