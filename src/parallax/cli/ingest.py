"""``parallax ingest PATH...``: read, clean and store articles."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import DbOption, console, errors, open_corpus, progress_bar
from parallax.model import IngestReport


def print_report(report: IngestReport) -> None:
    """Render an ingest report: counts, then one line per rejection on stderr."""
    console.print(
        f"[bold]{report.articles}[/] articles stored ({report.new_articles} new, "
        f"{report.duplicates} near-duplicates linked) from {report.sources} sources; "
        f"{report.skipped_sources} unchanged sources skipped; "
        f"[bold]{len(report.rejections)}[/] rejected."
    )
    for rejection in report.rejections:
        errors.print(rejection.line(), markup=False, soft_wrap=True)


def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    db: DbOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="Force a reader (text, jsonl, html, feed, warc); default: sniffed."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 if anything was rejected.")
    ] = False,
) -> None:
    """Read, clean and store articles; bad inputs are recorded and the batch goes on."""
    with open_corpus(ctx, db) as corpus, progress_bar() as progress:
        task = progress.add_task("ingesting", total=None)

        def advance(done: int, total: int, name: str) -> None:
            progress.update(task, completed=done, total=total, description=Path(name).name[:40])

        report = corpus.ingest(paths, fmt=fmt, stdin=sys.stdin.buffer, progress=advance)
    print_report(report)
    if strict and report.rejections:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(ingest)
