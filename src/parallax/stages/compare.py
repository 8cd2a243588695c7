"""The comparison stage: how the outlets of one story tell it, computed from the store and kept
there, keyed by a hash of everything it is computed from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from parallax.model import Outlet, Progress, Story, now
from parallax.outcomes import CompareReport
from parallax.stages.titles import keep_title
from parallax.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from parallax.compare.story import StoryArticle
    from parallax.comparison import StoryComparison

#: Return an outlet's profile by its id (the registry's, else the stored one).
OutletLookup = Callable[[str], Outlet | None]

BATCH_ARTICLES = 64
"""Articles whose stories' texts :func:`embed_ahead` embeds in one call (a few thousand texts:
their vectors stay in the cached embedder, which keeps 20,000, until they are compared)."""


def _batches(stories: Sequence[Story]) -> Iterator[list[Story]]:
    """Consecutive stories of :data:`BATCH_ARTICLES` articles or fewer (a larger story alone)."""
    batch: list[Story] = []
    size = 0
    for story in stories:
        if batch and size + len(story.article_ids) > BATCH_ARTICLES:
            yield batch
            batch, size = [], 0
        batch.append(story)
        size += len(story.article_ids)
    if batch:
        yield batch


def story_articles(
    store: SQLiteStore, story: Story, outlet: OutletLookup, *, events: bool = False
) -> list[StoryArticle]:
    """Return a story's stored articles with their analyses and outlet profiles, in order
    (with ``events``, their claims' event mentions, which event groups read)."""
    from parallax.compare.story import StoryArticle

    items = []
    for article_id in story.article_ids:
        article = store.article(article_id)
        if article is None:
            continue
        found = store.analysis(article_id, events=events)
        profile = outlet(article.outlet_id) if article.outlet_id else None
        items.append(
            StoryArticle(
                article, found.mentions, found.quotes, found.dates, found.claims, profile,
                analysis_version=found.version, events=found.events,
            )
        )  # fmt: skip
    return items


#: A story's articles, the key of its comparison and its stored comparison when current.
Prepared = tuple[list["StoryArticle"], str, dict[str, Any] | None]


def prepare(
    store: SQLiteStore, story: Story, outlet: OutletLookup, *, stored: bool, events: bool
) -> Prepared:
    """Return a story's articles, its comparison's key and (with ``stored``) its stored
    comparison when that is current, else None."""
    from parallax.compare.story import comparison_key
    from parallax.store.comparisons import load_comparison

    items = story_articles(store, story, outlet, events=events)
    key = comparison_key(story.id, items, story.entities, events=events)
    document = load_comparison(store.connection, story.id, key) if stored else None
    return items, key, document


def story_comparison(
    store: SQLiteStore,
    story: Story,
    outlet: OutletLookup,
    *,
    cache: bool,
    stored_only: bool,
    save: bool,
    events: bool = False,
    prepared: Prepared | None = None,
) -> tuple[StoryComparison | None, bool]:
    """Return a story's comparison and whether it was computed now.

    With ``cache`` a current stored comparison is returned as it is, and (with ``save``) one
    computed now is stored. With ``stored_only`` nothing is computed: the stored comparison
    when it is current, else None. With ``events`` the claim groups are event clusters
    (the ``compare_events`` setting). ``prepared`` is what :func:`prepare` read of the story
    (with ``cache`` or ``stored_only``), so that it is not read again.
    """
    from parallax.codec.comparison import comparison_from_dict, comparison_to_dict
    from parallax.compare.story import compare_story
    from parallax.store.comparisons import save_comparison

    items, key, document = prepared or prepare(
        store, story, outlet, stored=cache or stored_only, events=events
    )
    if (cache or stored_only) and document:
        stored = comparison_from_dict(document)
        if cache and save:  # a current comparison: its title is checked, written if it changed
            keep_title(store, story, lambda: stored)
        return stored, False
    if stored_only:
        return None, False
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    from parallax.stages.framing import complete_framing, stored_framing
    from parallax.stages.vectors import preload_vectors

    # The framing models run once per article text, ever, and MiniLM once per text. A story's
    # matrices are small: OpenBLAS's threads would cost more CPU waiting than they save.
    with threadpool_limits(1, user_api="blas"):
        items = stored_framing(store, items)
        preload_vectors(store, items, save=cache and save)
        items = complete_framing(store, items, save=cache and save)
        result = compare_story(story.id, items, story.entities, events=events)
    if cache and save:
        save_comparison(
            store.connection, story.id, key, result.version,
            comparison_to_dict(result), computed_at=now(),
        )  # fmt: skip
        keep_title(store, story, lambda: result)
    return result, True


def _compared(
    store: SQLiteStore, story: Story, outlet: OutletLookup, events: bool
) -> StoryComparison | None:
    """A story's comparison, computed and stored if it is not current."""
    return story_comparison(
        store, story, outlet, cache=True, stored_only=False, save=True, events=events
    )[0]


def embed_ahead(store: SQLiteStore, stories: Sequence[Sequence[StoryArticle]]) -> None:
    """Embed the texts of several stories about to be compared in one call, and store them.

    Each story's comparison would embed its own texts (:func:`preload_vectors`); over many
    small stories, one call over all of them runs MiniLM in fuller buckets of texts of one
    length. The vectors are the same (a text is never run with padding) and the comparisons
    then find them in the cached embedder.
    """
    from parallax.stages.framing import stored_framing
    from parallax.stages.vectors import preload_vectors

    if stories:
        items = [item for story in stories for item in stored_framing(store, story)]
        preload_vectors(store, items, save=True)


def compare_stories(
    store: SQLiteStore,
    outlet: OutletLookup,
    *,
    progress: Progress | None = None,
    events: bool = False,
) -> CompareReport:
    """Compute and store the comparison of every story told by two or more outlets whose
    stored comparison is missing or stale (a current one costs one key check), and every
    story's neutral title (a one-outlet story's from its headlines, else from its key entities
    and dates: it is not compared, see :mod:`parallax.stages.titles`)."""
    stories = store.stories()
    several = [story for story in stories if len(story.outlets) > 1]
    for story in stories:
        if len(story.outlets) <= 1:
            keep_title(store, story, partial(_compared, store, story, outlet, events))
    compared = current = done = 0
    for stories_ in _batches(several):
        batch = [
            (story, prepare(store, story, outlet, stored=True, events=events)) for story in stories_
        ]
        embed_ahead(store, [items for _story, (items, _key, stored) in batch if not stored])
        for story, prepared in batch:
            _result, computed = story_comparison(
                store, story, outlet, cache=True, stored_only=False, save=True, events=events,
                prepared=prepared,
            )  # fmt: skip
            compared += computed
            current += not computed
            done += 1
            if progress:
                progress(done, len(several), story.id)
    return CompareReport(
        compared=compared, current=current, single_outlet=len(stories) - len(several)
    )
