"""``/api/stories``: stories, one story with its timeline and coverage, and its comparison."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from parallax.comparison import StoryComparison
from parallax.server.deps import StoryListParams, open_corpus
from parallax.server.errors import ERROR_RESPONSES, ApiError
from parallax.server.json.schemas import (
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


@router.get("/api/stories/{story_id}", response_model=StoryDetailOut)
def get_story(request: Request, story_id: StoryId) -> StoryDetailOut:
    """Return one story with its dated timeline and its coverage per outlet per day."""
    view = require_story_view(request, story_id)
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
        }
    )


@router.get("/api/stories/{story_id}/comparison", response_model=StoryComparison)
def get_comparison(request: Request, story_id: StoryId) -> StoryComparison:
    """Return how each outlet tells the story: one column per outlet (its claims, what only
    it reports, what it omits, what it contradicts with both spans, whom it quotes, its
    sourcing and framing, its profile), every finding a span of one article's cleaned text."""
    view = require_story_view(request, story_id)
    if view.comparison is None:
        raise ApiError(404, f"no comparison of the outlets of story {view.story.id!r} yet")
    return view.comparison
