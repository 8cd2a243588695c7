"""``parallax export``: the corpus as JSON, JSON Lines, CSV or Parquet."""

from __future__ import annotations

from typing import Annotated

import typer

from parallax.cli.common import DbOption, OutputOption, open_corpus, print_output
from parallax.export import export_corpus


def export(
    ctx: typer.Context,
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="json, jsonl, csv or parquet.")] = "json",
    output: OutputOption = None,
) -> None:
    """Export the corpus (JSON: see docs/export-schema.json)."""
    with open_corpus(ctx, db) as corpus:
        text = export_corpus(corpus, fmt, output)
    print_output(text, output)


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(export)
