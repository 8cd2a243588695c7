"""The list pages (stories, articles, search, entities), each also as JSON and CSV.

A list page reads one query (:class:`~parallax.query.StoryQuery` or
:class:`~parallax.query.ArticleQuery`, under the same names as the API and the CLI), and
shows one page of it with its total, its facets (how many rows each filter value keeps,
linking to the list narrowed by it), its sort choices and its ``.json`` and ``.csv`` twins
(:mod:`parallax.server.pages.tables`). A query the library refuses (search syntax, an
unknown sort, a foreign cursor) is a 400 page that keeps the form as typed. A list's total
and facets depend on its filters only, so they are made once per set of filters and data
version (:func:`parallax.server.cache.counted`) and shared by its pages, orders and formats.
The outlet list is :mod:`parallax.server.pages.outlet_list`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response

from parallax.errors import ConfigError
from parallax.query import ArticleQuery, StoryQuery
from parallax.report.views import LABELS
from parallax.results import Facets
from parallax.server.cache import counted
from parallax.server.deps import MAX_PAGE, open_corpus
from parallax.server.errors import ApiError, wants_html
from parallax.server.pages.facets import (
    ARTICLE_ORDERS,
    SEARCH_ORDERS,
    STORY_ORDERS,
    facet_groups,
    format_links,
    sort_links,
)
from parallax.server.pages.links import badge_profiles, stories_of
from parallax.server.pages.render import render
from parallax.server.pages.tables import (
    article_row,
    data_response,
    entity_row,
    search_row,
    story_row,
)

if TYPE_CHECKING:
    from parallax.corpus import Corpus

STORY_PAGE = 50
PAGE = 50
SEARCH_PAGE = 20
ENTITY_PAGE = 100
ENTITY_ORDERS = (("-mentions", "most mentioned"), ("name", "name A–Z"), ("-name", "name Z–A"))
#: The entity types the entity list can be narrowed to.
ENTITY_LABELS = tuple(LABELS.items())

router = APIRouter(include_in_schema=False)

Text = Annotated[str | None, Query(max_length=500)]
Format = Annotated[Literal["json", "csv"], Path(description="json or csv")]
Limit = Annotated[int | None, Query(ge=1, le=MAX_PAGE)]
#: A text parameter inside a query parameter model.
Typed = Annotated[str | None, Field(max_length=500)]
_Q = TypeVar("_Q", StoryQuery, ArticleQuery)


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(400, f"{name} must be a date such as 2025-07-04, not {value!r}") from None


def _affiliated(value: str | None, name: str = "affiliated") -> bool | None:
    choices = {"": None, "yes": True, "no": False}
    if (value or "") not in choices:
        raise ApiError(400, f"{name} must be yes, no or empty, not {value!r}")
    return choices[value or ""]


def _next_url(request: Request, cursor: str | None) -> str | None:
    return str(request.url.include_query_params(cursor=cursor)) if cursor else None


def _first_url(request: Request, cursor: str | None) -> str | None:
    """The first page's address, on any later page (else None)."""
    return str(request.url.remove_query_params("cursor")) if cursor else None


def _story_counts(request: Request, corpus: Corpus, query: StoryQuery) -> tuple[int, Facets]:
    """How many stories ``query`` keeps and its facets, once per set of filters."""
    key = ("stories", replace(query, cursor=None, sort=None, limit=1))
    return counted(
        request, key, lambda: (corpus.stories.count(query), corpus.stories.facets(query))
    )


def _article_counts(request: Request, corpus: Corpus, query: ArticleQuery) -> tuple[int, Facets]:
    """How many articles ``query`` keeps and its facets, once per set of filters; a search
    counts its matches from its facets (see :func:`_matches`)."""
    key = ("articles", replace(query, cursor=None, sort=None, limit=1))

    def make() -> tuple[int, Facets]:
        facets = corpus.articles.facets(query)
        return (_matches(facets) if query.q else corpus.articles.count(query)), facets

    return counted(request, key, make)


def _refused(request: Request, error: ConfigError) -> ConfigError:
    """The library's objection, to show on the page; an API client gets the error envelope.

    Raises:
        ConfigError: ``error`` itself, for a request that does not want a page.
    """
    if not wants_html(request):
        raise error
    return error


def _page(request: Request, template: str, error: ConfigError | None, **context: Any) -> Response:
    """A list page, or the same page with the library's objection and status 400."""
    status = 400 if error is not None else 200
    message = error.reason if error is not None else None
    formats = format_links(request)
    return render(request, template, status_code=status, error=message, formats=formats, **context)


