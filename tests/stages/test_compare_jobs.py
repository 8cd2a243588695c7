"""A comparison worker uses the vectors the process handing out its jobs holds (the timelines'),
instead of running MiniLM on those texts again, and computes the same comparison."""

from __future__ import annotations

import numpy as np

from parallax.codec.comparison import comparison_to_dict
from parallax.compare.framing import text_findings
from parallax.corpus import Corpus
from parallax.models.vectors import cached_embedder
from parallax.stages.compare import _stale
from parallax.stages.compare_jobs import Compared, Job, batches, compare_batch, with_known_vectors
from parallax.stages.vectors import comparison_texts

from .test_vectors import Counting


def _jobs(corpus: Corpus) -> list[Job]:
    several = [story for story in corpus.store.stories() if len(story.outlets) > 1]
    [batch] = list(batches(_stale(corpus.store, several, corpus.outlets.get, False, print)))
    return batch


def _in_a_fresh_worker(corpus: Corpus, jobs: list[Job]) -> tuple[Compared, Counting]:
    """``compare_batch`` as a new worker process runs it: no vector or finding kept yet."""
    cached_embedder.cache_clear()
    text_findings.cache_clear()
    counting = Counting(cached_embedder().embedder)
    cached_embedder().embedder = counting
    return compare_batch(corpus.store, jobs, events=False), counting


def _dump(compared: Compared) -> object:
    stories = [(s.id, key, comparison_to_dict(result)) for s, key, result in compared.stories]
    return stories, compared.framing, compared.vectors


def test_a_worker_reuses_the_vectors_the_timelines_computed(corpus: Corpus) -> None:
    # Grouping built the seed story's timeline, whose restated reports MiniLM embedded in this
    # process: some are the story's claims, which the comparison embeds too.
    jobs = _jobs(corpus)
    texts = {
        t for job in jobs for i in job.items for t in comparison_texts(i.article.text, i.claims)
    }
    sent = with_known_vectors(jobs)
    known = [t for job in sent if job.known for t in job.known[0]]
    assert known and set(known) <= texts
    for job in sent:
        if job.known:
            again = cached_embedder().embed(job.known[0])
            assert np.array_equal(job.known[1], again)

    plain, counted_plain = _in_a_fresh_worker(corpus, jobs)
    reused, counted_reused = _in_a_fresh_worker(corpus, sent)
    assert set(known) <= set(counted_plain.texts)
    assert not set(known) & set(counted_reused.texts)
    assert len(counted_reused.texts) == len(counted_plain.texts) - len(set(known))
    # The same comparisons, framing findings and vector rows for the store, to the last bit.
    assert _dump(reused) == _dump(plain)


def test_nothing_is_handed_when_nothing_is_held(corpus: Corpus) -> None:
    cached_embedder.cache_clear()
    jobs = _jobs(corpus)
    assert all(job.known is None for job in with_known_vectors(jobs))
