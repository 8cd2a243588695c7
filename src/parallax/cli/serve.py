"""``parallax serve``: the web pages and the JSON API over a corpus, with uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from parallax.cli.common import DbOption, console, open_corpus
from parallax.errors import Code, ConfigError


def serve(
    ctx: typer.Context,
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 exposes the server to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    enable_ingest: Annotated[
        bool,
        typer.Option(
            "--enable-ingest", help="Accept articles at POST /api/ingest (needs a token)."
        ),
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="PARALLAX_TOKEN",
            help="Bearer token POST /api/ingest requires (better given as $PARALLAX_TOKEN).",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(min=1, help="Worker processes; one per CPU core answers the most requests."),
    ] = 1,
) -> None:
    """Serve the web pages and the JSON API (read-only unless --enable-ingest)."""
    try:
        import uvicorn

        from parallax.server.app import create_app, serve_environment
    except ModuleNotFoundError as error:  # the web stack is optional
        raise ConfigError(
            Code.CONFIG, f"parallax serve needs {error.name}: pip install fastapi uvicorn jinja2"
        ) from error
    with open_corpus(ctx, db) as corpus:  # settings as every command loads them
        settings, path = corpus.settings, corpus.db
    app = create_app(path, settings=settings, enable_ingest=enable_ingest, token=token)
    console.print(f"serving {path} at http://{host}:{port}/ (Ctrl+C stops)", markup=False)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="info")
        return
    # Worker processes build the same app from the environment they inherit.
    os.environ.update(serve_environment(path, settings=settings, enable_ingest=enable_ingest))
    if token:
        os.environ["PARALLAX_TOKEN"] = token
    uvicorn.run(
        "parallax.server.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="info",
    )


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(serve)
