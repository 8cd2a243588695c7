"""The comparison stage's work cut in batches of stories: computed in this process or in worker
processes (every core at work), stored by this one.

A batch's comparisons are computed from the store without writing to it
(:func:`compare_batch`): the texts of all its stories are embedded in one call (fuller buckets of
texts of one length), each article's framing findings are computed once, and what the store
keeps of it all comes back with the comparisons (:class:`Compared`). The process that holds the
store writes each batch in one transaction, in the order the batches came
(:func:`save_compared`). Every value is a pure function of the story's articles (MiniLM runs a
text with texts of its own length only, never padded), so the store ends the same whichever
process computed a batch, and however many there are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from parallax.model import Story, now
from parallax.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from parallax.compare.story import StoryArticle
    from parallax.comparison import StoryComparison

BATCH_ARTICLES = 16
"""Articles whose stories make one batch: about a thousand texts embedded in one call (buckets
of texts of one length fill well enough; their vectors stay in the cached embedder, which keeps
20,000, until they are compared), and small enough that a corpus of a few dozen compared
articles makes batches for every worker."""


@dataclass(frozen=True, slots=True)
class Job:
    """One story to compare: the story, its articles with their analyses (read by
    :func:`parallax.stages.compare.prepare`) and the key its comparison is stored under."""

    story: Story
    items: list[StoryArticle]
    key: str
    #: Vectors of its comparison texts that the process handing it out holds already (the
    #: timelines embedded them while grouping): ``(texts, one row each)``, or None.
    known: tuple[list[str], NDArray[np.float32]] | None = None


@dataclass(frozen=True, slots=True)
class Compared:
    """A batch's comparisons, with the rows the store keeps of what they computed."""

    #: ``(story, key, comparison)`` of each story of the batch, in order.
    stories: tuple[tuple[Story, str, StoryComparison], ...]
    #: ``(article_id, content_hash, findings JSON)`` of the framing findings computed now.
    framing: tuple[tuple[str, str, str], ...]
    #: ``(text_sha256, vector bytes)`` of the texts embedded now.
    vectors: tuple[tuple[str, bytes], ...]


#: Compares batches elsewhere (worker processes): given the batches, yields each one's
#: :class:`Compared` (a list of one), in the order the batches came.
StoryMapper = Callable[[Iterator[list[Job]]], Iterator[list[Compared]]]


def batches(jobs: Iterable[Job]) -> Iterator[list[Job]]:
    """Consecutive jobs of :data:`BATCH_ARTICLES` articles or fewer (a larger story alone)."""
    size = BATCH_ARTICLES
    batch: list[Job] = []
    articles = 0
    for job in jobs:
        if batch and articles + len(job.items) > size:
            yield batch
            batch, articles = [], 0
        batch.append(job)
        articles += len(job.items)
    if batch:
        yield batch


def with_known_vectors(jobs: list[Job]) -> list[Job]:
    """Return ``jobs``, each with the vectors of its comparison texts that this process's
    cached embedder holds (:attr:`Job.known`), for a worker process to use instead of
    embedding them again: the timelines of ``group_stories`` embed reports that are often a
    compared story's claims. The same vectors, to the last bit, so the same comparisons and
    stored rows (:func:`compare_batch` still returns them for the store)."""
    from parallax.embeddings import embeddings_available

    if not embeddings_available():
        return jobs
    from parallax.models.vectors import cached_embedder
    from parallax.stages.vectors import comparison_texts

    found = []
    for job in jobs:
        texts = [t for item in job.items for t in comparison_texts(item.article.text, item.claims)]
        held, vectors = cached_embedder().kept(texts)
        found.append(replace(job, known=(held, vectors)) if held else job)
    return found


def compare_batch(store: SQLiteStore, jobs: list[Job], *, events: bool) -> Compared:
    """Compare a batch of stories from what ``store`` holds, writing nothing to it."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    from parallax.compare.story import compare_story
    from parallax.models.vectors import cached_embedder
    from parallax.stages.framing import complete_framing, framing_rows, stored_framing
    from parallax.stages.vectors import embed_missing

    for job in jobs:
        if job.known is not None:
            cached_embedder().remember(*job.known)
    stories = []
    framing: list[tuple[str, str, str]] = []
    # A story's matrices are small: OpenBLAS's threads would cost more CPU waiting than they
    # save (and the other cores run the other workers).
    with threadpool_limits(1, user_api="blas"):
        read = [stored_framing(store, job.items) for job in jobs]
        vectors = embed_missing(store, [item for items in read for item in items])
        for job, items in zip(jobs, read, strict=True):
            done = complete_framing(store, items, save=False)
            framing.extend(framing_rows(items, done))
            result = compare_story(job.story.id, done, job.story.entities, events=events)
            stories.append((job.story, job.key, result))
    return Compared(tuple(stories), tuple(framing), tuple(vectors))


def save_compared(store: SQLiteStore, compared: Compared) -> None:
    """Store a batch's comparisons, framing findings and vectors in one transaction, then each
    story's neutral title (written only when it changed)."""
    from parallax.codec.comparison import comparison_to_dict
    from parallax.compare.framing import framing_version
    from parallax.stages.titles import keep_title
    from parallax.stages.vectors import embedder_name
    from parallax.store.comparisons import save_comparison
    from parallax.store.framing import save_framing_findings
    from parallax.store.vectors import save_sentence_vectors

    with store.transaction():
        if compared.vectors:
            save_sentence_vectors(store, embedder_name(), compared.vectors)
        if compared.framing:
            save_framing_findings(store, framing_version(), compared.framing)
        for story, key, result in compared.stories:
            save_comparison(
                store.connection, story.id, key, result.version,
                comparison_to_dict(result), computed_at=now(),
            )  # fmt: skip
    for story, _key, result in compared.stories:
        keep_title(store, story, partial(_given, result))


def _given(result: StoryComparison) -> StoryComparison:
    return result
