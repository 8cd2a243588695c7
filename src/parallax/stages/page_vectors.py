"""Sentence vectors of the large uncompared stories, stored ahead of their pages.

After ``analyze --no-compare`` no story has a stored comparison, so a page of a story several
outlets tell computes one on its first view, and most of that is MiniLM over every sentence
and claim of the story (about 80 %, docs/scale.md): the largest such stories (24-52 articles)
kept a reader waiting 0.9-1.5 s on an idle 2-core machine. :func:`embed_ahead_of_pages` embeds,
at analyze time, the comparison texts (:func:`~parallax.stages.vectors.comparison_texts`) of
just those stories, the ones with at least ``chars`` characters of text, and stores their
vectors, which the page reads (:func:`~parallax.stages.vectors.preload_vectors`) instead of
computing them. A stored vector is the one the page would compute, to the last bit, so the page
is the same. The many short stories cost analyze nothing: their first view is short anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from parallax.embeddings import embeddings_available
from parallax.model import Story
from parallax.outcomes import PageVectorsReport

if TYPE_CHECKING:
    from parallax.stages.compare import OutletLookup
    from parallax.store.sqlite import SQLiteStore


def stories_ahead_of_pages(
    store: SQLiteStore, stories: Iterable[Story], chars: int, page_articles: int
) -> list[Story]:
    """Return the ``stories`` two or more outlets tell with ``chars`` characters of text or
    more (0: none) in at most ``page_articles`` articles (0: any number; a larger story's page
    shows only a stored comparison, never computes one)."""
    if chars <= 0:
        return []
    several = [
        story
        for story in stories
        if len(story.outlets) > 1
        and (page_articles <= 0 or len(story.article_ids) <= page_articles)
    ]
    sizes = store.story_text_chars(story.id for story in several)
    return [story for story in several if sizes.get(story.id, 0) >= chars]


def embed_ahead_of_pages(
    store: SQLiteStore,
    outlet: OutletLookup,
    *,
    chars: int,
    page_articles: int,
    threads: int = 1,
    events: bool = False,
) -> PageVectorsReport:
    """Embed and store the vectors of the comparison texts of each story
    :func:`stories_ahead_of_pages` names that has no current stored comparison (its page
    reads that one) and lacks some of them; MiniLM shares its runs over ``threads`` threads.
    Return how many stories were read and texts embedded (none without the MiniLM packages).
    """
    from parallax.stages.compare import prepare
    from parallax.stages.vectors import embed_missing, save_vectors

    if chars <= 0 or not embeddings_available():
        return PageVectorsReport()
    read = embedded = 0
    for story in stories_ahead_of_pages(store, store.stories(), chars, page_articles):
        items, _key, stored = prepare(store, story, outlet, stored=True, events=events)
        read += 1
        if stored is not None:
            continue
        rows = embed_missing(store, items, threads=threads)
        if rows:
            with store.transaction():
                save_vectors(store, [tuple(rows)])
            embedded += len(rows)
    return PageVectorsReport(read, embedded)
