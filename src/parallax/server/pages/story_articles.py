"""The articles of one story, by outlet and a page at a time: where the story page's lists,
which show each outlet's first articles, link for the rest.

It is made from the story's view (:func:`~parallax.server.stories.require_story_view`), which
the story page has usually made already, so listing a story's articles reads nothing again.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from parallax.report import shown_headline
from parallax.report.views import segment
from parallax.server.errors import ApiError
from parallax.server.pages.render import render
from parallax.server.stories import require_story_view

#: Articles per page of the list.
STORY_ARTICLES = 100

router = APIRouter(include_in_schema=False)


@router.get("/stories/{story_id}/articles")
def story_articles(
    request: Request,
    story_id: str,
    outlet: Annotated[str | None, Query(max_length=500)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """A story's articles in the order its page lists them (one outlet's with ``outlet``),
    ``STORY_ARTICLES`` a page."""
    view = require_story_view(request, story_id)
    if outlet:
        column = next((c for c in view.columns if c.outlet == outlet), None)
        if column is None:
            raise ApiError(404, f"no outlet {outlet!r} in story {view.story.id!r}")
        articles = column.articles
    else:
        articles = view.articles
    start = (page - 1) * STORY_ARTICLES
    if start and start >= len(articles):
        raise ApiError(404, f"no page {page} of this list")
    shown = articles[start : start + STORY_ARTICLES]
    more = start + STORY_ARTICLES < len(articles)
    story_url = f"/stories/{segment(view.story.id)}"
    crumbs: list[tuple[str, str | None]] = [("Stories", "/stories")]
    crumbs.append((shown_headline(view).title, story_url))
    crumbs += [("Articles", f"{story_url}/articles" if outlet else None)]
    if outlet:
        crumbs.append((outlet, None))
    return render(
        request,
        "story_articles.html",
        view=view,
        crumbs=crumbs,
        outlet=outlet,
        total=len(articles),
        items=shown,
        first=start + 1,
        next_url=str(request.url.include_query_params(page=page + 1)) if more else None,
        previous_url=str(request.url.include_query_params(page=page - 1)) if page > 1 else None,
    )
