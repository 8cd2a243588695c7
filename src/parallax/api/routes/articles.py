"""``/api/articles``: filtered, cursor-paginated article lists, and one article."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from parallax.api.deps import (
    MAX_PAGE,
    AffiliatedQuery,
    AffiliationQuery,
    CountryQuery,
    CursorQuery,
    DeprecatedAffiliatedQuery,
    OutletQuery,
    either_name,
    open_corpus,
)
from parallax.api.errors import ERROR_RESPONSES, ApiError
from parallax.api.schemas import ArticleOut, ArticlePageOut, IsoDate

router = APIRouter(tags=["articles"], responses=ERROR_RESPONSES)


@router.get("/api/articles", response_model=ArticlePageOut)
def list_articles(
    request: Request,
    outlet: OutletQuery = None,
    published_from: Annotated[
        IsoDate | None, Query(description="Earliest publication date (inclusive).")
    ] = None,
    published_to: Annotated[
        IsoDate | None, Query(description="Latest publication date (inclusive).")
    ] = None,
    country: CountryQuery = None,
    state_affiliated: AffiliatedQuery = None,
    affiliation: AffiliationQuery = None,
    q: Annotated[
        str | None, Query(max_length=500, description="Words that must all occur.")
    ] = None,
    entity: Annotated[
        str | None,
        Query(max_length=64, description="Entity id: articles that mention or quote it."),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_PAGE, description=f"Articles per page (at most {MAX_PAGE}).")
    ] = 50,
    cursor: CursorQuery = None,
    affiliated: DeprecatedAffiliatedQuery = None,
) -> ArticlePageOut:
    """List articles newest first (undated last); follow ``next_cursor`` to reach every one."""
    kept = either_name(state_affiliated, affiliated)
    with open_corpus(request) as corpus:
        page = corpus.article_page(
            outlet=outlet,
            published_from=published_from,
            published_to=published_to,
            country=country,
            affiliated=kept,
            affiliation=affiliation,
            query=q,
            entity=entity,
            limit=limit,
            cursor=cursor,
        )
    return ArticlePageOut.model_validate(page)


@router.get("/api/articles/{article_id}", response_model=ArticleOut)
def get_article(
    request: Request,
    article_id: Annotated[str, Path(max_length=64, description="Article id.")],
) -> ArticleOut:
    """Return one article: provenance, cleaned text, what cleaning removed, and the entities,
    quotes, dates and claims found in it, each with offsets into the cleaned text."""
    with open_corpus(request) as corpus:
        view = corpus.article_view(article_id)
        if view is None:
            raise ApiError(404, f"no article with id {article_id!r}")
        return ArticleOut.build(view, corpus.duplicates_of(view.article.id))
