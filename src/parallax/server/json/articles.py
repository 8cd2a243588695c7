"""``/api/articles``: filtered, cursor-paginated article lists, and one article."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from parallax.report.views import find_article_view
from parallax.server.deps import ArticleListParams, open_corpus
from parallax.server.errors import ERROR_RESPONSES, ApiError
from parallax.server.json.schemas import ArticleOut, ArticlePageOut

router = APIRouter(tags=["articles"], responses=ERROR_RESPONSES)


@router.get("/api/articles", response_model=ArticlePageOut)
def list_articles(
    request: Request, params: Annotated[ArticleListParams, Query()]
) -> ArticlePageOut:
    """List articles newest first (undated last); follow ``next_cursor`` to reach every one."""
    with open_corpus(request) as corpus:
        page = corpus.articles.page(params.query())
    return ArticlePageOut.model_validate(page)


@router.get("/api/articles/{article_id}", response_model=ArticleOut)
def get_article(
    request: Request,
    article_id: Annotated[str, Path(max_length=64, description="Article id.")],
) -> ArticleOut:
    """Return one article: provenance, cleaned text, what cleaning removed, and the entities,
    quotes, dates and claims found in it, each with offsets into the cleaned text."""
    with open_corpus(request) as corpus:
        view = find_article_view(corpus, article_id)
        if view is None:
            raise ApiError(404, f"no article with id {article_id!r}")
        return ArticleOut.build(view, corpus.articles.duplicates(view.article.id))
