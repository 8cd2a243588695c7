"""What every route needs: the app's configuration and a corpus opened for one request."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from starlette.requests import Request

from parallax.config import Settings
from parallax.corpus import Corpus

#: The most rows one page of a list holds (``limit``); following cursors reaches every row.
MAX_PAGE = 200


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
