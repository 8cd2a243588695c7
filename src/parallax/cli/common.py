"""Options shared by every command, and the one place the CLI opens a corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from parallax.config import load_settings
from parallax.corpus import Corpus

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="PARALLAX_DB",
        help="SQLite file of the corpus (default: parallax.db, or $PARALLAX_DB).",
        show_default=False,
    ),
]


def open_corpus(ctx: typer.Context, db: Path | None) -> Corpus:
    """Open the corpus named by --db, with the settings given to the top-level command."""
    state = ctx.find_root().obj or {}
    settings = load_settings(
        config_file=state.get("config"),
        overrides=state.get("overrides", ()),
        db=str(db) if db else None,
    )
    return Corpus(settings.db, settings=settings)
