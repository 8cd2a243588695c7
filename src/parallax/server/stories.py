"""The story view both faces serve: the JSON story and comparison, the story page and report.

A served story is read, never written: its comparison is computed without saving it, and only
for a story of up to ``page_compare_articles`` articles; a larger story shows its stored
comparison when that is current, and none otherwise. A long story told by one outlet is
compared up to the page's budget of characters (``page_compare_chars``: its newest articles
that fit), and in full when asked (``?full=1``). The view is made once per data version
and kept in the app's memo (:mod:`parallax.server.cache`), so the JSON answer, the page and
the report of one story share one comparison.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request

from parallax.report.story import StoryView, story_view
from parallax.server.cache import request_memo
from parallax.server.deps import open_corpus
from parallax.server.errors import ApiError

if TYPE_CHECKING:
    from parallax.corpus import Corpus
    from parallax.model import Story


def served_story_view(corpus: Corpus, story: Story, *, full: bool = False) -> StoryView:
    """Build the view of ``story`` (timeline, coverage, outlet columns) as the server shows it,
    with :func:`~parallax.report.story.page_comparison`.

    Args:
        corpus: The open corpus the story is in.
        story: The story.
        full: Compare all of a long one-outlet story, not only what fits the page's budget.
    """
    return story_view(corpus, story, page=True, full=full)


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
    # Keyed by the id as asked: a hit reads nothing, not even the story's list of articles
    # (thousands of ids in a large story); a prefix keeps its own entry.
    key = ("story", story_id, "full") if full else ("story", story_id)
    return make() if memo is None else memo.get(key, make)


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
