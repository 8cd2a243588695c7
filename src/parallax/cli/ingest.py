"""``parallax ingest PATH...``: read, clean and store articles."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.common import DbOption, console, errors, open_corpus, printable, progress_bar
from parallax.model import IngestReport, Rejection


def print_rejection(rejection: Rejection) -> None:
    """Print one rejection as one line on stderr, as it happens, control characters escaped."""
    errors.print(printable(rejection.line()), markup=False, soft_wrap=True)


def print_report(report: IngestReport) -> None:
    """Render an ingest report's counts (its rejections were printed as they happened)."""
    console.print(
        f"[bold]{report.articles}[/] articles stored ({report.new_articles} new, "
        f"{report.duplicates} near-duplicates linked) from {report.sources} sources; "
        f"{report.skipped_sources} unchanged sources skipped; "
        f"[bold]{report.rejected}[/] rejected."
    )


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
        bool,
        typer.Option(
            "--strict", help="Exit 1 if anything was rejected (an unchanged input's too)."
        ),
    ] = False,
) -> None:
    """Read, clean and store articles; bad inputs are recorded and the batch goes on."""
    with open_corpus(ctx, db) as corpus, progress_bar(errors) as progress:
        task = progress.add_task("ingesting", total=None)

        def advance(done: int, total: int, name: str) -> None:
            label = printable(Path(name).name[:40])
            progress.update(task, completed=done, total=total, description=label)

        report = corpus.ingest(
            paths, fmt=fmt, stdin=sys.stdin.buffer, progress=advance, on_rejection=print_rejection
        )
    print_report(report)
    if strict and report.rejected:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(ingest)
