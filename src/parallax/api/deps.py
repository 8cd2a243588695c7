"""What every route needs: the app's configuration and a corpus opened for one request."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated

from fastapi import Query
from starlette.requests import Request

from parallax.config import Settings
from parallax.corpus import Corpus

#: The most rows one page of a list holds (``limit``); following cursors reaches every row.
MAX_PAGE = 200

# The query parameters the filtered lists (articles, stories, search) share.
OutletQuery = Annotated[
    str | None, Query(max_length=200, description="Outlet id, name, alias or domain.")
]
CountryQuery = Annotated[
    str | None,
    Query(max_length=200, description="Start of the outlet's documented country: Russia."),
]
AffiliatedQuery = Annotated[
    bool | None,
    Query(description="Outlets with (true) or without (false) a documented state affiliation."),
]
DeprecatedAffiliatedQuery = Annotated[
    bool | None,
    Query(
        deprecated=True,
        description="The old name of state_affiliated on this list; use state_affiliated.",
    ),
]
AffiliationQuery = Annotated[
    str | None, Query(max_length=200, description="Words of the documented state affiliation.")
]
CursorQuery = Annotated[
    str | None, Query(max_length=500, description="next_cursor of the previous page.")
]


def either_name(value: bool | None, old: bool | None) -> bool | None:
    """Return a filter given by its name or by its deprecated one; the name wins when both are."""
    return old if value is None else value


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
