"""``parallax analyze``: run the NLP stage over what is not yet analysed."""

from __future__ import annotations

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from parallax.cli.common import DbOption, console, errors, open_corpus
from parallax.model import AnalyzeReport, GroupReport


def print_analyze_report(report: AnalyzeReport) -> None:
    """Render an analyse report."""
    console.print(
        f"[bold]{report.analyzed}[/] articles analysed; [bold]{report.entities}[/] canonical "
        f"entities in the corpus; {len(report.rejections)} failed."
    )
    for rejection in report.rejections:
        errors.print(rejection.line(), markup=False, soft_wrap=True)


def print_group_report(report: GroupReport) -> None:
    """Render a story-grouping report."""
    console.print(
        f"[bold]{report.assigned}[/] articles assigned to stories ({report.opened} new stories, "
        f"{report.merged} merged); [bold]{report.stories}[/] stories in the corpus."
    )


def analyze(ctx: typer.Context, db: DbOption = None) -> None:
    """Find entities, quotes, dates and claims, then group articles into stories.

    Articles analysed by an older extractor version are analysed again; grouping is
    incremental: only articles without a story are assigned.
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
            grouped = corpus.group_stories(progress=advance)
    print_analyze_report(report)
    print_group_report(grouped)


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(analyze)
