"""``parallax export``: the corpus as JSON, JSON Lines, CSV or Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import DbOption, console, open_corpus
from parallax.export import export_corpus


def export(
    ctx: typer.Context,
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="json, jsonl, csv or parquet.")] = "json",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Export the corpus (JSON: see docs/export-schema.json)."""
    with open_corpus(ctx, db) as corpus:
        text = export_corpus(corpus, fmt, output)
    if text is not None:
        console.file.write(text)
    else:
        console.print(f"wrote {output}", markup=False)


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(export)
