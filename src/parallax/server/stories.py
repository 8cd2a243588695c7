"""The story view both faces serve: the JSON story and comparison, the story page and report.

A served story is read, never written: its comparison is computed without saving it, and only
for a story of up to ``page_compare_articles`` articles; a larger story shows its stored
comparison when that is current, and none otherwise. A long story told by one outlet is
compared up to the page's budget of characters (``page_compare_chars``: its newest articles
that fit), and in full when asked (``?full=1``). The view is made once per data version
and kept in the app's memo (:mod:`parallax.server.cache`), so the JSON answer, the page and
the report of one story share one comparison. A page never waits long for a comparison that
is not stored: it is computed apart (:mod:`parallax.server.comparing`) and the page shows the
rest meanwhile (:func:`page_story_view`); the JSON answer and the report wait for it.
"""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures import TimeoutError as JobTimeout
from time import monotonic
from typing import TYPE_CHECKING

from starlette.requests import Request

from parallax.corpus import Corpus
from parallax.report import shown_headline
from parallax.report.bounded import PageBounds, bounded_page
from parallax.report.first_view import page_view_now, pending_seconds
from parallax.report.story import StoryView, story_view
from parallax.server import comparing
from parallax.server.cache import request_memo
from parallax.server.deps import app_config, open_corpus
from parallax.server.errors import ApiError

if TYPE_CHECKING:
    from parallax.model import Story


def served_story_view(corpus: Corpus, story: Story, *, full: bool = False) -> StoryView:
    """Build the view of ``story`` (timeline, coverage, outlet columns) as the server shows it,
    with :func:`~parallax.report.story.page_comparison`.

    Args:
        corpus: The open corpus the story is in.
        story: The story.
        full: Compare all of a long one-outlet story, not only what fits the page's budget.
    """
    view = story_view(corpus, story, page=True, full=full)
    # What every render of the page asks of its view, made here (in the job that makes a
    # view, off the request) rather than by the first render: the neutral title reads every
    # headline of the story (78 ms for 1,545 articles), the bounded page ranks its outlets.
    shown_headline(view)
    bounded_page(view, PageBounds.of(corpus.settings))
    return view


def cached_story_view(
    request: Request, corpus: Corpus, story_id: str, *, full: bool = False
) -> StoryView | None:
    """The view of one story (see :func:`served_story_view`), once per data version.

    Args:
        request: The request being served (its app's memo keeps the view).
        corpus: The corpus opened for the request.
        story_id: The story's id, or a unique prefix of one.
        full: Compare all of a long one-outlet story (kept apart from the budgeted view).

    Returns:
        The view, or None when there is no such story.
    """

    def make() -> StoryView | None:
        story = corpus.stories.get(story_id)
        return served_story_view(corpus, story, full=full) if story else None

    memo = request_memo(request)
    if memo is None:
        return make()
    key = _key(story_id, full)
    jobs = comparing.comparison_jobs(request)
    job = jobs.running(memo, key) if jobs else None
    if job is not None:  # its page asked first: the same view, not computed twice
        return job.result()
    return memo.get(key, make)


def _key(story_id: str, full: bool) -> tuple[str, ...]:
    # Keyed by the id as asked: a hit reads nothing, not even the story's list of articles
    # (thousands of ids in a large story); a prefix keeps its own entry.
    return ("story", story_id, "full") if full else ("story", story_id)


def page_story_view(
    request: Request, story_id: str, *, full: bool = False, wait: bool = True
) -> StoryView:
    """The view a story page shows now: its kept view, else one made without computing the
    comparison (:func:`~parallax.report.first_view.page_view_now`). When the comparison is to
    be computed, a job computes the whole view (:mod:`parallax.server.comparing`) and the
    page waits for it up to ``PAGE_WAIT_SECONDS``; then it shows the view without it, marked
    ``pending`` (kept apart, so that a reload meanwhile reads nothing). A page whose
    comparison should take longer than twice that
    (:func:`~parallax.report.first_view.pending_seconds`) does not wait, nor does one whose
    job waits behind others; the wait ends ``PAGE_WAIT_SECONDS`` after the request began
    (making the view counts), so a page is answered within about that. Nor does a poll of
    the page's body (``wait=False``), which starts the job again if none runs (beyond
    ``MAX_JOBS`` when the page was first served, or after the data changed).

    Raises:
        ApiError: 404 when there is no such story.
    """
    started = monotonic()
    memo, jobs = request_memo(request), comparing.comparison_jobs(request)
    if memo is None or jobs is None:
        return require_story_view(request, story_id, full=full)
    key = _key(story_id, full)
    found, kept = memo.lookup(key)
    if found:
        if kept is None:
            raise ApiError(404, f"no story with id {story_id!r}")
        view: StoryView = kept
        return view
    version = memo.version
    found, kept = memo.lookup(("pending", *key))  # a reload while the job runs reads nothing
    if found:
        now: StoryView = kept
    else:
        with open_corpus(request) as corpus:
            story = corpus.stories.get(story_id)
            if story is None:
                raise ApiError(404, f"no story with id {story_id!r}")
            now = page_view_now(corpus, story)
        memo.keep(key if not now.pending else ("pending", *key), now, version=version)
        if not now.pending:
            return now
    config = app_config(request)

    def make() -> StoryView | None:
        with Corpus(config.db, settings=config.settings) as own:
            story = own.stories.get(story_id)
            return served_story_view(own, story, full=full) if story else None

    job = jobs.start(memo, key, make)
    budget = 0 if full else config.settings.page_compare_chars
    left = _wait_left(jobs, job, now, started, budget) if wait else 0.0
    if job is not None and (left is None or left > 0):
        try:  # one that should be done by then: the page is whole at once
            done = job.result(timeout=left)
        except JobTimeout:
            done = None
        if done is not None:
            return done
    return now


def _wait_left(
    jobs: comparing.ComparisonJobs,
    job: Future[StoryView | None] | None,
    view: StoryView,
    started: float,
    budget: int,
) -> float | None:
    """How long a page still waits for its job: what is left of ``PAGE_WAIT_SECONDS`` since
    its request began (None: until the job is done); none when there is no job, when it
    waits behind others or when the comparison should take longer than twice that."""
    limit = comparing.PAGE_WAIT_SECONDS
    if limit is None:
        return None
    if job is None or jobs.queued(job) or pending_seconds(view, budget) > 2 * limit:
        return 0.0
    return limit - (monotonic() - started)


def require_story_view(request: Request, story_id: str, *, full: bool = False) -> StoryView:
    """The view of one story (see :func:`cached_story_view`).

    Raises:
        ApiError: 404 when there is no such story.
    """
    with open_corpus(request) as corpus:
        view = cached_story_view(request, corpus, story_id, full=full)
    if view is None:
        raise ApiError(404, f"no story with id {story_id!r}")
    return view