class _Filters(BaseModel):
    """The filters of the story list and the search, as the visitor typed them (a query
    parameter model: each field is one query parameter, under its alias where it has one)."""

    model_config = ConfigDict(frozen=True)

    #: The names the date range goes by in a 400's message.
    dates: ClassVar[tuple[str, str]] = ("since", "until")

    outlet: Typed = None
    since: Typed = None
    until: Typed = None
    entity: Typed = None
    country: Typed = None
    state_affiliated: Typed = None
    affiliation: Typed = None
    language: Typed = None

    def kept(self) -> bool | None:
        """The state-affiliation choice parsed (or 400)."""
        return _affiliated(self.state_affiliated, "state_affiliated")

    def arguments(self) -> dict[str, Any]:
        """The filters as query arguments: the dates and the yes/no choice parsed (or 400)."""
        first, last = self.dates
        return self.model_dump(include=set(_Filters.model_fields)) | {
            "since": _date(self.since, first),
            "until": _date(self.until, last),
            "state_affiliated": self.kept(),
        }

    def form(self) -> dict[str, str]:
        """The form filled in again, under the parameters' names (escaped by the template)."""
        return {name: value or "" for name, value in self.model_dump(by_alias=True).items()}


Filters = Annotated[_Filters, Query()]


def _checked(make: Callable[..., _Q], /, **arguments: Any) -> _Q:
    """The library's query made of ``arguments``, or a 400 with the library's objection."""
    try:
        return make(**arguments)
    except ConfigError as error:
        raise ApiError(400, error.reason) from None


def _story_query(filters: _Filters, sort: str | None, cursor: str | None, limit: int) -> StoryQuery:
    return _checked(
        StoryQuery, **filters.arguments(), limit=limit, cursor=cursor or None, sort=sort or None
    )


@router.get("/stories")
def stories(request: Request, filters: Filters, sort: Text = None, cursor: Text = None) -> Response:
    """Every story, most recently active first (or as sorted), with its outlets; facets."""
    query = _story_query(filters, sort, cursor, STORY_PAGE)
    items: list[Any] = []
    facets: Facets = {}
    total, next_cursor, failed = 0, None, None
    with open_corpus(request) as corpus:
        outlets = corpus.outlets.names()
        try:
            page = corpus.stories.page(query)
            items, next_cursor = list(page.items), page.next_cursor
            total, facets = _story_counts(request, corpus, query)
        except ConfigError as error:
            failed = _refused(request, error)
        profiles = badge_profiles(corpus, (o for story in items for o in story.outlets))
    return _page(
        request, "stories.html", failed, items=items, profiles=profiles, total=total,
        filtered=query.filtered, form=filters.form(), outlets=outlets,
        facets=facet_groups(request, facets),
        sorts=sort_links(request, STORY_ORDERS, query.sort),
        next_url=_next_url(request, next_cursor), first_url=_first_url(request, cursor),
    )  # fmt: skip


@router.get("/stories.{fmt}")
def stories_data(
    request: Request,
    fmt: Format,
    filters: Filters,
    sort: Text = None,
    cursor: Text = None,
    limit: Limit = None,
) -> Response:
    """The story list as JSON or CSV, with the same filters and order."""
    query = _story_query(filters, sort, cursor, limit or STORY_PAGE)
    with open_corpus(request) as corpus:
        page = corpus.stories.page(query)
        total, facets = _story_counts(request, corpus, query)
    rows = (story_row(story) for story in page.items)
    return data_response(
        request, fmt, rows, next_cursor=page.next_cursor, total=total, facets=facets
    )


class _ArticleArgs(_Filters):
    """The article list's parameters, as typed: the filters with the date range named
    ``published_from`` and ``published_to``, and ``affiliated`` (the old ``state_affiliated``)."""

    dates: ClassVar[tuple[str, str]] = ("from", "to")

    since: Annotated[str | None, Field(max_length=500, alias="published_from")] = None
    until: Annotated[str | None, Field(max_length=500, alias="published_to")] = None
    q: Typed = None
    sort: Typed = None
    cursor: Typed = None
    affiliated: Typed = None

    def kept(self) -> bool | None:
        """The state-affiliation choice parsed (or 400); ``state_affiliated`` wins."""
        kept = _affiliated(self.state_affiliated, "state_affiliated")
        return _affiliated(self.affiliated) if kept is None else kept

    def query(self, limit: int) -> ArticleQuery:
        """The library's query (or a 400 for a bad choice, date or sort, in that order)."""
        self.kept()  # this list has always named a bad choice before a bad date
        return _checked(
            ArticleQuery, **self.arguments(), q=self.q, limit=limit, cursor=self.cursor or None,
            sort=self.sort or None,
        )  # fmt: skip

    def form(self) -> dict[str, str]:
        """The form filled in again (the old name fills the new one's field)."""
        return super().form() | {"state_affiliated": self.state_affiliated or self.affiliated or ""}


ArticleArgs = Annotated[_ArticleArgs, Query()]


@router.get("/articles")
def articles(request: Request, args: ArticleArgs) -> Response:
    """Every article, newest first (or as sorted), with filters and facets."""
    query = args.query(PAGE)
    items: list[Any] = []
    facets: Facets = {}
    total, next_cursor, failed = 0, None, None
    with open_corpus(request) as corpus:
        outlets = corpus.outlets.names()
        named = corpus.entities.find(args.entity) if args.entity else None
        try:
            page = corpus.articles.page(query)
            items, next_cursor = list(page.items), page.next_cursor
            total, facets = _article_counts(request, corpus, query)
        except ConfigError as error:
            failed = _refused(request, error)
    return _page(
        request, "articles.html", failed, items=items, entity=named, total=total,
        form=args.form(), outlets=outlets,
        facets=facet_groups(request, facets, dates=("published_from", "published_to")),
        sorts=sort_links(request, ARTICLE_ORDERS, query.sort),
        next_url=_next_url(request, next_cursor), first_url=_first_url(request, args.cursor),
    )  # fmt: skip


