"""The outlets of one story: where a story page, which shows a few outlets in detail, links
for the others and for the rest of each list it cuts.

``/stories/{id}/outlets?outlet=NAME`` is one outlet's part of the story whole: its column
with every list in full (what it reports, omits, whom it quotes, how it frames the story) and
the contradictions it is a side of. ``/stories/{id}/outlets`` lists every outlet of the story
in the page's order (:func:`~parallax.report.bounded.ranked`) with its counts, a page at a
time. Both are made from the story's view, which the story page has usually made already.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from parallax.report import shown_headline
from parallax.report.bounded import ranked
from parallax.report.glance import glance_rows
from parallax.report.story import StoryView
from parallax.report.views import segment
from parallax.server.errors import ApiError
from parallax.server.pages.render import render
from parallax.server.stories import require_story_view

#: Outlets per page of the list.
STORY_OUTLETS = 100

router = APIRouter(include_in_schema=False)


def _crumbs(view: StoryView, outlet: str | None) -> list[tuple[str, str | None]]:
    story_url = f"/stories/{segment(view.story.id)}"
    crumbs: list[tuple[str, str | None]] = [("Stories", "/stories")]
    crumbs.append((shown_headline(view).title, story_url))
    crumbs.append(("Outlets", f"{story_url}/outlets" if outlet else None))
    return [*crumbs, (outlet, None)] if outlet else crumbs


@router.get("/stories/{story_id}/outlets")
def story_outlets(
    request: Request,
    story_id: str,
    outlet: Annotated[str | None, Query(max_length=500)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """One outlet's part of a story, whole (``outlet``); else every outlet of the story with
    its counts, in the story page's order, ``STORY_OUTLETS`` a page."""
    view = require_story_view(request, story_id)
    order = ranked(view)
    if outlet:
        column = next((c for c in order if c.outlet == outlet), None)
        if column is None:
            raise ApiError(404, f"no outlet {outlet!r} in story {view.story.id!r}")
        (row,) = glance_rows((column,), view.comparison)
        return render(
            request, "story_outlet.html", view=view, row=row, crumbs=_crumbs(view, outlet)
        )
    start = (page - 1) * STORY_OUTLETS
    if start and start >= len(order):
        raise ApiError(404, f"no page {page} of this list")
    more = start + STORY_OUTLETS < len(order)
    return render(
        request,
        "story_outlets.html",
        view=view,
        crumbs=_crumbs(view, None),
        total=len(order),
        rows=glance_rows(order[start : start + STORY_OUTLETS], view.comparison),
        first=start + 1,
        next_url=str(request.url.include_query_params(page=page + 1)) if more else None,
        previous_url=str(request.url.include_query_params(page=page - 1)) if page > 1 else None,
    )
