"""``corpus.stories``: the stories grouping made, their pages, and their timelines."""

from __future__ import annotations

import builtins
import contextlib
import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from importlib import resources
from typing import TYPE_CHECKING, Any, TypedDict

from pydantic import ValidationError

from parallax.codec import dump, load
from parallax.model import Article, Story, TimelineEntry
from parallax.query import StoryQuery
from parallax.resources.base import Linked
from parallax.results import Facets, Page
from parallax.store import facets, story_queries, story_views

if TYPE_CHECKING:
    from parallax.stories.restated import Embed
    from parallax.stories.timeline import TimelineDraft
    from parallax.stories.timeline_languages import EventScorer


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

    def articles_of(self, story: Story) -> builtins.list[Article]:
        """Return a story's stored articles, read at once (in no particular order)."""
        return story_views.articles_by_id(self._store.connection, story.article_ids)

    def title_of(self, article_id: str) -> tuple[str, str] | None:
        """Return the id and title of an article's story (None when it is in none), without
        reading the story's articles."""
        return story_views.story_title_of(self._store.connection, article_id)

    def compared(self, story_id: str) -> bool:
        """Whether a comparison of the story is stored, current or not."""
        return story_views.has_comparison(self._store.connection, story_id)

    def timeline(self, story_id: str) -> builtins.list[TimelineEntry]:
        """Return a story's dated developments, merged across its articles and outlets: its
        stored timeline when that is current (:meth:`store_timelines`), else built now."""
        story = self.get(story_id)
        if story is None:
            return []
        stored = story_views.load_timeline(
            self._store.connection, story.id, self._timeline_key(story)
        )
        if stored is not None:
            try:
                return load(builtins.list[TimelineEntry], stored)
            except ValidationError:  # stored by a build of another shape: build it again
                pass
        return self.timeline_of(story.article_ids)

    def timeline_of(self, article_ids: Iterable[str]) -> builtins.list[TimelineEntry]:
        """Return the dated developments of these stored articles, as a story of them."""
        from parallax.stories.timeline import finish_timeline

        return finish_timeline(self._draft(article_ids), **_joiners())

    def _draft(self, article_ids: Iterable[str]) -> TimelineDraft:
        """The first half of the timeline of these stored articles (``draft_timeline``)."""
        from parallax.stories.timeline import TimelineArticle, draft_timeline

        ids = builtins.list(article_ids)
        found = story_views.timeline_inputs(self._store.connection, ids)
        return draft_timeline([TimelineArticle(i, *found[i]) for i in ids if i in found])

    @contextlib.contextmanager
    def warming(self, articles: int) -> Iterator[None]:
        """While the block runs (grouping ``articles`` articles), make the MiniLM session that
        :meth:`store_timelines` will use on a thread of its own, when they are
        :data:`WARM_ARTICLES` or more (with the embeddings extra); wait for it at the block's
        end. The session is made without the GIL, on an idle CPU: it leaves the serial path
        after the pool. A few articles seldom make a timeline that MiniLM reads, so they make
        no session (~0.2 CPU s) unless one is needed."""
        from parallax.embeddings import embeddings_available

        thread = None
        if articles >= WARM_ARTICLES and embeddings_available():
            from parallax.models.vectors import warm_up

            thread = warm_up()
        try:
            yield
        finally:
            if thread is not None:
                thread.join()

    def store_timelines(self, *, threads: int = 1) -> int:
        """Build and store the timeline of every story whose stored one is missing or stale
        (and drop those of stories merged away), so that no page builds one; return how many
        were built. ``group_stories`` runs it.

        The stories are built :data:`TIMELINES_AT_ONCE` at a time: the texts MiniLM reads
        for all of them (restated developments) are embedded first, in one call whose runs
        ``threads`` threads share (``group_stories`` gives one per analyze worker: the CPUs
        are idle after the pool), then each timeline is finished with their vectors, as
        :meth:`timeline_of` would.
        """
        from parallax.stories.timeline import finish_timeline

        connection = self._store.connection
        stored = story_views.stored_timeline_keys(connection)
        stories = self._store.stories()
        rows = story_views.all_timeline_key_rows(connection)  # one query, not one per story
        stale = [
            (story, key)
            for story in stories
            if stored.get(story.id) != (key := self._timeline_key(story, rows.get(story.id, [])))
        ]
        joiners = _joiners()
        built = 0
        with self._store.transaction():
            for at in range(0, len(stale), TIMELINES_AT_ONCE):
                part = stale[at : at + TIMELINES_AT_ONCE]
                drafts = [self._draft(story.article_ids) for story, _ in part]
                if joiners["embed"] is not None:
                    texts = [text for draft in drafts for text in draft.restated_texts()]
                    _prefetch(texts, threads)
                for (story, key), draft in zip(part, drafts, strict=True):
                    entries = [dump(entry) for entry in finish_timeline(draft, **joiners)]
                    if not story_views.save_timeline(connection, story.id, key, entries):
                        return built  # a read-only file: pages build timelines as before
                    built += 1
            if set(stored) - {story.id for story in stories}:
                story_views.drop_timelines(connection, [story.id for story in stories])
        return built

    def _timeline_key(
        self, story: Story, rows: builtins.list[tuple[Any, ...]] | None = None
    ) -> str:
        """A hash of what a story's timeline is built from: the builder's code, the story's
        article ids in order, and each article's outlet, date, text and analysis (``rows``:
        :func:`~parallax.store.story_views.timeline_key_rows` of the story, when read)."""
        digest = hashlib.sha1(_builder_fingerprint(), usedforsecurity=False)
        digest.update(repr(tuple(story.article_ids)).encode("utf-8") + b"\0")
        if rows is None:
            rows = story_views.timeline_key_rows(self._store.connection, story.id)
        for row in rows:
            digest.update(repr(row).encode("utf-8") + b"\0")
        return digest.hexdigest()


