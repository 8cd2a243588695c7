"""Build the HTTP app: the JSON API under ``/api`` (:mod:`parallax.server.json`), the web pages
(:mod:`parallax.server.pages`) and their static files, behind one cache and one error funnel.

Read-only unless built with ``enable_ingest=True`` and a token. Every response carries a
Content-Security-Policy that only allows the app's own resources, and the app loads nothing
from elsewhere: its interactive OpenAPI pages (which load scripts from a CDN) are off, and the
schema itself is served at ``/api/openapi.json``.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from pathlib import Path

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import parallax
from parallax.config import Settings, load_settings
from parallax.corpus import Corpus
from parallax.errors import Code, ConfigError
from parallax.server.cache import ResponseCache
from parallax.server.comparing import ComparisonJobs
from parallax.server.deps import AppConfig
from parallax.server.errors import install_error_handlers
from parallax.server.json import articles, entities, ingest, outlets, search, stories
from parallax.server.methods import Methods
from parallax.server.pages import lists, outlet_list, story_articles, story_outlets, views
from parallax.server.pages.render import compile_templates

#: Headers on every response: only this app's own scripts, styles, images and forms.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
#: How ``parallax serve --workers N`` hands each worker process its app: the corpus file, the
#: settings and whether ingest is open, as JSON. The token travels in ``PARALLAX_TOKEN``.
SERVE_ENV = "PARALLAX_SERVE_APP"


class SecurityHeaders:
    """ASGI middleware that adds :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in SECURITY_HEADERS.items()
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in self.headers if name not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    db: str | Path,
    *,
    settings: Settings | None = None,
    enable_ingest: bool = False,
    token: str | None = None,
) -> FastAPI:
    """Return the Parallax web app over the corpus in ``db``.

    Args:
        db: The SQLite file of the corpus.
        settings: Settings (``max_file_bytes`` limits an ingest body); default: loaded as the
            CLI loads them.
        enable_ingest: Add ``POST /api/ingest``. It needs ``token``.
        token: The bearer token ``POST /api/ingest`` requires.

    Raises:
        ConfigError: ingest is enabled without a token.
    """
    if enable_ingest and not token:
        raise ConfigError(Code.CONFIG, "ingest over HTTP needs a token (--token or PARALLAX_TOKEN)")
    settings = settings or load_settings()
    compile_templates()  # here, not on a first request
    Corpus.load_comparison_code()  # likewise
    jobs = ComparisonJobs()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Parallax",
        summary="How the news tells one story from many sides.",
        version=parallax.__version__,
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    config = AppConfig(db=str(db), settings=settings, enable_ingest=enable_ingest, token=token)
    app.state.parallax = config
    app.state.comparison_jobs = jobs
    for module in (articles, entities, outlets, search, stories):
        app.include_router(module.router)
    if enable_ingest:
        app.include_router(ingest.router)
    app.include_router(lists.router)
    app.include_router(outlet_list.router)
    app.include_router(story_articles.router)
    app.include_router(story_outlets.router)
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=views.STATIC), name="static")
    app.add_middleware(ResponseCache, config=config)  # inside: cached answers get the headers
    app.add_middleware(Methods, routed=app)  # HEAD is a GET without its body: cached alike
    app.add_middleware(SecurityHeaders)
    install_error_handlers(app, html_page=views.error_page, headers=SECURITY_HEADERS)
    return app


def serve_environment(
    db: str | Path, *, settings: Settings, enable_ingest: bool = False
) -> dict[str, str]:
    """Return the environment from which :func:`app_from_environment` builds the same app."""
    config = {"db": str(db), "settings": asdict(settings), "enable_ingest": enable_ingest}
    return {SERVE_ENV: json.dumps(config)}


def app_from_environment() -> FastAPI:
    """Build the app described by :data:`SERVE_ENV` (uvicorn's factory in worker processes).

    Raises:
        ConfigError: the variable is missing or does not describe an app.
    """
    try:
        config = json.loads(os.environ[SERVE_ENV])
        settings = Settings(**config["settings"])
        db, enable_ingest = str(config["db"]), bool(config["enable_ingest"])
    except (KeyError, TypeError, ValueError) as error:
        raise ConfigError(Code.CONFIG, f"{SERVE_ENV} does not describe an app: {error}") from error
    token = os.environ.get("PARALLAX_TOKEN")
    return create_app(db, settings=settings, enable_ingest=enable_ingest, token=token)
