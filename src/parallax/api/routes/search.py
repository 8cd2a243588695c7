"""``/api/search``: full-text search over titles and texts, page by page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from parallax.api.deps import MAX_PAGE, open_corpus
from parallax.api.errors import ERROR_RESPONSES
from parallax.api.schemas import ArticleSummaryOut, SearchPageOut, SearchResultOut

router = APIRouter(tags=["search"], responses=ERROR_RESPONSES)


@router.get("/api/search", response_model=SearchPageOut)
def search(
    request: Request,
    q: Annotated[
        str, Query(min_length=1, max_length=500, description="Words that must all occur.")
    ],
    limit: Annotated[
        int, Query(ge=1, le=MAX_PAGE, description=f"Matches per page (at most {MAX_PAGE}).")
    ] = 20,
    cursor: Annotated[
        str | None, Query(max_length=500, description="next_cursor of the previous page.")
    ] = None,
) -> SearchPageOut:
    """Search titles and texts, best matches first; follow ``next_cursor`` for more."""
    with open_corpus(request) as corpus:
        page = corpus.search_page(q, limit=limit, cursor=cursor)
    items = [
        SearchResultOut(
            article=ArticleSummaryOut.model_validate(result.article),
            snippet=result.marked_snippet(),
            score=result.score,
        )
        for result in page.items
    ]
    return SearchPageOut(items=items, next_cursor=page.next_cursor)
