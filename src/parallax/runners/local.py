"""The local engine: a pool of worker processes on this machine (``concurrent.futures``).

Each process loads the spaCy pipeline once (the pool's initializer) and then takes sources
one at a time; results come back as each source finishes, in whatever order they finish.
``analyze_local`` runs the NLP stage of ``parallax analyze`` in such a pool, batch by batch, and
``compare_local`` the comparison stage (:func:`map_in_order`: the same pool for both).

Workers start as forks of the fork server (:mod:`parallax.runners.forkserver`) that imported
the modules they all import (``PRELOAD``) once. A server that an analysis's pool starts also
loads the spaCy pipeline and the event-pair model, and one that a comparison's pool starts (or
any started in a scope held for comparisons) the comparison's models
(:mod:`parallax.runners.warm_models`), so each worker inherits them instead of loading its own;
what the running server lacks, each worker loads itself, as a spawned one would.
"""

from __future__ import annotations

import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any, TypeVar

from parallax.minilm_int8 import minilm_int8_chosen, use_minilm
from parallax.runners import forkserver
from parallax.runners.cpus import default_workers as default_workers  # re-exported
from parallax.runners.types import Outcome, SourceTask, WorkerConfig
from parallax.runners.work import SourceWorker
from parallax.stages.analyze import Analysed, Item, analyze_and_embed
from parallax.stages.compare_jobs import Compared, Job, compare_batch
from parallax.stages.story_vectors import StoryEmbedding
from parallax.store.sqlite import SQLiteStore

#: Articles a worker analyses at a time: ``analyze_texts``'s ``nlp.pipe`` batch. A batch of
#: the store is cut at multiples of it, so spaCy sees exactly the batches one process would
#: (``analyze_texts`` cuts each of these further by characters, from its own texts alone:
#: :data:`parallax.nlp.pipeline.BATCH_CHARS`, the bound of a worker's transient memory).
CHUNK = 32

#: What every local pool's workers import (analyze, compare, ingest), imported once by the
#: fork server they start from (when one of these pools starts it), so that a worker starts
#: without importing them again (about 0.8 CPU s a worker for the analyze workers' imports).
#: Modules only: no model is loaded and no ONNX session exists there (onnxruntime itself is
#: imported by each worker, when its embedder loads), so forking it is safe.
PRELOAD = (
    "parallax.runners.local",
    "parallax.runners.ingest_pool",
    "parallax.nlp.pipeline",
    "parallax.nlp.event_mentions",
    "parallax.nlp.parsed_rules",
    "parallax.stories.configure",
    "parallax.stages.story_vectors",
    "parallax.embeddings",
    "parallax.compare.story",
    "spacy.lang.en",
)

T = TypeVar("T")
R = TypeVar("R")

# One worker per process, built by the pool's initializer: the pipeline is loaded once per
# process, not once per source. It lives only in the pool's child processes.
_worker: SourceWorker | None = None


def _start(config: WorkerConfig) -> None:
    global _worker
    forkserver.start_worker()
    _worker = SourceWorker(config)


# The spaCy pipeline of a process of ``analyze_local``'s pool, whether it embeds sentences, and
# the store it reads headlines from with the embedder it embeds articles with for grouping.
_nlp: Any = None
_vectors = False
_stories: tuple[SQLiteStore, StoryEmbedding] | None = None
_framing = False


def _start_pool_worker(start: Callable[..., None], args: tuple[Any, ...], int8: bool) -> None:
    forkserver.start_worker()
    use_minilm(int8)  # the MiniLM of the corpus the parent works on (the server predates it)
    start(*args)


def _start_nlp(
    model: str,
    vectors: bool = False,
    stories: tuple[str, StoryEmbedding] | None = None,
    framing: bool = False,
    nouns: str | None = None,
) -> None:
    global _nlp, _vectors, _stories, _framing
    from parallax.nlp.pipeline import load_pipeline

    _nlp = load_pipeline(model)
    if nouns is not None:  # the pool's workers share the event-noun model's decisions
        from parallax.models.event_pairs import load_event_pairs

        found = load_event_pairs().nouns
        if found is not None:
            found.share(Path(nouns))
    _vectors = vectors
    _framing = framing
    if stories is not None:
        _stories = (SQLiteStore(stories[0]), stories[1])


def _analyze(items: list[Item]) -> list[Analysed]:
    return analyze_and_embed(items, nlp=_nlp, vectors=_vectors, stories=_stories, framing=_framing)


# The store a process of ``compare_local``'s pool reads, and whether claim groups are events.
_store: SQLiteStore | None = None
_events = False


def _start_compare(db: str, lock_timeout: float, events: bool) -> None:
    global _store, _events
    _store = SQLiteStore(db, lock_timeout=lock_timeout)
    _events = events


def _compare(jobs: list[Job]) -> list[Compared]:
    if _store is None:
        raise RuntimeError("the worker process was not initialised")
    return [compare_batch(_store, jobs, events=_events)]


def _run(task: SourceTask) -> Outcome:
    if _worker is None:
        raise RuntimeError("the worker process was not initialised")
    return _worker.run(task)


