"""The comparison stage: how the outlets of one story tell it, computed from the store and kept
there, keyed by a hash of everything it is computed from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import partial
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from parallax.model import Outlet, Progress, Story, now
from parallax.outcomes import CompareReport
from parallax.stages.titles import keep_title
from parallax.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from parallax.compare.story import StoryArticle
    from parallax.comparison import StoryComparison
    from parallax.stages.compare_jobs import Compared, Job, StoryMapper

#: Return an outlet's profile by its id (the registry's, else the stored one).
OutletLookup = Callable[[str], Outlet | None]


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
    threads: int = 1,
) -> tuple[StoryComparison | None, bool]:
    """Return a story's comparison and whether it was computed now.

    With ``cache`` a current stored comparison is returned as it is, and (with ``save``) one
    computed now is stored. With ``stored_only`` nothing is computed: the stored comparison
    when it is current, else None. With ``events`` the claim groups are event clusters
    (the ``compare_events`` setting). ``prepared`` is what :func:`prepare` read of the story
    (with ``cache`` or ``stored_only``), so that it is not read again. With ``threads`` > 1
    MiniLM shares its runs over that many threads while this one runs the framing models'
    other parts (:func:`~parallax.stages.framing.complete_framing`: a web page's first view,
    while its reader waits); the comparison is the same for any number.
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
        items = complete_framing(store, items, save=cache and save, threads=threads)
        result = compare_story(story.id, items, story.entities, events=events)
    if cache and save:
        save_comparison(
            store.connection, story.id, key, result.version,
            comparison_to_dict(result), computed_at=now(),
        )  # fmt: skip
        keep_title(store, story, lambda: result)
    return result, True


CUT_WINDOW = 2_000
"""Characters past the cut read to tell where the sentences before it end."""


def cut_at(text: str, chars: int) -> int:
    """Return where to cut ``text`` to at most ``chars`` characters: the end of its last
    sentence that ends by then (when even the first is longer: after its last whole word)."""
    from parallax.models.text import sentence_spans

    if len(text) <= chars:
        return len(text)
    window = text[: chars + CUT_WINDOW]
    spans = sentence_spans(window)
    if len(window) < len(text):
        spans = spans[:-1]  # the window's last sentence may go on past it
    ends = [end for _, end in spans if end <= chars]
    if ends:
        return max(ends)
    space = text.rfind(" ", 0, chars + 1)  # no sentence ends by then: the last whole word
    return space if space > 0 else chars


def first_part(item: StoryArticle, chars: int) -> StoryArticle:
    """Return ``item`` as if its article's text were its first sentences, up to ``chars``
    characters (:func:`cut_at`), with what its analysis found there; its content hash names
    the part, so no framing stored for the whole text is read as the part's."""
    from parallax.compare.story import StoryArticle

    article = item.article
    end = cut_at(article.text, chars)
    if end >= len(article.text):
        return item
    part = replace(article, text=article.text[:end], content_hash=f"{article.content_hash}:{end}")

    def inside(*ends: int | None) -> bool:
        return all(e is None or e <= end for e in ends)

    return StoryArticle(
        part,
        tuple(m for m in item.mentions if inside(m.end)),
        tuple(q for q in item.quotes if inside(q.end, q.speaker_end, q.cue_end)),
        tuple(d for d in item.dates if inside(d.end, d.event_end)),
        tuple(c for c in item.claims if inside(c.end)),
        item.profile,
        analysis_version=item.analysis_version,
        events=tuple(e for e in item.events if inside(e.end, e.claim_end)),
    )


def compare_part(
    store: SQLiteStore,
    story: Story,
    outlet: OutletLookup,
    *,
    chars: int | None = None,
    events: bool = False,
    threads: int = 1,
) -> tuple[StoryComparison, int]:
    """Return the comparison of ``story`` as given (a page passes some of a story's articles),
    each article's text cut to its first ``chars`` characters when given (:func:`first_part`),
    and the characters of text it read: computed, never read from nor written to the store
    (``threads``: as :func:`story_comparison`)."""
    items = story_articles(store, story, outlet, events=events)
    if chars is not None:
        items = [first_part(item, chars) for item in items]
    result, _ = story_comparison(
        store, story, outlet, cache=False, stored_only=False, save=False, events=events,
        prepared=(items, "", None), threads=threads,
    )  # fmt: skip
    assert result is not None  # computed: never None without stored_only
    return result, sum(len(item.article.text) for item in items)