@router.get("/articles.{fmt}")
def articles_data(
    request: Request, fmt: Format, args: ArticleArgs, limit: Limit = None
) -> Response:
    """The article list as JSON or CSV, with the same filters and order."""
    query = args.query(limit or PAGE)
    with open_corpus(request) as corpus:
        page = corpus.articles.page(query)
        total, facets = _article_counts(request, corpus, query)
    rows = (article_row(article) for article in page.items)
    return data_response(
        request, fmt, rows, next_cursor=page.next_cursor, total=total, facets=facets
    )


def _matches(facets: Facets) -> int:
    """How many articles a search keeps: each is counted once under state affiliation yes or
    no, so the facets give the total without running the full-text match again."""
    return sum(value.count for value in facets.get("state_affiliated", ()))


def _search_query(
    filters: _Filters, q: str | None, sort: str | None, cursor: str | None, limit: int
) -> ArticleQuery:
    return _checked(
        ArticleQuery, **filters.arguments(), q=(q or "").strip(), limit=limit,
        cursor=cursor or None, sort=sort or None,
    )  # fmt: skip


@router.get("/search")
def search(
    request: Request, filters: Filters, q: Text = None, sort: Text = None, cursor: Text = None
) -> Response:
    """Full-text search (words, OR, NOT, "phrases", prefix*) with the article filters."""
    found = _search_query(filters, q, sort, cursor, SEARCH_PAGE)
    facets: Facets = {}
    page, total, failed = None, 0, None
    with open_corpus(request) as corpus:
        outlets = corpus.outlets.names()
        if found.q:
            try:
                page = corpus.articles.search(found)
                total, facets = _article_counts(request, corpus, found)
            except ConfigError as error:
                failed = _refused(request, error)
        hits = page.items if page else ()
        profiles = badge_profiles(corpus, (hit.article.outlet for hit in hits))
        in_stories = stories_of(corpus, (hit.article.id for hit in hits))
    form = filters.form()
    return _page(
        request, "search.html", failed, q=found.q, page=page, total=total, profiles=profiles,
        in_stories=in_stories, form=form, filtered=any(form.values()), outlets=outlets,
        facets=facet_groups(request, facets),
        sorts=sort_links(request, SEARCH_ORDERS, found.sort) if found.q else [],
        next_url=_next_url(request, page.next_cursor) if page else None,
    )  # fmt: skip


@router.get("/search.{fmt}")
def search_data(
    request: Request,
    fmt: Format,
    filters: Filters,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    sort: Text = None,
    cursor: Text = None,
    limit: Limit = None,
) -> Response:
    """The search's matches as JSON or CSV, each with its story."""
    found = _search_query(filters, q, sort, cursor, limit or SEARCH_PAGE)
    with open_corpus(request) as corpus:
        page = corpus.articles.search(found)
        total, facets = _article_counts(request, corpus, found)
        in_stories = stories_of(corpus, (hit.article.id for hit in page.items))
    rows = (search_row(hit, in_stories.get(hit.article.id)) for hit in page.items)
    return data_response(
        request, fmt, rows, next_cursor=page.next_cursor, total=total, facets=facets
    )


def _entity_page(
    request: Request, label: str | None, q: str | None, sort: str | None, cursor: str | None,
    limit: int,
) -> tuple[Any, Any]:  # fmt: skip
    with open_corpus(request) as corpus:
        page = corpus.entities.page(
            label=label or None, prefix=q or None, limit=limit, cursor=cursor or None,
            sort=sort or None,
        )  # fmt: skip
        facets = corpus.entities.facets(label=label or None, prefix=q or None)
    return page, facets


@router.get("/entities")
def entities(
    request: Request, label: Text = None, q: Text = None, sort: Text = None, cursor: Text = None
) -> Response:
    """Every canonical entity, most mentioned first (or by name), by type and name."""
    page, facets = _entity_page(request, label, q, sort, cursor, ENTITY_PAGE)
    return _page(
        request, "entities.html", None, page=page, form={"label": label or "", "q": q or ""},
        labels=ENTITY_LABELS, facets=facet_groups(request, facets, labels=LABELS),
        sorts=sort_links(request, ENTITY_ORDERS, sort or None),
        next_url=_next_url(request, page.next_cursor), first_url=_first_url(request, cursor),
    )  # fmt: skip


@router.get("/entities.{fmt}")
def entities_data(
    request: Request,
    fmt: Format,
    label: Text = None,
    q: Text = None,
    sort: Text = None,
    cursor: Text = None,
    limit: Limit = None,
) -> Response:
    """The entity list as JSON or CSV."""
    page, facets = _entity_page(request, label, q, sort, cursor, limit or ENTITY_PAGE)
    rows = (entity_row(entity) for entity in page.items)
    return data_response(request, fmt, rows, next_cursor=page.next_cursor, facets=facets)
