"""``/api/search``: full-text search over titles and texts, page by page, with filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from parallax.server.deps import SearchParams, open_corpus
from parallax.server.errors import ERROR_RESPONSES
from parallax.server.json.schemas import ArticleSummaryOut, SearchPageOut, SearchResultOut

router = APIRouter(tags=["search"], responses=ERROR_RESPONSES)


@router.get("/api/search", response_model=SearchPageOut)
def search(request: Request, params: Annotated[SearchParams, Query()]) -> SearchPageOut:
    """Search titles and texts, best matches first, with the filters of the article list
    (combined with AND); follow ``next_cursor`` for more."""
    with open_corpus(request) as corpus:
        page = corpus.articles.search(params.query())
    items = [
        SearchResultOut(
            article=ArticleSummaryOut.model_validate(result.article),
            snippet=result.marked_snippet(),
            score=result.score,
        )
        for result in page.items
    ]
    return SearchPageOut(items=items, next_cursor=page.next_cursor)