def _compared(
    store: SQLiteStore, story: Story, outlet: OutletLookup, events: bool
) -> StoryComparison | None:
    """A story's comparison, computed and stored if it is not current."""
    return story_comparison(
        store, story, outlet, cache=True, stored_only=False, save=True, events=events
    )[0]


def _stale(
    store: SQLiteStore,
    stories: Iterable[Story],
    outlet: OutletLookup,
    events: bool,
    current: Callable[[Story], None],
) -> Iterator[Job]:
    """The stories whose stored comparison is missing or stale, each read once, as jobs; each
    current one is handed to ``current`` after its title is checked."""
    from parallax.stages.compare_jobs import Job

    for story in stories:
        prepared = prepare(store, story, outlet, stored=True, events=events)
        items, key, stored = prepared
        if stored is None:
            yield Job(story, items, key)
        else:
            story_comparison(
                store, story, outlet, cache=True, stored_only=False, save=True, events=events,
                prepared=prepared,
            )  # fmt: skip
            current(story)


def ahead_of_pages(
    store: SQLiteStore, stories: Iterable[Story], chars: int, page_articles: int
) -> set[str]:
    """Return the ids of the one-outlet ``stories`` to compare ahead of their pages: those with
    ``chars`` characters of text or more (0: none) and at most ``page_articles`` articles (0:
    any number; a larger story's page shows only a stored comparison, never computes one).

    A page compares a one-outlet story while the reader waits, and nearly all of that is the
    framing models over its articles' text (about 0.1 CPU ms a character on the 2-core
    machine, docs/scale.md), so a long one would keep a first view waiting seconds; a short
    one, the common case, costs analyze nothing.
    """
    if chars <= 0:
        return set()
    single = [
        story.id
        for story in stories
        if len(story.outlets) <= 1
        and story.article_ids
        and (page_articles <= 0 or len(story.article_ids) <= page_articles)
    ]
    return {story for story, size in store.story_text_chars(single).items() if size >= chars}


def compare_stories(
    store: SQLiteStore,
    outlet: OutletLookup,
    *,
    progress: Progress | None = None,
    events: bool = False,
    mapper: StoryMapper | None = None,
    one_outlet_chars: int = 0,
    page_articles: int = 0,
) -> CompareReport:
    """Compute and store the comparison of every story told by two or more outlets whose
    stored comparison is missing or stale (a current one costs one key check), and every
    story's neutral title (a one-outlet story's from its headlines, else from its key entities
    and dates: it is not compared, see :mod:`parallax.stages.titles`).

    A story told by one outlet is compared too when its page would otherwise be slow to make
    (:func:`ahead_of_pages`: ``one_outlet_chars`` characters of text or more, in no more than
    ``page_articles`` articles; 0 for either: no limit of that kind, and ``one_outlet_chars``
    0 compares none).

    The stale stories are compared in batches (:mod:`parallax.stages.compare_jobs`): here, or
    given a ``mapper`` in worker processes while this one reads the next batches and stores
    each batch's results in order. The store ends the same either way.
    """
    from parallax.stages.compare_jobs import (
        batches,
        compare_batch,
        save_compared,
        with_known_vectors,
    )

    stories = store.stories()
    ahead = ahead_of_pages(store, stories, one_outlet_chars, page_articles)
    several = [story for story in stories if len(story.outlets) > 1 or story.id in ahead]
    for story in stories:
        if len(story.outlets) <= 1 and story.id not in ahead:
            keep_title(store, story, partial(_compared, store, story, outlet, events))
    counts = {"compared": 0, "current": 0}

    def advance(story: Story, key: str) -> None:
        counts[key] += 1
        if progress:
            progress(counts["compared"] + counts["current"], len(several), story.id)

    jobs = batches(_stale(store, several, outlet, events, partial(advance, key="current")))
    first = list(islice(jobs, 2))  # one batch is compared here: no pool to start for it
    results: Iterator[list[Compared]]
    if mapper is not None and len(first) > 1:
        # The workers get the vectors this process holds (the timelines'), not embedded again.
        results = mapper(map(with_known_vectors, chain(first, jobs)))
    else:
        results = ([compare_batch(store, batch, events=events)] for batch in chain(first, jobs))
    for found in results:
        for compared in found:
            save_compared(store, compared)
            for story, _key, _result in compared.stories:
                advance(story, "compared")
    return CompareReport(
        compared=counts["compared"], current=counts["current"],
        single_outlet=len(stories) - len(several),  # one-outlet stories left to their pages
    )  # fmt: skip
