"""The web pages: each view opens the corpus, makes one or two ``Corpus`` calls, renders.

Pages: home (recent stories with their outlets, recent articles by outlet), one story
(coverage chart, timeline, one column per outlet) and its report, one article (metadata with
provenance, the cleaned text with quotes, names, dates, claims and loaded terms highlighted,
who said what, what cleaning removed) and its report, one entity (its articles and quotes),
one outlet (profile card with every source, and its articles). The list pages are in
:mod:`parallax.server.pages.lists`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import RedirectResponse, Response

from parallax import report
from parallax.query import ArticleQuery, StoryQuery
from parallax.report import Report, write_report
from parallax.report import story_report as build_story_report
from parallax.report.bounded import PageBounds
from parallax.report.first_view import pending_seconds
from parallax.report.views import LABELS, find_article_view
from parallax.server.deps import app_config, open_corpus
from parallax.server.errors import ApiError
from parallax.server.pages.facets import Link
from parallax.server.pages.links import (
    PAGE_STORIES,
    article_crumbs,
    badge_profiles,
    stories_with,
)
from parallax.server.pages.render import render
from parallax.server.stories import page_story_view, require_story_view

STATIC = Path(report.__file__).parent / "static"
HOME_ARTICLES = 60
HOME_STORIES = 12
OUTLET_PAGE = 20
ENTITY_ARTICLES = 20
#: Media types of article reports, by format. An HTML report carries its CSS inline, so it is
#: served with its own policy: inline styles, and nothing else from anywhere.
REPORT_TYPES = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}
REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

router = APIRouter(include_in_schema=False)

Text = Annotated[str | None, Query(max_length=500)]


def _next_url(request: Request, cursor: str | None) -> str | None:
    return str(request.url.include_query_params(cursor=cursor)) if cursor else None


def _report_type(fmt: str) -> None:
    if fmt not in REPORT_TYPES:
        raise ApiError(404, f"no report format {fmt!r}: use html, md or json")


def _report(text: str, name: str, fmt: str) -> Response:
    """A report file, named ``parallax-<name>``; an HTML one is served under its own policy."""
    headers = {"Content-Disposition": f'inline; filename="parallax-{name}.{fmt}"'}
    if fmt == "html":
        headers["Content-Security-Policy"] = REPORT_POLICY
    return Response(text, media_type=REPORT_TYPES[fmt], headers=headers)


def _twins(path: str, limit: int) -> list[Link]:
    """A home page list as JSON and CSV: the first page of its list, as many rows as shown."""
    return [Link(fmt.upper(), f"{path}.{fmt}?limit={limit}", False) for fmt in ("json", "csv")]


@router.get("/")
def home(request: Request) -> Response:
    """Recent stories with their outlet spread, and recent articles grouped by outlet; each
    list links its JSON and CSV (the first page of /stories and of /articles)."""
    with open_corpus(request) as corpus:
        page = corpus.articles.page(ArticleQuery(limit=HOME_ARTICLES))
        total = corpus.articles.count()
        outlets = corpus.outlets.names()
        stories = corpus.stories.page(StoryQuery(limit=HOME_STORIES))
        story_total = corpus.stories.count()
        named = [o for s in stories.items for o in s.outlets] + [a.outlet for a in page.items]
        profiles = badge_profiles(corpus, named)
    groups: dict[tuple[str | None, str | None], list[object]] = {}
    for article in page.items:
        groups.setdefault((article.outlet_id, article.outlet), []).append(article)
    return render(
        request,
        "home.html",
        groups=list(groups.items()),
        total=total,
        outlet_count=len(outlets),
        more=page.next_cursor is not None,
        stories=list(stories.items),
        story_total=story_total,
        profiles=profiles,
        story_formats=_twins("/stories", HOME_STORIES),
        article_formats=_twins("/articles", HOME_ARTICLES),
    )


@router.get("/stories/{story_id}")
def story(request: Request, story_id: str, full: bool = False) -> Response:
    """One story: coverage over time, the dated timeline, one column per outlet (``full``: a
    long one-outlet story compared whole, not only up to the page's budget)."""
    view = page_story_view(request, story_id, full=full)
    if view.story.id != story_id:  # found by a prefix: send the browser to the page by id
        url = request.url_for("story", story_id=view.story.id)
        return RedirectResponse(url.include_query_params(full=1) if full else url, 303)
    settings = app_config(request).settings
    bounds = PageBounds.of(settings)
    if not view.pending:
        return render(request, "story.html", view=view, full=full, bounds=bounds)
    # Served without its comparison, which a job computes: kept by no cache, so that the
    # next view of the page (a reload) shows the comparison once it is there.
    budget = 0 if full else settings.page_compare_chars
    page = render(request, "story.html", view=view, full=full, bounds=bounds,
                  pending_seconds=pending_seconds(view, budget))  # fmt: skip
    page.headers["Cache-Control"] = "no-store"
    return page


@router.get("/stories/{story_id}/body")
def story_body(request: Request, story_id: str, full: bool = False) -> Response:
    """The story page's body alone (the ``<article>`` the page shows, the same HTML), once its
    comparison is there: ``202 Accepted`` with no body while it is being computed (kept by no
    cache, ``Retry-After`` a second). A page served while its comparison is being computed
    asks for it (``static/story-fill.js``) and puts it in place of its own body."""
    view = page_story_view(request, story_id, full=full, wait=False)
    if view.pending:
        headers = {"Cache-Control": "no-store", "Retry-After": "1"}
        return Response(status_code=202, headers=headers)
    bounds = PageBounds.of(app_config(request).settings)
    return render(request, "story_body.html", view=view, full=full, bounds=bounds)


@router.get("/stories/{story_id}/report.{fmt}")
def story_report(request: Request, story_id: str, fmt: str, full: bool = False) -> Response:
    """One story as a report file: self-contained HTML, Markdown or JSON."""
    _report_type(fmt)
    # the page's view: no comparison computed again
    view = require_story_view(request, story_id, full=full)
    with open_corpus(request) as corpus:
        report = build_story_report(corpus, view)
    return _report(write_report(report, fmt) or "", view.story.id, fmt)


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str) -> Response:
    """One article: provenance, the text with what the NLP stage found, what cleaning removed."""
    with open_corpus(request) as corpus:
        view = find_article_view(corpus, article_id)
        if view is None:
            raise ApiError(404, f"no article with id {article_id!r}")
        duplicates = corpus.articles.duplicates(view.article.id)
        crumbs = article_crumbs(corpus, view.article)
    found = view.article
    removed = [
        (removal.rule, found.raw_text[removal.raw_start : removal.raw_end])
        for removal in found.removals
    ]
    return render(
        request,
        "article.html",
        article=found,
        view=view,
        duplicates=duplicates,
        removed=removed,
        crumbs=crumbs,
    )


