"""``parallax run PATH... --out DIR`` and ``parallax load DIR``: process at scale, then store."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from parallax.cli.analyze import CompareOption, print_compare_report, print_group_report
from parallax.cli.common import DbOption, console, errors, open_corpus, printable, progress_bar
from parallax.config import load_settings

if TYPE_CHECKING:  # the runners bring pyarrow: imported when a run starts, not by every command
    from parallax.runners import LoadReport, RunReport


class EngineName(StrEnum):
    """The engines ``parallax run`` can use."""

    local = "local"
    ray = "ray"


def print_run_report(report: RunReport) -> None:
    """Render what a run did and what to do next."""
    console.print(
        f"[bold]{report.articles}[/] articles from {report.sources} sources in "
        f"{report.seconds:.1f} s ({report.rate:.1f} articles/s, {report.engine} engine, "
        f"{report.workers} workers); {report.skipped_sources} finished sources skipped; "
        f"{report.failed_sources} sources failed or missing; "
        f"[bold]{report.rejections}[/] rejections."
    )
    if report.worker_peak_mb:
        peaks = ", ".join(f"{peak:.0f}" for peak in report.worker_peak_mb)
        console.print(f"peak memory per worker (MiB): {peaks}")
    console.print(f"shards in {report.out}; store them with: parallax load {report.out}")


def print_load_report(report: LoadReport) -> None:
    """Render what a load did, then one line per rejection on stderr."""
    console.print(
        f"{report.new_articles} stored, {report.revised} updated as new revisions, "
        f"{report.duplicates} duplicates linked from {report.sources} sources; "
        f"{report.skipped_sources} sources loaded before; {report.analyses} analyses and "
        f"{report.embeddings} story embeddings loaded; "
        f"[bold]{report.entities}[/] canonical entities; "
        f"[bold]{report.rejected}[/] rejected."
    )
    if report.analyzed_here:
        errors.print(
            f"{report.analyzed_here} articles had no analysis by this version of the NLP stage "
            "in the shards and were analysed here",
            markup=False,
        )
    print_group_report(report.stories)
    for rejection in report.rejections:
        errors.print(printable(rejection.line()), markup=False, soft_wrap=True)


def run(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories, globs, or s3:// (any pyarrow) URIs.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Directory for the Parquet shards.")],
    engine: Annotated[
        EngineName, typer.Option(help="local: a process pool here; ray: Ray Data (RAY_ADDRESS).")
    ] = EngineName.local,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes or actors (default: one per CPU)."),
    ] = None,
) -> None:
    """Read, clean and analyse sources in parallel, writing Parquet shards to --out.

    One source file is one unit of work. Sources finished before (the ledger in --out) are
    skipped, so a killed run resumes. Then store the shards with `parallax load`.
    """
    state = ctx.find_root().obj or {}
    settings = load_settings(config_file=state.get("config"), overrides=state.get("overrides", ()))
    with progress_bar() as progress:
        task = progress.add_task("processing", total=None)

        def advance(done: int, total: int, _name: str) -> None:
            progress.update(task, completed=done, total=total)

        from parallax.runners import write_shards

        report = write_shards(
            paths, out, engine=engine.value, workers=workers, settings=settings, progress=advance
        )
    print_run_report(report)


def load(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="The --out directory of parallax run.")],
    db: DbOption = None,
    compare: CompareOption = True,
) -> None:
    """Store the shards of a run: articles, near-duplicate links, analyses, entities, stories,
    then the comparison of every story two or more outlets tell.

    Loading again is safe: sources already loaded are skipped.
    """
    with open_corpus(ctx, db) as corpus, progress_bar() as progress:
        task = progress.add_task("loading", total=None)

        def advance(done: int, total: int, _name: str) -> None:
            progress.update(task, completed=done, total=total)

        report = corpus.load_shards(directory, progress=advance)
        if compare:
            progress.update(task, description="comparing", completed=0, total=None)
            compared = corpus.compare_stories(progress=advance)
    print_load_report(report)
    if compare:
        print_compare_report(compared)


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""
    app.command()(run)
    app.command()(load)
