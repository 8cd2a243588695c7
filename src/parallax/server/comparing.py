"""Story comparisons computed apart from the request that asked for them.

A story page's first view must not keep its reader waiting seconds for a comparison (a long
story several outlets tell, after ``parallax analyze --no-compare``). So the page is served at
once with what is stored (:func:`~parallax.report.first_view.page_view_now`) and a section
that says the comparison is being computed, while :class:`ComparisonJobs` computes it on a
bounded pool of threads: one job per story view and data version however many readers ask,
at most :data:`MAX_JOBS` waiting, and each view kept in the app's memo when done (in memory
only: a served store is never written), where the next view of the page finds it.

A page waits for its job until :data:`PAGE_WAIT_SECONDS` after its request began before it
is served without the comparison, so a short story's page is whole on its first view (one
whose comparison should take longer, or whose job waits behind others, does not wait). The
JSON API and the
reports still answer with the comparison: they wait for the running job, or compute inline.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from queue import SimpleQueue
from typing import TYPE_CHECKING

from starlette.requests import Request

if TYPE_CHECKING:
    from parallax.report.story import StoryView
    from parallax.server.cache import Memo

logger = logging.getLogger(__name__)

#: How long after its request began a story page waits for its comparison before it is
#: served without it (None: until it is done, as before; the test suite waits so, but for the
#: tests of this wait).
PAGE_WAIT_SECONDS: float | None = 0.75
#: Threads that compute comparisons (each shares MiniLM over ``page_threads`` more).
JOB_THREADS = 1
#: Jobs waiting or running at most; a page asked for beyond them says so, and a later view
#: of it starts its job.
MAX_JOBS = 32

ViewMaker = Callable[[], "StoryView | None"]


class ComparisonJobs:
    """Story views with their comparisons, computed on a bounded pool of threads.

    The threads are daemons, started with the first job: a server that stops does not wait
    for a comparison no reader will see, and nothing is written that a stop could cut short.
    """

    def __init__(self, *, threads: int = JOB_THREADS, limit: int = MAX_JOBS) -> None:
        self._size = threads
        self._limit = limit
        self._jobs: dict[tuple[object, object], Future[StoryView | None]] = {}
        self._queue: SimpleQueue[tuple[Future[StoryView | None], ViewMaker] | None] = SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def running(self, memo: Memo, key: object) -> Future[StoryView | None] | None:
        """The job making the view under ``key`` at the memo's data version, if there is one."""
        with self._lock:
            return self._jobs.get((memo.version, key))

    def start(self, memo: Memo, key: object, make: ViewMaker) -> Future[StoryView | None] | None:
        """Start ``make()`` (which opens its own corpus) unless the same view is being made;
        keep what it returns in ``memo`` under ``key`` if the data did not change meanwhile.

        Returns:
            The job, or None when :data:`MAX_JOBS` are waiting or running.
        """
        version = memo.version
        with self._lock:
            found = self._jobs.get((version, key))
            if found is not None:
                return found
            if len(self._jobs) >= self._limit:
                return None
            job: Future[StoryView | None] = Future()
            self._jobs[(version, key)] = job
            while len(self._threads) < self._size:
                thread = threading.Thread(target=self._work, name="parallax-compare", daemon=True)
                thread.start()
                self._threads.append(thread)
        job.add_done_callback(lambda done: self._finished((version, key), done))
        self._queue.put((job, partial(_run, memo, key, version, make)))
        return job

    def _work(self) -> None:
        while (item := self._queue.get()) is not None:
            job, run = item
            if not job.set_running_or_notify_cancel():
                continue
            try:
                job.set_result(run())
            except Exception as error:  # the job's readers see it, and the log
                job.set_exception(error)

    def _finished(self, key: tuple[object, object], job: Future[StoryView | None]) -> None:
        with self._lock:
            self._jobs.pop(key, None)
        if not job.cancelled() and job.exception() is not None:
            logger.error("a story comparison failed", exc_info=job.exception())

    def queued(self, job: Future[StoryView | None]) -> bool:
        """Whether ``job`` waits behind others (not running, and more jobs than threads)."""
        with self._lock:
            return not job.running() and not job.done() and len(self._jobs) > self._size

    def pending(self) -> list[Future[StoryView | None]]:
        """The jobs waiting or running now."""
        with self._lock:
            return list(self._jobs.values())

    def close(self) -> None:
        """Cancel the jobs not started and end the threads (a running job ends first)."""
        for job in self.pending():
            job.cancel()
        with self._lock:
            for _ in self._threads:
                self._queue.put(None)
            self._threads.clear()


def _run(memo: Memo, key: object, version: object, make: ViewMaker) -> StoryView | None:
    view = make()
    memo.keep(key, view, version=version)
    return view


def comparison_jobs(request: Request) -> ComparisonJobs | None:
    """The jobs of the app serving ``request`` (None for an app built without them)."""
    jobs: ComparisonJobs | None = getattr(request.app.state, "comparison_jobs", None)
    return jobs
