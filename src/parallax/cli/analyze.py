"""``parallax analyze``: run the NLP stage over what is not yet analysed."""

from __future__ import annotations

from typing import Annotated

import typer

from parallax.cli.common import DbOption, console, errors, open_corpus, progress_bar
from parallax.outcomes import AnalyzeReport, CompareReport, GroupReport


def print_analyze_report(report: AnalyzeReport) -> None:
    """Render an analyse report."""
    console.print(
        f"[bold]{report.analyzed}[/] articles analysed; [bold]{report.entities}[/] canonical "
        f"entities in the corpus; {len(report.rejections)} failed."
    )
    for reason, count in report.skipped:
        console.print(f"{count} skipped: {reason}", markup=False)
    for rejection in report.rejections:
        errors.print(rejection.line(), markup=False, soft_wrap=True)


def print_group_report(report: GroupReport) -> None:
    """Render a story-grouping report."""
    console.print(
        f"[bold]{report.assigned}[/] articles assigned to stories ({report.opened} new stories, "
        f"{report.merged} merged); [bold]{report.stories}[/] stories in the corpus."
    )


def print_compare_report(report: CompareReport) -> None:
    """Render what computing the stories' comparisons did."""
    console.print(
        f"[bold]{report.compared}[/] story comparisons computed and stored "
        f"({report.current} already current; {report.single_outlet} stories told by one outlet "
        "left to their pages)."
    )


CompareOption = Annotated[
    bool,
    typer.Option(
        "--compare/--no-compare",
        help="Then compare the outlets of every story two or more tell (and the one-outlet "
        "stories compare_one_outlet_chars names; changed stories only), so pages and "
        "`parallax compare` answer at once. --no-compare still stores the sentence vectors "
        "of the stories page_vectors_chars names.",
    ),
]


WorkersOption = Annotated[
    int | None,
    typer.Option(
        min=1,
        help="Processes finding entities, quotes, dates and claims, embedding articles and "
        "sentences, and comparing stories (default: the analyze_workers setting, 0 = one per "
        "CPU); the result is the same for any number.",
    ),
]


def analyze(
    ctx: typer.Context,
    db: DbOption = None,
    compare: CompareOption = True,
    workers: WorkersOption = None,
) -> None:
    """Find entities, quotes, dates and claims, group articles into stories, compare outlets.

    Articles analysed by an older extractor version are analysed again; grouping is
    incremental: only articles without a story are assigned; only stories that changed are
    compared again.
    """
    with (
        open_corpus(ctx, db) as corpus,
        corpus.shared_workers(compare=compare),
        progress_bar() as progress,
    ):
        task = progress.add_task("analysing", total=None)

        def advance(done: int, total: int, _name: str) -> None:
            progress.update(task, completed=done, total=total)

        report = corpus.analyze(progress=advance, workers=workers)
        grouped = corpus.group_stories(progress=advance)
        if compare:
            progress.update(task, description="comparing", completed=0, total=None)
            compared = corpus.compare_stories(progress=advance, workers=workers)
        else:
            progress.update(task, description="embedding for pages", completed=0, total=None)
            ahead = corpus.embed_for_pages(workers=workers)
    print_analyze_report(report)
    print_group_report(grouped)
    if compare:
        print_compare_report(compared)
    elif ahead.stories:
        console.print(
            f"{ahead.embedded} sentence vectors stored for the first views of "
            f"{ahead.stories} long stories two or more outlets tell (page_vectors_chars)."
        )


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command()(analyze)
