"""``parallax analyze``: run the NLP stage over what is not yet analysed."""

from __future__ import annotations

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from parallax.cli.common import DbOption, console, errors, open_corpus
from parallax.model import AnalyzeReport


def print_analyze_report(report: AnalyzeReport) -> None:
    """Render an analyse report."""
    console.print(
        f"[bold]{report.analyzed}[/] articles analysed; [bold]{report.entities}[/] canonical "
        f"entities in the corpus; {len(report.rejections)} failed."
    )
    for rejection in report.rejections:
        errors.print(rejection.line(), markup=False, soft_wrap=True)


def analyze(ctx: typer.Context, db: DbOption = None) -> None:
    """Find entities, quotes, dates and claims in every article not yet analysed.

    Articles analysed by an older extractor version are analysed again.
    """
    with open_corpus(ctx, db) as corpus:
        columns = (
            TextColumn("analysing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("analysing", total=None)

            def advance(done: int, total: int, _name: str) -> None:
                progress.update(task, completed=done, total=total)

            report = corpus.analyze(progress=advance)
    print_analyze_report(report)


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(analyze)
