"""``parallax ingest PATH...``: read, clean and store articles, then report per source file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from parallax.ahead import ingest_workers_ahead
from parallax.cli.common import (
    DbOption,
    command_settings,
    console,
    errors,
    open_corpus,
    printable,
    progress_bar,
)
from parallax.model import Rejection
from parallax.outcomes import IngestReport


def print_rejection(rejection: Rejection) -> None:
    """Print one rejection as one line on stderr, as it happens, control characters escaped."""
    errors.print(printable(rejection.line()), markup=False, soft_wrap=True)


def summary_line(report: IngestReport) -> str:
    """Return the one-line outcome: what was stored, revised, linked and rejected, and in
    which languages (saying which of them the NLP stage will skip)."""
    line = (
        f"{report.new_articles} stored, {report.revised} updated as new revisions, "
        f"{report.duplicates} duplicates linked, {report.rejected} rejected "
        f"from {report.sources} sources ({report.skipped_sources} unchanged sources skipped)."
    )
    if not report.languages:
        return line
    counts = ", ".join(f"{language} {count}" for language, count, _ in report.languages)
    skipped = [reason for _, _, reason in report.languages if reason]
    notes = f" Analysis will skip {'; '.join(skipped)}." if skipped else ""
    return f"{line} Languages: {counts}.{notes}"


def report_table(report: IngestReport) -> Table:
    """Return the table of what became of each source file's records."""
    table = Table(expand=True)
    table.add_column("source", overflow="fold", ratio=3, min_width=12)
    for column in ("read", "stored", "revised", "unchanged", "duplicates"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("rejected", overflow="fold", ratio=2, min_width=11)
    for row in report.files:
        rejected = ", ".join(f"{code} × {count}" for code, count in row.rejected.items())
        table.add_row(
            Text(printable(row.source)),
            *(
                str(value)
                for value in (row.read, row.stored, row.revised, row.unchanged, row.duplicates)
            ),
            Text(rejected or "—"),
        )
    return table


def print_report(report: IngestReport) -> None:
    """Render an ingest report: the table per source file and the summary line (its
    rejections were printed as they happened)."""
    if report.files:
        console.print(report_table(report))
    console.print(summary_line(report), markup=False)


def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    db: DbOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Force a reader (text, jsonl, json, html, feed, warc); default: sniffed.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Exit 1 if anything was rejected (an unchanged input's too)."
        ),
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print the report (totals, then per source file) as JSON."),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Processes parsing pages and cleaning articles (default: the ingest_workers "
            "setting, 0 = one per CPU); this one reads and writes in input order, so the store "
            "and the report are the same for any number.",
        ),
    ] = None,
) -> None:
    """Read, clean and store articles; bad inputs are recorded and the batch goes on."""
    settings = command_settings(ctx, db)
    # The workers' server, when the inputs need one, starts before this process imports the
    # library and opens the store, so that both starts run side by side.
    with (
        ingest_workers_ahead(paths, settings=settings, workers=workers),
        open_corpus(ctx, db, settings=settings) as corpus,
        progress_bar(errors) as progress,
    ):
        task = progress.add_task("ingesting", total=None)

        def advance(done: int, total: int, name: str) -> None:
            label = printable(Path(name).name[:40])
            progress.update(task, completed=done, total=total, description=label)

        report = corpus.ingest(
            paths,
            fmt=fmt,
            stdin=sys.stdin.buffer,
            progress=advance,
            on_rejection=print_rejection,
            workers=workers,
        )
    if as_json:
        from parallax.codec import dump  # pydantic: not before the workers' server starts

        console.file.write(json.dumps(dump(report), ensure_ascii=False) + "\n")
    else:
        print_report(report)
    if strict and report.rejected:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(ingest)