def run_local(
    tasks: Sequence[SourceTask], *, config: WorkerConfig, workers: int | None
) -> Iterator[Outcome]:
    """Process ``tasks`` in a pool of ``workers`` processes; yield each outcome as it is done.

    At most two sources per worker are queued at a time, so a huge plan costs no memory and
    an interrupted run has little in flight.
    """
    size = max(1, min(workers or default_workers(), len(tasks)))
    with forkserver.pool(PRELOAD) as context:
        pool = ProcessPoolExecutor(size, mp_context=context, initializer=_start,
                                   initargs=(config,))  # fmt: skip
        pending: set[Future[Outcome]] = set()
        queue = iter(tasks)
        try:
            while True:
                while len(pending) < 2 * size and (task := next(queue, None)) is not None:
                    pending.add(pool.submit(_run, task))
                if not pending:
                    break
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def map_in_order(
    batches: Iterator[list[T]],
    work: Callable[[list[T]], list[R]],
    *,
    start: Callable[..., None],
    args: tuple[Any, ...] = (),
    workers: int,
    chunk: int | None = None,
    cost: Callable[[list[T]], int] = len,
    warm: Sequence[str] = (),
) -> Iterator[list[R]]:
    """Run ``work`` over ``batches`` in a pool of ``workers`` processes, each set up once by
    ``start(*args)``; yield each batch's results in the order the batches came.

    ``work`` and ``start`` are module-level functions (the workers import them). Each batch is
    cut into pieces of ``chunk`` items (None: a batch is one piece), and its pieces are handed
    out the costliest first (``cost``), so that the cheap ones fill the end and the workers
    finish together. The next batch is read as soon as fewer than two pieces per worker are
    unfinished, whether or not the earlier batches were yielded: no worker waits for the
    slowest piece of a batch, nor while this process writes one. At most ``2 × workers + 1``
    batches are held. ``warm`` names the models a fork server started for this pool loads
    before it forks the workers (:func:`forkserver.acquire <parallax.runners.forkserver.acquire>`).
    """
    with forkserver.pool(PRELOAD, warm=warm) as context:
        pool = ProcessPoolExecutor(
            max(1, workers), mp_context=context, initializer=_start_pool_worker,
            initargs=(start, args, minilm_int8_chosen()),
        )  # fmt: skip
        waiting: deque[list[Future[list[R]]]] = deque()  # each batch's pieces, in order
        try:
            while True:
                unfinished = [f for futures in waiting for f in futures if not f.done()]
                while (
                    len(unfinished) < 2 * workers
                    and len(waiting) <= 2 * workers
                    and (batch := next(batches, None)) is not None
                ):
                    step = chunk or len(batch) or 1
                    pieces = [batch[i : i + step] for i in range(0, len(batch), step)]
                    order = sorted(range(len(pieces)), key=lambda i: -cost(pieces[i]))
                    submitted = {i: pool.submit(work, pieces[i]) for i in order}
                    futures = [submitted[i] for i in range(len(pieces))]
                    waiting.append(futures)
                    unfinished += futures
                if not waiting:
                    break
                if all(future.done() for future in waiting[0]):
                    yield [result for future in waiting.popleft() for result in future.result()]
                else:
                    wait(unfinished, return_when=FIRST_COMPLETED)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _characters(items: list[Item]) -> int:
    """An analysis piece's cost: the characters of its texts."""
    return sum(len(item[1]) for item in items)


def analyze_local(
    batches: Iterator[list[Item]],
    *,
    model: str,
    workers: int,
    chunk: int = CHUNK,
    vectors: bool = False,
    stories: tuple[str, StoryEmbedding] | None = None,
    framing: bool = False,
) -> Iterator[list[Analysed]]:
    """Analyse ``batches`` in a pool of ``workers`` processes that each load ``model`` once;
    yield each batch's results in the order the batches came (a ``BatchMapper``). With
    ``vectors`` the workers embed the sentences the comparison will read, too; given
    ``stories`` (the store's file, the grouper's embedder) each article's story embedding;
    with ``framing`` each text's framing findings.
    Each batch is cut into pieces of ``chunk`` articles (:func:`map_in_order`), the pieces of
    most characters handed out first. Each worker parses at most
    :data:`parallax.nlp.pipeline.BATCH_CHARS` characters at once (a longer text in pieces),
    so that the pool's transient memory is bounded by the workers' budgets. They share
    the event-noun model's decisions through a file in a folder of their own
    (:meth:`EventNouns.share`), so that a word
    is embedded once in the pool, not once in each worker. A fork server this pool starts
    loads the pipeline and the event-pair model before it forks the workers, which then find
    them loaded (``load_pipeline`` caches per model).
    """
    with tempfile.TemporaryDirectory(prefix="parallax-analyze-") as folder:
        nouns = str(Path(folder) / "event-nouns.tsv")
        args = (model, vectors, stories, framing, nouns)
        yield from map_in_order(batches, _analyze, start=_start_nlp, args=args,
                                workers=workers, chunk=chunk, cost=_characters,
                                warm=(forkserver.spacy_request(model),))  # fmt: skip


def compare_local(
    batches: Iterator[list[Job]], *, db: str, workers: int, lock_timeout: float, events: bool
) -> Iterator[list[Compared]]:
    """Compare batches of stories in a pool of ``workers`` processes that each open the store
    ``db`` to read (a ``StoryMapper``); yield each batch's results in the order the batches
    came, for this process to store."""
    return map_in_order(
        batches, _compare, start=_start_compare, args=(db, lock_timeout, events), workers=workers,
        warm=(forkserver.COMPARE,),
    )  # fmt: skip