@functools.cache
def _builder_fingerprint() -> bytes:
    """A hash of the code and word list the timeline is built with: a stored timeline made by
    another version of them is stale."""
    from parallax.compare.crosslingual_claims import crosslingual_available
    from parallax.embeddings import embeddings_available

    digest = hashlib.sha1(usedforsecurity=False)
    # With the multilingual extra installed, developments join across languages; with the
    # embeddings extra, reports that say the same in other words join (stories/restated.py).
    digest.update(b"across" if crosslingual_available() else b"alone")
    digest.update(b"embedded" if embeddings_available() else b"words")
    package = resources.files("parallax")
    for name in _BUILDER_FILES:
        digest.update(name.encode() + b"\0" + package.joinpath(name).read_bytes() + b"\0")
    return digest.digest()


#: The files a timeline's entries depend on, besides its articles.
_BUILDER_FILES = (
    "model.py",
    "stories/timeline.py",
    "stories/developments.py",
    "stories/developments_slavic.py",
    "stories/features.py",
    "stories/salience.py",
    "stories/timeline_languages.py",
    "stories/restated.py",
    "compare/crosslingual_claims.py",
    "data/event_words.txt",
    "data/event_words_slavic.txt",
)


WARM_ARTICLES = 32
"""Articles to group from which :meth:`Stories.warming` makes MiniLM's session ahead (in the e2e
corpus of 299 articles, 28 of 192 stories' timelines read restated developments)."""

TIMELINES_AT_ONCE = 256
"""Stories whose timelines ``store_timelines`` drafts at once (their texts embedded in one call)."""


class _Joiners(TypedDict):
    across: EventScorer | None
    embed: Embed | None


def _joiners() -> _Joiners:
    """What joins a timeline's developments told in other languages (the comparison's e5
    similarity, with the multilingual extra) and in other words (MiniLM, with the embeddings
    extra)."""
    from parallax.compare.crosslingual_claims import crosslingual_available, event_margins
    from parallax.embeddings import embeddings_available

    return {
        "across": event_margins if crosslingual_available() else None,
        "embed": _embed() if embeddings_available() else None,
    }


def _embed() -> Embed:
    """MiniLM through the process's cache (the comparison embeds the same claims)."""
    from parallax.models.vectors import cached_embedder

    return cached_embedder().embed


def _prefetch(texts: builtins.list[str], threads: int) -> None:
    """Embed ``texts`` ahead into the process's MiniLM cache (:func:`_embed` reads them)."""
    from parallax.models.vectors import cached_embedder

    if texts:
        cached_embedder().prefetch(texts, threads=threads)