@router.get("/articles/{article_id}/report.{fmt}")
def article_report(request: Request, article_id: str, fmt: str) -> Response:
    """One article as a report file: self-contained HTML, Markdown or JSON."""
    _report_type(fmt)
    with open_corpus(request) as corpus:
        view = find_article_view(corpus, article_id)
        if view is None:
            raise ApiError(404, f"no article with id {article_id!r}")
    title = view.article.title or f"Article {view.article.id}"
    text = write_report(Report(title, "article", (view,)), fmt) or ""
    return _report(text, view.article.id, fmt)


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: str, cursor: Text = None) -> Response:
    """One entity: names and roles, what it is quoted saying, the articles that name it."""
    with open_corpus(request) as corpus:
        detail = corpus.entities.get(entity_id, limit=ENTITY_ARTICLES, cursor=cursor or None)
        if detail is not None and detail.entity.id == entity_id:
            query = StoryQuery(entity=detail.entity.id, limit=PAGE_STORIES)
            in_stories, story_total = stories_with(corpus, query)
            profiles = badge_profiles(corpus, (o for s in in_stories for o in s.outlets))
            names = corpus.entities.names(detail.entity.id)
    if detail is None:
        raise ApiError(404, f"no entity with id {entity_id!r}")
    if detail.entity.id != entity_id:  # found by name: send the browser to the page by id
        return RedirectResponse(request.url_for("entity", entity_id=detail.entity.id), 303)
    return render(
        request,
        "entity.html",
        detail=detail,
        label_name=LABELS.get(detail.entity.label, detail.entity.label),
        names=names,
        stories=in_stories,
        story_total=story_total,
        profiles=profiles,
        next_url=_next_url(request, detail.page.next_cursor),
    )


@router.get("/outlets/{outlet_id}")
def outlet(request: Request, outlet_id: str, cursor: Text = None) -> Response:
    """One outlet: its profile, every fact with its source, and its articles."""
    with open_corpus(request) as corpus:
        found = corpus.outlets.get(outlet_id)
        if found is None:
            named = corpus.outlets.find(outlet_id)
            if named is None:
                raise ApiError(404, f"no outlet {outlet_id!r} in the registry or the corpus")
            return RedirectResponse(request.url_for("outlet", outlet_id=named.id), 303)
        query = ArticleQuery(outlet=found.id, limit=OUTLET_PAGE, cursor=cursor or None)
        page = corpus.articles.page(query)
        total = corpus.articles.count(query)
        in_registry = corpus.outlets.registry.get(found.id) is not None
        in_stories, story_total = stories_with(
            corpus, StoryQuery(outlet=found.id, limit=PAGE_STORIES)
        )
    return render(
        request,
        "outlet.html",
        outlet=found,
        in_registry=in_registry,
        stories=in_stories,
        story_total=story_total,
        page=page,
        total=total,
        next_url=_next_url(request, page.next_cursor),
    )


def error_page(request: Request, status: int, message: str, details: list[str]) -> Response:
    """Render an error as a page (the API's error envelope, for people)."""
    return render(
        request,
        "error.html",
        status_code=status,
        status=status,
        message=message,
        details=[line for line in details if line != message],
    )
