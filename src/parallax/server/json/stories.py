"""``/api/stories``: stories, one story with its timeline and coverage, and its comparison."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from parallax.comparison import StoryComparison
from parallax.report.story import StoryView, scope_to_dict
from parallax.server.deps import StoryListParams, open_corpus
from parallax.server.errors import ERROR_RESPONSES, ApiError
from parallax.server.json.schemas import (
    ComparisonScopeOut,
    CoverageOut,
    StoryDetailOut,
    StoryOut,
    StoryPageOut,
)
from parallax.server.stories import require_story_view

router = APIRouter(tags=["stories"], responses=ERROR_RESPONSES)

StoryId = Annotated[
    str, Path(max_length=200, description="Story id (a unique prefix of one also works).")
]


@router.get("/api/stories", response_model=StoryPageOut)
def list_stories(request: Request, params: Annotated[StoryListParams, Query()]) -> StoryPageOut:
    """List stories, most recently active first, with filters (combined with AND); follow
    ``next_cursor`` for more. An outlet filter keeps a story when one of its outlets passes."""
    with open_corpus(request) as corpus:
        page = corpus.stories.page(params.query())
    return StoryPageOut(
        items=[StoryOut.model_validate(story) for story in page.items],
        next_cursor=page.next_cursor,
    )


FullQuery = Annotated[
    bool,
    Query(
        description="Compare all the articles of a long story told by one outlet (computed "
        "now, seconds for a long one), not only the newest that fit the page's budget."
    ),
]
SCOPE_HEADER = "Parallax-Compared-Articles"
"""The comparison's answer says in this header which part of the story it covers: "N of M"."""


def scope_out(view: StoryView) -> ComparisonScopeOut | None:
    """The part of the story the view's comparison covers, when not all of it."""
    found = scope_to_dict(view.scope)
    if found is None:
        return None
    full = f"/api/stories/{view.story.id}/comparison?full=true"
    return ComparisonScopeOut.model_validate(found | {"full": full})


@router.get("/api/stories/{story_id}", response_model=StoryDetailOut)
def get_story(request: Request, story_id: StoryId, full: FullQuery = False) -> StoryDetailOut:
    """Return one story with its dated timeline and its coverage per outlet per day, and which
    of its articles its comparison covers when not all of them (``comparison_scope``)."""
    view = require_story_view(request, story_id, full=full)
    days: Counter[tuple[str, date]] = Counter(
        (article.outlet or "unknown", article.published)
        for article in view.articles
        if article.published is not None
    )
    coverage = [
        CoverageOut(outlet=outlet, date=day, articles=count)
        for (outlet, day), count in sorted(days.items(), key=lambda item: (item[0][1], item[0][0]))
    ]
    return StoryDetailOut.model_validate(
        StoryOut.model_validate(view.story).model_dump()
        | {
            "timeline": list(view.timeline),
            "coverage": coverage,
            "undated_articles": sum(1 for a in view.articles if a.published is None),
            "comparison_scope": scope_out(view),
        }
    )


@router.get("/api/stories/{story_id}/comparison", response_model=StoryComparison)
def get_comparison(
    request: Request, response: Response, story_id: StoryId, full: FullQuery = False
) -> StoryComparison:
    """Return how each outlet tells the story: one column per outlet (its claims, what only
    it reports, what it omits, what it contradicts with both spans, whom it quotes, its
    sourcing and framing, its profile), every finding a span of one article's cleaned text.

    A long story told by one outlet is compared for its newest articles that fit the page's
    budget of characters; the ``Parallax-Compared-Articles`` header then says "N of M"
    (as ``comparison_scope`` of the story does), and ``full=true`` compares all of them."""
    view = require_story_view(request, story_id, full=full)
    scope = view.scope
    headers = {SCOPE_HEADER: f"{len(scope.compared)} of {scope.articles}"} if scope else {}
    response.headers.update(headers)
    if view.comparison is None:
        detail = f"no comparison of the outlets of story {view.story.id!r} yet"
        if scope is not None:
            detail = (
                f"story {view.story.id!r} is compared on request only: its newest article is "
                f"longer than the page's budget of {scope.budget:,} characters (full=true)"
            )
        raise ApiError(404, detail, headers=headers or None)
    return view.comparison
