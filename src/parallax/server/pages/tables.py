"""The rows of every list page, and the page as JSON or CSV with the same filters.

Each list page has a ``.json`` and a ``.csv`` twin (``/stories.json?outlet=…``) that carry the
rows the page shows, one flat record per row, and the address of the next page. CSV cells that
a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) get a leading apostrophe, so an article title cannot become a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from parallax.model import Outlet, Story
from parallax.report.views import segment
from parallax.results import ArticleSummary, EntitySummary, Facets, SearchResult

#: The formats a list page has besides HTML, with their media types.
DATA_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8"}
#: What makes a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, Any]


def story_row(story: Story) -> Row:
    """A story as a list row."""
    return {
        "id": story.id,
        "title": story.title,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "last_seen": story.last_seen.isoformat() if story.last_seen else None,
        "articles": len(story.article_ids),
        "outlets": list(story.outlets),
        "page": f"/stories/{segment(story.id)}",
    }


def article_row(article: ArticleSummary) -> Row:
    """An article as a list row: every field of :class:`ArticleSummary` (the fields the API's
    article lists give), the date as ISO text, and its page."""
    published = article.published.isoformat() if article.published else None
    return asdict(article) | {"published": published, "page": f"/articles/{segment(article.id)}"}


def search_row(result: SearchResult, story: Story | None) -> Row:
    """A search hit as a list row: the article, its score, its snippet and its story."""
    return article_row(result.article) | {
        "score": round(result.score, 6),
        "snippet": result.marked_snippet(),
        "story_id": story.id if story else None,
        "story_page": f"/stories/{segment(story.id)}" if story else None,
    }


def entity_row(entity: EntitySummary) -> Row:
    """An entity as a list row."""
    return {
        "id": entity.id,
        "name": entity.name,
        "label": entity.label,
        "mentions": entity.mentions,
        "aliases": list(entity.aliases),
        "roles": list(entity.roles),
        "page": f"/entities/{segment(entity.id)}",
    }


def outlet_row(outlet: Outlet, articles: int, in_registry: bool) -> Row:
    """An outlet as a list row, with what the registry documents about it."""
    return {
        "id": outlet.id,
        "name": outlet.name,
        "articles": articles,
        "country": outlet.country.value if outlet.country else None,
        "state_affiliation": outlet.state_affiliation.value if outlet.state_affiliation else None,
        "designations": len(outlet.designations),
        "in_registry": in_registry,
        "page": f"/outlets/{segment(outlet.id)}",
    }


def inert(value: object) -> str:
    """A CSV cell: lists joined with "; ", None empty, formulas defused with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(rows: Sequence[Row]) -> str:
    """The rows as CSV with a header line (empty when there are no rows)."""
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(rows[0].keys())
    writer.writerows([inert(value) for value in row.values()] for row in rows)
    return out.getvalue()


def data_url(request: Request, fmt: str, **params: str | None) -> str:
    """The address of this list in ``fmt`` ("html", "json" or "csv") with the same query,
    ``params`` changed (None removes one; a changed one goes last)."""
    path = request.url.path
    base = path.rsplit(".", 1)[0] if path.endswith((".json", ".csv")) else path
    kept = [
        (name, value) for name, value in request.query_params.multi_items() if name not in params
    ]
    query = urlencode(kept + [(name, value) for name, value in params.items() if value is not None])
    target = base if fmt == "html" else f"{base}.{fmt}"
    return f"{target}?{query}" if query else target


def facet_counts(facets: Facets) -> dict[str, list[Row]]:
    """Facets as JSON: each value with its label and count."""
    return {
        name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
        for name, values in facets.items()
    }


def data_response(
    request: Request,
    fmt: str,
    rows: Iterable[Row],
    *,
    next_cursor: str | None = None,
    total: int | None = None,
    facets: Facets | None = None,
) -> Response:
    """One page of a list as JSON (rows, total, facets, next page) or CSV (the rows; the next
    page in a ``Link`` header)."""
    listed = list(rows)
    next_url = data_url(request, fmt, cursor=next_cursor) if next_cursor else None
    if fmt == "csv":
        headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
        return Response(write_csv(listed), media_type=DATA_TYPES["csv"], headers=headers)
    body = {
        "ok": True,
        "total": total,
        "rows": listed,
        "next_cursor": next_cursor,
        "next_url": next_url,
        "facets": facet_counts(facets or {}),
    }
    return JSONResponse(body)
