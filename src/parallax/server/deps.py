"""What both faces need: the app's configuration, a corpus opened for one request, and the
query models that map the JSON lists' parameters onto :class:`~parallax.query.ArticleQuery` and
:class:`~parallax.query.StoryQuery`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field
from starlette.requests import Request

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.query import ARTICLE_SORTS, SEARCH_SORTS, STORY_SORTS, ArticleQuery, StoryQuery
from parallax.server.errors import CURSOR_HELP


def _iso_date(value: object) -> object:
    # Pydantic alone would also read "20250704" or "0" as a Unix time; a date is YYYY-MM-DD.
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


#: A calendar date in a query, written YYYY-MM-DD and nothing else.
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
#: The most rows one page of a list holds (``limit``); following cursors reaches every row.
MAX_PAGE = 200

# The query parameters the filtered lists (articles, stories, search) share.
Outlet = Annotated[
    str | None, Field(max_length=200, description="Outlet id, name, alias or domain.")
]
Country = Annotated[
    str | None,
    Field(max_length=200, description="Start of the outlet's documented country: Russia."),
]
StateAffiliated = Annotated[
    bool | None,
    Field(description="Outlets with (true) or without (false) a documented state affiliation."),
]
Affiliation = Annotated[
    str | None, Field(max_length=200, description="Words of the documented state affiliation.")
]
Language = Annotated[
    str | None,
    Field(
        max_length=8,
        pattern=r"^[A-Za-z]{2,3}$",
        description="The article's language, an ISO 639-1 code: ru.",
    ),
]
Cursor = Annotated[str | None, Field(max_length=500, description=CURSOR_HELP)]


def _sort(choices: tuple[str, ...]) -> Any:
    return Field(
        pattern="^(" + "|".join(re.escape(choice) for choice in choices) + ")$",
        description=f"Order: {', '.join(choices)} (-name: descending; first: the default).",
    )


def _page_size(rows: str) -> Any:
    return Field(ge=1, le=MAX_PAGE, description=f"{rows} per page (at most {MAX_PAGE}).")


class ArticleListParams(BaseModel):
    """``GET /api/articles``: the article list's query (HTTP names; see :meth:`query`)."""

    outlet: Outlet = None
    published_from: Annotated[
        IsoDate | None, Field(description="Earliest publication date (inclusive).")
    ] = None
    published_to: Annotated[
        IsoDate | None, Field(description="Latest publication date (inclusive).")
    ] = None
    country: Country = None
    state_affiliated: StateAffiliated = None
    affiliation: Affiliation = None
    language: Language = None
    q: Annotated[str | None, Field(max_length=500, description="Words that must all occur.")] = None
    entity: Annotated[
        str | None,
        Field(max_length=64, description="Entity id: articles that mention or quote it."),
    ] = None
    limit: Annotated[int, _page_size("Articles")] = 50
    cursor: Cursor = None
    sort: Annotated[str | None, _sort(ARTICLE_SORTS)] = None
    affiliated: Annotated[
        bool | None,
        Field(
            deprecated=True,
            description="The old name of state_affiliated on this list; use state_affiliated.",
        ),
    ] = None

    def query(self) -> ArticleQuery:
        """The library's query: ``published_from``/``to`` are ``since``/``until`` there, and
        the deprecated ``affiliated`` counts when ``state_affiliated`` is not given."""
        kept = self.state_affiliated
        if kept is None:
            kept = self.__dict__["affiliated"]  # read without the deprecation warning
        return ArticleQuery(
            outlet=self.outlet, since=self.published_from, until=self.published_to,
            country=self.country, state_affiliated=kept, affiliation=self.affiliation, q=self.q,
            entity=self.entity, language=self.language, limit=self.limit, cursor=self.cursor,
            sort=self.sort,
        )  # fmt: skip


class StoryListParams(BaseModel):
    """``GET /api/stories``: the story list's query."""

    outlet: Outlet = None
    since: Annotated[
        IsoDate | None, Field(description="Stories still active on or after this date.")
    ] = None
    until: Annotated[
        IsoDate | None, Field(description="Stories already active on or before this date.")
    ] = None
    entity: Annotated[
        str | None,
        Field(
            max_length=200,
            description="Entity id or canonical name: a key entity, or named in an article.",
        ),
    ] = None
    country: Country = None
    state_affiliated: StateAffiliated = None
    affiliation: Affiliation = None
    language: Language = None
    limit: Annotated[int, _page_size("Stories")] = 50
    cursor: Cursor = None
    sort: Annotated[str | None, _sort(STORY_SORTS)] = None

    def query(self) -> StoryQuery:
        """The library's query (the same names)."""
        return StoryQuery(**self.model_dump())


class SearchParams(BaseModel):
    """``GET /api/search``: the search's query."""

    q: Annotated[str, Field(min_length=1, max_length=500, description="Words that must all occur.")]
    outlet: Outlet = None
    since: Annotated[
        IsoDate | None, Field(description="Earliest publication date (inclusive).")
    ] = None
    until: Annotated[IsoDate | None, Field(description="Latest publication date (inclusive).")] = (
        None
    )
    entity: Annotated[
        str | None,
        Field(max_length=200, description="Entity id or canonical name: matches that name it."),
    ] = None
    country: Country = None
    state_affiliated: StateAffiliated = None
    affiliation: Affiliation = None
    language: Language = None
    limit: Annotated[int, _page_size("Matches")] = 20
    cursor: Cursor = None
    sort: Annotated[str | None, _sort(SEARCH_SORTS)] = None

    def query(self) -> ArticleQuery:
        """The library's query (the same names)."""
        return ArticleQuery(**self.model_dump())


@dataclass(frozen=True, slots=True)
class AppConfig:
    """How an app was built: its corpus file, settings, and whether ingest is open."""

    db: str
    settings: Settings
    enable_ingest: bool = False
    token: str | None = None


def app_config(request: Request) -> AppConfig:
    """Return the configuration the app was built with."""
    config: AppConfig = request.app.state.parallax
    return config


@contextmanager
def open_corpus(request: Request) -> Iterator[Corpus]:
    """Open the app's corpus for one request, and close it afterwards.

    A SQLite connection belongs to the thread that made it, so each request opens its own
    (cheap: the file stays cached) inside the thread that serves it; WAL mode lets readers
    run while an ingest writes.
    """
    config = app_config(request)
    with Corpus(config.db, settings=config.settings) as corpus:
        yield corpus
