"""``/api/search``: full-text search over titles and texts, page by page, with filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from parallax.api.deps import (
    MAX_PAGE,
    AffiliatedQuery,
    AffiliationQuery,
    CountryQuery,
    CursorQuery,
    OutletQuery,
    open_corpus,
)
from parallax.api.errors import ERROR_RESPONSES
from parallax.api.schemas import ArticleSummaryOut, IsoDate, SearchPageOut, SearchResultOut

router = APIRouter(tags=["search"], responses=ERROR_RESPONSES)


@router.get("/api/search", response_model=SearchPageOut)
def search(
    request: Request,
    q: Annotated[
        str, Query(min_length=1, max_length=500, description="Words that must all occur.")
    ],
    outlet: OutletQuery = None,
    since: Annotated[
        IsoDate | None, Query(description="Earliest publication date (inclusive).")
    ] = None,
    until: Annotated[
        IsoDate | None, Query(description="Latest publication date (inclusive).")
    ] = None,
    entity: Annotated[
        str | None,
        Query(max_length=200, description="Entity id or canonical name: matches that name it."),
    ] = None,
    country: CountryQuery = None,
    state_affiliated: AffiliatedQuery = None,
    affiliation: AffiliationQuery = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_PAGE, description=f"Matches per page (at most {MAX_PAGE}).")
    ] = 20,
    cursor: CursorQuery = None,
) -> SearchPageOut:
    """Search titles and texts, best matches first, with the filters of the article list
    (combined with AND); follow ``next_cursor`` for more."""
    with open_corpus(request) as corpus:
        page = corpus.search_page(
            q,
            outlet=outlet,
            published_from=since,
            published_to=until,
            country=country,
            affiliated=state_affiliated,
            affiliation=affiliation,
            entity=entity,
            limit=limit,
            cursor=cursor,
        )
    items = [
        SearchResultOut(
            article=ArticleSummaryOut.model_validate(result.article),
            snippet=result.marked_snippet(),
            score=result.score,
        )
        for result in page.items
    ]
    return SearchPageOut(items=items, next_cursor=page.next_cursor)
